package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class BrainExtractionTest {

	private static int overlap(float[] mask, float[] region) {
		int n = 0;
		for (int i = 0; i < mask.length; i++)
			if (mask[i] > 0.5f && region[i] > 0.5f) n++;
		return n;
	}

	@Test
	void huSliceMatchesTruthWithoutSkull() {
		SyntheticHeads h = new SyntheticHeads(256, 0.8, 0, 6, -4, 8, 1);
		Volume m = BrainExtraction.brainMask(h.volume());
		double dice = Masks.dice(m.data(), h.brain);
		assertTrue(dice >= 0.95, "Dice " + dice);
		assertEquals(0, overlap(m.data(), h.skull), "skull voxels in the brain mask");
		for (float v : m.data())
			assertTrue(v == 0f || v == 1f);
	}

	@Test
	void eightBitWindowedSliceMatchesTruthWithoutSkull() {
		SyntheticHeads h = new SyntheticHeads(256, 0.8, 8, -5, 3, 8, 2);
		Volume g = h.windowed8bit();
		Volume m = BrainExtraction.brainMask(g);
		double dice = Masks.dice(m.data(), h.brain);
		assertTrue(dice >= 0.95, "Dice " + dice);
		assertEquals(0, overlap(m.data(), h.skull), "skull pixels in the brain mask");
	}

	@Test
	void enclosedBrightBlobIsKeptInEightBitButBoneNeverInHu() {
		SyntheticHeads h = new SyntheticHeads(200, 1.0, 0, 0, 0, 0, 3);
		float[] hu = h.hu.clone();
		// a dense 90 HU clot and a 400 HU calcification inside the brain
		for (int y = 90; y < 100; y++)
			for (int x = 60; x < 70; x++)
				hu[y * 200 + x] = 90;
		for (int y = 120; y < 124; y++)
			for (int x = 110; x < 114; x++)
				hu[y * 200 + x] = 400;
		Volume v = Volume.of(hu, 200, 200, 1, new double[] { 1, 1, 5 }, SyntheticHeads.meta(ValueUnit.HU));
		float[] m = BrainExtraction.brainMask(v).data();
		assertEquals(1f, m[95 * 200 + 65], 0f, "haematoma in the HU mask");
		assertEquals(0f, m[121 * 200 + 111], 0f, "calcification (> 300 HU) not in the HU mask");
		float[] g = new float[hu.length];
		for (int i = 0; i < g.length; i++)
			g[i] = Math.round(255 * Windows.apply(hu[i], Window.BRAIN));
		assertEquals(255f, g[95 * 200 + 65], 0f); // as white as bone in the brain window
		float[] m8 = BrainExtraction.brainMask(Volume.of(g, 200, 200, 1, new double[] { 1, 1, 5 },
			SyntheticHeads.meta(ValueUnit.WINDOWED_8BIT))).data();
		assertEquals(1f, m8[95 * 200 + 65], 0f, "enclosed white blob kept in the 8-bit mask");
		assertEquals(0, overlap(m8, h.skull));
	}

	@Test
	void fineSlicesRunOnTheWorkingGridAndKeepFullResolutionEdges() {
		// 0.5 mm pixels: morphology on a 2x reduced grid, edges refined at full resolution
		SyntheticHeads h = new SyntheticHeads(400, 0.5, 5, 0, 0, 6, 8);
		for (Volume v : new Volume[] { h.volume(), h.windowed8bit() }) {
			float[] m = BrainExtraction.brainMask(v).data();
			double dice = Masks.dice(m, h.brain);
			assertTrue(dice >= 0.97, v.metadata().valueUnit() + ": Dice " + dice);
			assertEquals(0, overlap(m, h.skull), v.metadata().valueUnit() + ": skull in the mask");
		}
	}

	@Test
	void volumeIsProcessedPerSliceAndEmptySlicesGiveEmptyMasks() {
		SyntheticHeads a = new SyntheticHeads(128, 1.6, 0, 0, 0, 5, 4);
		SyntheticHeads b = new SyntheticHeads(128, 1.6, 10, 3, 0, 5, 5);
		Volume v = SyntheticHeads.stack(128, 1.6, ValueUnit.HU, a.hu, SyntheticHeads.air(128, 5, 6), b.hu);
		Volume m = BrainExtraction.brainMask(v);
		assertEquals(3, m.nz());
		int n = 128 * 128;
		float[] d = m.data();
		assertTrue(Masks.dice(Arrays.copyOfRange(d, 0, n), a.brain) >= 0.93);
		for (int i = n; i < 2 * n; i++)
			assertEquals(0f, d[i], 0f);
		assertTrue(Masks.dice(Arrays.copyOfRange(d, 2 * n, 3 * n), b.brain) >= 0.93);
		assertEquals(v.affine()[3], m.affine()[3], 0);
	}

	@Test
	void headMaskCoversTheWholeHead() {
		SyntheticHeads h = new SyntheticHeads(200, 1.0, -5, 0, 0, 5, 7);
		double dice = Masks.dice(BrainExtraction.headMask(h.volume()).data(), h.head);
		assertTrue(dice >= 0.97, "Dice " + dice);
	}

	@Test
	void arbitraryUnitsAreRefused() {
		Volume v = Volume.of(new float[4], 2, 2, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(
			ValueUnit.ARBITRARY));
		assertThrows(IllegalArgumentException.class, () -> BrainExtraction.brainMask(v));
	}
}
