package org.strokej.core.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.preprocess.RotationCorrection.Midline;

/**
 * The sector rule. The phantoms draw their ACA, MCA and PCA infarcts as sectors of the same
 * angles around a point near the head centre, so agreement there checks the frame (tilt, head
 * position, midline estimate), not the anatomy of real territories.
 */
class TerritoriesTest {

	@Test
	void anglesOnATiltedLine() {
		// midline through (50, 50) tilted 30° clockwise: anterior is (sin 30°, -cos 30°)
		Midline m = new Midline(30, 50, 50);
		double s = Math.sin(Math.toRadians(30)), c = Math.cos(Math.toRadians(30));
		assertEquals(0, Territories.angleDeg(50 + 20 * s, 50 - 20 * c, m, 1, 1), 1e-9);
		assertEquals(180, Territories.angleDeg(50 - 20 * s, 50 + 20 * c, m, 1, 1), 1e-9);
		// lateral on either side: (cos 30°, sin 30°) is the patient's left
		assertEquals(90, Territories.angleDeg(50 + 20 * c, 50 + 20 * s, m, 1, 1), 1e-9);
		assertEquals(90, Territories.angleDeg(50 - 20 * c, 50 - 20 * s, m, 1, 1), 1e-9);
		// 30° off anterior is ACA, 40° MCA, 140° PCA
		double[] deg = { 30, 40, 140 };
		Territories.Territory[] want = { Territories.Territory.ACA, Territories.Territory.MCA,
			Territories.Territory.PCA };
		for (int i = 0; i < deg.length; i++) {
			double a = Math.toRadians(deg[i]);
			// a point at angle a from anterior, on the patient's right, in the head frame
			double lat = -20 * Math.sin(a), post = -20 * Math.cos(a);
			double x = 50 + lat * c - post * s, y = 50 + lat * s + post * c;
			assertEquals(deg[i], Territories.angleDeg(x, y, m, 1, 1), 1e-9);
			assertEquals(want[i], Territories.of(x, y, m, 1, 1));
		}
	}

	@Test
	void phantomInfarctTerritories() {
		int agree = 0, total = 0;
		StringBuilder log = new StringBuilder();
		for (int k = 0; k < 30; k++) {
			boolean threeD = k % 3 == 0;
			PhantomSettings.Builder b = PhantomSettings.builder().seed(700 + k).lesions(
				LesionKind.ISCHEMIA, 2).rotationMaxDeg(15).shiftMaxMm(12).midlineShiftMm(k % 4 == 1 ? 6 : 0);
			b = threeD ? b.size(192, 192, 24).spacing(1.2, 1.2, 5) : b.size(256, 256, 1);
			Phantom p = PhantomGenerator.generate(b.build());
			Midline line = MidlineShift.estimate(p.hu()).idealMidline();
			double[] sp = p.hu().spacing();
			for (Lesion l : p.lesions()) {
				double[] c = l.centroid();
				Territories.Territory t = Territories.of(c[0], c[1], line, sp[0], sp[1]);
				double a = Territories.angleDeg(c[0], c[1], line, sp[0], sp[1]);
				total++;
				if (t.name().equals(l.subtype())) agree++;
				else log.append(String.format("seed %d %s -> %s (%.0f°)%n", 700 + k, l.subtype(), t, a));
			}
		}
		assertTrue(total >= 40, "only " + total + " infarcts");
		assertEquals(total, agree, log.toString());
	}
}
