package org.strokej.core.preprocess;

import ij.plugin.filter.RankFilters;
import ij.process.ByteProcessor;
import ij.process.FloodFiller;
import ij.process.ShortProcessor;

/**
 * 2D binary mask operations on 0/255 {@link ByteProcessor}s (255 = foreground), built on ImageJ 1's
 * {@link FloodFiller} and {@link RankFilters} (circular min/max = erosion/dilation with a disc). All
 * methods work in place and return their argument, except where noted.
 */
public final class Masks {

	private Masks() {}

	/** Erosion with a disc of the given radius (pixels), via RankFilters MIN; pixels outside count as 0. */
	public static ByteProcessor erode(ByteProcessor bp, double radius) {
		if (radius <= 0) return bp;
		// pixels outside the image are "nearest edge" in RankFilters; pad so the border erodes too
		ByteProcessor padded = pad(bp, (int) Math.ceil(radius) + 1);
		new RankFilters().rank(padded, radius, RankFilters.MIN);
		return unpad(padded, bp, (int) Math.ceil(radius) + 1);
	}

	/** Dilation with a disc of the given radius (pixels), via RankFilters MAX. */
	public static ByteProcessor dilate(ByteProcessor bp, double radius) {
		if (radius <= 0) return bp;
		new RankFilters().rank(bp, radius, RankFilters.MAX);
		return bp;
	}

	/** Opening (erode then dilate) with a disc. */
	public static ByteProcessor open(ByteProcessor bp, double radius) {
		return dilate(erode(bp, radius), radius);
	}

	/** Closing (dilate then erode) with a disc; the border does not erode the result. */
	public static ByteProcessor close(ByteProcessor bp, double radius) {
		if (radius <= 0) return bp;
		int p = (int) Math.ceil(radius) + 1;
		ByteProcessor padded = pad(bp, p);
		new RankFilters().rank(padded, radius, RankFilters.MAX);
		new RankFilters().rank(padded, radius, RankFilters.MIN);
		return unpad(padded, bp, p);
	}

	/** Fills background regions not 4-connected to the image border. */
	public static ByteProcessor fillHoles(ByteProcessor bp) {
		int w = bp.getWidth(), h = bp.getHeight();
		byte[] px = (byte[]) bp.getPixels();
		FloodFiller ff = new FloodFiller(bp);
		bp.setValue(128);
		for (int x = 0; x < w; x++) {
			if (px[x] == 0) ff.fill(x, 0);
			if (px[(h - 1) * w + x] == 0) ff.fill(x, h - 1);
		}
		for (int y = 0; y < h; y++) {
			if (px[y * w] == 0) ff.fill(0, y);
			if (px[y * w + w - 1] == 0) ff.fill(w - 1, y);
		}
		for (int i = 0; i < px.length; i++)
			px[i] = px[i] == (byte) 128 ? 0 : (byte) 255;
		return bp;
	}

	/**
	 * Keeps only the largest 8-connected foreground component (ties: the first in raster order),
	 * labelling components with ImageJ 1's {@link FloodFiller#fill8}.
	 *
	 * @return the number of pixels kept
	 */
	public static int keepLargestComponent(ByteProcessor bp) {
		int w = bp.getWidth(), h = bp.getHeight();
		byte[] px = (byte[]) bp.getPixels();
		ShortProcessor labels = new ShortProcessor(w, h);
		short[] lp = (short[]) labels.getPixels();
		for (int i = 0; i < px.length; i++)
			lp[i] = px[i] != 0 ? (short) 1 : 0;
		FloodFiller ff = new FloodFiller(labels);
		int next = 2;
		int[] area = new int[65536];
		int best = 0, bestArea = 0;
		for (int i = 0; i < lp.length; i++) {
			if (lp[i] != 1) continue;
			if (next > 65535) break; // pathological: keep what we have
			labels.setValue(next);
			ff.fill8(i % w, i / w);
			next++;
		}
		for (short s : lp)
			area[s & 0xffff]++;
		for (int l = 2; l < next; l++)
			if (area[l] > bestArea) {
				bestArea = area[l];
				best = l;
			}
		for (int i = 0; i < px.length; i++)
			px[i] = (lp[i] & 0xffff) == best && best != 0 ? (byte) 255 : 0;
		return bestArea;
	}

	/** Number of foreground pixels. */
	public static int count(ByteProcessor bp) {
		int n = 0;
		for (byte b : (byte[]) bp.getPixels())
			if (b != 0) n++;
		return n;
	}

	/** Foreground of a and b (in place on a). */
	public static ByteProcessor and(ByteProcessor a, ByteProcessor b) {
		byte[] pa = (byte[]) a.getPixels(), pb = (byte[]) b.getPixels();
		for (int i = 0; i < pa.length; i++)
			if (pb[i] == 0) pa[i] = 0;
		return a;
	}

	/** Dice overlap 2|A∩B|/(|A|+|B|) of two 0/1 (> 0.5) float masks; 1 when both are empty. */
	public static double dice(float[] a, float[] b) {
		long inter = 0, na = 0, nb = 0;
		for (int i = 0; i < a.length; i++) {
			boolean x = a[i] > 0.5f, y = b[i] > 0.5f;
			if (x) na++;
			if (y) nb++;
			if (x && y) inter++;
		}
		return na + nb == 0 ? 1 : 2.0 * inter / (na + nb);
	}

	// -- Helpers --

	private static ByteProcessor pad(ByteProcessor bp, int p) {
		int w = bp.getWidth(), h = bp.getHeight();
		ByteProcessor out = new ByteProcessor(w + 2 * p, h + 2 * p);
		out.insert(bp, p, p);
		return out;
	}

	private static ByteProcessor unpad(ByteProcessor padded, ByteProcessor dst, int p) {
		int w = dst.getWidth(), h = dst.getHeight(), pw = padded.getWidth();
		byte[] s = (byte[]) padded.getPixels(), d = (byte[]) dst.getPixels();
		for (int y = 0; y < h; y++)
			System.arraycopy(s, (y + p) * pw + p, d, y * w, w);
		return dst;
	}
}
