package org.strokej.command;

import java.io.IOException;
import java.nio.file.Path;

import org.scijava.service.SciJavaService;
import org.strokej.model.Predictor;

/**
 * The session's model cache as a SciJava service: in Fiji each model folder is loaded once per
 * session and shared by all StrokeJ commands; disposing the context (quitting Fiji) releases the
 * models' native memory.
 */
public interface StrokeModelService extends SciJavaService {

	/** The loaded model of a folder, loading it on first use. */
	Predictor get(Path modelDir) throws IOException;

	/** Releases every loaded model. */
	void closeAll();
}
