package org.strokej.core.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.preprocess.RotationCorrection.Midline;

/**
 * The side rule of {@link Lesions#analyse(org.strokej.core.io.Volume, org.strokej.core.io.Volume,
 * double, Midline)} with the ideal midline estimated from the image: on the phantoms' TRUE label
 * images (so the rule is checked, not the model) every lesion gets the phantom's hemisphere, on
 * tilted and off-centre heads, with and without a midline shift.
 */
class HemisphereTest {

	@Test
	void everyTruthLesionOnItsSide() {
		int checked = 0;
		StringBuilder log = new StringBuilder();
		for (int k = 0; k < 12; k++) {
			boolean threeD = k % 3 == 0;
			PhantomSettings.Builder b = PhantomSettings.builder().seed(300 + k).lesions(
				k % 2 == 0 ? LesionKind.MIXED : LesionKind.RANDOM, 3).rotationMaxDeg(15).shiftMaxMm(15)
				.midlineShiftMm(k % 4 == 1 ? 8 : k % 4 == 3 ? -6 : 0);
			b = threeD ? b.size(192, 192, 24).spacing(1.2, 1.2, 5) : b.size(256, 256, 1);
			Phantom p = PhantomGenerator.generate(b.build());
			Midline line = MidlineShift.estimate(p.hu()).idealMidline();
			assertNotNull(line);
			Lesions.Analysis a = Lesions.analyse(p.labels(), p.hu(), 0, line);
			int[] ids = a.componentIds();
			float[] inst = p.instances().data();
			for (Lesion truth : p.lesions()) {
				// the component holding most of this lesion's voxels
				int[] votes = new int[a.lesions().size() + 1];
				for (int i = 0; i < inst.length; i++)
					if (inst[i] == truth.id()) votes[ids[i]]++;
				int best = 1;
				for (int c = 2; c < votes.length; c++)
					if (votes[c] > votes[best]) best = c;
				LesionStats s = a.lesions().get(best - 1);
				log.append(String.format("phantom %d (rot %.1f°, shift %.0f mm): %s %s -> %s%n", 300 + k,
					p.rotationDeg(), p.midlineShiftMm(), truth.subtype(), truth.hemisphere(), s
						.hemisphere()));
				assertEquals(truth.hemisphere(), s.hemisphere(), log.toString());
				checked++;
			}
		}
		assertTrue(checked >= 10, "only " + checked + " lesions");
		System.out.print(log);
	}

	@Test
	void tiltedLineDecidesWhereAVerticalOneWouldNot() {
		// a lesion right of a line tilted 20° but left of the vertical line through the same point
		int nx = 100, ny = 100;
		float[] lab = new float[nx * ny];
		for (int y = 5; y < 10; y++)
			for (int x = 55; x < 60; x++)
				lab[y * nx + x] = 1;
		org.strokej.core.io.Volume v = org.strokej.core.io.Volume.of(lab, nx, ny, 1, new double[] {
			1, 1, 5 }, new org.strokej.core.io.ImageMetadata("OT", "t",
				org.strokej.core.io.ValueUnit.ARBITRARY, "t"));
		// clockwise tilt 20° about the centre: the anterior (top) end of the line moves to +x
		Midline tilted = new Midline(20, 49.5, 49.5);
		assertEquals("right", Lesions.analyse(v, null, 0, tilted).lesions().get(0).hemisphere());
		assertEquals("left", Lesions.analyse(v, null, 0, Double.NaN).lesions().get(0).hemisphere());
		assertEquals("left", Lesions.analyse(v, null, 0, (Midline) null).lesions().get(0)
			.hemisphere());
	}
}
