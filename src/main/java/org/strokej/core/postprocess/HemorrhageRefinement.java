package org.strokej.core.postprocess;

import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.Denoising;

/**
 * Refines hemorrhage labels of a segmentation on Hounsfield-unit CT with the density of acute
 * blood, as semi-automatic ICH volume tools do: the network finds the bleed, the HU threshold
 * draws its edge on the full-resolution grid (the network runs on a coarser grid and its edge is
 * blurred by the upsampling).
 * <p>
 * For every 3D hemorrhage component (label 1) in which at least {@code minBloodFraction} of the
 * voxels have blood density (lightly smoothed HU within [{@code bloodMinHu}, {@code bloodMaxHu}]):
 * the new component is the set of blood-density voxels within {@code marginMm} (in-plane) of the
 * old one that are 26-connected, through blood-density voxels, to a blood-density voxel of the
 * old one. Voxels of the old component outside that set become background. Components with less
 * blood-density (isodense subacute bleeds, or an unusual scanner) are left as the network drew
 * them. Voxels next to bone ({@code >= boneHu}, whose partial volume mimics blood) keep their old
 * label, and ischemia labels (2) are never touched: ischemia is hypodense and has no blood
 * threshold.
 */
public final class HemorrhageRefinement {

	private HemorrhageRefinement() {}

	/**
	 * @param bloodMinHu lowest HU of acute blood after smoothing (50; gray matter is 35..45)
	 * @param bloodMaxHu highest HU of acute blood after smoothing (100; calcification and bone
	 *          are above)
	 * @param smoothMm in-plane Gaussian sigma applied before the threshold, mm (0.5)
	 * @param marginMm how far (in-plane) beyond the network's outline the bleed may grow, mm (4)
	 * @param minBloodFraction a component is refined only if this fraction of its voxels has blood
	 *          density (0.5)
	 * @param boneHu voxels with a neighbour at or above this are left as they were (150)
	 */
	public record Settings(double bloodMinHu, double bloodMaxHu, double smoothMm, double marginMm,
		double minBloodFraction, double boneHu)
	{
		public Settings {
			if (!(bloodMinHu < bloodMaxHu)) throw new IllegalArgumentException(
				"blood HU range must be increasing: " + bloodMinHu + ".." + bloodMaxHu);
			if (!(smoothMm >= 0) || !(marginMm >= 0) || Double.isInfinite(smoothMm + marginMm))
				throw new IllegalArgumentException("smoothing and margin must be finite and >= 0");
			if (!(minBloodFraction >= 0 && minBloodFraction <= 1)) throw new IllegalArgumentException(
				"minBloodFraction must be in [0, 1]: " + minBloodFraction);
		}
	}

	/** The defaults documented on {@link Settings}. */
	public static final Settings DEFAULTS = new Settings(50, 100, 0.5, 4, 0.5, 150);

	/** Refines with {@link #DEFAULTS}; see {@link #refine(Volume, Volume, Settings)}. */
	public static Volume refine(Volume labels, Volume hu) {
		return refine(labels, hu, DEFAULTS);
	}

