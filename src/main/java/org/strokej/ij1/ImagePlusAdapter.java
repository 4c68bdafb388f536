package org.strokej.ij1;

import java.util.Map;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Converts between StrokeJ's {@link Volume} and ImageJ 1's {@link ImagePlus}: calibration (mm
 * spacing) travels both ways, HU travel as 32-bit values, and the metadata is kept as image
 * properties ({@code strokej.unit}, {@code strokej.modality}, ...).
 */
public final class ImagePlusAdapter {

	public static final String PROP_UNIT = "strokej.unit";
	public static final String PROP_MODALITY = "strokej.modality";
	public static final String PROP_FORMAT = "strokej.format";
	public static final String PROP_SOURCE = "strokej.source";

	private ImagePlusAdapter() {}

	/** A 32-bit ImagePlus sharing the volume's slice arrays' values (copied per slice). */
	public static ImagePlus toImagePlus(Volume v, String title) {
		ImageStack stack = new ImageStack(v.nx(), v.ny());
		for (int z = 0; z < v.nz(); z++)
			stack.addSlice("z" + (z + 1), new FloatProcessor(v.nx(), v.ny(), v.slice(z)));
		ImagePlus imp = new ImagePlus(title, stack);
		calibrate(imp, v.spacing());
		ImageMetadata m = v.metadata();
		if (m.isHU()) imp.getCalibration().setValueUnit("HU");
		imp.setProperty(PROP_UNIT, m.valueUnit().name());
		imp.setProperty(PROP_MODALITY, m.modality());
		imp.setProperty(PROP_FORMAT, m.format());
		imp.setProperty(PROP_SOURCE, m.source());
		float[] r = v.range();
		if (!Float.isNaN(r[0])) imp.setDisplayRange(m.isHU() ? 0 : r[0], m.isHU() ? 80 : r[1]);
		return imp;
	}

	/** Sets the pixel size (x, y, z in mm) of an image. */
	public static void calibrate(ImagePlus imp, double[] spacingMm) {
		Calibration c = imp.getCalibration();
		c.pixelWidth = spacingMm[0];
		c.pixelHeight = spacingMm[1];
		c.pixelDepth = spacingMm[2];
		c.setUnit("mm");
	}

	/**
	 * A volume holding the ImagePlus' calibrated values (HU for a DICOM CT opened by ImageJ;
	 * grey values for 8-bit images, converted from RGB by luminance).
	 */
	public static Volume toVolume(ImagePlus imp) {
		int w = imp.getWidth(), h = imp.getHeight(), n = imp.getStackSize();
		float[] data = new float[w * h * n];
		ImageStack stack = imp.getStack();
		Calibration cal = imp.getCalibration();
		boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		for (int z = 0; z < n; z++) {
			ImageProcessor ip = stack.getProcessor(z + 1);
			if (rgb) ip = ip.convertToFloat();
			float[] cTable = rgb ? null : cal.getCTable();
			int off = z * w * h;
			for (int i = 0; i < w * h; i++) {
				float raw = ip.getf(i);
				data[off + i] = cTable != null && ip.getBitDepth() != 32 ? cTable[(int) raw] : raw;
			}
		}
		double[] spacing = spacingMm(cal);
		ValueUnit unit = unitOf(imp);
		String modality = stringProp(imp, PROP_MODALITY, unit == ValueUnit.HU ? "CT" : "");
		Map<String, String> extra = new java.util.HashMap<>();
		if (rgb) extra.put("converted_from", "RGB");
		if (!hasLengthUnit(cal)) extra.put("spacing_missing", "true");
		ImageMetadata m = new ImageMetadata(modality, stringProp(imp, PROP_FORMAT, "ImageJ"), unit,
			"", stringProp(imp, PROP_SOURCE, imp.getTitle()), extra);
		return Volume.of(data, w, h, n, spacing, m);
	}

	private static ValueUnit unitOf(ImagePlus imp) {
		Object p = imp.getProperty(PROP_UNIT);
		if (p != null) return ValueUnit.valueOf(p.toString());
		Calibration c = imp.getCalibration();
		if ("HU".equalsIgnoreCase(c.getValueUnit()) || (imp.getBitDepth() == 16 && c
			.isSigned16Bit()) || (c.calibrated() && c.getCoefficients() != null && c
				.getCoefficients()[0] <= -1000))
			return ValueUnit.HU;
		if (imp.getBitDepth() == 8 || imp.getBitDepth() == 24) return ValueUnit.WINDOWED_8BIT;
		return ValueUnit.ARBITRARY;
	}

	private static final java.util.Set<String> LENGTH_UNITS = java.util.Set.of("mm", "cm", "m",
		"meter", "metre", "um", "µm", "micron", "microns");

	private static boolean hasLengthUnit(Calibration c) {
		return LENGTH_UNITS.contains(c.getUnit().toLowerCase());
	}

	/** Pixel size in mm from an ImageJ calibration; 1 mm when it has no length unit. */
	public static double[] spacingMm(Calibration c) {
		double f;
		switch (c.getUnit().toLowerCase()) {
			case "mm": f = 1; break;
			case "cm": f = 10; break;
			case "m": case "meter": case "metre": f = 1000; break;
			case "um": case "µm": case "micron": case "microns": f = 0.001; break;
			default: return new double[] { 1, 1, 1 };
		}
		return new double[] { c.pixelWidth * f, c.pixelHeight * f, Math.max(c.pixelDepth, 1e-6) *
			f };
	}

	private static String stringProp(ImagePlus imp, String key, String def) {
		Object p = imp.getProperty(key);
		return p == null ? def : p.toString();
	}
}
