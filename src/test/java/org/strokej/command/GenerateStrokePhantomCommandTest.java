package org.strokej.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;

/** Generate Stroke Phantom through SciJava's CommandService, against the generator itself. */
class GenerateStrokePhantomCommandTest {

	private static CommandModule run(Context c, Object... inputs) throws Exception {
		return c.service(CommandService.class).run(GenerateStrokePhantomCommand.class, true,
			inputs).get();
	}

	private static Object[] params(String kind, long seed, int size, int slices,
		double spacing)
	{
		return new Object[] { "kind", kind, "seed", seed, "size", size, "slices", slices,
			"spacing_mm", spacing, "slice_mm", 5.0, "lesions", 2, "noise_hu", 4.0,
			"midline_shift_mm", 0.0 };
	}

	@Test
	void outputsEqualTheGeneratorsPhantomForTheSameSeed() throws Exception {
		PhantomSettings s = PhantomSettings.builder().size(128, 128, 1).seed(3).lesions(
			LesionKind.HEMORRHAGE, 2).noiseSigmaHu(4).build();
		Phantom expected = PhantomGenerator.generate(s);
		try (Context c = new Context(CommandService.class)) {
			CommandModule m = run(c, params("hemorrhage", 3, 128, 1, 0));
			assertFalse(m.isCanceled(), m.getCancelReason());
			ImagePlus hu = (ImagePlus) m.getOutput("phantom");
			ImagePlus labels = (ImagePlus) m.getOutput("labels");
			ResultsTable table = (ResultsTable) m.getOutput("lesion_table");

			assertEquals("phantom-3", hu.getTitle());
			assertEquals(ImagePlus.GRAY32, hu.getType());
			assertEquals(1, hu.getStackSize());
			assertArrayEquals(expected.hu().slice(0), (float[]) hu.getProcessor().getPixels());
			Calibration cal = hu.getCalibration();
			assertEquals(230.0 / 128, cal.pixelWidth, 1e-12);
			assertEquals(230.0 / 128, cal.pixelHeight, 1e-12);
			assertEquals(5, cal.pixelDepth, 1e-12);
			assertEquals("mm", cal.getUnit());
			assertEquals("HU", cal.getValueUnit());

			assertEquals("phantom-3-labels", labels.getTitle());
			assertEquals(ImagePlus.GRAY8, labels.getType());
			byte[] lp = (byte[]) labels.getProcessor().getPixels();
			float[] el = expected.labels().slice(0);
			for (int i = 0; i < el.length; i++)
				assertEquals((int) el[i], lp[i] & 0xff, "label at " + i);
			assertEquals(230.0 / 128, labels.getCalibration().pixelWidth, 1e-12);

			List<Lesion> lesions = expected.lesions();
			assertEquals(2, lesions.size());
			assertEquals(lesions.size(), table.size());
			for (int r = 0; r < lesions.size(); r++) {
				Lesion l = lesions.get(r);
				assertEquals(l.id(), table.getValue("lesion_id", r));
				assertEquals("hemorrhage", table.getStringValue("class", r));
				assertEquals(l.subtype(), table.getStringValue("subtype", r));
				assertEquals(l.voxels(), table.getValue("voxels", r));
				assertEquals(l.volumeMl(), table.getValue("volume_ml", r), 1e-12);
				assertEquals(l.hemisphere(), table.getStringValue("hemisphere", r));
			}
			// The lesion table's voxels are the label image's lesion pixels
			long labelled = 0;
			for (byte b : lp)
				if (b != 0) labelled++;
			long sum = lesions.stream().mapToLong(Lesion::voxels).sum();
			assertEquals(sum, labelled);
		}
	}

	@Test
	void stackWithGivenSpacingAndSliceThickness() throws Exception {
		PhantomSettings s = GenerateStrokePhantomCommand.settings("ischemia", 8, 64, 4, 0.9, 5,
			2, 4, 0);
		Phantom expected = PhantomGenerator.generate(s);
		try (Context c = new Context(CommandService.class)) {
			CommandModule m = run(c, params("ischemia", 8, 64, 4, 0.9));
			ImagePlus hu = (ImagePlus) m.getOutput("phantom");
			assertEquals(4, hu.getStackSize());
			assertEquals(0.9, hu.getCalibration().pixelWidth, 1e-12);
			assertEquals(5, hu.getCalibration().pixelDepth, 1e-12);
			for (int z = 0; z < 4; z++)
				assertArrayEquals(expected.hu().slice(z), (float[]) hu.getStack().getPixels(z + 1));
			ImagePlus labels = (ImagePlus) m.getOutput("labels");
			assertEquals(4, labels.getStackSize());
			ResultsTable t = (ResultsTable) m.getOutput("lesion_table");
			for (int r = 0; r < t.size(); r++)
				assertEquals("ischemia", t.getStringValue("class", r));
			assertEquals(expected.lesions().size(), t.size());
		}
	}

	@Test
	void badParametersCancelWithAReason() throws Exception {
		try (Context c = new Context(CommandService.class)) {
			CommandModule m = run(c, params("tumour", 1, 128, 1, 0));
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason().contains("tumour"), m.getCancelReason());

			CommandModule small = run(c, params("hemorrhage", 1, 8, 1, 0));
			assertTrue(small.isCanceled());
			assertTrue(small.getCancelReason().contains("16"), small.getCancelReason());
			assertEquals(null, small.getOutput("phantom"));
		}
	}

	@Test
	void kindNamesMapToLesionKinds() {
		for (Map.Entry<String, LesionKind> e : Map.of("none", LesionKind.NONE, "Hemorrhage",
			LesionKind.HEMORRHAGE, "ISCHEMIA", LesionKind.ISCHEMIA, "mixed", LesionKind.MIXED,
			"random", LesionKind.RANDOM).entrySet())
			assertEquals(e.getValue(), GenerateStrokePhantomCommand.kindOf(e.getKey()));
		PhantomSettings s = GenerateStrokePhantomCommand.settings("none", 2, 100, 1, 0, 3, 0, 0, 5);
		assertEquals(2.3, s.spacingX(), 1e-12);
		assertEquals(3, s.spacingZ(), 1e-12);
		assertEquals(5, s.midlineShiftMm(), 1e-12);
		assertEquals(0, s.noiseSigmaHu(), 0);
	}
}
