package org.strokej.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.strokej.model.Architecture;
import org.strokej.model.ModelSpec;
import org.strokej.model.SyntheticBlobs;
import org.strokej.model.TrainingData;
import org.strokej.model.tf.TfModels;
import org.strokej.model.tf.TfPredictor;
import org.strokej.model.tf.TfTrainingGraph;

/**
 * Not a test: timings of the TensorFlow model layer on this machine. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> org.strokej.bench.ModelBenchmark [inferences]}.
 * Reports load time, per-slice inference at 512 × 512 (CNN resized to its 256 × 256 input; U-Net
 * in one tile and in 256-pixel tiles), training step time, and RSS growth over repeated inferences.
 */
public final class ModelBenchmark {

	private ModelBenchmark() {}

	public static void main(String[] args) throws Exception {
		int reps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		Path dir = Files.createTempDirectory("strokej-bench");
		long t0 = System.nanoTime();
		System.out.printf(Locale.ROOT, "TensorFlow %s, native init %.0f ms%n", org.strokej.model.tf.TfEnvironment.version(), ms(t0));

		ModelSpec cnnSpec = new ModelSpec("bench-cnn", ModelSpec.Kind.CLASSIFIER, "0", new ModelSpec.Input("yxc", 256, 256, 1, null, 0),
			List.of(), List.of("normal", "hemorrhagic", "ischemic"), null, Map.of(), null, Architecture.cnn(16, 32, 64, 96), null, null, null);
		ModelSpec unetSpec = new ModelSpec("bench-unet", ModelSpec.Kind.SEGMENTER, "0", new ModelSpec.Input("yxc", 256, 256, 1, null, 0),
			List.of(), List.of("background", "hemorrhage", "ischemia"), null, Map.of(), new ModelSpec.TilingSpec(512, 64, 8),
			Architecture.unet(16, 32, 64, 128), null, null, null);
		ModelSpec unetTiled = new ModelSpec("bench-unet-tiled", ModelSpec.Kind.SEGMENTER, "0", unetSpec.input(), List.of(),
			unetSpec.classes(), null, Map.of(), new ModelSpec.TilingSpec(256, 32, 8), unetSpec.architecture(), null, null, null);

		// -- Training steps --
		trainSteps("CNN 16-32-64-96, 256², batch 16", cnnSpec, 16, dir.resolve("cnn"));
		trainSteps("U-Net 16-32-64-128, 256², batch 4", unetSpec, 4, dir.resolve("unet"));
		try (TfTrainingGraph g = new TfTrainingGraph(unetSpec.architecture(), 1, 3, null, 1, 0, 1, null)) {
			TfModels.export(dir.resolve("unet-tiled"), unetTiled, g.weights());
		}
		for (String m : new String[] { "cnn", "unet", "unet-tiled" }) System.out.printf(Locale.ROOT, "export size %s: %.2f MB%n", m,
			Files.walk(dir.resolve(m)).filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1e6);

		// -- Loading --
		long l0 = System.nanoTime();
		TfPredictor cnn = TfPredictor.load(dir.resolve("cnn"));
		double cnnLoad = ms(l0);
		l0 = System.nanoTime();
		TfPredictor unet = TfPredictor.load(dir.resolve("unet"));
		double unetLoad = ms(l0);
		l0 = System.nanoTime();
		TfPredictor tiled = TfPredictor.load(dir.resolve("unet-tiled"));
		System.out.printf(Locale.ROOT, "load: CNN %.0f ms, U-Net %.0f ms, U-Net (again, other folder) %.0f ms%n", cnnLoad, unetLoad, ms(l0));

		// -- Inference --
		float[] slice = SyntheticBlobs.scene(512, 512, 6, 1);
		infer("CNN 512² (resized to 256²), batch 1", cnn, slice, 1, 5, 50);
		float[] eight = new float[8 * 512 * 512];
		for (int i = 0; i < 8; i++) System.arraycopy(slice, 0, eight, i * 512 * 512, slice.length);
		infer("CNN 512², batch 8", cnn, eight, 8, 2, 10);
		infer("U-Net 512², one 512 tile", unet, slice, 1, 2, 10);
		infer("U-Net 512², 256 tiles overlap 32 (3×3 tiles)", tiled, slice, 1, 1, 5);

		// -- RSS over repeated inferences --
		rss("CNN 512²", cnn, slice, 512, reps);
		float[] small = SyntheticBlobs.scene(256, 256, 3, 2);
		rss("U-Net 256²", unet, small, 256, reps);
		cnn.close();
		unet.close();
		tiled.close();
		System.out.printf(Locale.ROOT, "VmRSS after closing: %d MB; VmHWM (peak) %d MB%n", status("VmRSS") / 1024, status("VmHWM") / 1024);
	}

	private static void trainSteps(String label, ModelSpec spec, int batch, Path out) throws IOException {
		boolean seg = spec.kind() == ModelSpec.Kind.SEGMENTER;
		TrainingData d = seg ? SyntheticBlobs.segmentation(batch, 256, 3) : SyntheticBlobs.classification(batch, 256, 3);
		float[] x = new float[batch * 256 * 256];
		int[] y = new int[seg ? batch * 256 * 256 : batch];
		for (int i = 0; i < batch; i++) {
			d.image(i, x, i * 256 * 256);
			if (seg) d.mask(i, y, i * 256 * 256);
			else y[i] = d.label(i);
		}
		long b0 = System.nanoTime();
		try (TfTrainingGraph g = new TfTrainingGraph(spec.architecture(), 1, 3, null, 1, 0.2, 1, null)) {
			double build = ms(b0);
			for (int i = 0; i < 2; i++) g.step(x, y, batch, 256, 256, 1e-3f);
			long s0 = System.nanoTime();
			int n = 5;
			for (int i = 0; i < n; i++) g.step(x, y, batch, 256, 256, 1e-3f);
			System.out.printf(Locale.ROOT, "train %s: %,d params, graph %.0f ms, %.0f ms/step (%.1f ms/sample)%n", label,
				g.parameterCount(), build, ms(s0) / n, ms(s0) / n / batch);
			TfModels.export(out, spec, g.weights());
		}
	}

	private static void infer(String label, TfPredictor p, float[] x, int n, int warm, int reps) {
		for (int i = 0; i < warm; i++) p.predict(x, n, 512, 512, 1);
		long t = System.nanoTime();
		for (int i = 0; i < reps; i++) p.predict(x, n, 512, 512, 1);
		System.out.printf(Locale.ROOT, "infer %s: %.1f ms/slice%n", label, ms(t) / reps / n);
	}

	private static void rss(String label, TfPredictor p, float[] x, int size, int reps) throws IOException {
		for (int i = 0; i < 20; i++) p.predict(x, 1, size, size, 1);
		System.gc();
		long before = status("VmRSS");
		long t = System.nanoTime();
		Random r = new Random(1);
		for (int i = 0; i < reps; i++) {
			x[r.nextInt(x.length)] += 0.01f;
			p.predict(x, 1, size, size, 1);
		}
		System.gc();
		long after = status("VmRSS");
		System.out.printf(Locale.ROOT, "RSS %s × %d: %d MB -> %d MB (%+d MB), %.1f ms/inference%n", label, reps, before / 1024,
			after / 1024, (after - before) / 1024, ms(t) / reps);
	}

	/** A /proc/self/status value in kB. */
	private static long status(String key) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status")))
			if (line.startsWith(key + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
		return -1;
	}

	private static double ms(long t0) {
		return (System.nanoTime() - t0) / 1e6;
	}
}
