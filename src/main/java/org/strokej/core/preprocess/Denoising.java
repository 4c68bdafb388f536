package org.strokej.core.preprocess;

import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.RankFilters;
import ij.process.FloatProcessor;

import org.strokej.core.io.Volume;

/**
 * Denoising with ImageJ 1's filters, slice by slice (in-plane only, as usual for thick-slice CT
 * where z spacing is several times the pixel size).
 */
public final class Denoising {

	private Denoising() {}

	/** Gaussian blur with a sigma in mm, converted to pixels with the in-plane spacing. */
	public static Volume gaussian(Volume v, double sigmaMm) {
		if (!(sigmaMm >= 0)) throw new IllegalArgumentException("sigma must be >= 0: " + sigmaMm);
		double[] sp = v.spacing();
		double sx = sigmaMm / sp[0], sy = sigmaMm / sp[1];
		GaussianBlur gb = new GaussianBlur();
		return perSlice(v, fp -> gb.blurGaussian(fp, sx, sy, 0.002));
	}

	/** Median filter over a disc of the given radius in pixels (ImageJ 1 RankFilters). */
	public static Volume median(Volume v, double radiusPx) {
		if (!(radiusPx >= 0)) throw new IllegalArgumentException("radius must be >= 0: " + radiusPx);
		RankFilters rf = new RankFilters();
		return perSlice(v, fp -> rf.rank(fp, radiusPx, RankFilters.MEDIAN));
	}

	/** Applies an in-place filter to a copy of every slice. */
	static Volume perSlice(Volume v, java.util.function.Consumer<FloatProcessor> filter) {
		float[] out = new float[v.data().length];
		int n = v.sliceSize();
		for (int z = 0; z < v.nz(); z++) {
			FloatProcessor fp = Grids.sliceProcessor(v, z);
			filter.accept(fp);
			Grids.putSlice(out, z, n, (float[]) fp.getPixels());
		}
		return v.withData(out);
	}
}
