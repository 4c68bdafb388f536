package org.strokej.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns slice-level scores into patient-level scores: a patient's score is the maximum of its
 * slice scores (one bleeding slice makes a bleeding patient) and, as a less noisy alternative,
 * the mean of its top-k slice scores; a patient is positive when any of its slices is.
 */
public final class PatientAggregation {

	private PatientAggregation() {}

	/**
	 * Patient-level results, in order of first appearance of each patient.
	 *
	 * @param ids patient ids
	 * @param maxScore maximum slice score per patient
	 * @param topKMean mean of the k highest slice scores (all slices when fewer than k)
	 * @param truth 1 when any slice of the patient is positive
	 * @param slices number of slices per patient
	 * @param k the k used for {@code topKMean}
	 */
	public record Patients(List<String> ids, double[] maxScore, double[] topKMean, int[] truth,
		int[] slices, int k)
	{
		public int size() { return ids.size(); }
	}

	/**
	 * @param patientIds patient id per slice
	 * @param sliceScores score per slice (higher = more likely positive)
	 * @param sliceTruth 0/1 per slice, or null when unknown (truth is then all 0)
	 * @param k slices averaged for {@link Patients#topKMean} (>= 1)
	 */
	public static Patients aggregate(String[] patientIds, double[] sliceScores, int[] sliceTruth,
		int k)
	{
		if (k < 1) throw new IllegalArgumentException("k must be >= 1");
		Checks.sameLength(patientIds.length, sliceScores.length);
		if (sliceTruth != null) {
			Checks.sameLength(patientIds.length, sliceTruth.length);
			Checks.binary(sliceTruth);
		}
		Checks.finite(sliceScores, "score");
		Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
		for (int i = 0; i < patientIds.length; i++) {
			if (patientIds[i] == null) throw new IllegalArgumentException("patient id " + i +
				" is null");
			byPatient.computeIfAbsent(patientIds[i], x -> new ArrayList<>()).add(i);
		}
		int n = byPatient.size();
		double[] max = new double[n], top = new double[n];
		int[] truth = new int[n], count = new int[n];
		int p = 0;
		for (List<Integer> members : byPatient.values()) {
			double[] s = new double[members.size()];
			for (int j = 0; j < s.length; j++) {
				int i = members.get(j);
				s[j] = sliceScores[i];
				if (sliceTruth != null && sliceTruth[i] == 1) truth[p] = 1;
			}
			Arrays.sort(s);
			max[p] = s[s.length - 1];
			int kk = Math.min(k, s.length);
			double sum = 0;
			for (int j = s.length - kk; j < s.length; j++)
				sum += s[j];
			top[p] = sum / kk;
			count[p] = s.length;
			p++;
		}
		return new Patients(List.copyOf(byPatient.keySet()), max, top, truth, count, k);
	}
}
