package org.strokej.core.preprocess;

/**
 * A box of voxels cut out of a full grid: origin (may be negative, the box may reach outside the
 * grid, which is then padded) and size, plus the full grid's size so a result can be pasted back.
 *
 * @param x0 first column of the box in the full grid
 * @param y0 first row
 * @param z0 first slice
 * @param width box size in x
 * @param height box size in y
 * @param depth box size in z
 * @param fullWidth full grid size in x
 * @param fullHeight full grid size in y
 * @param fullDepth full grid size in z
 */
public record CropBox(int x0, int y0, int z0, int width, int height, int depth, int fullWidth,
	int fullHeight, int fullDepth)
{
	public CropBox {
		if (width <= 0 || height <= 0 || depth <= 0 || fullWidth <= 0 || fullHeight <= 0 ||
			fullDepth <= 0) throw new IllegalArgumentException("crop box sizes must be positive: " +
				width + "x" + height + "x" + depth + " of " + fullWidth + "x" + fullHeight + "x" + fullDepth);
	}

	/** The whole grid. */
	public static CropBox full(int nx, int ny, int nz) {
		return new CropBox(0, 0, 0, nx, ny, nz, nx, ny, nz);
	}

	/** Whether the box is the whole grid. */
	public boolean isFull() {
		return x0 == 0 && y0 == 0 && z0 == 0 && width == fullWidth && height == fullHeight &&
			depth == fullDepth;
	}
}
