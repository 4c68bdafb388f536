package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-fold AUC that the cross-validation log prints after each fold. */
class CrossValidatorTest {

	private static Trainer.Prepared labelled(int... labels) {
		int n = labels.length;
		String[] s = new String[n];
		java.util.Arrays.fill(s, "g");
		return new Trainer.Prepared(1, 1, new float[n], labels, null, s, s, s);
	}

	@Test
	void foldAucScoresStrokeAgainstNormalOnTheHeldOutSlicesOnly() {
		// slices 0..5: normal, hemorrhagic, ischemic, normal, hemorrhagic, normal
		Trainer.Prepared data = labelled(0, 1, 2, 0, 1, 0);
		int[] held = { 1, 2, 3, 5 };
		// p_normal per held-out slice: both strokes below both normals -> AUC 1
		double[][] perfect = { { 0.1, 0.9, 0 }, { 0.2, 0, 0.8 }, { 0.7, 0.3, 0 }, { 0.9, 0.05, 0.05 } };
		assertEquals(1, CrossValidator.foldAuc(perfect, data, held), 1e-12);
		// one stroke ranked between the normals -> 3 of 4 pairs right
		double[][] partly = { { 0.1, 0.9, 0 }, { 0.8, 0, 0.2 }, { 0.7, 0.3, 0 }, { 0.9, 0.05, 0.05 } };
		assertEquals(0.75, CrossValidator.foldAuc(partly, data, held), 1e-12);
	}

	@Test
	void foldAucIsNaNWithOneClass() {
		Trainer.Prepared data = labelled(0, 0, 1);
		assertTrue(Double.isNaN(CrossValidator.foldAuc(new double[][] { { 0.5, 0.5, 0 }, { 0.4, 0.6, 0 } }, data,
			new int[] { 0, 1 })));
	}
}
