package org.strokej.pipeline;

import java.util.List;

import org.strokej.core.io.Volume;
import org.strokej.core.postprocess.LesionStats;
import org.strokej.core.postprocess.Lesions;
import org.strokej.core.postprocess.MidlineShift;
import org.strokej.core.postprocess.Territories;

/**
 * Everything StrokeJ found in one image, on the input's own grid.
 *
 * @param name image name used in tables and file names
 * @param input the image as read (HU or windowed grey)
 * @param sliceProbabilities per slice {p_normal, p_hemorrhage, p_ischemic}, or null when no
 *          classifier ran
 * @param labels label volume (0 background, 1 hemorrhage, 2 ischemia), or null when no
 *          segmenter ran
 * @param lesionProbability per-voxel probability of any lesion (1 − p_background), or null
 * @param analysis connected lesions of {@code labels}, measured, or null
 * @param warnings input-quality and consistency warnings, one short phrase each
 * @param sliceUncertainty per slice the p_stroke summary under test-time augmentation, or null
 * @param lesionUncertainty per voxel the standard deviation of the lesion probability under
 *          test-time augmentation, or null
 * @param explanation heat map explaining the classifier's call (1 = strongest evidence in the
 *          image), or null
 * @param midline the midline-shift measurement and the ideal mid-sagittal line (used for the
 *          lesions' sides and territories), or null
 */
public record DetectionResult(String name, Volume input, float[][] sliceProbabilities,
	Volume labels, Volume lesionProbability, Lesions.Analysis analysis, List<String> warnings,
	Uncertainty.SliceInterval[] sliceUncertainty, Volume lesionUncertainty, Volume explanation,
	MidlineShift.Measurement midline)
{
	public static final String[] CLASSES = { "normal", "hemorrhagic", "ischemic" };

	/** Without uncertainty or explanation. */
	public DetectionResult(String name, Volume input, float[][] sliceProbabilities, Volume labels,
		Volume lesionProbability, Lesions.Analysis analysis, List<String> warnings)
	{
		this(name, input, sliceProbabilities, labels, lesionProbability, analysis, warnings, null,
			null, null, null);
	}

	/** Midline shift in mm (+ towards the patient's left), NaN when not measured. */
	public double midlineShiftMm() {
		return midline == null ? Double.NaN : midline.shiftMm();
	}

	/**
	 * The approximate arterial territory of an ischemic lesion (ACA / MCA / PCA, by its angle
	 * around the head centre, {@link Territories}), "" for hemorrhages or without a midline.
	 */
	public String territory(LesionStats l) {
		if (midline == null || midline.idealMidline() == null || l.lesionClass().label() != 2) return "";
		return Territories.of(l, midline.idealMidline(), input.spacing()[0], input.spacing()[1]).name();
	}

	/** Number of slices whose p_stroke range under test-time augmentation straddles the threshold. */
	public int lowConfidenceSlices() {
		if (sliceUncertainty == null) return 0;
		int n = 0;
		for (Uncertainty.SliceInterval u : sliceUncertainty)
			if (u != null && u.lowConfidence()) n++;
		return n;
	}

	public List<LesionStats> lesions() {
		return analysis == null ? List.of() : analysis.lesions();
	}

	/** Predicted class of a slice (0-based), by the largest probability. */
	public int prediction(int slice) {
		float[] p = sliceProbabilities[slice];
		int best = 0;
		for (int k = 1; k < p.length; k++)
			if (p[k] > p[best]) best = k;
		return best;
	}

	/** Scan-level probability of stroke: the largest slice p_stroke (1 − p_normal). */
	public double pStroke() {
		if (sliceProbabilities == null) return Double.NaN;
		double m = 0;
		for (float[] p : sliceProbabilities)
			m = Math.max(m, 1 - p[0]);
		return m;
	}

	/**
	 * Scan-level class: the stroke class with the largest slice probability when p_stroke ≥
	 * threshold, else normal.
	 */
	public String scanPrediction(double threshold) {
		if (sliceProbabilities == null) return "";
		if (pStroke() < threshold) return CLASSES[0];
		double h = 0, i = 0;
		for (float[] p : sliceProbabilities) {
			h = Math.max(h, p[1]);
			i = Math.max(i, p[2]);
		}
		return h >= i ? CLASSES[1] : CLASSES[2];
	}

	/** Total segmented volume in mL of a label (1 hemorrhage, 2 ischemia). */
	public double volumeMl(int label) {
		double v = 0;
		for (LesionStats l : lesions())
			if (l.lesionClass().label() == label) v += l.volumeMl();
		return v;
	}
}
