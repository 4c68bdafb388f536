package org.strokej.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;

/**
 * Neighbouring slices as extra input channels ("2.5D"): a classifier whose spec says
 * {@code input.context_slices = k} sees the slice and k slices on either side, about
 * {@value #SPACING_MM} mm apart (the slice spacing of the CT-ICH scans the bundled models learn
 * from), as 2k + 1 channels, centre in the middle. The 2k + 1 slices are preprocessed together, so
 * they share one crop; a single image gets copies of itself as its neighbours, and slices at the
 * ends of a scan repeat the end slice.
 */
public final class SliceContext {

	/** Distance between context slices, in mm, whatever the scan's slice spacing. */
	public static final double SPACING_MM = 5;

	private SliceContext() {}

	/**
	 * Index step between context slices of a volume: {@value #SPACING_MM} mm over its slice
	 * spacing, at least 1 (also when the spacing is unknown or thicker).
	 */
	public static int step(Volume v) {
		double dz = v.spacing()[2];
		return !(dz > 0) || Spacings.isMissing(v) ? 1 : Math.max(1, (int) Math.round(SPACING_MM / dz));
	}

	/**
	 * Slice z with k context slices on either side, as a (2k + 1)-slice volume (slice z alone when
	 * k = 0); indices beyond the ends are clamped.
	 */
	public static Volume around(Volume v, int z, int k) {
		if (z < 0 || z >= v.nz()) throw new IndexOutOfBoundsException("slice " + z + " of " + v.nz());
		if (k < 0) throw new IllegalArgumentException("context slices must not be negative: " + k);
		int step = step(v), n2 = v.sliceSize();
		float[] out = new float[(2 * k + 1) * n2];
		for (int j = -k; j <= k; j++) {
			int src = Math.max(0, Math.min(v.nz() - 1, z + j * step));
			System.arraycopy(v.data(), src * n2, out, (j + k) * n2, n2);
		}
		return stack(v, out, 2 * k + 1);
	}

	/** A 2D slice with k copies of itself on either side (no neighbours known). */
	public static Volume replicate(Volume slice, int k) {
		if (slice.nz() != 1) throw new IllegalArgumentException("not a 2D slice");
		return k == 0 ? slice : around(slice, 0, k);
	}

	/**
	 * Slices of one size stacked in order (the centre one in the middle), with the centre's
	 * metadata and in-plane spacing and {@value #SPACING_MM} mm between them.
	 */
	public static Volume of(List<Volume> slices) {
		Volume c = slices.get(slices.size() / 2);
		int n2 = c.sliceSize();
		float[] out = new float[slices.size() * n2];
		for (int i = 0; i < slices.size(); i++) {
			Volume s = slices.get(i);
			if (s.nx() != c.nx() || s.ny() != c.ny() || s.nz() != 1) throw new IllegalArgumentException(
				"context slice " + i + " is " + s.nx() + "x" + s.ny() + "x" + s.nz() + ", not " + c.nx() + "x" + c.ny());
			System.arraycopy(s.data(), 0, out, i * n2, n2);
		}
		double[] sp = c.spacing();
		return Volume.of(out, c.nx(), c.ny(), slices.size(), new double[] { sp[0], sp[1], SPACING_MM }, c
			.metadata());
	}

	private static Volume stack(Volume like, float[] data, int nz) {
		double[] sp = like.spacing();
		return Volume.of(data, like.nx(), like.ny(), nz, new double[] { sp[0], sp[1], nz == 1 ? sp[2] : Math.max(
			sp[2], SPACING_MM) }, like.metadata());
	}

	/**
	 * The model's input channels from a preprocessed (2k + 1)-slice stack: per slice, in order,
	 * every channel of the pipeline (one per window) as a 2D plane.
	 */
	public static List<Volume> channels(PreprocessResult r) {
		List<Volume> ch = r.channels(), out = new ArrayList<>();
		int nz = ch.get(0).nz();
		for (int z = 0; z < nz; z++)
			for (Volume v : ch)
				out.add(Volume.of(v.slice(z), v.nx(), v.ny(), 1, v.spacing(), v.metadata()));
		return out;
	}

	/**
	 * Preprocesses slice z of a volume with its k context slices and writes the model input
	 * (size × size × channels, channels last) into {@code dst} at {@code offset}.
	 *
	 * @return the preprocessing result, for mapping maps back ({@link #mapBackCentre})
	 */
	public static PreprocessResult modelInput(PreprocessPipeline p, Volume v, int z, int k, float[] dst, int offset,
		int size)
	{
		PreprocessResult r = p.run(around(v, z, k));
		StrokeDetector.interleave(channels(r), dst, offset, size, size);
		return r;
	}

	/**
	 * Maps a 2D result on the model grid (a heat map of the centre slice) back onto the centre
	 * slice's input grid.
	 */
	public static float[] mapBackCentre(PreprocessResult r, float[] plane, boolean label) {
		Volume grid = r.volume();
		int n2 = grid.sliceSize(), nz = grid.nz();
		if (plane.length != n2) throw new IllegalArgumentException("map has " + plane.length + " values, the grid " +
			n2);
		float[] all = new float[n2 * nz];
		for (int z = 0; z < nz; z++)
			System.arraycopy(plane, 0, all, z * n2, n2);
		Volume back = r.mapBack(grid.withData(all), label);
		return back.slice(back.nz() / 2);
	}

	/**
	 * Maps a 2D mask of the centre slice (on the input grid) onto the model grid, through the same
	 * crop and resize as the stack.
	 */
	public static float[] mapForwardCentre(PreprocessResult r, Volume mask, boolean label) {
		Volume in = r.input();
		int n2 = in.sliceSize(), nz = in.nz();
		float[] all = new float[n2 * nz];
		System.arraycopy(mask.data(), 0, all, (nz / 2) * n2, n2);
		Volume fwd = r.mapForward(in.withData(all), label);
		return fwd.slice(fwd.nz() / 2);
	}
}
