package org.strokej.core.metrics;

/**
 * Counts and rates of a binary decision at one threshold: a case is called positive when its
 * score is {@code >= threshold}; truth is positive when its label is non-zero.
 * <p>
 * Each rate is a {@link Proportion} with a Wilson 95 % interval; a rate whose denominator is 0
 * is NaN.
 *
 * @param tp true positives
 * @param fp false positives
 * @param tn true negatives
 * @param fn false negatives
 * @param threshold the decision threshold used
 */
public record BinaryMetrics(int tp, int fp, int tn, int fn, double threshold) {

	public BinaryMetrics {
		if (tp < 0 || fp < 0 || tn < 0 || fn < 0) throw new IllegalArgumentException(
			"counts must not be negative");
	}

	/**
	 * The confusion counts of {@code score >= threshold} against {@code truth != 0}.
	 *
	 * @throws IllegalArgumentException when the arrays differ in length or a score is NaN
	 */
	public static BinaryMetrics at(double[] scores, int[] truth, double threshold) {
		Checks.sameLength(scores.length, truth.length);
		int tp = 0, fp = 0, tn = 0, fn = 0;
		for (int i = 0; i < scores.length; i++) {
			if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i +
				" is NaN");
			boolean called = scores[i] >= threshold;
			boolean positive = truth[i] != 0;
			if (called && positive) tp++;
			else if (called) fp++;
			else if (positive) fn++;
			else tn++;
		}
		return new BinaryMetrics(tp, fp, tn, fn, threshold);
	}

	public int total() { return tp + fp + tn + fn; }

	/** True positive rate (recall): TP / (TP + FN). */
	public Proportion sensitivity() { return Proportion.wilson(tp, tp + fn); }

	/** True negative rate: TN / (TN + FP). */
	public Proportion specificity() { return Proportion.wilson(tn, tn + fp); }

	/** Positive predictive value (precision): TP / (TP + FP). */
	public Proportion ppv() { return Proportion.wilson(tp, tp + fp); }

	/** Negative predictive value: TN / (TN + FN). */
	public Proportion npv() { return Proportion.wilson(tn, tn + fn); }

	/** (TP + TN) / all. */
	public Proportion accuracy() { return Proportion.wilson(tp + tn, total()); }

	/** F1 = 2 TP / (2 TP + FP + FN); NaN when there are no positives at all (called or true). */
	public double f1() {
		int d = 2 * tp + fp + fn;
		return d == 0 ? Double.NaN : 2.0 * tp / d;
	}

	/** Youden's J = sensitivity + specificity - 1. */
	public double youden() {
		return sensitivity().estimate() + specificity().estimate() - 1;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT,
			"threshold %.4f: TP %d FP %d TN %d FN %d; sens %s; spec %s; PPV %s; NPV %s; acc %s; F1 %.3f",
			threshold, tp, fp, tn, fn, sensitivity(), specificity(), ppv(), npv(), accuracy(), f1());
	}
}
