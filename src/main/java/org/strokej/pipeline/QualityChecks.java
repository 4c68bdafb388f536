package org.strokej.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.plugin.filter.RankFilters;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.BrainExtraction;
import org.strokej.core.preprocess.Masks;

/**
 * Input-quality flags reported with every result (never silently ignored). Each flag is a short
 * phrase starting with a stable key:
 * <ul>
 * <li>{@code MR image given to CT models} — the DICOM modality is MR.</li>
 * <li>{@code not HU: 8-bit windowed image} / {@code not HU: intensities of unknown scale}.</li>
 * <li>{@code unexpected HU range a..b (no air or no bone)} — HU input whose minimum is above
 * -500 or maximum below 150.</li>
 * <li>{@code spacing missing: ...} — the file had no pixel size (see {@link Spacings}).</li>
 * <li>{@code thick slices (x mm)} — several slices more than 5 mm apart (&gt; {@value
 * #THICK_SLICE_MM} mm, so that 5 mm slices pass).</li>
 * <li>{@code uneven slice spacing} — the reader found unequal gaps between slices.</li>
 * <li>{@code streaks/motion: ...} — heavy streak or motion artefacts in the brain (HU only, see
 * below).</li>
 * <li>{@code partial coverage: head cut off at the image edge ...} — in-plane, see below.</li>
 * <li>{@code partial coverage: brain continues above/below ...} — through-plane, see below.</li>
 * <li>{@code not CT-like: ...} — HU input without a bone-bright skull or whose soft tissue is not
 * at brain HU: MRI or another contrast handed over as HU (NIfTI has no modality).</li>
 * </ul>
 * <h2>Image measures</h2> The masks are computed on a coarse copy of the image (block means to
 * about {@value #COARSE_MM} mm pixels; at most {@value #MAX_SLICES} slices, evenly spread, first and
 * last always included), so that the checks take tens of milliseconds even for 512 &times; 512
 * &times; 40 volumes. The head is {@link BrainExtraction#headMask}, the brain
 * {@link BrainExtraction#brainMask} (holes filled).
 * <ul>
 * <li><b>Streaks/motion</b> (HU, head of at least {@value #MIN_BRAIN_CM2} cm&sup2; found): on up to
 * {@value #STREAK_SLICES} mid-head slices (head area &ge; 70 % of the largest and, when a brain is
 * found, brain area &ge; 60 % of the largest: the skull base with its usual beam-hardening streaks
 * is left out), resampled to about {@value #FINE_MM} mm pixels, inside the head eroded by {@value
 * #SCALP_SKULL_MM} mm (scalp and skull) and away ({@value #STREAK_ERODE_MM} mm) from dense bone
 * (block mean &gt; {@value #DENSE_BONE_HU} HU) — not the brain mask, which heavy dark streaks cut
 * apart —: the fraction of pixels whose
 * value differs from the median of its disc neighbourhood (radius {@value #MEDIAN_RADIUS_PX} px,
 * ImageJ {@link RankFilters}) by more than {@value #STREAK_DEVIATION_HU} HU, or whose local median
 * lies outside brain HU ({@value #BRAIN_LOW_HU}..{@value #BRAIN_HIGH_HU}). Streaks and motion
 * ghosts make thin bright/dark bands that differ from their neighbourhood by tens to hundreds of
 * HU; brain tissue, CSF and acute blood stay within a few tens of HU of their neighbourhood after
 * block averaging. Flag when the fraction exceeds {@value #STREAK_FRACTION}.</li>
 * <li><b>Partial coverage in-plane</b> (any unit): the head mask touches the image border, or (HU)
 * the padding outside the reconstruction circle (block mean below {@value #PADDING_HU} HU), over
 * at least {@value #BORDER_CONTACT_MM} mm on some slice.</li>
 * <li><b>Partial coverage through-plane</b> (HU or 8-bit, at least 3 slices, spacing known, brain
 * found): the brain area on the top (most superior) slice exceeds {@value #TOP_RATIO} of the
 * largest slice's — the vertex is cut off —, or on the bottom slice {@value #BOTTOM_RATIO} — the
 * volume stops above the skull base. A scan covering the head ends in a small vertex section and
 * at the skull base in the posterior fossa, whose brain section can be sizeable (hence the lax
 * bottom limit).</li>
 * <li><b>Not CT-like</b> (HU, head of at least {@value #MIN_BRAIN_CM2} cm&sup2;, HU range not
 * already flagged): on the slices whose head area is at least 70 % of the largest, less than
 * {@value #MIN_BONE_FRACTION} of the head is above 300 HU (CT always shows the skull), or the
 * most common head value (10 HU bins) is outside {@value #TISSUE_MODE_LOW_HU}..{@value
 * #TISSUE_MODE_HIGH_HU} HU (in CT, brain and scalp at 20-50 HU dominate the head).</li>
 * </ul>
 * <h2>Measured values</h2> (this implementation, 2026-11)
 * <ul>
 * <li>Streak fraction: default phantoms (noise 4 HU, thin streaks) 256 &times; 256 0.9 mm slices,
 * seeds 1-5: 0 to 0.00045; 512 &times; 512 slices, seeds 1-3: 0; 3D 128 &times; 128 &times; 32
 * (1.8 mm, 5 mm slices), seeds 1-3: 0.0005 to 0.0012; the real AISD study 0091454 (14 slices of 9
 * mm): 0.0050. Flagged: eight 2 px radial bands of &plusmn;150 HU 0.168; motion ghost (30 % of
 * the image shifted by 8 mm, 4 mm) 0.043 (20 % ghost 0.043; 5 px shifts 0.003-0.005, not
 * flagged). Plain noise: sigma 20 HU 0.028 (not flagged), 30 HU 0.135 (flagged).</li>
 * <li>Through-plane: whole-head 3D phantoms: top 0.00, bottom 0.33-0.67 (the phantom's brain
 * narrows slowly towards its base); real study: top 0.10, bottom 0.06; test-images
 * phantom-hemorrhage-7 (16 slices of 5 mm, a slab) top 0.59, bottom 0.96: flagged both ways.</li>
 * <li>Border contact: 0 mm for all of the above.</li>
 * <li>Bone fraction 0.14-0.24 and head mode 25-35 HU for all of the above.</li>
 * <li>Time of {@link #measure}: 30-110 ms for a 512 &times; 512 or 256 &times; 256 slice, 0.3-1.1 s
 * for the real 14-slice study and 250-500 ms for a 512 &times; 512 &times; 40 phantom on this
 * shared, loaded 2-core machine (dominated by the masks on up to {@value #MAX_SLICES} slices).</li>
 * </ul>
 */
