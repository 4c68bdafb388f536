package org.strokej.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a fully convolutional network on an image of any size, tile by tile.
 * <p>
 * Per axis of length {@code L}: the image is reflect-padded (split evenly before/after) to the
 * next multiple of {@code blockMultiple}; when that fits in a tile it is one tile, otherwise
 * tiles of {@code tileSize} start every {@code tileSize - overlap} pixels (rounded down to a
 * multiple of {@code blockMultiple}, so every tile sees the same pooling grid as the whole
 * image), the last one flush with the padded end. Overlapping outputs are blended with
 * a smooth weight that is zero over the outer quarter of the overlap next to a tile edge (the
 * part of a tile that sees padding), rises with a smoothstep over the next half, and is one
 * elsewhere; edges that coincide with the image border keep weight one. An image that fits in one
 * tile therefore gets exactly the untiled result.
 * </p>
 */
public final class Tiling {

	/** A network on a batch of tiles. */
	@FunctionalInterface
	public interface TileNetwork {

		/**
		 * @param tiles {@code n * h * w * c} floats, NHWC
		 * @return {@code n * h * w * classes} floats
		 */
		float[] run(float[] tiles, int n, int h, int w, int c);
	}

	/**
	 * A tile in padded image coordinates.
	 *
	 * @param y first row
	 * @param x first column
	 * @param height rows
	 * @param width columns
	 */
	public record Tile(int y, int x, int height, int width) {}

	private static final float MIN_WEIGHT = 1e-6f;

	private final int tileSize;
	private final int overlap;
	private final int blockMultiple;

	/**
	 * @param tileSize tile edge, a positive multiple of {@code blockMultiple}
	 * @param overlap overlap between tiles, {@code 0 <= overlap < tileSize}
	 * @param blockMultiple sizes fed to the network are multiples of this
	 */
	public Tiling(int tileSize, int overlap, int blockMultiple) {
		if (blockMultiple < 1) throw new IllegalArgumentException("block multiple must be positive: " + blockMultiple);
		if (tileSize < 1 || tileSize % blockMultiple != 0)
			throw new IllegalArgumentException("tile size must be a positive multiple of " + blockMultiple + ": " + tileSize);
		if (overlap < 0 || overlap >= tileSize)
			throw new IllegalArgumentException("overlap must be in [0, tile size): " + overlap);
		this.tileSize = tileSize;
		this.overlap = overlap;
		this.blockMultiple = blockMultiple;
	}

	/** The tiling of a spec. */
	public static Tiling of(ModelSpec.TilingSpec t) {
		return new Tiling(t.tileSize(), t.overlap(), t.blockMultiple());
	}

	public int tileSize() { return tileSize; }

	public int overlap() { return overlap; }

	public int blockMultiple() { return blockMultiple; }

	/** Padded length of an axis of length {@code len}. */
	public int paddedLength(int len) {
		return roundUp(len, blockMultiple);
	}

	/** Tile start positions along a padded axis of length {@code len} (a multiple of the block multiple). */
	public int[] starts(int len) {
		if (len <= tileSize) return new int[] { 0 };
		int step = Math.max(blockMultiple, (tileSize - overlap) / blockMultiple * blockMultiple);
		List<Integer> s = new ArrayList<>();
		for (int p = 0; p + tileSize < len; p += step) s.add(p);
		s.add(len - tileSize);
		return s.stream().mapToInt(Integer::intValue).toArray();
	}

	/** The tiles covering an {@code h × w} image after padding, row by row (padded coordinates). */
	public List<Tile> tiles(int h, int w) {
		int ph = paddedLength(h), pw = paddedLength(w);
		int th = Math.min(tileSize, ph), tw = Math.min(tileSize, pw);
		List<Tile> tiles = new ArrayList<>();
		for (int y : starts(ph))
			for (int x : starts(pw))
				tiles.add(new Tile(y, x, th, tw));
		return tiles;
	}

	/**
	 * Predicts one image tile by tile.
	 *
	 * @param image {@code h * w * c} floats (yxc)
	 * @param classes output channels of the network
	 * @param maxBatch tiles per network call
	 * @return {@code h * w * classes} floats
	 */
	public float[] predict(float[] image, int h, int w, int c, int classes, TileNetwork net, int maxBatch) {
		if (image.length != (long) h * w * c)
			throw new IllegalArgumentException("image has " + image.length + " values, not " + h + "×" + w + "×" + c);
		int ph = paddedLength(h), pw = paddedLength(w);
		int oy = (ph - h) / 2, ox = (pw - w) / 2;
		float[] padded = ph == h && pw == w ? image : ImageArrays.reflectPad(image, h, w, c, oy, ph - h - oy, ox, pw - w - ox);
		List<Tile> tiles = tiles(ph, pw);
		float[] sum = new float[ph * pw * classes];
		float[] wsum = new float[ph * pw];
		int batch = Math.max(1, maxBatch);
		for (int t0 = 0; t0 < tiles.size(); t0 += batch) {
			int nb = Math.min(batch, tiles.size() - t0);
			Tile first = tiles.get(t0);
			int th = first.height(), tw = first.width();
			float[] in = new float[nb * th * tw * c];
			for (int b = 0; b < nb; b++) {
				Tile t = tiles.get(t0 + b);
				for (int y = 0; y < th; y++)
					System.arraycopy(padded, ((t.y() + y) * pw + t.x()) * c, in, ((b * th + y) * tw) * c, tw * c);
			}
			float[] out = net.run(in, nb, th, tw, c);
			if (out.length != nb * th * tw * classes)
				throw new IllegalStateException("network returned " + out.length + " values for " + nb + " tiles of " + th +
					"×" + tw + " with " + classes + " classes");
			for (int b = 0; b < nb; b++) {
				Tile t = tiles.get(t0 + b);
				float[] wy = axisWeights(t.y(), th, ph), wx = axisWeights(t.x(), tw, pw);
				for (int y = 0; y < th; y++) {
					for (int x = 0; x < tw; x++) {
						float wgt = wy[y] * wx[x];
						int p = (t.y() + y) * pw + t.x() + x;
						wsum[p] += wgt;
						int src = ((b * th + y) * tw + x) * classes;
						for (int k = 0; k < classes; k++) sum[p * classes + k] += wgt * out[src + k];
					}
				}
			}
		}
		float[] result = new float[h * w * classes];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int p = (y + oy) * pw + x + ox;
				float inv = wsum[p];
				int dst = (y * w + x) * classes;
				for (int k = 0; k < classes; k++) {
					float v = sum[p * classes + k];
					result[dst + k] = inv == 1f ? v : v / inv;
				}
			}
		}
		return result;
	}

	/** Blend weights along one axis for a tile at {@code start} of length {@code len} in an axis of {@code total}. */
	float[] axisWeights(int start, int len, int total) {
		float[] wts = new float[len];
		boolean openStart = start > 0, openEnd = start + len < total;
		int margin = overlap / 4;
		int ramp = Math.max(1, overlap / 2);
		for (int i = 0; i < len; i++) {
			int d = Integer.MAX_VALUE;
			if (openStart) d = i;
			if (openEnd) d = Math.min(d, len - 1 - i);
			if (d == Integer.MAX_VALUE) {
				wts[i] = 1f;
				continue;
			}
			float u = Math.min(1f, Math.max(0f, (d - margin + 1) / (float) (ramp + 1)));
			wts[i] = Math.max(MIN_WEIGHT, u * u * (3 - 2 * u));
		}
		return wts;
	}

	private static int roundUp(int v, int m) {
		return (v + m - 1) / m * m;
	}
}
