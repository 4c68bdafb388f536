package org.strokej.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.measure.ResultsTable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.strokej.TinyModels;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.ij1.ImagePlusAdapter;

/**
 * The detect / classify / segment commands through SciJava's CommandService, with tiny models
 * trained in the test: outputs, titles, calibration, tables and ROIs are consistent with each
 * other and with the input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectCommandsTest {

	private Context context;
	private CommandService commands;

	@BeforeAll
	void setUp() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	void tearDown() {
		context.dispose();
	}

	private static ImagePlus phantomStack() {
		Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(96, 96, 3).spacing(2, 2,
			5).seed(5).lesions(LesionKind.HEMORRHAGE, 1).build());
		return ImagePlusAdapter.toImagePlus(p.hu(), "ct");
	}

	private CommandModule run(Class<?> cmd, Object... kv) throws Exception {
		Map<String, Object> in = new java.util.HashMap<>();
		for (int i = 0; i < kv.length; i += 2)
			in.put((String) kv[i], kv[i + 1]);
		CommandModule m = commands.run(cmd.getName(), true, in).get();
		assertFalse(m.isCanceled(), () -> "cancelled: " + m.getCancelReason());
		return m;
	}

	@Test
	void detectStrokeOutputs() throws Exception {
		ImagePlus ct = phantomStack();
		CommandModule m = run(DetectStrokeCommand.class, "input", ct, "model_dir", TinyModels.dir()
			.toFile(), "min_volume_ml", 0.0);
		ImagePlus labels = (ImagePlus) m.getOutput("labels");
		assertEquals("ct-labels", labels.getTitle());
		assertEquals(ct.getStackSize(), labels.getStackSize());
		assertEquals(ct.getCalibration().pixelWidth, labels.getCalibration().pixelWidth, 1e-9);
		assertEquals(ct.getCalibration().pixelDepth, labels.getCalibration().pixelDepth, 1e-9);
		assertEquals(8, labels.getBitDepth());
		ImagePlus heat = (ImagePlus) m.getOutput("heatmap_image");
		assertEquals("ct-heatmap", heat.getTitle());
		ResultsTable slices = (ResultsTable) m.getOutput("slices");
		assertEquals(3, slices.size());
		for (int i = 0; i < 3; i++) {
			double sum = slices.getValue("p_normal", i) + slices.getValue("p_hemorrhage", i) + slices
				.getValue("p_ischemic", i);
			assertEquals(1, sum, 1e-4, "probabilities sum to 1");
			assertEquals(i + 1, (int) slices.getValue("slice", i));
		}
		// Lesion table and label image agree: volumes = labelled voxels × voxel volume.
		ResultsTable lesions = (ResultsTable) m.getOutput("lesions");
		long labelled = 0;
		for (int z = 1; z <= labels.getStackSize(); z++) {
			byte[] px = (byte[]) labels.getStack().getPixels(z);
			for (byte b : px)
				if (b != 0) labelled++;
		}
		double ml = 0, voxels = 0;
		for (int i = 0; i < lesions.size(); i++) {
			ml += lesions.getValue("volume_ml", i);
			voxels += lesions.getValue("voxels", i);
		}
		assertEquals(labelled, voxels, 0);
		assertEquals(labelled * 2 * 2 * 5 / 1000.0, ml, 1e-9);
		// ROIs: named <class>-<id>-z<slice>, on the input's overlay, one per lesion and slice,
		// above the lesion-probability heat images (heat-z<slice>).
		Overlay o = ct.getOverlay();
		assertNotNull(o);
		for (int i = 0; i < o.size(); i++)
			assertTrue(o.get(i).getName().matches("(hemorrhage|ischemia)-\\d+-z\\d+|heat-z\\d+|midline|midline-shift-z\\d+"), o.get(i)
				.getName());
		assertNotNull(m.getOutput("summary"));
		// the ideal mid-sagittal line is drawn on every slice
		assertTrue(java.util.Arrays.stream(o.toArray()).anyMatch(r -> "midline".equals(r.getName()) && r
			.getPosition() == 0), "midline line on the overlay");
	}

	@Test
	void classifyAndSegmentSeparately() throws Exception {
		ImagePlus ct = phantomStack();
		CommandModule c = run(ClassifyStrokeSlicesCommand.class, "input", ct, "model_dir", TinyModels
			.dir().resolve("cnn").toFile());
		assertEquals(3, ((ResultsTable) c.getOutput("slices")).size());
		CommandModule s = run(SegmentStrokeLesionsCommand.class, "input", ct, "model_dir", TinyModels
			.dir().resolve("unet").toFile(), "show_rois", false);
		assertEquals("ct-labels", ((ImagePlus) s.getOutput("labels")).getTitle());
	}

	@Test
	void wrongModelKindCancelsWithReason() throws Exception {
		ImagePlus ct = phantomStack();
		CommandModule m = commands.run(ClassifyStrokeSlicesCommand.class.getName(), true, Map.of(
			"input", ct, "model_dir", TinyModels.dir().resolve("unet").toFile())).get();
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("no classifier"), m.getCancelReason());
	}

	@Test
	void explainGivesAnAlignedNonNegativeHeatMap() throws Exception {
		ImagePlus ct = phantomStack();
		for (String method : new String[] { "occlusion", "gradcam" }) {
			CommandModule m = run(ExplainStrokePredictionCommand.class, "input", ct, "model_dir",
				TinyModels.dir().resolve("cnn").toFile(), "method", method, "patch", 0.25);
			ImagePlus heat = (ImagePlus) m.getOutput("heatmap");
			assertEquals("ct-" + method, heat.getTitle());
			assertEquals(ct.getWidth(), heat.getWidth());
			assertEquals(ct.getStackSize(), heat.getStackSize());
			for (int z = 1; z <= heat.getStackSize(); z++)
				for (float v : (float[]) heat.getStack().getPixels(z))
					assertTrue(v >= 0, method + ": drops and Grad-CAM are clamped at 0");
		}
	}

	@Test
	void detectWithExplanationAndPixelUncertainty() throws Exception {
		ImagePlus ct = phantomStack();
		CommandModule m = run(DetectStrokeCommand.class, "input", ct, "model_dir", TinyModels.dir().toFile(),
			"explain", "gradcam", "uncertainty", "slices and pixels");
		ImagePlus expl = (ImagePlus) m.getOutput("explanation_image");
		ImagePlus unc = (ImagePlus) m.getOutput("uncertainty_image");
		assertEquals("ct-gradcam", expl.getTitle());
		assertEquals("ct-uncertainty", unc.getTitle());
		assertEquals(ct.getStackSize(), unc.getStackSize());
		ij.measure.ResultsTable slices = (ij.measure.ResultsTable) m.getOutput("slices");
		for (int r = 0; r < slices.size(); r++)
			assertTrue(slices.getValue("p_stroke_low", r) <= slices.getValue("p_stroke", r) + 1e-6);
		// the explanation lies on the input as semi-transparent images, one per slice, under the outlines
		ij.gui.Overlay o = ct.getOverlay();
		assertTrue(o != null && o.size() > 0);
		int heat = 0;
		boolean outlineSeen = false;
		for (ij.gui.Roi roi : o.toArray()) {
			if (roi instanceof ij.gui.ImageRoi) {
				assertFalse(outlineSeen, "heat images lie under the outlines");
				assertTrue(roi.getPosition() >= 1 && roi.getPosition() <= ct.getStackSize());
				heat++;
			}
			else outlineSeen = true;
		}
		assertTrue(heat >= 1 && heat <= ct.getStackSize(), "heat images: " + heat);
	}
}
