package org.strokej.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;

class LeakCheckTest {

	private static final int N = 128;

	/** A synthetic "head": disk with a textured interior and a shape at (cx, cy). */
	private static byte[] phantom(int kind, long seed, int shift, double noise) {
		Random r = new Random(seed);
		byte[] px = new byte[N * N];
		Random tex = new Random(99);
		double[] texture = new double[N * N];
		for (int i = 0; i < texture.length; i++)
			texture[i] = tex.nextGaussian() * 6;
		for (int y = 0; y < N; y++)
			for (int x = 0; x < N; x++) {
				int xs = x - shift, ys = y;
				double v = 0;
				double dx = xs - 64, dy = ys - 64;
				double d = Math.sqrt(dx * dx + dy * dy);
				switch (kind) {
					case 0: // disk with skull ring and a left blob
						v = d < 50 ? (d > 45 ? 250 : 110) : 0;
						if (Math.hypot(xs - 45, ys - 55) < 10) v = 170;
						break;
					case 1: // square with a right blob
						v = Math.abs(dx) < 40 && Math.abs(dy) < 40 ? 120 : 0;
						if (Math.hypot(xs - 85, ys - 80) < 12) v = 220;
						break;
					case 2: // horizontal stripes
						v = (ys / 16) % 2 == 0 ? 200 : 30;
						break;
					default: // diagonal gradient
						v = (xs + 2 * ys) * 255.0 / (3 * N);
				}
				if (v > 0 && kind < 2) v += texture[Math.floorMod(y, N) * N + Math.floorMod(xs, N)];
				v += r.nextGaussian() * noise;
				px[y * N + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
			}
		return px;
	}

	private static Sample sample(String id, byte[] px) {
		return new Sample(id, id, 0, "synthetic", -1, N, N, px, null, new ImageMetadata("CT",
			"phantom", ValueUnit.WINDOWED_8BIT, id));
	}

	@Test
	void aSetAgainstItselfFindsEveryImageOnlyWithItself() {
		List<Sample> set = new ArrayList<>();
		for (int k = 0; k < 4; k++)
			set.add(sample("s" + k, phantom(k, k, 0, 0)));
		List<LeakCheck.Pair> pairs = LeakCheck.nearDuplicates(set, set, LeakCheck.Settings.DEFAULT);
		assertEquals(4, pairs.size());
		for (int k = 0; k < 4; k++) {
			assertEquals(k, pairs.get(k).first());
			assertEquals(k, pairs.get(k).second());
			assertEquals(1, pairs.get(k).correlation(), 1e-5);
		}
		assertTrue(LeakCheck.nearDuplicatesWithin(LeakCheck.fingerprints(set, 32), 0.98)
			.isEmpty());
	}

	@Test
	void noisedAndShiftedCopyIsFoundDifferentShapeIsNot() {
		float[] a = LeakCheck.fingerprint(phantom(0, 1, 0, 0), N, N, 32);
		float[] copy = LeakCheck.fingerprint(phantom(0, 2, 1, 8), N, N, 32);
		float[] other = LeakCheck.fingerprint(phantom(1, 3, 0, 0), N, N, 32);
		double rCopy = LeakCheck.correlation(a, copy), rOther = LeakCheck.correlation(a, other);
		assertTrue(rCopy >= 0.98, "copy r = " + rCopy);
		assertTrue(rOther < 0.9, "other r = " + rOther);
		List<LeakCheck.Pair> pairs = LeakCheck.nearDuplicates(new float[][] { a }, new float[][] {
			other, copy }, 0.98);
		assertEquals(1, pairs.size());
		assertEquals(1, pairs.get(0).second());
	}

	@Test
	void constantImageMatchesNothing() {
		float[] flat = LeakCheck.fingerprint(new byte[N * N], N, N, 32);
		assertEquals(0, LeakCheck.correlation(flat, flat), 0);
	}

	@Test
	void assertDisjointNamesTheLeak() {
		Sample a = sample("a", phantom(0, 1, 0, 0));
		Sample b = new Sample("b", "other", 0, "synthetic", -1, N, N, phantom(0, 5, 1, 4), null, a
			.metadata());
		Sample c = sample("c", phantom(2, 1, 0, 0));
		LeakCheck.assertDisjoint(List.of(a), List.of(c));
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> LeakCheck
			.assertDisjoint(List.of(a, c), List.of(b)));
		assertTrue(e.getMessage().contains("a ~ b"), e.getMessage());
		e = assertThrows(IllegalStateException.class, () -> LeakCheck.assertDisjoint(List.of(a),
			List.of(a)));
		assertTrue(e.getMessage().contains("share group a"), e.getMessage());
	}

