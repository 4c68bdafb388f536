package org.strokej.model;

/**
 * Small operations on interleaved float images ({@code yxc}, channels fastest) used around
 * networks: reflect padding and bilinear resizing.
 */
public final class ImageArrays {

	private ImageArrays() {}

	/** Mirror index (reflect without repeating the edge: {@code -1 -> 1}), valid for any offset. */
	public static int reflect(int i, int n) {
		if (n == 1) return 0;
		int period = 2 * (n - 1);
		int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}

	/** Reflect-pads an {@code h × w × c} image. */
	public static float[] reflectPad(float[] img, int h, int w, int c, int top, int bottom, int left, int right) {
		int ph = h + top + bottom, pw = w + left + right;
		float[] out = new float[ph * pw * c];
		for (int y = 0; y < ph; y++) {
			int sy = reflect(y - top, h);
			for (int x = 0; x < pw; x++) {
				int sx = reflect(x - left, w);
				System.arraycopy(img, (sy * w + sx) * c, out, (y * pw + x) * c, c);
			}
		}
		return out;
	}

	/**
	 * Bilinear resize of a batch (NHWC) with pixel-centre alignment (like
	 * {@code align_corners = false, half_pixel_centers = true}); edges are clamped.
	 */
	public static float[] resizeBilinear(float[] src, int n, int h, int w, int c, int nh, int nw) {
		if (nh == h && nw == w) return src.clone();
		float[] out = new float[n * nh * nw * c];
		double sy = (double) h / nh, sx = (double) w / nw;
		int[] x0 = new int[nw], x1 = new int[nw];
		float[] fx = new float[nw];
		for (int x = 0; x < nw; x++) {
			double p = Math.max(0, Math.min(w - 1, (x + 0.5) * sx - 0.5));
			x0[x] = (int) Math.floor(p);
			x1[x] = Math.min(w - 1, x0[x] + 1);
			fx[x] = (float) (p - x0[x]);
		}
		for (int b = 0; b < n; b++) {
			int base = b * h * w * c, obase = b * nh * nw * c;
			for (int y = 0; y < nh; y++) {
				double p = Math.max(0, Math.min(h - 1, (y + 0.5) * sy - 0.5));
				int y0 = (int) Math.floor(p), y1 = Math.min(h - 1, y0 + 1);
				float fy = (float) (p - y0);
				for (int x = 0; x < nw; x++) {
					for (int k = 0; k < c; k++) {
						float a = src[base + (y0 * w + x0[x]) * c + k], bb = src[base + (y0 * w + x1[x]) * c + k];
						float cc = src[base + (y1 * w + x0[x]) * c + k], d = src[base + (y1 * w + x1[x]) * c + k];
						float top = a + (bb - a) * fx[x], bot = cc + (d - cc) * fx[x];
						out[obase + (y * nw + x) * c + k] = top + (bot - top) * fy;
					}
				}
			}
		}
		return out;
	}
}
