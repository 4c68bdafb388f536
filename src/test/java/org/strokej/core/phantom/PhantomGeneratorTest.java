package org.strokej.core.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/** Tests of {@link PhantomGenerator}: HU of the tissues and lesions, exact truth, reproducibility. */
class PhantomGeneratorTest {

	/** A small noiseless, unblurred 3D phantom for exact checks. */
	private static PhantomSettings.Builder exact3D(long seed) {
		return PhantomSettings.builder().size(200, 200, 14).spacing(1.15, 1.15, 6).seed(seed)
			.noiseSigmaHu(0).streaks(false).partialVolumeMm(0);
	}

	private static PhantomSettings.Builder exact2D(long seed) {
		return PhantomSettings.builder().size(256, 256, 1).seed(seed).noiseSigmaHu(0).streaks(false)
			.partialVolumeMm(0);
	}

	private static double median(List<Float> values) {
		float[] a = new float[values.size()];
		for (int i = 0; i < a.length; i++)
			a[i] = values.get(i);
		Arrays.sort(a);
		return a[a.length / 2];
	}

	private static List<Float> valuesWhere(Phantom p, Tissue t, boolean unlabelledOnly) {
		float[] hu = p.hu().data(), tis = p.tissues().data(), lab = p.labels().data();
		List<Float> out = new ArrayList<>();
		for (int i = 0; i < hu.length; i++)
			if ((int) tis[i] == t.code() && (!unlabelledOnly || lab[i] == 0)) out.add(hu[i]);
		return out;
	}

	// -- Anatomy --

	@Test
	void tissueHuRangesWithoutNoise() {
		for (long seed = 1; seed <= 3; seed++) {
			Phantom p = PhantomGenerator.generate(exact3D(seed).lesions(LesionKind.NONE, 0).build());
			double skull = median(valuesWhere(p, Tissue.SKULL, true));
			assertTrue(skull >= 700 && skull <= 1500, "skull median " + skull);
			for (float v : valuesWhere(p, Tissue.SKULL, true))
				assertTrue(v >= 650 && v <= 1500, "skull voxel " + v);
			for (Tissue csf : new Tissue[] { Tissue.CSF, Tissue.VENTRICLE }) {
				List<Float> vals = valuesWhere(p, csf, true);
				assertFalse(vals.isEmpty(), csf + " present");
				for (float v : vals)
					assertTrue(v >= 0 && v <= 15, csf + " voxel " + v);
			}
			double gm = median(valuesWhere(p, Tissue.GRAY, true));
			assertTrue(gm >= 35 && gm <= 45, "gray matter median " + gm);
			for (float v : valuesWhere(p, Tissue.WHITE, true))
				assertTrue(v >= 20 && v <= 31, "white matter voxel " + v);
			assertTrue(gm - median(valuesWhere(p, Tissue.WHITE, true)) >= 5, "gray-white contrast");
			for (float v : valuesWhere(p, Tissue.AIR, true))
				assertEquals(-1000f, v);
			double scalp = median(valuesWhere(p, Tissue.SCALP, true));
			assertTrue(scalp >= 20 && scalp <= 60, "scalp median " + scalp);
			// brain mask = everything inside the inner table
			float[] mask = p.brainMask().data(), tis = p.tissues().data();
			for (int i = 0; i < mask.length; i++) {
				int t = (int) tis[i];
				boolean inside = t >= Tissue.CSF.code();
				assertEquals(inside ? 1f : 0f, mask[i], "mask at " + i + " tissue " + t);
			}
		}
	}

