package org.strokej.pipeline;

import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;
import org.strokej.model.Predictor;

/**
 * Explanations of the slice classifier, mapped back onto the input grid so they align with the
 * image; high values mark the pixels the stroke call depends on.
 * <ul>
 * <li><b>Grad-CAM</b> (Selvaraju et al. 2017): gradients of the stroke log-odds through
 * TensorFlow weight the last feature map of a StrokeJ CNN ({@link Predictor#gradCam}); one network
 * pass per slice, coarse (the last feature map is 1/8 of the input).</li>
 * <li><b>Occlusion sensitivity</b> (Zeiler &amp; Fergus 2014), model-agnostic: each square
 * patch of the preprocessed slice is replaced by the slice's mean and the drop of p_stroke
 * (1 − p_normal) is recorded; overlapping patches are averaged. Costs one pass per patch.</li>
 * </ul>
 */
public final class Explanations {

	/** Explanation methods by name, as in macros and the runner. */
	public enum Method {
		GRADCAM, OCCLUSION;

		public static Method of(String s) {
			switch (s.toLowerCase(java.util.Locale.ROOT).replace("-", "")) {
				case "gradcam": return GRADCAM;
				case "occlusion": return OCCLUSION;
				default: throw new IllegalArgumentException("explanation method must be gradcam or occlusion, not '" + s + "'");
			}
		}
	}

	private Explanations() {}

	/**
	 * The method's map on the input grid, scaled so that its largest value in the whole image is 1
	 * (0 everywhere when nothing raises p_stroke). Occlusion uses patches of 1/8 of the model input
	 * and a stride of half a patch.
	 */
	public static Volume explain(Method method, Predictor classifier, Volume input, Progress progress) {
		Volume raw;
		if (method == Method.GRADCAM) raw = gradCam(classifier, input, progress);
		else {
			int size = classifier.spec().input().height(), patch = Math.max(2, size / 8);
			raw = occlusion(classifier, input, patch, Math.max(1, patch / 2), progress);
		}
		return normalized(raw);
	}

	/**
	 * Each slice divided by its own maximum (slices without positive values unchanged): for
	 * looking at one slice at a time; the volume-scaled map compares slices.
	 */
	public static Volume normalizedPerSlice(Volume map) {
		float[] d = map.data().clone();
		int n = map.sliceSize();
		for (int z = 0; z < map.nz(); z++) {
			float max = 0;
			for (int i = z * n; i < (z + 1) * n; i++)
				max = Math.max(max, d[i]);
			if (max > 0)
				for (int i = z * n; i < (z + 1) * n; i++)
					d[i] /= max;
		}
		return map.withData(d);
	}

	/** The map divided by its maximum (unchanged when the maximum is not positive). */
	public static Volume normalized(Volume map) {
		float max = map.range()[1];
		if (!(max > 0)) return map;
		float[] d = map.data().clone();
		for (int i = 0; i < d.length; i++)
			d[i] /= max;
		return map.withData(d);
	}

	/**
	 * Grad-CAM of every slice (stroke log-odds), on the input grid, in the feature map's units.
	 *
	 * @throws UnsupportedOperationException when the classifier is not a StrokeJ CNN
	 */
	public static Volume gradCam(Predictor classifier, Volume input, Progress progress) {
		if (!classifier.supportsGradCam()) throw new UnsupportedOperationException(classifier.spec().name() +
			": Grad-CAM needs a CNN built by StrokeJ; use occlusion");
		return perSlice(classifier, input, progress, x -> classifier.gradCam(x, 1));
	}

