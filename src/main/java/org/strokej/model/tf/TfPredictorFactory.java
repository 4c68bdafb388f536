package org.strokej.model.tf;

import java.io.IOException;
import java.nio.file.Path;

import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.PredictorFactory;

/** Registers {@link TfPredictor} with {@link org.strokej.model.Predictors} (service loader). */
public final class TfPredictorFactory implements PredictorFactory {

	@Override
	public boolean accepts(ModelSpec spec) {
		return spec.tf() != null;
	}

	@Override
	public Predictor load(Path dir) throws IOException {
		return TfPredictor.load(dir);
	}
}
