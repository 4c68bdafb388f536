package org.strokej.core.phantom;

import java.util.Objects;

/**
 * Immutable settings of a {@link PhantomGenerator}: grid, random seed, lesions, noise and the
 * random ranges of head pose. Start from {@link #defaults()} or {@link #builder()}.
 *
 * @param nx image width (voxels along patient right to left)
 * @param ny image height (voxels along anterior to posterior)
 * @param nz number of slices; 1 makes a single 2D axial slice
 * @param spacingX voxel size along x in mm
 * @param spacingY voxel size along y in mm
 * @param spacingZ slice thickness in mm
 * @param seed random seed; the same settings give bit-identical phantoms
 * @param lesionKind which lesions to draw
 * @param lesionCount how many lesions (for {@link LesionKind#RANDOM}: at most this many)
 * @param noiseSigmaHu standard deviation of the (slightly correlated) scanner noise in HU
 * @param streaks whether to add thin radial streak artefacts from dense bone
 * @param headScaleMin smallest head size factor (1 = a 150 &times; 190 mm adult head)
 * @param headScaleMax largest head size factor
 * @param rotationMaxDeg in-plane head rotation is uniform in &plusmn;this (degrees)
 * @param shiftMaxMm head centre shift is uniform in &plusmn;this along x and y (mm)
 * @param midlineShiftMm known displacement of the midline structures (septum, ventricles, third
 *          ventricle, falx) at their centre; positive towards the patient's left. Lesions of the
 *          first drawn lesion then lie on the opposite side (the side of the mass)
 * @param ellipsoidHemorrhage if not null, the phantom holds exactly one hemorrhage: an exact
 *          image-axis-aligned ellipsoid with these semi-axes (for ABC/2 checks); lesionKind and
 *          lesionCount are then ignored
 * @param partialVolumeMm sigma in mm of the in-plane Gaussian blur of the noiseless image
 */
