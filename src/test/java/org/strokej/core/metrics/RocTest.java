package org.strokej.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RocTest {

	@Test
	void perfectReversedAndTiedRankings() {
		int[] y = { 0, 0, 1, 1 };
		assertEquals(1.0, Roc.auc(new double[] { 0.1, 0.2, 0.8, 0.9 }, y), 0);
		assertEquals(0.0, Roc.auc(new double[] { 0.9, 0.8, 0.2, 0.1 }, y), 0);
		assertEquals(0.5, Roc.auc(new double[] { 0.5, 0.5, 0.5, 0.5 }, y), 0);
	}

	@Test
	void handComputedAucWithAndWithoutTies() {
		// pairs (pos, neg): 0.35>0.1 yes, 0.35>0.4 no, 0.8 beats both -> 3/4
		assertEquals(0.75, Roc.auc(new double[] { 0.1, 0.4, 0.35, 0.8 }, new int[] { 0, 0, 1, 1 }),
			1e-15);
		// pos 0.5 ties neg 0.5 (1/2) and beats 0.2; pos 0.9 beats both -> 3.5/4
		assertEquals(0.875, Roc.auc(new double[] { 0.5, 0.5, 0.2, 0.9 }, new int[] { 1, 0, 0, 1 }),
			1e-15);
	}

	@Test
	void aucIsNaNWithOneClass() {
		assertTrue(Double.isNaN(Roc.auc(new double[] { 0.1, 0.2 }, new int[] { 1, 1 })));
	}

	@Test
	void badInputIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> Roc.auc(new double[] { 0.1 },
			new int[] { 2 }));
		assertThrows(IllegalArgumentException.class, () -> Roc.auc(new double[] { Double.NaN },
			new int[] { 1 }));
		assertThrows(IllegalArgumentException.class, () -> Roc.auc(new double[] { 0.1, 0.2 },
			new int[] { 1 }));
	}

	@Test
	void curvePointsAndTrapezoidArea() {
		Roc.Curve c = Roc.curve(new double[] { 0.1, 0.4, 0.35, 0.8 }, new int[] { 0, 0, 1, 1 });
		assertArrayEquals(new double[] { 0, 0, 0.5, 0.5, 1 }, c.fpr(), 0);
		assertArrayEquals(new double[] { 0, 0.5, 0.5, 1, 1 }, c.tpr(), 0);
		assertArrayEquals(new double[] { Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1 }, c
			.thresholds(), 0);
		double area = 0;
		for (int i = 1; i < c.fpr().length; i++)
			area += (c.fpr()[i] - c.fpr()[i - 1]) * (c.tpr()[i] + c.tpr()[i - 1]) / 2;
		assertEquals(0.75, area, 1e-15);
		assertEquals(0.75, c.auc(), 1e-15);
		assertEquals(2, c.positives());
		assertEquals(2, c.negatives());
	}

	@Test
	void operatingPoints() {
		Roc.Curve c = Roc.curve(new double[] { 0.1, 0.4, 0.35, 0.8 }, new int[] { 0, 0, 1, 1 });
		// J per point: 0.5 @0.8, 0 @0.4, 0.5 @0.35, 0 @0.1 -> highest threshold among ties
		assertEquals(0.8, Roc.youdenThreshold(c), 0);
		assertEquals(0.35, Roc.thresholdForSensitivity(c, 1.0), 0);
		assertEquals(0.8, Roc.thresholdForSensitivity(c, 0.5), 0);
		BinaryMetrics m = BinaryMetrics.at(new double[] { 0.1, 0.4, 0.35, 0.8 }, new int[] { 0, 0,
			1, 1 }, Roc.thresholdForSensitivity(c, 1.0));
		assertEquals(1.0, m.sensitivity().estimate(), 0);
		assertEquals(0.5, m.specificity().estimate(), 0);
	}

	@Test
	void trapezoidAreaEqualsMannWhitneyOnRandomTiedScores() {
		Random r = new Random(3);
		double[] s = new double[300];
		int[] y = new int[300];
		for (int i = 0; i < s.length; i++) {
			y[i] = r.nextInt(2);
			s[i] = Math.round((r.nextGaussian() + y[i]) * 4) / 4.0; // many ties
		}
		Roc.Curve c = Roc.curve(s, y);
		double area = 0;
		for (int i = 1; i < c.fpr().length; i++)
			area += (c.fpr()[i] - c.fpr()[i - 1]) * (c.tpr()[i] + c.tpr()[i - 1]) / 2;
		assertEquals(c.auc(), area, 1e-12);
		// brute-force pair count
		double wins = 0;
		int pairs = 0;
		for (int i = 0; i < s.length; i++)
			for (int j = 0; j < s.length; j++)
				if (y[i] == 1 && y[j] == 0) {
					pairs++;
					wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
				}
		assertEquals(wins / pairs, c.auc(), 1e-12);
	}

	@Test
	void bootstrapIsReproducibleAndContainsEstimate() {
		Random r = new Random(1);
		double[] s = new double[200];
		int[] y = new int[200];
		String[] g = new String[200];
		for (int i = 0; i < s.length; i++) {
			y[i] = i % 3 == 0 ? 1 : 0;
			s[i] = r.nextGaussian() + y[i];
			g[i] = "p" + i / 10;
		}
		Roc.Interval a = Roc.bootstrapAuc(s, y, null, 1000, 42);
		Roc.Interval b = Roc.bootstrapAuc(s, y, null, 1000, 42);
		Roc.Interval c = Roc.bootstrapAuc(s, y, null, 1000, 43);
		assertEquals(a, b);
		assertNotEquals(a.lower(), c.lower());
		assertTrue(a.lower() < a.estimate() && a.estimate() < a.upper(), a.toString());
		assertEquals(Roc.auc(s, y), a.estimate(), 0);
		assertEquals(1000, a.valid());
		Roc.Interval grouped = Roc.bootstrapAuc(s, y, g, 1000, 42);
		assertTrue(grouped.grouped());
		assertTrue(grouped.lower() < grouped.estimate() && grouped.estimate() < grouped.upper());
	}

	@Test
	void groupedBootstrapWithSingletonGroupsEqualsCaseBootstrap() {
		double[] s = { 0.1, 0.4, 0.35, 0.8, 0.7, 0.2, 0.6, 0.3 };
		int[] y = { 0, 0, 1, 1, 1, 0, 1, 0 };
		String[] g = { "a", "b", "c", "d", "e", "f", "g", "h" };
		Roc.Interval a = Roc.bootstrapAuc(s, y, null, 500, 7);
		Roc.Interval b = Roc.bootstrapAuc(s, y, g, 500, 7);
		assertEquals(a.lower(), b.lower(), 0);
		assertEquals(a.upper(), b.upper(), 0);
		assertEquals(a.valid(), b.valid());
		assertTrue(a.valid() < 500); // some resamples hold one class only and are skipped
	}

	@Test
	void percentileInterpolates() {
		assertEquals(2.5, Roc.percentile(new double[] { 1, 2, 3, 4 }, 50), 1e-15);
		assertEquals(1, Roc.percentile(new double[] { 1, 2, 3, 4 }, 0), 0);
		assertEquals(4, Roc.percentile(new double[] { 1, 2, 3, 4 }, 100), 0);
	}
}
