package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.strokej.model.CrossValidation;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;
import org.strokej.model.TrainingConfig;
import org.strokej.model.TrainingListener;
import org.strokej.model.TrainingResult;

/**
 * Patient-level k-fold cross-validation: every group (patient) lies in exactly one fold; each
 * fold's model is trained on the other folds (early stopping on a patient-level split of those)
 * and predicts its own fold, giving out-of-fold predictions for every slice.
 */
public final class CrossValidator {

	private CrossValidator() {}

	/**
	 * Out-of-fold predictions.
	 *
	 * @param folds fold index per sample
	 * @param classifier per-slice class probabilities (classifiers), else null
	 * @param segTruth true masks per slice (segmenters), else null
	 * @param segPredicted predicted masks per slice (argmax), else null
	 * @param histories training history per fold
	 */
	public record Result(int[] folds, Evaluator.ClassifierPredictions classifier,
		List<int[]> segTruth, List<int[]> segPredicted, List<TrainingResult> histories)
	{}

	public static Result run(ModelSpec template, TrainingConfig config, Trainer.Prepared data,
		int k, long seed, Path workDir, Consumer<String> log) throws IOException
	{
		int[] folds = CrossValidation.patientFolds(Arrays.asList(data.groups()), data.labels(), k,
			seed);
		boolean seg = data.hasMasks();
		int n = data.size(), per = data.size() == 0 ? 0 : data.height() * data.width();
		double[][] probs = seg ? null : new double[n][];
		List<int[]> truth = seg ? new ArrayList<>() : null, pred = seg ? new ArrayList<>() : null;
		int[][] predMasks = seg ? new int[n][] : null;
		List<TrainingResult> histories = new ArrayList<>();
		for (int f = 0; f < k; f++) {
			int[] trainIdx = CrossValidation.indices(folds, f, false);
			int[] testIdx = CrossValidation.indices(folds, f, true);
			Path dir = workDir.resolve("fold-" + (f + 1));
			if (Files.exists(dir)) deleteTree(dir);
			long t0 = System.nanoTime();
			int fold = f + 1;
			TrainingResult r = Trainer.train(template, config.withSeed(config.seed() + f), data.subset(
				trainIdx), null, null, dir, epochLogger(log, "fold " + fold + "/" + k), () -> false);
			histories.add(r);
			if (log != null) log.accept(String.format("fold %d/%d: trained on %d slices, best epoch " +
				"%d, %.0f s; predicting %d held-out slices", fold, k, trainIdx.length, r.bestEpoch() + 1,
				(System.nanoTime() - t0) / 1e9, testIdx.length));
			try {
				Predictor p = Predictors.get(dir);
				int batch = 16, c = data.channels();
				for (int s = 0; s < testIdx.length; s += batch) {
					int m = Math.min(batch, testIdx.length - s);
					float[] in = new float[m * per * c];
					for (int j = 0; j < m; j++)
						data.image(testIdx[s + j], in, j * per * c);
					float[] out = p.predict(in, m, data.height(), data.width(), c);
					int classes = seg ? out.length / (m * per) : out.length / m;
					for (int j = 0; j < m; j++) {
						int i = testIdx[s + j];
						if (seg) predMasks[i] = argmaxMask(out, j * per, per, classes);
						else {
							probs[i] = new double[classes];
							for (int q = 0; q < classes; q++)
								probs[i][q] = out[j * classes + q];
						}
					}
				}
			}
			finally {
				Predictors.close(dir);
			}
		}
		Evaluator.ClassifierPredictions cp = null;
		if (!seg) cp = new Evaluator.ClassifierPredictions(data.ids(), data.groups(), data
			.sources(), data.labels(), probs);
		else {
			for (int i = 0; i < n; i++) {
				int[] t = new int[per];
				data.mask(i, t, 0);
				truth.add(t);
				pred.add(predMasks[i]);
			}
		}
		return new Result(folds, cp, truth, pred, histories);
	}

	static int[] argmaxMask(float[] out, int pixelOffset, int pixels, int classes) {
		int[] m = new int[pixels];
		for (int i = 0; i < pixels; i++) {
			int base = (pixelOffset + i) * classes, best = 0;
			for (int q = 1; q < classes; q++)
				if (out[base + q] > out[base + best]) best = q;
			m[i] = best;
		}
		return m;
	}

	/** A listener that logs one line per epoch. */
	public static TrainingListener epochLogger(Consumer<String> log, String prefix) {
		return new TrainingListener() {
			@Override
			public void step(int epoch, int step, int steps, double loss, double etaSeconds) {}

			@Override
			public void epoch(EpochStats s) {
				if (log != null) log.accept(String.format(java.util.Locale.ROOT,
					"%s epoch %d: lr %.2g train loss %.4f, val loss %.4f, val metric %.4f (%.0f s)",
					prefix, s.epoch() + 1, s.learningRate(), s.trainLoss(), s.valLoss(), s.valMetric(), s
						.seconds()));
			}
		};
	}

	/** Deletes a folder and everything below it. */
	public static void deleteTree(Path dir) throws IOException {
		try (var s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator)
				Files.delete(p);
		}
	}
}
