package org.strokej.core.preprocess;

import java.util.ArrayList;
import java.util.List;

import org.strokej.core.io.Volume;

/**
 * What a {@link PreprocessPipeline} produced: the preprocessed volume (channel 0), any extra
 * channels (several windows), the brain mask on the output grid, and the way back to the input grid.
 */
public final class PreprocessResult {

	private final Volume volume;
	private final PreprocessContext ctx;

	PreprocessResult(Volume volume, PreprocessContext ctx) {
		this.volume = volume;
		this.ctx = ctx;
	}

	/** Channel 0 on the output grid. */
	public Volume volume() { return volume; }

	/** All channels on the output grid, channel 0 first. */
	public List<Volume> channels() {
		List<Volume> l = new ArrayList<>();
		l.add(volume);
		l.addAll(ctx.extraChannels());
		return l;
	}

	/** The brain mask on the output grid, or null when the pipeline has no brain_mask step. */
	public Volume mask() { return ctx.mask(); }

	/** The input volume. */
	public Volume input() { return ctx.input(); }

	/**
	 * Maps a volume on the input grid (e.g. a ground-truth label image for training) onto the
	 * output grid, with the same crops and resizes as the image: labels by nearest neighbour.
	 */
	public Volume mapForward(Volume onInputGrid, boolean label) {
		Volume in = ctx.input();
		if (onInputGrid.nx() != in.nx() || onInputGrid.ny() != in.ny() || onInputGrid.nz() != in.nz())
			throw new IllegalArgumentException("volume is not on the input grid");
		return ctx.mapForward(onInputGrid, label);
	}

	/**
	 * Maps a result on the output grid (a label image, a mask, a probability map) onto the input
	 * grid: labels by nearest neighbour with 0 outside the crop, images linearly.
	 */
	public Volume mapBack(Volume result, boolean label) {
		if (result.nx() != volume.nx() || result.ny() != volume.ny() || result.nz() != volume.nz())
			throw new IllegalArgumentException("result " + result.nx() + "x" + result.ny() + "x" + result
				.nz() + " is not on the output grid " + volume.nx() + "x" + volume.ny() + "x" + volume.nz());
		return ctx.mapBack(result, label);
	}
}
