package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class DenoisingTest {

	private static Volume noise(int n, int nz, double spacing, long seed) {
		Random r = new Random(seed);
		float[] d = new float[n * n * nz];
		for (int i = 0; i < d.length; i++)
			d[i] = (float) (30 + 10 * r.nextGaussian());
		return Volume.of(d, n, n, nz, new double[] { spacing, spacing, 5 }, SyntheticHeads.meta(ValueUnit.HU));
	}

	private static double std(float[] a, int from, int to) {
		double s = 0, ss = 0;
		for (int i = from; i < to; i++) {
			s += a[i];
			ss += a[i] * (double) a[i];
		}
		int n = to - from;
		return Math.sqrt(ss / n - (s / n) * (s / n));
	}

	@Test
	void gaussianSigmaInMmUsesTheSpacingAndMatchesImageJ() {
		Volume v = noise(128, 2, 0.5, 1);
		Volume g = Denoising.gaussian(v, 1.0); // 2 px
		FloatProcessor fp = new FloatProcessor(128, 128, v.slice(1));
		new GaussianBlur().blurGaussian(fp, 2, 2, 0.002);
		assertArrayEquals((float[]) fp.getPixels(), g.slice(1), 0f);
		// white noise under a 2D Gaussian of sigma s px: sd shrinks by 1 / (2 sqrt(pi) s)
		double ratio = std(g.data(), 0, 128 * 128) / std(v.data(), 0, 128 * 128);
		assertEquals(1 / (2 * Math.sqrt(Math.PI) * 2), ratio, 0.02);
		assertEquals(30, g.data()[5000], 8);
	}

	@Test
	void medianRemovesSaltAndKeepsEdges() {
		int n = 32;
		float[] d = new float[n * n];
		for (int i = 0; i < d.length; i++)
			d[i] = i % n < 16 ? 0 : 100;
		d[8 * n + 5] = 1000; // salt
		Volume v = Volume.of(d, n, n, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.HU));
		Volume m = Denoising.median(v, 1);
		assertEquals(0f, m.get(5, 8, 0), 0f);
		for (int y = 2; y < 30; y++) {
			assertEquals(0f, m.get(15, y, 0), 0f);
			assertEquals(100f, m.get(16, y, 0), 0f);
		}
		assertEquals(1000f, d[8 * n + 5], 0f); // input untouched
	}
}
