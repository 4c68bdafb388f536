package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.postprocess.HemorrhageRefinement;
import org.strokej.core.postprocess.Lesions;
import org.strokej.core.postprocess.MidlineShift;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;

/**
 * The detection façade used by commands, the runner and tests: classifies every slice
 * (normal / hemorrhagic / ischemic) and segments lesions, each model with the preprocessing its
 * spec names, slice by slice exactly as in training, and maps the results back onto the input's
 * grid. Models come from the per-JVM cache, so a batch loads them once.
 */
public final class StrokeDetector {

	/**
	 * @param minVolumeMl lesions smaller than this are dropped
	 * @param strokeThreshold p_stroke at or above which a scan is called a stroke (NaN: the
	 *          classifier spec's "stroke" threshold, else 0.5)
	 * @param batchSize slices per inference call
	 * @param uncertainty test-time augmentation of the classifier: a p_stroke range per slice
	 *          ({@link Uncertainty}); costs {@value Uncertainty#CLASSIFIER_VIEWS} classifier passes
	 * @param pixelUncertainty per-pixel standard deviation of the lesion probability over
	 *          {@value Uncertainty#SEGMENTER_VIEWS} segmenter views (4× the segmentation time)
	 * @param explanation heat map explaining the classifier, or null for none
	 */
	public record Settings(double minVolumeMl, double strokeThreshold, int batchSize, boolean uncertainty,
		boolean pixelUncertainty, Explanations.Method explanation)
	{

		public Settings(double minVolumeMl, double strokeThreshold, int batchSize) {
			this(minVolumeMl, strokeThreshold, batchSize, true, false, null);
		}

		/** Lesions ≥ 0.05 mL, the model's threshold, batches of 8, slice TTA on, no pixel TTA, no explanation. */
		public static Settings defaults() {
			return new Settings(0.05, Double.NaN, 8);
		}

		public Settings withMinVolumeMl(double v) {
			return new Settings(v, strokeThreshold, batchSize, uncertainty, pixelUncertainty, explanation);
		}

		public Settings withThreshold(double t) {
			return new Settings(minVolumeMl, t, batchSize, uncertainty, pixelUncertainty, explanation);
		}

		public Settings withUncertainty(boolean slices, boolean pixels) {
			return new Settings(minVolumeMl, strokeThreshold, batchSize, slices, pixels, explanation);
		}

		public Settings withExplanation(Explanations.Method m) {
			return new Settings(minVolumeMl, strokeThreshold, batchSize, uncertainty, pixelUncertainty, m);
		}
	}

	/** On HU input, voxels at or above this (bone, calcification) are never lesion. */
	public static final float LESION_MAX_HU = 150;
	/** On HU input, voxels at or below this (air, fat) are never lesion. */
	public static final float LESION_MIN_HU = -100;

	private final Predictor classifier;
	private final Predictor segmenter;
	private final PreprocessPipeline classifierPipeline;
	private final PreprocessPipeline segmenterPipeline;
	private final Familiarity familiarity;

	/** Either model may be null (classify only, segment only). */
	public StrokeDetector(Predictor classifier, Predictor segmenter) {
		this(classifier, segmenter, null);
	}

	/**
	 * @param familiarity the classifier's training-feature reference, or null (no unfamiliarity
	 *          scores)
	 */
	public StrokeDetector(Predictor classifier, Predictor segmenter, Familiarity familiarity) {
		if (classifier == null && segmenter == null) throw new IllegalArgumentException(
			"need a classifier, a segmenter or both");
		check(classifier, ModelSpec.Kind.CLASSIFIER);
		check(segmenter, ModelSpec.Kind.SEGMENTER);
		this.classifier = classifier;
		this.segmenter = segmenter;
		this.classifierPipeline = classifier == null ? null : PreprocessPipeline.fromJson(classifier
			.spec().preprocessingJson());
		this.segmenterPipeline = segmenter == null ? null : PreprocessPipeline.fromJson(segmenter
			.spec().preprocessingJson());
		this.familiarity = classifier != null && classifier.supportsGradCam() ? familiarity : null;
	}

