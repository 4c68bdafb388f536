package org.strokej.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CrossValidationTest {

	@Test
	void groupsNeverSpanTwoFoldsAndFoldsAreBalanced() {
		Random r = new Random(5);
		List<String> groups = new ArrayList<>();
		List<Integer> labelList = new ArrayList<>();
		for (int p = 0; p < 53; p++) {
			int slices = 5 + r.nextInt(30);
			int label = p % 3; // patient-level label
			for (int s = 0; s < slices; s++) {
				groups.add("patient-" + p);
				labelList.add(s % 2 == 0 ? 0 : label);
			}
		}
		int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
		int k = 5;
		int[] folds = CrossValidation.patientFolds(groups, labels, k, 42);
		assertEquals(groups.size(), folds.length);
		Map<String, Integer> foldOf = new HashMap<>();
		int[] size = new int[k];
		int[][] perLabel = new int[k][3];
		for (int i = 0; i < folds.length; i++) {
			assertTrue(folds[i] >= 0 && folds[i] < k);
			Integer prev = foldOf.putIfAbsent(groups.get(i), folds[i]);
			assertTrue(prev == null || prev == folds[i], groups.get(i) + " is in two folds");
			size[folds[i]]++;
			perLabel[folds[i]][labels[i]]++;
		}
		double mean = groups.size() / (double) k;
		for (int f = 0; f < k; f++) assertTrue(Math.abs(size[f] - mean) < 0.25 * mean, "fold " + f + " has " + size[f] + " samples, mean " + mean);
		for (int l = 1; l < 3; l++) {
			int min = Integer.MAX_VALUE, max = 0;
			for (int f = 0; f < k; f++) {
				min = Math.min(min, perLabel[f][l]);
				max = Math.max(max, perLabel[f][l]);
			}
			assertTrue(min > 0, "every fold has label " + l);
			assertTrue(max - min <= 40, "label " + l + " spread " + min + ".." + max);
		}
		assertArrayEquals(folds, CrossValidation.patientFolds(groups, labels, k, 42), "deterministic");
	}

	@Test
	void tooFewGroupsFailsClearly() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> CrossValidation.patientFolds(List.of("a", "a", "b"), 3, 1));
		assertEquals("only 2 groups (patients) for 3 folds", e.getMessage());
	}

	@Test
	void indicesSplitAFold() {
		int[] folds = { 0, 1, 0, 2 };
		assertArrayEquals(new int[] { 0, 2 }, CrossValidation.indices(folds, 0, true));
		assertArrayEquals(new int[] { 1, 3 }, CrossValidation.indices(folds, 0, false));
	}
}
