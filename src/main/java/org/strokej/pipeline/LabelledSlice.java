package org.strokej.pipeline;

import java.util.Objects;

import org.strokej.core.io.Volume;

/**
 * One 2D training or evaluation example as the pipeline sees it, before preprocessing.
 *
 * @param id unique id (used in reports)
 * @param group patient / scan id: folds and splits never separate a group
 * @param image the slice (HU or windowed grey), nz = 1; or the slice with its context slices
 *          ({@link SliceContext}): an odd number of slices, the labelled one in the middle
 * @param label slice class: 0 normal, 1 hemorrhagic, 2 ischemic
 * @param mask lesion labels of the (centre) slice on its grid (0, 1, 2), or null when unknown
 * @param source data set name ("ct-ich", "bhsd", "cpaisd", "phantom", "user")
 */
public record LabelledSlice(String id, String group, Volume image, int label, Volume mask,
	String source)
{
	public LabelledSlice {
		Objects.requireNonNull(id);
		Objects.requireNonNull(group);
		Objects.requireNonNull(image);
		if (image.nz() % 2 != 1) throw new IllegalArgumentException(id + ": " + image.nz() +
			" slices; need one, or one with as many context slices on either side");
		if (label < 0 || label > 2) throw new IllegalArgumentException(id + ": label " + label);
		if (mask != null && (mask.nx() != image.nx() || mask.ny() != image.ny() || mask.nz() != 1))
			throw new IllegalArgumentException(id + ": mask size differs from image");
	}
}
