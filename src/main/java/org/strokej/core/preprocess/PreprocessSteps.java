package org.strokej.core.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * The pipeline steps (records with immutable settings) and their parsing from data. Ops and keys:
 * <pre>
 * {"op":"window", "level":40, "width":80}            one window (or "preset":"brain")
 * {"op":"window", "windows":["brain","stroke",{"level":80,"width":200}]}   channels
 * {"op":"brain_mask", "apply":true, "fill":0, "bone_hu":300, ..., "working_mm":0.8}   see {@link BrainExtraction.Settings}
 * {"op":"crop", "margin_mm":5, "square":true}
 * {"op":"resize", "width":256, "height":256, "depth":0, "interpolation":"linear"}   0 keeps an axis
 * {"op":"resample", "spacing":[0.5,0.5,0], "interpolation":"linear"}      0 keeps an axis
 * {"op":"align_midline"}
 * {"op":"normalize", "method":"percentile", "low":1, "high":99.8}   or "method":"zscore"
 * {"op":"equalize", "method":"clahe", "block":64, "bins":256, "slope":3}   or "method":"global"
 * {"op":"gaussian", "sigma_mm":1}
 * {"op":"median", "radius":1}
 * </pre>
 * Missing keys take the defaults shown; unknown keys or ops are errors.
 */
public final class PreprocessSteps {

	private PreprocessSteps() {}

	// -- Steps --

	/** HU windowing; with several windows, channel 0 is the first and the rest become extra channels. */
	public record WindowStep(List<Window> windows) implements PreprocessStep {
		public WindowStep {
			if (windows.isEmpty()) throw new IllegalArgumentException("window: no window given");
			windows = List.copyOf(windows);
		}

		public WindowStep(Window... w) { this(List.of(w)); }

		@Override public String op() { return "window"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			if (windows.size() == 1) {
				m.put("level", windows.get(0).level());
				m.put("width", windows.get(0).width());
			}
			else {
				List<Object> l = new ArrayList<>();
				for (Window w : windows) {
					Map<String, Object> wm = new LinkedHashMap<>();
					wm.put("level", w.level());
					wm.put("width", w.width());
					l.add(wm);
				}
				m.put("windows", l);
			}
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			List<Volume> extra = new ArrayList<>();
			for (int c = 1; c < windows.size(); c++)
				extra.add(Windows.apply(in, windows.get(c)));
			ctx.setExtraChannels(extra);
			return Windows.apply(in, windows.get(0));
		}
	}

	/**
	 * Brain mask (stored in the context); with {@code apply}, voxels outside it are set to
	 * {@code fill} in every channel. The mask is computed on the pipeline's input when no grid
	 * change came before (so windowing first is fine), else on the current volume.
	 */
	public record BrainMaskStep(BrainExtraction.Settings settings, boolean apply, double fill)
		implements PreprocessStep
	{
		public BrainMaskStep() { this(BrainExtraction.DEFAULTS, true, 0); }

		@Override public String op() { return "brain_mask"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("apply", apply);
			m.put("fill", fill);
			m.put("bone_hu", settings.boneHu());
			m.put("tissue_hu", settings.tissueHu());
			m.put("bone_8bit", settings.bone8bit());
			m.put("tissue_8bit", settings.tissue8bit());
			m.put("close_mm", settings.closeMm());
			m.put("open_mm", settings.openMm());
			m.put("min_area_mm2", settings.minAreaMm2());
			m.put("working_mm", settings.workingMm());
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			Volume source = ctx.gridChanged() ? in : ctx.input();
			ValueUnit u = source.metadata().valueUnit();
			if (u != ValueUnit.HU && u != ValueUnit.WINDOWED_8BIT) throw new IllegalStateException(
				"brain_mask needs HU or 8-bit input; put it before steps that change the grid");
			Volume mask = BrainExtraction.brainMask(source, settings);
			ctx.setMask(mask);
			if (!apply) return in;
			float f = (float) fill;
			ctx.mapChannels(v -> masked(v, mask, f));
			return masked(in, mask, f);
		}

		private static Volume masked(Volume v, Volume mask, float fill) {
			float[] d = v.data(), m = mask.data(), out = new float[d.length];
			for (int i = 0; i < d.length; i++)
				out[i] = m[i] > 0.5f ? d[i] : fill;
			return v.withData(out);
		}
	}

