package org.strokej.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TilingTest {

	/** A local "network": 2 classes = (3×3 box mean with zero padding, input); sizes must be multiples of {@code block}. */
	static Tiling.TileNetwork boxNet(int block, List<int[]> calls) {
		return (tiles, n, h, w, c) -> {
			if (h % block != 0 || w % block != 0) throw new AssertionError("not a block multiple: " + h + "×" + w);
			if (calls != null) calls.add(new int[] { n, h, w });
			float[] out = new float[n * h * w * 2];
			for (int b = 0; b < n; b++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						float s = 0;
						for (int dy = -1; dy <= 1; dy++)
							for (int dx = -1; dx <= 1; dx++) {
								int yy = y + dy, xx = x + dx;
								if (yy >= 0 && yy < h && xx >= 0 && xx < w) s += tiles[(b * h + yy) * w + xx];
							}
						int o = ((b * h + y) * w + x) * 2;
						out[o] = s / 9;
						out[o + 1] = tiles[(b * h + y) * w + x];
					}
			return out;
		};
	}

	static float[] random(int n, long seed) {
		Random r = new Random(seed);
		float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = r.nextFloat();
		return a;
	}

	@Test
	void startsCoverTheAxisWithTheOverlap() {
		Tiling t = new Tiling(32, 8, 8);
		assertArrayEquals(new int[] { 0 }, t.starts(20));
		assertEquals(24, t.paddedLength(20));
		assertArrayEquals(new int[] { 0, 24, 48, 72 }, t.starts(104));
		assertEquals(104, t.paddedLength(100));
		assertEquals(4 * 4, t.tiles(104, 104).size());
		assertArrayEquals(new int[] { 0, 16, 32, 48, 64, 72 }, new Tiling(32, 12, 8).starts(104), "steps are block multiples");
	}

	@Test
	void oneTileImageGivesExactlyTheUntiledResult() {
		Tiling t = new Tiling(64, 16, 8);
		float[] img = random(40 * 48, 1);
		float[] tiled = t.predict(img, 40, 48, 1, 2, boxNet(8, null), 4);
		float[] direct = boxNet(8, null).run(img, 1, 40, 48, 1);
		assertArrayEquals(direct, tiled, 0f);
	}

	@Test
	void anySizeIsPaddedToTheBlockMultipleAndCroppedBack() {
		Tiling t = new Tiling(32, 8, 8);
		for (int[] s : new int[][] { { 1, 1 }, { 5, 37 }, { 37, 45 }, { 70, 9 } }) {
			float[] img = random(s[0] * s[1], s[0]);
			float[] out = t.predict(img, s[0], s[1], 1, 2, boxNet(8, null), 3);
			assertEquals(s[0] * s[1] * 2, out.length);
			for (int p = 0; p < s[0] * s[1]; p++) assertEquals(img[p], out[2 * p + 1], 1e-6f, "identity channel at " + p);
		}
	}

	@Test
	void largeImageHasNoSeams() {
		// the box filter sees 1 pixel around; the blend ignores overlap/4 = 2 pixels at inner tile edges, so tiled == whole image
		Tiling t = new Tiling(32, 8, 8);
		int h = 96, w = 120;
		float[] img = random(h * w, 3);
		List<int[]> calls = new ArrayList<>();
		float[] tiled = t.predict(img, h, w, 1, 2, boxNet(8, calls), 4);
		float[] whole = boxNet(8, null).run(img, 1, h, w, 1);
		float max = 0;
		for (int i = 0; i < whole.length; i++) max = Math.max(max, Math.abs(whole[i] - tiled[i]));
		assertTrue(max < 1e-5f, "max difference " + max);
		int tiles = calls.stream().mapToInt(c -> c[0]).sum();
		assertEquals(t.tiles(h, w).size(), tiles);
		assertTrue(tiles > 4);
		assertTrue(calls.stream().allMatch(c -> c[0] <= 4 && c[1] == 32 && c[2] == 32));
	}

	@Test
	void blendWeightsAreSmoothAndPositive() {
		Tiling t = new Tiling(32, 8, 8);
		float[] w = t.axisWeights(24, 32, 100);
		assertEquals(1e-6f, w[0], 0f);
		assertEquals(1f, w[16], 0f);
		for (int i = 1; i < 16; i++) assertTrue(w[i] >= w[i - 1]);
		float[] edge = t.axisWeights(0, 32, 100);
		assertEquals(1f, edge[0], 0f, "image border keeps full weight");
	}

	@Test
	void reflectIndexMirrorsWithoutRepeatingTheEdge() {
		assertEquals(1, ImageArrays.reflect(-1, 5));
		assertEquals(3, ImageArrays.reflect(5, 5));
		assertEquals(0, ImageArrays.reflect(8, 5));
		assertEquals(0, ImageArrays.reflect(-7, 1));
		assertArrayEquals(new float[] { 2, 1, 2, 3, 2, 1 }, ImageArrays.reflectPad(new float[] { 1, 2, 3 }, 1, 3, 1, 0, 0, 1, 2), 0f);
	}

	@Test
	void bilinearResizeKeepsConstantsAndHalvesRamps() {
		float[] constant = new float[8 * 8];
		java.util.Arrays.fill(constant, 3f);
		float[] r = ImageArrays.resizeBilinear(constant, 1, 8, 8, 1, 5, 3);
		for (float v : r) assertEquals(3f, v, 1e-6f);
		float[] ramp = { 0, 1, 2, 3 };
		assertArrayEquals(new float[] { 0.5f, 2.5f }, ImageArrays.resizeBilinear(ramp, 1, 1, 4, 1, 1, 2), 1e-6f);
	}
}
