package org.strokej.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.google.gson.GsonBuilder;

import org.strokej.core.io.AtomicFiles;
import org.strokej.core.io.Folders;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.model.Architecture;
import org.strokej.model.Augmentation;
import org.strokej.model.ModelSpec;
import org.strokej.model.TrainingConfig;
import org.strokej.model.TrainingResult;

/**
 * One training run as the runner's {@code train} and the "Train Stroke Model" command do it:
 * gather slices (real data sets, a user's CSV, phantoms), preprocess them as the spec says,
 * optionally cross-validate by patient (report + plots), then train the final model on all data
 * and write its spec and model card. Options are the runner's flags without the dashes
 * ({@code kind, out, data, datasets, labels, phantoms, phantom-normals, max-negatives, size, epochs, batch, lr,
 * dropout, patience, seed, folds, report, fine-tune, name, filters, convs, head, final, mask-outside, context}).
 */
public final class TrainingJob {

	/** Writes evaluation plots (ROC, reliability) of classifier predictions into a folder. */
	@FunctionalInterface
	public interface Plots {
		void write(Evaluator.ClassifierPredictions p, Path dir) throws IOException;

		Plots NONE = (p, dir) -> {};
	}

	private TrainingJob() {}

	/**
	 * @param commandLine how to repeat this run, recorded in the spec and model card
	 * @return the final model's training result
	 */
	public static TrainingResult run(Map<String, String> o, String commandLine, Consumer<String> log,
		Plots plots) throws IOException
	{
		if (!o.containsKey("kind") || !o.containsKey("out")) throw new IllegalArgumentException(
			"training needs kind and out");
		long start = System.nanoTime();
		Trainer.Kind kind = Trainer.Kind.of(o.get("kind"));
		boolean seg = kind == Trainer.Kind.SEGMENTER;
		Path outDir = Paths.get(o.get("out"));
		int size = Integer.parseInt(o.getOrDefault("size", "128"));
		long seed = Long.parseLong(o.getOrDefault("seed", "1"));
		int folds = Integer.parseInt(o.getOrDefault("folds", "0"));
		// a fine-tuned model keeps its base model's context unless told otherwise
		int context = Integer.parseInt(o.getOrDefault("context", o.containsKey("fine-tune") ? "" + ModelSpec.load(Paths
			.get(o.get("fine-tune"))).input().contextSlices() : "0"));
		if (context < 0 || context > 3 || context > 0 && seg) throw new IllegalArgumentException(
			"context must be 0 to 3 slices on either side, and only for a classifier: " + context);

		// -- Data --
		List<String> sources = new ArrayList<>();
		List<Trainer.Source> slices = sources(o, seed, context, CONTEXT_REPLICATE_SHARE, log, sources);
		if (o.containsKey("max-negatives")) {
			int before = slices.size();
			List<Trainer.Source> kept = Trainer.limitUnmaskedNormals(slices, Integer.parseInt(o.get(
				"max-negatives")), seed);
			slices.clear();
			slices.addAll(kept);
			log.accept("kept " + slices.size() + " of " + before + " slices (at most " + o.get(
				"max-negatives") + " normal slices without a mask)");
		}
		if (o.containsKey("oversample-masked")) {
			int k = Integer.parseInt(o.get("oversample-masked"));
			int before = slices.size();
			slices = Trainer.oversampleRealMasks(slices, k);
			log.accept("oversampled real slices with lesion masks " + k + "x: " + before + " -> " + slices.size() +
				" slices (copies stay in their patient's fold)");
		}
		PreprocessPipeline pipeline = preprocessing(o, size);
		Trainer.Prepared data = Trainer.prepare(slices, pipeline, size, seg, context, log);
		int[] counts = Trainer.classCounts(data, 3);
		log.accept(String.format("prepared %d slices at %dx%d (normal %d, hemorrhagic %d, " +
			"ischemic %d)", data.size(), size, size, counts[0], counts[1], counts[2]));

		TrainingConfig cfg = config(o, seed, seg, counts);
		String name = o.getOrDefault("name", outDir.getFileName().toString());
		ModelSpec template = Trainer.template(kind, name, size, pipeline, architecture(o, kind), context);

		// -- Cross-validation --
		Map<String, Object> report = new LinkedHashMap<>();
		if (folds > 1) {
			Path reportDir = Paths.get(o.getOrDefault("report", outDir + "-evaluation"));
			Files.createDirectories(reportDir);
			CrossValidator.Result cv = CrossValidator.run(template, cfg, data, folds, seed, reportDir
				.resolve("folds"), log);
			report = CrossValidationReports.crossValidation(cv, data, folds, seed, reportDir,
				plots);
			log.accept("cross-validation report: " + reportDir.resolve("cv_metrics.json"));
			Folders.deleteTree(reportDir.resolve("folds"));
		}

		if ("no".equals(o.get("final"))) {
			log.accept("no final model (final=no): cross-validation only");
			return null;
		}

		// -- Final model on all data --
		TrainingResult r = Trainer.train(template, cfg, data, null, o.containsKey("fine-tune") ? Paths
			.get(o.get("fine-tune")) : null, outDir, CrossValidator.epochLogger(log, "final"), () -> false);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Map<String, Double> metrics = flatMetrics(report);
		ModelSpec spec = r.spec().withTraining(new ModelSpec.Training(String.join("; ", sources), cfg
			.epochs(), seed, commandLine, metrics));
		spec.write(outDir);
		if (!seg) writeFamiliarity(outDir, data, log);
		ModelCards.write(outDir, spec, cfg, data, counts, r, report, took, sources);
		log.accept(String.format("model written to %s (best epoch %d of %d, %d min %d s in all)",
			outDir, r.bestEpoch() + 1, r.history().size(), took.toMinutes(), took.toSecondsPart()));
		return r;
	}

