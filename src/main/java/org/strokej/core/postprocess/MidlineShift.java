package org.strokej.core.postprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.BrainExtraction;
import org.strokej.core.preprocess.Denoising;
import org.strokej.core.preprocess.Interpolation;
import org.strokej.core.preprocess.RotationCorrection;
import org.strokej.core.preprocess.RotationCorrection.Midline;

/**
 * Midline shift on head CT: the displacement of the septum pellucidum from the ideal
 * mid-sagittal line, as radiologists measure it at the level of the foramina of Monro.
 * <p>
 * Method (atlas-free, HU input only):
 * <ol>
 * <li>brain mask ({@link BrainExtraction#brainMask}); the ideal midline is its mirror-symmetry
 * line ({@link RotationCorrection#estimate}: tilt and a point), whose lateral position is then
 * refined by a search for the most symmetric parallel line (the mask centroid of a slightly
 * asymmetric skull need not lie on it). The skull does not move with a mass, so this line is where
 * the septum belongs;</li>
 * <li>every slice is turned upright about that line; CSF is the lightly smoothed image within
 * [{@code csfMinHu}, {@code csfMaxHu}] at least {@code minDepthMm} below the brain surface (this
 * leaves out cortical sulci and the interhemispheric fissure), kept only in connected pieces of
 * at least {@code minAreaMm2} (the lateral ventricles, third ventricle, cisterns);</li>
 * <li>on every row within {@code searchMm} of the ideal midline, two CSF runs of at least
 * {@code minRunMm} separated by a tissue gap of at most {@code maxGapMm} are the two lateral
 * ventricles and the gap between their medial walls is the septum; of several such gaps the one
 * nearest the ideal midline is taken. Its centre minus the ideal midline is the row's
 * displacement;</li>
 * <li>the shift is the maximum displacement, robustly: the sign of the median row displacement,
 * then the median of the {@code topFraction} (at least 3) rows displaced furthest that way.</li>
 * </ol>
 * When fewer than {@code minRows} septum rows are found (slices below or above the lateral
 * ventricles, collapsed or absent ventricles) the result is "not measured" with a reason.
 * 8-bit windowed and arbitrary-unit images are not measured: the CSF/brain contrast is then
 * unknown (a window can even make both black), so no threshold is defensible.
 * <p>
 * Sign: positive = towards the patient's left = +x in the canonical LPS voxel order. In-plane
 * pixels are assumed square (as {@link RotationCorrection} does); the shift is in mm along x.
 */
public final class MidlineShift {

	private MidlineShift() {}

	/**
	 * Thresholds and sizes.
	 *
	 * @param csfMinHu lowest HU of CSF after smoothing (-5)
	 * @param csfMaxHu highest HU of CSF after smoothing (18; white matter is 25..35)
	 * @param smoothMm sigma of the in-plane Gaussian applied before thresholding, mm (0.8)
	 * @param minDepthMm CSF closer than this to the brain surface is ignored, mm (12)
	 * @param minAreaMm2 smallest CSF piece (per slice) that can be a ventricle, mm² (30)
	 * @param searchMm half-width of the band around the ideal midline searched, mm (28)
	 * @param minRunMm shortest CSF run on a row that counts as a ventricle, mm (1.5)
	 * @param maxGapMm widest septum (tissue gap between the two ventricles), mm (8)
	 * @param midlineRunMaxMm a CSF run at most this wide between two others is a midline structure
	 *          (third ventricle, cavum septi), mm (5)
	 * @param minChainMm shortest continuous septum (along y) that counts, mm (8)
	 * @param maxStepMm largest septum step between neighbouring rows of one chain, mm (1.5)
	 * @param minRows fewest septum rows needed for a measurement (4)
	 * @param topFraction fraction of the most displaced rows whose median is the shift (0.1)
	 */
	public record Settings(double csfMinHu, double csfMaxHu, double smoothMm, double minDepthMm,
		double minAreaMm2, double searchMm, double minRunMm, double maxGapMm, double midlineRunMaxMm,
		double minChainMm, double maxStepMm, int minRows, double topFraction)
	{
		public Settings {
			if (!(csfMinHu < csfMaxHu)) throw new IllegalArgumentException(
				"CSF HU range must be increasing: " + csfMinHu + ".." + csfMaxHu);
			for (double v : new double[] { smoothMm, minDepthMm, minAreaMm2, searchMm, minRunMm,
				maxGapMm, midlineRunMaxMm, minChainMm, maxStepMm })
				if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(
					"sizes must be finite and >= 0: " + v);
			if (minRows < 1) throw new IllegalArgumentException("minRows must be >= 1: " + minRows);
			if (!(topFraction > 0 && topFraction <= 1)) throw new IllegalArgumentException(
				"topFraction must be in (0, 1]: " + topFraction);
		}
	}