	private static void check(Predictor p, ModelSpec.Kind kind) {
		if (p != null && p.spec().kind() != kind) throw new IllegalArgumentException(p.spec().name() +
			" is a " + p.spec().kind().key() + ", not a " + kind.key());
	}

	/**
	 * Loads (or takes from the cache) the models in the given folders; null folders mean the
	 * bundled defaults, {@code Path.of("")} means "none".
	 */
	public static StrokeDetector load(Path classifierDir, Path segmenterDir, boolean classify,
		boolean segment) throws IOException
	{
		Predictor c = null, s = null;
		Familiarity f = null;
		if (classify) {
			Path dir = classifierDir != null ? classifierDir : BundledModels.classifier();
			c = Predictors.get(dir);
			f = Familiarity.load(dir);
		}
		if (segment) s = Predictors.get(segmenterDir != null ? segmenterDir : BundledModels
			.segmenter());
		return new StrokeDetector(c, s, f);
	}

	public Predictor classifier() { return classifier; }

	public Predictor segmenter() { return segmenter; }

	/** The classifier's familiarity reference, or null. */
	public Familiarity familiarity() { return familiarity; }

	/** The p_stroke threshold to use. */
	public double threshold(Settings s) {
		if (!Double.isNaN(s.strokeThreshold())) return s.strokeThreshold();
		if (classifier != null && classifier.spec().thresholds().containsKey("stroke"))
			return classifier.spec().thresholds().get("stroke");
		return 0.5;
	}

	// -- Detection --

	public DetectionResult detect(Volume input, String name, Settings s, Progress progress) {
		Volume original = Spacings.withNominal(input);
		List<String> warnings = new ArrayList<>(QualityChecks.check(original));
		Volume in = modelInput(original, warnings);
		Uncertainty.SliceInterval[] intervals = classifier != null && s.uncertainty()
			? new Uncertainty.SliceInterval[in.nz()] : null;
		float[][] probs = classifier == null ? null : classify(in, s, intervals, progress);
		Volume explanation = classifier == null || s.explanation() == null ? null : Explanations.explain(s
			.explanation(), classifier, in, progress);
		Volume labels = null, lesionProb = null, lesionSd = null;
		Lesions.Analysis analysis = null;
		MidlineShift.Measurement midline = midline(in);
		if (segmenter != null) {
			Volume[] seg = segment(in, s, progress);
			labels = seg[0];
			lesionProb = seg[1];
			lesionSd = seg.length > 2 ? seg[2] : null;
			analysis = Lesions.analyse(labels, in, s.minVolumeMl(), midline.idealMidline());
			// Drop the voxels of lesions below the minimum volume from the label image too.
			float[] l = labels.data();
			int[] ids = analysis.componentIds();
			for (int i = 0; i < l.length; i++)
				if (ids[i] == 0) l[i] = 0;
		}
		DetectionResult r = new DetectionResult(name, original, probs, labels, lesionProb, analysis,
			warnings, intervals, lesionSd, explanation, midline);
		if (probs != null && analysis != null) {
			boolean stroke = r.pStroke() >= threshold(s);
			if (stroke && r.lesions().isEmpty()) warnings.add(
				"classifier calls a stroke but no lesion was segmented");
			if (!stroke && !r.lesions().isEmpty()) warnings.add(
				"lesions segmented but the classifier calls the scan normal");
		}
		if (intervals != null) {
			int low = r.lowConfidenceSlices(), odd = 0;
			for (Uncertainty.SliceInterval u : intervals)
				if (u.unfamiliarity() > 1) odd++;
			if (odd > 0) warnings.add("unfamiliar input: " + odd + " slice(s) unlike the classifier's training data");
			if (low > odd) warnings.add("low confidence: " + low + " slice(s) uncertain under test-time augmentation " +
				"or unfamiliar");
		}
		return r;
	}

