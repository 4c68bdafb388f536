package org.strokej.core.postprocess;

import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.CropBox;
import org.strokej.core.preprocess.Crops;
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
		int nx = hu.nx(), ny = hu.ny(), nz = hu.nz();
		if (labels.nx() != nx || labels.ny() != ny || labels.nz() != nz)
			throw new IllegalArgumentException("labels and image differ in size");
		// Everything happens within marginMm (in-plane) of hemorrhage labels on their slices, so the
		// work is done in their bounding box, padded for the margin, the smoothing kernel and the
		// bone neighbourhood: the same result with a fraction of the memory and time.
		int x0 = nx, y0 = ny, z0 = nz, x1 = -1, y1 = -1, z1 = -1;
		float[] l = labels.data();
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0, i = (z * ny + y) * nx; x < nx; x++, i++)
					if (Math.round(l[i]) == 1) {
						x0 = Math.min(x0, x);
						x1 = Math.max(x1, x);
						y0 = Math.min(y0, y);
						y1 = Math.max(y1, y);
						z0 = Math.min(z0, z);
						z1 = Math.max(z1, z);
					}
		if (x1 < 0) return labels.withData(l.clone());
		double[] sp = hu.spacing();
		double padMm = s.marginMm() + 6 * s.smoothMm();
		int px = (int) Math.ceil(padMm / sp[0]) + 3, py = (int) Math.ceil(padMm / sp[1]) + 3;
		x0 = Math.max(0, x0 - px);
		y0 = Math.max(0, y0 - py);
		x1 = Math.min(nx - 1, x1 + px);
		y1 = Math.min(ny - 1, y1 + py);
		CropBox box = new CropBox(x0, y0, z0, x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1, nx, ny, nz);
		float[] inBox = refineWithin(Crops.crop(labels, box, 0), Crops.crop(hu, box, 0), s).data();
		float[] out = l.clone();
		int w = box.width(), h = box.height();
		for (int z = 0; z < box.depth(); z++)
			for (int y = 0; y < h; y++)
				System.arraycopy(inBox, (z * h + y) * w, out, ((z + z0) * ny + y + y0) * nx + x0, w);
		return labels.withData(out);
	}

	/** The refinement on a whole (cropped) volume. */
	static Volume refineWithin(Volume labels, Volume hu, Settings s) {
		int nx = hu.nx(), ny = hu.ny(), nz = hu.nz(), n2 = nx * ny;
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
