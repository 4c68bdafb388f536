package org.strokej.core.preprocess;

import java.util.Map;

import org.strokej.core.io.Volume;

/**
 * One preprocessing operation with immutable settings. Steps are assembled in a
 * {@link PreprocessPipeline} and described as data ({@link #describe()}: an {@code "op"} key plus
 * the settings) so that a model spec can carry them.
 * <p>
 * A step that changes the grid (crop, resize, rotation) also transforms the context's mask and
 * extra channels and records its inverse in the {@link PreprocessContext}, so results can be mapped
 * back onto the input grid.
 */
public interface PreprocessStep {

	/** The op name used in descriptions, e.g. "window". */
	String op();

	/** The step as data: {@code "op"} first, then every setting (JSON-compatible values). */
	Map<String, Object> describe();

	/** Applies the step to the current (channel 0) volume; never modifies {@code in}. */
	Volume apply(Volume in, PreprocessContext ctx);
}
