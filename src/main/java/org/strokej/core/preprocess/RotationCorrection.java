package org.strokej.core.preprocess;

import org.strokej.core.io.Affines;
import org.strokej.core.io.Volume;

/**
 * In-plane head tilt: estimation of the mid-sagittal line and rotation upright, and back.
 * <p>
 * Angles are in degrees, <b>clockwise as seen on screen</b> (x right, y down), like ImageJ 1's
 * {@code ImageProcessor.rotate}. A head "tilted by θ" is an upright head (midline along y) rotated
 * clockwise by θ; {@link #upright} rotates it by −θ. One angle and one centre serve all slices of a
 * volume (the head is rigid): the estimate pools the mask voxels of all slices.
 * <p>
 * Estimation: principal axes of the head/brain mask (the long axis of a head is antero-posterior),
 * then a search over ±25° (1° steps, refined to 0.1°) for the line through the mask centroid about
 * which the mask is most mirror-symmetric; the symmetry result is kept unless it is less symmetric
 * than the principal axis. In-plane pixels are assumed square.
 * <p>
 * Rotation is done here rather than with {@code ImageProcessor.rotate} because that one turns about
 * the image (or ROI) centre: turning about the head centre would need a second interpolation.
 */
public final class RotationCorrection {

	private RotationCorrection() {}

	/**
	 * The mid-sagittal line: its tilt and a point on it.
	 *
	 * @param angleDeg clockwise tilt of the midline from the image's vertical, degrees
	 * @param cx x of the rotation centre (mask centroid), pixels
	 * @param cy y of the rotation centre, pixels
	 */
	public record Midline(double angleDeg, double cx, double cy) {}

	/** Largest tilt searched, degrees. */
	public static final double MAX_ANGLE = 25;

	/**
	 * Estimates the midline from a 0/1 mask (head or brain), pooled over all slices. An empty mask
	 * gives angle 0 about the image centre.
	 */
	public static Midline estimate(Volume mask) {
		int w = mask.nx(), h = mask.ny(), n = mask.sliceSize();
		float[] m = mask.data();
		// pooled in-plane projection: count of mask voxels per pixel
		float[] proj = new float[n];
		double sx = 0, sy = 0, s = 0;
		for (int z = 0; z < mask.nz(); z++)
			for (int i = 0; i < n; i++)
				if (m[z * n + i] > 0.5f) {
					proj[i]++;
					sx += i % w;
					sy += i / w;
					s++;
				}
		if (s == 0) return new Midline(0, (w - 1) / 2.0, (h - 1) / 2.0);
		double cx = sx / s, cy = sy / s, mxx = 0, myy = 0, mxy = 0;
		for (int i = 0; i < n; i++)
			if (proj[i] > 0) {
				double dx = i % w - cx, dy = i / w - cy;
				mxx += proj[i] * dx * dx;
				myy += proj[i] * dy * dy;
				mxy += proj[i] * dx * dy;
			}
		// long axis direction (cos phi, sin phi) from the x axis; upright head: phi = 90°
		double phi = 0.5 * Math.atan2(2 * mxy, mxx - myy);
		double vx = Math.cos(phi), vy = Math.sin(phi);
		if (vy < 0) {
			vx = -vx;
			vy = -vy;
		}
		// a clockwise tilt θ turns (0, 1) into (-sin θ, cos θ)
		double pca = Math.toDegrees(Math.atan2(-vx, vy));
		if (Math.abs(pca) > 45) pca = 0; // the long axis is left-right: no information
		pca = Math.max(-MAX_ANGLE, Math.min(MAX_ANGLE, pca));
		// symmetry search about lines through the centroid
		double best = pca, bestScore = symmetry(proj, w, h, cx, cy, pca);
		for (double a = -MAX_ANGLE; a <= MAX_ANGLE; a += 1) {
			double sc = symmetry(proj, w, h, cx, cy, a);
			if (sc > bestScore) {
				bestScore = sc;
				best = a;
			}
		}
		double centre = best;
		for (double a = centre - 1; a <= centre + 1 + 1e-9; a += 0.1) {
			double sc = symmetry(proj, w, h, cx, cy, a);
			if (sc > bestScore) {
				bestScore = sc;
				best = a;
			}
		}
		return new Midline(best, cx, cy);
	}

