package org.strokej.core.postprocess;

import org.strokej.core.preprocess.RotationCorrection;
import org.strokej.core.preprocess.RotationCorrection.Midline;

/**
 * Approximate arterial territory of a supratentorial lesion without an atlas: the angle of the
 * lesion centroid around a centre on the ideal mid-sagittal line, measured in the head's own
 * (rotation-corrected) frame from straight anterior, with the textbook axial sectors at the level
 * of the lateral ventricles: anterior cerebral artery (ACA) anteromedially up to 35°, middle
 * cerebral artery (MCA) laterally from 35° to 135°, posterior cerebral artery (PCA) posteriorly
 * beyond 135°.
 * <p>
 * This is a coarse orientation aid, not a diagnosis: real territories vary between people and
 * with height (the ACA strip widens towards the vertex, the PCA takes the inferior temporal lobe
 * lower down), a lesion spanning sectors gets the sector of its centroid, and infratentorial
 * (cerebellar, brainstem) lesions are not recognised. No lobes are named: their boundaries
 * depend too much on height for an angle rule.
 */
public final class Territories {

	private Territories() {}

	/** Arterial territories of the rule. */
	public enum Territory {
		ACA, MCA, PCA
	}

	/** Boundary between the ACA and MCA sectors, degrees from anterior. */
	public static final double ACA_MCA_DEG = 35;
	/** Boundary between the MCA and PCA sectors, degrees from anterior. */
	public static final double MCA_PCA_DEG = 135;

	/**
	 * The angle in degrees (0 = straight anterior, 90 = lateral, 180 = straight posterior) of a
	 * point around the centre of the ideal midline, in the head's frame.
	 *
	 * @param x point x (voxels)
	 * @param y point y (voxels)
	 * @param midline the ideal mid-sagittal line; its point (cx, cy) is the centre (for
	 *          {@link RotationCorrection#estimate}: the brain mask centroid)
	 * @param spacingX in-plane pixel width, mm
	 * @param spacingY in-plane pixel height, mm
	 */
	public static double angleDeg(double x, double y, Midline midline, double spacingX,
		double spacingY)
	{
		double t = Math.toRadians(midline.angleDeg());
		double dx = (x - midline.cx()) * spacingX, dy = (y - midline.cy()) * spacingY;
		// head frame: lateral (towards +x) and posterior along the tilted midline
		double lateral = dx * Math.cos(t) + dy * Math.sin(t);
		double posterior = -dx * Math.sin(t) + dy * Math.cos(t);
		return Math.toDegrees(Math.atan2(Math.abs(lateral), -posterior));
	}

	/** The territory of a point by {@link #angleDeg}. */
	public static Territory of(double x, double y, Midline midline, double spacingX,
		double spacingY)
	{
		double a = angleDeg(x, y, midline, spacingX, spacingY);
		return a < ACA_MCA_DEG ? Territory.ACA : a <= MCA_PCA_DEG ? Territory.MCA : Territory.PCA;
	}

	/** The territory of a lesion's centroid. */
	public static Territory of(LesionStats lesion, Midline midline, double spacingX,
		double spacingY)
	{
		double[] c = lesion.centroid();
		return of(c[0], c[1], midline, spacingX, spacingY);
	}
}
