package org.strokej.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Patient-level (grouped) fold assignment: one group never lands in two folds. */
public final class CrossValidation {

	private CrossValidation() {}

	/**
	 * Assigns samples to {@code k} folds by group, balancing fold sizes.
	 *
	 * @param groups group (patient) of each sample
	 * @return fold (0 … k-1) of each sample
	 */
	public static int[] patientFolds(List<String> groups, int k, long seed) {
		return patientFolds(groups, null, k, seed);
	}

	/**
	 * Assigns samples to {@code k} folds by group, stratified by label: groups are taken in a
	 * seeded random order, largest first within each stratum (a group's stratum is its largest
	 * label), and each goes to the fold with the fewest samples of its stratum (ties: fewest
	 * samples overall, then lowest index).
	 *
	 * @param groups group (patient) of each sample
	 * @param labels label of each sample, or null for no stratification
	 * @return fold (0 … k-1) of each sample
	 * @throws IllegalArgumentException if there are fewer groups than folds
	 */
	public static int[] patientFolds(List<String> groups, int[] labels, int k, long seed) {
		if (k < 2) throw new IllegalArgumentException("need at least 2 folds, not " + k);
		if (labels != null && labels.length != groups.size())
			throw new IllegalArgumentException(groups.size() + " groups but " + labels.length + " labels");
		Map<String, List<Integer>> members = new LinkedHashMap<>();
		for (int i = 0; i < groups.size(); i++) {
			String g = groups.get(i);
			if (g == null) throw new IllegalArgumentException("sample " + i + " has no group");
			members.computeIfAbsent(g, x -> new ArrayList<>()).add(i);
		}
		if (members.size() < k)
			throw new IllegalArgumentException("only " + members.size() + " groups (patients) for " + k + " folds");
		List<String> order = new ArrayList<>(members.keySet());
		Collections.sort(order);
		Collections.shuffle(order, new Random(seed));
		Map<String, Integer> stratum = new LinkedHashMap<>();
		int maxStratum = 0;
		for (String g : order) {
			int s = 0;
			if (labels != null) for (int i : members.get(g)) s = Math.max(s, labels[i]);
			stratum.put(g, s);
			maxStratum = Math.max(maxStratum, s);
		}
		// stable sort: stratum, then larger groups first (balances sizes); shuffled order breaks ties
		order.sort((a, b) -> {
			int c = Integer.compare(stratum.get(a), stratum.get(b));
			return c != 0 ? c : Integer.compare(members.get(b).size(), members.get(a).size());
		});
		int[][] perStratum = new int[k][maxStratum + 1];
		int[] total = new int[k];
		int[] fold = new int[groups.size()];
		for (String g : order) {
			int s = stratum.get(g), best = 0;
			for (int f = 1; f < k; f++) {
				if (perStratum[f][s] < perStratum[best][s] ||
					perStratum[f][s] == perStratum[best][s] && total[f] < total[best]) best = f;
			}
			int n = members.get(g).size();
			perStratum[best][s] += n;
			total[best] += n;
			for (int i : members.get(g)) fold[i] = best;
		}
		return fold;
	}

	/** Indices of the samples in / not in {@code fold}. */
	public static int[] indices(int[] folds, int fold, boolean in) {
		return java.util.stream.IntStream.range(0, folds.length).filter(i -> (folds[i] == fold) == in).toArray();
	}
}
