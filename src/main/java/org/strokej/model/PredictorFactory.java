package org.strokej.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads model folders for one engine. Engines register through
 * {@code META-INF/services/org.strokej.model.PredictorFactory} so that this package never
 * depends on an engine.
 */
public interface PredictorFactory {

	/** Whether this engine can load a model with this spec. */
	boolean accepts(ModelSpec spec);

	/** Loads the model folder {@code dir} (its spec already validated). */
	Predictor load(Path dir) throws IOException;
}
