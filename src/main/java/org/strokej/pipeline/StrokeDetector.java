package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.strokej.core.io.Volume;
import org.strokej.core.postprocess.HemorrhageRefinement;
import org.strokej.core.postprocess.Lesions;
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
	 */
	public record Settings(double minVolumeMl, double strokeThreshold, int batchSize) {

		public static Settings defaults() {
			return new Settings(0.05, Double.NaN, 8);
		}

		public Settings withMinVolumeMl(double v) {
			return new Settings(v, strokeThreshold, batchSize);
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

	/** Either model may be null (classify only, segment only). */
	public StrokeDetector(Predictor classifier, Predictor segmenter) {
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
		if (classify) c = Predictors.get(classifierDir != null ? classifierDir : BundledModels
			.classifier());
		if (segment) s = Predictors.get(segmenterDir != null ? segmenterDir : BundledModels
			.segmenter());
		return new StrokeDetector(c, s);
	}

	public Predictor classifier() { return classifier; }

	public Predictor segmenter() { return segmenter; }

	/** The p_stroke threshold to use. */
	public double threshold(Settings s) {
		if (!Double.isNaN(s.strokeThreshold())) return s.strokeThreshold();
		if (classifier != null && classifier.spec().thresholds().containsKey("stroke"))
			return classifier.spec().thresholds().get("stroke");
		return 0.5;
	}

	// -- Detection --

	public DetectionResult detect(Volume input, String name, Settings s, Progress progress) {
		Volume in = Spacings.withNominal(input);
		List<String> warnings = new ArrayList<>(QualityChecks.check(in));
		float[][] probs = classifier == null ? null : classify(in, s, progress);
		Volume labels = null, lesionProb = null;
		Lesions.Analysis analysis = null;
		if (segmenter != null) {
			Volume[] seg = segment(in, s, progress);
			labels = seg[0];
			lesionProb = seg[1];
			analysis = Lesions.analyse(labels, in, s.minVolumeMl(), Double.NaN);
			// Drop the voxels of lesions below the minimum volume from the label image too.
			float[] l = labels.data();
			int[] ids = analysis.componentIds();
			for (int i = 0; i < l.length; i++)
				if (ids[i] == 0) l[i] = 0;
		}
		DetectionResult r = new DetectionResult(name, in, probs, labels, lesionProb, analysis,
			warnings);
		if (probs != null && analysis != null) {
			boolean stroke = r.pStroke() >= threshold(s);
			if (stroke && r.lesions().isEmpty()) warnings.add(
				"classifier calls a stroke but no lesion was segmented");
			if (!stroke && !r.lesions().isEmpty()) warnings.add(
				"lesions segmented but the classifier calls the scan normal");
		}
		return r;
	}

	/** Per-slice class probabilities {p_normal, p_hemorrhagic, p_ischemic}. */
	public float[][] classify(Volume in, Settings s, Progress progress) {
		int nz = in.nz(), size = classifier.spec().input().height(), c = classifier.spec().input()
			.channels(), k = classifier.spec().numClasses();
		float[][] out = new float[nz][];
		for (int z0 = 0; z0 < nz; z0 += s.batchSize()) {
			cancelIf(progress);
			int n = Math.min(s.batchSize(), nz - z0);
			float[] batch = new float[n * size * size * c];
			for (int j = 0; j < n; j++) {
				PreprocessResult r = classifierPipeline.run(slice(in, z0 + j));
				interleave(r.channels(), batch, j * size * size * c, size);
			}
			float[] p = classifier.predict(batch, n, size, size, c);
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
	 * labels are refined by blood density ({@link HemorrhageRefinement}).
	 */
	public Volume[] segment(Volume in, Settings s, Progress progress) {
		int nz = in.nz(), n2 = in.sliceSize();
		float[] labels = new float[in.data().length], prob = new float[in.data().length];
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
		return new Volume[] { labelVolume, in.withData(prob) };
	}

	// -- Helpers --

	/** Slice z of a volume as a 2D volume with the same spacing and metadata. */
	public static Volume slice(Volume v, int z) {
		return Volume.of(v.slice(z), v.nx(), v.ny(), 1, v.spacing(), v.metadata());
	}

	private static void interleave(List<Volume> channels, float[] dst, int offset, int size) {
		interleave(channels, dst, offset, size, size);
	}

	private static void interleave(List<Volume> channels, float[] dst, int offset, int w, int h) {
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
