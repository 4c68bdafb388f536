package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class NormalizationTest {

	/** 100 x 100 x 2: inside the mask (left half) values are a shuffled 0..9999; outside ±5000. */
	private static Volume[] data() {
		int n = 100 * 100 * 2;
		float[] d = new float[n], m = new float[n];
		int[] perm = new int[10000];
		for (int i = 0; i < perm.length; i++)
			perm[i] = i;
		Random r = new Random(3);
		for (int i = perm.length - 1; i > 0; i--) {
			int j = r.nextInt(i + 1), t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		int k = 0;
		for (int i = 0; i < n; i++) {
			if (i % 100 < 50) {
				m[i] = 1;
				d[i] = perm[k++];
			}
			else d[i] = i % 2 == 0 ? -5000 : 50000;
		}
		double[] sp = { 1, 1, 1 };
		return new Volume[] { Volume.of(d, 100, 100, 2, sp, SyntheticHeads.meta(ValueUnit.HU)), Volume.of(m,
			100, 100, 2, sp, SyntheticHeads.meta(ValueUnit.ARBITRARY)) };
	}

	@Test
	void percentilesInsideTheMaskMapToZeroAndOne() {
		Volume[] vm = data();
		Volume out = Normalization.percentile(vm[0], vm[1], 1, 99.8);
		// numpy-style percentiles of 0..9999: p1 = 99.99, p99.8 = 9979.002
		double lo = 0.01 * 9999, hi = 0.998 * 9999;
		float[] d = vm[0].data(), o = out.data(), m = vm[1].data();
		int below = 0, above = 0;
		for (int i = 0; i < d.length; i++) {
			double expect = Math.min(1, Math.max(0, (d[i] - lo) / (hi - lo)));
			assertEquals(expect, o[i], 1e-5);
			if (m[i] > 0) {
				if (o[i] == 0f) below++;
				if (o[i] == 1f) above++;
			}
		}
		assertEquals(100, below); // values 0..99 lie at or below p1
		assertEquals(20, above); // 9980..9999 lie above p99.8
		assertEquals(0.0, Normalization.percentileOfSorted(new float[] { 0, 10 }, 0), 0);
		assertEquals(2.5, Normalization.percentileOfSorted(new float[] { 0, 10 }, 25), 1e-12);
	}

	@Test
	void zScoreInsideTheMaskHasMeanZeroAndUnitSd() {
		Volume[] vm = data();
		Volume out = Normalization.zScore(vm[0], vm[1]);
		double s = 0, ss = 0;
		int n = 0;
		float[] o = out.data(), m = vm[1].data();
		for (int i = 0; i < o.length; i++)
			if (m[i] > 0) {
				s += o[i];
				ss += o[i] * (double) o[i];
				n++;
			}
		assertEquals(10000, n);
		assertEquals(0, s / n, 1e-5);
		assertEquals(1, Math.sqrt(ss / n), 1e-5);
		// outside, the same affine transform: mean 4999.5, sd sqrt((10000² - 1)/12)
		double sd = Math.sqrt((1e8 - 1) / 12);
		assertEquals((50000 - 4999.5) / sd, o[51], 1e-3);
		assertEquals(ValueUnit.ARBITRARY, out.metadata().valueUnit());
	}

	@Test
	void withoutMaskTheWholeImageIsUsed() {
		float[] d = { 0, 1, 2, 3, 4 };
		Volume v = Volume.of(d, 5, 1, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.HU));
		Volume p = Normalization.percentile(v, null, 0, 100);
		for (int i = 0; i < 5; i++)
			assertEquals(i / 4f, p.data()[i], 1e-7f);
		// an empty mask falls back to the whole image too
		Volume empty = v.withData(new float[5]);
		assertEquals(0.5f, Normalization.percentile(v, empty, 0, 100).data()[2], 1e-7f);
		assertThrows(IllegalArgumentException.class, () -> Normalization.percentile(v, null, 50, 10));
	}
}
