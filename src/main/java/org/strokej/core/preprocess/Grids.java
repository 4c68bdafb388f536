package org.strokej.core.preprocess;

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


	/** The affine of an index map old = diag(s) * new + t (row-major 4x4). */
	static double[] indexMap(double sx, double sy, double sz, double tx, double ty, double tz) {
		return new double[] { sx, 0, 0, tx, 0, sy, 0, ty, 0, 0, sz, tz, 0, 0, 0, 1 };
	}

	/** The same metadata with another value unit. */
	static ImageMetadata withUnit(ImageMetadata m, ValueUnit unit) {
		return new ImageMetadata(m.modality(), m.format(), unit, m.orientation(), m.source(), m.extra());
	}

	static int clamp(int v, int lo, int hi) {
		return v < lo ? lo : v > hi ? hi : v;
	}
}
