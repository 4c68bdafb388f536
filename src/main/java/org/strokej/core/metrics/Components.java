package org.strokej.core.metrics;

/**
 * Connected components of a binary mask: 8-connected in 2D ({@code nz == 1}), 26-connected in
 * 3D, so a lesion touching itself only at a corner is still one lesion (as in
 * {@code org.strokej.core.postprocess.Lesions}).
 */
final class Components {

	private Components() {}

	/** Component ids (1..count, 0 = background) and the size of each component. */
	record Labeling(int[] ids, int count, int[] sizes) {}

	static Labeling label(boolean[] mask, int nx, int ny, int nz) {
		if ((long) nx * ny * nz != mask.length) throw new IllegalArgumentException(
			"mask length " + mask.length + " != " + nx + "x" + ny + "x" + nz);
		int[] ids = new int[mask.length];
		int[] queue = new int[mask.length];
		int[] sizes = new int[16];
		int next = 0;
		for (int start = 0; start < mask.length; start++) {
			if (!mask[start] || ids[start] != 0) continue;
			next++;
			int head = 0, tail = 0;
			queue[tail++] = start;
			ids[start] = next;
			while (head < tail) {
				int i = queue[head++];
				int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
				for (int dz = -1; dz <= 1; dz++) {
					int zz = z + dz;
					if (zz < 0 || zz >= nz) continue;
					for (int dy = -1; dy <= 1; dy++) {
						int yy = y + dy;
						if (yy < 0 || yy >= ny) continue;
						for (int dx = -1; dx <= 1; dx++) {
							int xx = x + dx;
							if (xx < 0 || xx >= nx) continue;
							int j = (zz * ny + yy) * nx + xx;
							if (mask[j] && ids[j] == 0) {
								ids[j] = next;
								queue[tail++] = j;
							}
						}
					}
				}
			}
			if (next >= sizes.length) sizes = java.util.Arrays.copyOf(sizes, 2 * sizes.length);
			sizes[next] = tail;
		}
		return new Labeling(ids, next, java.util.Arrays.copyOf(sizes, next + 1));
	}
}
