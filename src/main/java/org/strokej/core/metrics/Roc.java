package org.strokej.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Receiver operating characteristic of scores against binary truth (1 = positive, 0 = negative).
 * <p>
 * The area under the curve is computed exactly as the Mann–Whitney statistic: the probability
 * that a random positive scores higher than a random negative, ties counting one half (mid-ranks).
 * It equals the trapezoidal area under {@link #curve}. AUC is NaN when one class is absent.
 */
public final class Roc {

	private Roc() {}

	/**
	 * ROC curve points, from (0, 0) to (1, 1), one point per distinct score.
	 *
	 * @param fpr false positive rates, non-decreasing
	 * @param tpr true positive rates, non-decreasing
	 * @param thresholds score threshold of each point (called positive when {@code score >=
	 *          threshold}); the first is +Infinity
	 * @param auc area under the curve
	 * @param positives number of positive cases
	 * @param negatives number of negative cases
	 */
	public record Curve(double[] fpr, double[] tpr, double[] thresholds, double auc,
		int positives, int negatives)
	{}

	/**
	 * A bootstrap percentile interval.
	 *
	 * @param estimate the AUC of the full data
	 * @param lower 2.5 % percentile of the resampled AUCs
	 * @param upper 97.5 % percentile of the resampled AUCs
	 * @param resamples resamples drawn
	 * @param valid resamples that held both classes (the others are skipped)
	 * @param grouped whether whole groups (patients) were resampled
	 */
	public record Interval(double estimate, double lower, double upper, int resamples, int valid,
		boolean grouped)
	{
		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f] (%d/%d resamples%s)",
				estimate, lower, upper, valid, resamples, grouped ? ", by group" : "");
		}
	}

	// -- AUC --

	/** The AUC (Mann–Whitney, ties count one half); NaN when a class is absent. */
	public static double auc(double[] scores, int[] truth) {
		check(scores, truth);
		return aucUnchecked(scores, truth, scores.length);
	}

	/** AUC of the first n entries; truth must be 0/1 and scores finite. */
	private static double aucUnchecked(double[] scores, int[] truth, int n) {
		int[] order = sortedOrder(scores, n);
		long pos = 0;
		double rankSumPos = 0;
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
				j++;
			double midRank = (i + j) / 2.0 + 1; // 1-based mid-rank of the tie block
			for (int t = i; t <= j; t++)
				if (truth[order[t]] == 1) {
					pos++;
					rankSumPos += midRank;
				}
			i = j + 1;
		}
		long neg = n - pos;
		if (pos == 0 || neg == 0) return Double.NaN;
		return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
	}

	/** Indices 0..n-1 sorted by ascending score. */
	private static int[] sortedOrder(double[] scores, int n) {
		double[] copy = Arrays.copyOf(scores, n);
		int[] idx = new int[n];
		for (int i = 0; i < n; i++)
			idx[i] = i;
		// stable merge sort of indices by score, no boxing
		int[] tmp = new int[n];
		mergeSort(idx, tmp, copy, 0, n);
		return idx;
	}

	private static void mergeSort(int[] a, int[] tmp, double[] s, int lo, int hi) {
		if (hi - lo < 2) return;
		if (hi - lo < 16) {
			for (int i = lo + 1; i < hi; i++) {
				int v = a[i];
				int j = i - 1;
				while (j >= lo && s[a[j]] > s[v]) {
					a[j + 1] = a[j];
					j--;
				}
				a[j + 1] = v;
			}
			return;
		}
		int mid = (lo + hi) >>> 1;
		mergeSort(a, tmp, s, lo, mid);
		mergeSort(a, tmp, s, mid, hi);
		if (s[a[mid - 1]] <= s[a[mid]]) return;
		System.arraycopy(a, lo, tmp, lo, hi - lo);
		int i = lo, j = mid, k = lo;
		while (i < mid && j < hi)
			a[k++] = s[tmp[j]] < s[tmp[i]] ? tmp[j++] : tmp[i++];
		while (i < mid)
			a[k++] = tmp[i++];
		while (j < hi)
			a[k++] = tmp[j++];
	}

	// -- Curve --

	/** The ROC curve with one point per distinct score, plus (0, 0). */
	public static Curve curve(double[] scores, int[] truth) {
		check(scores, truth);
		int n = scores.length;
		int[] order = sortedOrder(scores, n);
		int pos = 0;
		for (int t : truth)
			pos += t;
		int neg = n - pos;
		List<double[]> pts = new ArrayList<>();
		pts.add(new double[] { 0, 0, Double.POSITIVE_INFINITY });
		int tp = 0, fp = 0;
		int i = n - 1;
		while (i >= 0) {
			double s = scores[order[i]];
			while (i >= 0 && scores[order[i]] == s) {
				if (truth[order[i]] == 1) tp++;
				else fp++;
				i--;
			}
			pts.add(new double[] { neg == 0 ? Double.NaN : (double) fp / neg, pos == 0 ? Double.NaN
				: (double) tp / pos, s });
		}
		double[] fpr = new double[pts.size()], tpr = new double[pts.size()],
				th = new double[pts.size()];
		for (int k = 0; k < pts.size(); k++) {
			fpr[k] = pts.get(k)[0];
			tpr[k] = pts.get(k)[1];
			th[k] = pts.get(k)[2];
		}
		return new Curve(fpr, tpr, th, aucUnchecked(scores, truth, n), pos, neg);
	}

	// -- Operating points --

	/**
	 * The threshold maximising Youden's J (sensitivity + specificity - 1) on the curve; the
	 * highest such threshold when several tie. NaN when a class is absent.
	 */
	public static double youdenThreshold(Curve c) {
		double best = Double.NEGATIVE_INFINITY, threshold = Double.NaN;
		for (int i = 1; i < c.fpr().length; i++) {
			double j = c.tpr()[i] - c.fpr()[i];
			if (j > best) {
				best = j;
				threshold = c.thresholds()[i];
			}
		}
		return threshold;
	}

	/**
	 * The highest threshold whose sensitivity is at least {@code minSensitivity} (the most
	 * specific operating point that keeps the sensitivity), or NaN when none.
	 */
	public static double thresholdForSensitivity(Curve c, double minSensitivity) {
		for (int i = 1; i < c.tpr().length; i++)
			if (c.tpr()[i] >= minSensitivity) return c.thresholds()[i];
		return Double.NaN;
	}

	// -- Bootstrap --

	/**
	 * Percentile bootstrap 95 % interval of the AUC, reproducible for a given seed.
	 *
	 * @param groups null to resample cases; otherwise a group id (patient) per case, and whole
	 *          groups are resampled with replacement, which respects the correlation of slices of
	 *          one patient (the honest interval for slice-level scores)
	 * @param resamples number of bootstrap resamples, e.g. 1000
	 * @param seed random seed
	 */
	public static Interval bootstrapAuc(double[] scores, int[] truth, String[] groups,
		int resamples, long seed)
	{
		check(scores, truth);
		if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1");
		if (groups != null) Checks.sameLength(scores.length, groups.length);
		double estimate = aucUnchecked(scores, truth, scores.length);
		int n = scores.length;
		int[][] members;
		if (groups == null) members = null;
		else {
			Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
			for (int i = 0; i < n; i++)
				byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
			members = new int[byGroup.size()][];
			int g = 0;
			for (List<Integer> m : byGroup.values())
				members[g++] = m.stream().mapToInt(Integer::intValue).toArray();
		}
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] aucs = new double[resamples];
		int valid = 0;
		double[] s = new double[n];
		int[] t = new int[n];
		for (int r = 0; r < resamples; r++) {
			int m = 0;
			if (members == null) {
				for (int k = 0; k < n; k++) {
					int i = rnd.nextInt(n);
					s[m] = scores[i];
					t[m++] = truth[i];
				}
			}
			else {
				for (int k = 0; k < members.length; k++) {
					int[] grp = members[rnd.nextInt(members.length)];
					if (m + grp.length > s.length) {
						s = Arrays.copyOf(s, 2 * (m + grp.length));
						t = Arrays.copyOf(t, s.length);
					}
					for (int i : grp) {
						s[m] = scores[i];
						t[m++] = truth[i];
					}
				}
			}
			double a = aucUnchecked(s, t, m);
			if (!Double.isNaN(a)) aucs[valid++] = a;
		}
		if (valid == 0) return new Interval(estimate, Double.NaN, Double.NaN, resamples, 0,
			groups != null);
		double[] v = Arrays.copyOf(aucs, valid);
		Arrays.sort(v);
		return new Interval(estimate, percentile(v, 2.5), percentile(v, 97.5), resamples, valid,
			groups != null);
	}

	/** Linear-interpolated percentile (0–100) of sorted values. */
	static double percentile(double[] sorted, double pct) {
		double pos = pct / 100.0 * (sorted.length - 1);
		int lo = (int) Math.floor(pos);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}

	private static void check(double[] scores, int[] truth) {
		Checks.sameLength(scores.length, truth.length);
		Checks.binary(truth);
		Checks.finite(scores, "score");
	}
}
