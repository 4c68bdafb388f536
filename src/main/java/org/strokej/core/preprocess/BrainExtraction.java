package org.strokej.core.preprocess;

import java.util.stream.IntStream;

import ij.process.ByteProcessor;

import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Skull stripping for head CT: a 0/1 brain mask, computed slice by slice (the standard practice for
 * thick-slice clinical CT, where neighbouring slices are 5 mm apart).
 * <p>
 * Per slice: bone is everything above the bone threshold ({@code HU > 300}, or near-white for 8-bit
 * windowed slices); small gaps in the skull are bridged by a closing; the intracranial space is what
 * the skull encloses (background not connected to the border, found with ImageJ 1's
 * {@link ij.process.FloodFiller}); brain = intracranial soft tissue (above the tissue threshold,
 * not bone), cleaned by a morphological opening with a disc (ImageJ 1 {@link ij.plugin.filter.RankFilters}
 * min/max), reduced to its largest connected component, holes filled. When the skull is open (skull
 * base, vertex), soft tissue not touching bone is used instead, with a stronger opening. Slices
 * whose brain area stays below {@link Settings#minAreaMm2()} give an empty mask.
 * <p>
 * For HU input bone voxels (and air, e.g. in sinuses or pneumocephalus) are never in the mask. For 8-bit windowed input (bone white, brain grey,
 * air black) acute blood can be as white as bone: bright blobs enclosed by brain tissue are kept
 * (they are holes of the mask), bright voxels touching the skull are not.
 */
public final class BrainExtraction {

	private BrainExtraction() {}

	/**
	 * Thresholds and radii.
	 *
	 * @param boneHu HU above which a voxel is bone (300)
	 * @param tissueHu HU above which a non-bone voxel is tissue (-30; air and fat are below)
	 * @param bone8bit grey value above which an 8-bit windowed pixel is bone (240)
	 * @param tissue8bit grey value above which an 8-bit pixel is tissue (8; air is 0)
	 * @param closeMm radius bridging gaps in the skull, mm (2)
	 * @param openMm opening radius separating brain from scalp/orbits, mm (3)
	 * @param minAreaMm2 smallest brain area kept on a slice, mm² (400)
	 * @param workingMm pixel size of the grid the morphology runs on, mm (0.8): finer slices are
	 *          reduced by an integer factor (block mean for tissue, block maximum for bone), the
	 *          mask is brought back to full resolution and its edge refined there (bone removed)
	 */
	public record Settings(double boneHu, double tissueHu, double bone8bit, double tissue8bit,
		double closeMm, double openMm, double minAreaMm2, double workingMm)
	{
		public Settings {
			if (!(boneHu > tissueHu) || !(bone8bit > tissue8bit) || closeMm < 0 || openMm < 0 ||
				minAreaMm2 < 0 || !(workingMm > 0)) throw new IllegalArgumentException(
					"bad brain extraction settings: " + boneHu + "/" + tissueHu + "/" + bone8bit + "/" +
						tissue8bit + "/" + closeMm + "/" + openMm + "/" + minAreaMm2 + "/" + workingMm);
		}
	}

	/** The defaults documented on {@link Settings}. */
	public static final Settings DEFAULTS = new Settings(300, -30, 240, 8, 2, 3, 400, 0.8);

	/** The brain mask with {@link #DEFAULTS}. */
	public static Volume brainMask(Volume v) {
		return brainMask(v, DEFAULTS);
	}

	/**
	 * The brain mask (0/1, same geometry) of a HU or 8-bit windowed volume, slice by slice (slices
	 * run in parallel).
	 *
	 * @throws IllegalArgumentException when the volume is neither HU nor 8-bit windowed
	 */
	public static Volume brainMask(Volume v, Settings s) {
		ValueUnit unit = v.metadata().valueUnit();
		if (unit != ValueUnit.HU && unit != ValueUnit.WINDOWED_8BIT) throw new IllegalArgumentException(
			"brain extraction needs Hounsfield units or 8-bit windowed grey values, not " + unit.label());
		boolean hu = unit == ValueUnit.HU;
		float bone = (float) (hu ? s.boneHu() : s.bone8bit());
		float tissue = (float) (hu ? s.tissueHu() : s.tissue8bit());
		double[] sp = v.spacing();
		double mmPerPx = Math.sqrt(sp[0] * sp[1]);
		int k = Math.max(1, (int) Math.round(s.workingMm() / mmPerPx));
		double workPx = mmPerPx * k;
		int n = v.sliceSize(), w = v.nx(), h = v.ny();
		float[] d = v.data(), out = new float[d.length];
		IntStream.range(0, v.nz()).parallel().forEach(z -> {
			Work g = Work.of(d, z * n, w, h, k);
			byte[] m = g.mask(bone, tissue, s.closeMm() / workPx, s.openMm() / workPx, s.minAreaMm2() /
				(workPx * workPx));
			if (m == null) return;
			byte[] interior = k == 1 ? null : (byte[]) Masks.erode(new ByteProcessor(g.w, g.h, m.clone()),
				1.5).getPixels();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int j = (y / k) * g.w + x / k, i = y * w + x;
					if (m[j] == 0) continue;
					float val = d[z * n + i];
					// HU: bone and air never in the mask; 8-bit: bright pixels only where enclosed by brain
					boolean keep = hu ? val <= bone && val > tissue : k == 1 || interior[j] != 0 || val <= bone;
					if (keep) out[z * n + i] = 1f;
				}
		});
		return v.withData(out).withMetadata(Grids.withUnit(v.metadata(), ValueUnit.ARBITRARY));
	}

	/**
	 * The head mask (everything that is not air, holes filled, largest component), slice by slice:
	 * HU above -300, or 8-bit grey above {@code tissue8bit}; other units: above 10 % of the range.
	 */
	public static Volume headMask(Volume v) {
		ValueUnit unit = v.metadata().valueUnit();
		float thr;
		if (unit == ValueUnit.HU) thr = -300f;
		else if (unit == ValueUnit.WINDOWED_8BIT) thr = (float) DEFAULTS.tissue8bit();
		else {
			float[] r = v.range();
			thr = r[0] + 0.1f * (r[1] - r[0]);
		}
		double[] sp = v.spacing();
		int k = Math.max(1, (int) Math.round(DEFAULTS.workingMm() / Math.sqrt(sp[0] * sp[1])));
		int n = v.sliceSize(), w = v.nx(), h = v.ny();
		float[] d = v.data(), out = new float[d.length];
		IntStream.range(0, v.nz()).parallel().forEach(z -> {
			Work g = Work.of(d, z * n, w, h, k);
			ByteProcessor bp = threshold(g.mean, 0, g.w, g.h, thr, Float.POSITIVE_INFINITY);
			Masks.open(bp, 1.5);
			Masks.keepLargestComponent(bp);
			Masks.fillHoles(bp);
			byte[] px = (byte[]) bp.getPixels();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if (px[(y / k) * g.w + x / k] != 0) out[z * n + y * w + x] = 1f;
		});
		return v.withData(out).withMetadata(Grids.withUnit(v.metadata(), ValueUnit.ARBITRARY));
	}

	// -- Per slice --

	/** One slice on the working grid: block means and block maxima. */
	private static final class Work {
		final int w, h;
		final float[] mean, max;

		private Work(int w, int h) {
			this.w = w;
			this.h = h;
			mean = new float[w * h];
			max = new float[w * h];
		}

		static Work of(float[] d, int off, int w, int h, int k) {
			int ww = (w + k - 1) / k, hh = (h + k - 1) / k;
			Work g = new Work(ww, hh);
			if (k == 1) {
				System.arraycopy(d, off, g.mean, 0, w * h);
				System.arraycopy(d, off, g.max, 0, w * h);
				return g;
			}
			java.util.Arrays.fill(g.max, Float.NEGATIVE_INFINITY);
			int[] cnt = new int[ww * hh];
			for (int y = 0; y < h; y++) {
				int row = (y / k) * ww;
				for (int x = 0; x < w; x++) {
					float v = d[off + y * w + x];
					int j = row + x / k;
					g.mean[j] += v;
					cnt[j]++;
					if (v > g.max[j]) g.max[j] = v;
				}
			}
			for (int j = 0; j < cnt.length; j++)
				g.mean[j] /= cnt[j];
			return g;
		}

		/** The brain mask on this grid (0/255), or null when there is no brain. */
		byte[] mask(float bone, float tissue, double closePx, double openPx, double minAreaPx) {
			int n = w * h;
			ByteProcessor boneMask = threshold(max, 0, w, h, bone, Float.POSITIVE_INFINITY);
			ByteProcessor closed = Masks.close((ByteProcessor) boneMask.duplicate(), closePx);
			// intracranial = holes of the (closed) skull
			ByteProcessor inside = Masks.fillHoles((ByteProcessor) closed.duplicate());
			byte[] in = (byte[]) inside.getPixels(), cl = (byte[]) closed.getPixels();
			for (int i = 0; i < n; i++)
				if (cl[i] != 0) in[i] = 0;
			ByteProcessor tissueMask = threshold(mean, 0, w, h, tissue, Float.POSITIVE_INFINITY);
			Masks.and(tissueMask, invert((ByteProcessor) boneMask.duplicate()));
			ByteProcessor cand = Masks.and((ByteProcessor) tissueMask.duplicate(), inside);
			Masks.open(cand, openPx);
			int area = Masks.keepLargestComponent(cand);
			if (area < minAreaPx) {
				// skull not closed on this slice: soft tissue away from bone, stronger opening
				cand = tissueMask;
				Masks.and(cand, invert(Masks.dilate((ByteProcessor) boneMask.duplicate(), 1)));
				Masks.open(cand, 2 * openPx);
				area = Masks.keepLargestComponent(cand);
				if (area < minAreaPx || touchesBorder(cand)) return null;
			}
			Masks.fillHoles(cand);
			return (byte[]) cand.getPixels();
		}
	}

	/** 255 where lo < value <= hi. */
	static ByteProcessor threshold(float[] d, int off, int w, int h, float lo, float hi) {
		byte[] b = new byte[w * h];
		for (int i = 0; i < b.length; i++) {
			float v = d[off + i];
			if (v > lo && v <= hi) b[i] = (byte) 255;
		}
		return new ByteProcessor(w, h, b);
	}

	private static ByteProcessor invert(ByteProcessor bp) {
		byte[] p = (byte[]) bp.getPixels();
		for (int i = 0; i < p.length; i++)
			p[i] = p[i] == 0 ? (byte) 255 : 0;
		return bp;
	}

	private static boolean touchesBorder(ByteProcessor bp) {
		int w = bp.getWidth(), h = bp.getHeight();
		byte[] p = (byte[]) bp.getPixels();
		for (int x = 0; x < w; x++)
			if (p[x] != 0 || p[(h - 1) * w + x] != 0) return true;
		for (int y = 0; y < h; y++)
			if (p[y * w] != 0 || p[y * w + w - 1] != 0) return true;
		return false;
	}
}
