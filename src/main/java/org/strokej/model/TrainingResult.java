package org.strokej.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a training run.
 *
 * @param modelDir folder the best model was exported to
 * @param spec the exported model's spec (with training metrics and weights SHA-256)
 * @param history per-epoch statistics
 * @param bestEpoch 0-based epoch whose weights were kept (lowest validation loss, or last epoch without validation)
 * @param stoppedEarly whether early stopping ended the run
 * @param cancelled whether the cancel flag ended the run (the best weights so far are still exported)
 */
public record TrainingResult(Path modelDir, ModelSpec spec, List<TrainingListener.EpochStats> history, int bestEpoch,
	boolean stoppedEarly, boolean cancelled)
{
	public TrainingResult {
		history = List.copyOf(history);
	}
}
