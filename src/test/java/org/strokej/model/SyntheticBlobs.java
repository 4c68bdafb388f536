package org.strokej.model;

import java.util.Random;

/** Synthetic 1-channel blob images on noise for tests and benchmarks. */
public final class SyntheticBlobs {

	private SyntheticBlobs() {}

	/**
	 * Classification samples: class 0 no blob, 1 bright blob (+1), 2 dark blob (−1), on Gaussian
	 * noise (σ 0.15) around 0; blob radius 3–6 px, anywhere inside.
	 */
	public static TrainingData classification(int n, int size, long seed) {
		Random r = new Random(seed);
		float[] img = new float[n * size * size];
		int[] labels = new int[n];
		String[] groups = new String[n];
		for (int i = 0; i < n; i++) {
			int cls = i % 3;
			labels[i] = cls;
			groups[i] = "p" + (i / 4);
			int off = i * size * size;
			for (int p = 0; p < size * size; p++) img[off + p] = (float) (r.nextGaussian() * 0.15);
			if (cls > 0) blob(img, off, null, 0, size, size, r, cls == 1 ? 1f : -1f, 0);
		}
		return TrainingData.ofLabels(img, labels, groups, size, size, 1);
	}

	/** Segmentation samples: one bright blob (class 1) and usually one dark blob (class 2) on noise. */
	public static TrainingData segmentation(int n, int size, long seed) {
		Random r = new Random(seed);
		float[] img = new float[n * size * size];
		int[] masks = new int[n * size * size];
		String[] groups = new String[n];
		for (int i = 0; i < n; i++) {
			groups[i] = "p" + (i / 4);
			int off = i * size * size;
			for (int p = 0; p < size * size; p++) img[off + p] = (float) (r.nextGaussian() * 0.15);
			blob(img, off, masks, off, size, size, r, 1f, 1);
			if (r.nextInt(4) > 0) blob(img, off, masks, off, size, size, r, -1f, 2);
		}
		return TrainingData.ofMasks(img, masks, groups, size, size, 1);
	}

	/** A large image (h × w) with several blobs, for tiling. */
	public static float[] scene(int h, int w, int blobs, long seed) {
		Random r = new Random(seed);
		float[] img = new float[h * w];
		for (int p = 0; p < h * w; p++) img[p] = (float) (r.nextGaussian() * 0.15);
		for (int b = 0; b < blobs; b++) blob(img, 0, null, 0, h, w, r, b % 2 == 0 ? 1f : -1f, 0);
		return img;
	}

	private static void blob(float[] img, int off, int[] mask, int moff, int h, int w, Random r, float value, int cls) {
		double rad = 3 + r.nextDouble() * 3;
		double cy = rad + r.nextDouble() * (h - 2 * rad), cx = rad + r.nextDouble() * (w - 2 * rad);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if ((y - cy) * (y - cy) + (x - cx) * (x - cx) <= rad * rad) {
					img[off + y * w + x] += value;
					if (mask != null) mask[moff + y * w + x] = cls;
				}
	}
}