	@Test
	void ventriclesOnlyInMidSlicesAndHeadShrinksTowardsTheTop() {
		Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(128, 128, 40).spacing(
			2, 2, 5).seed(7).lesions(LesionKind.NONE, 0).fixedPose().noiseSigmaHu(0).build());
		int[] vent = new int[40], head = new int[40];
		float[] tis = p.tissues().data();
		for (int z = 0; z < 40; z++)
			for (int i = z * 128 * 128; i < (z + 1) * 128 * 128; i++) {
				if ((int) tis[i] == Tissue.VENTRICLE.code()) vent[z]++;
				if ((int) tis[i] != Tissue.AIR.code()) head[z]++;
			}
		int zc = (int) Math.round(p.headCentre()[2]);
		int maxZ = 0;
		for (int z = 1; z < 40; z++)
			if (head[z] > head[maxZ]) maxZ = z;
		assertEquals(0, vent[0], "no ventricles in the lowest slice");
		assertEquals(0, vent[39], "no ventricles in the highest slice");
		assertTrue(vent[zc + 3] > 0, "ventricles 15 mm above the head centre");
		assertTrue(head[39] < head[maxZ] / 2, "head smaller near the top: " + head[39]);
	}

	// -- Lesions --

	@Test
	void hemorrhageHuAndExactVolumes() {
		int seen = 0;
		for (long seed = 10; seed < 16; seed++) {
			Phantom p = PhantomGenerator.generate(exact3D(seed).lesions(LesionKind.HEMORRHAGE, 3).build());
			assertFalse(p.lesions().isEmpty(), "seed " + seed + " has lesions");
			List<Float> hem = new ArrayList<>();
			float[] lab = p.labels().data(), hu = p.hu().data();
			for (int i = 0; i < lab.length; i++)
				if (lab[i] == 1) hem.add(hu[i]);
			double med = median(hem);
			assertTrue(med >= 50 && med <= 90, "hemorrhage median " + med);
			for (Lesion l : p.lesions()) {
				assertEquals(Lesion.HEMORRHAGE, l.labelClass());
				assertTrue(l.meanHu() >= 50 && l.meanHu() <= 90, l.toString());
				seen++;
			}
			checkTruthConsistency(p);
		}
		assertTrue(seen >= 10, "lesions seen " + seen);
	}

	@Test
	void ischemiaIsDarkerThanItsHemisphere() {
		int seen = 0;
		for (long seed = 20; seed < 26; seed++) {
			Phantom p = PhantomGenerator.generate(exact3D(seed).lesions(LesionKind.ISCHEMIA, 1).build());
			assertEquals(1, p.lesions().size());
			Lesion l = p.lesions().get(0);
			assertEquals(Lesion.ISCHEMIA, l.labelClass());
			assertTrue(List.of("MCA", "ACA", "PCA").contains(l.subtype()), l.subtype());
			float[] hu = p.hu().data(), ids = p.instances().data(), tis = p.tissues().data(),
				lab = p.labels().data();
			double lesionSum = 0, hemiSum = 0;
			long lesionN = 0, hemiN = 0;
			int nx = p.hu().nx(), ny = p.hu().ny();
			for (int i = 0; i < hu.length; i++) {
				if (ids[i] == l.id()) {
					lesionSum += hu[i];
					lesionN++;
					int t = (int) tis[i];
					assertTrue(t == Tissue.GRAY.code() || t == Tissue.WHITE.code(), "infarct in parenchyma");
					continue;
				}
				int t = (int) tis[i];
				if (lab[i] != 0 || (t != Tissue.GRAY.code() && t != Tissue.WHITE.code())) continue;
				double u = p.toHeadFrame(i % nx, (i / nx) % ny, i / (nx * ny))[0];
				if ((u > 0) == l.hemisphere().equals("left")) {
					hemiSum += hu[i];
					hemiN++;
				}
			}
			double drop = hemiSum / hemiN - lesionSum / lesionN;
			assertTrue(drop >= 5 && drop <= 15, "seed " + seed + ": infarct " + drop +
				" HU below its hemisphere");
			assertEquals(lesionSum / lesionN, l.meanHu(), 1e-3);
			seen++;
			checkTruthConsistency(p);
		}
		assertEquals(6, seen);
	}

	@Test
	void hemisphereMatchesCentroidSide() {
		int left = 0, right = 0;
		for (long seed = 30; seed < 40; seed++) {
			Phantom p = PhantomGenerator.generate(exact2D(seed).lesions(LesionKind.MIXED, 3).build());
			for (Lesion l : p.lesions()) {
				double[] c = l.centroid();
				double u = p.toHeadFrame(c[0], c[1], c[2])[0];
				assertEquals(u > 0 ? "left" : "right", l.hemisphere(), l.toString());
				if (u > 0) left++;
				else right++;
			}
		}
		assertTrue(left > 0 && right > 0, "both sides drawn: " + left + "/" + right);
		// without rotation, patient left is larger x (LPS)
		Phantom p = PhantomGenerator.generate(exact2D(41).fixedPose().lesions(LesionKind.HEMORRHAGE,
			2).build());
		for (Lesion l : p.lesions())
			assertEquals(l.centroid()[0] > (p.hu().nx() - 1) / 2.0 ? "left" : "right", l.hemisphere());
	}

	@Test
	void lesionsStayInsideTheBrainMask() {
		for (long seed = 50; seed < 56; seed++) {
			Phantom p = PhantomGenerator.generate(exact3D(seed).lesions(LesionKind.MIXED, 4)
				.noiseSigmaHu(5).streaks(true).partialVolumeMm(0.4).build());
			float[] lab = p.labels().data(), mask = p.brainMask().data();
			for (int i = 0; i < lab.length; i++)
				if (lab[i] != 0) assertEquals(1f, mask[i], "lesion voxel " + i + " outside the mask");
			checkTruthConsistency(p);
		}
	}

	@Test
	void noneMeansNoLabels() {
		for (PhantomSettings s : List.of(exact2D(60).lesions(LesionKind.NONE, 3).build(), exact3D(61)
			.lesions(LesionKind.NONE, 3).build(), exact2D(62).lesions(LesionKind.HEMORRHAGE, 0).build()))
		{
			Phantom p = PhantomGenerator.generate(s);
			assertTrue(p.lesions().isEmpty());
			for (float v : p.labels().data())
				assertEquals(0f, v);
			for (float v : p.instances().data())
				assertEquals(0f, v);
		}
	}

	@Test
	void twoDAndThreeDBothCarryTheRequestedLesions() {
		for (LesionKind kind : new LesionKind[] { LesionKind.HEMORRHAGE, LesionKind.ISCHEMIA }) {
			for (long seed = 70; seed < 76; seed++) {
				Phantom p2 = PhantomGenerator.generate(exact2D(seed).lesions(kind, 1).build());
				Phantom p3 = PhantomGenerator.generate(exact3D(seed).lesions(kind, 1).build());
				int cls = kind == LesionKind.HEMORRHAGE ? 1 : 2;
				for (Phantom p : List.of(p2, p3)) {
					assertEquals(1, p.lesions().size(), kind + " seed " + seed + " " + p.hu().nz());
					assertEquals(cls, p.lesions().get(0).labelClass());
					assertTrue(p.lesions().get(0).voxels() >= 10);
				}
				assertTrue(p2.hu().is2D());
				assertEquals(14, p3.hu().nz());
			}
		}
	}

	// -- Geometry --

	@Test
	void ellipsoidVolumeFollowsSpacing() {
		PhantomSettings.Ellipsoid e = new PhantomSettings.Ellipsoid(12, 9, 15);
		double analytic = e.volumeMl();
		// fine isotropic grid: voxel count close to the analytic volume
		Phantom fine = PhantomGenerator.generate(exact3D(80).size(256, 256, 60).spacing(0.9, 0.9, 1)
			.ellipsoidHemorrhage(e).build());
		// anisotropic CT-like grid: 0.45 x 0.45 x 5 mm
		Phantom aniso = PhantomGenerator.generate(exact3D(80).size(512, 512, 12).spacing(0.45, 0.45,
			5).ellipsoidHemorrhage(e).build());
		for (Phantom p : List.of(fine, aniso)) {
			assertEquals(1, p.lesions().size());
			Lesion l = p.lesions().get(0);
			assertEquals("IPH", l.subtype());
			double[] sp = p.hu().spacing();
			assertEquals(l.voxels() * sp[0] * sp[1] * sp[2] / 1000, l.volumeMl(), 1e-12);
			assertEquals(analytic, l.volumeMl(), analytic * 0.12, "volume on " + Arrays.toString(sp));
			// extent along x and y matches 2a and 2b (within two voxels)
			int[] lo = l.bboxMin(), hi = l.bboxMax();
			assertEquals(24, (hi[0] - lo[0] + 1) * sp[0], 2 * sp[0]);
			assertEquals(18, (hi[1] - lo[1] + 1) * sp[1], 2 * sp[1]);
		}
		assertEquals(analytic, fine.lesions().get(0).volumeMl(), analytic * 0.03);
		// 2D: the slice cuts the ellipsoid through its centre, area pi a b
		Phantom slice = PhantomGenerator.generate(exact2D(81).ellipsoidHemorrhage(e).build());
		Lesion l = slice.lesions().get(0);
		double[] sp = slice.hu().spacing();
		assertEquals(Math.PI * 12 * 9, l.voxels() * sp[0] * sp[1], Math.PI * 12 * 9 * 0.03);
		assertEquals(l.voxels() * sp[0] * sp[1] * sp[2] / 1000, l.volumeMl(), 1e-12);
	}

	@Test
	void sameVoxelsOnAnotherSpacingGiveAnotherVolume() {
		Phantom a = PhantomGenerator.generate(exact2D(90).lesions(LesionKind.HEMORRHAGE, 1).build());
		Lesion l = a.lesions().get(0);
		assertEquals(l.voxels() * a.settings().voxelVolumeMl(), l.volumeMl(), 1e-12);
		assertEquals(230.0 / 256, a.hu().spacing()[0], 1e-12);
		assertEquals(5.0, a.hu().spacing()[2]);
		assertEquals(a.hu().voxelVolumeMl(), a.settings().voxelVolumeMl(), 1e-15);
	}

	@Test
	void midlineShiftMovesTheVentricles() {
		PhantomSettings base = exact3D(95).fixedPose().lesions(LesionKind.HEMORRHAGE, 1).build();
		Phantom p0 = PhantomGenerator.generate(base);
		Phantom p6 = PhantomGenerator.generate(base.toBuilder().midlineShiftMm(6).build());
		assertEquals(6, p6.midlineShiftMm());
		double shift = ventricleMeanU(p6) - ventricleMeanU(p0);
		assertTrue(shift > 4 && shift < 6.5, "ventricles moved " + shift + " mm");
		// the mass lies opposite the shift
		assertEquals("right", p6.lesions().get(0).hemisphere());
	}

	private static double ventricleMeanU(Phantom p) {
		float[] tis = p.tissues().data();
		int nx = p.hu().nx(), ny = p.hu().ny();
		double sum = 0;
		long n = 0;
		for (int i = 0; i < tis.length; i++)
			if ((int) tis[i] == Tissue.VENTRICLE.code()) {
				sum += p.toHeadFrame(i % nx, (i / nx) % ny, i / (nx * ny))[0];
				n++;
			}
		assertTrue(n > 0);
		return sum / n;
	}

	// -- Reproducibility and metadata --

	@Test
	void sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
		for (PhantomSettings s : List.of(PhantomSettings.builder().size(128, 128, 6).spacing(1.8,
			1.8, 5).seed(123).lesions(LesionKind.MIXED, 3).build(), PhantomSettings.builder().size(256,
				256, 1).seed(-4).lesions(LesionKind.RANDOM, 3).build()))
		{
			Phantom a = PhantomGenerator.generate(s), b = PhantomGenerator.generate(s);
			assertArrayEquals(a.hu().data(), b.hu().data());
			assertArrayEquals(a.labels().data(), b.labels().data());
			assertArrayEquals(a.brainMask().data(), b.brainMask().data());
			assertArrayEquals(a.instances().data(), b.instances().data());
			assertEquals(a.lesions().toString(), b.lesions().toString());
			assertEquals(a.rotationDeg(), b.rotationDeg());
			Phantom c = PhantomGenerator.generate(s.withSeed(s.seed() + 1));
			assertFalse(Arrays.equals(a.hu().data(), c.hu().data()));
		}
	}

	@Test
	void volumesCarryHuMetadataAndGeometry() {
		PhantomSettings s = PhantomSettings.builder().size(64, 48, 3).spacing(3.5, 4, 5).seed(3)
			.build();
		Phantom p = PhantomGenerator.generate(s);
		Volume hu = p.hu();
		assertEquals("CT", hu.metadata().modality());
		assertEquals("phantom", hu.metadata().format());
		assertEquals(ValueUnit.HU, hu.metadata().valueUnit());
		assertArrayEquals(new int[] { 64, 48, 3 }, hu.dims());
		assertArrayEquals(new double[] { 3.5, 4, 5 }, hu.spacing());
		assertArrayEquals(Volume.defaultAffine(64, 48, new double[] { 3.5, 4, 5 }), hu.affine());
		for (Volume v : List.of(p.labels(), p.brainMask(), p.tissues(), p.instances())) {
			assertArrayEquals(hu.dims(), v.dims());
			assertArrayEquals(hu.affine(), v.affine());
		}
		assertTrue(hu.range()[0] >= -1024 && hu.range()[1] <= 3071);
	}

	@Test
	void rotationIsReportedAndRespected() {
		// the head's long (anterior-posterior) axis lies along the reported rotation
		PhantomSettings s = exact2D(5).rotationMaxDeg(30).shiftMaxMm(0).headScale(1, 1).lesions(
			LesionKind.NONE, 0).build();
		Phantom p = PhantomGenerator.generate(s);
		float[] tis = p.tissues().data();
		double sxx = 0, syy = 0, sxy = 0;
		long n = 0;
		double[] c = p.headCentre();
		for (int i = 0; i < tis.length; i++)
			if (tis[i] != 0) {
				double x = i % 256 - c[0], y = i / 256 - c[1];
				sxx += x * x;
				syy += y * y;
				sxy += x * y;
				n++;
			}
		// principal axis angle from the y axis, positive towards +x
		double angle = Math.toDegrees(0.5 * Math.atan2(2 * sxy, syy - sxx));
		assertEquals(-p.rotationDeg(), angle, 3, "measured " + angle + " vs " + p.rotationDeg());
		assertTrue(Math.abs(p.rotationDeg()) <= 30);
	}

	@Test
	void badSettingsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> PhantomSettings.builder().size(8, 8, 1)
			.build());
		assertThrows(IllegalArgumentException.class, () -> PhantomSettings.builder().spacing(0, 1, 1)
			.build());
		assertThrows(IllegalArgumentException.class, () -> PhantomSettings.builder().noiseSigmaHu(-1)
			.build());
		assertThrows(IllegalArgumentException.class, () -> new PhantomSettings.Ellipsoid(1, 0, 1));
		assertThrows(IllegalArgumentException.class, () -> PhantomGenerator.generate(exact2D(1)
			.ellipsoidHemorrhage(new PhantomSettings.Ellipsoid(60, 60, 60)).build()));
		assertEquals(230.0 / 512, PhantomSettings.defaults().spacingX(), 1e-12);
	}

	@Test
	void blurKeepsMassAndHasTheRequestedSigma() {
		int n = 41;
		float[] img = new float[n * n * 2];
		img[20 * n + 20] = 1; // a delta in slice 0
		java.util.Arrays.fill(img, n * n, 2 * n * n, 7f); // a constant slice 1
		PhantomGenerator.blur(img, n, n, 2, 1.5, 0.8);
		double sum = 0, vx = 0, vy = 0;
		for (int j = 0; j < n; j++)
			for (int i = 0; i < n; i++) {
				double v = img[j * n + i];
				sum += v;
				vx += v * (i - 20) * (i - 20);
				vy += v * (j - 20) * (j - 20);
			}
		assertEquals(1, sum, 1e-5);
		assertEquals(1.5 * 1.5, vx, 0.05);
		assertEquals(0.8 * 0.8, vy, 0.05);
		for (int i = n * n; i < 2 * n * n; i++)
			assertEquals(7f, img[i], 1e-5f);
	}

	/** Labels, instances and the lesion list agree exactly. */
	static void checkTruthConsistency(Phantom p) {
		float[] lab = p.labels().data(), ids = p.instances().data();
		long[] count = new long[p.lesions().size() + 1];
		for (int i = 0; i < lab.length; i++) {
			int id = (int) ids[i];
			assertEquals(id, ids[i]);
			if (id == 0) {
				assertEquals(0f, lab[i]);
				continue;
			}
			assertEquals(p.lesions().get(id - 1).labelClass(), (int) lab[i]);
			count[id]++;
		}
		double vox = p.hu().voxelVolumeMl();
		for (Lesion l : p.lesions()) {
			assertEquals(l.voxels(), count[l.id()], l.toString());
			assertEquals(count[l.id()] * vox, l.volumeMl(), 1e-12);
			assertTrue(l.hemisphere().equals("left") || l.hemisphere().equals("right"));
		}
	}
}
