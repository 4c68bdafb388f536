package org.strokej.core.postprocess;

import java.util.ArrayList;
import java.util.List;

import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.RotationCorrection;
import org.strokej.core.preprocess.RotationCorrection.Midline;

/**
 * Finds and measures the lesions of a label image (0 background, 1 hemorrhage, 2 ischemia):
 * 3D connected components (26-connected) of each class, with volume in mL, mean HU and the
 * ABC/2 estimate clinicians use for hemorrhage volume.
 */
public final class Lesions {

	private Lesions() {}

	/** Result of {@link #analyse}: the component map (voxel → lesion id, 0 = none) and stats. */
	public record Analysis(int[] componentIds, List<LesionStats> lesions) {}

	/**
	 * @param labels label volume (values 0, 1, 2)
	 * @param image the image the labels belong to (for mean values), same size, or null
	 * @param minVolumeMl lesions smaller than this are dropped (their voxels get id 0)
	 * @param midlineX x of the mid-sagittal line in voxels, or NaN for the image centre
	 */
	public static Analysis analyse(Volume labels, Volume image, double minVolumeMl,
		double midlineX)
	{
		double mid = Double.isNaN(midlineX) ? (labels.nx() - 1) / 2.0 : midlineX;
		return analyse(labels, image, minVolumeMl, new Midline(0, mid, (labels.ny() - 1) / 2.0));
	}

	/**
	 * As {@link #analyse(Volume, Volume, double, double)}, with the side taken from a tilted
	 * mid-sagittal line (e.g. {@link RotationCorrection#estimate} or
	 * {@link MidlineShift.Measurement#idealMidline()}): a lesion is left when its centroid lies on
	 * the +x side of the line, right on the other side, "midline" within 2 % of the width of it.
	 *
	 * @param midline the mid-sagittal line (tilt clockwise from vertical and a point), or null for
	 *          the image's vertical centre line
	 */
	public static Analysis analyse(Volume labels, Volume image, double minVolumeMl,
		Midline midline)
	{
		Midline line = midline != null ? midline : new Midline(0, (labels.nx() - 1) / 2.0, (labels
			.ny() - 1) / 2.0);
		int nx = labels.nx(), ny = labels.ny(), nz = labels.nz();
		if (image != null && (image.nx() != nx || image.ny() != ny || image.nz() != nz))
			throw new IllegalArgumentException("image and labels differ in size");
		float[] lab = labels.data();
		int[] classes = new int[lab.length];
		for (int i = 0; i < lab.length; i++) {
			classes[i] = Math.round(lab[i]);
			if (classes[i] != 0) LesionClass.ofLabel(classes[i]); // rejects values other than 0, 1, 2
		}
		ConnectedComponents.Labeling cc = ConnectedComponents.label(classes, nx, ny, nz);
		int[] ids = new int[lab.length];
		List<LesionStats> out = new ArrayList<>();
		double voxelMl = labels.voxelVolumeMl();
		double[] sp = labels.spacing();
		int next = 1;
		for (int c = 1; c <= cc.count(); c++) {
			int[] voxels = cc.voxels(c);
			if (voxels.length * voxelMl < minVolumeMl) continue;
			LesionClass lc = LesionClass.ofLabel(classes[voxels[0]]);
			for (int i : voxels)
				ids[i] = next;
			out.add(measure(next, lc, voxels, voxels.length, nx, ny, nz, sp, voxelMl, image, line));
			next++;
		}
		return new Analysis(ids, out);
	}

