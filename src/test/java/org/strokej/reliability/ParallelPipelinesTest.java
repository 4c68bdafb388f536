package org.strokej.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.strokej.TinyModels;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.pipeline.DetectionResult;
import org.strokej.pipeline.Progress;
import org.strokej.pipeline.StrokeDetector;

/**
 * Two pipelines running at the same time share the cached models safely: the same predictor
 * instances, and results identical to running alone.
 */
class ParallelPipelinesTest {

	@Test
	void concurrentDetectionsShareModelsAndAgreeWithSerialRuns() throws Exception {
		Path m = TinyModels.dir();
		StrokeDetector a = StrokeDetector.load(m.resolve("cnn"), m.resolve("unet"), true, true);
		StrokeDetector b = StrokeDetector.load(m.resolve("cnn"), m.resolve("unet"), true, true);
		assertSame(a.classifier(), b.classifier(), "one cached classifier");
		assertSame(a.segmenter(), b.segmenter(), "one cached segmenter");
		List<Volume> inputs = new ArrayList<>();
		for (int i = 0; i < 6; i++)
			inputs.add(PhantomGenerator.generate(PhantomSettings.builder().size(96, 96, 2).spacing(2, 2,
				5).seed(100 + i).lesions(LesionKind.RANDOM, 1).build()).hu());
		StrokeDetector.Settings s = StrokeDetector.Settings.defaults();
		List<DetectionResult> serial = new ArrayList<>();
		for (Volume v : inputs)
			serial.add(a.detect(v, "v", s, Progress.NONE));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<DetectionResult>> futures = new ArrayList<>();
			for (int i = 0; i < inputs.size(); i++) {
				StrokeDetector d = i % 2 == 0 ? a : b;
				Volume v = inputs.get(i);
				futures.add(pool.submit(() -> d.detect(v, "v", s, Progress.NONE)));
			}
			for (int i = 0; i < inputs.size(); i++) {
				DetectionResult p = futures.get(i).get(), q = serial.get(i);
				assertArrayEquals(q.labels().data(), p.labels().data(), "labels of input " + i);
				for (int z = 0; z < q.sliceProbabilities().length; z++)
					assertArrayEquals(q.sliceProbabilities()[z], p.sliceProbabilities()[z], 1e-5f);
				assertEquals(q.lesions().size(), p.lesions().size());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
