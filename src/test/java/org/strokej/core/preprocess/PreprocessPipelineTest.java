package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class PreprocessPipelineTest {

	private static Volume head3D() {
		SyntheticHeads a = new SyntheticHeads(160, 1.2, 6, 8, -6, 6, 21);
		SyntheticHeads b = new SyntheticHeads(160, 1.2, 6, 8, -6, 6, 22);
		return SyntheticHeads.stack(160, 1.2, ValueUnit.HU, a.hu, b.hu, SyntheticHeads.air(160, 6, 23));
	}

	@Test
	void jsonRoundTripGivesTheSamePipelineAndResult() {
		PreprocessPipeline p = PreprocessPipeline.of(new PreprocessSteps.WindowStep(Window.BRAIN, Window.of(
			35, 50)), new PreprocessSteps.BrainMaskStep(), new PreprocessSteps.AlignMidlineStep(),
			new PreprocessSteps.CropStep(4, true), new PreprocessSteps.ResizeStep(64, 64, 0,
				Interpolation.CUBIC), new PreprocessSteps.GaussianStep(0.5), new PreprocessSteps.MedianStep(1),
			new PreprocessSteps.EqualizeStep("clahe", 16, 128, 2.5), new PreprocessSteps.NormalizeStep(
				"zscore", 1, 99), new PreprocessSteps.ResampleStep(new double[] { 0, 0, 2.5 },
					Interpolation.LINEAR));
		String json = p.toJson();
		PreprocessPipeline q = PreprocessPipeline.fromJson(json);
		assertEquals(p.describe(), q.describe());
		assertEquals(json, q.toJson());
		assertEquals(p.steps(), q.steps());
		Volume v = head3D();
		PreprocessResult r1 = p.run(v), r2 = q.run(v);
		assertArrayEquals(r1.volume().data(), r2.volume().data(), 0f);
		assertEquals(2, r1.channels().size());
		assertArrayEquals(new int[] { 64, 64, 6 }, r1.volume().dims());
		assertArrayEquals(r1.channels().get(1).data(), r2.channels().get(1).data(), 0f);
		// crop, resize, rotation and z resampling are all undone for the mask
		Volume back = r1.mapBack(r1.mask(), true);
		assertArrayEquals(v.dims(), back.dims());
		assertTrue(Masks.dice(back.data(), BrainExtraction.brainMask(v).data()) > 0.9);
	}

	@Test
	void handWrittenDescriptionsWithPresetsAndDefaults() {
		PreprocessPipeline p = PreprocessPipeline.fromJson("[{\"op\":\"window\",\"preset\":\"stroke\"}," +
			"{\"op\":\"window\",\"windows\":[\"brain\",\"subdural\",{\"level\":600,\"width\":2800}]}," +
			"{\"op\":\"brain_mask\"},{\"op\":\"crop\"},{\"op\":\"resize\",\"width\":128,\"height\":128}," +
			"{\"op\":\"normalize\"},{\"op\":\"equalize\",\"method\":\"global\"}]");
		List<PreprocessStep> s = p.steps();
		assertEquals(new PreprocessSteps.WindowStep(Window.STROKE), s.get(0));
		assertEquals(new PreprocessSteps.WindowStep(Window.BRAIN, Window.SUBDURAL, Window.BONE), s.get(1));
		assertEquals(new PreprocessSteps.BrainMaskStep(), s.get(2));
		assertEquals(new PreprocessSteps.CropStep(5, true), s.get(3));
		assertEquals(new PreprocessSteps.ResizeStep(128, 128, 0, Interpolation.LINEAR), s.get(4));
		assertEquals(new PreprocessSteps.NormalizeStep("percentile", 1, 99.8), s.get(5));
		assertEquals(Map.of("op", "equalize", "method", "global", "block", 64, "bins", 256, "slope", 3.0), s
			.get(6).describe());
		assertEquals(PreprocessPipeline.defaults(128), PreprocessPipeline.fromMaps(PreprocessPipeline
			.defaults(128).describe()));
	}

	@Test
	void badDescriptionsAreRefusedWithAReason() {
		assertThrows(IllegalArgumentException.class, () -> PreprocessPipeline.fromJson("[{\"op\":\"blur\"}]"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreprocessPipeline
			.fromJson("[{\"op\":\"crop\",\"margin\":3}]"));
		assertTrue(e.getMessage().contains("margin"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> PreprocessPipeline.fromJson("[{\"level\":3}]"));
		assertThrows(IllegalArgumentException.class, () -> PreprocessPipeline.fromJson("{\"op\":1}"));
		assertThrows(IllegalArgumentException.class, () -> PreprocessPipeline.fromJson(
			"[{\"op\":\"window\",\"level\":\"40\",\"width\":80}]"));
	}

	@Test
	void defaultPipelineMapsOutputsBackOntoTheInputGrid3D() {
		Volume v = head3D();
		PreprocessResult r = PreprocessPipeline.defaults(96).run(v);
		assertArrayEquals(new int[] { 96, 96, 3 }, r.volume().dims());
		float[] range = r.volume().range();
		assertTrue(range[0] >= 0 && range[1] <= 1);
		Volume mask = r.mask();
		assertNotNull(mask);
		// the mask on the model grid, mapped back, is the brain mask of the input
		Volume full = BrainExtraction.brainMask(v);
		Volume back = r.mapBack(mask, true);
		assertArrayEquals(v.dims(), back.dims());
		assertArrayEquals(v.affine(), back.affine(), 1e-6);
		assertTrue(Masks.dice(back.data(), full.data()) > 0.97, "Dice " + Masks.dice(back.data(), full
			.data()));
		// the empty third slice stays empty, and the brain fills the model input
		int n = 96 * 96;
		for (int i = 2 * n; i < 3 * n; i++)
			assertEquals(0f, mask.data()[i], 0f);
		int inMask = 0;
		for (int i = 0; i < n; i++)
			if (mask.data()[i] > 0) inMask++;
		// square box around the brain ellipse (semi-axes 62 x 78 mm, tilted 6°: half-height 77.8 mm)
		// plus 5 mm margins: the ellipse covers pi*62*78 / (2*77.8 + 10)² = 55 % of it
		assertEquals(0.554, inMask / (double) n, 0.02, "brain fraction of the model input");
		// an image (probabilities) maps back linearly and outside the crop is 0
		Volume ones = r.volume().withData(filled(r.volume().data().length, 1f));
		Volume ob = r.mapBack(ones, false);
		assertEquals(0f, ob.get(0, 0, 0), 0f);
		assertEquals(1f, ob.get(88, 74, 1), 1e-6f);
		assertThrows(IllegalArgumentException.class, () -> r.mapBack(v, true));
	}

	@Test
	void labelsRoundTripThroughCropAndIntegerResizeExactly2D() {
		SyntheticHeads h = new SyntheticHeads(128, 1.5, 0, 0, 0, 0, 31);
		Volume v = h.volume();
		PreprocessPipeline p = PreprocessPipeline.of(new PreprocessSteps.BrainMaskStep(BrainExtraction.DEFAULTS,
			false, 0), new PreprocessSteps.CropStep(0, false));
		PreprocessResult r = p.run(v);
		CropBox b = Crops.boundingBox(BrainExtraction.brainMask(v), 0, false);
		// resize by exactly 2 and back on a cropped label image built from 2x2 blocks
		Volume crop = r.volume();
		int w = crop.nx(), hh = crop.ny();
		PreprocessPipeline up = PreprocessPipeline.of(new PreprocessSteps.BrainMaskStep(BrainExtraction.DEFAULTS,
			false, 0), new PreprocessSteps.CropStep(0, false), new PreprocessSteps.ResizeStep(2 * w, 2 * hh, 0,
				Interpolation.LINEAR));
		PreprocessResult ru = up.run(v);
		float[] lab = new float[4 * w * hh];
		for (int y = 0; y < 2 * hh; y++)
			for (int x = 0; x < 2 * w; x++)
				lab[y * 2 * w + x] = (x / 2 + y / 2) % 3;
		Volume back = ru.mapBack(ru.volume().withData(lab), true);
		for (int y = 0; y < 128; y++)
			for (int x = 0; x < 128; x++) {
				boolean in = x >= b.x0() && x < b.x0() + b.width() && y >= b.y0() && y < b.y0() + b.height();
				float expect = in ? ((x - b.x0()) + (y - b.y0())) % 3 : 0;
				assertEquals(expect, back.get(x, y, 0), 0f, x + "," + y);
			}
	}

	@Test
	void windowFirstStillMasksFromHuAndEightBitWorks() {
		SyntheticHeads h = new SyntheticHeads(128, 1.5, 0, 0, 0, 4, 41);
		PreprocessResult hu = PreprocessPipeline.defaults(64).run(h.volume());
		PreprocessResult g8 = PreprocessPipeline.defaults(64).run(h.windowed8bit());
		assertTrue(Masks.dice(hu.mask().data(), g8.mask().data()) > 0.95);
		double diff = 0;
		for (int i = 0; i < 64 * 64; i++)
			diff += Math.abs(hu.volume().data()[i] - g8.volume().data()[i]);
		assertTrue(diff / (64 * 64) < 0.02, "HU and 8-bit inputs give the same model input: " + diff / 4096);
	}

	@Test
	void alignMidlineRotatesUprightAndMapsBack() {
		SyntheticHeads h = new SyntheticHeads(200, 1.0, -14, 5, 3, 6, 51);
		PreprocessPipeline p = PreprocessPipeline.fromJson(
			"[{\"op\":\"brain_mask\",\"apply\":false},{\"op\":\"align_midline\"}]");
		PreprocessResult r = p.run(h.volume());
		// the brain on the output grid is upright
		assertEquals(0, RotationCorrection.estimate(r.mask()).angleDeg(), 1.5);
		SyntheticHeads upright = new SyntheticHeads(200, 1.0, 0, 5, 3, 0, 51);
		assertTrue(Masks.dice(r.mask().data(), upright.brain) > 0.95);
		// and maps back onto the tilted input
		Volume back = r.mapBack(r.mask(), true);
		assertTrue(Masks.dice(back.data(), h.brain) > 0.95);
		assertArrayEquals(h.volume().affine(), back.affine(), 1e-9);
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		Arrays.fill(a, v);
		return a;
	}
}
