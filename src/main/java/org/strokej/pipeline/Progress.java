package org.strokej.pipeline;

/**
 * Progress and cancellation of long work, adapted at the edge to Fiji's status bar or the
 * runner's progress line.
 */
public interface Progress {

	/** Nothing reported, never cancelled. */
	Progress NONE = new Progress() {};

	/** {@code done} of {@code total} units of {@code stage} are finished. */
	default void progress(String stage, int done, int total) {}

	/** Polled between units; true stops the work with {@link java.util.concurrent.CancellationException}. */
	default boolean isCancelled() { return false; }
}
