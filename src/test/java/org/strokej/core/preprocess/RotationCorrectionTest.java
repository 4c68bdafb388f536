package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class RotationCorrectionTest {

	@ParameterizedTest
	@ValueSource(doubles = { 12, -17, 0, 23.5 })
	void tiltedHeadIsBroughtUprightWithin2Degrees(double tilt) {
		SyntheticHeads h = new SyntheticHeads(200, 1.0, tilt, 7, -5, 10, 11);
		Volume head = BrainExtraction.headMask(h.volume());
		RotationCorrection.Midline m = RotationCorrection.estimate(head);
		assertEquals(tilt, m.angleDeg(), 2.0, "estimated tilt");
		assertEquals(99.5 + 7, m.cx(), 1.0);
		assertEquals(99.5 - 5, m.cy(), 1.0);
		// upright image equals the untilted truth about the same centre
		SyntheticHeads upright = new SyntheticHeads(200, 1.0, 0, 7, -5, 0, 11);
		Volume brainUp = RotationCorrection.upright(Volume.of(h.brain, 200, 200, 1, new double[] { 1, 1, 5 },
			SyntheticHeads.meta(ValueUnit.ARBITRARY)), m, Interpolation.NEAREST);
		assertTrue(Masks.dice(brainUp.data(), upright.brain) > 0.97);
	}

	@Test
	void brainMaskOfEightBitSliceGivesTheTiltToo() {
		SyntheticHeads h = new SyntheticHeads(256, 0.8, -17, 0, 0, 8, 12);
		RotationCorrection.Midline m = RotationCorrection.estimate(BrainExtraction.brainMask(h.windowed8bit()));
		assertEquals(-17, m.angleDeg(), 2.0);
	}

	@Test
	void rotationIsInvertedAndKeepsWorldCoordinates() {
		int n = 64;
		float[] d = new float[n * n * 2];
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					d[(z * n + y) * n + x] = (float) (Math.sin(x / 6.0) * Math.cos(y / 7.0) + z);
		Volume v = Volume.of(d, n, n, 2, new double[] { 0.5, 0.5, 3 }, SyntheticHeads.meta(ValueUnit.HU));
		RotationCorrection.Midline m = new RotationCorrection.Midline(15, 30.2, 33.7);
		Volume r = RotationCorrection.upright(v, m, Interpolation.LINEAR);
		Volume back = RotationCorrection.back(r, m, Interpolation.LINEAR);
		double err = 0;
		int cnt = 0;
		for (int z = 0; z < 2; z++)
			for (int y = 16; y < 48; y++)
				for (int x = 16; x < 48; x++) {
					err += Math.abs(back.get(x, y, z) - v.get(x, y, z));
					cnt++;
				}
		assertTrue(err / cnt < 0.01, "mean abs error " + err / cnt);
		// the rotated voxel that shows the old voxel (40, 20) lies at R(-15°) about the centre, and
		// both have the same world coordinates
		double t = Math.toRadians(-15), c = Math.cos(t), s = Math.sin(t);
		double dx = 40 - 30.2, dy = 20 - 33.7;
		double nx = 30.2 + dx * c - dy * s, ny = 33.7 + dx * s + dy * c;
		assertArrayEquals(world(v.affine(), 40, 20, 1), world(r.affine(), nx, ny, 1), 1e-9);
		// centre of rotation is fixed
		assertEquals(v.get(30, 34, 0), RotationCorrection.rotate(v, 0, 30, 34, Interpolation.NEAREST, 0)
			.get(30, 34, 0), 0f);
	}

	@Test
	void nearestRotationByQuarterTurnsIsExact() {
		float[] d = new float[5 * 5];
		for (int i = 0; i < d.length; i++)
			d[i] = i;
		Volume v = Volume.of(d, 5, 5, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.ARBITRARY));
		Volume r = RotationCorrection.rotate(v, 90, 2, 2, Interpolation.NEAREST, -1);
		// clockwise on screen: the pixel right of the centre moves below it
		assertEquals(v.get(3, 2, 0), r.get(2, 3, 0), 0f);
		assertEquals(v.get(2, 1, 0), r.get(3, 2, 0), 0f);
		Volume back = RotationCorrection.rotate(r, -90, 2, 2, Interpolation.NEAREST, -1);
		assertArrayEquals(d, back.data(), 0f);
	}

	static double[] world(double[] a, double i, double j, double k) {
		return new double[] { a[0] * i + a[1] * j + a[2] * k + a[3], a[4] * i + a[5] * j + a[6] * k + a[7],
			a[8] * i + a[9] * j + a[10] * k + a[11] };
	}
}
