package org.strokej.core.metrics;

import java.util.Locale;

/**
 * Counts of true class (rows) against predicted class (columns) for k classes labelled
 * {@code 0 .. k-1}, with per-class recall and precision and overall accuracy.
 */
public final class ConfusionMatrix {

	private final long[][] counts;

	private ConfusionMatrix(long[][] counts) {
		this.counts = counts;
	}

	/**
	 * Tallies the pairs {@code (truth[i], predicted[i])}.
	 *
	 * @throws IllegalArgumentException for a label outside {@code 0 .. k-1} or unequal lengths
	 */
	public static ConfusionMatrix of(int[] truth, int[] predicted, int k) {
		if (k < 1) throw new IllegalArgumentException("k must be >= 1");
		Checks.sameLength(truth.length, predicted.length);
		long[][] c = new long[k][k];
		for (int i = 0; i < truth.length; i++) {
			if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k)
				throw new IllegalArgumentException("label outside 0.." + (k - 1) + " at " + i +
					": truth " + truth[i] + ", predicted " + predicted[i]);
			c[truth[i]][predicted[i]]++;
		}
		return new ConfusionMatrix(c);
	}

	/** The predicted class of each row of class probabilities (first maximum wins). */
	public static int[] argmax(double[][] probabilities) {
		int[] out = new int[probabilities.length];
		for (int i = 0; i < probabilities.length; i++) {
			double[] p = probabilities[i];
			int best = 0;
			for (int c = 1; c < p.length; c++)
				if (p[c] > p[best]) best = c;
			out[i] = best;
		}
		return out;
	}

	public int classes() { return counts.length; }

	/** Cases of true class t predicted as p. */
	public long count(int t, int p) { return counts[t][p]; }

	/** A copy of the counts, [truth][predicted]. */
	public long[][] counts() {
		long[][] c = new long[counts.length][];
		for (int i = 0; i < c.length; i++)
			c[i] = counts[i].clone();
		return c;
	}

	public long total() {
		long n = 0;
		for (long[] row : counts)
			for (long v : row)
				n += v;
		return n;
	}

	/** Cases whose true class is c. */
	public long support(int c) {
		long n = 0;
		for (long v : counts[c])
			n += v;
		return n;
	}

	/** Cases predicted as c. */
	public long predicted(int c) {
		long n = 0;
		for (long[] row : counts)
			n += row[c];
		return n;
	}

	/** Recall (sensitivity) of class c: correct / true c; NaN when no case is of class c. */
	public double recall(int c) {
		long s = support(c);
		return s == 0 ? Double.NaN : (double) counts[c][c] / s;
	}

	/** Precision of class c: correct / predicted c; NaN when nothing was predicted as c. */
	public double precision(int c) {
		long p = predicted(c);
		return p == 0 ? Double.NaN : (double) counts[c][c] / p;
	}

	/** Fraction of cases on the diagonal; NaN when empty. */
	public double accuracy() {
		long n = total(), d = 0;
		for (int c = 0; c < counts.length; c++)
			d += counts[c][c];
		return n == 0 ? Double.NaN : (double) d / n;
	}

	/** Mean of the per-class recalls over classes that occur. */
	public double balancedAccuracy() {
		double sum = 0;
		int n = 0;
		for (int c = 0; c < counts.length; c++) {
			double r = recall(c);
			if (!Double.isNaN(r)) {
				sum += r;
				n++;
			}
		}
		return n == 0 ? Double.NaN : sum / n;
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("truth\\pred");
		for (int p = 0; p < counts.length; p++)
			sb.append('\t').append(p);
		sb.append("\trecall\n");
		for (int t = 0; t < counts.length; t++) {
			sb.append(t);
			for (long v : counts[t])
				sb.append('\t').append(v);
			sb.append(String.format(Locale.ROOT, "\t%.3f%n", recall(t)));
		}
		return sb.append(String.format(Locale.ROOT, "accuracy %.3f", accuracy())).toString();
	}
}
