package org.strokej.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.strokej.core.metrics.Calibration;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.ij1.EvaluationPlots;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;
import org.strokej.pipeline.CrossValidator;
import org.strokej.pipeline.Csv;
import org.strokej.pipeline.Evaluator;
import org.strokej.pipeline.Trainer;

/**
 * {@code evaluate --model <dir> --out <dir> <data options>}: runs a model on labelled slices
 * (preprocessed exactly as its spec says) and writes metrics.json, predictions.csv and plots.
 * Warns loudly when the evaluation data overlaps the model's own training data.
 */
final class EvaluateCommand {

	static final String USAGE = String.join("\n", //
		"usage: evaluate --model <model-dir> --out <dir> [--data <root> --datasets a,b] " +
			"[--labels <csv>] [--phantoms N --seed S]", //
		"  metrics: slice and patient ROC AUC with bootstrap 95 % CI, sensitivity/specificity/PPV/NPV,", //
		"  confusion matrix, Brier score and reliability (classifiers); Dice/IoU per class (segmenters)");

	private EvaluateCommand() {}

	static int run(List<String> args, PrintStream out) throws Exception {
		Map<String, String> o = TrainCommand.options(args);
		if (!o.containsKey("model") || !o.containsKey("out")) throw new Main.UsageException(USAGE);
		long start = System.nanoTime();
		Consumer<String> log = s -> {
			out.printf(Locale.ROOT, "[%6.0fs] %s%n", (System.nanoTime() - start) / 1e9, s);
			out.flush();
		};
		Path modelDir = Paths.get(o.get("model")), outDir = Files.createDirectories(Paths.get(o.get(
			"out")));
		ModelSpec spec = ModelSpec.load(modelDir);
		long seed = Long.parseLong(o.getOrDefault("seed", "7"));
		List<String> sources = new ArrayList<>();
		List<Trainer.Source> slices = TrainCommand.sources(o, seed, log, sources);
		List<String> warnings = new ArrayList<>();
		String trainedOn = spec.training() == null || spec.training().data() == null ? "" : spec
			.training().data();
		for (String s : sources) {
			String name = s.split(" ")[0];
			if (!trainedOn.isEmpty() && trainedOn.contains(name)) warnings.add("LEAK: " + spec.name() +
				" was trained on " + name + "; these numbers are NOT held-out performance");
		}
		warnings.forEach(w -> log.accept("WARNING " + w));
		int size = spec.input().height();
		boolean seg = spec.kind() == ModelSpec.Kind.SEGMENTER;
		Trainer.Prepared data = Trainer.prepare(slices, PreprocessPipeline.fromJson(spec
			.preprocessingJson()), size, seg, log);
		log.accept("prepared " + data.size() + " slices");
		int[] all = IntStream.range(0, data.size()).toArray();
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("model", spec.name());
		report.put("data", sources);
		report.put("warnings", warnings);
		try {
			Predictor p = Predictors.get(modelDir);
			if (!seg) {
				double[][] probs = CrossValidator.predictClasses(p, data, all);
				Evaluator.ClassifierPredictions cp = new Evaluator.ClassifierPredictions(data.ids(), data
					.groups(), data.sources(), data.labels(), probs);
				double thr = spec.thresholds().getOrDefault("stroke", 0.5);
				report.put("all", Evaluator.classification(cp, thr, seed));
				Csv csv = new Csv("id", "group", "source", "truth", "p_normal", "p_hemorrhagic",
					"p_ischemic");
				for (int i = 0; i < cp.size(); i++)
					csv.add(cp.ids()[i], cp.groups()[i], cp.sources()[i], cp.truth()[i], probs[i][0],
						probs[i][1], probs[i][2]);
				csv.write(outDir.resolve("predictions.csv"));
				writePlots(cp, outDir);
			}
			else {
				int[][] masks = CrossValidator.predictMasks(p, data, all);
				List<int[]> truth = new ArrayList<>(), pred = new ArrayList<>();
				int per = size * size;
				for (int i = 0; i < data.size(); i++) {
					int[] t = new int[per];
					data.mask(i, t, 0);
					truth.add(t);
					pred.add(masks[i]);
				}
				report.put("segmentation", Evaluator.segmentation(truth, pred, data.sources()));
			}
		}
		finally {
			Predictors.close(modelDir);
		}
		TrainCommand.writeJson(outDir.resolve("metrics.json"), report);
		log.accept("metrics written to " + outDir.resolve("metrics.json"));
		return 0;
	}

	/** ROC and reliability plots of p_stroke as PNG. */
	static void writePlots(Evaluator.ClassifierPredictions cp, Path dir) throws java.io.IOException {
		EvaluationPlots.savePng(EvaluationPlots.roc(Evaluator.rocCurve(cp), "ROC: stroke vs normal " +
			"(per slice)"), dir.resolve("roc.png"));
		double[] score = new double[cp.size()];
		int[] bin = new int[cp.size()];
		for (int i = 0; i < score.length; i++) {
			score[i] = 1 - cp.probabilities()[i][0];
			bin[i] = cp.truth()[i] > 0 ? 1 : 0;
		}
		EvaluationPlots.savePng(EvaluationPlots.reliability(Calibration.reliability(score, bin),
			"Reliability of p_stroke"), dir.resolve("reliability.png"));
	}
}
