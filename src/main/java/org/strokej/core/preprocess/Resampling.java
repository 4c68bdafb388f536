package org.strokej.core.preprocess;

import ij.process.FloatProcessor;

import org.strokej.core.io.Affines;
import org.strokej.core.io.Volume;

/**
 * Resampling to another grid size or voxel spacing, and back. Grids are aligned on voxel centres
 * of the outer edges: new voxel i lies at old index {@code (i + 0.5) * n/n' - 0.5} (the convention
 * of most resamplers, and the reason ImageJ 1's {@code ImageProcessor.resize}, which offsets its
 * grid by a quarter of the scale factor, is not used here: the round trip would shift the image).
 * Linear interpolation is separable (x, then y, then z); cubic uses ImageJ 1's bicubic
 * interpolation in-plane and linear in z; nearest neighbour is for labels and masks. The affine and
 * spacing of the result describe the same world space.
 */
public final class Resampling {

	private Resampling() {}

	/** Resamples to nx' × ny' × nz' voxels. Sizes equal to the input's leave that axis untouched. */
	public static Volume toSize(Volume v, int nx, int ny, int nz, Interpolation interp) {
		if (nx <= 0 || ny <= 0 || nz <= 0) throw new IllegalArgumentException(
			"target size must be positive: " + nx + "x" + ny + "x" + nz);
		if (nx == v.nx() && ny == v.ny() && nz == v.nz()) return v.withData(v.data().clone());
		float[] d;
		if (interp == Interpolation.NEAREST) d = nearest(v, nx, ny, nz);
		else {
			float[] inPlane = interp == Interpolation.CUBIC ? cubicInPlane(v, nx, ny) : linear(
				linear(v.data(), v.ny() * v.nz(), v.nx(), 1, nx), // along x
				v.nz(), v.ny(), nx, ny); // along y
			d = linear(inPlane, 1, v.nz(), nx * ny, nz); // along z
		}
		double sx = (double) v.nx() / nx, sy = (double) v.ny() / ny, sz = (double) v.nz() / nz;
		double[] sp = v.spacing();
		double[] spacing = { sp[0] * sx, sp[1] * sy, sp[2] * sz };
		double[] a = Affines.multiply(v.affine(), Grids.indexMap(sx, sy, sz, 0.5 * sx - 0.5, 0.5 * sy - 0.5,
			0.5 * sz - 0.5));
		return new Volume(d, nx, ny, nz, spacing, a, v.metadata());
	}

	/**
	 * Resamples to (about) the given voxel spacing in mm; a value ≤ 0 keeps that axis. Sizes are
	 * rounded, so the resulting spacing is {@code n * spacing / n'}, within half a voxel of the target.
	 */
	public static Volume toSpacing(Volume v, double[] spacing, Interpolation interp) {
		int[] m = sizeFor(v, spacing);
		return toSize(v, m[0], m[1], m[2], interp);
	}

	/** The grid size {@link #toSpacing} resamples to. */
	public static int[] sizeFor(Volume v, double[] spacing) {
		if (spacing.length != 3) throw new IllegalArgumentException("spacing needs 3 values");
		double[] sp = v.spacing();
		int[] n = v.dims();
		int[] m = new int[3];
		for (int k = 0; k < 3; k++)
			m[k] = spacing[k] > 0 ? Math.max(1, (int) Math.round(n[k] * sp[k] / spacing[k])) : n[k];
		return m;
	}

	/** Resamples a result on a resampled grid back onto a grid of the original size. */
	public static Volume back(Volume result, int nx, int ny, int nz, Interpolation interp) {
		return toSize(result, nx, ny, nz, interp);
	}

	// -- Kernels --

	/** Index of the old voxel centre at new voxel i. */
	private static double src(int i, int oldN, int newN) {
		return (i + 0.5) * oldN / newN - 0.5;
	}

	private static float[] nearest(Volume v, int nx, int ny, int nz) {
		int ox = v.nx(), oy = v.ny(), oz = v.nz();
		int[] ix = nearestIndex(ox, nx), iy = nearestIndex(oy, ny), iz = nearestIndex(oz, nz);
		float[] s = v.data(), d = new float[nx * ny * nz];
		int k = 0;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++) {
				int row = (iz[z] * oy + iy[y]) * ox;
				for (int x = 0; x < nx; x++)
					d[k++] = s[row + ix[x]];
			}
		return d;
	}

	private static int[] nearestIndex(int oldN, int newN) {
		int[] idx = new int[newN];
		for (int i = 0; i < newN; i++)
			idx[i] = Grids.clamp((int) Math.floor(src(i, oldN, newN) + 0.5), 0, oldN - 1);
		return idx;
	}

	/**
	 * Linear resampling along one axis of an array laid out as outer × oldN × inner (the axis has
	 * stride {@code inner}); the result is outer × newN × inner.
	 */
	private static float[] linear(float[] s, int outer, int oldN, int inner, int newN) {
		if (newN == oldN) return s;
		int[] i0 = new int[newN];
		float[] f = new float[newN];
		weights(oldN, newN, i0, f);
		float[] d = new float[outer * newN * inner];
		for (int o = 0; o < outer; o++) {
			int sb = o * oldN * inner, db = o * newN * inner;
			for (int i = 0; i < newN; i++) {
				int a = sb + i0[i] * inner, b = a + (i0[i] + 1 < oldN ? inner : 0);
				float w = f[i];
				int dd = db + i * inner;
				for (int j = 0; j < inner; j++)
					d[dd + j] = s[a + j] + w * (s[b + j] - s[a + j]);
			}
		}
		return d;
	}

	private static void weights(int oldN, int newN, int[] i0, float[] f) {
		for (int i = 0; i < newN; i++) {
			double x = Math.min(Math.max(src(i, oldN, newN), 0), oldN - 1);
			int a = Math.min((int) Math.floor(x), oldN - 1);
			i0[i] = a;
			f[i] = (float) (x - a);
		}
	}

	private static float[] cubicInPlane(Volume v, int nx, int ny) {
		int ox = v.nx(), oy = v.ny();
		float[] d = new float[nx * ny * v.nz()];
		double[] xs = new double[nx], ys = new double[ny];
		for (int x = 0; x < nx; x++)
			xs[x] = src(x, ox, nx);
		for (int y = 0; y < ny; y++)
			ys[y] = src(y, oy, ny);
		for (int z = 0; z < v.nz(); z++) {
			FloatProcessor fp = Grids.sliceProcessor(v, z);
			int k = z * nx * ny;
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					d[k++] = (float) fp.getBicubicInterpolatedPixel(xs[x], ys[y], fp);
		}
		return d;
	}
}
