package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class ResamplingTest {

	private static Volume smooth(int nx, int ny, int nz) {
		float[] d = new float[nx * ny * nz];
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					d[(z * ny + y) * nx + x] = (float) (100 * Math.sin(x / 9.0) * Math.cos(y / 11.0) + 10 * z);
		return Volume.of(d, nx, ny, nz, new double[] { 0.5, 0.5, 2 }, SyntheticHeads.meta(ValueUnit.HU));
	}

	private static double meanAbs(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += Math.abs(a[i] - b[i]);
		return s / a.length;
	}

	@Test
	void smoothImageSurvivesDownAndUpIn2D() {
		Volume v = smooth(128, 96, 1);
		for (Interpolation ip : new Interpolation[] { Interpolation.LINEAR, Interpolation.CUBIC }) {
			Volume small = Resampling.toSize(v, 64, 48, 1, ip);
			assertEquals(1.0, small.spacing()[0], 1e-12);
			Volume back = Resampling.back(small, 128, 96, 1, ip);
			double err = meanAbs(back.data(), v.data());
			assertTrue(err < 1.0, ip + ": mean abs error " + err + " (amplitude 100)");
		}
	}

	@Test
	void linearResamplingOfALinearRampIsExactInside() {
		float[] d = new float[40];
		for (int x = 0; x < 40; x++)
			d[x] = 3 * x + 1;
		Volume v = Volume.of(d, 40, 1, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.HU));
		Volume s = Resampling.toSize(v, 20, 1, 1, Interpolation.LINEAR);
		// new voxel i sits at old index 2i + 0.5
		for (int i = 0; i < 20; i++)
			assertEquals(3 * (2 * i + 0.5) + 1, s.data()[i], 1e-4);
	}

	@Test
	void labelsOnBlocksAreExactAfterIntegerDownsampleAndBack() {
		int nx = 12, ny = 8;
		float[] d = new float[nx * ny * 2];
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					d[(z * ny + y) * nx + x] = ((x / 2) * 7 + (y / 2) * 3 + z) % 5;
		Volume v = Volume.of(d, nx, ny, 2, new double[] { 1, 1, 5 }, SyntheticHeads.meta(ValueUnit.ARBITRARY));
		Volume down = Resampling.toSize(v, 6, 4, 2, Interpolation.NEAREST);
		Volume back = Resampling.back(down, nx, ny, 2, Interpolation.NEAREST);
		assertArrayEquals(d, back.data(), 0f);
		// and no new label values ever appear
		Volume odd = Resampling.toSize(v, 7, 5, 3, Interpolation.NEAREST);
		for (float x : odd.data())
			assertEquals(Math.rint(x), x, 0f);
	}

	@Test
	void zIsResampledLinearlyAndWorldGeometryKept() {
		Volume v = smooth(32, 32, 10);
		Volume r = Resampling.toSpacing(v, new double[] { 1.0, 0, 4 }, Interpolation.LINEAR);
		assertArrayEquals(new int[] { 16, 32, 5 }, r.dims());
		assertArrayEquals(new double[] { 1.0, 0.5, 4 }, r.spacing(), 1e-12);
		// new voxel (i, j, k) lies at old index (2i + 0.5, j, 2k + 0.5): the mean of 4 old voxels
		assertEquals((v.get(20, 9, 4) + v.get(20, 9, 5) + v.get(21, 9, 4) + v.get(21, 9, 5)) / 4, r.get(10,
			9, 2), 1e-4f);
		// world position of new voxel (i,j,k) equals the old index it came from
		double[] w1 = RotationCorrectionTest.world(r.affine(), 3, 7, 2);
		double[] w0 = RotationCorrectionTest.world(v.affine(), 2 * 3 + 0.5, 7, 2 * 2 + 0.5);
		assertArrayEquals(w0, w1, 1e-9);
		// grid centre stays put
		assertArrayEquals(RotationCorrectionTest.world(v.affine(), 15.5, 15.5, 4.5), RotationCorrectionTest
			.world(r.affine(), 7.5, 15.5, 2), 1e-9);
		Volume back = Resampling.back(r, 32, 32, 10, Interpolation.LINEAR);
		assertArrayEquals(v.dims(), back.dims());
		assertArrayEquals(v.affine(), back.affine(), 1e-9);
		assertTrue(meanAbs(back.data(), v.data()) < 3, "z round trip");
	}
}
