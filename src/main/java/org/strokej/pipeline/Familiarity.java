package org.strokej.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.TrainingData;

/**
 * How familiar a slice looks to the classifier, from two independent signals:
 * <ul>
 * <li><b>features</b>: the distance of its pooled feature vector (what the dense layer reads) from
 * those of the training slices — a diagonal Mahalanobis distance, the mean over features of
 * {@code ((f − mean) / sd)²} (after Lee et al., NeurIPS 2018);</li>
 * <li><b>intensities</b>: the same distance for the slice's intensity profile as the network sees
 * it (the share of zero pixels, then a {@value #BINS}-bin histogram of the non-zero input values
 * over (0, 1]). A network can map an unfamiliar contrast (an inverted MR-like image, another
 * window) onto familiar features; the intensity profile cannot hide it.</li>
 * </ul>
 * Each score is divided by the 99th percentile of the training slices' own scores, the larger of
 * the two is taken, and that is divided once more by its own training 99th percentile ({@code
 * scale}), so exactly 1 % of the training slices score above 1. That is a slice's
 * <i>unfamiliarity</i>: above 1 it looks less like the training data than 99 % of the training
 * slices did. This catches what test-time augmentation cannot: inputs the network answers
 * confidently although it has never seen anything like them (noise, another modality). The
 * reference is stored beside the model as {@value ModelSpec#DERIVED_FILE}; references written
 * before the intensity profile existed hold features only and are used as they are.
 *
 * @param features the pooled-feature reference
 * @param intensities the intensity-profile reference, or null (older references)
 * @param scale the training 99th percentile of the combined score (1 without intensities)
 * @param samples number of training slices the reference was computed from
 */
public record Familiarity(Reference features, Reference intensities, double scale, int samples) {

	/** Histogram bins of the intensity profile (plus one entry: the share of zero pixels). */
	public static final int BINS = 16;

	/** Slices per feature-extraction call. */
	private static final int CHUNK = 32;

	/**
	 * One reference distribution.
	 *
	 * @param mean per-entry mean over the training slices
	 * @param sd per-entry standard deviation (floored so constant entries do not explode)
	 * @param threshold the 99th percentile of the training slices' scores
	 */
	public record Reference(float[] mean, float[] sd, double threshold) {

		/** The raw score of the vector starting at {@code offset}. */
		double score(float[] v, int offset) {
			double s = 0;
			for (int j = 0; j < mean.length; j++) {
				double z = (v[offset + j] - mean[j]) / sd[j];
				s += z * z;
			}
			return s / mean.length;
		}

		/** Mean, floored SD and the 99th percentile of the vectors' own scores. */
		static Reference of(float[][] v) {
			int n = v.length, k = v[0].length;
			double[] mean = new double[k], var = new double[k];
			for (float[] f : v)
				for (int j = 0; j < k; j++)
					mean[j] += f[j] / (double) n;
			for (float[] f : v)
				for (int j = 0; j < k; j++)
					var[j] += (f[j] - mean[j]) * (f[j] - mean[j]) / Math.max(1, n - 1);
			double meanSd = 0;
			for (int j = 0; j < k; j++)
				meanSd += Math.sqrt(var[j]) / k;
			float[] m = new float[k], sd = new float[k];
			for (int j = 0; j < k; j++) {
				m[j] = (float) mean[j];
				sd[j] = (float) Math.max(Math.sqrt(var[j]), 0.05 * meanSd + 1e-6);
			}
			Reference raw = new Reference(m, sd, 1);
			double[] scores = new double[n];
			for (int i = 0; i < n; i++)
				scores[i] = raw.score(v[i], 0);
			return new Reference(m, sd, p99(scores));
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Reference r && Arrays.equals(mean, r.mean) && Arrays.equals(sd, r.sd) &&
				threshold == r.threshold;
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(mean) * 31 + Double.hashCode(threshold);
		}

		@Override
		public String toString() {
			return "Reference[" + mean.length + " entries, p99 " + threshold + "]";
		}
	}

	/** Computes the reference from preprocessed training slices. */
	public static Familiarity compute(Predictor classifier, TrainingData data) {
		int n = data.size(), h = data.height(), w = data.width(), c = data.channels(), per = h * w * c;
		float[][] feats = new float[n][], profiles = new float[n][];
		for (int s = 0; s < n; s += CHUNK) {
			int m = Math.min(CHUNK, n - s);
			float[] batch = new float[m * per];
			for (int i = 0; i < m; i++)
				data.image(s + i, batch, i * per);
			float[] f = classifier.pooledFeatures(batch, m);
			int k = f.length / m;
			for (int i = 0; i < m; i++) {
				feats[s + i] = Arrays.copyOfRange(f, i * k, (i + 1) * k);
				profiles[s + i] = intensityProfile(batch, i * per, h * w, c);
			}
		}
		Reference fr = Reference.of(feats), ir = Reference.of(profiles);
		double[] combined = new double[n];
		for (int i = 0; i < n; i++)
			combined[i] = Math.max(fr.score(feats[i], 0) / fr.threshold(), ir.score(profiles[i], 0) / ir.threshold());
		return new Familiarity(fr, ir, p99(combined), n);
	}

