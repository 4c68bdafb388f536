package org.strokej.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.measure.Calibration;
import ij.plugin.ContrastEnhancer;
import ij.plugin.Duplicator;
import ij.plugin.PlugIn;
import ij.plugin.ZProjector;
import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.RankFilters;
import ij.process.ImageProcessor;

/**
 * Headless stand-ins for ImageJ 1's dialog-based commands (see {@link HeadlessImageJ}): the same
 * menu labels and macro keys, the work done by ImageJ's own classes ({@link GaussianBlur},
 * {@link RankFilters}, {@link Duplicator}, {@link ZProjector}, {@link ContrastEnhancer},
 * {@link ImagePlus#resize}). Only used when ImageJ 1 has no display.
 */
public class HeadlessBuiltins implements PlugIn {

	@Override
	public void run(String arg) {
		MacroOptions o = MacroOptions.current();
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.error("There are no images open");
			return;
		}
		switch (arg) {
			case "gaussian": gaussian(imp, o); break;
			case "median": rank(imp, o, RankFilters.MEDIAN); break;
			case "mean": rank(imp, o, RankFilters.MEAN); break;
			case "minimum": rank(imp, o, RankFilters.MIN); break;
			case "maximum": rank(imp, o, RankFilters.MAX); break;
			case "variance": rank(imp, o, RankFilters.VARIANCE); break;
			case "duplicate": duplicate(imp, o); break;
			case "properties": properties(imp, o); break;
			case "setscale": setScale(imp, o); break;
			case "add": case "subtract": case "multiply": case "divide": case "min": case "max":
				math(imp, o, arg); break;
			case "size": size(imp, o); break;
			case "scale": scale(imp, o); break;
			case "zproject": zproject(imp, o); break;
			case "enhance": enhance(imp, o); break;
			case "rename": imp.setTitle(o.value("title", imp.getTitle())); break;
			case "measurements": break; // measurements are chosen by the caller's ResultsTable use
			default: IJ.error("No headless implementation of " + arg);
		}
	}

	// -- Filters --

	private static void gaussian(ImagePlus imp, MacroOptions o) {
		double sigma = o.number("sigma", o.number("radius", 2));
		double sx = sigma, sy = sigma;
		if (o.flag("scaled")) {
			Calibration c = imp.getCalibration();
			sx = sigma / c.pixelWidth;
			sy = sigma / c.pixelHeight;
		}
		GaussianBlur gb = new GaussianBlur();
		for (ImageProcessor ip : processors(imp, o)) {
			gb.blurGaussian(ip, sx, sy, ip instanceof ij.process.FloatProcessor ? 0.0002 : 0.002);
		}
		imp.updateAndDraw();
	}

	private static void rank(ImagePlus imp, MacroOptions o, int type) {
		double radius = o.number("radius", 2);
		RankFilters rf = new RankFilters();
		for (ImageProcessor ip : processors(imp, o))
			rf.rank(ip, radius, type);
		imp.updateAndDraw();
	}

	private static void math(ImagePlus imp, MacroOptions o, String op) {
		double v = o.number("value", 0);
		for (ImageProcessor ip : processors(imp, o)) {
			switch (op) {
				case "add": ip.add(v); break;
				case "subtract": ip.subtract(v); break;
				case "multiply": ip.multiply(v); break;
				case "divide": ip.multiply(1.0 / v); break;
				case "min": ip.min(v); break;
				case "max": ip.max(v); break;
				default: throw new IllegalArgumentException(op);
			}
		}
		imp.updateAndDraw();
	}

	/** The processors a filter runs on: the current slice, or all with the {@code stack} key. */
	private static ImageProcessor[] processors(ImagePlus imp, MacroOptions o) {
		ImageStack stack = imp.getStack();
		if (stack.getSize() > 1 && o.flag("stack")) {
			ImageProcessor[] ips = new ImageProcessor[stack.getSize()];
			for (int i = 0; i < ips.length; i++)
				ips[i] = stack.getProcessor(i + 1);
			return ips;
		}
		return new ImageProcessor[] { imp.getProcessor() };
	}

	// -- Images --

	private static void duplicate(ImagePlus imp, MacroOptions o) {
		ImagePlus dup;
		String range = o.value("range", null);
		if (imp.getStackSize() > 1 && (o.flag("duplicate") || range != null)) {
			int first = 1, last = imp.getStackSize();
			if (range != null) {
				String[] r = range.split("-");
				first = (int) Double.parseDouble(r[0].trim());
				last = r.length > 1 ? (int) Double.parseDouble(r[1].trim()) : first;
			}
			dup = new Duplicator().run(imp, first, last);
		}
		else dup = imp.getStackSize() > 1 ? new Duplicator().run(imp, imp.getCurrentSlice(),
			imp.getCurrentSlice()) : new Duplicator().run(imp);
		dup.setTitle(o.value("title", WindowManager.makeUniqueName(imp.getTitle())));
		dup.show();
	}

	private static void properties(ImagePlus imp, MacroOptions o) {
		Calibration c = imp.getCalibration();
		c.setUnit(o.value("unit", c.getUnit()));
		c.pixelWidth = o.number("pixel_width", c.pixelWidth);
		c.pixelHeight = o.number("pixel_height", c.pixelHeight);
		c.pixelDepth = o.number("voxel_depth", c.pixelDepth);
		int channels = (int) o.number("channels", imp.getNChannels());
		int slices = (int) o.number("slices", imp.getNSlices());
		int frames = (int) o.number("frames", imp.getNFrames());
		if (channels * slices * frames == imp.getStackSize())
			imp.setDimensions(channels, slices, frames);
	}

	private static void setScale(ImagePlus imp, MacroOptions o) {
		double distance = o.number("distance", 0), known = o.number("known", 0);
		double aspect = o.number("pixel", 1);
		Calibration c = imp.getCalibration();
		if (distance <= 0 || known <= 0) {
			c.pixelWidth = c.pixelHeight = c.pixelDepth = 1;
			c.setUnit("pixel");
		}
		else {
			c.pixelWidth = known / distance;
			c.pixelHeight = c.pixelWidth * aspect;
			c.setUnit(o.value("unit", "unit"));
		}
	}

	private static void size(ImagePlus imp, MacroOptions o) {
		int w = (int) o.number("width", imp.getWidth());
		int h = (int) o.number("height", imp.getHeight());
		ImagePlus resized = imp.resize(w, h, interpolation(o));
		Calibration c = imp.getCalibration().copy();
		c.pixelWidth *= (double) imp.getWidth() / w;
		c.pixelHeight *= (double) imp.getHeight() / h;
		imp.setStack(resized.getStack());
		imp.setCalibration(c);
	}

	private static void scale(ImagePlus imp, MacroOptions o) {
		double sx = o.number("x", 1), sy = o.number("y", sx);
		int w = (int) o.number("width", Math.round(imp.getWidth() * sx));
		int h = (int) o.number("height", Math.round(imp.getHeight() * sy));
		ImagePlus scaled = imp.resize(w, h, interpolation(o));
		Calibration c = imp.getCalibration().copy();
		c.pixelWidth *= (double) imp.getWidth() / w;
		c.pixelHeight *= (double) imp.getHeight() / h;
		scaled.setCalibration(c);
		if (o.flag("create") || o.has("title")) {
			scaled.setTitle(o.value("title", imp.getTitle() + "-1"));
			scaled.show();
		}
		else {
			imp.setStack(scaled.getStack());
			imp.setCalibration(c);
		}
	}

	private static String interpolation(MacroOptions o) {
		String i = o.value("interpolation", "Bilinear").toLowerCase();
		String s = i.startsWith("none") ? "none" : i.startsWith("bicubic") ? "bicubic" : "bilinear";
		return o.flag("average") ? s + " average" : s;
	}

	private static void zproject(ImagePlus imp, MacroOptions o) {
		String projection = o.value("projection", "Max Intensity");
		String method = null;
		for (int i = 0; i < ZProjector.METHODS.length; i++)
			if (ZProjector.METHODS[i].equalsIgnoreCase(projection)) method = new String[] { "avg",
				"max", "min", "sum", "sd", "median" }[i];
		if (method == null) throw new IllegalArgumentException("Unknown projection: " + projection);
		int start = (int) o.number("start", 1), stop = (int) o.number("stop", imp.getStackSize());
		ImagePlus p = ZProjector.run(imp, method, start, stop);
		p.show();
	}

	private static void enhance(ImagePlus imp, MacroOptions o) {
		ContrastEnhancer ce = new ContrastEnhancer();
		if (o.flag("equalize")) {
			ce.equalize(imp);
			return;
		}
		ce.setNormalize(o.flag("normalize"));
		ce.setProcessStack(o.flag("process_all"));
		ce.stretchHistogram(imp, o.number("saturated", 0.35));
	}
}
