package org.strokej.core.io;

/** Row-major 4×4 affine matrices as {@code double[16]}, as {@link Volume#affine()} holds them. */
public final class Affines {

	private Affines() {}

	/** The product {@code a · b}. */
	public static double[] multiply(double[] a, double[] b) {
		double[] c = new double[16];
		for (int i = 0; i < 4; i++)
			for (int j = 0; j < 4; j++) {
				double sum = 0;
				for (int k = 0; k < 4; k++)
					sum += a[i * 4 + k] * b[k * 4 + j];
				c[i * 4 + j] = sum;
			}
		return c;
	}
}
