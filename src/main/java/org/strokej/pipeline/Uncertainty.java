package org.strokej.pipeline;

import org.strokej.model.Predictor;

/**
 * Test-time augmentation (TTA): the model is run on slightly changed copies of each preprocessed
 * slice (left-right flip, shifts of 1/32 of the input), the changes a radiologist would not let
 * alter a diagnosis. How much the answers disagree is a cheap, model-agnostic measure of how
 * stable a prediction is; it is not a calibrated posterior. Inputs unlike the training data
 * (noise, another modality, another window) tend to give less stable answers.
 * <ul>
 * <li>Slices: p_stroke (1 − p_normal) under {@link #CLASSIFIER_VIEWS} views; the mean, standard
 * deviation and the range (smallest to largest) are reported. A slice is <i>low confidence</i>
 * when the range straddles the decision threshold.</li>
 * <li>Segmentation: per pixel, the standard deviation of the lesion probability over
 * {@link #SEGMENTER_VIEWS} views, each mapped back to the original pixel.</li>
 * </ul>
 */
public final class Uncertainty {

	/** Views per slice for the classifier: identity, flip, 4 shifts, 2 flipped shifts. */
	public static final int CLASSIFIER_VIEWS = 8;

	/** Views per slice for the segmenter: identity, flip, a shift, a flipped shift. */
	public static final int SEGMENTER_VIEWS = 4;

	/**
	 * TTA summary of one slice's p_stroke.
	 *
	 * @param mean mean over the views
	 * @param sd standard deviation over the views
	 * @param low smallest p_stroke over the views
	 * @param high largest p_stroke over the views
	 * @param unfamiliarity how unlike the training slices the slice looks ({@link Familiarity}; above
	 *          1: less familiar than 99 % of them), NaN when the model has no reference
	 * @param lowConfidence whether the views disagree about the call at the decision threshold, or
	 *          the slice is unfamiliar
	 */
	public record SliceInterval(double mean, double sd, double low, double high, double unfamiliarity,
		boolean lowConfidence)
	{
		/** This summary with an unfamiliarity score (which may make it low-confidence). */
		public SliceInterval withUnfamiliarity(double u) {
			return new SliceInterval(mean, sd, low, high, u, lowConfidence || u > 1);
		}
	}

	private Uncertainty() {}

	/** View k as {flip, dx, dy} in pixels of an input of the given size. */
	static int[] view(int k, int size, boolean classifier) {
		int s = Math.max(1, size / 32);
		int[][] views = classifier ? new int[][] { { 0, 0, 0 }, { 1, 0, 0 }, { 0, s, 0 }, { 0, -s, 0 }, { 0, 0, s },
			{ 0, 0, -s }, { 1, s, s }, { 1, -s, -s } } : new int[][] { { 0, 0, 0 }, { 1, 0, 0 }, { 0, s, s }, { 1, -s,
				-s } };
		return views[k];
	}

	/**
	 * Applies a view to an NHWC batch: output(x, y) = input(x' , y − dy) with x' = x − dx, mirrored
	 * first when {@code flip}; pixels shifted in from outside repeat the edge.
	 */
	static float[] apply(float[] batch, int n, int h, int w, int c, int[] v) {
		float[] out = new float[batch.length];
		for (int b = 0; b < n; b++)
			for (int y = 0; y < h; y++) {
				int sy = clamp(y - v[2], h);
				for (int x = 0; x < w; x++) {
					int sx = clamp(x - v[1], w);
					if (v[0] == 1) sx = w - 1 - sx;
					int dst = ((b * h + y) * w + x) * c, src = ((b * h + sy) * w + sx) * c;
					System.arraycopy(batch, src, out, dst, c);
				}
			}
		return out;
	}

	/** Inverse of {@link #apply} for a per-pixel map with {@code k} values per pixel. */
	static float[] undo(float[] map, int n, int h, int w, int k, int[] v) {
		float[] out = new float[map.length];
		for (int b = 0; b < n; b++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					// pixel (x, y) of the original shows up at (x2, y2) of the view
					int x1 = v[0] == 1 ? w - 1 - x : x;
					int x2 = clamp(x1 + v[1], w), y2 = clamp(y + v[2], h);
					System.arraycopy(map, ((b * h + y2) * w + x2) * k, out, ((b * h + y) * w + x) * k, k);
				}
		return out;
	}

	private static int clamp(int i, int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}

	/**
	 * TTA of a classifier on a preprocessed batch.
	 *
	 * @param batch {@code n × size × size × c}, NHWC
	 * @param first the classifier's output for the unchanged batch ({@code n × classes}), reused
	 * @param threshold the p_stroke decision threshold
	 */
	public static SliceInterval[] classify(Predictor classifier, float[] batch, float[] first, int n, int size, int c,
		double threshold)
	{
		int k = classifier.spec().numClasses();
		double[][] p = new double[n][CLASSIFIER_VIEWS];
		for (int v = 0; v < CLASSIFIER_VIEWS; v++) {
			float[] probs = v == 0 ? first : classifier.predict(apply(batch, n, size, size, c, view(v, size, true)), n, size,
				size, c);
			for (int i = 0; i < n; i++)
				p[i][v] = 1 - probs[i * k];
		}
		SliceInterval[] out = new SliceInterval[n];
		for (int i = 0; i < n; i++)
			out[i] = summary(p[i], threshold);
		return out;
	}

	static SliceInterval summary(double[] values, double threshold) {
		double mean = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double v : values) {
			mean += v / values.length;
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		double ss = 0;
		for (double v : values)
			ss += (v - mean) * (v - mean);
		return new SliceInterval(mean, Math.sqrt(ss / Math.max(1, values.length - 1)), lo, hi, Double.NaN, lo <
			threshold && hi >= threshold);
	}

	/**
	 * Per-pixel standard deviation of the lesion probability (1 − p_background) of a segmenter over
	 * {@link #SEGMENTER_VIEWS} views of one preprocessed image.
	 *
	 * @param image {@code h × w × c}, NHWC with n = 1
	 * @param first the segmenter's output for the unchanged image ({@code h × w × classes}), reused
	 */
	public static float[] segmentationSd(Predictor segmenter, float[] image, float[] first, int h, int w, int c) {
		int k = segmenter.spec().numClasses();
		int size = Math.min(h, w);
		double[] sum = new double[h * w], sum2 = new double[h * w];
		for (int v = 0; v < SEGMENTER_VIEWS; v++) {
			int[] view = view(v, size, false);
			float[] p = v == 0 ? first : undo(segmenter.predict(apply(image, 1, h, w, c, view), 1, h, w, c), 1, h, w, k,
				view);
			for (int i = 0; i < h * w; i++) {
				double les = 1 - p[i * k];
				sum[i] += les;
				sum2[i] += les * les;
			}
		}
		float[] sd = new float[h * w];
		int m = SEGMENTER_VIEWS;
		for (int i = 0; i < sd.length; i++) {
			double mean = sum[i] / m;
			sd[i] = (float) Math.sqrt(Math.max(0, (sum2[i] - m * mean * mean) / (m - 1)));
		}
		return sd;
	}
}