public final class QualityChecks {

	// -- Thresholds --

	/** Slices further apart than this (mm) are thick. */
	static final double THICK_SLICE_MM = 5.05;
	/** Pixel size (mm) of the coarse grid the masks are computed on. */
	static final double COARSE_MM = 2;
	/** Pixel size (mm) of the grid the streak statistic is computed on. */
	static final double FINE_MM = 0.9;
	/** At most this many slices are examined. */
	static final int MAX_SLICES = 12;
	/** At most this many slices enter the streak statistic. */
	static final int STREAK_SLICES = 4;
	/** Distance from dense bone excluded from the streak statistic, mm. */
	static final double STREAK_ERODE_MM = 4;
	/** Block means above this HU are dense bone (a motion ghost of the skull stays below). */
	static final double DENSE_BONE_HU = 600;
	/** Depth below the head's surface (scalp and skull) excluded from the streak statistic, mm. */
	static final double SCALP_SKULL_MM = 10;
	/** Radius of the local median, pixels of the fine grid. */
	static final double MEDIAN_RADIUS_PX = 2;
	/** A pixel this far (HU) from its local median is an artefact pixel. */
	static final double STREAK_DEVIATION_HU = 30;
	/** Local medians outside this HU range are not brain. */
	static final double BRAIN_LOW_HU = -20, BRAIN_HIGH_HU = 130;
	/** Fraction of artefact pixels in the brain above which streaks/motion are flagged. */
	static final double STREAK_FRACTION = 0.03;
	/** Block means below this HU are padding outside the reconstructed field. */
	static final double PADDING_HU = -1200;
	/** Head contact with the image border or the padding (mm) that means the head is cut off. */
	static final double BORDER_CONTACT_MM = 20;
	/** Brain area on the top slice, relative to the largest, above which the vertex is cut off. */
	static final double TOP_RATIO = 0.4;
	/** Brain area on the bottom slice, relative to the largest, above which the base is cut off. */
	static final double BOTTOM_RATIO = 0.8;
	/** Smallest largest-brain (or head) section for the image measures, cm². */
	static final double MIN_BRAIN_CM2 = 50;
	/** Smallest fraction of bone (> 300 HU) in a CT head section. */
	static final double MIN_BONE_FRACTION = 0.02;
	/** Range of the most common head value in CT, HU. */
	static final double TISSUE_MODE_LOW_HU = -10, TISSUE_MODE_HIGH_HU = 90;