	/** The defaults documented on {@link Settings}. */
	public static final Settings DEFAULTS = new Settings(-5, 18, 0.8, 12, 30, 28, 1.5, 8, 5, 8, 1.5,
		4, 0.1);

	/**
	 * A midline shift measurement, or "not measured" ({@code shiftMm} NaN and a reason).
	 * Positions are 0-based voxel coordinates of the input.
	 *
	 * @param shiftMm septum displacement from the ideal midline in mm, positive towards the
	 *          patient's left (+x); NaN when not measured
	 * @param slice 0-based slice of the reported row, -1 when not measured
	 * @param septum (x, y) of the septum on the reported row; null when not measured
	 * @param midlinePoint (x, y) of the foot of the perpendicular from the septum onto the ideal
	 *          midline (draw the shift as the segment from here to {@code septum}); null when not
	 *          measured
	 * @param idealMidline the ideal mid-sagittal line (tilt and a point on it); null when no
	 *          brain was found
	 * @param rows number of rows on which a septum was found
	 * @param reason why it was not measured, or "" when it was
	 */
	public record Measurement(double shiftMm, int slice, double[] septum, double[] midlinePoint,
		Midline idealMidline, int rows, String reason)
	{
		/** Whether a shift was measured. */
		public boolean measured() {
			return !Double.isNaN(shiftMm);
		}
	}

	/** Estimates the midline shift with {@link #DEFAULTS}. */
	public static Measurement estimate(Volume hu) {
		return estimate(hu, DEFAULTS);
	}

	/** Estimates the midline shift of a HU head CT (a volume or a single slice). */
	public static Measurement estimate(Volume hu, Settings s) {
		if (!hu.metadata().isHU()) return notMeasured(null, 0, "needs Hounsfield units (" + hu
			.metadata().valueUnit() + " images have no reliable CSF threshold)");
		Volume brain = BrainExtraction.brainMask(hu);
		if (count(brain.data()) == 0) return notMeasured(null, 0, "no brain found");
		Midline m = RotationCorrection.estimate(brain);
		Volume upHu = RotationCorrection.upright(hu, m, Interpolation.LINEAR);
		Volume upBrain = RotationCorrection.upright(brain, m, Interpolation.NEAREST);
		double x0 = m.cx() + symmetryOffset(upBrain, m.cx());
		double[] p0 = toInput(m, x0, m.cy());
		Midline ideal = new Midline(m.angleDeg(), p0[0], p0[1]);
		List<double[]> samples = septumRows(upHu, upBrain, x0, s);
		if (samples.size() < s.minRows()) return notMeasured(ideal, samples.size(), samples.isEmpty()
			? "no lateral ventricles with a septum between them"
			: "septum found on only " + samples.size() + " rows");
		double px = hu.spacing()[0];
		double[] d = new double[samples.size()];
		for (int i = 0; i < d.length; i++)
			d[i] = (samples.get(i)[2] - x0) * px;
		double sign = median(d) >= 0 ? 1 : -1;
		// the most displaced rows first; the median of the top group is the reported row
		samples.sort(Comparator.comparingDouble(a -> -sign * a[2]));
		int top = Math.min(samples.size(), Math.max(3, (int) Math.ceil(s.topFraction() * samples
			.size())));
		double[] pick = samples.get(top / 2);
		return new Measurement((pick[2] - x0) * px, (int) pick[0], toInput(m, pick[2], pick[1]),
			toInput(m, x0, pick[1]), ideal, samples.size(), "");
	}

	// -- Steps --

