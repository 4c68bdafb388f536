package org.strokej.ij1;

import java.awt.Color;
import java.awt.image.IndexColorModel;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.LUT;

import org.strokej.core.io.Volume;

/**
 * StrokeJ label images as ImageJ sees them: 8-bit, 0 background, 1 hemorrhage, 2 ischemia, a
 * glasbey-like LUT (distinct colours, black background), the input's calibration, and a display
 * range that shows the label values as the LUT's colours.
 */
public final class LabelImages {

	/** Colour of hemorrhage outlines and labels. */
	public static final Color HEMORRHAGE = new Color(255, 40, 40);
	/** Colour of ischemia outlines and labels. */
	public static final Color ISCHEMIA = new Color(40, 160, 255);

	private LabelImages() {}

	public static ImagePlus toImagePlus(Volume labels, String title) {
		ImageStack stack = new ImageStack(labels.nx(), labels.ny());
		float[] d = labels.data();
		int n = labels.sliceSize();
		for (int z = 0; z < labels.nz(); z++) {
			byte[] px = new byte[n];
			for (int i = 0; i < n; i++)
				px[i] = (byte) Math.max(0, Math.min(255, Math.round(d[z * n + i])));
			stack.addSlice("z" + (z + 1), new ByteProcessor(labels.nx(), labels.ny(), px));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		ImagePlusAdapter.calibrate(imp, labels.spacing());
		LUT lut = lut();
		imp.getProcessor().setLut(lut);
		for (int z = 1; z <= stack.getSize(); z++)
			stack.getProcessor(z).setLut(lut);
		imp.setLut(lut);
		imp.setDisplayRange(0, 255);
		return imp;
	}

	/** Black, then hemorrhage red, ischemia blue, then glasbey-like distinct colours. */
	public static LUT lut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		set(r, g, b, 1, HEMORRHAGE);
		set(r, g, b, 2, ISCHEMIA);
		// Further labels: golden-ratio hues at full saturation, bright and distinct.
		double h = 0.1;
		for (int i = 3; i < 256; i++) {
			h = (h + 0.618033988749895) % 1.0;
			set(r, g, b, i, Color.getHSBColor((float) h, 0.85f, i % 2 == 0 ? 1f : 0.75f));
		}
		return new LUT(new IndexColorModel(8, 256, r, g, b), 0, 255);
	}

	private static void set(byte[] r, byte[] g, byte[] b, int i, Color c) {
		r[i] = (byte) c.getRed();
		g[i] = (byte) c.getGreen();
		b[i] = (byte) c.getBlue();
	}

	public static Color colour(int label) {
		return label == 1 ? HEMORRHAGE : label == 2 ? ISCHEMIA : Color.YELLOW;
	}
}
