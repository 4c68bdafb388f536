package org.strokej.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Group-aware splits: all samples of one group (patient) land in the same fold, so neighbouring
 * slices of one patient never sit on both sides of a train/test split.
 */
public final class GroupSplits {

	private GroupSplits() {}

	/**
	 * Assigns each sample a fold {@code 0 .. k-1}, keeping groups whole and balancing positives.
	 * <p>
	 * Groups are shuffled with the seed, then taken in order of decreasing positive count (then
	 * decreasing size) and each is put in the fold that has the fewest positives so far (ties:
	 * fewest samples, then lowest index). Groups without positives thus fill the smallest folds.
	 *
	 * @param groups group id per sample
	 * @param k number of folds, 2 .. number of groups
	 * @param seed shuffling seed (same seed, same folds)
	 * @param labelsForStratification label per sample (non-zero = positive), or null to balance
	 *          sizes only
	 * @return fold index per sample
	 */
	public static int[] kFold(List<String> groups, int k, long seed,
		int[] labelsForStratification)
	{
		if (labelsForStratification != null && labelsForStratification.length != groups.size())
			throw new IllegalArgumentException("labels length " + labelsForStratification.length +
				" != " + groups.size() + " samples");
		Map<String, int[]> stats = new LinkedHashMap<>(); // group -> {size, positives}
		for (int i = 0; i < groups.size(); i++) {
			String g = groups.get(i);
			if (g == null) throw new IllegalArgumentException("group of sample " + i + " is null");
			int[] s = stats.computeIfAbsent(g, x -> new int[2]);
			s[0]++;
			if (labelsForStratification != null && labelsForStratification[i] != 0) s[1]++;
		}
		if (k < 2 || k > stats.size()) throw new IllegalArgumentException("k must be in 2.." + stats
			.size() + " (the number of groups), got " + k);
		List<String> order = new ArrayList<>(stats.keySet());
		Collections.shuffle(order, new Random(seed));
		order.sort(Comparator.comparingInt((String g) -> -stats.get(g)[1]).thenComparingInt(
			g -> -stats.get(g)[0]));
		long[] foldPos = new long[k], foldSize = new long[k];
		Map<String, Integer> foldOf = new LinkedHashMap<>();
		for (String g : order) {
			int best = 0;
			for (int f = 1; f < k; f++) {
				boolean hasPositives = stats.get(g)[1] > 0;
				int cmp = hasPositives ? Long.compare(foldPos[f], foldPos[best]) : 0;
				if (cmp == 0) cmp = Long.compare(foldSize[f], foldSize[best]);
				if (cmp < 0) best = f;
			}
			foldOf.put(g, best);
			foldPos[best] += stats.get(g)[1];
			foldSize[best] += stats.get(g)[0];
		}
		int[] out = new int[groups.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = foldOf.get(groups.get(i));
		return out;
	}

	/** The indices of the samples in fold f (test) or not in it (train). */
	public static int[] indices(int[] folds, int f, boolean inFold) {
		return java.util.stream.IntStream.range(0, folds.length).filter(i -> (folds[i] == f) ==
			inFold).toArray();
	}
}