	/**
	 * A map computed from each slice's model input (size × size, NHWC) on the model grid, mapped
	 * back onto the input.
	 */
	private static Volume perSlice(Predictor classifier, Volume input, Progress progress,
		java.util.function.UnaryOperator<float[]> map)
	{
		PreprocessPipeline pipeline = PreprocessPipeline.fromJson(classifier.spec().preprocessingJson());
		Volume in = Spacings.withNominal(input);
		int size = classifier.spec().input().height(), c = classifier.spec().input().channels(), context = classifier
			.spec().input().contextSlices();
		float[] out = new float[in.data().length];
		int n2 = in.sliceSize();
		for (int z = 0; z < in.nz(); z++) {
			float[] x = new float[size * size * c];
			PreprocessResult r = SliceContext.modelInput(pipeline, in, z, context, x, 0, size);
			float[] back = SliceContext.mapBackCentre(r, map.apply(x), false);
			System.arraycopy(back, 0, out, z * n2, n2);
			progress.progress("explain", z + 1, in.nz());
		}
		return StrokeDetector.map(in, out);
	}

	/**
	 * @param classifier a slice classifier
	 * @param input image or stack (HU or windowed 8-bit)
	 * @param patch occluding patch size in model-input pixels (e.g. size / 8)
	 * @param stride step between patches (≤ patch)
	 * @return per voxel the drop of p_stroke when its neighbourhood is hidden (≥ 0), same grid
	 */
	public static Volume occlusion(Predictor classifier, Volume input, int patch, int stride,
		Progress progress)
	{
		if (patch < 1 || stride < 1 || stride > patch) throw new IllegalArgumentException(
			"need 1 ≤ stride ≤ patch");
		int size = classifier.spec().input().height(), c = classifier.spec().input().channels();
		return perSlice(classifier, input, progress, base -> {
			double[] mean = new double[c];
			for (int i = 0; i < size * size; i++)
				for (int k = 0; k < c; k++)
					mean[k] += base[i * c + k] / (size * size);
			float p0 = 1 - classifier.predict(base, 1, size, size, c)[0];
			int steps = (size - patch) / stride + 1;
			int n = steps * steps, classes = classifier.spec().numClasses();
			float[] batch = new float[n * size * size * c];
			int b = 0;
			for (int py = 0; py < steps; py++)
				for (int px = 0; px < steps; px++, b++) {
					int off = b * size * size * c;
					System.arraycopy(base, 0, batch, off, base.length);
					for (int y = py * stride; y < py * stride + patch; y++)
						for (int x = px * stride; x < px * stride + patch; x++)
							for (int k = 0; k < c; k++)
								batch[off + (y * size + x) * c + k] = (float) mean[k];
				}
			float[] probs = predictInChunks(classifier, batch, n, size, c, classes);
			float[] sum = new float[size * size], cnt = new float[size * size];
			b = 0;
			for (int py = 0; py < steps; py++)
				for (int px = 0; px < steps; px++, b++) {
					float drop = Math.max(0, p0 - (1 - probs[b * classes]));
					for (int y = py * stride; y < py * stride + patch; y++)
						for (int x = px * stride; x < px * stride + patch; x++) {
							sum[y * size + x] += drop;
							cnt[y * size + x]++;
						}
				}
			for (int i = 0; i < sum.length; i++)
				sum[i] = cnt[i] == 0 ? 0 : sum[i] / cnt[i];
			return sum;
		});
	}

	private static float[] predictInChunks(Predictor p, float[] batch, int n, int size, int c,
		int classes)
	{
		int chunk = 16, per = size * size * c;
		float[] out = new float[n * classes];
		for (int s = 0; s < n; s += chunk) {
			int m = Math.min(chunk, n - s);
			float[] part = java.util.Arrays.copyOfRange(batch, s * per, (s + m) * per);
			System.arraycopy(p.predict(part, m, size, size, c), 0, out, s * classes, m * classes);
		}
		return out;
	}

	/** The voxel (x, y, z) with the largest value. */
	public static int[] peak(Volume v) {
		float[] d = v.data();
		int best = 0;
		for (int i = 1; i < d.length; i++)
			if (d[i] > d[best]) best = i;
		return new int[] { best % v.nx(), (best / v.nx()) % v.ny(), best / (v.nx() * v.ny()) };
	}
}
