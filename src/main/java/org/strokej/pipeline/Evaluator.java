package org.strokej.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.strokej.core.metrics.BinaryMetrics;
import org.strokej.core.metrics.Calibration;
import org.strokej.core.metrics.ConfusionMatrix;
import org.strokej.core.metrics.PatientAggregation;
import org.strokej.core.metrics.Roc;
import org.strokej.core.metrics.SegmentationMetrics;

/**
 * Turns predictions and ground truth into the numbers StrokeJ reports: slice- and patient-level
 * ROC AUC with grouped-bootstrap 95 % CIs, sensitivity/specificity/PPV/NPV at the model's
 * threshold, confusion matrix, Brier score and reliability; Dice/IoU per class for masks. The
 * result is a nested map, written as JSON by callers.
 */
public final class Evaluator {

	/** Bootstrap resamples for AUC intervals. */
	public static final int RESAMPLES = 1000;

	private Evaluator() {}

	/** Slice-level predictions of a classifier against truth. */
	public record ClassifierPredictions(String[] ids, String[] groups, String[] sources,
		int[] truth, double[][] probabilities)
	{
		public int size() { return truth.length; }

		/** p_stroke = 1 − p_normal per slice. */
		public double[] strokeScores() {
			double[] s = new double[truth.length];
			for (int i = 0; i < s.length; i++)
				s[i] = 1 - probabilities[i][0];
			return s;
		}

		/** 1 for a hemorrhagic or ischemic slice, 0 for a normal one. */
		public int[] strokeTruth() {
			int[] t = new int[truth.length];
			for (int i = 0; i < t.length; i++)
				t[i] = truth[i] > 0 ? 1 : 0;
			return t;
		}

		/** The subset whose source is one of the given names (all when none given). */
		public ClassifierPredictions only(String... wanted) {
			if (wanted.length == 0) return this;
			List<Integer> keep = new ArrayList<>();
			for (int i = 0; i < truth.length; i++)
				for (String w : wanted)
					if (w.equals(sources[i])) keep.add(i);
			return subset(keep);
		}

		/** Without the oversampling copies (ids containing {@code #}): each slice counted once. */
		public ClassifierPredictions originals() {
			List<Integer> keep = new ArrayList<>();
			for (int i = 0; i < truth.length; i++)
				if (!ids[i].contains("#")) keep.add(i);
			return keep.size() == truth.length ? this : subset(keep);
		}

		private ClassifierPredictions subset(List<Integer> keep) {
			int n = keep.size();
			String[] ids2 = new String[n], g2 = new String[n], s2 = new String[n];
			int[] t2 = new int[n];
			double[][] p2 = new double[n][];
			for (int k = 0; k < n; k++) {
				int i = keep.get(k);
				ids2[k] = ids[i];
				g2[k] = groups[i];
				s2[k] = sources[i];
				t2[k] = truth[i];
				p2[k] = probabilities[i];
			}
			return new ClassifierPredictions(ids2, g2, s2, t2, p2);
		}
	}

