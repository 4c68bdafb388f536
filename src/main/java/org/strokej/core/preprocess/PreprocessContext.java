package org.strokej.core.preprocess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.strokej.core.io.Volume;

/**
 * The state of one pipeline run: the original input, the brain mask and extra channels on the
 * current grid, and the inverses of the grid changes so far. Not thread-safe; one per run.
 */
public final class PreprocessContext {

	/** Undoes one grid change: maps a volume on the new grid onto the grid before the change. */
	@FunctionalInterface
	public interface Inverse {
		/**
		 * @param label true for labels/masks (nearest neighbour, fill 0), false for images or
		 *          probabilities (linear)
		 */
		Volume apply(Volume onNewGrid, boolean label);
	}

	private final Volume input;
	private Volume mask;
	private final List<Volume> extraChannels = new ArrayList<>();
	private final List<Inverse> inverses = new ArrayList<>();
	private final List<UnaryOperator<Volume>> forwardImages = new ArrayList<>();
	private final List<UnaryOperator<Volume>> forwardLabels = new ArrayList<>();

	public PreprocessContext(Volume input) {
		this.input = input;
	}

	/** The volume the pipeline started from. */
	public Volume input() { return input; }

	/** The brain mask on the current grid, or null when no step made one. */
	public Volume mask() { return mask; }

	public void setMask(Volume m) { mask = m; }

	/** Whether a step changed the grid since the input (then {@link #input()} no longer aligns). */
	public boolean gridChanged() { return !inverses.isEmpty(); }

	/** Channels 1.. (channel 0 is the volume passed between steps), on the current grid. */
	public List<Volume> extraChannels() { return Collections.unmodifiableList(extraChannels); }

	public void setExtraChannels(List<Volume> channels) {
		extraChannels.clear();
		extraChannels.addAll(channels);
	}

	/** Applies a voxel-wise or intensity operation to the extra channels. */
	public void mapChannels(UnaryOperator<Volume> op) {
		extraChannels.replaceAll(op);
	}

	/**
	 * Records a grid change: transforms the mask (with {@code label}) and extra channels (with
	 * {@code image}) and remembers how to undo it.
	 */
	public void changeGrid(UnaryOperator<Volume> image, UnaryOperator<Volume> label, Inverse inverse) {
		if (mask != null) mask = label.apply(mask);
		extraChannels.replaceAll(image);
		inverses.add(inverse);
		forwardImages.add(image);
		forwardLabels.add(label);
	}

	/**
	 * Maps a volume on the input grid (e.g. a ground-truth label image) onto the current grid,
	 * repeating the grid changes so far: labels by nearest neighbour, images linearly. Intensity
	 * steps are not applied.
	 */
	public Volume mapForward(Volume onInputGrid, boolean label) {
		Volume v = onInputGrid;
		for (UnaryOperator<Volume> op : label ? forwardLabels : forwardImages)
			v = op.apply(v);
		return v;
	}

	/** Maps a result on the current grid back onto the input grid, undoing the grid changes in reverse. */
	public Volume mapBack(Volume result, boolean label) {
		Volume v = result;
		for (int i = inverses.size() - 1; i >= 0; i--)
			v = inverses.get(i).apply(v, label);
		return v;
	}
}
