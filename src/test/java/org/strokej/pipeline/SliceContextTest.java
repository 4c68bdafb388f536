package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.core.data.Sample;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;
import org.strokej.model.TrainingConfig;

/** Context slices ("2.5D" classifier input): which slices, one crop for all, training and inference alike. */
class SliceContextTest {

	/** A 4×4 volume whose slice z holds the value z. */
	private static Volume numbered(int nz, double dz) {
		float[] d = new float[16 * nz];
		for (int i = 0; i < d.length; i++)
			d[i] = i / 16;
		return Volume.of(d, 4, 4, nz, new double[] { 1, 1, dz }, new ImageMetadata("CT", "test", ValueUnit.HU, "test"));
	}

	private static float[] firstPerSlice(Volume v) {
		float[] out = new float[v.nz()];
		for (int z = 0; z < v.nz(); z++)
			out[z] = v.slice(z)[0];
		return out;
	}

	@Test
	void neighboursAreAboutFiveMillimetresApartAndTheEndsRepeat() {
		assertArrayEquals(new float[] { 0, 0, 1 }, firstPerSlice(SliceContext.around(numbered(6, 5), 0, 1)));
		assertArrayEquals(new float[] { 2, 3, 4 }, firstPerSlice(SliceContext.around(numbered(6, 5), 3, 1)));
		assertArrayEquals(new float[] { 4, 5, 5 }, firstPerSlice(SliceContext.around(numbered(6, 5), 5, 1)));
		// thin slices: 1.25 mm apart, so every 4th slice is 5 mm away
		assertEquals(4, SliceContext.step(numbered(20, 1.25)));
		assertArrayEquals(new float[] { 6, 10, 14 }, firstPerSlice(SliceContext.around(numbered(20, 1.25), 10, 1)));
		assertArrayEquals(new float[] { 2, 6, 10, 14, 18 }, firstPerSlice(SliceContext.around(numbered(20, 1.25), 10, 2)));
		// thick slices are neighbours anyway
		assertEquals(1, SliceContext.step(numbered(3, 10)));
		assertArrayEquals(new float[] { 3 }, firstPerSlice(SliceContext.around(numbered(6, 5), 3, 0)));
		assertThrows(IndexOutOfBoundsException.class, () -> SliceContext.around(numbered(6, 5), 6, 1));
		assertEquals(3, SliceContext.replicate(StrokeDetector.slice(numbered(6, 5), 2), 1).nz());
	}