	/**
	 * Binary "stroke vs normal" metrics with score p_stroke = 1 − p_normal, plus the 3-class
	 * confusion matrix.
	 */
	public static Map<String, Object> classification(ClassifierPredictions p, double threshold,
		long seed)
	{
		Map<String, Object> m = new LinkedHashMap<>();
		int n = p.size();
		double[] score = p.strokeScores();
		int[] bin = p.strokeTruth();
		m.put("slices", n);
		m.put("positive_slices", sum(bin));
		if (sum(bin) > 0 && sum(bin) < n) {
			Roc.Interval auc = Roc.bootstrapAuc(score, bin, p.groups(), RESAMPLES, seed);
			m.put("slice_auc", auc.estimate());
			m.put("slice_auc_ci95", new double[] { auc.lower(), auc.upper() });
			m.put("slice_auc_ci_method", "percentile bootstrap over patients, " + RESAMPLES +
				" resamples");
		}
		m.put("slice_at_threshold", binary(BinaryMetrics.at(score, bin, threshold)));
		m.put("slice_brier", Calibration.brier(score, bin));
		Calibration.Reliability rel = Calibration.reliability(score, bin);
		m.put("slice_reliability", Map.of("mean_predicted", rel.meanPredicted(), "observed", rel
			.observed(), "counts", rel.counts()));
		PatientAggregation.Patients pat = PatientAggregation.aggregate(p.groups(), score, bin, 3);
		m.put("patients", pat.size());
		m.put("positive_patients", sum(pat.truth()));
		if (sum(pat.truth()) > 0 && sum(pat.truth()) < pat.size()) {
			Roc.Interval pauc = Roc.bootstrapAuc(pat.maxScore(), pat.truth(), null, RESAMPLES, seed);
			m.put("patient_auc", pauc.estimate());
			m.put("patient_auc_ci95", new double[] { pauc.lower(), pauc.upper() });
			m.put("patient_score", "max slice p_stroke");
			m.put("patient_at_threshold", binary(BinaryMetrics.at(pat.maxScore(), pat.truth(),
				threshold)));
		}
		ConfusionMatrix cm = ConfusionMatrix.of(p.truth(), ConfusionMatrix.argmax(p.probabilities()),
			3);
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("classes", DetectionResult.CLASSES);
		c.put("counts_truth_by_prediction", cm.counts());
		c.put("accuracy", cm.accuracy());
		c.put("balanced_accuracy", cm.balancedAccuracy());
		m.put("confusion", c);
		return m;
	}

	/** The ROC curve of p_stroke, for plots. */
	public static Roc.Curve rocCurve(ClassifierPredictions p) {
		return Roc.curve(p.strokeScores(), p.strokeTruth());
	}

	private static Map<String, Object> binary(BinaryMetrics b) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("threshold", b.threshold());
		m.put("tp", b.tp());
		m.put("fp", b.fp());
		m.put("tn", b.tn());
		m.put("fn", b.fn());
		m.put("sensitivity", b.sensitivity().toString());
		m.put("specificity", b.specificity().toString());
		m.put("ppv", b.ppv().toString());
		m.put("npv", b.npv().toString());
		m.put("f1", b.f1());
		return m;
	}

	/**
	 * Dice/IoU per lesion class over images (truth and predicted label arrays per image).
	 *
	 * @param sources source per image, to report per data set as well
	 */
	public static Map<String, Object> segmentation(List<int[]> truth, List<int[]> predicted,
		String[] sources)
	{
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("images", truth.size());
		m.put("all", segSummary(truth, predicted));
		Map<String, List<Integer>> bySource = new LinkedHashMap<>();
		for (int i = 0; i < sources.length; i++)
			bySource.computeIfAbsent(sources[i], k -> new ArrayList<>()).add(i);
		for (Map.Entry<String, List<Integer>> e : bySource.entrySet()) {
			List<int[]> t = new ArrayList<>(), pr = new ArrayList<>();
			for (int i : e.getValue()) {
				t.add(truth.get(i));
				pr.add(predicted.get(i));
			}
			m.put(e.getKey(), segSummary(t, pr));
		}
		return m;
	}

	private static Map<String, Object> segSummary(List<int[]> truth, List<int[]> predicted) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("images", truth.size());
		String[] names = { "any_lesion", "hemorrhage", "ischemia" };
		int[] classes = { SegmentationMetrics.ANY_LESION, 1, 2 };
		for (int c = 0; c < classes.length; c++) {
			List<SegmentationMetrics.Overlap> ov = new ArrayList<>();
			for (int i = 0; i < truth.size(); i++)
				ov.add(SegmentationMetrics.overlap(truth.get(i), predicted.get(i), classes[c]));
			SegmentationMetrics.Summary s = SegmentationMetrics.summarise(ov);
			Map<String, Object> cm = new LinkedHashMap<>();
			cm.put("images_with_class_or_prediction", s.images() - s.bothEmpty());
			cm.put("mean_dice_nonempty", s.meanDiceNonEmpty());
			cm.put("mean_iou_nonempty", s.meanIouNonEmpty());
			cm.put("pooled_dice", s.pooledDice());
			cm.put("mean_dice_all", s.meanDiceAll());
			m.put(names[c], cm);
		}
		return m;
	}

	private static int sum(int[] a) {
		int s = 0;
		for (int v : a)
			s += v;
		return s;
	}
}
