package org.strokej.model.tf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.strokej.model.Architecture;
import org.strokej.model.Augmentation;
import org.strokej.model.ModelLoadException;
import org.strokej.model.ModelSpec;
import org.strokej.model.ModelTrainer;
import org.strokej.model.TrainingConfig;
import org.strokej.model.TrainingData;
import org.strokej.model.TrainingListener;
import org.strokej.model.TrainingListener.EpochStats;
import org.strokej.model.TrainingResult;

/**
 * Trains StrokeJ's CNN or U-Net with TensorFlow ({@link TfTrainingGraph}) and exports the best
 * weights ({@link TfModels#export}). Shuffling, augmentation, dropout and initialisation all
 * derive from {@link TrainingConfig#seed()}. The best weights are those with the lowest
 * validation loss (the last epoch's without validation); early stopping after
 * {@link TrainingConfig#patience()} epochs without improvement.
 */
public final class TfTrainer implements ModelTrainer {

	@Override
	public TrainingResult train(ModelSpec template, TrainingConfig config, TrainingData train, TrainingData validation,
		Path fineTuneFrom, Path outputDir, TrainingListener listener, BooleanSupplier cancel) throws IOException
	{
		Architecture arch = template.architecture();
		if (arch == null) throw new IllegalArgumentException("model.json: architecture is needed to train (e.g. {\"type\": \"cnn\", \"filters\": [16, 32, 64, 96]})");
		boolean seg = Architecture.UNET.equals(arch.type());
		if (seg != (template.kind() == ModelSpec.Kind.SEGMENTER))
			throw new IllegalArgumentException("architecture " + arch.type() + " does not fit kind " + template.kind().key());
		checkData(template, train, "training");
		if (validation != null) checkData(template, validation, "validation");
		if (listener == null) listener = new TrainingListener() {};
		if (cancel == null) cancel = () -> false;

		if (validation == null && config.validationFraction() > 0) {
			int[][] split = groupSplit(train, config.validationFraction(), config.seed());
			validation = train.subset(split[1]);
			train = train.subset(split[0]);
		}
		Map<String, float[]> init = null;
		if (fineTuneFrom != null) {
			ModelSpec base = ModelSpec.load(fineTuneFrom);
			if (!arch.equals(base.architecture()))
				throw new ModelLoadException(fineTuneFrom, "cannot fine-tune: its architecture " + base.architecture() + " differs from " + arch);
			if (base.input().channels() != template.input().channels() || base.numClasses() != template.numClasses())
				throw new ModelLoadException(fineTuneFrom, "cannot fine-tune: channels or classes differ from the new model");
			init = TfModels.readWeights(fineTuneFrom);
		}

		int h = train.height(), w = train.width(), c = train.channels(), k = template.numClasses();
		int n = train.size(), bs = Math.min(config.batchSize(), n);
		int steps = (n + bs - 1) / bs;
		Random rnd = new Random(config.seed());
		Augmentation aug = new Augmentation(config.augmentation());
		List<EpochStats> history = new ArrayList<>();
		Map<String, float[]> best = null;
		int bestEpoch = -1;
		double bestLoss = Double.POSITIVE_INFINITY;
		boolean stoppedEarly = false, cancelled = false;
		long t0 = System.nanoTime();
		long done = 0, total = (long) steps * config.epochs();
		try (TfTrainingGraph g = new TfTrainingGraph(arch, c, k, config.classWeights(), config.diceWeight(), config.dropout(),
			config.seed(), init))
		{
			int[] order = new int[n];
			for (int i = 0; i < n; i++) order[i] = i;
			float[] x = new float[bs * h * w * c];
			int[] y = new int[seg ? bs * h * w : bs];
			epochs:
			for (int epoch = 0; epoch < config.epochs(); epoch++) {
				long e0 = System.nanoTime();
				shuffle(order, rnd);
				double lr = config.learningRate(epoch), sum = 0;
				int seen = 0;
				for (int s = 0; s < steps; s++) {
					if (cancel.getAsBoolean()) {
						cancelled = true;
						break epochs;
					}
					int nb = Math.min(bs, n - s * bs);
					for (int b = 0; b < nb; b++) {
						int i = order[s * bs + b];
						train.image(i, x, b * h * w * c);
						if (seg) train.mask(i, y, b * h * w);
						else y[b] = train.label(i);
						aug.apply(x, b * h * w * c, seg ? y : null, b * h * w, h, w, c, rnd);
					}
					float[] xb = nb == bs ? x : java.util.Arrays.copyOf(x, nb * h * w * c);
					int[] yb = nb == bs ? y : java.util.Arrays.copyOf(y, seg ? nb * h * w : nb);
					float loss = g.step(xb, yb, nb, h, w, (float) lr);
					sum += loss * nb;
					seen += nb;
					done++;
					double elapsed = (System.nanoTime() - t0) / 1e9;
					listener.step(epoch, s, steps, loss, elapsed / done * (total - done));
				}
				double[] val = validation == null ? new double[] { Double.NaN, Double.NaN } : evaluate(g, validation, bs, seg, k);
				EpochStats stats = new EpochStats(epoch, lr, sum / seen, val[0], val[1], (System.nanoTime() - e0) / 1e9);
				history.add(stats);
				listener.epoch(stats);
				boolean improved = validation == null || val[0] < bestLoss;
				if (improved) {
					bestLoss = validation == null ? bestLoss : val[0];
					best = g.weights();
					bestEpoch = epoch;
				}
				else if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
					stoppedEarly = true;
					break;
				}
			}
			if (best == null) {
				best = g.weights();
				bestEpoch = history.size() - 1;
			}
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		if (bestEpoch >= 0 && bestEpoch < history.size()) {
			EpochStats b = history.get(bestEpoch);
			metrics.put("train_loss", b.trainLoss());
			if (!Double.isNaN(b.valLoss())) {
				metrics.put("val_loss", b.valLoss());
				metrics.put(seg ? "val_dice" : "val_accuracy", b.valMetric());
			}
			metrics.put("best_epoch", (double) bestEpoch);
		}
		ModelSpec.Training prev = template.training();
		ModelSpec.Training rec = new ModelSpec.Training(prev == null ? null : prev.data(), history.size(), config.seed(),
			prev == null ? null : prev.command(), metrics);
		ModelSpec spec = TfModels.export(outputDir, template.withTraining(rec).withWeightsSha256(null), best);
		return new TrainingResult(outputDir, spec, history, bestEpoch, stoppedEarly, cancelled);
	}

