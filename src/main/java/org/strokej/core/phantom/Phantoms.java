package org.strokej.core.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.strokej.core.io.Volume;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/** Static helpers to look at phantoms: windowed PNGs, calibrated TIFFs and montages. */
public final class Phantoms {

	/** Brain window level (HU). */
	public static final double BRAIN_LEVEL = 40;
	/** Brain window width (HU). */
	public static final double BRAIN_WIDTH = 80;

	private Phantoms() {}

	/**
	 * Writes slice {@code slice} (0-based) of an HU volume as an 8-bit PNG with the given window.
	 */
	public static void toWindowedPng(Volume hu, int slice, double level, double width, Path png)
		throws IOException
	{
		if (slice < 0 || slice >= hu.nz()) throw new IllegalArgumentException("slice " + slice +
			" outside 0.." + (hu.nz() - 1));
		ByteProcessor bp = window(hu.slice(slice), hu.nx(), hu.ny(), level, width);
		writePng(new ImagePlus(png.getFileName().toString(), bp), png);
	}

	/** Writes a volume as a 32-bit float TIFF (stack when 3D) calibrated in mm. */
	public static void toTiff(Volume v, Path tiff) throws IOException {
		ImageStack stack = new ImageStack(v.nx(), v.ny());
		for (int z = 0; z < v.nz(); z++)
			stack.addSlice(new FloatProcessor(v.nx(), v.ny(), v.slice(z)));
		ImagePlus imp = new ImagePlus(tiff.getFileName().toString(), stack);
		Calibration cal = imp.getCalibration();
		double[] sp = v.spacing();
		cal.pixelWidth = sp[0];
		cal.pixelHeight = sp[1];
		cal.pixelDepth = sp[2];
		cal.setUnit("mm");
		Path tmp = temp(tiff, ".tif");
		try {
			FileSaver fs = new FileSaver(imp);
			boolean ok = v.nz() > 1 ? fs.saveAsTiffStack(tmp.toString()) : fs.saveAsTiff(tmp.toString());
			if (!ok) throw new IOException(tiff + ": could not write TIFF");
			move(tmp, tiff);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** A montage of slices in the brain window (W80/L40); see {@link #montage(List, int, int, int, double, double, Path)}. */
	public static void montage(List<float[]> slices, int nx, int ny, int columns, Path png)
		throws IOException
	{
		montage(slices, nx, ny, columns, BRAIN_LEVEL, BRAIN_WIDTH, png);
	}

	/**
	 * Writes a grid PNG of windowed HU slices, all nx &times; ny, filled row by row with
	 * {@code columns} tiles per row and a 4-pixel black gap.
	 */
	public static void montage(List<float[]> slices, int nx, int ny, int columns, double level,
		double width, Path png) throws IOException
	{
		if (slices.isEmpty()) throw new IllegalArgumentException("no slices for the montage");
		if (columns < 1) throw new IllegalArgumentException("columns must be >= 1: " + columns);
		int gap = 4;
		int cols = Math.min(columns, slices.size());
		int rows = (slices.size() + cols - 1) / cols;
		int w = cols * nx + (cols - 1) * gap, h = rows * ny + (rows - 1) * gap;
		ByteProcessor out = new ByteProcessor(w, h);
		for (int n = 0; n < slices.size(); n++) {
			float[] s = slices.get(n);
			if (s.length != nx * ny) throw new IllegalArgumentException("slice " + n + " has " +
				s.length + " pixels, expected " + nx + "x" + ny);
			out.insert(window(s, nx, ny, level, width), (n % cols) * (nx + gap), (n / cols) * (ny +
				gap));
		}
		writePng(new ImagePlus(png.getFileName().toString(), out), png);
	}

	/** Maps HU to 0..255 with a window: level - width/2 to 0, level + width/2 to 255. */
	public static ByteProcessor window(float[] hu, int nx, int ny, double level, double width) {
		if (!(width > 0)) throw new IllegalArgumentException("window width must be positive: " +
			width);
		byte[] px = new byte[nx * ny];
		double lo = level - width / 2;
		for (int i = 0; i < px.length; i++) {
			double g = Math.rint((hu[i] - lo) / width * 255);
			px[i] = (byte) (g < 0 ? 0 : g > 255 ? 255 : (int) g);
		}
		return new ByteProcessor(nx, ny, px);
	}

	// -- Helpers --

	private static void writePng(ImagePlus imp, Path png) throws IOException {
		Path tmp = temp(png, ".png");
		try {
			if (!new FileSaver(imp).saveAsPng(tmp.toString())) throw new IOException(png +
				": could not write PNG");
			move(tmp, png);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static Path temp(Path target, String ext) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp" + ext);
	}

	private static void move(Path tmp, Path target) throws IOException {
		try {
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (java.nio.file.AtomicMoveNotSupportedException e) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
