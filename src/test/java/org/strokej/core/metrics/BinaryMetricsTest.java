package org.strokej.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

	@Test
	void countsAndRatesAtThreshold() {
		double[] s = { 0.9, 0.8, 0.3, 0.6, 0.2, 0.1 };
		int[] y = { 1, 1, 1, 0, 0, 0 };
		BinaryMetrics m = BinaryMetrics.at(s, y, 0.5);
		assertEquals(new BinaryMetrics(2, 1, 2, 1, 0.5), m);
		assertEquals(2 / 3.0, m.sensitivity().estimate(), 1e-15);
		assertEquals(2 / 3.0, m.specificity().estimate(), 1e-15);
		assertEquals(2 / 3.0, m.ppv().estimate(), 1e-15);
		assertEquals(2 / 3.0, m.npv().estimate(), 1e-15);
		assertEquals(4 / 6.0, m.accuracy().estimate(), 1e-15);
		assertEquals(2 / 3.0, m.f1(), 1e-15);
		assertEquals(1 / 3.0, m.youden(), 1e-15);
		// score == threshold counts as positive
		assertEquals(3, BinaryMetrics.at(s, y, 0.3).tp());
	}

	@Test
	void wilsonIntervalsMatchPublishedValues() {
		Proportion p = Proportion.wilson(2, 3);
		assertEquals(0.2076596008020477, p.lower(), 1e-12);
		assertEquals(0.9385080552796037, p.upper(), 1e-12);
		Proportion half = Proportion.wilson(5, 10);
		assertEquals(0.236593090512564, half.lower(), 1e-12);
		assertEquals(0.7634069094874361, half.upper(), 1e-12);
		Proportion zero = Proportion.wilson(0, 10);
		assertEquals(0, zero.lower(), 0);
		assertEquals(0.2775327998628892, zero.upper(), 1e-12);
		Proportion all = Proportion.wilson(10, 10);
		assertEquals(0.7224672001371107, all.lower(), 1e-12);
		assertEquals(1, all.upper(), 0);
		assertTrue(Double.isNaN(Proportion.wilson(0, 0).estimate()));
		assertThrows(IllegalArgumentException.class, () -> Proportion.wilson(3, 2));
	}

	@Test
	void f1IsNaNWithoutPositives() {
		BinaryMetrics m = BinaryMetrics.at(new double[] { 0.1, 0.2 }, new int[] { 0, 0 }, 0.5);
		assertTrue(Double.isNaN(m.f1()));
		assertTrue(Double.isNaN(m.sensitivity().estimate()));
		assertEquals(1, m.specificity().estimate(), 0);
	}
}