	private static LesionStats measure(int id, LesionClass lc, int[] voxels, int count, int nx,
		int ny, int nz, double[] sp, double voxelMl, Volume image, Midline line)
	{
		int[] perSlice = new int[nz];
		double sx = 0, sy = 0, sz = 0, sum = 0;
		int zFirst = nz, zLast = -1;
		for (int k = 0; k < count; k++) {
			int i = voxels[k];
			int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
			perSlice[z]++;
			sx += x;
			sy += y;
			sz += z;
			if (image != null) sum += image.data()[i];
			zFirst = Math.min(zFirst, z);
			zLast = Math.max(zLast, z);
		}
		int largest = zFirst;
		for (int z = zFirst; z <= zLast; z++)
			if (perSlice[z] > perSlice[largest]) largest = z;
		double[] centroid = { sx / count, sy / count, sz / count };
		// signed distance from the line; its normal (cos t, sin t) points to +x (patient left)
		double t = Math.toRadians(line.angleDeg());
		double dx = (centroid[0] - line.cx()) * Math.cos(t) + (centroid[1] - line.cy()) * Math.sin(t);
		String side = Math.abs(dx) < 0.02 * nx ? "midline" : dx > 0 ? "left" : "right";
		int slices = 0;
		for (int z = zFirst; z <= zLast; z++)
			if (perSlice[z] > 0) slices++;
		double abc2 = abc2(voxels, count, largest, nx, ny, sp, slices);
		return new LesionStats(id, lc, zFirst + 1, zLast + 1, count, count * voxelMl, image == null
			? Double.NaN : sum / count, abc2, largest + 1, centroid, side);
	}

	/**
	 * ABC/2 in mL. A is the largest distance between two lesion pixels of the largest slice
	 * (pixel centres, in mm), B the largest extent perpendicular to A on that slice (+1 pixel
	 * each, as a radiologist measures edge to edge), C = slices × slice thickness.
	 */
	static double abc2(int[] voxels, int count, int slice, int nx, int ny, double[] sp,
		int slices)
	{
		List<double[]> pts = new ArrayList<>();
		int off = slice * nx * ny;
		for (int k = 0; k < count; k++) {
			int i = voxels[k] - off;
			if (i >= 0 && i < nx * ny) pts.add(new double[] { (i % nx) * sp[0], (i / nx) * sp[1] });
		}
		List<double[]> hull = convexHull(pts);
		double a = 0, ax = 1, ay = 0;
		for (int i = 0; i < hull.size(); i++)
			for (int j = i + 1; j < hull.size(); j++) {
				double ddx = hull.get(j)[0] - hull.get(i)[0], ddy = hull.get(j)[1] - hull.get(i)[1];
				double d = Math.hypot(ddx, ddy);
				if (d > a) {
					a = d;
					ax = ddx / d;
					ay = ddy / d;
				}
			}
		double minP = Double.POSITIVE_INFINITY, maxP = Double.NEGATIVE_INFINITY;
		for (double[] p : hull) {
			double proj = -ay * p[0] + ax * p[1];
			minP = Math.min(minP, proj);
			maxP = Math.max(maxP, proj);
		}
		double pixel = Math.sqrt(sp[0] * sp[1]);
		double aMm = a + pixel, bMm = (hull.isEmpty() ? 0 : maxP - minP) + pixel;
		double cMm = slices * sp[2];
		return aMm * bMm * cMm / 2 / 1000.0;
	}

	/** Andrew's monotone chain; points as {x, y}. */
	static List<double[]> convexHull(List<double[]> pts) {
		pts.sort((p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(p[1], q[1]));
		int n = pts.size();
		if (n < 3) return new ArrayList<>(pts);
		double[][] h = new double[2 * n][];
		int k = 0;
		for (int i = 0; i < n; i++) {
			while (k >= 2 && cross(h[k - 2], h[k - 1], pts.get(i)) <= 0)
				k--;
			h[k++] = pts.get(i);
		}
		for (int i = n - 2, t = k + 1; i >= 0; i--) {
			while (k >= t && cross(h[k - 2], h[k - 1], pts.get(i)) <= 0)
				k--;
			h[k++] = pts.get(i);
		}
		List<double[]> hull = new ArrayList<>();
		for (int i = 0; i < k - 1; i++)
			hull.add(h[i]);
		return hull;
	}

	private static double cross(double[] o, double[] a, double[] b) {
		return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
	}
}
