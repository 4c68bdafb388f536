package org.strokej.core.data;

/**
 * Grey-level adjustments for 8-bit head CT slices that were saved with a different window than
 * the brain-window slices of CT-ICH.
 * <p>
 * CPAISD (and, to a lesser degree, BHSD) slices store brain tissue at grey values ≈ 25–45, where
 * CT-ICH's brain-window JPEGs have it at ≈ 104–136. A percentile stretch of the whole head
 * (1–99 %) barely changes such images because the 1 % and 99 % tails are CSF and bone edges, so
 * {@link #matchTissue} instead maps the soft-tissue quartiles (grey values strictly between
 * {@link #TISSUE_MIN} and {@link #TISSUE_MAX}) onto CT-ICH's typical quartiles
 * ({@link #REFERENCE_P25}, {@link #REFERENCE_P75}), and keeps the background outside the head
 * black. {@link #stretch} is the plain percentile stretch, for completeness.
 */
public final class Contrasts {

	private Contrasts() {}

	/** Grey values at or below this, connected to the image border, are background (air). */
	public static final int AIR_MAX = 10;
	/** Lowest grey value counted as soft tissue. */
	public static final int TISSUE_MIN = 11;
	/** Highest grey value counted as soft tissue (bone is brighter). */
	public static final int TISSUE_MAX = 199;
	/**
	 * Typical first soft-tissue quartile of CT-ICH brain-window slices (median over the data
	 * set, measured by {@code DatasetsTest}).
	 */
	public static final int REFERENCE_P25 = 104;
	/** Typical third soft-tissue quartile of CT-ICH brain-window slices. */
	public static final int REFERENCE_P75 = 136;

	/**
	 * Percentiles (0–100) of the soft-tissue grey values ({@link #TISSUE_MIN} ..
	 * {@link #TISSUE_MAX}); NaN when there is no such pixel.
	 */
	public static double[] tissuePercentiles(byte[] pixels, double... percents) {
		long[] hist = new long[256];
		for (byte b : pixels)
			hist[b & 0xff]++;
		return percentiles(hist, TISSUE_MIN, TISSUE_MAX, percents);
	}

	/**
	 * Maps the soft-tissue quartiles of the image linearly onto the reference quartiles; pixels
	 * outside the head stay 0. The gain is limited to 0.5–4. Returns a new array.
	 */
	public static byte[] matchTissue(byte[] pixels, int width, int height) {
		double[] q = tissuePercentiles(pixels, 25, 75);
		if (Double.isNaN(q[0])) return pixels.clone();
		double gain = (REFERENCE_P75 - REFERENCE_P25) / Math.max(1, q[1] - q[0]);
		gain = Math.max(0.5, Math.min(4, gain));
		return affineInHead(pixels, width, height, q[0], REFERENCE_P25, gain);
	}

	/**
	 * Percentile stretch: the low and high percentiles of the grey values inside the head map to
	 * 0 and 255; pixels outside the head stay 0. Returns a new array.
	 */
	public static byte[] stretch(byte[] pixels, int width, int height, double lowPercent,
		double highPercent)
	{
		boolean[] head = head(pixels, width, height);
		long[] hist = new long[256];
		for (int i = 0; i < pixels.length; i++)
			if (head[i]) hist[pixels[i] & 0xff]++;
		double[] p = percentiles(hist, 0, 255, lowPercent, highPercent);
		if (Double.isNaN(p[0]) || p[1] <= p[0]) return pixels.clone();
		return affineInHead(pixels, width, height, p[0], 0, 255 / (p[1] - p[0]));
	}

	/**
	 * The head: every pixel not connected to the image border through pixels at or below
	 * {@link #AIR_MAX} (4-connected), so dark CSF inside the skull stays in the head.
	 */
	public static boolean[] head(byte[] pixels, int width, int height) {
		boolean[] outside = new boolean[pixels.length];
		int[] queue = new int[pixels.length];
		int tail = 0;
		for (int x = 0; x < width; x++) {
			tail = seed(pixels, outside, queue, tail, x);
			tail = seed(pixels, outside, queue, tail, (height - 1) * width + x);
		}
		for (int y = 0; y < height; y++) {
			tail = seed(pixels, outside, queue, tail, y * width);
			tail = seed(pixels, outside, queue, tail, y * width + width - 1);
		}
		int head = 0;
		while (head < tail) {
			int i = queue[head++];
			int x = i % width, y = i / width;
			if (x > 0) tail = seed(pixels, outside, queue, tail, i - 1);
			if (x < width - 1) tail = seed(pixels, outside, queue, tail, i + 1);
			if (y > 0) tail = seed(pixels, outside, queue, tail, i - width);
			if (y < height - 1) tail = seed(pixels, outside, queue, tail, i + width);
		}
		boolean[] in = new boolean[pixels.length];
		for (int i = 0; i < in.length; i++)
			in[i] = !outside[i];
		return in;
	}

	// -- Helpers --

	private static int seed(byte[] px, boolean[] outside, int[] queue, int tail, int i) {
		if (!outside[i] && (px[i] & 0xff) <= AIR_MAX) {
			outside[i] = true;
			queue[tail++] = i;
		}
		return tail;
	}

	private static byte[] affineInHead(byte[] pixels, int width, int height, double from,
		double to, double gain)
	{
		boolean[] head = head(pixels, width, height);
		byte[] out = new byte[pixels.length];
		for (int i = 0; i < pixels.length; i++) {
			if (!head[i]) continue;
			long v = Math.round(to + ((pixels[i] & 0xff) - from) * gain);
			out[i] = (byte) Math.max(0, Math.min(255, v));
		}
		return out;
	}

	/** Nearest-rank percentiles of the histogram restricted to [lo, hi]. */
	private static double[] percentiles(long[] hist, int lo, int hi, double... percents) {
		long n = 0;
		for (int v = lo; v <= hi; v++)
			n += hist[v];
		double[] out = new double[percents.length];
		for (int k = 0; k < percents.length; k++) {
			if (n == 0) {
				out[k] = Double.NaN;
				continue;
			}
			long rank = Math.max(1, (long) Math.ceil(percents[k] / 100.0 * n));
			long c = 0;
			int v = lo;
			for (; v <= hi; v++) {
				c += hist[v];
				if (c >= rank) break;
			}
			out[k] = Math.min(v, hi);
		}
		return out;
	}
}
