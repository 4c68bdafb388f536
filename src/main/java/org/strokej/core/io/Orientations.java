package org.strokej.core.io;

/**
 * Geometry helpers for voxel-to-world affines (row-major 4x4, voxel (i,j,k,1) to RAS+ mm): the
 * closest world axis of every voxel axis (as nibabel's {@code io_orientation} finds it), axis
 * codes such as "RAS", the permutation and flips that bring a grid into StrokeJ's LPS voxel order,
 * and NIfTI quaternion (qform) conversions.
 */
final class Orientations {

	private Orientations() {}

	/** World axis letters for +1 and -1 directions along RAS+ axes 0, 1, 2. */
	private static final char[] POSITIVE = { 'R', 'A', 'S' };
	private static final char[] NEGATIVE = { 'L', 'P', 'I' };

	/** Direction of StrokeJ's canonical axes along world axes 0, 1, 2: L, P, S. */
	private static final int[] LPS_SIGN = { -1, -1, 1 };

	// -- Closest axes --

	/**
	 * For each voxel axis, the world axis it runs closest to and the direction: {@code result[i] =
	 * {worldAxis, sign}}. Like nibabel's {@code io_orientation}: columns are normalised, shears are
	 * removed by polar decomposition, then axes are taken greedily in voxel-axis order.
	 *
	 * @param affine row-major 4x4 (only the upper-left 3x3 is used); must be non-singular
	 */
	static int[][] closestAxes(double[] affine) {
		double[] m = new double[9];
		for (int c = 0; c < 3; c++) {
			double norm = 0;
			for (int r = 0; r < 3; r++)
				norm += affine[4 * r + c] * affine[4 * r + c];
			norm = Math.sqrt(norm);
			if (norm == 0) norm = 1;
			for (int r = 0; r < 3; r++)
				m[3 * r + c] = affine[4 * r + c] / norm;
		}
		double[] rot = polar(m);
		int[][] axes = new int[3][];
		boolean[] used = new boolean[3];
		for (int c = 0; c < 3; c++) {
			int best = -1;
			double bestAbs = 1e-8; // nibabel's "allclose(col, 0)"
			for (int r = 0; r < 3; r++) {
				double a = Math.abs(rot[3 * r + c]);
				if (!used[r] && a > bestAbs) {
					best = r;
					bestAbs = a;
				}
			}
			int sign;
			if (best < 0) { // degenerate column: take the free world axis
				for (best = 0; used[best]; best++) {}
				sign = 1;
			}
			else sign = rot[3 * best + c] < 0 ? -1 : 1;
			used[best] = true;
			axes[c] = new int[] { best, sign };
		}
		return axes;
	}

	/** Axis codes such as "RAS" or "LPS" for the result of {@link #closestAxes}. */
	static String axisCodes(int[][] axes) {
		StringBuilder sb = new StringBuilder(3);
		for (int[] a : axes)
			sb.append(a[1] > 0 ? POSITIVE[a[0]] : NEGATIVE[a[0]]);
		return sb.toString();
	}

