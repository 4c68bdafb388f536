package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.strokej.TinyModels;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;

/**
 * Test-time augmentation: views are exact and invertible, intervals bracket the plain prediction,
 * the low-confidence flag means what it says, and (with the bundled classifier) unfamiliar inputs
 * give less stable answers than familiar ones.
 */
class UncertaintyTest {

	@Test
	void viewsAreUndoneExactly() {
		int h = 12, w = 10, k = 2;
		float[] map = new float[h * w * k];
		for (int i = 0; i < map.length; i++)
			map[i] = i;
		for (int v = 0; v < Uncertainty.CLASSIFIER_VIEWS; v++) {
			int[] view = Uncertainty.view(v, 64, true);
			float[] back = Uncertainty.undo(Uncertainty.apply(map, 1, h, w, k, view), 1, h, w, k, view);
			// pixels whose view position fell outside the image repeat the edge; the others are exact
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int x1 = view[0] == 1 ? w - 1 - x : x, x2 = x1 + view[1], y2 = y + view[2];
					if (x2 < 0 || x2 >= w || y2 < 0 || y2 >= h) continue;
					for (int c = 0; c < k; c++)
						assertEquals(map[(y * w + x) * k + c], back[(y * w + x) * k + c], "view " + v);
				}
		}
	}

	@Test
	void flipMirrorsAndShiftMoves() {
		float[] img = { 1, 2, 3, 4, 5, 6 }; // 2 rows × 3 columns, 1 channel
		assertArrayEquals(new float[] { 3, 2, 1, 6, 5, 4 }, Uncertainty.apply(img, 1, 2, 3, 1, new int[] { 1, 0, 0 }));
		assertArrayEquals(new float[] { 1, 1, 2, 4, 4, 5 }, Uncertainty.apply(img, 1, 2, 3, 1, new int[] { 0, 1, 0 }));
		assertArrayEquals(new float[] { 1, 2, 3, 1, 2, 3 }, Uncertainty.apply(img, 1, 2, 3, 1, new int[] { 0, 0, 1 }));
	}

	@Test
	void summaryAndLowConfidence() {
		Uncertainty.SliceInterval s = Uncertainty.summary(new double[] { 0.2, 0.4, 0.6 }, 0.5);
		assertEquals(0.4, s.mean(), 1e-12);
		assertEquals(0.2, s.sd(), 1e-12);
		assertEquals(0.2, s.low(), 1e-12);
		assertEquals(0.6, s.high(), 1e-12);
		assertTrue(s.lowConfidence());
		assertFalse(Uncertainty.summary(new double[] { 0.6, 0.7, 0.9 }, 0.5).lowConfidence());
		assertFalse(Uncertainty.summary(new double[] { 0.1, 0.2, 0.45 }, 0.5).lowConfidence());
	}

	@Test
	void detectorReportsIntervalsAndPixelUncertainty() throws IOException {
		StrokeDetector d = StrokeDetector.load(TinyModels.dir().resolve("cnn"), TinyModels.dir().resolve("unet"), true,
			true);
		Volume ct = PhantomGenerator.generate(PhantomSettings.builder().size(192, 192, 3).spacing(1.2, 1.2, 5).seed(5)
			.lesions(LesionKind.HEMORRHAGE, 1).build()).hu();
		DetectionResult plain = d.detect(ct, "p", StrokeDetector.Settings.defaults().withUncertainty(false, false),
			Progress.NONE);
		assertNull(plain.sliceUncertainty());
		assertNull(plain.lesionUncertainty());
		DetectionResult r = d.detect(ct, "p", StrokeDetector.Settings.defaults().withUncertainty(true, true),
			Progress.NONE);
		assertNotNull(r.lesionUncertainty());
		assertEquals(ct.data().length, r.lesionUncertainty().data().length);
		for (int z = 0; z < ct.nz(); z++) {
			Uncertainty.SliceInterval u = r.sliceUncertainty()[z];
			double p = 1 - r.sliceProbabilities()[z][0];
			assertTrue(u.low() <= p + 1e-6 && p <= u.high() + 1e-6, "slice " + z + ": " + p + " outside " + u);
			assertTrue(u.low() <= u.mean() && u.mean() <= u.high());
		}
		for (float v : r.lesionUncertainty().data())
			assertTrue(v >= 0 && v <= 0.5 + 1e-6, "SD of a probability is at most 0.5: " + v);
		// same probabilities with and without uncertainty
		assertArrayEquals(plain.sliceProbabilities()[1], r.sliceProbabilities()[1], 1e-6f);
	}

	/**
	 * The criterion, with the bundled classifier: out-of-distribution inputs (uniform noise,
	 * an MRI-like image with inverted contrast) are flagged as less certain than in-distribution
	 * phantoms. Test-time augmentation alone does not show it (the network answers noise stably and
	 * confidently), the familiarity reference does: both OOD slices score above every
	 * in-distribution phantom, and both score above 1 (stranger than 99 % of the training slices) and
	 * are marked low confidence. The MRI-like slice is caught by the intensity profile (its
	 * network features alone looked familiar, 0.24, with the 256 px classifier); its warnings also
	 * say "MR image given to CT models".
	 */
	@Test
	void unfamiliarInputsAreFlagged() throws IOException {
		StrokeDetector d = StrokeDetector.load(null, null, true, false);
		assertNotNull(d.familiarity(), "the bundled classifier carries its familiarity reference");
		StrokeDetector.Settings s = StrokeDetector.Settings.defaults();
		double maxIn = 0, sdIn = 0;
		int n = 0, lowIn = 0;
		for (LesionKind kind : new LesionKind[] { LesionKind.NONE, LesionKind.HEMORRHAGE, LesionKind.ISCHEMIA })
			for (long seed = 700_001; seed <= 700_004; seed++, n++) {
				Volume ct = PhantomGenerator.generate(PhantomSettings.builder().size(512, 512, 1).spacing(0.45, 0.45, 5)
					.seed(seed).lesions(kind, 2).build()).hu();
				Uncertainty.SliceInterval u = d.detect(ct, "p", s, Progress.NONE).sliceUncertainty()[0];
				maxIn = Math.max(maxIn, u.unfamiliarity());
				sdIn += u.sd() / 12;
				if (u.unfamiliarity() > 1) lowIn++;
			}
		Volume head = PhantomGenerator.generate(PhantomSettings.builder().size(512, 512, 1).spacing(0.45, 0.45, 5)
			.seed(700_100).build()).hu();
		// MRI-like: T2-style inversion of the CT contrast (fluid bright, bone dark), scaled to 0..1000
		float[] mri = new float[head.data().length];
		for (int i = 0; i < mri.length; i++) {
			float hu = head.data()[i];
			mri[i] = hu < -500 ? 0 : Math.max(0, Math.min(1000, 1000 - 10 * hu));
		}
		ImageMetadata m = head.metadata();
		Volume mr = head.withData(mri).withMetadata(new ImageMetadata("MR", m.format(), org.strokej.core.io.ValueUnit.ARBITRARY,
			m.orientation(), m.source(), m.extra()));
		SplittableRandom r = new SplittableRandom(1);
		float[] noise = new float[head.data().length];
		for (int i = 0; i < noise.length; i++)
			noise[i] = (float) (r.nextDouble() * 2000 - 1000);
		DetectionResult rm = d.detect(mr, "mr", s, Progress.NONE), rn = d.detect(head.withData(noise), "noise", s,
			Progress.NONE);
		Uncertainty.SliceInterval um = rm.sliceUncertainty()[0], un = rn.sliceUncertainty()[0];
		System.out.printf(Locale.ROOT, "unfamiliarity: phantoms max %.2f (%d of %d above 1), MRI-like %.2f, noise %.2f; " +
			"TTA SD: phantoms mean %.4f, MRI-like %.4f, noise %.4f%n", maxIn, lowIn, n, um.unfamiliarity(), un
				.unfamiliarity(), sdIn, um.sd(), un.sd());
		for (Uncertainty.SliceInterval u : new Uncertainty.SliceInterval[] { um, un })
			assertTrue(u.unfamiliarity() > maxIn, u + " vs phantoms' max " + maxIn);
		for (Uncertainty.SliceInterval u : new Uncertainty.SliceInterval[] { um, un })
			assertTrue(u.unfamiliarity() > 1 && u.lowConfidence(), u.toString());
		assertTrue(rm.warnings().contains("MR image given to CT models"), rm.warnings().toString());
		assertTrue(lowIn <= 1, lowIn + " of " + n + " in-distribution phantoms unfamiliar");
		assertTrue(rn.warnings().stream().anyMatch(w -> w.startsWith("unfamiliar input")), rn.warnings().toString());
	}
}
