package org.strokej.command;

import java.io.IOException;
import java.nio.file.Path;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;

/** {@link StrokeModelService} over the per-JVM {@link Predictors} cache. */
@Plugin(type = Service.class)
public class DefaultStrokeModelService extends AbstractService implements StrokeModelService {

	@Override
	public Predictor get(Path modelDir) throws IOException {
		return Predictors.get(modelDir);
	}

	@Override
	public void closeAll() {
		Predictors.closeAll();
	}

	@Override
	public void dispose() {
		closeAll();
	}
}
