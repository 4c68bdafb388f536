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
 * How familiar a slice looks to the classifier: the distance of its pooled feature vector (what
 * the dense layer reads) from those of the training slices — a diagonal Mahalanobis distance,
 * the mean over features of {@code ((f − mean) / sd)²} (after Lee et al., NeurIPS 2018). The
 * reference (per-feature mean and SD, and the 99th percentile of the training slices' own
 * scores) is stored beside the model as {@value ModelSpec#DERIVED_FILE}. A slice's
 * <i>unfamiliarity</i> is its score divided by that percentile: above 1 it looks less like the
 * training data than 99 % of the training slices did. This catches what test-time augmentation
 * cannot: inputs the network answers confidently although it has never seen anything like them
 * (noise, another modality).
 *
 * @param mean per-feature mean over the training slices
 * @param sd per-feature standard deviation (floored so constant features do not explode)
 * @param threshold the 99th percentile of the training slices' scores
 * @param samples number of training slices the reference was computed from
 */
public record Familiarity(float[] mean, float[] sd, double threshold, int samples) {

	/** Slices per feature-extraction call. */
	private static final int CHUNK = 32;

	/** Computes the reference from preprocessed training slices. */
	public static Familiarity compute(Predictor classifier, TrainingData data) {
		int n = data.size(), h = data.height(), w = data.width(), c = data.channels(), per = h * w * c;
		float[][] feats = new float[n][];
		for (int s = 0; s < n; s += CHUNK) {
			int m = Math.min(CHUNK, n - s);
			float[] batch = new float[m * per];
			for (int i = 0; i < m; i++)
				data.image(s + i, batch, i * per);
			float[] f = classifier.pooledFeatures(batch, m);
			int k = f.length / m;
			for (int i = 0; i < m; i++)
				feats[s + i] = Arrays.copyOfRange(f, i * k, (i + 1) * k);
		}
		int k = feats[0].length;
		double[] mean = new double[k], var = new double[k];
		for (float[] f : feats)
			for (int j = 0; j < k; j++)
				mean[j] += f[j] / (double) n;
		for (float[] f : feats)
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
		Familiarity ref = new Familiarity(m, sd, 1, n);
		double[] scores = new double[n];
		for (int i = 0; i < n; i++)
			scores[i] = ref.score(feats[i], 0);
		Arrays.sort(scores);
		return new Familiarity(m, sd, scores[(int) Math.min(n - 1, Math.ceil(0.99 * n) - 1)], n);
	}

	/** The raw score of the feature vector starting at {@code offset}. */
	double score(float[] features, int offset) {
		double s = 0;
		for (int j = 0; j < mean.length; j++) {
			double z = (features[offset + j] - mean[j]) / sd[j];
			s += z * z;
		}
		return s / mean.length;
	}

	/**
	 * Unfamiliarity of each slice of a preprocessed batch: score / training 99th percentile.
	 */
	public double[] unfamiliarity(Predictor classifier, float[] batch, int n) {
		float[] f = classifier.pooledFeatures(batch, n);
		int k = f.length / n;
		if (k != mean.length) throw new IllegalStateException(classifier.spec().name() + ": " + ModelSpec.DERIVED_FILE +
			" has " + mean.length + " features, the model gives " + k + "; recompute it");
		double[] out = new double[n];
		for (int i = 0; i < n; i++)
			out[i] = score(f, i * k) / threshold;
		return out;
	}

	// -- Storage --

	/** The reference stored in a model folder, or null when there is none. */
	public static Familiarity load(Path modelDir) throws IOException {
		Path file = modelDir.resolve(ModelSpec.DERIVED_FILE);
		if (!Files.isRegularFile(file)) return null;
		try {
			JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
			float[] mean = floats(o.getAsJsonArray("feature_mean")), sd = floats(o.getAsJsonArray("feature_sd"));
			if (mean.length != sd.length || mean.length == 0) throw new IllegalArgumentException("feature_mean and " +
				"feature_sd differ in length");
			return new Familiarity(mean, sd, o.get("score_p99").getAsDouble(), o.get("samples").getAsInt());
		}
		catch (RuntimeException e) {
			throw new IOException(file + ": not a familiarity reference (" + e.getMessage() + ")", e);
		}
	}

	/** Writes {@value ModelSpec#DERIVED_FILE} into a model folder, atomically. */
	public void write(Path modelDir) throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("method", "diagonal Mahalanobis distance of the pooled CNN features to the training slices; " +
			"unfamiliarity = score / score_p99");
		m.put("samples", samples);
		m.put("score_p99", threshold);
		m.put("feature_mean", mean);
		m.put("feature_sd", sd);
		TrainingJob.writeJson(modelDir.resolve(ModelSpec.DERIVED_FILE), m);
	}

	private static float[] floats(JsonArray a) {
		float[] f = new float[a.size()];
		for (int i = 0; i < f.length; i++)
			f[i] = a.get(i).getAsFloat();
		return f;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Familiarity f && Arrays.equals(mean, f.mean) && Arrays.equals(sd, f.sd) && threshold ==
			f.threshold && samples == f.samples;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(mean) * 31 + Double.hashCode(threshold);
	}

	@Override
	public String toString() {
		return "Familiarity[" + mean.length + " features, p99 " + threshold + ", " + samples + " slices]";
	}
}