	/** Per-slice class probabilities {p_normal, p_hemorrhagic, p_ischemic}. */
	public float[][] classify(Volume in, Settings s, Progress progress) {
		return classify(in, s, null, progress);
	}

	/**
	 * Per-slice class probabilities; with {@code intervals} (one entry per slice) also the
	 * test-time-augmentation summary of each slice's p_stroke.
	 */
	public float[][] classify(Volume in, Settings s, Uncertainty.SliceInterval[] intervals, Progress progress) {
		int nz = in.nz(), size = classifier.spec().input().height(), c = classifier.spec().input()
			.channels(), k = classifier.spec().numClasses(), context = classifier.spec().input().contextSlices();
		float[][] out = new float[nz][];
		for (int z0 = 0; z0 < nz; z0 += s.batchSize()) {
			cancelIf(progress);
			int n = Math.min(s.batchSize(), nz - z0);
			float[] batch = new float[n * size * size * c];
			for (int j = 0; j < n; j++) {
				SliceContext.modelInput(classifierPipeline, in, z0 + j, context, batch, j * size * size * c, size);
			}
			float[] p = classifier.predict(batch, n, size, size, c);
			if (intervals != null) {
				Uncertainty.SliceInterval[] u = Uncertainty.classify(classifier, batch, p, n, size, c, threshold(s));
				double[] unf = familiarity == null ? null : familiarity.unfamiliarity(classifier, batch, n);
				for (int j = 0; j < n; j++)
					intervals[z0 + j] = unf == null ? u[j] : u[j].withUnfamiliarity(unf[j]);
			}
			for (int j = 0; j < n; j++) {
				out[z0 + j] = new float[3];
				System.arraycopy(p, j * k, out[z0 + j], 0, Math.min(3, k));
			}
			progress.progress("classify", z0 + n, nz);
		}
		return out;
	}

	/**
	 * Label volume and lesion-probability volume on the input grid; on HU input the hemorrhage
	 * labels are refined by blood density ({@link HemorrhageRefinement}); with
	 * {@link Settings#pixelUncertainty()} also the per-pixel standard deviation of the lesion
	 * probability under test-time augmentation.
	 */
	public Volume[] segment(Volume in, Settings s, Progress progress) {
		int nz = in.nz(), n2 = in.sliceSize();
		float[] labels = new float[in.data().length], prob = new float[in.data().length];
		float[] sd = s.pixelUncertainty() ? new float[in.data().length] : null;
		int c = segmenter.spec().input().channels(), k = segmenter.spec().numClasses();
		for (int z = 0; z < nz; z++) {
			cancelIf(progress);
			PreprocessResult r = segmenterPipeline.run(slice(in, z));
			Volume grid = r.volume();
			int h = grid.ny(), w = grid.nx();
			float[] batch = new float[h * w * c];
			interleave(r.channels(), batch, 0, w, h);
			float[] p = segmenter.predict(batch, 1, h, w, c);
			float[] lab = new float[h * w], les = new float[h * w];
			for (int i = 0; i < h * w; i++) {
				int best = 0;
				for (int q = 1; q < k; q++)
					if (p[i * k + q] > p[i * k + best]) best = q;
				lab[i] = best;
				les[i] = 1 - p[i * k];
			}
			float[] l = r.mapBack(grid.withData(lab), true).data();
			float[] pr = r.mapBack(grid.withData(les), false).data();
			if (sd != null) System.arraycopy(r.mapBack(grid.withData(Uncertainty.segmentationSd(segmenter, batch, p, h, w,
				c)), false).data(), 0, sd, z * n2, n2);
			if (in.metadata().isHU()) {
				// Lesions are soft tissue: bone (and calcification) or air next to a lesion is not part
				// of it, whatever the coarser model grid said.
				float[] hu = in.data();
				for (int i = 0; i < n2; i++) {
					float v = hu[z * n2 + i];
					if (v >= LESION_MAX_HU || v <= LESION_MIN_HU) {
						l[i] = 0;
						pr[i] = 0;
					}
				}
			}
			System.arraycopy(l, 0, labels, z * n2, n2);
			System.arraycopy(pr, 0, prob, z * n2, n2);
			progress.progress("segment", z + 1, nz);
		}
		Volume labelVolume = in.withData(labels);
		// On HU input the edge of an acute bleed is drawn by its density on the full grid
		// (HemorrhageRefinement); ischemia labels are left as they are.
		if (in.metadata().isHU()) labelVolume = HemorrhageRefinement.refine(labelVolume, in);
		return sd == null ? new Volume[] { labelVolume, map(in, prob) } : new Volume[] { labelVolume, map(in, prob),
			map(in, sd) };
	}

