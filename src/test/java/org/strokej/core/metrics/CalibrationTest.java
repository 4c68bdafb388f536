package org.strokej.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

	@Test
	void brierOfKnownValues() {
		double[] p = { 0.1, 0.9, 0.8, 0.3 };
		int[] y = { 0, 1, 1, 0 };
		assertEquals((0.01 + 0.01 + 0.04 + 0.09) / 4, Calibration.brier(p, y), 1e-15);
		assertEquals(0, Calibration.brier(new double[] { 0, 1 }, new int[] { 0, 1 }), 0);
		assertEquals(1, Calibration.brier(new double[] { 1, 0 }, new int[] { 0, 1 }), 0);
	}

	@Test
	void reliabilityBinsAndEce() {
		double[] p = { 0.1, 0.9, 0.8, 0.3, 1.0, 0.05 };
		int[] y = { 0, 1, 1, 0, 1, 1 };
		Calibration.Reliability r = Calibration.reliability(p, y);
		assertEquals(10, r.bins());
		assertArrayEquals(new int[] { 1, 1, 0, 1, 0, 0, 0, 0, 1, 2 }, r.counts());
		assertEquals(0.05, r.meanPredicted()[0], 1e-15);
		assertEquals(1.0, r.observed()[0], 0);
		assertEquals(0.95, r.meanPredicted()[9], 1e-15);
		assertEquals(1.0, r.observed()[9], 0);
		assertTrue(Double.isNaN(r.observed()[2]));
		// |1-0.05| + |0-0.1| + |0-0.3| + |1-0.8| + 2*|1-0.95|, over 6
		assertEquals((0.95 + 0.1 + 0.3 + 0.2 + 0.1) / 6, r.ece(), 1e-12);
	}

	@Test
	void probabilitiesOutsideUnitIntervalAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> Calibration.brier(new double[] { 1.2 },
			new int[] { 1 }));
	}
}