	/** Crop to the mask's bounding box plus a margin (the whole grid without a mask); pads with 0. */
	public record CropStep(double marginMm, boolean square) implements PreprocessStep {
		@Override public String op() { return "crop"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("margin_mm", marginMm);
			m.put("square", square);
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			CropBox box = ctx.mask() == null ? CropBox.full(in.nx(), in.ny(), in.nz()) : Crops.boundingBox(
				ctx.mask(), marginMm, square);
			ctx.changeGrid(v -> Crops.crop(v, box, 0f), v -> Crops.crop(v, box, 0f),
				(v, label) -> Crops.pasteBack(v, box, 0f, null));
			return Crops.crop(in, box, 0f);
		}
	}

	/** Resize to a voxel grid size (0 keeps an axis); labels and masks follow by nearest neighbour. */
	public record ResizeStep(int width, int height, int depth, Interpolation interpolation)
		implements PreprocessStep
	{
		public ResizeStep {
			if (width < 0 || height < 0 || depth < 0) throw new IllegalArgumentException(
				"resize: sizes must be >= 0: " + width + "x" + height + "x" + depth);
		}

		@Override public String op() { return "resize"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("width", width);
			m.put("height", height);
			m.put("depth", depth);
			m.put("interpolation", interpolation.key());
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			int nx = width > 0 ? width : in.nx(), ny = height > 0 ? height : in.ny(),
				nz = depth > 0 ? depth : in.nz();
			return regrid(in, ctx, nx, ny, nz, interpolation);
		}
	}

	/** Resample to a voxel spacing in mm (0 keeps an axis). */
	public record ResampleStep(double[] spacing, Interpolation interpolation) implements PreprocessStep {
		public ResampleStep {
			if (spacing.length != 3) throw new IllegalArgumentException("resample: spacing needs 3 values");
			spacing = spacing.clone();
		}

		@Override public double[] spacing() { return spacing.clone(); }

		@Override public String op() { return "resample"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("spacing", List.of(spacing[0], spacing[1], spacing[2]));
			m.put("interpolation", interpolation.key());
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			int[] n = Resampling.sizeFor(in, spacing);
			return regrid(in, ctx, n[0], n[1], n[2], interpolation);
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof ResampleStep r && java.util.Arrays.equals(spacing, r.spacing) &&
				interpolation == r.interpolation;
		}

		@Override
		public int hashCode() { return java.util.Arrays.hashCode(spacing) * 31 + interpolation.hashCode(); }

		@Override
		public String toString() {
			return "ResampleStep[spacing=" + java.util.Arrays.toString(spacing) + ", interpolation=" +
				interpolation + "]";
		}
	}

	/** Rotates the head upright about its centre (see {@link RotationCorrection}). */
	public record AlignMidlineStep() implements PreprocessStep {
		@Override public String op() { return "align_midline"; }

