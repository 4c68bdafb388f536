package org.strokej.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.strokej.TinyModels;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;

/** The model cache as a SciJava service: one instance per folder; disposing releases it. */
class StrokeModelServiceTest {

	@Test
	void loadsOnceAndReleasesOnDispose() throws Exception {
		Path cnn = TinyModels.dir().resolve("cnn");
		Context c = new Context(StrokeModelService.class);
		StrokeModelService s = c.service(StrokeModelService.class);
		assertNotNull(s);
		Predictor a = s.get(cnn), b = s.get(cnn);
		assertSame(a, b, "loaded once per session");
		c.dispose();
		assertFalse(Predictors.isLoaded(cnn), "released with the context");
	}
}
