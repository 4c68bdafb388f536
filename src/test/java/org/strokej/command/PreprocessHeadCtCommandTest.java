package org.strokej.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.Window;
import org.strokej.core.preprocess.Windows;
import org.strokej.ij1.ImagePlusAdapter;

/** Preprocess Head CT through SciJava's CommandService on a phantom with known HU. */
class PreprocessHeadCtCommandTest {

	private static Phantom phantom;

	@BeforeAll
	static void generate() {
		phantom = PhantomGenerator.generate(PhantomSettings.builder().size(128, 128, 1).seed(5)
			.lesions(LesionKind.HEMORRHAGE, 1).build());
	}

	private static ImagePlus input() {
		return ImagePlusAdapter.toImagePlus(phantom.hu(), "ct");
	}

	private static CommandModule run(Context c, ImagePlus in, String window, boolean brainMask,
		boolean crop, String normalize, String equalize, int resize, boolean align,
		String denoise) throws Exception
	{
		return c.service(CommandService.class).run(PreprocessHeadCtCommand.class, true, "input",
			in, "window", window, "brain_mask", brainMask, "crop", crop, "normalize", normalize,
			"equalize", equalize, "resize", resize, "align_midline", align, "denoise", denoise)
			.get();
	}

	@Test
	void brainWindowMapsHuOntoZeroToOneAndKeepsGeometry() throws Exception {
		ImagePlus in = input();
		float[] before = ((float[]) in.getProcessor().getPixels()).clone();
		try (Context c = new Context(CommandService.class)) {
			CommandModule m = run(c, in, "brain", false, false, "none", "none", 0, false, "none");
			assertFalse(m.isCanceled(), m.getCancelReason());
			ImagePlus out = (ImagePlus) m.getOutput("output");
			assertEquals("ct-preprocessed", out.getTitle());
			assertEquals(128, out.getWidth());
			float[] expected = Windows.apply(phantom.hu().slice(0), Window.BRAIN);
			assertArrayEquals(expected, (float[]) out.getProcessor().getPixels());
			FloatProcessor fp = (FloatProcessor) out.getProcessor();
			assertEquals(0, fp.getMin(), 0);
			assertEquals(1, fp.getMax(), 0);
			assertEquals(230.0 / 128, out.getCalibration().pixelWidth, 1e-12);
			assertEquals("mm", out.getCalibration().getUnit());
			assertNull(m.getOutput("mask"));
		}
		assertArrayEquals(before, (float[]) in.getProcessor().getPixels(), "input modified");
	}

	@Test
	void skullStripCropAndResizeGiveTheSizeAndMaskAsConfigured() throws Exception {
		ImagePlus in = input();
		try (Context c = new Context(CommandService.class)) {
			CommandModule m = run(c, in, "stroke", true, true, "none", "none", 64, false, "none");
			assertFalse(m.isCanceled(), m.getCancelReason());
			ImagePlus out = (ImagePlus) m.getOutput("output");
			ImagePlus mask = (ImagePlus) m.getOutput("mask");
			assertEquals(64, out.getWidth());
			assertEquals(64, out.getHeight());
			assertEquals("ct-brainmask", mask.getTitle());
			assertEquals(ImagePlus.GRAY8, mask.getType());
			assertEquals(64, mask.getWidth());
			// The same pipeline run directly gives the same values
			Volume direct = PreprocessHeadCtCommand.pipeline("stroke", true, true, "none", "none", 64,
				false, "none").run(phantom.hu()).volume();
			assertArrayEquals(direct.data(), (float[]) out.getProcessor().getPixels());
			assertEquals(direct.spacing()[0], out.getCalibration().pixelWidth, 1e-12);
			// Cropped to the brain, then 64 pixels: pixels are larger than the input's
			assertTrue(out.getCalibration().pixelWidth > 230.0 / 128);
			// Mask is 0/255, covers part of the image, and the output is 0 outside it (but on the
			// rim, where the linear resize of the image mixes in brain values)
			byte[] mp = (byte[]) mask.getProcessor().getPixels();
			float[] op = (float[]) out.getProcessor().getPixels();
			int inside = 0, outside = 0, outsideZero = 0;
			for (int i = 0; i < mp.length; i++) {
				int v = mp[i] & 0xff;
				assertTrue(v == 0 || v == 255);
				if (v == 255) inside++;
				else {
					outside++;
					if (op[i] == 0) outsideZero++;
				}
			}
			assertTrue(inside > mp.length / 4 && inside < mp.length, "brain pixels " + inside);
			assertTrue(outsideZero > 0.8 * outside, outsideZero + " of " + outside + " are 0");
		}
	}

	@Test
	void zscoreAndDenoiseAreApplied() throws Exception {
		try (Context c = new Context(CommandService.class)) {
			CommandModule m = run(c, input(), "none", true, false, "zscore", "none", 0, false,
				"gaussian");
			float[] op = (float[]) ((ImagePlus) m.getOutput("output")).getProcessor().getPixels();
			byte[] mp = (byte[]) ((ImagePlus) m.getOutput("mask")).getProcessor().getPixels();
			double sum = 0, sq = 0;
			int n = 0;
			for (int i = 0; i < op.length; i++) {
				if (mp[i] == 0) continue;
				sum += op[i];
				sq += op[i] * op[i];
				n++;
			}
			double mean = sum / n;
			assertEquals(0, mean, 1e-3);
			assertEquals(1, Math.sqrt(sq / n - mean * mean), 1e-2);
		}
	}

	@Test
	void invalidInputCancelsWithAReason() throws Exception {
		try (Context c = new Context(CommandService.class)) {
			ImagePlus arbitrary = new ImagePlus("x", new FloatProcessor(32, 32));
			CommandModule m = run(c, arbitrary, "brain", true, false, "none", "none", 0, false,
				"none");
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason().contains("brain_mask"), m.getCancelReason());

			CommandModule bad = run(c, input(), "lung", false, false, "none", "none", 0, false,
				"none");
			assertTrue(bad.isCanceled());
			assertTrue(bad.getCancelReason().contains("lung"), bad.getCancelReason());
		}
	}

	@Test
	void pipelineStepsFollowTheFixedOrder() {
		PreprocessPipeline p = PreprocessHeadCtCommand.pipeline("brain", true, true, "percentile",
			"clahe", 96, true, "median");
		assertEquals(java.util.List.of("median", "window", "brain_mask", "align_midline", "crop",
			"resize", "normalize", "equalize"), p.steps().stream().map(s -> s.op()).toList());
		assertTrue(PreprocessHeadCtCommand.pipeline("none", false, false, "none", "none", 0, false,
			"none").steps().isEmpty());
	}
}
