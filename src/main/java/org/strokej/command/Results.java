package org.strokej.command;

import java.awt.GraphicsEnvironment;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.LUT;

import org.strokej.core.postprocess.LesionStats;
import org.strokej.ij1.DetectionOutputs;
import org.strokej.ij1.ImagePlusAdapter;
import org.strokej.ij1.LesionRois;
import org.strokej.pipeline.DetectionResult;

/** Turns a {@link DetectionResult} into what Fiji users work with. */
final class Results {

	private Results() {}

	/** Per-slice table: slice, p_normal, p_hemorrhage, p_ischemic, p_stroke, prediction. */
	static ResultsTable sliceTable(DetectionResult r) {
		ResultsTable t = new ResultsTable();
		if (r.sliceProbabilities() == null) return t;
		for (int z = 0; z < r.sliceProbabilities().length; z++) {
			float[] p = r.sliceProbabilities()[z];
			t.incrementCounter();
			t.addValue("image", r.name());
			t.addValue("slice", z + 1);
			t.addValue("p_normal", p[0]);
			t.addValue("p_hemorrhage", p[1]);
			t.addValue("p_ischemic", p[2]);
			t.addValue("p_stroke", 1 - p[0]);
			t.addValue("prediction", DetectionResult.CLASSES[r.prediction(z)]);
		}
		return t;
	}

	/** Per-lesion table: lesion_id, class, slices, voxels, volume_ml, mean_hu, abc2_ml, hemisphere. */
	static ResultsTable lesionTable(DetectionResult r) {
		ResultsTable t = new ResultsTable();
		boolean hu = r.input().metadata().isHU();
		for (LesionStats l : r.lesions()) {
			t.incrementCounter();
			t.addValue("image", r.name());
			t.addValue("lesion_id", l.id());
			t.addValue("class", l.lesionClass().displayName());
			t.addValue("slices", l.sliceFirst() == l.sliceLast() ? "" + l.sliceFirst() : l
				.sliceFirst() + "-" + l.sliceLast());
			t.addValue("voxels", l.voxels());
			t.addValue("volume_ml", l.volumeMl());
			t.addValue("mean_hu", hu ? l.meanValue() : Double.NaN);
			t.addValue("abc2_ml", l.abc2Ml());
			t.addValue("hemisphere", l.hemisphere());
		}
		return t;
	}

	/**
	 * Adds the lesion outlines as an Overlay on the input; with a GUI and outside batch mode also
	 * appends them to the ROI Manager (never clearing what the user had there).
	 */
	static List<Roi> showRois(DetectionResult r, ImagePlus input) {
		List<Roi> rois = DetectionOutputs.rois(r);
		input.setOverlay(LesionRois.overlay(rois));
		if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode() && !rois.isEmpty()) {
			RoiManager rm = RoiManager.getInstance();
			if (rm == null) rm = new RoiManager();
			for (Roi roi : rois)
				rm.addRoi((Roi) roi.clone());
		}
		return rois;
	}

	/** A map in [0, 1] (lesion probability, occlusion drop) as a calibrated 32-bit heat image. */
	static ImagePlus heatmap(org.strokej.core.io.Volume map, String title) {
		ImagePlus h = ImagePlusAdapter.toImagePlus(map, title);
		h.getCalibration().setValueUnit("probability");
		h.setLut(heatLut());
		h.setDisplayRange(0, 1);
		return h;
	}

	private static LUT heatLut() {
		byte[] rr = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) {
			java.awt.Color c = java.awt.Color.getHSBColor((float) (0.66 * (1 - i / 255.0)), 1f, i == 0
				? 0f : 1f);
			rr[i] = (byte) c.getRed();
			g[i] = (byte) c.getGreen();
			b[i] = (byte) c.getBlue();
		}
		return new LUT(rr, g, b);
	}
}