	/**
	 * Offset in pixels (a multiple of 0.5 within about ±12) from x = cx of the vertical line
	 * about which the pooled upright mask is most mirror-symmetric.
	 */
	static double symmetryOffset(Volume upBrain, double cx) {
		int w = upBrain.nx(), h = upBrain.ny(), n = upBrain.sliceSize();
		float[] m = upBrain.data();
		int[] proj = new int[n];
		for (int z = 0; z < upBrain.nz(); z++)
			for (int i = 0; i < n; i++)
				if (m[z * n + i] > 0.5f) proj[i]++;
		int c2 = (int) Math.round(2 * cx);
		long best = -1;
		double bestOff = 0;
		for (int k = -24; k <= 24; k++) {
			int twice = c2 + k; // mirror axis at twice / 2
			long num = 0;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int p = proj[y * w + x];
					if (p == 0) continue;
					int xm = twice - x;
					if (xm >= 0 && xm < w) num += Math.min(p, proj[y * w + xm]);
				}
			if (num > best || num == best && Math.abs(twice / 2.0 - cx) < Math.abs(bestOff)) {
				best = num;
				bestOff = twice / 2.0 - cx;
			}
		}
		return bestOff;
	}

	/**
	 * Septum rows of the upright image: {slice, row, septum x} (upright pixel coordinates).
	 */
	static List<double[]> septumRows(Volume upHu, Volume upBrain, double x0, Settings s) {
		int w = upHu.nx(), h = upHu.ny(), n = upHu.sliceSize();
		double[] sp = upHu.spacing();
		double px = sp[0];
		Volume smooth = s.smoothMm() > 0 ? Denoising.gaussian(upHu, s.smoothMm()) : upHu;
		float[] sm = smooth.data(), br = upBrain.data();
		int lo = Math.max(0, (int) Math.floor(x0 - s.searchMm() / px)), hi = Math.min(w - 1,
			(int) Math.ceil(x0 + s.searchMm() / px));
		int minRun = Math.max(1, (int) Math.round(s.minRunMm() / px));
		int maxGap = Math.max(1, (int) Math.round(s.maxGapMm() / px));
		int narrow = (int) Math.round(s.midlineRunMaxMm() / px);
		int minChain = Math.max(2, (int) Math.round(s.minChainMm() / sp[1]));
		double maxStep = Math.max(1.5, s.maxStepMm() / px);
		int minArea = (int) Math.ceil(s.minAreaMm2() / (sp[0] * sp[1]));
		List<double[]> out = new ArrayList<>();
		boolean[] csf = new boolean[n];
		for (int z = 0; z < upHu.nz(); z++) {
			int off = z * n;
			List<double[]> rows = new ArrayList<>();
			float[] depth = depthMm(br, off, w, h, sp[0], sp[1]);
			for (int i = 0; i < n; i++) {
				float v = sm[off + i];
				csf[i] = depth[i] >= s.minDepthMm() && v >= s.csfMinHu() && v <= s.csfMaxHu();
			}
			removeSmall(csf, w, h, minArea);
			for (int y = 0; y < h; y++) {
				// runs of CSF on this row within the band
				List<int[]> runs = new ArrayList<>();
				int start = -1;
				for (int x = lo; x <= hi + 1; x++) {
					boolean c = x <= hi && csf[y * w + x];
					if (c && start < 0) start = x;
					if (!c && start >= 0) {
						runs.add(new int[] { start, x - 1 });
						start = -1;
					}
				}
				double bestX = septumOnRow(runs, lo, hi, x0, minRun, maxGap, narrow);
				if (!Double.isNaN(bestX)) rows.add(new double[] { z, y, bestX });
			}
			out.addAll(chains(rows, minChain, maxStep));
		}
		return out;
	}

	/**
	 * The septum x on one row of CSF runs (sorted, inclusive pixel ranges), or NaN: the centre of
	 * the tissue gap between two runs (both at least minRun long, not cut by the band [lo, hi], the
	 * gap at most maxGap) nearest x0. A narrow run (at most {@code narrow} pixels) with runs on both
	 * sides is itself a midline structure (third ventricle, cavum septi): its centre is the marker
	 * and the gaps beside it are not.
	 */
	static double septumOnRow(List<int[]> runs, int lo, int hi, double x0, int minRun, int maxGap,
		int narrow)
	{
		double best = Double.NaN, bestDist = Double.POSITIVE_INFINITY;
		int k = runs.size();
		boolean[] middle = new boolean[k];
		for (int r = 1; r + 1 < k; r++) {
			int[] m = runs.get(r);
			middle[r] = m[1] - m[0] + 1 <= narrow && m[0] - runs.get(r - 1)[1] - 1 <= maxGap && runs
				.get(r + 1)[0] - m[1] - 1 <= maxGap;
			if (middle[r]) {
				double c = (m[0] + m[1]) / 2.0;
				if (Math.abs(c - x0) < bestDist) {
					bestDist = Math.abs(c - x0);
					best = c;
				}
			}
		}
		for (int r = 0; r + 1 < k; r++) {
			int[] a = runs.get(r), b = runs.get(r + 1);
			if (middle[r] || middle[r + 1]) continue;
			// a narrow run with another run beyond it: a midline structure next to one ventricle
			if (r > 0 && a[1] - a[0] + 1 <= narrow || r + 2 < k && b[1] - b[0] + 1 <= narrow) continue;
			int gap = b[0] - a[1] - 1;
			if (gap > maxGap || a[1] - a[0] + 1 < minRun || b[1] - b[0] + 1 < minRun) continue;
			if (a[0] == lo || b[1] == hi) continue; // a run cut by the band is not a ventricle
			double c = (a[1] + b[0]) / 2.0;
			if (Math.abs(c - x0) < bestDist) {
				bestDist = Math.abs(c - x0);
				best = c;
			}
		}
		return best;
	}

	/**
	 * Rows of one slice ({slice, row, x}, in row order) that belong to a continuous septum: chains
	 * of rows at most 2 rows apart whose x moves at most maxStep pixels per row, at least minChain
	 * rows long. Short, isolated pairs of CSF runs (sulci, infarcts, noise) drop out.
	 */
	static List<double[]> chains(List<double[]> rows, int minChain, double maxStep) {
		List<double[]> out = new ArrayList<>();
		List<double[]> chain = new ArrayList<>();
		for (double[] r : rows) {
			if (!chain.isEmpty()) {
				double[] last = chain.get(chain.size() - 1);
				double dy = r[1] - last[1];
				if (dy > 2 || Math.abs(r[2] - last[2]) > maxStep * dy) {
					if (chain.size() >= minChain) out.addAll(chain);
					chain.clear();
				}
			}
			chain.add(r);
		}
		if (chain.size() >= minChain) out.addAll(chain);
		return out;
	}

	/** Chamfer (3-4) distance in mm from each pixel of a slice mask to the nearest outside pixel. */
	static float[] depthMm(float[] mask, int off, int w, int h, double sx, double sy) {
		float inf = Float.MAX_VALUE / 4;
		float[] d = new float[w * h];
		float ax = (float) sx, ay = (float) sy, ad = (float) Math.hypot(sx, sy);
		for (int i = 0; i < w * h; i++)
			d[i] = mask[off + i] > 0.5f ? inf : 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (d[i] == 0) continue;
				float v = d[i];
				// pixels beyond the image border are outside
				v = Math.min(v, x > 0 ? d[i - 1] + ax : ax);
				v = Math.min(v, y > 0 ? d[i - w] + ay : ay);
				v = Math.min(v, x > 0 && y > 0 ? d[i - w - 1] + ad : ad);
				v = Math.min(v, x < w - 1 && y > 0 ? d[i - w + 1] + ad : ad);
				d[i] = v;
			}
		for (int y = h - 1; y >= 0; y--)
			for (int x = w - 1; x >= 0; x--) {
				int i = y * w + x;
				if (d[i] == 0) continue;
				float v = d[i];
				v = Math.min(v, x < w - 1 ? d[i + 1] + ax : ax);
				v = Math.min(v, y < h - 1 ? d[i + w] + ay : ay);
				v = Math.min(v, x < w - 1 && y < h - 1 ? d[i + w + 1] + ad : ad);
				v = Math.min(v, x > 0 && y < h - 1 ? d[i + w - 1] + ad : ad);
				d[i] = v;
			}
		return d;
	}

	/** Clears 8-connected pieces smaller than minArea pixels. */
	static void removeSmall(boolean[] m, int w, int h, int minArea) {
		if (minArea <= 1) return;
		ConnectedComponents.Labeling cc = ConnectedComponents.label(m, w, h, 1);
		for (int c = 1; c <= cc.count(); c++) {
			int[] v = cc.voxels(c);
			if (v.length < minArea) for (int i : v)
				m[i] = false;
		}
	}

	// -- Helpers --

	/** Input position (x, y) of the upright pixel (xu, yu); upright turned by -angle about (cx, cy). */
	private static double[] toInput(Midline m, double xu, double yu) {
		double t = Math.toRadians(-m.angleDeg()), c = Math.cos(t), sn = Math.sin(t);
		double dx = xu - m.cx(), dy = yu - m.cy();
		return new double[] { m.cx() + dx * c + dy * sn, m.cy() - dx * sn + dy * c };
	}

	private static Measurement notMeasured(Midline ideal, int rows, String reason) {
		return new Measurement(Double.NaN, -1, null, null, ideal, rows, reason);
	}

	private static long count(float[] m) {
		long c = 0;
		for (float v : m)
			if (v > 0.5f) c++;
		return c;
	}

	/** Median (sorts a copy). */
	private static double median(double[] values) {
		double[] a = values.clone();
		Arrays.sort(a);
		int n = a.length;
		return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
	}
}