	private QualityChecks() {}

	/**
	 * The quality flags of an input volume, in a fixed order; empty for a clean head CT.
	 */
	public static List<String> check(Volume v) {
		List<String> w = new ArrayList<>();
		ImageMetadata md = v.metadata();
		if (md.modality().equalsIgnoreCase("MR")) w.add("MR image given to CT models");
		if (md.valueUnit() == ValueUnit.WINDOWED_8BIT) w.add("not HU: 8-bit windowed image");
		else if (md.valueUnit() == ValueUnit.ARBITRARY) w.add("not HU: intensities of unknown scale");
		boolean badRange = false;
		if (md.isHU()) {
			float[] r = v.range();
			badRange = !(r[0] <= -500 && r[1] >= 150);
			if (badRange) w.add(String.format(Locale.ROOT,
				"unexpected HU range %.0f..%.0f (no air or no bone)", r[0], r[1]));
		}
		boolean spacingMissing = "true".equals(md.extra().get("spacing_assumed")) || Spacings
			.isMissing(v);
		if (spacingMissing) w.add("spacing missing: assumed " + (int) Spacings.NOMINAL_FOV_MM +
			" mm field of view, volumes approximate");
		if (v.nz() > 1 && v.spacing()[2] > THICK_SLICE_MM) w.add(String.format(Locale.ROOT,
			"thick slices (%.1f mm)", v.spacing()[2]));
		if ("true".equals(md.extra().get("uneven_spacing"))) w.add("uneven slice spacing");
		Measures m = measure(v);
		if (m.streakFraction() > STREAK_FRACTION) w.add(String.format(Locale.ROOT,
			"streaks/motion: heavy artefacts in %.0f %% of the brain", 100 * m.streakFraction()));
		if (m.borderContactMm() >= BORDER_CONTACT_MM) w.add(String.format(Locale.ROOT,
			"partial coverage: head cut off at the image edge (slice %d, %.0f mm)", m.borderSlice() + 1,
			m.borderContactMm()));
		if (!spacingMissing && v.nz() >= 3) {
			if (m.topRatio() > TOP_RATIO) w.add(String.format(Locale.ROOT,
				"partial coverage: brain continues above the top slice (%.0f %% of the largest section)",
				100 * m.topRatio()));
			if (m.bottomRatio() > BOTTOM_RATIO) w.add(String.format(Locale.ROOT,
				"partial coverage: brain continues below the bottom slice (%.0f %% of the largest section)",
				100 * m.bottomRatio()));
		}
		if (md.isHU() && !badRange && (m.boneFraction() < MIN_BONE_FRACTION || m
			.headModeHu() < TISSUE_MODE_LOW_HU || m.headModeHu() > TISSUE_MODE_HIGH_HU))
			w.add(String.format(Locale.ROOT,
				"not CT-like: %.1f %% of the head above 300 HU, commonest head value %.0f HU" +
					" (MRI or other contrast given as HU?)", 100 * m.boneFraction(), m.headModeHu()));
		return w;
	}

	// -- Measures --

	/**
	 * The image statistics behind the flags; NaN where a statistic does not apply (wrong unit, no
	 * head or brain found).
	 *
	 * @param streakFraction fraction of artefact pixels in the brain
	 * @param borderContactMm largest length (mm) of head touching the image border or padding
	 * @param borderSlice the slice (0-based) of that contact, -1 if none
	 * @param topRatio brain area of the most superior slice / the largest brain area
	 * @param bottomRatio brain area of the most inferior slice / the largest brain area
	 * @param boneFraction fraction of the head above 300 HU (mid-head slices)
	 * @param headModeHu most common head value (HU, 10 HU bins; mid-head slices)
	 */
	record Measures(double streakFraction, double borderContactMm, int borderSlice,
		double topRatio, double bottomRatio, double boneFraction, double headModeHu)
	{}