	/** Computes and writes a classifier's familiarity reference from its training slices. */
	static Familiarity writeFamiliarity(Path modelDir, org.strokej.model.TrainingData data, Consumer<String> log)
		throws IOException
	{
		org.strokej.model.Predictor p = org.strokej.model.Predictors.get(modelDir);
		if (!p.supportsGradCam()) return null;
		Familiarity f = Familiarity.compute(p, data);
		f.write(modelDir);
		log.accept(String.format(java.util.Locale.ROOT, "familiarity reference: %d features + %d-entry " +
			"intensity profile from %d slices; training 99th percentiles: features %.3f, intensities %.3f, combined %.3f",
			f.features().mean().length, Familiarity.BINS + 1, f.samples(), f.features().threshold(), f.intensities()
				.threshold(), f.scale()));
		return f;
	}

	/**
	 * (Re)computes the familiarity reference of an existing classifier from the slices named by
	 * the data options ({@code data, datasets, labels, phantoms, phantom-normals, seed}), which
	 * should be the ones it was trained on; preprocessing and size come from its spec.
	 */
	public static Familiarity familiarity(Map<String, String> o, Path modelDir, Consumer<String> log)
		throws IOException
	{
		ModelSpec spec = ModelSpec.load(modelDir);
		if (spec.kind() != ModelSpec.Kind.CLASSIFIER) throw new IllegalArgumentException(modelDir +
			": familiarity references are for classifiers");
		long seed = Long.parseLong(o.getOrDefault("seed", "1"));
		int context = spec.input().contextSlices();
		List<Trainer.Source> slices = sources(o, seed, context, CONTEXT_REPLICATE_SHARE, log, new ArrayList<>());
		int size = spec.input().height();
		Trainer.Prepared data = Trainer.prepare(slices, PreprocessPipeline.fromJson(spec.preprocessingJson()),
			size, false, context, log);
		return writeFamiliarity(modelDir, data, log);
	}

	/**
	 * Share of the data-set slices that train with copies of themselves as context slices
	 * ({@link Trainer#fromSamples(List, int, double, long)}).
	 */
	static final double CONTEXT_REPLICATE_SHARE = 0.1;

