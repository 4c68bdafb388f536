package org.strokej.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;

import org.strokej.core.io.AtomicFiles;
import org.strokej.model.ModelSpec;
import org.strokej.model.TrainingConfig;
import org.strokej.model.TrainingListener;
import org.strokej.model.TrainingResult;

/** Writes {@code MODEL_CARD.md} next to a trained model, from what the run actually did. */
public final class ModelCards {

	private ModelCards() {}

	public static void write(Path dir, ModelSpec spec, TrainingConfig cfg, Trainer.Prepared data,
		int[] counts, TrainingResult r, Map<String, Object> cv, Duration took, List<String> sources)
		throws IOException
	{
		StringBuilder b = new StringBuilder();
		b.append("# Model card: ").append(spec.name()).append("\n\n");
		b.append("**Research use only. Not a medical device; not for diagnosis or treatment " +
			"decisions.**\n\n");
		b.append("## What it does\n");
		b.append(spec.kind() == ModelSpec.Kind.CLASSIFIER
			? "Classifies one axial head-CT slice as normal, hemorrhagic or ischemic (softmax over 3 classes).\n"
			: "Segments lesions on one axial head-CT slice: background, hemorrhage, ischemia (per-pixel softmax).\n");
		b.append(String.format(Locale.ROOT, "Input %d×%d×%d after preprocessing; architecture %s %s.%n%n",
			spec.input().height(), spec.input().width(), spec.input().channels(), spec.architecture()
				.type(), spec.architecture().filters()));
		b.append("## Preprocessing (applied identically in training and inference)\n```json\n");
		b.append(new GsonBuilder().create().toJson(spec.preprocessing())).append("\n```\n\n");
		b.append("## Training data\n");
		for (String s : sources)
			b.append("- ").append(s).append('\n');
		b.append(String.format(Locale.ROOT,
			"%nAfter preprocessing: %d slices (normal %d, hemorrhagic %d, ischemic %d)%s.%n%n", data
				.size(), counts[0], counts[1], counts[2], data.hasMasks() ? ", with masks" : ""));
		b.append("## How it was trained\n");
		b.append("```\n").append(spec.training().command()).append("\n```\n");
		b.append(String.format(Locale.ROOT,
			"Seed %d; %d epochs max, batch %d, Adam lr %.3g (%s), dropout %.2f, early stopping " +
				"patience %d on a %.0f %% patient-level validation split; augmentation %s; class " +
				"weights %s; best epoch %d of %d; total time %d min %d s on 2 CPU cores.%n%n",
			cfg.seed(), cfg.epochs(), cfg.batchSize(), cfg.learningRate(), cfg.schedule(), cfg
				.dropout(), cfg.patience(), cfg.validationFraction() * 100, cfg.augmentation(), cfg
					.classWeights() == null ? "none" : java.util.Arrays.toString(cfg.classWeights()), r
						.bestEpoch() + 1, r.history().size(), took.toMinutes(), took.toSecondsPart()));
		b.append("| epoch | train loss | val loss | val metric |\n|---|---|---|---|\n");
		for (TrainingListener.EpochStats e : r.history())
			b.append(String.format(Locale.ROOT, "| %d | %.4f | %.4f | %.4f |%n", e.epoch() + 1, e
				.trainLoss(), e.valLoss(), e.valMetric()));
		b.append("\n## Cross-validated results\n");
		if (cv.isEmpty()) b.append("No cross-validation was run for this model.\n");
		else b.append("Out-of-fold predictions, patient-level folds (no patient in two folds):\n\n```json\n")
			.append(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
				.toJson(cv)).append("\n```\n");
		b.append("\n## Weights\nSHA-256 ").append(spec.weightsSha256()).append(
			" (checked on load).\n");
		String text = b.toString();
		AtomicFiles.write(dir.resolve("MODEL_CARD.md"), tmp -> Files.writeString(tmp, text,
			StandardCharsets.UTF_8));
	}
}