	/** Measures a volume (see the class description). */
	static Measures measure(Volume v) {
		ValueUnit unit = v.metadata().valueUnit();
		double[] sp = v.spacing();
		double px = Math.sqrt(sp[0] * sp[1]);
		int[] slices = sampleSlices(v.nz());
		int cf = Math.max(1, (int) Math.round(COARSE_MM / px));
		Volume coarse = blockMeans(v, slices, cf);
		double cpx = Math.sqrt(coarse.spacing()[0] * coarse.spacing()[1]);
		double pxCm2 = coarse.spacing()[0] * coarse.spacing()[1] / 100;
		int cw = coarse.nx(), ch = coarse.ny(), cn = coarse.sliceSize(), ns = slices.length;

		// head: border / padding contact, area
		Volume head = BrainExtraction.headMask(coarse);
		double contact = 0;
		int contactSlice = -1;
		int[] headArea = new int[ns];
		for (int k = 0; k < ns; k++) {
			int c = 0;
			for (int y = 0; y < ch; y++)
				for (int x = 0; x < cw; x++) {
					int i = k * cn + y * cw + x;
					if (head.data()[i] == 0) continue;
					headArea[k]++;
					if (x == 0 || y == 0 || x == cw - 1 || y == ch - 1 || unit == ValueUnit.HU && (coarse
						.data()[i - 1] < PADDING_HU || coarse.data()[i + 1] < PADDING_HU || coarse.data()[i -
							cw] < PADDING_HU || coarse.data()[i + cw] < PADDING_HU)) c++;
				}
			if (c * cpx > contact) {
				contact = c * cpx;
				contactSlice = slices[k];
			}
		}
		double nan = Double.NaN;
		if (unit != ValueUnit.HU && unit != ValueUnit.WINDOWED_8BIT) return new Measures(nan, contact,
			contactSlice, nan, nan, nan, nan);

		// brain: areas along z
		BrainExtraction.Settings d = BrainExtraction.DEFAULTS;
		Volume brain = BrainExtraction.brainMask(coarse, new BrainExtraction.Settings(d.boneHu(), d
			.tissueHu(), d.bone8bit(), d.tissue8bit(), d.closeMm(), d.openMm(), d.minAreaMm2(), cpx));
		byte[][] brainSlices = new byte[ns][];
		int[] brainArea = new int[ns];
		int maxBrain = 0;
		for (int k = 0; k < ns; k++) {
			byte[] b = new byte[cn];
			for (int i = 0; i < cn; i++)
				if (brain.data()[k * cn + i] != 0) b[i] = (byte) 255;
			brainSlices[k] = (byte[]) Masks.fillHoles(new ByteProcessor(cw, ch, b)).getPixels();
			for (byte x : brainSlices[k])
				if (x != 0) brainArea[k]++;
			maxBrain = Math.max(maxBrain, brainArea[k]);
		}
		boolean brainFound = maxBrain * pxCm2 >= MIN_BRAIN_CM2;
		double top = nan, bottom = nan;
		if (brainFound && ns >= 3) {
			boolean superiorLast = v.affine()[10] >= 0;
			top = (double) brainArea[superiorLast ? ns - 1 : 0] / maxBrain;
			bottom = (double) brainArea[superiorLast ? 0 : ns - 1] / maxBrain;
		}
		if (unit != ValueUnit.HU) return new Measures(nan, contact, contactSlice, top, bottom, nan,
			nan);

		// contrast: bone fraction and commonest value of the mid-head slices
		int maxHead = 0;
		for (int a : headArea)
			maxHead = Math.max(maxHead, a);
		double bone = nan, mode = nan;
		if (maxHead * pxCm2 >= MIN_BRAIN_CM2) {
			long inHead = 0, boneCount = 0;
			int[] hist = new int[400]; // -1000 .. 3000 HU in 10 HU bins
			for (int k = 0; k < ns; k++) {
				if (headArea[k] < 0.7 * maxHead) continue;
				for (int i = 0; i < cn; i++) {
					if (head.data()[k * cn + i] == 0) continue;
					float val = coarse.data()[k * cn + i];
					inHead++;
					if (val > 300) boneCount++;
					int bin = (int) Math.floor((val + 1000) / 10);
					if (bin >= 0 && bin < hist.length) hist[bin]++;
				}
			}
			int best = 0;
			for (int b = 1; b < hist.length; b++)
				if (hist[b] > hist[best]) best = b;
			bone = (double) boneCount / inHead;
			mode = best * 10 - 1000 + 5;
		}

		// streaks: mid-head (supratentorial when the brain is found) slices on the fine grid
		double streak = nan;
		if (maxHead * pxCm2 >= MIN_BRAIN_CM2) {
			List<Integer> candidates = new ArrayList<>();
			for (int k = 0; k < ns; k++)
				if (headArea[k] >= 0.7 * maxHead && (!brainFound || brainArea[k] >= 0.6 * maxBrain))
					candidates.add(k);
			int use = Math.min(STREAK_SLICES, candidates.size());
			long inside = 0, odd = 0;
			int f = Math.max(1, (int) Math.round(FINE_MM / px));
			for (int u = 0; u < use; u++) {
				int k = candidates.get((int) ((u + 0.5) * candidates.size() / use));
				byte[] region = new byte[cn];
				for (int i = 0; i < cn; i++)
					if (head.data()[k * cn + i] != 0) region[i] = (byte) 255;
				ByteProcessor r = Masks.erode(new ByteProcessor(cw, ch, region), SCALP_SKULL_MM / cpx);
				byte[] dense = new byte[cn];
				for (int i = 0; i < cn; i++)
					if (coarse.data()[k * cn + i] > DENSE_BONE_HU) dense[i] = (byte) 255;
				byte[] near = (byte[]) Masks.dilate(new ByteProcessor(cw, ch, dense), STREAK_ERODE_MM / cpx)
					.getPixels();
				byte[] rp = (byte[]) r.getPixels();
				for (int i = 0; i < cn; i++)
					if (near[i] != 0) rp[i] = 0;
				long[] c = streakCounts(v, slices[k], f, rp, cw, ch, cf);
				inside += c[0];
				odd += c[1];
			}
			if (inside > 0) streak = (double) odd / inside;
		}
		return new Measures(streak, contact, contactSlice, top, bottom, bone, mode);
	}

