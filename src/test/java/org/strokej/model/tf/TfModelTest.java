package org.strokej.model.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.model.Architecture;
import org.strokej.model.Augmentation;
import org.strokej.model.ModelLoadException;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;
import org.strokej.model.SyntheticBlobs;
import org.strokej.model.Tiling;
import org.strokej.model.TrainingConfig;
import org.strokej.model.TrainingData;
import org.strokej.model.TrainingListener;
import org.strokej.model.TrainingResult;

/** Trains tiny networks on synthetic blobs, exports, reloads and tiles them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TfModelTest {

	static final List<String> CNN_CLASSES = List.of("normal", "hemorrhagic", "ischemic");
	static final List<String> SEG_CLASSES = List.of("background", "hemorrhage", "ischemia");

	@TempDir
	static Path tmp;

	TrainingResult cnn;
	List<TrainingListener.EpochStats> cnnEpochs = new ArrayList<>();
	int cnnSteps;
	TrainingResult unet;

	static ModelSpec cnnSpec(int size) {
		return new ModelSpec("cnn-test", ModelSpec.Kind.CLASSIFIER, "0.1", new ModelSpec.Input("yxc", size, size, 1, null, 0),
			List.of(Map.of("op", "window", "level", 40, "width", 80)), CNN_CLASSES, ModelSpec.OutputKind.PROBABILITIES,
			Map.of(), null, Architecture.cnn(8, 16, 32), null, null, null);
	}

	static ModelSpec unetSpec(int size, int tile, int overlap) {
		return new ModelSpec("unet-test", ModelSpec.Kind.SEGMENTER, "0.1", new ModelSpec.Input("yxc", size, size, 1, null, 0),
			List.of(), SEG_CLASSES, ModelSpec.OutputKind.PROBABILITIES, Map.of(), new ModelSpec.TilingSpec(tile, overlap, 8),
			Architecture.unet(8, 16, 32, 32), null, null, null);
	}

	@BeforeAll
	void train() throws IOException {
		TrainingConfig cfg = TrainingConfig.defaults().withEpochs(12).withBatchSize(16).withLearningRate(3e-3,
			TrainingConfig.Schedule.CONSTANT).withDropout(0.2).withPatience(0).withValidationFraction(0.2).withSeed(3)
			.withAugmentation(new Augmentation.Settings(true, true, 0, 0, 0.05, 0.02));
		cnn = new TfTrainer().train(cnnSpec(32), cfg, SyntheticBlobs.classification(360, 32, 1), null, null, tmp.resolve("cnn"),
			new TrainingListener() {
				@Override public void step(int epoch, int step, int steps, double loss, double eta) { cnnSteps++; }
				@Override public void epoch(EpochStats s) { cnnEpochs.add(s); }
			}, null);
		TrainingConfig ucfg = TrainingConfig.defaults().withEpochs(10).withBatchSize(8).withLearningRate(3e-3,
			TrainingConfig.Schedule.COSINE).withDropout(0.1).withPatience(0).withValidationFraction(0.2).withSeed(5)
			.withAugmentation(new Augmentation.Settings(true, false, 0, 0, 0, 0));
		unet = new TfTrainer().train(unetSpec(32, 32, 8), ucfg, SyntheticBlobs.segmentation(240, 32, 2), null, null,
			tmp.resolve("unet"), null, null);
		System.out.println("CNN history: " + cnn.history());
		System.out.println("U-Net history: " + unet.history());
	}

	@Test
	void cnnLearnsAndBeatsChanceOnHeldOutData() throws IOException {
		List<TrainingListener.EpochStats> h = cnn.history();
		assertEquals(12, h.size());
		assertEquals(h, cnnEpochs);
		assertTrue(cnnSteps >= 12 * 18, "progress per step: " + cnnSteps);
		assertTrue(h.get(h.size() - 1).trainLoss() < 0.6 * h.get(0).trainLoss(), "train loss falls: " + h);
		TrainingData test = SyntheticBlobs.classification(150, 32, 99);
		try (TfPredictor p = TfPredictor.load(cnn.modelDir())) {
			float[] x = new float[150 * 32 * 32];
			for (int i = 0; i < 150; i++) test.image(i, x, i * 32 * 32);
			float[] prob = p.predict(x, 150, 32, 32, 1);
			assertEquals(150 * 3, prob.length);
			int correct = 0;
			for (int i = 0; i < 150; i++) {
				int arg = 0;
				for (int k = 1; k < 3; k++) if (prob[i * 3 + k] > prob[i * 3 + arg]) arg = k;
				if (arg == test.label(i)) correct++;
				assertEquals(1, prob[i * 3] + prob[i * 3 + 1] + prob[i * 3 + 2], 1e-5);
			}
			assertTrue(correct / 150.0 > 0.8, "held-out accuracy " + correct / 150.0);
		}
		ModelSpec s = ModelSpec.load(cnn.modelDir());
		assertTrue(s.training().metrics().get("val_accuracy") > 0.8, s.training().metrics().toString());
		assertEquals(s.weightsSha256(), ModelSpec.weightsSha256(cnn.modelDir()));
		assertEquals(cnnSpec(32).preprocessingJson(), s.preprocessingJson());
		assertEquals(40L, s.preprocessing().get(0).get("level"));
	}

	/**
	 * Grad-CAM (TensorFlow gradients of the "any blob" log-odds) points at the blob: on held-out
	 * images with a bright or dark blob that the CNN calls positive, the map's peak lies on the blob
	 * (within 1 px) for at least 90 % of them; the map is non-negative and has the input's size.
	 */
	@Test
	void gradCamPeakLiesOnTheBlob() throws IOException {
		TrainingData test = SyntheticBlobs.classification(150, 32, 77);
		try (TfPredictor p = TfPredictor.load(cnn.modelDir())) {
			assertTrue(p.supportsGradCam());
			int hits = 0, total = 0;
			for (int i = 0; i < 150; i++) {
				if (test.label(i) == 0) continue;
				float[] x = new float[32 * 32];
				test.image(i, x, 0);
				float[] prob = p.predict(x, 1, 32, 32, 1);
				if (prob[0] > 0.5) continue; // explain only what the network calls positive
				float[] cam = p.gradCam(x, 1);
				assertEquals(32 * 32, cam.length);
				int best = 0;
				for (int q = 0; q < cam.length; q++) {
					assertTrue(cam[q] >= 0 && Float.isFinite(cam[q]));
					if (cam[q] > cam[best]) best = q;
				}
				total++;
				boolean on = false;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int yy = best / 32 + dy, xx = best % 32 + dx;
						if (yy >= 0 && yy < 32 && xx >= 0 && xx < 32 && Math.abs(x[yy * 32 + xx]) > 0.6) on = true;
					}
				if (on) hits++;
			}
			System.out.println("Grad-CAM peak on the blob: " + hits + " of " + total);
			assertTrue(total >= 60, "positives called positive: " + total);
			assertTrue(hits >= 0.9 * total, hits + " of " + total + " Grad-CAM peaks on the blob");
		}
	}

	@Test
	void unetLearnsBlobs() throws IOException {
		List<TrainingListener.EpochStats> h = unet.history();
		assertTrue(h.get(h.size() - 1).trainLoss() < 0.5 * h.get(0).trainLoss(), "loss falls: " + h);
		double dice = h.get(unet.bestEpoch()).valMetric();
		assertTrue(dice > 0.5, "validation Dice " + dice);
		assertEquals(dice, unet.spec().training().metrics().get("val_dice"), 1e-9);
	}

	@Test
	void exportedModelReproducesTheTrainingGraph() throws IOException {
		for (boolean seg : new boolean[] { false, true }) {
			ModelSpec spec = seg ? unetSpec(32, 32, 8) : cnnSpec(32);
			TrainingData d = seg ? SyntheticBlobs.segmentation(8, 32, 4) : SyntheticBlobs.classification(8, 32, 4);
			float[] x = new float[8 * 32 * 32];
			int[] y = new int[seg ? 8 * 32 * 32 : 8];
			for (int i = 0; i < 8; i++) {
				d.image(i, x, i * 32 * 32);
				if (seg) d.mask(i, y, i * 32 * 32);
				else y[i] = d.label(i);
			}
			Path dir = tmp.resolve(seg ? "same-unet" : "same-cnn");
			float[] expected;
			try (TfTrainingGraph g = new TfTrainingGraph(spec.architecture(), 1, 3, null, 1, 0.5, 1, null)) {
				for (int s = 0; s < 3; s++) g.step(x, y, 8, 32, 32, 1e-3f);
				expected = g.predict(x, 8, 32, 32);
				TfModels.export(dir, spec, g.weights());
			}
			try (TfPredictor p = TfPredictor.load(dir)) {
				float[] actual = p.predict(x, 8, 32, 32, 1);
				assertEquals(expected.length, actual.length);
				float max = 0;
				for (int i = 0; i < actual.length; i++) max = Math.max(max, Math.abs(actual[i] - expected[i]));
				assertTrue(max < 1e-6f, (seg ? "U-Net" : "CNN") + " max abs difference " + max);
			}
			long bytes = Files.walk(dir).filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
			assertTrue(bytes < 2_000_000, "inference-only export is small: " + bytes);
		}
	}

	@Test
	void tiledSegmentationMatchesWholeImage() throws IOException {
		try (TfPredictor p = TfPredictor.load(unet.modelDir())) {
			// fits in one tile (32): tiled == untiled
			float[] small = SyntheticBlobs.scene(32, 32, 2, 11);
			float[] a = p.predict(small, 1, 32, 32, 1);
			float[] b = p.run(small, 1, 32, 32, 1);
			float max = 0;
			for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
			assertEquals(0f, max, 0f);
		}
		// larger image: tiles vs one pass over the whole image
		Path dir = tmp.resolve("unet-tiles");
		// 96-pixel tiles, 32 overlap: 2 × 3 tiles. The U-Net sees about ±90 pixels, more than a tile's margin, so
		// tiled and whole-image outputs differ slightly where a tile lacks context; blending keeps it seamless.
		TfModels.export(dir, unetSpec(32, 96, 32), TfModels.readWeights(unet.modelDir()));
		try (TfPredictor p = TfPredictor.load(dir)) {
			int h = 160, w = 192;
			float[] img = SyntheticBlobs.scene(h, w, 12, 12);
			float[] tiled = p.predict(img, 1, h, w, 1);
			float[] whole = p.run(img, 1, h, w, 1);
			double max = 0, mean = 0;
			int labelDiff = 0;
			for (int px = 0; px < h * w; px++) {
				int at = 0, aw = 0;
				for (int k = 0; k < 3; k++) {
					double d = Math.abs(tiled[px * 3 + k] - whole[px * 3 + k]);
					max = Math.max(max, d);
					mean += d;
					if (tiled[px * 3 + k] > tiled[px * 3 + at]) at = k;
					if (whole[px * 3 + k] > whole[px * 3 + aw]) aw = k;
				}
				// labels may flip where the whole-image call is a near tie; count only confident pixels
				double second = 0;
				for (int k = 0; k < 3; k++)
					if (k != aw) second = Math.max(second, whole[px * 3 + k]);
				if (at != aw && whole[px * 3 + aw] - second > 0.2) labelDiff++;
			}
			mean /= h * w * 3;
			System.out.println("tiled vs whole: max " + max + ", mean " + mean + ", label differences " + labelDiff);
			assertEquals(6, Tiling.of(p.spec().tiling()).tiles(h, w).size());
			assertTrue(mean < 2e-3, "mean difference " + mean);
			assertTrue(max < 0.5, "max difference " + max);
			assertTrue(labelDiff <= h * w / 2000, "label differences where the whole image is confident " + labelDiff);
		}
	}

	@Test
	void modelNotMatchingItsSpecFailsClearly() throws IOException {
		Path dir = tmp.resolve("mismatch");
		TfModels.export(dir, cnnSpec(32), TfModels.readWeights(cnn.modelDir()));
		ModelSpec s = ModelSpec.load(dir);
		// spec says 3 channels, network has 1 (hash still valid: model.json is not hashed)
		new ModelSpec(s.name(), s.kind(), s.version(), new ModelSpec.Input("yxc", 32, 32, 3, null, 0), s.preprocessing(), s.classes(),
			s.outputKind(), s.thresholds(), s.tiling(), s.architecture(), s.training(), s.weightsSha256(), s.tf()).write(dir);
		ModelLoadException e = assertThrows(ModelLoadException.class, () -> TfPredictor.load(dir));
		assertEquals(dir + ": model input has 1 channel(s) but model.json says input.channels = 3", e.getMessage());
		// spec size differs from the fixed classifier input
		new ModelSpec(s.name(), s.kind(), s.version(), new ModelSpec.Input("yxc", 64, 64, 1, null, 0), s.preprocessing(), s.classes(),
			s.outputKind(), s.thresholds(), s.tiling(), s.architecture(), s.training(), s.weightsSha256(), s.tf()).write(dir);
		e = assertThrows(ModelLoadException.class, () -> TfPredictor.load(dir));
		assertEquals(dir + ": model input is 32×32 but model.json says input 64×64", e.getMessage());
		// four classes listed, three produced
		new ModelSpec(s.name(), s.kind(), s.version(), s.input(), s.preprocessing(), List.of("a", "b", "c", "d"), s.outputKind(),
			s.thresholds(), s.tiling(), s.architecture(), s.training(), s.weightsSha256(), s.tf()).write(dir);
		e = assertThrows(ModelLoadException.class, () -> TfPredictor.load(dir));
		assertTrue(e.getMessage().endsWith("model output has 3 classes but model.json lists 4 [a, b, c, d]"), e.getMessage());
		// a changed weight file
		s.write(dir);
		TfPredictor.load(dir).close();
		Files.write(dir.resolve("saved_model.pb"), new byte[] { 1, 2, 3 }, java.nio.file.StandardOpenOption.APPEND);
		e = assertThrows(ModelLoadException.class, () -> TfPredictor.load(dir));
		assertTrue(e.getMessage().contains("weights SHA-256 mismatch"), e.getMessage());
	}

	@Test
	void legacyTensorFlowIsRejected() throws Exception {
		assertTrue(TfEnvironment.version().startsWith("2."), TfEnvironment.version());
		TfEnvironment.requireTf2(tmp);
		ModelLoadException e = assertThrows(ModelLoadException.class, () -> TfEnvironment.checkVersion("1.15.0", tmp));
		assertTrue(e.getMessage().contains("legacy TensorFlow 1.15.0 is on the classpath"), e.getMessage());
	}

	@Test
	void cacheSharesOnePredictorAndCloseReleasesIt() throws IOException {
		Predictor a = Predictors.get(cnn.modelDir());
		Predictor b = Predictors.get(cnn.modelDir().resolve("."));
		assertTrue(a == b);
		assertTrue(a instanceof TfPredictor);
		float[] x = new float[32 * 32];
		assertEquals(3, a.predict(x, 1, 32, 32, 1).length);
		Predictors.closeAll();
		assertThrows(IllegalStateException.class, () -> a.predict(x, 1, 32, 32, 1));
		Predictor c = Predictors.get(cnn.modelDir());
		assertFalse(c == a);
		Predictors.close(cnn.modelDir());
	}

	@Test
	void classifierResizesOtherSizesAndRejectsWrongChannels() throws IOException {
		try (TfPredictor p = TfPredictor.load(cnn.modelDir())) {
			float[] big = new float[64 * 64];
			float[] small = new float[32 * 32];
			float[] a = p.predict(big, 1, 64, 64, 1), b = p.predict(small, 1, 32, 32, 1);
			for (int k = 0; k < 3; k++) assertEquals(b[k], a[k], 1e-6f, "a constant image resized is the same image");
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[32 * 32 * 3], 1, 32, 32, 3));
			assertTrue(e.getMessage().endsWith("input has 3 channel(s) but the model needs 1"), e.getMessage());
		}
	}

	@Test
	void earlyStoppingKeepsTheBestEpoch() throws IOException {
		// a learning rate far below float resolution leaves the weights unchanged: validation never improves after epoch 0
		TrainingConfig cfg = TrainingConfig.defaults().withEpochs(10).withBatchSize(16).withLearningRate(1e-12,
			TrainingConfig.Schedule.CONSTANT).withDropout(0).withPatience(2).withValidationFraction(0.25)
			.withAugmentation(Augmentation.Settings.none());
		TrainingResult r = new TfTrainer().train(cnnSpec(32), cfg, SyntheticBlobs.classification(48, 32, 8), null, null,
			tmp.resolve("early"), null, null);
		assertTrue(r.stoppedEarly());
		assertFalse(r.cancelled());
		assertEquals(3, r.history().size());
		assertEquals(0, r.bestEpoch());
		assertEquals(r.history().get(0).valLoss(), r.history().get(2).valLoss(), 0);
		assertEquals(0.0, r.spec().training().metrics().get("best_epoch"));
	}

	@Test
	void fineTuningStartsFromTheExportedWeightsAndCancelStopsEarly() throws IOException {
		TrainingData data = SyntheticBlobs.classification(60, 32, 7);
		AtomicInteger steps = new AtomicInteger();
		TrainingConfig cfg = TrainingConfig.defaults().withEpochs(5).withBatchSize(20).withValidationFraction(0.3)
			.withAugmentation(Augmentation.Settings.none());
		TrainingResult r = new TfTrainer().train(cnnSpec(32), cfg, data, null, cnn.modelDir(), tmp.resolve("fine"),
			new TrainingListener() {
				@Override public void step(int e, int s, int n, double l, double eta) { steps.incrementAndGet(); }
			}, () -> steps.get() >= 3);
		assertTrue(r.cancelled());
		assertEquals(3, steps.get());
		// the first epoch's validation accuracy of a fine-tuned model is already high (a fresh one is at chance)
		double firstVal = r.history().isEmpty() ? Double.NaN : r.history().get(0).valMetric();
		assertTrue(r.history().size() <= 2);
		assertTrue(firstVal > 0.8, "fine-tuned start accuracy " + firstVal + " " + r.history());
		assertTrue(Files.isRegularFile(r.modelDir().resolve("model.json")));
		// another architecture cannot be fine-tuned
		ModelSpec other = new ModelSpec("other", ModelSpec.Kind.CLASSIFIER, "0", cnnSpec(32).input(), List.of(), CNN_CLASSES, null, Map.of(),
			null, Architecture.cnn(8, 16), null, null, null);
		Map<String, float[]> w;
		try (TfTrainingGraph g = new TfTrainingGraph(other.architecture(), 1, 3, null, 1, 0, 1, null)) {
			w = g.weights();
		}
		Path otherDir = tmp.resolve("other");
		TfModels.export(otherDir, other, w);
		ModelLoadException e = assertThrows(ModelLoadException.class, () -> new TfTrainer().train(cnnSpec(32), cfg, data, null, otherDir,
			tmp.resolve("fine2"), null, null));
		assertTrue(e.getMessage().startsWith(otherDir + ": cannot fine-tune: its architecture"), e.getMessage());
		// export refuses a non-empty folder
		IOException full = assertThrows(IOException.class, () -> TfModels.export(otherDir, other, w));
		assertTrue(full.getMessage().endsWith("output folder is not empty; choose a new folder"), full.getMessage());
	}
}