	// -- Real data --

	@Test
	void ctIchNeighbourSlicesAreNearDuplicatesAndPatientFoldsLeakLess() throws Exception {
		List<Sample> all = CtIchCache.samples();
		long t0 = System.nanoTime();
		float[][] fp = LeakCheck.fingerprints(all, 32);
		int n = all.size();
		double[] thresholds = { 0.95, 0.98, 0.99 };
		// all pairs once
		long[] sameGroup = new long[3], diffGroup = new long[3];
		long sameTotal = 0, diffTotal = 0;
		List<int[]> dupPairs98 = new ArrayList<>();
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				double r = LeakCheck.correlation(fp[i], fp[j]);
				boolean same = all.get(i).group().equals(all.get(j).group());
				if (same) sameTotal++;
				else diffTotal++;
				for (int t = 0; t < 3; t++)
					if (r >= thresholds[t]) {
						if (same) sameGroup[t]++;
						else diffGroup[t]++;
					}
				if (r >= 0.98) dupPairs98.add(new int[] { i, j });
			}
		double pairSeconds = (System.nanoTime() - t0) / 1e9;
		// adjacent slices of one patient
		Map<String, List<Integer>> byGroup = new TreeMap<>();
		for (int i = 0; i < n; i++)
			byGroup.computeIfAbsent(all.get(i).group(), g -> new ArrayList<>()).add(i);
		long[] adjacentDup = new long[3];
		long adjacent = 0;
		List<Double> adjacentR = new ArrayList<>();
		for (List<Integer> members : byGroup.values()) {
			members.sort(Comparator.comparingInt(i -> all.get(i).sliceNumber()));
			for (int m = 0; m + 1 < members.size(); m++) {
				double r = LeakCheck.correlation(fp[members.get(m)], fp[members.get(m + 1)]);
				adjacent++;
				adjacentR.add(r);
				for (int t = 0; t < 3; t++)
					if (r >= thresholds[t]) adjacentDup[t]++;
			}
		}
		adjacentR.sort(null);
		for (int t = 0; t < 3; t++)
			System.out.printf(
				"leak r>=%.2f: adjacent slices %d/%d (%.1f%%), same patient any pair %d/%d (%.2f%%), different patients %d/%d (%.4f%%)%n",
				thresholds[t], adjacentDup[t], adjacent, 100.0 * adjacentDup[t] / adjacent,
				sameGroup[t], sameTotal, 100.0 * sameGroup[t] / sameTotal, diffGroup[t], diffTotal,
				100.0 * diffGroup[t] / diffTotal);
		System.out.printf("leak: median r of adjacent slices %.4f; all %d pairs compared in %.1f s%n",
			adjacentR.get(adjacentR.size() / 2), (long) n * (n - 1) / 2, pairSeconds);
		int t98 = 1;
		assertTrue((double) adjacentDup[t98] / adjacent > 10.0 * diffGroup[t98] / diffTotal);

		// cross-fold near-duplicates: patient folds against a random slice-level split
		List<String> groups = all.stream().map(Sample::group).toList();
		int[] labels = all.stream().mapToInt(Sample::label).toArray();
		int[] patientFolds = GroupSplits.kFold(groups, 5, 1, labels);
		int[] order = new int[n];
		List<Integer> idx = new ArrayList<>();
		for (int i = 0; i < n; i++)
			idx.add(i);
		java.util.Collections.shuffle(idx, new Random(1));
		for (int i = 0; i < n; i++)
			order[idx.get(i)] = i % 5;
		int crossPatient = 0, crossRandom = 0;
		for (int[] p : dupPairs98) {
			if (patientFolds[p[0]] != patientFolds[p[1]]) crossPatient++;
			if (order[p[0]] != order[p[1]]) crossRandom++;
		}
		System.out.printf(
			"leak r>=0.98, 5 folds: near-duplicate pairs across folds: patient-level split %d, random slice-level split %d (of %d near-duplicate pairs)%n",
			crossPatient, crossRandom, dupPairs98.size());
		assertTrue(crossPatient < crossRandom);
		long[] pos = new long[5], size = new long[5];
		for (int i = 0; i < n; i++) {
			size[patientFolds[i]]++;
			pos[patientFolds[i]] += labels[i];
		}
		System.out.println("patient folds: slices " + Arrays.toString(size) + ", positives " +
			Arrays.toString(pos));
	}
}