	/** {loss, metric} over a data set: accuracy (classifier) or mean foreground Dice pooled over all pixels (segmenter). */
	static double[] evaluate(TfTrainingGraph g, TrainingData data, int bs, boolean seg, int k) {
		int h = data.height(), w = data.width(), c = data.channels(), n = data.size();
		double lossSum = 0;
		long correct = 0;
		long[] tp = new long[k], fp = new long[k], fn = new long[k];
		for (int s = 0; s < n; s += bs) {
			int nb = Math.min(bs, n - s);
			float[] x = new float[nb * h * w * c];
			int[] y = new int[seg ? nb * h * w : nb];
			for (int b = 0; b < nb; b++) {
				data.image(s + b, x, b * h * w * c);
				if (seg) data.mask(s + b, y, b * h * w);
				else y[b] = data.label(s + b);
			}
			TfTrainingGraph.Evaluation e = g.evaluate(x, y, nb, h, w);
			lossSum += e.loss() * nb;
			float[] p = e.probabilities();
			for (int i = 0; i < y.length; i++) {
				int arg = 0;
				for (int j = 1; j < k; j++) if (p[i * k + j] > p[i * k + arg]) arg = j;
				if (!seg) {
					if (arg == y[i]) correct++;
				}
				else if (arg == y[i]) tp[arg]++;
				else {
					fp[arg]++;
					fn[y[i]]++;
				}
			}
		}
		double metric;
		if (!seg) metric = (double) correct / n;
		else {
			double sum = 0;
			int count = 0;
			for (int j = 1; j < k; j++) {
				long d = 2 * tp[j] + fp[j] + fn[j];
				if (d == 0) continue;
				sum += 2.0 * tp[j] / d;
				count++;
			}
			metric = count == 0 ? 1 : sum / count;
		}
		return new double[] { lossSum / n, metric };
	}

	/** {train indices, validation indices}: a seeded random {@code fraction} of the groups goes to validation. */
	static int[][] groupSplit(TrainingData data, double fraction, long seed) {
		List<String> groups = new ArrayList<>(new TreeSet<String>(groupsOf(data)));
		if (groups.size() < 2) throw new IllegalArgumentException("need at least 2 groups (patients) to hold out validation data");
		Collections.shuffle(groups, new Random(seed ^ 0x5DEECE66DL));
		int nv = (int) Math.max(1, Math.min(groups.size() - 1, Math.round(fraction * groups.size())));
		java.util.Set<String> val = new java.util.HashSet<>(groups.subList(0, nv));
		List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
		for (int i = 0; i < data.size(); i++) (val.contains(data.group(i)) ? va : tr).add(i);
		return new int[][] { tr.stream().mapToInt(Integer::intValue).toArray(), va.stream().mapToInt(Integer::intValue).toArray() };
	}

	private static List<String> groupsOf(TrainingData d) {
		List<String> g = new ArrayList<>();
		for (int i = 0; i < d.size(); i++) g.add(d.group(i));
		return g;
	}

	private static void checkData(ModelSpec spec, TrainingData d, String what) {
		Architecture arch = spec.architecture();
		boolean seg = spec.kind() == ModelSpec.Kind.SEGMENTER;
		if (d.size() < 1) throw new IllegalArgumentException(what + " data is empty");
		if (d.channels() != spec.input().channels())
			throw new IllegalArgumentException(what + " data has " + d.channels() + " channel(s) but the model takes " + spec.input().channels());
		if (seg != d.hasMasks())
			throw new IllegalArgumentException(what + " data has " + (d.hasMasks() ? "masks" : "labels") + " but a " + spec.kind().key() + " needs " + (seg ? "masks" : "labels"));
		if (!seg && (d.height() != spec.input().height() || d.width() != spec.input().width()))
			throw new IllegalArgumentException(what + " images are " + d.height() + "×" + d.width() + " but the classifier input is " +
				spec.input().height() + "×" + spec.input().width());
		if (seg && (d.height() % arch.blockMultiple() != 0 || d.width() % arch.blockMultiple() != 0))
			throw new IllegalArgumentException(what + " images are " + d.height() + "×" + d.width() + "; the U-Net needs multiples of " + arch.blockMultiple());
	}

	private static void shuffle(int[] a, Random rnd) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1), t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
}
