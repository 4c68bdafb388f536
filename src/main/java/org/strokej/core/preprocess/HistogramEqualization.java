package org.strokej.core.preprocess;

import org.strokej.core.io.Volume;

/**
 * Histogram equalisation, slice by slice, keeping each slice's value range [min, max]: values are
 * binned over that range and mapped through the (clipped) cumulative histogram back into it.
 * <p>
 * CLAHE (contrast-limited adaptive histogram equalisation, Zuiderveld, Graphics Gems IV, 1994):
 * the slice is divided into tiles; each tile's histogram is clipped at {@code slope} times its mean
 * bin height, the excess spread evenly over all bins, and its cumulative histogram becomes the tile's
 * mapping; each pixel's output interpolates bilinearly between the mappings of the four nearest
 * tile centres (the nearest two or one at the image border).
 */
public final class HistogramEqualization {

	private HistogramEqualization() {}

	/** Global equalisation of every slice with {@code bins} bins. */
	public static Volume global(Volume v, int bins) {
		return clahe(v, Math.max(v.nx(), v.ny()), bins, 0);
	}

	/**
	 * CLAHE of every slice.
	 *
	 * @param blockPx tile size in pixels (e.g. 64); the tile grid is ceil(size / blockPx) tiles per axis
	 * @param bins histogram bins (e.g. 256)
	 * @param slope clip limit as a multiple of the mean bin height (e.g. 3); 0 or less: no clipping
	 */
	public static Volume clahe(Volume v, int blockPx, int bins, double slope) {
		if (blockPx < 2 || bins < 2) throw new IllegalArgumentException(
			"CLAHE needs block >= 2 and bins >= 2: " + blockPx + ", " + bins);
		int w = v.nx(), h = v.ny(), n = v.sliceSize();
		float[] d = v.data(), out = new float[d.length];
		int tx = Math.max(1, (w + blockPx - 1) / blockPx), ty = Math.max(1, (h + blockPx - 1) / blockPx);
		for (int z = 0; z < v.nz(); z++)
			slice(d, out, z * n, w, h, tx, ty, bins, slope);
		return v.withData(out);
	}

	private static void slice(float[] d, float[] out, int off, int w, int h, int tx, int ty,
		int bins, double slope)
	{
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (int i = 0; i < w * h; i++) {
			float x = d[off + i];
			if (x < min) min = x;
			if (x > max) max = x;
		}
		if (!(max > min)) { // constant slice (or no finite value): unchanged
			System.arraycopy(d, off, out, off, w * h);
			return;
		}
		double scale = bins / (double) (max - min);
		int[] bin = new int[w * h];
		for (int i = 0; i < w * h; i++) {
			float x = d[off + i];
			bin[i] = Float.isFinite(x) ? Math.min(bins - 1, (int) ((x - min) * scale)) : 0;
		}
		// tile borders: tile t covers [t*w/tx, (t+1)*w/tx)
		int[] xb = borders(w, tx), yb = borders(h, ty);
		float[][] maps = new float[tx * ty][];
		for (int j = 0; j < ty; j++)
			for (int i = 0; i < tx; i++)
				maps[j * tx + i] = tileMapping(bin, w, xb[i], xb[i + 1], yb[j], yb[j + 1], bins, slope);
		// bilinear interpolation between tile centres
		double[] xc = centres(xb), yc = centres(yb);
		int[] x0 = new int[w];
		float[] fx = new float[w];
		interpolationIndex(xc, w, x0, fx);
		int[] y0 = new int[h];
		float[] fy = new float[h];
		interpolationIndex(yc, h, y0, fy);
		float range = max - min;
		for (int y = 0; y < h; y++) {
			int ja = y0[y], jb = Math.min(ja + 1, ty - 1);
			float wy = fy[y];
			for (int x = 0; x < w; x++) {
				int ia = x0[x], ib = Math.min(ia + 1, tx - 1);
				float wx = fx[x];
				int b = bin[y * w + x];
				float top = maps[ja * tx + ia][b] * (1 - wx) + maps[ja * tx + ib][b] * wx;
				float bot = maps[jb * tx + ia][b] * (1 - wx) + maps[jb * tx + ib][b] * wx;
				float m = top * (1 - wy) + bot * wy;
				out[off + y * w + x] = min + m * range;
			}
		}
	}

	/** The clipped cumulative histogram of one tile, scaled to [0, 1]. */
	private static float[] tileMapping(int[] bin, int w, int xa, int xb, int ya, int yb, int bins,
		double slope)
	{
		int[] hist = new int[bins];
		for (int y = ya; y < yb; y++)
			for (int x = xa; x < xb; x++)
				hist[bin[y * w + x]]++;
		int count = (xb - xa) * (yb - ya);
		double[] hh = new double[bins];
		for (int i = 0; i < bins; i++)
			hh[i] = hist[i];
		if (slope > 0) {
			double limit = Math.max(1, slope * count / bins);
			// clip and redistribute until no bin exceeds the limit (a few rounds suffice)
			for (int round = 0; round < 16; round++) {
				double excess = 0;
				for (int i = 0; i < bins; i++)
					if (hh[i] > limit) {
						excess += hh[i] - limit;
						hh[i] = limit;
					}
				if (excess < 1e-6) break;
				double add = excess / bins;
				for (int i = 0; i < bins; i++)
					hh[i] += add;
			}
		}
		float[] map = new float[bins];
		double cum = 0, total = 0;
		for (double x : hh)
			total += x;
		// map bin b to the centre of its cumulative step, so that a uniform histogram is the identity
		for (int i = 0; i < bins; i++) {
			map[i] = (float) ((cum + hh[i] / 2) / total);
			cum += hh[i];
		}
		return map;
	}

	private static int[] borders(int n, int t) {
		int[] b = new int[t + 1];
		for (int i = 0; i <= t; i++)
			b[i] = (int) ((long) i * n / t);
		return b;
	}

	private static double[] centres(int[] b) {
		double[] c = new double[b.length - 1];
		for (int i = 0; i < c.length; i++)
			c[i] = (b[i] + b[i + 1] - 1) / 2.0;
		return c;
	}

	/** For each pixel, the tile on its left (index) and the weight of the next tile. */
	private static void interpolationIndex(double[] c, int n, int[] i0, float[] f) {
		int t = 0;
		for (int p = 0; p < n; p++) {
			while (t + 1 < c.length && c[t + 1] <= p)
				t++;
			if (p <= c[0]) {
				i0[p] = 0;
				f[p] = 0;
			}
			else if (t + 1 >= c.length) {
				i0[p] = c.length - 1;
				f[p] = 0;
			}
			else {
				i0[p] = t;
				f[p] = (float) ((p - c[t]) / (c[t + 1] - c[t]));
			}
		}
	}
}
