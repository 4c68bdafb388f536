package org.strokej.core.preprocess;

import org.strokej.core.io.Affines;
import org.strokej.core.io.Volume;

/**
 * Cropping to a mask's bounding box and pasting results back into the full grid. The crop keeps
 * world geometry: the affine of the cropped volume maps its voxels to the same millimetres.
 */
public final class Crops {

	private Crops() {}

	/**
	 * The in-plane bounding box of all mask voxels (> 0.5) over all slices, grown by
	 * {@code marginMm} on every side (converted with the in-plane spacing), all slices kept. With
	 * {@code square}, the shorter side is grown symmetrically to a square (which may reach outside
	 * the grid). An empty mask gives the full grid.
	 */
	public static CropBox boundingBox(Volume mask, double marginMm, boolean square) {
		int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
		int minX = nx, minY = ny, maxX = -1, maxY = -1;
		float[] d = mask.data();
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++) {
				int row = (z * ny + y) * nx;
				for (int x = 0; x < nx; x++)
					if (d[row + x] > 0.5f) {
						if (x < minX) minX = x;
						if (x > maxX) maxX = x;
						if (y < minY) minY = y;
						if (y > maxY) maxY = y;
					}
			}
		if (maxX < 0) return CropBox.full(nx, ny, nz);
		double[] sp = mask.spacing();
		int mx = (int) Math.ceil(marginMm / sp[0]), my = (int) Math.ceil(marginMm / sp[1]);
		int x0 = minX - mx, y0 = minY - my;
		int w = maxX + mx - x0 + 1, h = maxY + my - y0 + 1;
		if (square && w != h) {
			if (w < h) {
				x0 -= (h - w) / 2;
				w = h;
			}
			else {
				y0 -= (w - h) / 2;
				h = w;
			}
		}
		else if (!square) {
			// without squaring, stay inside the grid
			int x1 = Math.min(nx, x0 + w), y1 = Math.min(ny, y0 + h);
			x0 = Math.max(0, x0);
			y0 = Math.max(0, y0);
			w = x1 - x0;
			h = y1 - y0;
		}
		return new CropBox(x0, y0, 0, w, h, nz, nx, ny, nz);
	}

	/**
	 * The voxels of {@code v} inside the box; voxels of the box outside the grid get {@code fill}.
	 * The affine is shifted so world coordinates are unchanged.
	 */
	public static Volume crop(Volume v, CropBox b, float fill) {
		check(v, b);
		int w = b.width(), h = b.height(), dz = b.depth();
		float[] out = new float[w * h * dz];
		if (fill != 0) java.util.Arrays.fill(out, fill);
		copy(v.data(), v.nx(), v.ny(), v.nz(), out, w, h, dz, b.x0(), b.y0(), b.z0());
		double[] a = Affines.multiply(v.affine(), Grids.indexMap(1, 1, 1, b.x0(), b.y0(), b.z0()));
		return new Volume(out, w, h, dz, v.spacing(), a, v.metadata());
	}

	/**
	 * Pastes a cropped result back into a full grid of the box's full size filled with
	 * {@code fill}; the inverse of {@link #crop} on every voxel the box and the grid share.
	 *
	 * @param full the original full volume, for geometry and metadata (only its size and geometry
	 *          are used), or null to derive the geometry from the cropped volume
	 */
	public static Volume pasteBack(Volume cropped, CropBox b, float fill, Volume full) {
		if (cropped.nx() != b.width() || cropped.ny() != b.height() || cropped.nz() != b.depth())
			throw new IllegalArgumentException("cropped volume " + cropped.nx() + "x" + cropped.ny() +
				"x" + cropped.nz() + " does not match the crop box " + b);
		int nx = b.fullWidth(), ny = b.fullHeight(), nz = b.fullDepth();
		float[] out = new float[nx * ny * nz];
		if (fill != 0) java.util.Arrays.fill(out, fill);
		// copy the box back: the same loop with the roles swapped (negative offsets)
		copy(cropped.data(), b.width(), b.height(), b.depth(), out, nx, ny, nz, -b.x0(), -b.y0(), -b.z0());
		double[] a = full != null ? full.affine() : Affines.multiply(cropped.affine(), Grids.indexMap(1, 1, 1,
			-b.x0(), -b.y0(), -b.z0()));
		return new Volume(out, nx, ny, nz, cropped.spacing(), a, cropped.metadata());
	}

	/** dst(x,y,z) = src(x+ox, y+oy, z+oz) where the source index is inside src. */
	private static void copy(float[] src, int sw, int sh, int sd, float[] dst, int dw, int dh, int dd,
		int ox, int oy, int oz)
	{
		int xa = Math.max(0, -ox), xb = Math.min(dw, sw - ox);
		if (xb <= xa) return;
		for (int z = 0; z < dd; z++) {
			int sz = z + oz;
			if (sz < 0 || sz >= sd) continue;
			for (int y = 0; y < dh; y++) {
				int sy = y + oy;
				if (sy < 0 || sy >= sh) continue;
				System.arraycopy(src, (sz * sh + sy) * sw + xa + ox, dst, (z * dh + y) * dw + xa, xb - xa);
			}
		}
	}

	private static void check(Volume v, CropBox b) {
		if (v.nx() != b.fullWidth() || v.ny() != b.fullHeight() || v.nz() != b.fullDepth())
			throw new IllegalArgumentException("crop box " + b + " was made for another grid than " +
				v.nx() + "x" + v.ny() + "x" + v.nz());
	}
}
