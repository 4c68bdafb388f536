package org.strokej.core.metrics;

/** Argument checks shared by the metrics classes. */
final class Checks {

	private Checks() {}

	static void sameLength(int a, int b) {
		if (a != b) throw new IllegalArgumentException("array lengths differ: " + a + " vs " + b);
	}

	static void binary(int[] truth) {
		for (int i = 0; i < truth.length; i++)
			if (truth[i] != 0 && truth[i] != 1) throw new IllegalArgumentException("truth " + i +
				" is " + truth[i] + ", expected 0 or 1");
	}

	static void finite(double[] v, String what) {
		for (int i = 0; i < v.length; i++)
			if (!Double.isFinite(v[i])) throw new IllegalArgumentException(what + " " + i + " is " +
				v[i]);
	}
}
