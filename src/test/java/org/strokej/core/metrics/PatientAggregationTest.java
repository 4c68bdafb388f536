package org.strokej.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PatientAggregationTest {

	@Test
	void maxTopKAndAnyPositive() {
		String[] ids = { "a", "a", "b", "b", "b", "c" };
		double[] s = { 0.1, 0.7, 0.2, 0.3, 0.9, 0.4 };
		int[] y = { 0, 1, 0, 0, 0, 0 };
		PatientAggregation.Patients p = PatientAggregation.aggregate(ids, s, y, 2);
		assertEquals(List.of("a", "b", "c"), p.ids());
		assertArrayEquals(new double[] { 0.7, 0.9, 0.4 }, p.maxScore(), 0);
		assertArrayEquals(new double[] { 0.4, 0.6, 0.4 }, p.topKMean(), 1e-15);
		assertArrayEquals(new int[] { 1, 0, 0 }, p.truth());
		assertArrayEquals(new int[] { 2, 3, 1 }, p.slices());
		// patient-level AUC from the max scores: positive a (0.7) beats c (0.4), loses to b (0.9)
		assertEquals(0.5, Roc.auc(p.maxScore(), p.truth()), 0);
	}
}
