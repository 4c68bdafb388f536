package org.strokej.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AugmentationTest {

	@Test
	void noneIsTheIdentity() {
		float[] img = { 1, 2, 3, 4 };
		new Augmentation(Augmentation.Settings.none()).apply(img, 0, null, 0, 2, 2, 1, new Random(1));
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, img, 0f);
	}

	@Test
	void flipMirrorsImageAndMaskTogether() {
		float[] img = { 1, 2, 3, 4, 5, 6 };
		int[] mask = { 0, 0, 1, 0, 2, 2 };
		Augmentation.warp(img, 0, mask, 0, 2, 3, 1, true, false, 0, 0, 0);
		assertArrayEquals(new float[] { 3, 2, 1, 6, 5, 4 }, img, 0f);
		assertArrayEquals(new int[] { 1, 0, 0, 2, 2, 0 }, mask);
	}

	@Test
	void integerShiftMovesPixelsExactly() {
		float[] img = new float[5 * 5];
		img[2 * 5 + 2] = 1;
		int[] mask = new int[25];
		mask[2 * 5 + 2] = 1;
		Augmentation.warp(img, 0, mask, 0, 5, 5, 1, false, false, 0, 1, -1);
		assertEquals(1f, img[1 * 5 + 3], 0f);
		assertEquals(1, mask[1 * 5 + 3]);
		assertEquals(0f, img[2 * 5 + 2], 0f);
	}

	@Test
	void rotationKeepsMaskOnTheBlob() {
		TrainingData d = SyntheticBlobs.segmentation(1, 32, 3);
		float[] img = new float[32 * 32];
		int[] mask = new int[32 * 32];
		d.image(0, img, 0);
		d.mask(0, mask, 0);
		new Augmentation(new Augmentation.Settings(true, true, 30, 0.1, 0, 0)).apply(img, 0, mask, 0, 32, 32, 1, new Random(9));
		double in = 0, out = 0;
		int nin = 0, nout = 0;
		for (int p = 0; p < img.length; p++) {
			if (mask[p] == 1) { in += img[p]; nin++; }
			else if (mask[p] == 0) { out += img[p]; nout++; }
		}
		assertTrue(nin > 10);
		assertTrue(in / nin > 0.7, "bright blob stays under its mask: " + in / nin);
		assertTrue(Math.abs(out / nout) < 0.15);
	}

	@Test
	void intensityJitterIsSeeded() {
		Augmentation a = new Augmentation(new Augmentation.Settings(false, false, 0, 0, 0.2, 0.05));
		float[] x = new float[16], y = new float[16];
		a.apply(x, 0, null, 0, 4, 4, 1, new Random(4));
		a.apply(y, 0, null, 0, 4, 4, 1, new Random(4));
		assertArrayEquals(x, y, 0f);
		assertTrue(x[0] != 0);
	}
}