	/**
	 * The slices named by --data/--datasets, --labels and --phantoms (described in {@code sources}),
	 * each with {@code context} slices on either side where its data set has them ({@code replicateShare}: see {@link Trainer#fromSamples(List, int, double, long)}).
	 */
	public static List<Trainer.Source> sources(Map<String, String> o, long seed, int context, double replicateShare,
		Consumer<String> log, List<String> sources) throws IOException
	{
		List<Trainer.Source> slices = new ArrayList<>();
		if (o.containsKey("data")) {
			Path root = Paths.get(o.get("data"));
			String sets = o.getOrDefault("datasets", "ct-ich,bhsd,cpaisd");
			for (String name : sets.split(",")) {
				if (!Files.isDirectory(root.resolve(name))) throw new IOException(root.resolve(name) +
					": data set folder not found");
				List<Trainer.Source> d = Trainer.dataset(name, root, context, replicateShare, seed);
				log.accept("loaded " + name + ": " + d.size() + " slices");
				slices.addAll(d);
				sources.add(name + " (" + d.size() + " slices)");
			}
		}
		if (o.containsKey("labels")) {
			List<LabelledSlice> u = UserData.fromCsv(Paths.get(o.get("labels")));
			log.accept("loaded " + o.get("labels") + ": " + u.size() + " slices");
			u.forEach(s -> slices.add(Trainer.Source.of(s)));
			sources.add(o.get("labels") + " (" + u.size() + " slices)");
		}
		int nPhantoms = Integer.parseInt(o.getOrDefault("phantoms", "0"));
		int nNormals = Integer.parseInt(o.getOrDefault("phantom-normals", "" + nPhantoms));
		if (nPhantoms > 0 || nNormals > 0) {
			List<Trainer.Source> ph = new ArrayList<>(Trainer.phantoms(nNormals, seed * 1000, context,
				LesionKind.NONE));
			ph.addAll(Trainer.phantoms(nPhantoms, seed * 1000, context, LesionKind.HEMORRHAGE,
				LesionKind.ISCHEMIA));
			log.accept("generated " + ph.size() + " phantom slices");
			slices.addAll(ph);
			sources.add("phantoms (" + nNormals + " normal, " + nPhantoms + " hemorrhage, " +
				nPhantoms + " ischemia; seed " + seed * 1000 + ")");
		}
		if (slices.isEmpty()) throw new IllegalArgumentException("no training data: give data, " +
			"labels and/or phantoms");

		return slices;
	}

	/** The default preprocessing at {@code size}; {@code mask-outside=yes} blanks what lies outside the brain. */
	static PreprocessPipeline preprocessing(Map<String, String> o, int size) {
		String m = o.getOrDefault("mask-outside", "no");
		if (!m.equals("yes") && !m.equals("no")) throw new IllegalArgumentException("mask-outside must be yes or no, " +
			"not '" + m + "'");
		return Trainer.defaultPreprocessing(size, m.equals("yes"));
	}

	/** The default architecture, or {@code filters} (comma-separated), {@code convs}, {@code head}. */
	static Architecture architecture(Map<String, String> o, Trainer.Kind kind) {
		Architecture a = Trainer.defaultArchitecture(kind);
		if (o.containsKey("filters")) {
			List<Integer> f = new ArrayList<>();
			for (String s : o.get("filters").split(","))
				f.add(Integer.parseInt(s.trim()));
			a = new Architecture(a.type(), f, a.normalization(), a.upsampling(), a.convs(), a.head());
		}
		if (o.containsKey("convs") || o.containsKey("head")) a = a.withCnnBlocks(Integer.parseInt(o
			.getOrDefault("convs", "" + a.convs())), o.getOrDefault("head", a.head()));
		return a;
	}

	static TrainingConfig config(Map<String, String> o, long seed, boolean seg, int[] counts) {
		TrainingConfig d = TrainingConfig.defaults();
		float[] weights = null;
		if (!seg) {
			// Square-root inverse class frequency, mean 1: rare classes count more, not overwhelmingly.
			int total = counts[0] + counts[1] + counts[2];
			weights = new float[3];
			double sum = 0;
			for (int c = 0; c < 3; c++) {
				weights[c] = (float) Math.sqrt((double) total / Math.max(1, counts[c]));
				sum += weights[c];
			}
			for (int c = 0; c < 3; c++)
				weights[c] *= 3 / sum;
		}
		return new TrainingConfig(Integer.parseInt(o.getOrDefault("epochs", "12")), Integer.parseInt(o
			.getOrDefault("batch", seg ? "8" : "16")), Double.parseDouble(o.getOrDefault("lr", "0.001")),
			TrainingConfig.Schedule.COSINE, seed, Double.parseDouble(o.getOrDefault("dropout", "0.3")),
			Integer.parseInt(o.getOrDefault("patience", "4")), Double.parseDouble(o.getOrDefault("validation",
				"0.15")), new Augmentation.Settings(true,
				false, 10, 0.05, 0.08, 0.02), weights, 1.0);
	}

	static Map<String, Double> flatMetrics(Map<String, Object> report) {
		Map<String, Double> m = new LinkedHashMap<>();
		flatten("", report, m);
		return m;
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object v, Map<String, Double> out) {
		if (v instanceof Map) {
			for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet())
				flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
		}
		else if (v instanceof Number) {
			double d = ((Number) v).doubleValue();
			if (!Double.isNaN(d) && (prefix.contains("auc") || prefix.contains("dice") || prefix
				.contains("accuracy") || prefix.contains("brier"))) out.put(prefix, d);
		}
	}

	/** Pretty JSON, written atomically. */
	public static void writeJson(Path file, Object o) throws IOException {
		String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
			.create().toJson(o);
		AtomicFiles.write(file, tmp -> Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8));
	}
}
