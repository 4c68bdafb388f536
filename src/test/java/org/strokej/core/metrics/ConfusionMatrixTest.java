package org.strokej.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

	@Test
	void knownThreeClassMatrix() {
		int[] truth = { 0, 0, 1, 1, 2, 2, 2 };
		int[] pred = { 0, 1, 1, 1, 2, 0, 2 };
		ConfusionMatrix m = ConfusionMatrix.of(truth, pred, 3);
		assertArrayEquals(new long[] { 1, 1, 0 }, m.counts()[0]);
		assertArrayEquals(new long[] { 0, 2, 0 }, m.counts()[1]);
		assertArrayEquals(new long[] { 1, 0, 2 }, m.counts()[2]);
		assertEquals(0.5, m.recall(0), 1e-15);
		assertEquals(1.0, m.recall(1), 1e-15);
		assertEquals(2 / 3.0, m.recall(2), 1e-15);
		assertEquals(0.5, m.precision(0), 1e-15);
		assertEquals(2 / 3.0, m.precision(1), 1e-15);
		assertEquals(1.0, m.precision(2), 1e-15);
		assertEquals(5 / 7.0, m.accuracy(), 1e-15);
		assertEquals((0.5 + 1 + 2 / 3.0) / 3, m.balancedAccuracy(), 1e-15);
		assertEquals(7, m.total());
	}

	@Test
	void argmaxAndMissingClass() {
		int[] p = ConfusionMatrix.argmax(new double[][] { { 0.2, 0.5, 0.3 }, { 0.6, 0.2, 0.2 }, {
			0.1, 0.1, 0.8 } });
		assertArrayEquals(new int[] { 1, 0, 2 }, p);
		ConfusionMatrix m = ConfusionMatrix.of(new int[] { 0, 0 }, new int[] { 0, 1 }, 3);
		assertTrue(Double.isNaN(m.recall(2)));
		assertTrue(Double.isNaN(m.precision(2)));
		assertEquals(0, m.precision(1), 0);
		assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] { 3 },
			new int[] { 0 }, 3));
	}
}