	// -- Helpers --

	/** A map (probability, SD, heat) on the input's grid: the input's geometry, no intensity unit. */
	static Volume map(Volume in, float[] values) {
		ImageMetadata m = in.metadata();
		return in.withData(values).withMetadata(new ImageMetadata(m.modality(), m.format(), ValueUnit.ARBITRARY, m
			.orientation(), m.source(), m.extra()));
	}

	/**
	 * The midline shift on HU input ({@link MidlineShift}); on 8-bit input only the ideal
	 * mid-sagittal line (from the brain mask's symmetry), for the lesions' sides and territories.
	 */
	static MidlineShift.Measurement midline(Volume in) {
		MidlineShift.Measurement m = MidlineShift.estimate(in);
		if (m.idealMidline() != null || in.metadata().valueUnit() != ValueUnit.WINDOWED_8BIT) return m;
		Volume brain = org.strokej.core.preprocess.BrainExtraction.brainMask(in);
		boolean any = false;
		for (float v : brain.data())
			if (v > 0.5f) {
				any = true;
				break;
			}
		return !any ? m : new MidlineShift.Measurement(Double.NaN, -1, null, null,
			org.strokej.core.preprocess.RotationCorrection.estimate(brain), 0, m.reason());
	}

	/**
	 * What the models see: HU and 8-bit images as they are; images of unknown scale (MRI, other
	 * NIfTI) stretched from their 0.5th to 99.5th percentile onto 0–255 and treated as a windowed
	 * 8-bit image, so the models run, with a warning that says so (the quality checks flag the
	 * input too).
	 */
	static Volume modelInput(Volume v, List<String> warnings) {
		if (v.metadata().valueUnit() != ValueUnit.ARBITRARY) return v;
		float[] d = org.strokej.core.preprocess.Normalization.percentile(v, null, 0.5, 99.5).data();
		float[] out = new float[d.length];
		for (int i = 0; i < d.length; i++)
			out[i] = Math.round(d[i] * 255);
		ImageMetadata m = v.metadata();
		warnings.add("intensities of unknown scale stretched to 0-255 for the models: results unreliable");
		return v.withData(out).withMetadata(new ImageMetadata(m.modality(), m.format(), ValueUnit.WINDOWED_8BIT, m
			.orientation(), m.source(), m.extra()));
	}

	/** Slice z of a volume as a 2D volume with the same spacing and metadata. */
	public static Volume slice(Volume v, int z) {
		return Volume.of(v.slice(z), v.nx(), v.ny(), 1, v.spacing(), v.metadata());
	}

	static void interleave(List<Volume> channels, float[] dst, int offset, int w, int h) {
		int c = channels.size();
		for (int ch = 0; ch < c; ch++) {
			Volume v = channels.get(ch);
			if (v.nx() != w || v.ny() != h) throw new IllegalStateException("preprocessing gave " + v
				.nx() + "x" + v.ny() + ", the model needs " + w + "x" + h);
			float[] d = v.data();
			for (int i = 0; i < w * h; i++)
				dst[offset + i * c + ch] = d[i];
		}
	}

	private static void cancelIf(Progress p) {
		if (p.isCancelled()) throw new CancellationException("cancelled");
	}
}
