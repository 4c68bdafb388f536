package org.strokej.core.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class LesionsTest {

	private static final ImageMetadata META = new ImageMetadata("CT", "test", ValueUnit.HU, "t");

	@Test
	void componentsVolumesAndSides() {
		int nx = 40, ny = 30, nz = 5;
		float[] lab = new float[nx * ny * nz];
		float[] hu = new float[lab.length];
		// hemorrhage: 4x3x2 box at x 25..28 (patient left of the centre), value 70 HU
		for (int z = 1; z <= 2; z++)
			for (int y = 5; y < 8; y++)
				for (int x = 25; x < 29; x++) {
					lab[(z * ny + y) * nx + x] = 1;
					hu[(z * ny + y) * nx + x] = 70;
				}
		// ischemia: 2x2x1 at x 3..4 (patient right), 10 HU
		for (int y = 20; y < 22; y++)
			for (int x = 3; x < 5; x++) {
				lab[(3 * ny + y) * nx + x] = 2;
				hu[(3 * ny + y) * nx + x] = 10;
			}
		// a single stray hemorrhage voxel, to be dropped by the minimum volume
		lab[(4 * ny + 0) * nx + 39] = 1;
		double[] sp = { 0.5, 0.5, 5 };
		Volume labels = Volume.of(lab, nx, ny, nz, sp, META);
		Volume image = Volume.of(hu, nx, ny, nz, sp, META);
		double voxelMl = 0.5 * 0.5 * 5 / 1000;
		Lesions.Analysis a = Lesions.analyse(labels, image, 2 * voxelMl, Double.NaN);
		List<LesionStats> l = a.lesions();
		assertEquals(2, l.size());
		LesionStats h = l.get(0), i = l.get(1);
		assertEquals(LesionClass.HEMORRHAGE, h.lesionClass());
		assertEquals(24, h.voxels());
		assertEquals(24 * voxelMl, h.volumeMl(), 1e-12);
		assertEquals(70, h.meanValue(), 1e-9);
		assertEquals(2, h.sliceFirst());
		assertEquals(3, h.sliceLast());
		assertEquals("left", h.hemisphere());
		assertEquals("hemorrhage-1", h.name());
		assertEquals(LesionClass.ISCHEMIA, i.lesionClass());
		assertEquals(4, i.voxels());
		assertEquals("right", i.hemisphere());
		assertEquals(2, i.id());
		assertEquals(0, a.componentIds()[(4 * ny) * nx + 39], "dropped lesion keeps no id");
		assertEquals(1, a.componentIds()[(1 * ny + 5) * nx + 25]);
	}

	@Test
	void abc2MatchesEllipsoidVolume() {
		// An ellipsoid with semi-axes 20, 12 (mm in-plane) and 15 mm in z, sampled at
		// 0.5 x 0.5 x 2.5 mm: ABC/2 ≈ (4/3)πabc, the exact voxel volume too.
		double a = 20, b = 12, c = 15;
		double[] sp = { 0.5, 0.5, 2.5 };
		int nx = 120, ny = 80, nz = 16;
		float[] lab = new float[nx * ny * nz];
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					double dx = (x - 60) * sp[0] / a, dy = (y - 40) * sp[1] / b, dz = (z - 7.5) * sp[2] / c;
					if (dx * dx + dy * dy + dz * dz <= 1) lab[(z * ny + y) * nx + x] = 1;
				}
		Lesions.Analysis an = Lesions.analyse(Volume.of(lab, nx, ny, nz, sp, META), null, 0,
			Double.NaN);
		LesionStats s = an.lesions().get(0);
		double exact = 4.0 / 3 * Math.PI * a * b * c / 1000;
		assertEquals(exact, s.volumeMl(), 0.05 * exact);
		assertEquals(exact, s.abc2Ml(), 0.15 * exact);
		assertEquals("midline", s.hemisphere());
	}
}
