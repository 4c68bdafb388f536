package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;

/**
 * Runs a model on labelled slices (preprocessed exactly as its spec says) and writes
 * metrics.json, predictions.csv and plots; warns loudly when the evaluation data overlaps the
 * model's own training data. Options: {@code model, out, data, datasets, labels, phantoms, seed}.
 */
public final class EvaluationJob {

	private EvaluationJob() {}

	/** @return the metrics written to metrics.json */
	public static Map<String, Object> run(Map<String, String> o, Consumer<String> log,
		TrainingJob.Plots plots) throws IOException
	{
		if (!o.containsKey("model") || !o.containsKey("out")) throw new IllegalArgumentException(
			"evaluation needs model and out");
		Path modelDir = Paths.get(o.get("model")), outDir = Files.createDirectories(Paths.get(o.get(
			"out")));
		ModelSpec spec = ModelSpec.load(modelDir);
		long seed = Long.parseLong(o.getOrDefault("seed", "7"));
		List<String> sources = new ArrayList<>();
		int context = spec.input().contextSlices();
		List<Trainer.Source> slices = TrainingJob.sources(o, seed, context, 0, log, sources);
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
			.preprocessingJson()), size, seg, context, log);
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
				plots.write(cp, outDir);
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
		TrainingJob.writeJson(outDir.resolve("metrics.json"), report);
		log.accept("metrics written to " + outDir.resolve("metrics.json"));
		return report;
	}
}