		@Override public Map<String, Object> describe() { return map(op()); }

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			Volume mask = ctx.mask();
			if (mask == null) {
				Volume src = in;
				ValueUnit u = in.metadata().valueUnit();
				if (u != ValueUnit.HU && u != ValueUnit.WINDOWED_8BIT && !ctx.gridChanged()) src = ctx.input();
				mask = BrainExtraction.headMask(src);
			}
			RotationCorrection.Midline m = RotationCorrection.estimate(mask);
			ctx.changeGrid(v -> RotationCorrection.upright(v, m, Interpolation.LINEAR),
				v -> RotationCorrection.upright(v, m, Interpolation.NEAREST),
				(v, label) -> RotationCorrection.back(v, m, label ? Interpolation.NEAREST : Interpolation.LINEAR));
			return RotationCorrection.upright(in, m, Interpolation.LINEAR);
		}
	}

	/** Percentile rescaling or z-score inside the context's mask (whole image without one). */
	public record NormalizeStep(String method, double low, double high) implements PreprocessStep {
		public NormalizeStep {
			method = method.toLowerCase(Locale.ROOT);
			if (!method.equals("percentile") && !method.equals("zscore")) throw new IllegalArgumentException(
				"normalize: unknown method '" + method + "' (percentile, zscore)");
		}

		@Override public String op() { return "normalize"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("method", method);
			m.put("low", low);
			m.put("high", high);
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			Volume mask = ctx.mask();
			ctx.mapChannels(v -> norm(v, mask));
			return norm(in, mask);
		}

		private Volume norm(Volume v, Volume mask) {
			return method.equals("zscore") ? Normalization.zScore(v, mask) : Normalization.percentile(v,
				mask, low, high);
		}
	}

	/** Global histogram equalisation or CLAHE, per slice. */
	public record EqualizeStep(String method, int block, int bins, double slope) implements PreprocessStep {
		public EqualizeStep {
			method = method.toLowerCase(Locale.ROOT);
			if (!method.equals("clahe") && !method.equals("global")) throw new IllegalArgumentException(
				"equalize: unknown method '" + method + "' (clahe, global)");
		}

		@Override public String op() { return "equalize"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("method", method);
			m.put("block", block);
			m.put("bins", bins);
			m.put("slope", slope);
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			ctx.mapChannels(this::eq);
			return eq(in);
		}

		private Volume eq(Volume v) {
			return method.equals("global") ? HistogramEqualization.global(v, bins) : HistogramEqualization
				.clahe(v, block, bins, slope);
		}
	}

	/** Gaussian blur, sigma in mm, per slice. */
	public record GaussianStep(double sigmaMm) implements PreprocessStep {
		@Override public String op() { return "gaussian"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("sigma_mm", sigmaMm);
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			ctx.mapChannels(v -> Denoising.gaussian(v, sigmaMm));
			return Denoising.gaussian(in, sigmaMm);
		}
	}

	/** Median filter, radius in pixels, per slice. */
	public record MedianStep(double radius) implements PreprocessStep {
		@Override public String op() { return "median"; }

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> m = map(op());
			m.put("radius", radius);
			return m;
		}

		@Override
		public Volume apply(Volume in, PreprocessContext ctx) {
			ctx.mapChannels(v -> Denoising.median(v, radius));
			return Denoising.median(in, radius);
		}
	}

	// -- Parsing --

	/** The step a description stands for. */
	@SuppressWarnings("unchecked")
	public static PreprocessStep fromMap(Map<String, ?> m) {
		Object opObj = m.get("op");
		if (!(opObj instanceof String op)) throw new IllegalArgumentException(
			"preprocessing step without \"op\": " + m);
		P p = new P(op, m);
		switch (op) {
			case "window": {
				p.allow("level", "width", "preset", "windows");
				List<Window> ws = new ArrayList<>();
				if (m.containsKey("windows")) {
					for (Object o : (List<Object>) m.get("windows"))
						ws.add(o instanceof String s ? Window.preset(s) : windowOf(new P(op, (Map<String, ?>) o)));
				}
				else if (m.containsKey("preset")) ws.add(Window.preset(p.str("preset", "brain")));
				else ws.add(windowOf(p));
				return new WindowStep(ws);
			}
			case "brain_mask": {
				p.allow("apply", "fill", "bone_hu", "tissue_hu", "bone_8bit", "tissue_8bit", "close_mm",
					"open_mm", "min_area_mm2", "working_mm");
				BrainExtraction.Settings d = BrainExtraction.DEFAULTS;
				return new BrainMaskStep(new BrainExtraction.Settings(p.num("bone_hu", d.boneHu()), p.num(
					"tissue_hu", d.tissueHu()), p.num("bone_8bit", d.bone8bit()), p.num("tissue_8bit", d
						.tissue8bit()), p.num("close_mm", d.closeMm()), p.num("open_mm", d.openMm()), p.num(
							"min_area_mm2", d.minAreaMm2()), p.num("working_mm", d.workingMm())), p.bool("apply", true), p.num("fill", 0));
			}
			case "crop":
				p.allow("margin_mm", "square");
				return new CropStep(p.num("margin_mm", 5), p.bool("square", true));
			case "resize":
				p.allow("width", "height", "depth", "interpolation");
				return new ResizeStep((int) p.num("width", 0), (int) p.num("height", 0), (int) p.num("depth",
					0), Interpolation.of(p.str("interpolation", "linear")));
			case "resample": {
				p.allow("spacing", "interpolation");
				List<Object> s = (List<Object>) m.get("spacing");
				if (s == null || s.size() != 3) throw new IllegalArgumentException(
					"resample needs \"spacing\": [x, y, z] in mm");
				double[] sp = new double[3];
				for (int i = 0; i < 3; i++)
					sp[i] = ((Number) s.get(i)).doubleValue();
				return new ResampleStep(sp, Interpolation.of(p.str("interpolation", "linear")));
			}
			case "align_midline":
				p.allow();
				return new AlignMidlineStep();
			case "normalize":
				p.allow("method", "low", "high");
				return new NormalizeStep(p.str("method", "percentile"), p.num("low", 1), p.num("high", 99.8));
			case "equalize":
				p.allow("method", "block", "bins", "slope");
				return new EqualizeStep(p.str("method", "clahe"), (int) p.num("block", 64), (int) p.num("bins",
					256), p.num("slope", 3));
			case "gaussian":
				p.allow("sigma_mm");
				return new GaussianStep(p.num("sigma_mm", 1));
			case "median":
				p.allow("radius");
				return new MedianStep(p.num("radius", 1));
			default:
				throw new IllegalArgumentException("unknown preprocessing op '" + op +
					"' (window, brain_mask, crop, resize, resample, align_midline, normalize, equalize, gaussian, median)");
		}
	}

	// -- Helpers --

	private static Window windowOf(P p) {
		if (p.m.containsKey("preset")) return Window.preset(p.str("preset", "brain"));
		if (!p.m.containsKey("level") || !p.m.containsKey("width")) throw new IllegalArgumentException(
			"window needs \"level\" and \"width\" (HU) or a \"preset\"");
		double level = p.num("level", 0), width = p.num("width", 0);
		for (Window w : List.of(Window.BRAIN, Window.STROKE, Window.SUBDURAL, Window.BONE))
			if (w.level() == level && w.width() == width) return w;
		return Window.of(level, width);
	}

	private static Map<String, Object> map(String op) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("op", op);
		return m;
	}

	/** Regrids channel 0, the mask and the extra channels; records the inverse. */
	private static Volume regrid(Volume in, PreprocessContext ctx, int nx, int ny, int nz,
		Interpolation interp)
	{
		int ox = in.nx(), oy = in.ny(), oz = in.nz();
		ctx.changeGrid(v -> Resampling.toSize(v, nx, ny, nz, interp), v -> Resampling.toSize(v, nx, ny, nz,
			Interpolation.NEAREST), (v, label) -> Resampling.toSize(v, ox, oy, oz, label
				? Interpolation.NEAREST : Interpolation.LINEAR));
		return Resampling.toSize(in, nx, ny, nz, interp);
	}

	/** Typed access to a description's values. */
	private record P(String op, Map<String, ?> m) {
		void allow(String... keys) {
			Set<String> ok = Set.of(keys);
			for (String k : m.keySet())
				if (!k.equals("op") && !ok.contains(k)) throw new IllegalArgumentException("unknown key '" +
					k + "' for preprocessing op '" + op + "'");
		}

		double num(String k, double def) {
			Object o = m.get(k);
			if (o == null) return def;
			if (o instanceof Number n) return n.doubleValue();
			throw new IllegalArgumentException(op + ": \"" + k + "\" must be a number, not " + o);
		}

		boolean bool(String k, boolean def) {
			Object o = m.get(k);
			if (o == null) return def;
			if (o instanceof Boolean b) return b;
			throw new IllegalArgumentException(op + ": \"" + k + "\" must be true or false, not " + o);
		}

		String str(String k, String def) {
			Object o = m.get(k);
			if (o == null) return def;
			if (o instanceof String s) return s;
			throw new IllegalArgumentException(op + ": \"" + k + "\" must be a string, not " + o);
		}
	}
}
