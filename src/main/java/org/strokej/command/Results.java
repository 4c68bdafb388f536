package org.strokej.command;

import java.awt.GraphicsEnvironment;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.LUT;

import org.strokej.ij1.DetectionOutputs;
import org.strokej.ij1.ImagePlusAdapter;
import org.strokej.ij1.LesionRois;
import org.strokej.pipeline.DetectionResult;

/** Turns a {@link DetectionResult} into what Fiji users work with. */
final class Results {

	private Results() {}

	/** Per-slice table: the columns of {@code classification.csv}. */
	static ResultsTable sliceTable(DetectionResult r) {
		return table(DetectionOutputs.CLASSIFICATION_HEADER, DetectionOutputs.classificationRows(r));
	}

	/** Per-lesion table: the columns of {@code lesions.csv}. */
	static ResultsTable lesionTable(DetectionResult r) {
		return table(DetectionOutputs.LESIONS_HEADER, DetectionOutputs.lesionRows(r));
	}

	/** A ResultsTable of rows: numbers as numbers, text as text, null as NaN. */
	static ResultsTable table(String[] header, List<Object[]> rows) {
		ResultsTable t = new ResultsTable();
		for (Object[] row : rows) {
			t.incrementCounter();
			for (int k = 0; k < header.length; k++) {
				Object v = row[k];
				if (v == null) t.addValue(header[k], Double.NaN);
				else if (v instanceof Number n) t.addValue(header[k], n.doubleValue());
				else t.addValue(header[k], v.toString());
			}
		}
		return t;
	}

	/**
	 * Adds the lesion outlines as an Overlay on the input; with a GUI and outside batch mode also
	 * appends them to the ROI Manager (never clearing what the user had there).
	 */
	static List<Roi> showRois(DetectionResult r, ImagePlus input) {
		List<Roi> rois = DetectionOutputs.rois(r);
		ij.gui.Overlay o = LesionRois.overlay(rois);
		for (Roi m : DetectionOutputs.midlineRois(r))
			o.add(m);
		input.setOverlay(o);
		if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode() && !rois.isEmpty()) {
			RoiManager rm = RoiManager.getInstance();
			if (rm == null) rm = new RoiManager();
			for (Roi roi : rois)
				rm.addRoi((Roi) roi.clone());
		}
		return rois;
	}

	/**
	 * Puts a heat map in [0, 1] under the input's overlay (lesion outlines stay on top) as
	 * semi-transparent images, at most 50 % opaque; nothing when {@code heat} is null.
	 */
	static void addHeatOverlay(ImagePlus input, org.strokej.core.io.Volume heat) {
		if (heat == null) return;
		ij.gui.Overlay old = input.getOverlay(), o = new ij.gui.Overlay();
		for (Roi r : org.strokej.ij1.Overlays.heatRois(heat, 0.5))
			o.add(r);
		if (old != null)
			for (Roi r : old.toArray())
				o.add(r);
		input.setOverlay(o);
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
