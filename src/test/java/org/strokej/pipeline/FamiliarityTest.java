package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.TinyModels;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;

/**
 * The familiarity reference: computed from training slices it ranks 99 % of them at or below 1,
 * survives a round trip through its file (which is not part of the weights hash), puts noise and
 * contrast-inverted slices above 1, and still reads references that hold features only.
 */
class FamiliarityTest {

	@TempDir
	Path tmp;

	@Test
	void trainingSlicesAreFamiliarNoiseIsNot() throws IOException {
		Predictor cnn = Predictors.get(TinyModels.dir().resolve("cnn"));
		int size = cnn.spec().input().height();
		PreprocessPipeline p = PreprocessPipeline.fromJson(cnn.spec().preprocessingJson());
		Trainer.Prepared data = Trainer.prepare(Trainer.phantoms(10, 5000, LesionKind.NONE, LesionKind.HEMORRHAGE,
			LesionKind.ISCHEMIA), p, size, false, null);
		Familiarity f = Familiarity.compute(cnn, data);
		assertEquals(data.size(), f.samples());
		float[] all = new float[data.size() * size * size];
		for (int i = 0; i < data.size(); i++)
			data.image(i, all, i * size * size);
		double[] u = f.unfamiliarity(cnn, all, data.size());
		int above = 0;
		for (double v : u)
			if (v > 1 + 1e-9) above++;
		assertTrue(above <= Math.ceil(0.01 * u.length), above + " of " + u.length + " training slices above 1");

		SplittableRandom r = new SplittableRandom(3);
		float[] noise = new float[size * size];
		for (int i = 0; i < noise.length; i++)
			noise[i] = (float) r.nextDouble();
		assertTrue(f.unfamiliarity(cnn, noise, 1)[0] > 1, "uniform noise in [0, 1) looks familiar");

		// the same slices with inverted contrast (as an MR-like image would come): the network may find
		// its features familiar, the intensity profile does not
		float[] inverted = all.clone();
		for (int i = 0; i < inverted.length; i++)
			if (inverted[i] > 0) inverted[i] = Math.max(0.01f, 1 - inverted[i]);
		double[] ui = f.unfamiliarity(cnn, inverted, data.size());
		int flagged = 0, byProfile = 0;
		for (int i = 0; i < ui.length; i++) {
			if (ui[i] > 1) flagged++;
			// the intensity profile on its own, whatever the network's features say
			if (f.intensities().score(Familiarity.intensityProfile(inverted, i * size * size, size * size, 1), 0) > f
				.intensities().threshold()) byProfile++;
		}
		assertTrue(flagged >= 0.9 * ui.length, flagged + " of " + ui.length + " inverted slices flagged");
		assertTrue(byProfile >= 0.9 * ui.length, byProfile + " of " + ui.length + " inverted slices flagged by the " +
			"intensity profile");

		Path dir = Files.createDirectories(tmp.resolve("m"));
		f.write(dir);
		assertEquals(f, Familiarity.load(dir));
		assertNull(Familiarity.load(tmp));
		// a reference written before the intensity profile existed: features only, used as it is
		Files.writeString(dir.resolve(ModelSpec.DERIVED_FILE), "{\"samples\": 3, \"score_p99\": 2.0, " +
			"\"feature_mean\": [1, 2], \"feature_sd\": [1, 1]}");
		Familiarity old = Familiarity.load(dir);
		assertNull(old.intensities());
		assertEquals(1, old.scale());
		assertEquals(2.0, old.features().threshold());
		Files.writeString(dir.resolve(ModelSpec.DERIVED_FILE), "{\"feature_mean\": [1]}");
		IOException e = assertThrows(IOException.class, () -> Familiarity.load(dir));
		assertTrue(e.getMessage().contains(ModelSpec.DERIVED_FILE), e.getMessage());
	}
}
