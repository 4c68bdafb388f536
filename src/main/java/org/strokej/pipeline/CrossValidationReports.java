package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** Writes cross-validation reports: metrics JSON, per-slice predictions CSV, plots. */
public final class CrossValidationReports {

	private CrossValidationReports() {}

	/** Writes cv_metrics.json and per-slice/per-image CSVs; plots through {@code plots}. */
	public static Map<String, Object> crossValidation(CrossValidator.Result cv,
		Trainer.Prepared data, int folds, long seed, Path dir, TrainingJob.Plots plots)
		throws IOException
	{
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("method", folds + "-fold cross-validation by patient (group); each slice " +
			"predicted by the model that never saw its patient");
		report.put("folds", folds);
		report.put("seed", seed);
		report.put("leak_check_near_duplicate_pairs_per_fold", cv.nearDuplicatePairs());
		if (cv.classifier() != null) {
			// oversampling copies (ids with '#') were trained on but are scored once, as originals
			Evaluator.ClassifierPredictions p = cv.classifier().originals();
			report.put("all", Evaluator.classification(p, 0.5, seed));
			for (String source : distinct(p.sources()))
				report.put(source, Evaluator.classification(p.only(source), 0.5, seed));
			Csv csv = new Csv("id", "group", "source", "fold", "truth", "p_normal", "p_hemorrhagic",
				"p_ischemic");
			java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
			for (int i = 0; i < data.size(); i++)
				foldOf.put(data.ids()[i], cv.folds()[i] + 1);
			for (int i = 0; i < p.size(); i++)
				csv.add(p.ids()[i], p.groups()[i], p.sources()[i], foldOf.get(p.ids()[i]), p.truth()[i], p
					.probabilities()[i][0], p.probabilities()[i][1], p.probabilities()[i][2]);
			csv.write(dir.resolve("cv_predictions.csv"));
			plots.write(p, dir);
		}
		else {
			java.util.List<int[]> truth = new java.util.ArrayList<>(), pred = new java.util.ArrayList<>();
			java.util.List<String> src = new java.util.ArrayList<>();
			for (int i = 0; i < data.size(); i++)
				if (!data.ids()[i].contains("#")) {
					truth.add(cv.segTruth().get(i));
					pred.add(cv.segPredicted().get(i));
					src.add(data.sources()[i]);
				}
			report.put("segmentation", Evaluator.segmentation(truth, pred, src.toArray(String[]::new)));
			Csv csv = new Csv("id", "group", "source", "fold", "dice_any", "truth_pixels",
				"predicted_pixels");
			for (int i = 0; i < data.size(); i++) {
				if (data.ids()[i].contains("#")) continue;
				int[] t = cv.segTruth().get(i), q = cv.segPredicted().get(i);
				long inter = 0, tp = 0, pp = 0;
				for (int k = 0; k < t.length; k++) {
					boolean a = t[k] > 0, b = q[k] > 0;
					if (a) tp++;
					if (b) pp++;
					if (a && b) inter++;
				}
				csv.add(data.ids()[i], data.groups()[i], data.sources()[i], cv.folds()[i] + 1, tp + pp == 0
					? Double.NaN : 2.0 * inter / (tp + pp), tp, pp);
			}
			csv.write(dir.resolve("cv_per_image.csv"));
		}
		TrainingJob.writeJson(dir.resolve("cv_metrics.json"), report);
		return report;
	}

	private static List<String> distinct(String[] a) {
		return java.util.Arrays.stream(a).distinct().sorted().toList();
	}
}
