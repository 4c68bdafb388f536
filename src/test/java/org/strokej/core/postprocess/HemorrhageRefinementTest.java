package org.strokej.core.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/** Blood-density refinement of hemorrhage labels on small synthetic volumes. */
class HemorrhageRefinementTest {

	private static final ImageMetadata HU = new ImageMetadata("CT", "t", ValueUnit.HU, "t");
	private static final int N = 40;
	private static final double[] SP = { 1, 1, 5 };
	private static final HemorrhageRefinement.Settings NO_SMOOTH = new HemorrhageRefinement.Settings(
		50, 100, 0, 4, 0.5, 150);

	/** A 40 × 40 × 3 brain of 30 HU with a disc of radius r (pixels) of the given HU on slice 1. */
	private static float[] disc(double r, float value) {
		float[] hu = new float[N * N * 3];
		java.util.Arrays.fill(hu, 30);
		for (int y = 0; y < N; y++)
			for (int x = 0; x < N; x++)
				if (Math.hypot(x - 20, y - 20) <= r) hu[N * N + y * N + x] = value;
		return hu;
	}

	private static int count(float[] lab, int value) {
		int c = 0;
		for (float v : lab)
			if (v == value) c++;
		return c;
	}

	@Test
	void tooSmallOutlineGrowsToTheBloodEdgeAndTooLargeShrinks() {
		float[] hu = disc(8, 70);
		int exact = count(disc(8, 70), 70);
		for (double r : new double[] { 5.5, 10.5 }) {
			float[] lab = disc(r, 1);
			for (int i = 0; i < lab.length; i++)
				lab[i] = lab[i] == 1 ? 1 : 0;
			Volume out = HemorrhageRefinement.refine(Volume.of(lab, N, N, 3, SP, HU), Volume.of(hu, N, N,
				3, SP, HU), NO_SMOOTH);
			assertEquals(exact, count(out.data(), 1), "network radius " + r);
			for (int i = 0; i < hu.length; i++)
				assertEquals(hu[i] == 70 ? 1f : 0f, out.data()[i]);
		}
	}

	@Test
	void growthIsLimitedByTheMargin() {
		float[] hu = disc(15, 70);
		float[] lab = disc(5.5, 1);
		for (int i = 0; i < lab.length; i++)
			lab[i] = lab[i] == 1 ? 1 : 0;
		Volume out = HemorrhageRefinement.refine(Volume.of(lab, N, N, 3, SP, HU), Volume.of(hu, N, N,
			3, SP, HU), NO_SMOOTH);
		// grown by the 4 mm margin (chamfer distance: 3.7..4 mm) to a radius of 9.2..9.5, no further
		for (int y = 0; y < N; y++)
			for (int x = 0; x < N; x++) {
				double r = Math.hypot(x - 20, y - 20);
				float v = out.data()[N * N + y * N + x];
				if (r <= 9.1) assertEquals(1f, v, "r " + r);
				if (r > 9.5) assertEquals(0f, v, "r " + r);
			}
		assertEquals(0, count(out.data(), 1) - count(java.util.Arrays.copyOfRange(out.data(), N * N,
			2 * N * N), 1), "nothing on other slices");
	}

	@Test
	void ischemiaAndIsodenseLesionsAreLeftAlone() {
		float[] hu = disc(8, 70);
		float[] isch = disc(8, 2);
		for (int i = 0; i < isch.length; i++)
			isch[i] = isch[i] == 2 ? 2 : 0;
		Volume out = HemorrhageRefinement.refine(Volume.of(isch, N, N, 3, SP, HU), Volume.of(hu, N, N,
			3, SP, HU), NO_SMOOTH);
		assertArrayEquals(isch, out.data(), "ischemia labels even over dense voxels");
		// a hemorrhage label over 40 HU tissue (an isodense bleed): not refined
		float[] iso = disc(8, 40), lab = disc(8, 1);
		for (int i = 0; i < lab.length; i++)
			lab[i] = lab[i] == 1 ? 1 : 0;
		Volume out2 = HemorrhageRefinement.refine(Volume.of(lab, N, N, 3, SP, HU), Volume.of(iso, N, N,
			3, SP, HU), NO_SMOOTH);
		assertArrayEquals(lab, out2.data());
	}

	@Test
	void inputsAreNotModifiedAndNonHuIsRejected() {
		float[] hu = disc(8, 70), lab = disc(6, 1);
		for (int i = 0; i < lab.length; i++)
			lab[i] = lab[i] == 1 ? 1 : 0;
		float[] labCopy = lab.clone(), huCopy = hu.clone();
		HemorrhageRefinement.refine(Volume.of(lab, N, N, 3, SP, HU), Volume.of(hu, N, N, 3, SP, HU));
		assertArrayEquals(labCopy, lab);
		assertArrayEquals(huCopy, hu);
		ImageMetadata png = new ImageMetadata("CT", "png", ValueUnit.WINDOWED_8BIT, "t");
		assertThrows(IllegalArgumentException.class, () -> HemorrhageRefinement.refine(Volume.of(lab,
			N, N, 3, SP, png), Volume.of(hu, N, N, 3, SP, png)));
	}

	/**
	 * Working in the hemorrhage's padded bounding box gives exactly what the whole volume gives, on
	 * a phantom with several bleeds near the skull and noisy network-like outlines (the truth
	 * dilated on some slices, eroded on others, plus a false ischemia label next to it).
	 */
	@Test
	void boundingBoxGivesTheWholeVolumeResult() {
		org.strokej.core.phantom.Phantom p = org.strokej.core.phantom.PhantomGenerator.generate(
			org.strokej.core.phantom.PhantomSettings.builder().size(160, 160, 6).spacing(1.2, 1.2, 5).seed(21).lesions(
				org.strokej.core.phantom.LesionKind.HEMORRHAGE, 3).build());
		Volume truth = p.labels();
		int nx = truth.nx(), ny = truth.ny(), n2 = nx * ny;
		float[] lab = new float[truth.data().length];
		for (int z = 0; z < truth.nz(); z++)
			for (int y = 1; y < ny - 1; y++)
				for (int x = 1; x < nx - 1; x++) {
					int i = z * n2 + y * nx + x;
					boolean any = false, all = true;
					for (int d : new int[] { 0, -1, 1, -nx, nx }) {
						any |= truth.data()[i + d] == 1;
						all &= truth.data()[i + d] == 1;
					}
					lab[i] = (z % 2 == 0 ? any : all) ? 1 : 0;
					if (lab[i] == 0 && truth.data()[i] == 0 && any && x % 7 == 0) lab[i] = 2;
				}
		Volume labels = truth.withData(lab);
		for (HemorrhageRefinement.Settings s : new HemorrhageRefinement.Settings[] { HemorrhageRefinement.DEFAULTS,
			NO_SMOOTH })
			assertArrayEquals(HemorrhageRefinement.refineWithin(labels, p.hu(), s).data(), HemorrhageRefinement.refine(
				labels, p.hu(), s).data());
		assertArrayEquals(lab, labels.data(), "input unchanged");
	}
}