	@Test
	void aSingleImageWithCopiesAsContextLooksLikeTheImageAlone() {
		Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(256, 256, 1).spacing(0.9, 0.9, 5).seed(3)
			.lesions(LesionKind.HEMORRHAGE, 1).build());
		PreprocessPipeline pipeline = Trainer.defaultPreprocessing(64);
		PreprocessResult alone = pipeline.run(p.hu());
		PreprocessResult stacked = pipeline.run(SliceContext.replicate(p.hu(), 1));
		List<Volume> ch = SliceContext.channels(stacked);
		assertEquals(3, ch.size());
		for (Volume c : ch)
			assertArrayEquals(alone.volume().data(), c.data(), 1e-6f);
		// maps go back onto the centre slice exactly as the single image's would
		float[] heat = new float[64 * 64];
		for (int i = 0; i < heat.length; i++)
			heat[i] = (i % 64) / 64f;
		assertArrayEquals(alone.mapBack(alone.volume().withData(heat), false).data(), SliceContext.mapBackCentre(
			stacked, heat, false), 1e-6f);
		assertArrayEquals(alone.mapForward(p.labels(), true).data(), SliceContext.mapForwardCentre(stacked, p.labels(),
			true), 1e-6f);
	}

	@Test
	void dataSetSlicesTakeTheirNeighboursBySliceNumber() {
		ImageMetadata md = new ImageMetadata("CT", "PNG", ValueUnit.WINDOWED_8BIT, "", "test", Map.of());
		List<Sample> samples = new ArrayList<>();
		// patient a, slices 3, 1, 2 (out of order); patient b, one slice; c without slice numbers
		for (int[] s : new int[][] { { 3, 30 }, { 1, 10 }, { 2, 20 } })
			samples.add(sample("a-" + s[0], "a", s[0], s[1], md));
		samples.add(sample("b-1", "b", 1, 50, md));
		samples.add(sample("c", "c", -1, 70, md));
		List<Trainer.Source> src = Trainer.fromSamples(samples, 1, 0, 1);
		assertArrayEquals(new float[] { 20, 30, 30 }, firstPerSlice(src.get(0).make().get().image()));
		assertArrayEquals(new float[] { 10, 10, 20 }, firstPerSlice(src.get(1).make().get().image()));
		assertArrayEquals(new float[] { 10, 20, 30 }, firstPerSlice(src.get(2).make().get().image()));
		assertArrayEquals(new float[] { 50, 50, 50 }, firstPerSlice(src.get(3).make().get().image()));
		assertArrayEquals(new float[] { 70, 70, 70 }, firstPerSlice(src.get(4).make().get().image()));
		// the mask stays the centre slice's
		assertEquals(1, src.get(2).make().get().mask().nz());
		// without context: the slice alone
		assertEquals(1, Trainer.fromSamples(samples, 0, 0, 1).get(2).make().get().image().nz());
		// a share of slices train as if alone
		List<Trainer.Source> alone = Trainer.fromSamples(samples, 1, 1.0, 1);
		assertArrayEquals(new float[] { 20, 20, 20 }, firstPerSlice(alone.get(2).make().get().image()));
	}

	private static Sample sample(String id, String group, int slice, int grey, ImageMetadata md) {
		byte[] px = new byte[64 * 64];
		java.util.Arrays.fill(px, (byte) grey);
		return new Sample(id, group, 0, "test", slice, 64, 64, px, new byte[64 * 64], md);
	}

	@Test
	void aContextClassifierTrainsAndRunsOnVolumesAndSingleImages(@TempDir Path tmp) throws Exception {
		int size = 32;
		PreprocessPipeline p = Trainer.defaultPreprocessing(size);
		List<Trainer.Source> src = Trainer.phantoms(4, 42, 1, LesionKind.NONE, LesionKind.HEMORRHAGE);
		Trainer.Prepared data = Trainer.prepare(src, p, size, false, 1, null);
		assertEquals(3, data.channels());
		// phantom slices come with real neighbours: the channels differ
		float[] x = new float[size * size * 3];
		data.image(0, x, 0);
		boolean differ = false;
		for (int i = 0; i < size * size && !differ; i++)
			differ = x[i * 3] != x[i * 3 + 1];
		assertTrue(differ, "context channels of a 3-slice phantom should differ");
		TrainingConfig cfg = TrainingConfig.defaults().withEpochs(1).withBatchSize(4).withValidationFraction(0)
			.withPatience(0);
		ModelSpec template = Trainer.template(Trainer.Kind.CLASSIFIER, "ctx", size, p, Trainer.defaultArchitecture(
			Trainer.Kind.CLASSIFIER), 1);
		assertEquals(3, template.input().channels());
		assertThrows(IllegalArgumentException.class, () -> Trainer.template(Trainer.Kind.SEGMENTER, "x", size, p, Trainer
			.defaultArchitecture(Trainer.Kind.SEGMENTER), 1));
		Trainer.train(template, cfg, data, null, null, tmp.resolve("cnn"), null, () -> false);
		ModelSpec spec = ModelSpec.load(tmp.resolve("cnn"));
		assertEquals(1, spec.input().contextSlices());
		assertEquals(3, spec.input().channels());

		Predictor cnn = Predictors.get(tmp.resolve("cnn"));
		StrokeDetector det = new StrokeDetector(cnn, null);
		Volume volume = PhantomGenerator.generate(PhantomSettings.builder().size(128, 128, 4).spacing(1.8, 1.8, 5)
			.seed(9).lesions(LesionKind.HEMORRHAGE, 1).build()).hu();
		float[][] probs = det.classify(volume, StrokeDetector.Settings.defaults(), Progress.NONE);
		assertEquals(4, probs.length);
		// a slice of the volume alone is a different input from the slice with its neighbours
		float[][] alone = det.classify(StrokeDetector.slice(volume, 1), StrokeDetector.Settings.defaults(), Progress.NONE);
		assertEquals(1, alone.length);
		assertNotEquals(probs[1][0], alone[0][0]);
		Volume heat = Explanations.gradCam(cnn, volume, Progress.NONE);
		assertArrayEquals(volume.dims(), heat.dims());
	}
}
