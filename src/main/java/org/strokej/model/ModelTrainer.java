package org.strokej.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Trains a network described by a spec template and exports it as a model folder. */
public interface ModelTrainer {

	/**
	 * Trains and exports the best weights to {@code outputDir} (a new or empty folder).
	 *
	 * @param template spec of the model to produce: kind, input, classes, architecture, tiling,
	 *          preprocessing (recorded only); training and weights fields are filled in
	 * @param train training samples
	 * @param validation validation samples, or null to hold out
	 *          {@link TrainingConfig#validationFraction()} of the training groups
	 * @param fineTuneFrom model folder whose weights initialise the network (same architecture), or null
	 * @param listener progress, may be null
	 * @param cancel polled between steps; when true, training stops and the best weights so far are exported
	 */
	TrainingResult train(ModelSpec template, TrainingConfig config, TrainingData train, TrainingData validation,
		Path fineTuneFrom, Path outputDir, TrainingListener listener, BooleanSupplier cancel) throws IOException;
}