	/**
	 * {pixels examined, artefact pixels} of one slice on the fine grid (block factor f of the
	 * original), inside a region given on the coarse grid (block factor cf).
	 */
	private static long[] streakCounts(Volume v, int z, int f, byte[] coarseRegion, int cw, int ch,
		int cf)
	{
		Volume fine = blockMeans(v, new int[] { z }, f);
		int fw = fine.nx(), fh = fine.ny();
		float[] val = fine.data();
		byte[] region = new byte[fw * fh];
		for (int y = 0; y < fh; y++)
			for (int x = 0; x < fw; x++) {
				// centre of the fine pixel in original pixels, then the coarse pixel
				int cx = Math.min(cw - 1, (x * f + f / 2) / cf), cy = Math.min(ch - 1, (y * f + f / 2) / cf);
				if (coarseRegion[cy * cw + cx] != 0) region[y * fw + x] = (byte) 255;
			}
		ByteProcessor rp = new ByteProcessor(fw, fh, region);
		FloatProcessor med = new FloatProcessor(fw, fh, val.clone());
		new RankFilters().rank(med, MEDIAN_RADIUS_PX, RankFilters.MEDIAN);
		float[] mv = (float[]) med.getPixels();
		byte[] in = (byte[]) rp.getPixels();
		long n = 0, odd = 0;
		for (int i = 0; i < in.length; i++) {
			if (in[i] == 0) continue;
			n++;
			if (Math.abs(val[i] - mv[i]) > STREAK_DEVIATION_HU || mv[i] < BRAIN_LOW_HU ||
				mv[i] > BRAIN_HIGH_HU) odd++;
		}
		return new long[] { n, odd };
	}

	// -- Grids --

	/** Up to {@link #MAX_SLICES} slice indices, evenly spread, first and last included. */
	private static int[] sampleSlices(int nz) {
		int n = Math.min(nz, MAX_SLICES);
		int[] s = new int[n];
		for (int k = 0; k < n; k++)
			s[k] = n == 1 ? 0 : (int) Math.round(k * (nz - 1.0) / (n - 1));
		return s;
	}

	/** The given slices reduced in-plane by block means of f &times; f pixels (edge blocks partial). */
	private static Volume blockMeans(Volume v, int[] slices, int f) {
		int w = v.nx(), h = v.ny(), n = v.sliceSize();
		int bw = (w + f - 1) / f, bh = (h + f - 1) / f;
		float[] out = new float[bw * bh * slices.length];
		float[] d = v.data();
		int[] cnt = new int[bw * bh];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				cnt[(y / f) * bw + x / f]++;
		for (int k = 0; k < slices.length; k++) {
			int off = slices[k] * n, o = k * bw * bh;
			for (int y = 0; y < h; y++) {
				int row = o + (y / f) * bw;
				for (int x = 0; x < w; x++) {
					float val = d[off + y * w + x];
					out[row + x / f] += Float.isFinite(val) ? val : 0;
				}
			}
			for (int j = 0; j < cnt.length; j++)
				out[o + j] /= cnt[j];
		}
		double[] sp = v.spacing();
		return Volume.of(out, bw, bh, slices.length, new double[] { sp[0] * f, sp[1] * f, sp[2] }, v
			.metadata());
	}
}
