package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class HistogramEqualizationTest {

	/**
	 * 128 × 128 in [0, 1]: the left half a full-range gradient, the right half a faint pattern
	 * 0.40 ± 0.02 (low local contrast).
	 */
	private static Volume image(int nz) {
		int n = 128;
		float[] d = new float[n * n * nz];
		Random r = new Random(5);
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					d[(z * n + y) * n + x] = x < 64 ? y / 127f : (float) (0.4 + 0.02 * Math.sin(x / 3.0) * Math
						.sin(y / 4.0) + 0.002 * r.nextGaussian());
		return Volume.of(d, n, n, nz, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.ARBITRARY));
	}

	private static double std(Volume v, int z, int x0, int x1, int y0, int y1) {
		double s = 0, ss = 0;
		int n = 0;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				double a = v.get(x, y, z);
				s += a;
				ss += a * a;
				n++;
			}
		return Math.sqrt(ss / n - (s / n) * (s / n));
	}

	@Test
	void claheKeepsTheRangeAndRaisesLocalContrast() {
		Volume v = image(2);
		float[] r0 = v.range();
		Volume c = HistogramEqualization.clahe(v, 32, 256, 3);
		float[] r1 = c.range();
		assertTrue(r1[0] >= r0[0] && r1[1] <= r0[1], "range kept");
		for (int z = 0; z < 2; z++) {
			double before = std(v, z, 80, 112, 40, 72), after = std(c, z, 80, 112, 40, 72);
			assertTrue(after > 3 * before, "local std " + before + " -> " + after);
		}
		// monotone: a brighter input pixel in one tile never becomes darker
		for (int y = 1; y < 30; y++)
			assertTrue(c.get(10, y, 0) >= c.get(10, y - 1, 0));
	}

	@Test
	void claheOn8BitRangeStaysIn0To255() {
		Volume v = image(1);
		float[] g = v.data().clone();
		for (int i = 0; i < g.length; i++)
			g[i] = Math.round(g[i] * 255);
		Volume c = HistogramEqualization.clahe(v.withData(g), 64, 256, 2);
		float[] r = c.range();
		assertTrue(r[0] >= 0 && r[1] <= 255, r[0] + ".." + r[1]);
	}

	@Test
	void globalEqualisationFlattensTheHistogram() {
		// values concentrated in the lower tenth of the range
		int n = 100;
		float[] d = new float[n * n];
		for (int i = 0; i < d.length; i++)
			d[i] = i == 0 ? 1f : (i % 1000) / 10000f;
		Volume v = Volume.of(d, n, n, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.ARBITRARY));
		Volume e = HistogramEqualization.global(v, 1000);
		// the median input maps to about the middle of the range
		assertEquals(0.05f, d[500], 0f);
		assertEquals(0.5, e.data()[500], 0.02);
		float[] r = e.range();
		assertTrue(r[0] >= 0 && r[1] <= 1);
	}

	@Test
	void constantSliceIsUnchanged() {
		Volume v = Volume.of(new float[] { 3, 3, 3, 3 }, 2, 2, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(
			ValueUnit.ARBITRARY));
		for (float x : HistogramEqualization.clahe(v, 2, 16, 3).data())
			assertEquals(3f, x, 0f);
	}
}
