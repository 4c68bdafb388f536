package org.strokej.core.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * Reads 2D raster images (PNG, JPEG, BMP, GIF, TIFF) and TIFF stacks into a {@link Volume} through
 * ImageJ 1's {@link Opener} (headless-safe).
 * <ul>
 * <li>8-bit images are taken as already windowed grey ({@link ValueUnit#WINDOWED_8BIT}).</li>
 * <li>RGB(A) and indexed-colour images become grey by ImageJ's weighted conversion
 * (0.299 R + 0.587 G + 0.114 B, rounded) and are flagged with the extra
 * {@code converted_from=RGB} ({@code RGBA} for PNGs with alpha: ImageJ blends translucent pixels
 * over white before the conversion).</li>
 * <li>16- and 32-bit images keep their (calibrated) values: {@link ValueUnit#HU} when the
 * ImageJ calibration's value unit says HU, otherwise {@link ValueUnit#ARBITRARY}.</li>
 * <li>Spacing comes from the ImageJ calibration when its unit is a length in mm, cm, µm or nm;
 * otherwise 1 mm with the extra {@code spacing_missing=true}.</li>
 * </ul>
 * Voxel order is the file's own (row 0 on top); the orientation is recorded as unknown ("").
 */
public final class RasterReader {

	private RasterReader() {}

	/** Luminance weights (ITU-R BT.601), as ImageJ's "weighted RGB conversions". */
	private static final double[] RGB_WEIGHTS = { 0.299, 0.587, 0.114 };

	/**
	 * Reads an image file.
	 *
	 * @param file a PNG, JPEG, BMP, GIF or TIFF file (single image or stack)
	 * @return the image as a volume with nz = number of slices
	 * @throws ImageReadException with a one-line "file: cause" message when it cannot be read
	 */
	public static Volume read(Path file) throws ImageReadException {
		if (file == null) throw new IllegalArgumentException("path is null");
		if (!Files.exists(file)) throw new ImageReadException(file, "no such file");
		if (Files.isDirectory(file)) throw new ImageReadException(file,
			"is a folder, not an image file");
		if (!Files.isReadable(file)) throw new ImageReadException(file,
			"not readable (permission denied)");
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException e) {
			throw new ImageReadException(file, "cannot read (" + e.getMessage() + ")", e);
		}
		if (size == 0) throw new ImageReadException(file, "empty file");

		Opener opener = new Opener();
		opener.setSilentMode(true);
		String path = file.toString();
		int type = opener.getFileType(path);
		String format = formatName(type);
		if (format == null) throw new ImageReadException(file,
			"not a PNG, JPEG, BMP, GIF or TIFF image (unrecognised content)");
		checkComplete(file, type, size);

		ImagePlus imp;
		try {
			imp = opener.openImage(path);
		}
		catch (RuntimeException e) {
			throw new ImageReadException(file, "cannot decode " + format + " image (" + e + ")", e);
		}
		if (imp == null || imp.getWidth() <= 0 || imp.getHeight() <= 0)
			throw new ImageReadException(file, "cannot decode " + format +
				" image (corrupt or truncated file)");
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) throw new ImageReadException(file,
			"multi-channel or time-series images (" + imp.getNChannels() + " channels, " + imp
				.getNFrames() + " frames) are not supported; save one channel as a stack");
		Volume v = toVolume(file, imp, format);
		if (type == Opener.PNG && "RGB".equals(v.metadata().extra().get("converted_from")) &&
			pngHasAlpha(file))
		{
			Map<String, String> extra = new HashMap<>(v.metadata().extra());
			extra.put("converted_from", "RGBA");
			ImageMetadata m = v.metadata();
			v = v.withMetadata(new ImageMetadata(m.modality(), m.format(), m.valueUnit(), m
				.orientation(), m.source(), extra));
		}
		return v;
	}

	/** IHDR colour type 4 (grey + alpha) or 6 (RGBA). */
	private static boolean pngHasAlpha(Path file) throws ImageReadException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			if (raf.length() < 26) return false;
			raf.seek(25);
			int colourType = raf.read();
			return colourType == 4 || colourType == 6;
		}
		catch (IOException e) {
			throw new ImageReadException(file, "cannot read (" + e.getMessage() + ")", e);
		}
	}

	// -- Conversion --

	private static Volume toVolume(Path file, ImagePlus imp, String format) {
		int nx = imp.getWidth(), ny = imp.getHeight(), nz = imp.getStackSize();
		int bitDepth = imp.getBitDepth();
		Calibration cal = imp.getCalibration();
		ImageStack stack = imp.getStack();
		Map<String, String> extra = new HashMap<>();
		boolean colour = imp.getType() == ImagePlus.COLOR_RGB || imp.getType() == ImagePlus.COLOR_256;
		float[] data = new float[nx * ny * nz];
		for (int z = 0; z < nz; z++) {
			ImageProcessor ip = stack.getProcessor(z + 1);
			int offset = z * nx * ny;
			if (colour) {
				ColorProcessor cp = ip instanceof ColorProcessor ? (ColorProcessor) ip
					: (ColorProcessor) ip.convertToRGB();
				cp.setRGBWeights(RGB_WEIGHTS[0], RGB_WEIGHTS[1], RGB_WEIGHTS[2]);
				ImageProcessor grey = cp.convertToByteProcessor(false);
				for (int i = 0; i < nx * ny; i++)
					data[offset + i] = grey.get(i);
			}
			else if (bitDepth == 8) {
				boolean inverted = ip.isInvertedLut();
				for (int i = 0; i < nx * ny; i++)
					data[offset + i] = inverted ? 255 - ip.get(i) : ip.get(i);
				if (inverted) extra.put("inverted_lut", "true");
			}
			else if (bitDepth == 16) {
				boolean calibrated = cal.calibrated();
				for (int i = 0; i < nx * ny; i++)
					data[offset + i] = calibrated ? (float) cal.getCValue(ip.get(i)) : ip.get(i);
			}
			else { // 32-bit
				for (int i = 0; i < nx * ny; i++)
					data[offset + i] = ip.getf(i);
			}
		}
		ValueUnit unit;
		if (colour) {
			unit = ValueUnit.WINDOWED_8BIT;
			extra.put("converted_from", imp.getType() == ImagePlus.COLOR_RGB ? "RGB" : "indexed colour");
		}
		else if (bitDepth == 8) unit = ValueUnit.WINDOWED_8BIT;
		else {
			String vu = cal.getValueUnit() == null ? "" : cal.getValueUnit().trim().toLowerCase(
				Locale.ROOT);
			unit = vu.equals("hu") || vu.startsWith("hounsfield") ? ValueUnit.HU : ValueUnit.ARBITRARY;
		}
		extra.put("bit_depth", Integer.toString(bitDepth));

		double mm = millimetresPer(cal.getUnit());
		double[] spacing;
		if (mm > 0 && cal.pixelWidth > 0 && cal.pixelHeight > 0) {
			double depth = cal.pixelDepth > 0 ? cal.pixelDepth : 1;
			spacing = new double[] { cal.pixelWidth * mm, cal.pixelHeight * mm, depth * mm };
		}
		else {
			spacing = new double[] { 1, 1, 1 };
			extra.put("spacing_missing", "true");
		}
		ImageMetadata md = new ImageMetadata("", format, unit, "", file.toString(), extra);
		return Volume.of(data, nx, ny, nz, spacing, md);
	}

	/** Millimetres per calibration unit, or 0 when it is not a metric length. */
	static double millimetresPer(String unit) {
		if (unit == null) return 0;
		switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "mm": case "millimeter": case "millimeters": case "millimetre": case "millimetres":
				return 1;
			case "cm": case "centimeter": case "centimeters": case "centimetre": case "centimetres":
				return 10;
			case "µm": case "um": case "micron": case "microns": case "micrometer": case "micrometers":
			case "\u03bcm": // Greek mu
				return 1e-3;
			case "nm": case "nanometer": case "nanometers":
				return 1e-6;
			default:
				return 0;
		}
	}

	private static String formatName(int openerType) {
		switch (openerType) {
			case Opener.TIFF: return "TIFF";
			case Opener.JPEG: return "JPEG";
			case Opener.PNG: return "PNG";
			case Opener.GIF: return "GIF";
			case Opener.BMP: return "BMP";
			default: return null;
		}
	}

	// -- Truncation checks (Java's decoders may silently return half an image) --

	private static void checkComplete(Path file, int type, long size) throws ImageReadException {
		try {
			switch (type) {
				case Opener.JPEG:
					if (!endsWith(file, size, new byte[] { (byte) 0xFF, (byte) 0xD9 }, 64))
						throw new ImageReadException(file,
							"truncated JPEG (no end-of-image marker)");
					break;
				case Opener.PNG:
					if (!endsWith(file, size, new byte[] { 'I', 'E', 'N', 'D' }, 64))
						throw new ImageReadException(file, "truncated PNG (no IEND chunk)");
					checkPngSize(file, size);
					break;
				case Opener.TIFF:
					checkTiff(file, size);
					break;
				default:
			}
		}
		catch (ImageReadException e) {
			throw e;
		}
		catch (IOException e) {
			throw new ImageReadException(file, "cannot read (" + e.getMessage() + ")", e);
		}
	}

	/** Whether the marker occurs within the last {@code window} bytes. */
	private static boolean endsWith(Path file, long size, byte[] marker, int window)
		throws IOException
	{
		int n = (int) Math.min(size, window);
		byte[] tail = new byte[n];
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			raf.seek(size - n);
			raf.readFully(tail);
		}
		outer: for (int i = n - marker.length; i >= 0; i--) {
			for (int j = 0; j < marker.length; j++)
				if (tail[i + j] != marker[j]) continue outer;
			return true;
		}
		return false;
	}

	/** Largest ratio of raw to deflate-compressed bytes (zlib's limit is about 1032:1). */
	private static final long MAX_DEFLATE_RATIO = 1100;

	/**
	 * Refuses a PNG whose IHDR claims more pixels than a volume can hold or than its compressed
	 * data could possibly expand to, before Java's decoder allocates the image.
	 */
	private static void checkPngSize(Path file, long size) throws IOException {
		long w, h;
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			if (raf.length() < 24) throw new ImageReadException(file, "truncated PNG (no IHDR)");
			raf.seek(16);
			w = raf.readInt() & 0xffffffffL;
			h = raf.readInt() & 0xffffffffL;
		}
		// at least 1 bit per pixel plus one filter byte per row
		long rawBytes = h * (1 + (w + 7) / 8);
		if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE || w * h > Integer.MAX_VALUE - 8 || rawBytes > MAX_DEFLATE_RATIO * size)
			throw new ImageReadException(file, "PNG header claims " + w + "x" + h +
				" pixels, impossible for a " + size + "-byte file (corrupt header)");
	}

	private static void checkTiff(Path file, long size) throws ImageReadException {
		FileInfo[] infos;
		try {
			infos = Opener.getTiffFileInfo(file.toString());
		}
		catch (RuntimeException e) {
			throw new ImageReadException(file, "corrupt TIFF header (" + e + ")", e);
		}
		if (infos == null || infos.length == 0) throw new ImageReadException(file,
			"corrupt TIFF header (no image found)");
		for (FileInfo fi : infos) {
			long end;
			if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length > 0) {
				end = 0;
				for (int i = 0; i < fi.stripOffsets.length && i < fi.stripLengths.length; i++)
					end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + fi.stripLengths[i]);
				if (fi.compression == FileInfo.COMPRESSION_NONE) {
					long images = Math.max(1, fi.nImages);
					end = Math.max(end, fi.getOffset() + images * fi.width * fi.height * fi
						.getBytesPerPixel());
				}
			}
			else end = fi.getOffset() + Math.max(1, fi.nImages) * (long) fi.width * fi.height * fi
				.getBytesPerPixel();
			if (end > size) throw new ImageReadException(file, "truncated TIFF: image data needs " +
				end + " bytes, file has " + size);
		}
	}
}
