package org.strokej.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.strokej.TestData;

class GroupSplitsTest {

	/** 30 patients of 5–20 slices; a third of them with 1–6 positive slices. */
	private static List<String> groups = new ArrayList<>();
	private static int[] labels;
	static {
		Random r = new Random(5);
		List<Integer> lab = new ArrayList<>();
		for (int p = 0; p < 30; p++) {
			int slices = 5 + r.nextInt(16);
			int positives = p % 3 == 0 ? 1 + r.nextInt(6) : 0;
			for (int s = 0; s < slices; s++) {
				groups.add("p" + p);
				lab.add(s < positives ? 1 : 0);
			}
		}
		labels = lab.stream().mapToInt(Integer::intValue).toArray();
	}

	private static void assertGroupsWhole(List<String> groups, int[] folds) {
		Map<String, Integer> foldOf = new HashMap<>();
		for (int i = 0; i < folds.length; i++) {
			Integer prev = foldOf.putIfAbsent(groups.get(i), folds[i]);
			if (prev != null) assertEquals(prev.intValue(), folds[i], "group " + groups.get(i) +
				" split across folds");
		}
	}

	@Test
	void groupsStayWholeAndPositivesAreBalanced() {
		int[] folds = GroupSplits.kFold(groups, 5, 42, labels);
		assertEquals(groups.size(), folds.length);
		assertGroupsWhole(groups, folds);
		int[] pos = new int[5], size = new int[5];
		for (int i = 0; i < folds.length; i++) {
			pos[folds[i]] += labels[i];
			size[folds[i]]++;
		}
		int totalPos = Arrays.stream(pos).sum();
		int maxGroupPos = 6;
		for (int f = 0; f < 5; f++) {
			assertTrue(size[f] > 0);
			assertTrue(Math.abs(pos[f] - totalPos / 5.0) <= maxGroupPos, Arrays.toString(pos));
		}
		int maxSize = Arrays.stream(size).max().getAsInt(), minSize = Arrays.stream(size).min()
			.getAsInt();
		assertTrue(maxSize - minSize <= 20, Arrays.toString(size));
	}

	@Test
	void reproducibleBySeed() {
		assertArrayEquals(GroupSplits.kFold(groups, 5, 7, labels), GroupSplits.kFold(groups, 5, 7,
			labels));
		assertFalse(Arrays.equals(GroupSplits.kFold(groups, 5, 7, labels), GroupSplits.kFold(
			groups, 5, 8, labels)));
	}

	@Test
	void withoutLabelsBalancesSizes() {
		List<String> g = List.of("a", "a", "b", "b", "c", "c", "d", "d");
		int[] folds = GroupSplits.kFold(g, 2, 1, null);
		assertGroupsWhole(g, folds);
		assertEquals(4, GroupSplits.indices(folds, 0, true).length);
		assertEquals(4, GroupSplits.indices(folds, 0, false).length);
	}

	@Test
	void badSettingsAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> GroupSplits.kFold(List.of("a", "b"), 3,
			1, null));
		assertThrows(IllegalArgumentException.class, () -> GroupSplits.kFold(List.of("a", "b"), 1,
			1, null));
		assertThrows(IllegalArgumentException.class, () -> GroupSplits.kFold(List.of("a", "b"), 2,
			1, new int[] { 1 }));
	}

	@Test
	void ctIchPatientFolds() throws Exception {
		Path root = TestData.require("ct-ich");
		List<Datasets.SampleFile> files = Datasets.ctIchIndex(root);
		List<String> g = files.stream().map(Datasets.SampleFile::group).toList();
		int[] y = files.stream().mapToInt(Datasets.SampleFile::label).toArray();
		int[] folds = GroupSplits.kFold(g, 5, 1, y);
		assertGroupsWhole(g, folds);
		int[] pos = new int[5], size = new int[5], patients = new int[5];
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < folds.length; i++) {
			pos[folds[i]] += y[i];
			size[folds[i]]++;
			if (seen.putIfAbsent(g.get(i), folds[i]) == null) patients[folds[i]]++;
		}
		System.out.println("ct-ich 5 patient folds: patients " + Arrays.toString(patients) +
			", slices " + Arrays.toString(size) + ", hemorrhage slices " + Arrays.toString(pos));
		for (int f = 0; f < 5; f++)
			assertTrue(Math.abs(pos[f] - 318 / 5.0) < 20, Arrays.toString(pos));
	}
}
