package org.strokej.core.phantom;

import java.util.List;
import java.util.Objects;

import org.strokej.core.io.Volume;

/**
 * A synthetic head CT and its exact truth, all volumes on the same LPS grid.
 *
 * @param settings the settings it was generated from
 * @param hu Hounsfield units (with blur, streaks and noise as set)
 * @param labels 0 background, 1 hemorrhage, 2 ischemia: exactly the voxels painted by a lesion
 * @param brainMask 1 inside the inner table of the skull (parenchyma, CSF spaces, falx, and
 *          extra-axial bleeds), 0 elsewhere
 * @param tissues {@link Tissue#code()} of the anatomy before lesions were painted
 * @param instances lesion id per voxel (0 none), matching {@link Lesion#id()}
 * @param lesions the lesions in id order, measured on the label image
 * @param rotationDeg true in-plane rotation of the head in degrees; positive turns the anterior
 *          end of the midline towards +x (the patient's left; clockwise as displayed)
 * @param midlineShiftMm displacement of the midline structures towards the patient's left (mm)
 * @param headCentre head centre in 0-based voxel coordinates (x, y, z); z may lie outside the
 *          grid (for 2D slices it tells how high the slice is: z = -slice height / spacing)
 * @param headScale head size factor (1 = 150 &times; 190 mm)
 */
public record Phantom(PhantomSettings settings, Volume hu, Volume labels, Volume brainMask,
	Volume tissues, Volume instances, List<Lesion> lesions, double rotationDeg,
	double midlineShiftMm, double[] headCentre, double headScale)
{
	public Phantom {
		Objects.requireNonNull(settings);
		lesions = List.copyOf(lesions);
		headCentre = headCentre.clone();
	}

	@Override
	public double[] headCentre() { return headCentre.clone(); }

	/**
	 * Head-frame coordinates in mm of a voxel position: u towards the patient's left, v towards
	 * posterior (both rotated with the head) and w superior, all relative to the head centre.
	 */
	public double[] toHeadFrame(double x, double y, double z) {
		double dx = (x - headCentre[0]) * settings.spacingX();
		double dy = (y - headCentre[1]) * settings.spacingY();
		double dz = (z - headCentre[2]) * settings.spacingZ();
		double a = Math.toRadians(rotationDeg);
		double c = Math.cos(a), s = Math.sin(a);
		return new double[] { dx * c + dy * s, -dx * s + dy * c, dz };
	}

	/** Whether the phantom holds any lesion. */
	public boolean hasLesions() { return !lesions.isEmpty(); }
}