	/**
	 * The intensity profile of one slice (first channel of an interleaved {@code yxc} block):
	 * share of pixels at or below 0, then the share of the others in each of {@value #BINS}
	 * equal bins over (0, 1] (values above 1 count in the last bin).
	 */
	static float[] intensityProfile(float[] batch, int offset, int pixels, int channels) {
		float[] p = new float[BINS + 1];
		int nonZero = 0;
		for (int i = 0; i < pixels; i++) {
			float v = batch[offset + i * channels];
			if (!(v > 0)) continue;
			p[1 + Math.min(BINS - 1, (int) (v * BINS))]++;
			nonZero++;
		}
		for (int b = 1; b <= BINS; b++)
			p[b] /= Math.max(1, nonZero);
		p[0] = (pixels - nonZero) / (float) pixels;
		return p;
	}

	private static double p99(double[] scores) {
		double[] s = scores.clone();
		Arrays.sort(s);
		return s[(int) Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)];
	}

	/**
	 * Unfamiliarity of each slice of a preprocessed batch (see the class description).
	 */
	public double[] unfamiliarity(Predictor classifier, float[] batch, int n) {
		float[] f = classifier.pooledFeatures(batch, n);
		int k = f.length / n;
		if (k != features.mean().length) throw new IllegalStateException(classifier.spec().name() + ": " + ModelSpec
			.DERIVED_FILE + " has " + features.mean().length + " features, the model gives " + k + "; recompute it");
		int h = classifier.spec().input().height(), w = classifier.spec().input().width(), c = classifier.spec()
			.input().channels();
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			double u = features.score(f, i * k) / features.threshold();
			if (intensities != null) u = Math.max(u, intensities.score(intensityProfile(batch, i * h * w * c, h * w, c),
				0) / intensities.threshold());
			out[i] = u / scale;
		}
		return out;
	}

	// -- Storage --

	/** The reference stored in a model folder, or null when there is none. */
	public static Familiarity load(Path modelDir) throws IOException {
		Path file = modelDir.resolve(ModelSpec.DERIVED_FILE);
		if (!Files.isRegularFile(file)) return null;
		try {
			JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
			Reference fr = reference(o, "feature_mean", "feature_sd", "score_p99");
			Reference ir = o.has("intensity_mean") ? reference(o, "intensity_mean", "intensity_sd", "intensity_score_p99")
				: null;
			if (ir != null && ir.mean().length != BINS + 1) throw new IllegalArgumentException("intensity_mean has " + ir
				.mean().length + " entries, not " + (BINS + 1));
			double scale = ir == null ? 1 : o.get("combined_p99").getAsDouble();
			return new Familiarity(fr, ir, scale, o.get("samples").getAsInt());
		}
		catch (RuntimeException e) {
			throw new IOException(file + ": not a familiarity reference (" + e.getMessage() + ")", e);
		}
	}

	private static Reference reference(JsonObject o, String mean, String sd, String p99) {
		float[] m = floats(o.getAsJsonArray(mean)), s = floats(o.getAsJsonArray(sd));
		if (m.length != s.length || m.length == 0) throw new IllegalArgumentException(mean + " and " + sd +
			" differ in length");
		return new Reference(m, s, o.get(p99).getAsDouble());
	}

	/** Writes {@value ModelSpec#DERIVED_FILE} into a model folder, atomically. */
	public void write(Path modelDir) throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("method", "diagonal Mahalanobis distances of the pooled CNN features and of the input's intensity " +
			"profile (share of zeros + " + BINS + "-bin histogram) to the training slices; unfamiliarity = max(score / " +
			"score_p99, intensity_score / intensity_score_p99) / combined_p99");
		m.put("samples", samples);
		m.put("score_p99", features.threshold());
		m.put("feature_mean", features.mean());
		m.put("feature_sd", features.sd());
		if (intensities != null) {
			m.put("intensity_score_p99", intensities.threshold());
			m.put("combined_p99", scale);
			m.put("intensity_mean", intensities.mean());
			m.put("intensity_sd", intensities.sd());
		}
		TrainingJob.writeJson(modelDir.resolve(ModelSpec.DERIVED_FILE), m);
	}

	private static float[] floats(JsonArray a) {
		float[] f = new float[a.size()];
		for (int i = 0; i < f.length; i++)
			f[i] = a.get(i).getAsFloat();
		return f;
	}

	@Override
	public String toString() {
		return "Familiarity[" + features.mean().length + " features" + (intensities == null ? "" : " + intensity profile") +
			", p99 " + features.threshold() + ", " + samples + " slices]";
	}
}
