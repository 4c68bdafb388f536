package org.strokej.core.postprocess;

/**
 * One connected lesion of a label image, measured.
 *
 * @param id 1-based lesion number, in order of first appearance (z, then y, then x)
 * @param lesionClass hemorrhage or ischemia
 * @param sliceFirst first slice (1-based) containing the lesion
 * @param sliceLast last slice (1-based)
 * @param voxels voxel count
 * @param volumeMl voxels × voxel volume
 * @param meanValue mean of the image (HU for CT) over the lesion
 * @param abc2Ml ABC/2 volume estimate in mL: A = longest in-plane diameter on the slice of largest
 *          area, B = longest diameter perpendicular to A on that slice, C = slices × slice
 *          thickness (Kothari et al., Stroke 1996)
 * @param largestSlice the slice (1-based) with the largest lesion area
 * @param centroid centroid in voxel coordinates (x, y, z; 0-based)
 * @param hemisphere "left" or "right" (patient side, from the centroid vs. the image's vertical
 *          midline, a given mid-sagittal x or a tilted mid-sagittal line), or "midline" within 2 % of
 *          the width
 */
public record LesionStats(int id, LesionClass lesionClass, int sliceFirst, int sliceLast,
	long voxels, double volumeMl, double meanValue, double abc2Ml, int largestSlice,
	double[] centroid, String hemisphere)
{
	/** The ROI name prefix {@code <class>-<id>}; ROIs append {@code -z<slice>}. */
	public String name() {
		return lesionClass.displayName() + "-" + id;
	}
}