	/**
	 * Mirror overlap of the projected mask about the line through (cx, cy) tilted clockwise by
	 * {@code deg} from vertical: sum over pixels of min(p, p mirrored) / sum of p, on every second
	 * pixel.
	 */
	static double symmetry(float[] proj, int w, int h, double cx, double cy, double deg) {
		double t = Math.toRadians(deg);
		double nx = Math.cos(t), ny = Math.sin(t); // normal of the midline
		double num = 0, den = 0;
		for (int y = 0; y < h; y += 2)
			for (int x = 0; x < w; x += 2) {
				float p = proj[y * w + x];
				if (p == 0) continue;
				double dist = (x - cx) * nx + (y - cy) * ny;
				int mx = (int) Math.round(x - 2 * dist * nx), my = (int) Math.round(y - 2 * dist * ny);
				float q = mx >= 0 && mx < w && my >= 0 && my < h ? proj[my * w + mx] : 0;
				num += Math.min(p, q);
				den += p;
			}
		return den == 0 ? 0 : num / den;
	}

	/** Rotates every slice so that the midline becomes vertical (by −angle about its centre). */
	public static Volume upright(Volume v, Midline m, Interpolation interp) {
		return rotate(v, -m.angleDeg(), m.cx(), m.cy(), interp, 0f);
	}

	/** Undoes {@link #upright}: rotates by +angle about the same centre. */
	public static Volume back(Volume v, Midline m, Interpolation interp) {
		return rotate(v, m.angleDeg(), m.cx(), m.cy(), interp, 0f);
	}

	/**
	 * Rotates every slice clockwise (on screen) by {@code deg} about (cx, cy), bilinear or nearest
	 * (cubic falls back to bilinear); voxels coming from outside the slice get {@code fill}. The
	 * affine is updated so every voxel keeps its world position meaning.
	 */
	public static Volume rotate(Volume v, double deg, double cx, double cy, Interpolation interp,
		float fill)
	{
		int w = v.nx(), h = v.ny(), n = v.sliceSize();
		double t = Math.toRadians(deg), c = Math.cos(t), s = Math.sin(t);
		float[] d = v.data(), out = new float[d.length];
		boolean nearest = interp == Interpolation.NEAREST;
		for (int y = 0; y < h; y++) {
			double dy = y - cy;
			for (int x = 0; x < w; x++) {
				double dx = x - cx;
				// inverse of the clockwise rotation: source of output pixel (x, y)
				double xs = cx + dx * c + dy * s, ys = cy - dx * s + dy * c;
				int i = y * w + x;
				if (nearest) {
					int xi = (int) Math.floor(xs + 0.5), yi = (int) Math.floor(ys + 0.5);
					boolean inside = xi >= 0 && xi < w && yi >= 0 && yi < h;
					for (int z = 0; z < v.nz(); z++)
						out[z * n + i] = inside ? d[z * n + yi * w + xi] : fill;
				}
				else {
					if (xs < -0.5 || ys < -0.5 || xs > w - 0.5 || ys > h - 0.5) {
						for (int z = 0; z < v.nz(); z++)
							out[z * n + i] = fill;
						continue;
					}
					double xc = Math.min(Math.max(xs, 0), w - 1), yc = Math.min(Math.max(ys, 0), h - 1);
					int x0 = Math.min((int) xc, w - 2 < 0 ? 0 : w - 2), y0 = Math.min((int) yc, h - 2 < 0 ? 0 : h - 2);
					int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
					float fx = (float) (xc - x0), fy = (float) (yc - y0);
					for (int z = 0; z < v.nz(); z++) {
						int o = z * n;
						float a = d[o + y0 * w + x0], b = d[o + y0 * w + x1];
						float e = d[o + y1 * w + x0], f = d[o + y1 * w + x1];
						float top = a + fx * (b - a), bot = e + fx * (f - e);
						out[o + i] = top + fy * (bot - top);
					}
				}
			}
		}
		// new index (x, y) = old index R^-1 applied: old = T(c) R^-1 T(-c) new
		double[] map = { c, s, 0, cx - cx * c - cy * s, -s, c, 0, cy + cx * s - cy * c, 0, 0, 1, 0, 0, 0,
			0, 1 };
		return new Volume(out, w, h, v.nz(), v.spacing(), Affines.multiply(v.affine(), map), v.metadata());
	}
}
