package org.strokej.core.io;

import java.util.Arrays;
import java.util.Objects;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A scalar image volume as every StrokeJ reader returns it: float voxels (Hounsfield units for CT
 * when {@link ImageMetadata#valueUnit()} is {@link ValueUnit#HU}), x fastest, then y, then z.
 * <p>
 * Voxel order is StrokeJ's canonical orientation, <b>LPS</b>: x increases towards the patient's
 * left, y towards posterior, z towards superior (slice 1 is the most inferior). This is how a
 * radiologist sees an axial CT and how ImageJ shows a DICOM series. {@link #affine()} maps voxel
 * indices (i, j, k) to RAS+ world millimetres (the NIfTI convention), so geometry survives a
 * round trip through NIfTI. 2D images have {@code nz == 1}.
 * <p>
 * The voxel array is shared, not copied ({@link #img()} wraps it too): treat a Volume as
 * read-only and use {@link #withData} to derive a new one.
 */
public final class Volume {

	private final float[] data;
	private final int nx, ny, nz;
	private final double[] spacing;
	private final double[] affine;
	private final ImageMetadata metadata;

	public Volume(float[] data, int nx, int ny, int nz, double[] spacing, double[] affine,
		ImageMetadata metadata)
	{
		if (nx <= 0 || ny <= 0 || nz <= 0) throw new IllegalArgumentException(
			"dimensions must be positive: " + nx + "x" + ny + "x" + nz);
		if ((long) nx * ny * nz != data.length) throw new IllegalArgumentException(
			"data length " + data.length + " != " + nx + "x" + ny + "x" + nz);
		if (spacing.length != 3) throw new IllegalArgumentException("spacing needs 3 values");
		for (double s : spacing)
			if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException(
				"spacing must be positive and finite: " + Arrays.toString(spacing));
		this.data = data;
		this.nx = nx;
		this.ny = ny;
		this.nz = nz;
		this.spacing = spacing.clone();
		this.affine = affine == null ? defaultAffine(nx, ny, spacing) : affine.clone();
		if (this.affine.length != 16) throw new IllegalArgumentException("affine needs 16 values");
		this.metadata = Objects.requireNonNull(metadata);
	}

	/** A volume with unit spacing-derived LPS affine and the given metadata. */
	public static Volume of(float[] data, int nx, int ny, int nz, double[] spacing,
		ImageMetadata metadata)
	{
		return new Volume(data, nx, ny, nz, spacing, null, metadata);
	}

	/**
	 * The affine of an LPS-ordered grid with the given spacing, in RAS+ world coordinates, with
	 * the volume centred in x and y (x towards left means world R decreases).
	 */
	public static double[] defaultAffine(int nx, int ny, double[] spacing) {
		return new double[] { //
			-spacing[0], 0, 0, spacing[0] * (nx - 1) / 2.0, //
			0, -spacing[1], 0, spacing[1] * (ny - 1) / 2.0, //
			0, 0, spacing[2], 0, //
			0, 0, 0, 1 };
	}

	// -- Accessors --

	/** The voxels, x fastest; shared, not copied. */
	public float[] data() { return data; }
	public int nx() { return nx; }
	public int ny() { return ny; }
	public int nz() { return nz; }
	public int[] dims() { return new int[] { nx, ny, nz }; }
	public boolean is2D() { return nz == 1; }
	public int sliceSize() { return nx * ny; }
	/** Voxel size in mm along x, y, z. */
	public double[] spacing() { return spacing.clone(); }
	/** Row-major 4x4 voxel (i,j,k,1) to RAS+ world mm. */
	public double[] affine() { return affine.clone(); }
	public ImageMetadata metadata() { return metadata; }
	/** Volume of one voxel in millilitres. */
	public double voxelVolumeMl() { return spacing[0] * spacing[1] * spacing[2] / 1000.0; }

	public float get(int x, int y, int z) { return data[(z * ny + y) * nx + x]; }

	/** The voxels of slice z (0-based) as a new array. */
	public float[] slice(int z) {
		return Arrays.copyOfRange(data, z * nx * ny, (z + 1) * nx * ny);
	}

	/** ImgLib2 view of the voxels (2D when nz == 1), sharing the array. */
	public ArrayImg<FloatType, FloatArray> img() {
		return nz == 1 ? ArrayImgs.floats(data, nx, ny) : ArrayImgs.floats(data, nx, ny, nz);
	}

	/** The same geometry and metadata with other voxels of the same size. */
	public Volume withData(float[] newData) {
		return new Volume(newData, nx, ny, nz, spacing, affine, metadata);
	}

	public Volume withMetadata(ImageMetadata m) {
		return new Volume(data, nx, ny, nz, spacing, affine, m);
	}

	/** Minimum and maximum over finite voxels; {NaN, NaN} when there are none. */
	public float[] range() {
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (float v : data) {
			if (!Float.isFinite(v)) continue;
			if (v < min) min = v;
			if (v > max) max = v;
		}
		return min > max ? new float[] { Float.NaN, Float.NaN } : new float[] { min, max };
	}

	@Override
	public String toString() {
		return "Volume[" + nx + "x" + ny + "x" + nz + ", spacing " + Arrays.toString(spacing) +
			", " + metadata + "]";
	}
}