	/**
	 * Returns refined labels (a new volume; the inputs are not modified).
	 *
	 * @param labels 0 background, 1 hemorrhage, 2 ischemia, on the grid of {@code hu}
	 * @param hu the CT in Hounsfield units
	 * @throws IllegalArgumentException if the image is not in HU or the sizes differ
	 */
	public static Volume refine(Volume labels, Volume hu, Settings s) {
		if (!hu.metadata().isHU()) throw new IllegalArgumentException(
			"hemorrhage refinement needs Hounsfield units, got " + hu.metadata().valueUnit());
		int nx = hu.nx(), ny = hu.ny(), nz = hu.nz(), n2 = nx * ny;
		if (labels.nx() != nx || labels.ny() != ny || labels.nz() != nz)
			throw new IllegalArgumentException("labels and image differ in size");
		float[] lab = labels.data().clone();
		int n = lab.length;
		boolean[] hem = new boolean[n];
		boolean any = false;
		for (int i = 0; i < n; i++)
			if (Math.round(lab[i]) == 1) hem[i] = any = true;
		if (!any) return labels.withData(lab);
		float[] sm = s.smoothMm() > 0 ? Denoising.gaussian(hu, s.smoothMm()).data() : hu.data();
		float[] raw = hu.data();
		boolean[] blood = new boolean[n], nearBone = new boolean[n];
		for (int i = 0; i < n; i++)
			blood[i] = sm[i] >= s.bloodMinHu() && sm[i] <= s.bloodMaxHu();
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					int i = z * n2 + y * nx + x;
					if (raw[i] < s.boneHu()) continue;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							int xx = x + dx, yy = y + dy;
							if (xx >= 0 && xx < nx && yy >= 0 && yy < ny) nearBone[z * n2 + yy * nx + xx] = true;
						}
				}
		// components of the network's hemorrhage worth refining
		ConnectedComponents.Labeling cc = ConnectedComponents.label(hem, nx, ny, nz);
		boolean[] refinable = new boolean[n];
		boolean anyRefinable = false;
		for (int c = 1; c <= cc.count(); c++) {
			int[] v = cc.voxels(c);
			int b = 0;
			for (int i : v)
				if (blood[i]) b++;
			if (b >= s.minBloodFraction() * v.length && b > 0) {
				for (int i : v)
					refinable[i] = true;
				anyRefinable = true;
			}
		}
		if (!anyRefinable) return labels.withData(lab);
		// the allowed region: within marginMm (in-plane) of a refinable component
		double[] sp = hu.spacing();
		boolean[] region = new boolean[n];
		for (int z = 0; z < nz; z++) {
			float[] d = distanceMm(refinable, z * n2, nx, ny, sp[0], sp[1]);
			for (int i = 0; i < n2; i++)
				region[z * n2 + i] = d[i] <= s.marginMm() && Math.round(lab[z * n2 + i]) != 2;
		}
		// grow from the blood-density voxels of the refinable components
		boolean[] grown = new boolean[n];
		int[] stack = new int[n];
		int top = 0;
		for (int i = 0; i < n; i++)
			if (refinable[i] && blood[i] && !nearBone[i]) {
				grown[i] = true;
				stack[top++] = i;
			}
		while (top > 0) {
			int i = stack[--top];
			int x = i % nx, y = (i / nx) % ny, z = i / n2;
			for (int dz = -1; dz <= 1; dz++) {
				int zz = z + dz;
				if (zz < 0 || zz >= nz) continue;
				for (int dy = -1; dy <= 1; dy++) {
					int yy = y + dy;
					if (yy < 0 || yy >= ny) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx;
						if (xx < 0 || xx >= nx) continue;
						int j = zz * n2 + yy * nx + xx;
						if (!grown[j] && region[j] && blood[j] && !nearBone[j]) {
							grown[j] = true;
							stack[top++] = j;
						}
					}
				}
			}
		}
		for (int i = 0; i < n; i++) {
			if (nearBone[i]) continue;
			if (grown[i]) lab[i] = 1;
			else if (refinable[i]) lab[i] = 0;
		}
		return labels.withData(lab);
	}

	/**
	 * Chamfer distance in mm from each pixel of a slice to the nearest set pixel (a large value
	 * when the slice has none); pixels beyond the border do not count.
	 */
	static float[] distanceMm(boolean[] set, int off, int w, int h, double sx, double sy) {
		float inf = Float.MAX_VALUE / 4;
		float[] d = new float[w * h];
		float ax = (float) sx, ay = (float) sy, ad = (float) Math.hypot(sx, sy);
		for (int i = 0; i < w * h; i++)
			d[i] = set[off + i] ? 0 : inf;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				float v = d[i];
				if (x > 0) v = Math.min(v, d[i - 1] + ax);
				if (y > 0) {
					v = Math.min(v, d[i - w] + ay);
					if (x > 0) v = Math.min(v, d[i - w - 1] + ad);
					if (x < w - 1) v = Math.min(v, d[i - w + 1] + ad);
				}
				d[i] = v;
			}
		for (int y = h - 1; y >= 0; y--)
			for (int x = w - 1; x >= 0; x--) {
				int i = y * w + x;
				float v = d[i];
				if (x < w - 1) v = Math.min(v, d[i + 1] + ax);
				if (y < h - 1) {
					v = Math.min(v, d[i + w] + ay);
					if (x < w - 1) v = Math.min(v, d[i + w + 1] + ad);
					if (x > 0) v = Math.min(v, d[i + w - 1] + ad);
				}
				d[i] = v;
			}
		return d;
	}
}
