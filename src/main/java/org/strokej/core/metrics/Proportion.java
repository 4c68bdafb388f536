package org.strokej.core.metrics;

/**
 * A proportion {@code successes / trials} with its Wilson score 95 % confidence interval.
 * <p>
 * The Wilson interval stays inside [0, 1] and behaves well for small counts and for proportions
 * near 0 or 1, unlike the normal ("Wald") approximation. With no trials every value is NaN.
 *
 * @param successes numerator
 * @param trials denominator
 * @param estimate {@code successes / trials}
 * @param lower lower bound of the 95 % interval
 * @param upper upper bound of the 95 % interval
 */
public record Proportion(int successes, int trials, double estimate, double lower,
	double upper)
{
	/** The 97.5 % quantile of the standard normal distribution. */
	public static final double Z95 = 1.959963984540054;

	/** The proportion {@code k / n} with its Wilson 95 % interval. */
	public static Proportion wilson(int k, int n) {
		if (k < 0 || n < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, got k=" +
			k + ", n=" + n);
		if (n == 0) return new Proportion(0, 0, Double.NaN, Double.NaN, Double.NaN);
		double p = (double) k / n;
		double z2 = Z95 * Z95;
		double denom = 1 + z2 / n;
		double centre = (p + z2 / (2.0 * n)) / denom;
		double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
		// exact bounds at the extremes (rounding would otherwise leave 1e-17 off)
		double lo = k == 0 ? 0 : Math.max(0, centre - half);
		double hi = k == n ? 1 : Math.min(1, centre + half);
		return new Proportion(k, n, p, lo, hi);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d)", estimate, lower,
			upper, successes, trials);
	}
}
