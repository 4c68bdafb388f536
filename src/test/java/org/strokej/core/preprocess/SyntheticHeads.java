package org.strokej.core.preprocess;

import java.util.Random;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Analytic test heads: an elliptic brain (30 HU, with two 8 HU ventricles) inside a 7 mm skull ring
 * (1000 HU) inside 4 mm of scalp (40 HU), in air (-1000 HU), tilted clockwise by a known angle about
 * a known centre. The truth masks are the analytic regions sampled at pixel centres.
 */
final class SyntheticHeads {

	/** Brain semi-axes in mm (x = left-right, y = antero-posterior). */
	static final double A = 62, B = 78, SKULL = 7, SCALP = 4;

	final int n;
	final double spacing;
	final float[] hu;
	final float[] brain;
	final float[] skull;
	final float[] head;

	/**
	 * @param n image size (n × n)
	 * @param spacing pixel size, mm
	 * @param tiltDeg clockwise tilt, degrees
	 * @param dx offset of the head centre from the image centre, pixels (x)
	 * @param dy offset (y)
	 * @param noiseSd Gaussian noise, HU
	 */
	SyntheticHeads(int n, double spacing, double tiltDeg, double dx, double dy, double noiseSd, long seed) {
		this.n = n;
		this.spacing = spacing;
		hu = new float[n * n];
		brain = new float[n * n];
		skull = new float[n * n];
		head = new float[n * n];
		Random r = new Random(seed);
		double cx = (n - 1) / 2.0 + dx, cy = (n - 1) / 2.0 + dy;
		double t = Math.toRadians(tiltDeg), c = Math.cos(t), s = Math.sin(t);
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double px = x - cx, py = y - cy;
				// upright coordinates (mm) of this pixel: inverse clockwise rotation
				double qx = (px * c + py * s) * spacing, qy = (-px * s + py * c) * spacing;
				int i = y * n + x;
				float v = -1000;
				if (inside(qx, qy, A + SKULL + SCALP, B + SKULL + SCALP)) {
					v = 40;
					head[i] = 1;
				}
				if (inside(qx, qy, A + SKULL, B + SKULL)) {
					v = 1000;
					skull[i] = 1;
				}
				if (inside(qx, qy, A, B)) {
					v = 30;
					skull[i] = 0;
					brain[i] = 1;
					if (inside(qx - 12, qy + 5, 6, 22) || inside(qx + 12, qy + 5, 6, 22)) v = 8;
				}
				hu[i] = (float) (v + noiseSd * r.nextGaussian());
			}
	}

	private static boolean inside(double x, double y, double a, double b) {
		return (x / a) * (x / a) + (y / b) * (y / b) <= 1;
	}

	static ImageMetadata meta(ValueUnit u) {
		return new ImageMetadata("CT", "phantom", u, "synthetic");
	}

	/** This slice as a HU volume. */
	Volume volume() {
		return Volume.of(hu.clone(), n, n, 1, new double[] { spacing, spacing, 5 }, meta(ValueUnit.HU));
	}

	/** This slice windowed with W80/L40 to 8-bit grey (rounded), as a Kaggle-like PNG would be. */
	Volume windowed8bit() {
		float[] g = new float[hu.length];
		for (int i = 0; i < g.length; i++)
			g[i] = Math.round(255 * Windows.apply(hu[i], Window.BRAIN));
		return Volume.of(g, n, n, 1, new double[] { spacing, spacing, 5 }, meta(ValueUnit.WINDOWED_8BIT));
	}

	/** Stacks slices into a 3D volume (each float[] one slice of n*n). */
	static Volume stack(int n, double spacing, ValueUnit u, float[]... slices) {
		float[] d = new float[n * n * slices.length];
		for (int z = 0; z < slices.length; z++)
			System.arraycopy(slices[z], 0, d, z * n * n, n * n);
		return Volume.of(d, n, n, slices.length, new double[] { spacing, spacing, 5 }, meta(u));
	}

	/** A slice of air only (-1000 HU plus noise). */
	static float[] air(int n, double noiseSd, long seed) {
		Random r = new Random(seed);
		float[] a = new float[n * n];
		for (int i = 0; i < a.length; i++)
			a[i] = (float) (-1000 + noiseSd * r.nextGaussian());
		return a;
	}
}
