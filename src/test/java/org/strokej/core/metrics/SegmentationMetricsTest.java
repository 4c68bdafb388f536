package org.strokej.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SegmentationMetricsTest {

	/** A 4x4 label image from rows of characters (digits are labels). */
	private static int[] img(String... rows) {
		int w = rows[0].length();
		int[] out = new int[w * rows.length];
		for (int y = 0; y < rows.length; y++)
			for (int x = 0; x < w; x++)
				out[y * w + x] = rows[y].charAt(x) - '0';
		return out;
	}

	@Test
	void diceAndIouOfKnownOverlap() {
		int[] t = img("1100", "1100", "0000", "0000");
		int[] p = img("0110", "0110", "0000", "0002");
		SegmentationMetrics.Overlap o = SegmentationMetrics.overlap(t, p, 1);
		assertEquals(new SegmentationMetrics.Overlap(2, 4, 4), o);
		assertEquals(0.5, o.dice(), 1e-15);
		assertEquals(1 / 3.0, o.iou(), 1e-15);
		// class 2 predicted but absent from truth: 0
		assertEquals(0, SegmentationMetrics.dice(t, p, 2), 0);
		// any lesion: truth 4, predicted 5, overlap 2 -> 4/9
		assertEquals(4 / 9.0, SegmentationMetrics.dice(t, p, SegmentationMetrics.ANY_LESION),
			1e-15);
		// float labels give the same
		float[] tf = new float[t.length], pf = new float[p.length];
		for (int i = 0; i < t.length; i++) {
			tf[i] = t[i];
			pf[i] = p[i];
		}
		assertEquals(o, SegmentationMetrics.overlap(tf, pf, 1));
		SegmentationMetrics.Overlap[] per = SegmentationMetrics.perClass(t, p, 2);
		assertEquals(o, per[1]);
		assertEquals(new SegmentationMetrics.Overlap(0, 0, 1), per[2]);
		assertEquals(new SegmentationMetrics.Overlap(2, 4, 5), per[0]);
	}

	@Test
	void emptyTruthAndPredictionBothConventions() {
		int[] empty = new int[16];
		SegmentationMetrics.Overlap e = SegmentationMetrics.overlap(empty, empty, 1);
		assertTrue(e.bothEmpty());
		assertEquals(1, e.dice(), 0);
		SegmentationMetrics.Overlap half = new SegmentationMetrics.Overlap(2, 4, 4);
		SegmentationMetrics.Summary s = SegmentationMetrics.summarise(List.of(half, e));
		assertEquals(2, s.images());
		assertEquals(1, s.bothEmpty());
		assertEquals(0.75, s.meanDiceAll(), 1e-15);
		assertEquals(0.5, s.meanDiceNonEmpty(), 1e-15);
		assertEquals((1 / 3.0 + 1) / 2, s.meanIouAll(), 1e-15);
		assertEquals(1 / 3.0, s.meanIouNonEmpty(), 1e-15);
		assertEquals(0.5, s.pooledDice(), 1e-15);
	}

	@Test
	void lesionDetectionAnyOverlapVersusIou10() {
		int[] t = img( //
			"11000000", //
			"11000000", //
			"00000000", //
			"00000000", //
			"00000000", //
			"00000000", //
			"00000010", //
			"00000000");
		int[] p = img( //
			"00000010", //
			"01110000", //
			"01110000", //
			"01110000", //
			"00000000", //
			"00000000", //
			"00000000", //
			"00000000");
		// predicted 3x3 block overlaps the true 2x2 block in one pixel: IoU 1/12
		SegmentationMetrics.LesionDetection any = SegmentationMetrics.lesionDetection(t, p, 8, 8,
			1, 1, SegmentationMetrics.ANY_OVERLAP);
		assertEquals(new SegmentationMetrics.LesionDetection(2, 2, 1, 1), any);
		assertEquals(0.5, any.precision(), 0);
		assertEquals(0.5, any.recall(), 0);
		assertEquals(0.5, any.f1(), 1e-15);
		SegmentationMetrics.LesionDetection strict = SegmentationMetrics.lesionDetection(t, p, 8,
			8, 1, 1, SegmentationMetrics.IOU_10);
		assertEquals(new SegmentationMetrics.LesionDetection(2, 2, 0, 0), strict);
		assertEquals(0, strict.f1(), 0);
		SegmentationMetrics.LesionDetection pooled = SegmentationMetrics.pool(List.of(any,
			strict));
		assertEquals(new SegmentationMetrics.LesionDetection(4, 4, 1, 1), pooled);
		assertEquals(1, SegmentationMetrics.lesionDetection(new int[4], new int[4], 2, 2, 1, 1, 0)
			.f1(), 0);
	}

	@Test
	void diagonalNeighboursAreOneLesionIn2DAnd3D() {
		int[] t = img("10", "01");
		assertEquals(1, SegmentationMetrics.lesionDetection(t, t, 2, 2, 1, 1, 0).trueLesions());
		int[] v = new int[8];
		v[0] = 1; // (0,0,0)
		v[7] = 1; // (1,1,1)
		assertEquals(1, SegmentationMetrics.lesionDetection(v, v, 2, 2, 2, 1, 0).trueLesions());
		// across slices without corner contact: two lesions
		int[] w = new int[2 * 3 * 2];
		w[0] = 1; // (0,0,0)
		w[6 + 2] = 1; // (2,0,1)
		assertEquals(2, SegmentationMetrics.lesionDetection(w, w, 3, 2, 2, 1, 0).trueLesions());
	}

	@Test
	void volumeErrorInMillilitres() {
		int[] t = img("1100", "1100", "0000", "0000");
		int[] p = img("1111", "1111", "1110", "0000");
		assertEquals((11 - 4) * 0.5, SegmentationMetrics.volumeErrorMl(t, p, 1, 0.5), 1e-15);
		assertEquals(3.5, SegmentationMetrics.absoluteVolumeErrorMl(p, t, 1, 0.5), 1e-15);
		assertEquals(-3.5, SegmentationMetrics.volumeErrorMl(p, t, 1, 0.5), 1e-15);
	}
}
