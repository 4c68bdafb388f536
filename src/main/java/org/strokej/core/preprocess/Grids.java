package org.strokej.core.preprocess;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/** Package-private helpers shared by the preprocessing operations: slices, affines, metadata. */
final class Grids {

	private Grids() {}

	/** Slice z of v as a FloatProcessor on a copy of the slice's voxels. */
	static FloatProcessor sliceProcessor(Volume v, int z) {
		return new FloatProcessor(v.nx(), v.ny(), v.slice(z));
	}

	/** Copies a slice back into a volume-sized array. */
	static void putSlice(float[] dst, int z, int sliceSize, float[] slice) {
		System.arraycopy(slice, 0, dst, z * sliceSize, sliceSize);
	}

	/** A 0/255 ByteProcessor from a 0/1 float slice. */
	static ByteProcessor toByte(float[] mask, int w, int h) {
		byte[] b = new byte[w * h];
		for (int i = 0; i < b.length; i++)
			if (mask[i] > 0.5f) b[i] = (byte) 255;
		return new ByteProcessor(w, h, b);
	}

	/** Row-major 4x4 product a * b. */
	static double[] mul(double[] a, double[] b) {
		double[] c = new double[16];
		for (int r = 0; r < 4; r++)
			for (int k = 0; k < 4; k++) {
				double s = 0;
				for (int j = 0; j < 4; j++)
					s += a[r * 4 + j] * b[j * 4 + k];
				c[r * 4 + k] = s;
			}
		return c;
	}

	/** The affine of an index map old = diag(s) * new + t (row-major 4x4). */
	static double[] indexMap(double sx, double sy, double sz, double tx, double ty, double tz) {
		return new double[] { sx, 0, 0, tx, 0, sy, 0, ty, 0, 0, sz, tz, 0, 0, 0, 1 };
	}

	/** A volume of new data on a new grid, with the metadata of {@code like}. */
	static Volume volume(float[] data, int nx, int ny, int nz, double[] spacing, double[] affine,
		ImageMetadata m)
	{
		return new Volume(data, nx, ny, nz, spacing, affine, m);
	}

	/** The same metadata with another value unit. */
	static ImageMetadata withUnit(ImageMetadata m, ValueUnit unit) {
		return new ImageMetadata(m.modality(), m.format(), unit, m.orientation(), m.source(), m.extra());
	}

	static int clamp(int v, int lo, int hi) {
		return v < lo ? lo : v > hi ? hi : v;
	}
}
