package org.strokej.core.postprocess;

import java.util.Arrays;

/**
 * Connected components of a label array: voxels join when they touch (8-connected in 2D,
 * {@code nz == 1}; 26-connected in 3D, so a lesion touching itself only at a corner stays one
 * lesion) and carry the same non-zero value. No ImgLib2 labelling is reachable here
 * (imglib2-algorithm is not on Maven Central), so this is a plain breadth-first fill.
 */
public final class ConnectedComponents {

	private ConnectedComponents() {}

	/**
	 * @param ids component id per voxel, 1..count, 0 = background
	 * @param sizes voxel count per id (index 0 unused)
	 * @param order voxel indices grouped by component: component {@code c} occupies
	 *          {@code order[start[c] .. start[c+1])}, in breadth-first order
	 * @param start offsets into {@code order}, length count + 2
	 */
	public record Labeling(int[] ids, int count, int[] sizes, int[] order, int[] start) {

		/** The voxel indices of component {@code c} (1-based). */
		public int[] voxels(int c) {
			return Arrays.copyOfRange(order, start[c], start[c + 1]);
		}
	}

	/** Components of {@code values} (0 = background), numbered in scan order (z, y, x). */
	public static Labeling label(int[] values, int nx, int ny, int nz) {
		if ((long) nx * ny * nz != values.length) throw new IllegalArgumentException(
			"array length " + values.length + " != " + nx + "x" + ny + "x" + nz);
		int[] ids = new int[values.length];
		int[] order = new int[values.length];
		int[] start = new int[16];
		int next = 0, tail = 0;
		for (int seed = 0; seed < values.length; seed++) {
			int v = values[seed];
			if (v == 0 || ids[seed] != 0) continue;
			next++;
			if (next + 1 >= start.length) start = Arrays.copyOf(start, 2 * start.length);
			start[next] = tail;
			int head = tail;
			order[tail++] = seed;
			ids[seed] = next;
			while (head < tail) {
				int i = order[head++];
				int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
				for (int zz = Math.max(0, z - 1); zz <= Math.min(nz - 1, z + 1); zz++)
					for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++)
						for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
							int j = (zz * ny + yy) * nx + xx;
							if (ids[j] == 0 && values[j] == v) {
								ids[j] = next;
								order[tail++] = j;
							}
						}
			}
		}
		start[next + 1] = tail;
		int[] sizes = new int[next + 1];
		for (int c = 1; c <= next; c++)
			sizes[c] = start[c + 1] - start[c];
		return new Labeling(ids, next, sizes, Arrays.copyOf(order, tail), Arrays.copyOf(start, next +
			2));
	}

	/** Components of a binary mask. */
	public static Labeling label(boolean[] mask, int nx, int ny, int nz) {
		int[] v = new int[mask.length];
		for (int i = 0; i < v.length; i++)
			v[i] = mask[i] ? 1 : 0;
		return label(v, nx, ny, nz);
	}
}
