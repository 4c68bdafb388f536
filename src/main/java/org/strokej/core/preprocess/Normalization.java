package org.strokej.core.preprocess;

import java.util.Arrays;

import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Intensity normalisation with statistics taken inside a mask (the brain), or over the whole
 * volume when the mask is null or empty. The transform found is applied to every voxel.
 */
public final class Normalization {

	private Normalization() {}

	/**
	 * Percentile rescaling: the {@code lowPct} percentile maps to 0, the {@code highPct} percentile
	 * to 1, clamped to [0, 1]. Percentiles interpolate linearly between order statistics
	 * (position {@code p/100 * (n-1)} in the sorted values, as numpy's default).
	 */
	public static Volume percentile(Volume v, Volume mask, double lowPct, double highPct) {
		if (!(lowPct >= 0 && lowPct < highPct && highPct <= 100)) throw new IllegalArgumentException(
			"percentiles must satisfy 0 <= low < high <= 100: " + lowPct + ", " + highPct);
		float[] vals = values(v, mask);
		Arrays.sort(vals);
		double lo = percentileOfSorted(vals, lowPct), hi = percentileOfSorted(vals, highPct);
		double scale = hi > lo ? 1 / (hi - lo) : 0;
		float[] d = v.data(), out = new float[d.length];
		for (int i = 0; i < d.length; i++) {
			double x = (d[i] - lo) * scale;
			out[i] = (float) (x < 0 ? 0 : x > 1 ? 1 : x);
		}
		return arbitrary(v, out);
	}

	/** Z-score: subtract the mean and divide by the (population) standard deviation inside the mask. */
	public static Volume zScore(Volume v, Volume mask) {
		float[] vals = values(v, mask);
		double sum = 0;
		for (float x : vals)
			sum += x;
		double mean = sum / vals.length, ss = 0;
		for (float x : vals)
			ss += (x - mean) * (x - mean);
		double sd = Math.sqrt(ss / vals.length);
		double inv = sd > 0 ? 1 / sd : 0;
		float[] d = v.data(), out = new float[d.length];
		for (int i = 0; i < d.length; i++)
			out[i] = (float) ((d[i] - mean) * inv);
		return arbitrary(v, out);
	}

	/** The p-th percentile (0..100) of sorted values, linear between order statistics. */
	public static double percentileOfSorted(float[] sorted, double p) {
		if (sorted.length == 0) return Double.NaN;
		double pos = p / 100 * (sorted.length - 1);
		int i = (int) Math.floor(pos);
		if (i >= sorted.length - 1) return sorted[sorted.length - 1];
		return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
	}

	/** The finite voxel values inside the mask (> 0.5), or all finite values without a mask. */
	static float[] values(Volume v, Volume mask) {
		float[] d = v.data();
		if (mask != null && mask.data().length != d.length) throw new IllegalArgumentException(
			"mask " + mask.nx() + "x" + mask.ny() + "x" + mask.nz() + " does not match the volume " +
				v.nx() + "x" + v.ny() + "x" + v.nz());
		float[] m = mask == null ? null : mask.data();
		int n = 0;
		if (m != null)
			for (int i = 0; i < d.length; i++)
				if (m[i] > 0.5f && Float.isFinite(d[i])) n++;
		if (n == 0) m = null;
		float[] out = new float[m == null ? d.length : n];
		int k = 0;
		for (int i = 0; i < d.length; i++)
			if ((m == null || m[i] > 0.5f) && Float.isFinite(d[i])) out[k++] = d[i];
		if (k == 0) throw new IllegalArgumentException("no finite voxel to normalise");
		return k == out.length ? out : Arrays.copyOf(out, k);
	}

	private static Volume arbitrary(Volume v, float[] out) {
		return v.withData(out).withMetadata(Grids.withUnit(v.metadata(), ValueUnit.ARBITRARY));
	}
}
