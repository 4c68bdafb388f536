package org.strokej.core.metrics;

/**
 * How well predicted probabilities match observed frequencies: Brier score, reliability curve
 * and expected calibration error (ECE).
 */
public final class Calibration {

	private Calibration() {}

	/** Default number of equal-width probability bins. */
	public static final int DEFAULT_BINS = 10;

	/**
	 * A reliability curve over equal-width bins of predicted probability: bin b holds
	 * predictions in {@code [b/bins, (b+1)/bins)}, the last bin also 1.0.
	 *
	 * @param meanPredicted mean predicted probability per bin (NaN when the bin is empty)
	 * @param observed fraction of positives per bin (NaN when empty)
	 * @param counts cases per bin
	 * @param ece expected calibration error: {@code sum_b counts[b]/N * |observed - meanPredicted|}
	 */
	public record Reliability(double[] meanPredicted, double[] observed, int[] counts,
		double ece)
	{
		public int bins() { return counts.length; }
	}

	/** Mean squared difference between probability and outcome (0 is perfect). */
	public static double brier(double[] probabilities, int[] truth) {
		check(probabilities, truth);
		if (probabilities.length == 0) return Double.NaN;
		double sum = 0;
		for (int i = 0; i < truth.length; i++) {
			double d = probabilities[i] - truth[i];
			sum += d * d;
		}
		return sum / truth.length;
	}

	/** The reliability curve with {@link #DEFAULT_BINS} bins. */
	public static Reliability reliability(double[] probabilities, int[] truth) {
		return reliability(probabilities, truth, DEFAULT_BINS);
	}

	/** The reliability curve and ECE over the given number of equal-width bins. */
	public static Reliability reliability(double[] probabilities, int[] truth, int bins) {
		check(probabilities, truth);
		if (bins < 1) throw new IllegalArgumentException("bins must be >= 1");
		double[] sumP = new double[bins];
		int[] pos = new int[bins], counts = new int[bins];
		for (int i = 0; i < truth.length; i++) {
			int b = Math.min(bins - 1, (int) Math.floor(probabilities[i] * bins));
			sumP[b] += probabilities[i];
			pos[b] += truth[i];
			counts[b]++;
		}
		double[] mean = new double[bins], obs = new double[bins];
		double ece = 0;
		int n = truth.length;
		for (int b = 0; b < bins; b++) {
			if (counts[b] == 0) {
				mean[b] = obs[b] = Double.NaN;
				continue;
			}
			mean[b] = sumP[b] / counts[b];
			obs[b] = (double) pos[b] / counts[b];
			ece += (double) counts[b] / n * Math.abs(obs[b] - mean[b]);
		}
		return new Reliability(mean, obs, counts, n == 0 ? Double.NaN : ece);
	}

	private static void check(double[] p, int[] truth) {
		Checks.sameLength(p.length, truth.length);
		Checks.binary(truth);
		for (int i = 0; i < p.length; i++)
			if (!(p[i] >= 0 && p[i] <= 1)) throw new IllegalArgumentException("probability " + i +
				" is " + p[i] + ", expected 0..1");
	}
}
