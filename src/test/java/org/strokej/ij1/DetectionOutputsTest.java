package org.strokej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ij.gui.Line;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.postprocess.MidlineShift;
import org.strokej.core.preprocess.RotationCorrection;
import org.strokej.pipeline.DetectionResult;

/** The midline drawn as Fiji line ROIs: the ideal line through its point at its tilt, the shift segment on its slice. */
class DetectionOutputsTest {

	private static DetectionResult result(MidlineShift.Measurement m) {
		Volume v = Volume.of(new float[100 * 120 * 5], 100, 120, 5, new double[] { 1, 1, 5 }, new ImageMetadata("CT", "t",
			ValueUnit.HU, "t"));
		return new DetectionResult("x", v, null, null, null, null, List.of(), null, null, null, m);
	}

	@Test
	void idealLineAndShiftSegment() {
		MidlineShift.Measurement m = new MidlineShift.Measurement(8, 3, new double[] { 58, 70 }, new double[] { 50, 70 },
			new RotationCorrection.Midline(0, 50, 60), 12, "");
		List<Roi> rois = DetectionOutputs.midlineRois(result(m));
		assertEquals(2, rois.size());
		Line ideal = (Line) rois.get(0), shift = (Line) rois.get(1);
		assertEquals("midline", ideal.getName());
		assertEquals(0, ideal.getPosition(), "on every slice");
		assertEquals(50, ideal.x1d, 1e-9);
		assertEquals(50, ideal.x2d, 1e-9);
		assertTrue(ideal.y1d < 0 && ideal.y2d > 120, "crosses the image");
		assertEquals("midline-shift-z4", shift.getName());
		assertEquals(4, shift.getPosition());
		assertEquals(8, shift.getRawLength(), 1e-9);

		// tilted 10° clockwise: the line runs along (−sin 10°, cos 10°) through its point
		MidlineShift.Measurement tilted = new MidlineShift.Measurement(Double.NaN, -1, null, null,
			new RotationCorrection.Midline(10, 50, 60), 0, "no septum");
		List<Roi> one = DetectionOutputs.midlineRois(result(tilted));
		assertEquals(1, one.size(), "no shift segment when not measured");
		Line l = (Line) one.get(0);
		double t = Math.toRadians(10);
		assertEquals(-Math.sin(t) / Math.cos(t), (l.x2d - l.x1d) / (l.y2d - l.y1d), 1e-9);
		assertEquals(0, DetectionOutputs.midlineRois(result(null)).size());
	}
}
