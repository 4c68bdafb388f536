package org.strokej.core.metrics;

import org.strokej.core.postprocess.ConnectedComponents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Overlap, lesion detection and volume metrics of a predicted label image against a true one.
 * Labels are 0 background, 1 hemorrhage, 2 ischemia, given as {@code int[]} or {@code float[]}
 * (rounded) with x fastest.
 * <p>
 * <b>Empty images.</b> When a class is absent from both truth and prediction, Dice and IoU are
 * undefined (0/0). {@link Overlap#dice()} returns 1 for that case (nothing to find, nothing
 * found), and {@link Summary} reports the mean both ways: over all images with empty/empty = 1
 * and over the images where the class occurs in truth or prediction only, with the count of
 * empty/empty images, so either convention can be quoted.
 * <p>
 * <b>Lesions.</b> Lesions are connected components (8-connected in 2D, 26-connected in 3D) of
 * one class. A predicted lesion is a true positive when its IoU with some true lesion is at least
 * {@code minIou} and the two overlap; {@link #ANY_OVERLAP} (0) means any shared voxel suffices.
 * A true lesion is detected under the same rule.
 */
public final class SegmentationMetrics {

	private SegmentationMetrics() {}

	/** Lesion matching threshold meaning "any overlap" (IoU > 0). */
	public static final double ANY_OVERLAP = 0;

	/** A stricter, commonly used lesion matching threshold (IoU >= 0.1). */
	public static final double IOU_10 = 0.1;

	/** Pass as class to treat every non-zero label as lesion. */
	public static final int ANY_LESION = -1;

	// -- Overlap --

	/**
	 * Voxel counts of one class in one image.
	 *
	 * @param intersection voxels of the class in both truth and prediction
	 * @param truth voxels of the class in truth
	 * @param predicted voxels of the class in the prediction
	 */
	public record Overlap(long intersection, long truth, long predicted) {

		/** Whether the class is absent from both. */
		public boolean bothEmpty() { return truth == 0 && predicted == 0; }

		/** 2|T∩P| / (|T| + |P|); 1 when both are empty. */
		public double dice() {
			return bothEmpty() ? 1 : 2.0 * intersection / (truth + predicted);
		}

		/** |T∩P| / |T∪P|; 1 when both are empty. */
		public double iou() {
			return bothEmpty() ? 1 : (double) intersection / (truth + predicted - intersection);
		}
	}

	/**
	 * Mean Dice/IoU over images, both conventions for empty/empty images.
	 *
	 * @param images images summarised
	 * @param bothEmpty images where the class was absent from truth and prediction
	 * @param meanDiceAll mean Dice over all images, empty/empty counting 1
	 * @param meanDiceNonEmpty mean Dice over the other images (empty/empty excluded); NaN if none
	 * @param meanIouAll mean IoU, empty/empty counting 1
	 * @param meanIouNonEmpty mean IoU with empty/empty excluded
	 * @param pooledDice Dice of all voxels pooled over images (NaN when all empty)
	 */
	public record Summary(int images, int bothEmpty, double meanDiceAll, double meanDiceNonEmpty,
		double meanIouAll, double meanIouNonEmpty, double pooledDice)
	{}

	/** Overlap of class {@code cls} (or {@link #ANY_LESION}). */
	public static Overlap overlap(int[] truth, int[] predicted, int cls) {
		Checks.sameLength(truth.length, predicted.length);
		long i = 0, t = 0, p = 0;
		for (int k = 0; k < truth.length; k++) {
			boolean a = is(truth[k], cls), b = is(predicted[k], cls);
			if (a) t++;
			if (b) p++;
			if (a && b) i++;
		}
		return new Overlap(i, t, p);
	}

	/** Overlap of class {@code cls} in float label images (values rounded). */
	public static Overlap overlap(float[] truth, float[] predicted, int cls) {
		return overlap(toLabels(truth), toLabels(predicted), cls);
	}

	/** Overlaps of classes 1 .. maxClass, indexed by class (element 0 is any lesion). */
	public static Overlap[] perClass(int[] truth, int[] predicted, int maxClass) {
		Overlap[] out = new Overlap[maxClass + 1];
		out[0] = overlap(truth, predicted, ANY_LESION);
		for (int c = 1; c <= maxClass; c++)
			out[c] = overlap(truth, predicted, c);
		return out;
	}

	/** Dice of one class, 1 when both are empty. */
	public static double dice(int[] truth, int[] predicted, int cls) {
		return overlap(truth, predicted, cls).dice();
	}

	/** IoU of one class, 1 when both are empty. */
	public static double iou(int[] truth, int[] predicted, int cls) {
		return overlap(truth, predicted, cls).iou();
	}

	/** Summarises per-image overlaps (of one class). */
	public static Summary summarise(List<Overlap> overlaps) {
		int n = overlaps.size(), empty = 0;
		double dAll = 0, dNon = 0, iAll = 0, iNon = 0;
		long inter = 0, sum = 0;
		for (Overlap o : overlaps) {
			dAll += o.dice();
			iAll += o.iou();
			inter += o.intersection();
			sum += o.truth() + o.predicted();
			if (o.bothEmpty()) empty++;
			else {
				dNon += o.dice();
				iNon += o.iou();
			}
		}
		int non = n - empty;
		return new Summary(n, empty, n == 0 ? Double.NaN : dAll / n, non == 0 ? Double.NaN : dNon /
			non, n == 0 ? Double.NaN : iAll / n, non == 0 ? Double.NaN : iNon / non, sum == 0
				? Double.NaN : 2.0 * inter / sum);
	}

	// -- Lesion detection --

	/**
	 * Lesion-wise detection counts for one image; pool several with {@link #pool}.
	 *
	 * @param trueLesions lesions in truth
	 * @param predictedLesions lesions in the prediction
	 * @param truePositives predicted lesions matching a true lesion
	 * @param detected true lesions matched by a predicted lesion
	 */
	public record LesionDetection(int trueLesions, int predictedLesions, int truePositives,
		int detected)
	{
		/** Predicted lesions that match no true lesion. */
		public int falsePositives() { return predictedLesions - truePositives; }

		/** True lesions no predicted lesion matches. */
		public int missed() { return trueLesions - detected; }

		/** truePositives / predictedLesions; NaN when nothing was predicted. */
		public double precision() {
			return predictedLesions == 0 ? Double.NaN : (double) truePositives / predictedLesions;
		}

		/** detected / trueLesions; NaN when there is no true lesion. */
		public double recall() {
			return trueLesions == 0 ? Double.NaN : (double) detected / trueLesions;
		}

		/**
		 * Harmonic mean of precision and recall; 1 when there are neither true nor predicted
		 * lesions, 0 when only one side has lesions.
		 */
		public double f1() {
			if (trueLesions == 0 && predictedLesions == 0) return 1;
			if (trueLesions == 0 || predictedLesions == 0) return 0;
			double p = precision(), r = recall();
			return p + r == 0 ? 0 : 2 * p * r / (p + r);
		}
	}

	/**
	 * Matches the lesions (connected components of class {@code cls}) of prediction and truth.
	 *
	 * @param minIou {@link #ANY_OVERLAP} or e.g. {@link #IOU_10}
	 */
	public static LesionDetection lesionDetection(int[] truth, int[] predicted, int nx, int ny,
		int nz, int cls, double minIou)
	{
		Checks.sameLength(truth.length, predicted.length);
		ConnectedComponents.Labeling t = ConnectedComponents.label(mask(truth, cls), nx, ny, nz);
		ConnectedComponents.Labeling p = ConnectedComponents.label(mask(predicted, cls), nx, ny, nz);
		// intersection voxel count of each (true, predicted) component pair
		Map<Long, Integer> inter = new HashMap<>();
		for (int k = 0; k < truth.length; k++) {
			int a = t.ids()[k], b = p.ids()[k];
			if (a != 0 && b != 0) inter.merge((long) a << 32 | b, 1, Integer::sum);
		}
		boolean[] tMatched = new boolean[t.count() + 1], pMatched = new boolean[p.count() + 1];
		for (Map.Entry<Long, Integer> e : inter.entrySet()) {
			int a = (int) (e.getKey() >>> 32), b = (int) (long) e.getKey();
			int i = e.getValue();
			double iou = (double) i / (t.sizes()[a] + p.sizes()[b] - i);
			if (i > 0 && iou >= minIou) {
				tMatched[a] = true;
				pMatched[b] = true;
			}
		}
		return new LesionDetection(t.count(), p.count(), count(pMatched), count(tMatched));
	}

	/** Float label overload of {@link #lesionDetection(int[], int[], int, int, int, int, double)}. */
	public static LesionDetection lesionDetection(float[] truth, float[] predicted, int nx,
		int ny, int nz, int cls, double minIou)
	{
		return lesionDetection(toLabels(truth), toLabels(predicted), nx, ny, nz, cls, minIou);
	}

	/** Sums the counts of several images (lesion-level F1 over a data set). */
	public static LesionDetection pool(List<LesionDetection> perImage) {
		int t = 0, p = 0, tp = 0, d = 0;
		for (LesionDetection l : perImage) {
			t += l.trueLesions();
			p += l.predictedLesions();
			tp += l.truePositives();
			d += l.detected();
		}
		return new LesionDetection(t, p, tp, d);
	}

	// -- Volume --

	/** Predicted minus true volume of a class in mL (signed). */
	public static double volumeErrorMl(int[] truth, int[] predicted, int cls, double voxelMl) {
		Overlap o = overlap(truth, predicted, cls);
		return (o.predicted() - o.truth()) * voxelMl;
	}

	/** |predicted - true| volume of a class in mL. */
	public static double absoluteVolumeErrorMl(int[] truth, int[] predicted, int cls,
		double voxelMl)
	{
		return Math.abs(volumeErrorMl(truth, predicted, cls, voxelMl));
	}

	// -- Helpers --

	/** Rounds float labels to int; NaN counts as background. */
	public static int[] toLabels(float[] labels) {
		int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++)
			out[i] = Float.isNaN(labels[i]) ? 0 : Math.round(labels[i]);
		return out;
	}

	private static boolean is(int label, int cls) {
		return cls == ANY_LESION ? label != 0 : label == cls;
	}

	private static boolean[] mask(int[] labels, int cls) {
		boolean[] m = new boolean[labels.length];
		for (int i = 0; i < labels.length; i++)
			m[i] = is(labels[i], cls);
		return m;
	}

	private static int count(boolean[] b) {
		int n = 0;
		for (boolean v : b)
			if (v) n++;
		return n;
	}
}