	/**
	 * The closest orthogonal matrix to a non-singular row-major 3x3 matrix (polar decomposition by
	 * Newton iteration {@code X <- (X + X^-T) / 2}).
	 */
	static double[] polar(double[] m) {
		double[] x = m.clone();
		for (int it = 0; it < 100; it++) {
			double[] inv = invert3(x);
			if (inv == null) return x;
			double change = 0;
			double[] next = new double[9];
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 3; c++) {
					// (X^-T)[r][c] = (X^-1)[c][r]
					next[3 * r + c] = 0.5 * (x[3 * r + c] + inv[3 * c + r]);
					change = Math.max(change, Math.abs(next[3 * r + c] - x[3 * r + c]));
				}
			x = next;
			if (change < 1e-15) break;
		}
		return x;
	}

	static double det3(double[] m) {
		return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
			m[2] * (m[3] * m[7] - m[4] * m[6]);
	}

	/** Inverse of a row-major 3x3 matrix, or null when singular. */
	static double[] invert3(double[] m) {
		double det = det3(m);
		if (det == 0 || !Double.isFinite(det)) return null;
		double[] r = new double[9];
		r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
		r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
		r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
		r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
		r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
		r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
		r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
		r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
		r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
		return r;
	}

	/** The upper-left 3x3 of a row-major 4x4. */
	static double[] linear(double[] affine) {
		return new double[] { affine[0], affine[1], affine[2], affine[4], affine[5], affine[6],
			affine[8], affine[9], affine[10] };
	}

	// -- Reorientation to LPS --

	/**
	 * How a grid in some voxel order maps to LPS voxel order. Original axis {@code a} becomes new
	 * axis {@code newAxis[a]}, reversed when {@code flip[a]}.
	 */
	record Reorientation(int[] newAxis, boolean[] flip, long[] oldDims) {

		/** True when the grid already is in LPS order. */
		boolean isIdentity() {
			for (int a = 0; a < 3; a++)
				if (newAxis[a] != a || flip[a]) return false;
			return true;
		}

		/** Sizes along the new axes. */
		long[] newDims() {
			long[] d = new long[3];
			for (int a = 0; a < 3; a++)
				d[newAxis[a]] = oldDims[a];
			return d;
		}

		/** The values of a per-axis quantity (e.g. spacing) along the new axes. */
		double[] permute(double[] perOldAxis) {
			double[] d = new double[3];
			for (int a = 0; a < 3; a++)
				d[newAxis[a]] = perOldAxis[a];
			return d;
		}

		/**
		 * The affine of the new grid: maps new voxel indices to the same world points as the old
		 * affine mapped the corresponding old indices.
		 */
		double[] newAffine(double[] affine) {
			// T: new index -> old index; old_a = flip ? (N_a - 1 - new_j) : new_j, j = newAxis[a]
			double[] t = new double[16];
			t[15] = 1;
			for (int a = 0; a < 3; a++) {
				int j = newAxis[a];
				t[4 * a + j] = flip[a] ? -1 : 1;
				t[4 * a + 3] = flip[a] ? oldDims[a] - 1 : 0;
			}
			double[] r = Affines.multiply(affine, t);
			return r;
		}

		/**
		 * Steps in the new (x fastest) linear index for a unit step along each old axis, followed by
		 * the new linear index of old voxel (0,0,0): {step0, step1, step2, base}.
		 */
		long[] steps() {
			long[] nd = newDims();
			long[] stride = { 1, nd[0], nd[0] * nd[1] };
			long[] s = new long[4];
			for (int a = 0; a < 3; a++) {
				long st = stride[newAxis[a]];
				s[a] = flip[a] ? -st : st;
				if (flip[a]) s[3] += (oldDims[a] - 1) * st;
			}
			return s;
		}
	}

	/** The reorientation that brings a grid with the given closest axes into LPS voxel order. */
	static Reorientation toLps(int[][] axes, long[] dims) {
		int[] newAxis = new int[3];
		boolean[] flip = new boolean[3];
		for (int a = 0; a < 3; a++) {
			newAxis[a] = axes[a][0];
			flip[a] = axes[a][1] != LPS_SIGN[axes[a][0]];
		}
		return new Reorientation(newAxis, flip, dims.clone());
	}

	// -- NIfTI qform --

	/**
	 * The affine of a NIfTI qform (as the NIfTI reference library computes it).
	 *
	 * @param bcd quatern_b, quatern_c, quatern_d
	 * @param qfac pixdim[0]: -1 flips the third axis, anything else counts as +1
	 * @param voxel voxel sizes (pixdim[1..3]), positive
	 * @param offset qoffset_x, qoffset_y, qoffset_z
	 */
	static double[] qformAffine(double[] bcd, double qfac, double[] voxel, double[] offset) {
		double b = bcd[0], c = bcd[1], d = bcd[2];
		double a2 = 1.0 - (b * b + c * c + d * d);
		double a;
		if (a2 < 1e-7) { // a is 0: normalise b, c, d
			a = 0;
			double n = Math.sqrt(b * b + c * c + d * d);
			b /= n;
			c /= n;
			d /= n;
		}
		else a = Math.sqrt(a2);
		double[] r = { //
			a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c), //
			2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b), //
			2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b };
		double[] scale = { voxel[0], voxel[1], qfac < 0 ? -voxel[2] : voxel[2] };
		double[] m = new double[16];
		for (int row = 0; row < 3; row++) {
			for (int col = 0; col < 3; col++)
				m[4 * row + col] = r[3 * row + col] * scale[col];
			m[4 * row + 3] = offset[row];
		}
		m[15] = 1;
		return m;
	}

	/**
	 * The qform parameters of an affine: {quatern_b, quatern_c, quatern_d, qfac}. Shears and
	 * scalings are removed first (closest rotation, as nibabel's {@code set_qform} does).
	 */
	static double[] qformParameters(double[] affine) {
		double[] m = linear(affine);
		for (int c = 0; c < 3; c++) {
			double n = Math.sqrt(m[c] * m[c] + m[3 + c] * m[3 + c] + m[6 + c] * m[6 + c]);
			if (n == 0) throw new IllegalArgumentException("affine has a zero column");
			for (int r = 0; r < 3; r++)
				m[3 * r + c] /= n;
		}
		double qfac = 1;
		if (det3(m) < 0) {
			qfac = -1;
			m[2] = -m[2];
			m[5] = -m[5];
			m[8] = -m[8];
		}
		double[] r = polar(m);
		double r11 = r[0], r12 = r[1], r13 = r[2], r21 = r[3], r22 = r[4], r23 = r[5], r31 = r[6],
				r32 = r[7], r33 = r[8];
		double a = 1 + r11 + r22 + r33, b, c, d;
		if (a > 0.5) {
			a = 0.5 * Math.sqrt(a);
			b = 0.25 * (r32 - r23) / a;
			c = 0.25 * (r13 - r31) / a;
			d = 0.25 * (r21 - r12) / a;
		}
		else {
			double xd = 1 + r11 - r22 - r33, yd = 1 + r22 - r11 - r33;
			if (xd > 1) {
				b = 0.5 * Math.sqrt(xd);
				c = 0.25 * (r12 + r21) / b;
				d = 0.25 * (r13 + r31) / b;
				a = 0.25 * (r32 - r23) / b;
			}
			else if (yd > 1) {
				c = 0.5 * Math.sqrt(yd);
				b = 0.25 * (r12 + r21) / c;
				d = 0.25 * (r23 + r32) / c;
				a = 0.25 * (r13 - r31) / c;
			}
			else {
				d = 0.5 * Math.sqrt(1 + r33 - r11 - r22);
				b = 0.25 * (r13 + r31) / d;
				c = 0.25 * (r23 + r32) / d;
				a = 0.25 * (r21 - r12) / d;
			}
			if (a < 0) {
				b = -b;
				c = -c;
				d = -d;
			}
		}
		return new double[] { b, c, d, qfac };
	}
}
