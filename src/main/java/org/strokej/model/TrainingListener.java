package org.strokej.model;

/** Progress of a training run; both methods default to doing nothing. */
public interface TrainingListener {

	/**
	 * After each step.
	 *
	 * @param epoch 0-based epoch
	 * @param step 0-based step within the epoch
	 * @param steps steps per epoch
	 * @param loss this step's training loss
	 * @param etaSeconds estimated seconds left for the whole run
	 */
	default void step(int epoch, int step, int steps, double loss, double etaSeconds) {}

	/** After each epoch. */
	default void epoch(EpochStats stats) {}

	/**
	 * Statistics of one epoch.
	 *
	 * @param epoch 0-based epoch
	 * @param learningRate rate used
	 * @param trainLoss mean training loss (with dropout and augmentation)
	 * @param valLoss validation loss, NaN without validation
	 * @param valMetric validation accuracy (classifier) or mean foreground Dice (segmenter), NaN without validation
	 * @param seconds wall time of the epoch
	 */
	record EpochStats(int epoch, double learningRate, double trainLoss, double valLoss, double valMetric, double seconds) {}
}
