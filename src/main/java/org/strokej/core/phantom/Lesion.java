package org.strokej.core.phantom;

import java.util.Arrays;
import java.util.Objects;

/**
 * One lesion of a phantom and its exact truth, measured on the label image after generation.
 *
 * @param id instance id, the value of its voxels in {@link Phantom#instances()} (1-based)
 * @param labelClass 1 hemorrhage, 2 ischemia (the value in {@link Phantom#labels()})
 * @param subtype "IPH", "SDH", "EDH", "SAH", "IVH" (hemorrhage) or "MCA", "ACA", "PCA" (ischemia)
 * @param voxels number of voxels labelled with this lesion
 * @param volumeMl voxels &times; voxel volume in mL
 * @param hemisphere "left" or "right" in patient terms (LPS: larger x = patient left)
 * @param bboxMin inclusive voxel bounding box minimum (x, y, z)
 * @param bboxMax inclusive voxel bounding box maximum (x, y, z)
 * @param centroid voxel centroid (x, y, z), 0-based voxel coordinates
 * @param meanHu mean HU painted into the lesion, before blur, streaks and noise
 */
public record Lesion(int id, int labelClass, String subtype, long voxels, double volumeMl,
	String hemisphere, int[] bboxMin, int[] bboxMax, double[] centroid, double meanHu)
{
	/** Label value of hemorrhage. */
	public static final int HEMORRHAGE = 1;
	/** Label value of ischemia. */
	public static final int ISCHEMIA = 2;

	public Lesion {
		Objects.requireNonNull(subtype);
		Objects.requireNonNull(hemisphere);
		bboxMin = bboxMin.clone();
		bboxMax = bboxMax.clone();
		centroid = centroid.clone();
	}

	@Override
	public int[] bboxMin() { return bboxMin.clone(); }

	@Override
	public int[] bboxMax() { return bboxMax.clone(); }

	@Override
	public double[] centroid() { return centroid.clone(); }

	/** Whether this is a hemorrhage (label 1). */
	public boolean isHemorrhage() { return labelClass == HEMORRHAGE; }

	@Override
	public String toString() {
		return String.format("Lesion[%d %s %s %s, %d voxels, %.3f mL, mean %.1f HU, centroid %s]",
			id, labelClass == HEMORRHAGE ? "hemorrhage" : "ischemia", subtype, hemisphere, voxels,
			volumeMl, meanHu, Arrays.toString(centroid));
	}
}
