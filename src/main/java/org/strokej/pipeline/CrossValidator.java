package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.strokej.core.data.LeakCheck;
import org.strokej.core.io.Folders;
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
		List<int[]> segTruth, List<int[]> segPredicted, List<TrainingResult> histories,
		int[] nearDuplicatePairs)
	{}

	/**
	 * Leak check: for each fold, the number of (held-out, training) slice pairs whose 32×32
	 * fingerprints correlate at r ≥ 0.98 ({@link LeakCheck}). Patient-level folds leave almost
	 * none; a slice-level split of CT would leave hundreds.
	 */
	public static int[] nearDuplicatePairs(Trainer.Prepared data, int[] folds, int k) {
		int n = data.size(), size = data.height(), c = data.channels(), per = size * size * c;
		float[][] fp = new float[n][];
		float[] img = new float[per];
		byte[] px = new byte[size * size];
		for (int i = 0; i < n; i++) {
			data.image(i, img, 0);
			for (int q = 0; q < size * size; q++)
				px[q] = (byte) Math.max(0, Math.min(255, Math.round(img[q * c] * 255)));
			fp[i] = LeakCheck.fingerprint(px, size, size, 32);
		}
		int[] pairs = new int[k];
		for (int f = 0; f < k; f++) {
			int[] test = CrossValidation.indices(folds, f, true), train = CrossValidation.indices(folds,
				f, false);
			float[][] a = new float[test.length][], b = new float[train.length][];
			for (int j = 0; j < test.length; j++)
				a[j] = fp[test[j]];
			for (int j = 0; j < train.length; j++)
				b[j] = fp[train[j]];
			pairs[f] = LeakCheck.nearDuplicates(a, b, LeakCheck.Settings.DEFAULT.minCorrelation()).size();
		}
		return pairs;
	}

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
			Folders.deleteTree(dir);
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
				if (seg) {
					int[][] m = predictMasks(p, data, testIdx);
					for (int j = 0; j < testIdx.length; j++)
						predMasks[testIdx[j]] = m[j];
				}
				else {
					double[][] pr = predictClasses(p, data, testIdx);
					for (int j = 0; j < testIdx.length; j++)
						probs[testIdx[j]] = pr[j];
					if (log != null) log.accept(String.format("fold %d/%d: held-out slice AUC (stroke vs normal) %.3f",
						fold, k, foldAuc(pr, data, testIdx)));
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
		int[] leaks = nearDuplicatePairs(data, folds, k);
		if (log != null) log.accept("leak check: near-duplicate held-out/training pairs per fold " +
			Arrays.toString(leaks));
		return new Result(folds, cp, truth, pred, histories, leaks);
	}

	/** Stroke-vs-normal AUC of one fold's held-out slices (1 − p_normal); NaN with one class only. */
	static double foldAuc(double[][] probs, Trainer.Prepared data, int[] idx) {
		String[] none = new String[idx.length];
		int[] truth = new int[idx.length];
		for (int j = 0; j < idx.length; j++)
			truth[j] = data.label(idx[j]);
		Evaluator.ClassifierPredictions p = new Evaluator.ClassifierPredictions(none, none, none, truth, probs);
		return org.strokej.core.metrics.Roc.auc(p.strokeScores(), p.strokeTruth());
	}

	/** Class probabilities of the given samples (already preprocessed). */
	public static double[][] predictClasses(Predictor p, Trainer.Prepared data, int[] idx) {
		float[][] raw = predictRaw(p, data, idx);
		double[][] out = new double[idx.length][];
		for (int j = 0; j < idx.length; j++) {
			out[j] = new double[raw[j].length];
			for (int q = 0; q < raw[j].length; q++)
				out[j][q] = raw[j][q];
		}
		return out;
	}

	/** Argmax masks of the given samples (already preprocessed). */
	public static int[][] predictMasks(Predictor p, Trainer.Prepared data, int[] idx) {
		float[][] raw = predictRaw(p, data, idx);
		int per = data.height() * data.width();
		int[][] out = new int[idx.length][];
		for (int j = 0; j < idx.length; j++)
			out[j] = argmaxMask(raw[j], 0, per, raw[j].length / per);
		return out;
	}

	private static float[][] predictRaw(Predictor p, Trainer.Prepared data, int[] idx) {
		int batch = 16, c = data.channels(), per = data.height() * data.width();
		float[][] out = new float[idx.length][];
		for (int s = 0; s < idx.length; s += batch) {
			int m = Math.min(batch, idx.length - s);
			float[] in = new float[m * per * c];
			for (int j = 0; j < m; j++)
				data.image(idx[s + j], in, j * per * c);
			float[] o = p.predict(in, m, data.height(), data.width(), c);
			int each = o.length / m;
			for (int j = 0; j < m; j++)
				out[s + j] = java.util.Arrays.copyOfRange(o, j * each, (j + 1) * each);
		}
		return out;
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
}
