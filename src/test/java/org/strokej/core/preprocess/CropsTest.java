package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class CropsTest {

	private static Volume ramp(int nx, int ny, int nz) {
		float[] d = new float[nx * ny * nz];
		for (int i = 0; i < d.length; i++)
			d[i] = i + 1;
		return Volume.of(d, nx, ny, nz, new double[] { 0.5, 0.5, 5 }, SyntheticHeads.meta(ValueUnit.HU));
	}

	@Test
	void boundingBoxWithMarginAndSquare() {
		float[] m = new float[40 * 30 * 2];
		m[(0 * 30 + 10) * 40 + 12] = 1; // (12, 10, 0)
		m[(1 * 30 + 14) * 40 + 20] = 1; // (20, 14, 1)
		Volume mask = Volume.of(m, 40, 30, 2, new double[] { 0.5, 0.5, 5 }, SyntheticHeads.meta(ValueUnit.ARBITRARY));
		CropBox b = Crops.boundingBox(mask, 1.0, false); // 2 px margin
		assertEquals(new CropBox(10, 8, 0, 13, 9, 2, 40, 30, 2), b);
		CropBox sq = Crops.boundingBox(mask, 1.0, true);
		assertEquals(new CropBox(10, 6, 0, 13, 13, 2, 40, 30, 2), sq);
		assertTrue(Crops.boundingBox(mask.withData(new float[m.length]), 1, true).isFull());
	}

	@Test
	void cropAndPasteBackAreExactIncludingPadding() {
		Volume v = ramp(20, 16, 3);
		for (CropBox b : new CropBox[] { new CropBox(3, 4, 0, 10, 7, 3, 20, 16, 3), new CropBox(-2, 10, 1, 8,
			9, 2, 20, 16, 3) })
		{
			Volume c = Crops.crop(v, b, -7f);
			assertArrayEquals(new int[] { b.width(), b.height(), b.depth() }, c.dims());
			for (int z = 0; z < b.depth(); z++)
				for (int y = 0; y < b.height(); y++)
					for (int x = 0; x < b.width(); x++) {
						int X = x + b.x0(), Y = y + b.y0(), Z = z + b.z0();
						boolean in = X >= 0 && X < 20 && Y >= 0 && Y < 16 && Z >= 0 && Z < 3;
						assertEquals(in ? v.get(X, Y, Z) : -7f, c.get(x, y, z), 0f);
					}
			Volume p = Crops.pasteBack(c, b, 0f, null);
			assertArrayEquals(v.dims(), p.dims());
			assertArrayEquals(v.affine(), p.affine(), 1e-12);
			for (int z = 0; z < 3; z++)
				for (int y = 0; y < 16; y++)
					for (int x = 0; x < 20; x++) {
						boolean in = x >= b.x0() && x < b.x0() + b.width() && y >= b.y0() && y < b.y0() + b
							.height() && z >= b.z0() && z < b.z0() + b.depth();
						assertEquals(in ? v.get(x, y, z) : 0f, p.get(x, y, z), 0f);
					}
			// world coordinates of a cropped voxel are those of the full voxel
			assertArrayEquals(RotationCorrectionTest.world(v.affine(), b.x0() + 1, b.y0() + 2, b.z0()),
				RotationCorrectionTest.world(c.affine(), 1, 2, 0), 1e-12);
		}
	}

	@Test
	void wrongGridIsRefused() {
		Volume v = ramp(8, 8, 1);
		assertThrows(IllegalArgumentException.class, () -> Crops.crop(v, new CropBox(0, 0, 0, 2, 2, 1, 9, 8,
			1), 0));
		assertThrows(IllegalArgumentException.class, () -> Crops.pasteBack(v, new CropBox(0, 0, 0, 2, 2, 1,
			9, 8, 1), 0, null));
	}
}
