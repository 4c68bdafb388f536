package org.strokej.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {

	static final String JSON = """
		{
		  "name": "unet-test", "kind": "segmenter", "version": "1.0",
		  "input": {"axes": "yxc", "height": 64, "width": 64, "channels": 1, "spacing_mm": [0.5, 0.5], "context_slices": 0},
		  "preprocessing": [{"op": "window", "level": 40, "width": 80}, {"op": "normalize"}],
		  "classes": ["background", "hemorrhage", "ischemia"],
		  "output": {"kind": "label_probabilities"},
		  "thresholds": {"hemorrhage": 0.5},
		  "tiling": {"tile_size": 64, "overlap": 16, "block_multiple": 8},
		  "architecture": {"type": "unet", "filters": [8, 16, 32, 64]},
		  "training": {"data": "synthetic", "epochs": 3, "seed": 7, "command": "test", "metrics": {"val_dice": 0.7}},
		  "tf": {"signature": "serving_default", "input": "input", "output": "probabilities"}
		}
		""";

	@Test
	void parsesEveryField() {
		ModelSpec s = ModelSpec.parse(JSON);
		assertEquals("unet-test", s.name());
		assertEquals(ModelSpec.Kind.SEGMENTER, s.kind());
		assertEquals(64, s.input().height());
		assertArrayEquals(new double[] { 0.5, 0.5 }, s.input().spacingMm());
		assertEquals(2, s.preprocessing().size());
		assertEquals("window", s.preprocessing().get(0).get("op"));
		assertEquals(40L, s.preprocessing().get(0).get("level"));
		assertEquals(List.of("background", "hemorrhage", "ischemia"), s.classes());
		assertEquals(ModelSpec.OutputKind.LABEL_PROBABILITIES, s.outputKind());
		assertEquals(0.5, s.thresholds().get("hemorrhage"));
		assertEquals(new ModelSpec.TilingSpec(64, 16, 8), s.tiling());
		assertEquals(Architecture.unet(8, 16, 32, 64), s.architecture());
		assertEquals(8, s.architecture().blockMultiple());
		assertEquals(7, s.training().seed());
		assertEquals(0.7, s.training().metrics().get("val_dice"));
		assertNull(s.weightsSha256());
		assertTrue(s.preprocessingJson().startsWith("[{\"op\":\"window\""));
		assertThrows(UnsupportedOperationException.class, () -> s.preprocessing().get(0).put("x", 1));
	}

	@Test
	void writeThenLoadRoundTrips(@TempDir Path dir) throws IOException {
		ModelSpec s = ModelSpec.parse(JSON);
		s.write(dir);
		ModelSpec back = ModelSpec.load(dir);
		assertEquals(s.toJson(), back.toJson());
		assertEquals(s, back);
		assertEquals(s.tiling(), back.tiling());
		assertEquals(s.preprocessing(), back.preprocessing());
		try (var files = Files.list(dir)) {
			assertEquals(List.of(dir.resolve("model.json")), files.toList(), "no temp files left");
		}
	}

	@Test
	void missingFieldIsNamed(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("model.json"), JSON.replace("\"name\": \"unet-test\",", ""));
		ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelSpec.load(dir));
		assertEquals(dir.resolve("model.json") + ": name is missing", e.getMessage());
		Files.writeString(dir.resolve("model.json"), JSON.replace("\"channels\": 1,", ""));
		e = assertThrows(ModelLoadException.class, () -> ModelSpec.load(dir));
		assertTrue(e.getMessage().endsWith("model.json: input.channels is missing"), e.getMessage());
	}

	@Test
	void badValuesAreExplained() {
		assertEquals("model.json: input.height must be a positive multiple of 8, not 60",
			assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(JSON.replace("\"height\": 64", "\"height\": 60"))).getMessage());
		assertEquals("model.json: input.channels must be 1 or 3, not 2",
			assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(JSON.replace("\"channels\": 1", "\"channels\": 2"))).getMessage());
		assertEquals("model.json: kind must be \"classifier\" or \"segmenter\", not \"detector\"",
			assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(JSON.replace("\"segmenter\"", "\"detector\""))).getMessage());
		assertEquals("model.json: classes must name at least 2 classes",
			assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(JSON.replace("\"background\", \"hemorrhage\", \"ischemia\"", "\"x\""))).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("{ not json")).getMessage().startsWith("model.json: invalid JSON"));
		assertEquals("model.json: input.channels must be 2 * context_slices + 1 = 5, not 1",
			assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(JSON.replace("\"context_slices\": 0", "\"context_slices\": 2"))).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(JSON.replace("\"overlap\": 16", "\"overlap\": 40"))).getMessage()
			.contains("tiling.overlap"));
	}

	@Test
	void weightsHashFollowsTheDocumentedOrderAndDetectsChanges(@TempDir Path dir) throws Exception {
		Files.createDirectories(dir.resolve("variables"));
		Files.writeString(dir.resolve("saved_model.pb"), "graph");
		Files.writeString(dir.resolve("variables/variables.index"), "idx");
		Files.writeString(dir.resolve("MODEL_CARD.md"), "card (not hashed)");
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		for (String[] f : new String[][] { { "saved_model.pb", "graph" }, { "variables/variables.index", "idx" } }) {
			md.update(f[0].getBytes(StandardCharsets.UTF_8));
			md.update((byte) 0);
			byte[] b = f[1].getBytes(StandardCharsets.UTF_8);
			for (int i = 7; i >= 0; i--) md.update((byte) ((long) b.length >>> (8 * i)));
			md.update(b);
		}
		String expected = HexFormat.of().formatHex(md.digest());
		assertEquals(expected, ModelSpec.weightsSha256(dir));
		ModelSpec s = ModelSpec.parse(JSON).withWeightsSha256(expected);
		s.write(dir);
		assertEquals(expected, ModelSpec.load(dir).weightsSha256(), "model.json itself is not hashed");
		Files.writeString(dir.resolve("MODEL_CARD.md"), "edited card");
		ModelSpec.load(dir);
		Files.writeString(dir.resolve("variables/variables.index"), "idy");
		ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelSpec.load(dir));
		assertTrue(e.getMessage().startsWith(dir + ": weights SHA-256 mismatch: model.json says " + expected), e.getMessage());
		assertNotEquals(expected, ModelSpec.weightsSha256(dir));
	}

	@Test
	void notAModelFolder(@TempDir Path dir) {
		ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelSpec.load(dir));
		assertEquals(dir.resolve("model.json") + ": missing (a model folder needs model.json)", e.getMessage());
	}

	@Test
	void cacheReturnsOneInstancePerFolderAndClosesIt(@TempDir Path dir) throws IOException {
		ModelSpec.parse(JSON).write(dir);
		int[] loads = { 0 };
		PredictorFactory fake = new PredictorFactory() {
			@Override public boolean accepts(ModelSpec spec) { return true; }
			@Override public Predictor load(Path d) throws IOException {
				loads[0]++;
				ModelSpec spec = ModelSpec.load(d);
				return new Predictor() {
					boolean closed;
					@Override public ModelSpec spec() { return spec; }
					@Override public float[] predict(float[] b, int n, int h, int w, int c) {
						if (closed) throw new IllegalStateException("closed");
						return new float[n * h * w * spec.numClasses()];
					}
					@Override public void close() { closed = true; }
				};
			}
		};
		Predictor a = Predictors.get(dir, fake);
		Predictor b = Predictors.get(dir.resolve(".").resolve("x").resolve(".."), fake);
		assertTrue(a == b, "same instance for the same folder");
		assertEquals(1, loads[0]);
		assertTrue(Predictors.isLoaded(dir));
		Predictors.closeAll();
		assertTrue(!Predictors.isLoaded(dir));
		assertThrows(IllegalStateException.class, () -> a.predict(new float[1], 1, 1, 1, 1));
		Predictor c = Predictors.get(dir, fake);
		assertTrue(c != a);
		assertEquals(2, loads[0]);
		Predictors.close(dir);
	}

	@Test
	void concurrentCallersShareOneLoad(@TempDir Path dir) throws Exception {
		ModelSpec.parse(JSON).write(dir);
		java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
		PredictorFactory slow = new PredictorFactory() {
			@Override public boolean accepts(ModelSpec spec) { return true; }
			@Override public Predictor load(Path d) throws IOException {
				loads.incrementAndGet();
				try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
				ModelSpec spec = ModelSpec.load(d);
				return new Predictor() {
					@Override public ModelSpec spec() { return spec; }
					@Override public float[] predict(float[] b, int n, int h, int w, int c) { return b; }
					@Override public void close() {}
				};
			}
		};
		var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Predictor>> fs = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> Predictors.get(dir, slow)));
			Predictor first = fs.get(0).get();
			for (var f : fs) assertTrue(f.get() == first);
			assertEquals(1, loads.get());
		}
		finally {
			pool.shutdown();
			Predictors.close(dir);
		}
	}

	@Test
	void thresholdsAndMapsAreImmutable() {
		ModelSpec s = ModelSpec.parse(JSON);
		assertThrows(UnsupportedOperationException.class, () -> s.thresholds().put("x", 1.0));
		Map<String, Double> m = s.training().metrics();
		assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1.0));
	}
}
