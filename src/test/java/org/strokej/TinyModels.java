package org.strokej;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.strokej.core.phantom.LesionKind;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.model.TrainingConfig;
import org.strokej.pipeline.Trainer;

/**
 * A tiny classifier and segmenter trained once per test JVM on phantoms (seconds), in one
 * folder, for command and batch tests that need real TensorFlow models but not good ones.
 */
public final class TinyModels {

	private static Path dir;

	private TinyModels() {}

	/** A folder holding {@code cnn/} and {@code unet/}. */
	public static synchronized Path dir() {
		if (dir != null) return dir;
		try {
			Path d = Files.createTempDirectory("strokej-tiny-models");
			int size = 64;
			PreprocessPipeline p = Trainer.defaultPreprocessing(size);
			List<Trainer.Source> src = Trainer.phantoms(8, 42, LesionKind.NONE, LesionKind.HEMORRHAGE,
				LesionKind.ISCHEMIA);
			TrainingConfig cfg = TrainingConfig.defaults().withEpochs(2).withBatchSize(8)
				.withValidationFraction(0).withPatience(0);
			Trainer.train(Trainer.template(Trainer.Kind.CLASSIFIER, "tiny-cnn", size, p), cfg, Trainer
				.prepare(src, p, size, false, null), null, null, d.resolve("cnn"), null, () -> false);
			Trainer.train(Trainer.template(Trainer.Kind.SEGMENTER, "tiny-unet", size, p), cfg, Trainer
				.prepare(src, p, size, true, null), null, null, d.resolve("unet"), null, () -> false);
			dir = d;
			return d;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