public record PhantomSettings(int nx, int ny, int nz, double spacingX, double spacingY,
	double spacingZ, long seed, LesionKind lesionKind, int lesionCount, double noiseSigmaHu,
	boolean streaks, double headScaleMin, double headScaleMax, double rotationMaxDeg,
	double shiftMaxMm, double midlineShiftMm, Ellipsoid ellipsoidHemorrhage,
	double partialVolumeMm)
{
	/**
	 * Semi-axes in mm of an exact ellipsoid hemorrhage, along the image x, y and z axes.
	 * Its analytic volume is 4/3 &pi; a b c.
	 */
	public record Ellipsoid(double semiAxisX, double semiAxisY, double semiAxisZ) {

		public Ellipsoid {
			if (!(semiAxisX > 0) || !(semiAxisY > 0) || !(semiAxisZ > 0) ||
				Double.isInfinite(semiAxisX + semiAxisY + semiAxisZ))
				throw new IllegalArgumentException(
					"ellipsoid semi-axes must be positive: " + semiAxisX + ", " + semiAxisY + ", " +
						semiAxisZ);
		}

		/** Analytic volume in mL (4/3 &pi; a b c / 1000). */
		public double volumeMl() {
			return 4.0 / 3.0 * Math.PI * semiAxisX * semiAxisY * semiAxisZ / 1000.0;
		}
	}

	public PhantomSettings {
		Objects.requireNonNull(lesionKind, "lesionKind");
		if (nx < 16 || ny < 16 || nz < 1) throw new IllegalArgumentException(
			"phantom size must be at least 16x16x1: " + nx + "x" + ny + "x" + nz);
		if ((long) nx * ny * nz > Integer.MAX_VALUE) throw new IllegalArgumentException(
			"phantom too large: " + nx + "x" + ny + "x" + nz);
		for (double s : new double[] { spacingX, spacingY, spacingZ })
			if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException(
				"spacing must be positive and finite: " + spacingX + ", " + spacingY + ", " +
					spacingZ);
		if (lesionCount < 0 || lesionCount > 20) throw new IllegalArgumentException(
			"lesion count must be 0..20: " + lesionCount);
		if (!(noiseSigmaHu >= 0 && noiseSigmaHu <= 200)) throw new IllegalArgumentException(
			"noise sigma must be 0..200 HU: " + noiseSigmaHu);
		if (!(headScaleMin > 0.3 && headScaleMax <= 2 && headScaleMin <= headScaleMax))
			throw new IllegalArgumentException("head scale range must be within 0.3..2 and min <= max: " +
				headScaleMin + ".." + headScaleMax);
		if (!(rotationMaxDeg >= 0 && rotationMaxDeg <= 180)) throw new IllegalArgumentException(
			"rotation range must be 0..180 degrees: " + rotationMaxDeg);
		if (!(shiftMaxMm >= 0 && shiftMaxMm <= 100)) throw new IllegalArgumentException(
			"shift range must be 0..100 mm: " + shiftMaxMm);
		if (!(Math.abs(midlineShiftMm) <= 25)) throw new IllegalArgumentException(
			"midline shift must be within -25..25 mm: " + midlineShiftMm);
		if (!(partialVolumeMm >= 0 && partialVolumeMm <= 5)) throw new IllegalArgumentException(
			"partial-volume sigma must be 0..5 mm: " + partialVolumeMm);
	}

	/** A 512 &times; 512 slice of 0.449 mm pixels, 5 mm thick, with random lesions. */
	public static PhantomSettings defaults() {
		return builder().build();
	}

	/** A builder starting from the defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder starting from these settings. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** Whether this is a single 2D slice. */
	public boolean is2D() { return nz == 1; }

	/** Volume of one voxel in mL. */
	public double voxelVolumeMl() { return spacingX * spacingY * spacingZ / 1000.0; }

	/** The same settings with another seed. */
	public PhantomSettings withSeed(long newSeed) {
		return toBuilder().seed(newSeed).build();
	}

	/** The same settings with other lesions. */
	public PhantomSettings withLesions(LesionKind kind, int count) {
		return toBuilder().lesions(kind, count).build();
	}

	/** The same settings with another noise level. */
	public PhantomSettings withNoiseSigmaHu(double sigma) {
		return toBuilder().noiseSigmaHu(sigma).build();
	}

	/**
	 * Builds {@link PhantomSettings}. If only the size is set, the in-plane spacing is chosen so
	 * that the field of view is 230 mm (0.449 mm for 512 pixels); slices are 5 mm thick.
	 */
	public static final class Builder {

		private int nx = 512, ny = 512, nz = 1;
		private double sx = Double.NaN, sy = Double.NaN, sz = 5;
		private long seed = 1;
		private LesionKind kind = LesionKind.RANDOM;
		private int count = 2;
		private double noise = 4;
		private boolean streaks = true;
		private double scaleMin = 0.9, scaleMax = 1.08;
		private double rotation = 10, shift = 8, midline = 0;
		private Ellipsoid ellipsoid;
		private double blur = 0.4;

		private Builder() {}

		private Builder(PhantomSettings s) {
			nx = s.nx; ny = s.ny; nz = s.nz;
			sx = s.spacingX; sy = s.spacingY; sz = s.spacingZ;
			seed = s.seed; kind = s.lesionKind; count = s.lesionCount;
			noise = s.noiseSigmaHu; streaks = s.streaks;
			scaleMin = s.headScaleMin; scaleMax = s.headScaleMax;
			rotation = s.rotationMaxDeg; shift = s.shiftMaxMm; midline = s.midlineShiftMm;
			ellipsoid = s.ellipsoidHemorrhage; blur = s.partialVolumeMm;
		}

		/** Grid size; nz = 1 for a 2D slice. */
		public Builder size(int width, int height, int slices) {
			nx = width; ny = height; nz = slices;
			return this;
		}

		/** Voxel size in mm (x, y, slice thickness). */
		public Builder spacing(double x, double y, double z) {
			sx = x; sy = y; sz = z;
			return this;
		}

		public Builder seed(long s) { seed = s; return this; }

		public Builder lesions(LesionKind k, int n) { kind = k; count = n; return this; }

		public Builder noiseSigmaHu(double sigma) { noise = sigma; return this; }

		public Builder streaks(boolean on) { streaks = on; return this; }

		public Builder headScale(double min, double max) { scaleMin = min; scaleMax = max; return this; }

		public Builder rotationMaxDeg(double deg) { rotation = deg; return this; }

		public Builder shiftMaxMm(double mm) { shift = mm; return this; }

		public Builder midlineShiftMm(double mm) { midline = mm; return this; }

		/** One exact ellipsoid hemorrhage with these semi-axes in mm; null for none. */
		public Builder ellipsoidHemorrhage(Ellipsoid e) { ellipsoid = e; return this; }

		public Builder partialVolumeMm(double sigma) { blur = sigma; return this; }

		/** No randomness in pose: no rotation, no shift, head scale 1. */
		public Builder fixedPose() {
			rotation = 0; shift = 0; scaleMin = 1; scaleMax = 1;
			return this;
		}

		public PhantomSettings build() {
			double fovSpacing = 230.0 / Math.max(nx, ny);
			return new PhantomSettings(nx, ny, nz, Double.isNaN(sx) ? fovSpacing : sx,
				Double.isNaN(sy) ? fovSpacing : sy, sz, seed, kind, count, noise, streaks, scaleMin,
				scaleMax, rotation, shift, midline, ellipsoid, blur);
		}
	}
}
