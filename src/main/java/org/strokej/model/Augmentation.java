package org.strokej.model;

import java.util.Random;

/**
 * Random augmentation of one training sample (yxc float image plus optional class mask), applied
 * in place. Geometric changes (flips, rotation, shift) move image and mask together: the image is
 * resampled bilinearly, the mask by nearest neighbour, both with edge clamping. Intensity changes
 * (scale/offset jitter, Gaussian noise) touch the image only.
 */
public final class Augmentation {

	/**
	 * What to apply.
	 *
	 * @param flipX mirror left-right with probability 1/2
	 * @param flipY mirror top-bottom with probability 1/2
	 * @param rotationDegrees rotate by a uniform angle in ±this
	 * @param shiftFraction shift by a uniform fraction in ±this of the size, per axis
	 * @param intensityJitter multiply by {@code 1 + u} and add {@code v}, u, v uniform in ±this
	 * @param noiseStd add Gaussian noise with this standard deviation
	 */
	public record Settings(boolean flipX, boolean flipY, double rotationDegrees, double shiftFraction,
		double intensityJitter, double noiseStd)
	{
		/** Nothing. */
		public static Settings none() { return new Settings(false, false, 0, 0, 0, 0); }

		/** Left-right flips, ±10° rotation, ±5 % shift, ±5 % intensity jitter, noise 0.02. */
		public static Settings defaults() { return new Settings(true, false, 10, 0.05, 0.05, 0.02); }

		/** Whether anything is applied. */
		public boolean isNone() {
			return !flipX && !flipY && rotationDegrees == 0 && shiftFraction == 0 && intensityJitter == 0 && noiseStd == 0;
		}
	}

	private final Settings settings;

	public Augmentation(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Augments one sample in place.
	 *
	 * @param img {@code h * w * c} floats
	 * @param mask {@code h * w} class indices, or null
	 */
	public void apply(float[] img, int imgOffset, int[] mask, int maskOffset, int h, int w, int c, Random rnd) {
		Settings s = settings;
		if (s.isNone()) return;
		boolean fx = s.flipX() && rnd.nextBoolean();
		boolean fy = s.flipY() && rnd.nextBoolean();
		double angle = s.rotationDegrees() == 0 ? 0 : Math.toRadians((rnd.nextDouble() * 2 - 1) * s.rotationDegrees());
		double dx = s.shiftFraction() == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * s.shiftFraction() * w;
		double dy = s.shiftFraction() == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * s.shiftFraction() * h;
		if (fx || fy || angle != 0 || dx != 0 || dy != 0) warp(img, imgOffset, mask, maskOffset, h, w, c, fx, fy, angle, dx, dy);
		if (s.intensityJitter() > 0 || s.noiseStd() > 0) {
			float scale = (float) (1 + (rnd.nextDouble() * 2 - 1) * s.intensityJitter());
			float shift = (float) ((rnd.nextDouble() * 2 - 1) * s.intensityJitter());
			for (int i = imgOffset, e = imgOffset + h * w * c; i < e; i++) {
				float v = img[i] * scale + shift;
				if (s.noiseStd() > 0) v += (float) (rnd.nextGaussian() * s.noiseStd());
				img[i] = v;
			}
		}
	}

	/**
	 * Geometric warp: output pixel (x, y) takes the input at the inverse transform of
	 * flip ∘ rotation about the centre ∘ shift.
	 */
	static void warp(float[] img, int io, int[] mask, int mo, int h, int w, int c, boolean fx, boolean fy, double angle,
		double dx, double dy)
	{
		float[] src = new float[h * w * c];
		System.arraycopy(img, io, src, 0, src.length);
		int[] msrc = null;
		if (mask != null) {
			msrc = new int[h * w];
			System.arraycopy(mask, mo, msrc, 0, msrc.length);
		}
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, cos = Math.cos(angle), sin = Math.sin(angle);
		boolean exact = angle == 0 && dx == Math.rint(dx) && dy == Math.rint(dy);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				// undo shift, then rotation, then flips
				double ux = x - dx - cx, uy = y - dy - cy;
				double rx = cos * ux + sin * uy + cx, ry = -sin * ux + cos * uy + cy;
				if (fx) rx = w - 1 - rx;
				if (fy) ry = h - 1 - ry;
				rx = Math.max(0, Math.min(w - 1, rx));
				ry = Math.max(0, Math.min(h - 1, ry));
				int dst = y * w + x;
				if (exact) {
					int sx = (int) Math.rint(rx), sy = (int) Math.rint(ry);
					System.arraycopy(src, (sy * w + sx) * c, img, io + dst * c, c);
				}
				else {
					int x0 = (int) Math.floor(rx), y0 = (int) Math.floor(ry);
					int x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
					float ax = (float) (rx - x0), ay = (float) (ry - y0);
					for (int k = 0; k < c; k++) {
						float a = src[(y0 * w + x0) * c + k], b = src[(y0 * w + x1) * c + k];
						float cc = src[(y1 * w + x0) * c + k], d = src[(y1 * w + x1) * c + k];
						float top = a + (b - a) * ax, bot = cc + (d - cc) * ax;
						img[io + dst * c + k] = top + (bot - top) * ay;
					}
				}
				if (msrc != null) mask[mo + dst] = msrc[(int) Math.rint(ry) * w + (int) Math.rint(rx)];
			}
		}
	}
}
