package org.strokej.core.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.phantom.Tissue;

/**
 * Midline shift on phantoms whose septum, ventricles and falx are displaced by a known amount
 * (largest at the level of the lateral ventricles' bodies, which is what is measured).
 */
class MidlineShiftTest {

	/** 256 × 256 × 30 at 0.9 × 0.9 × 5 mm: the whole head including the lateral ventricles. */
	private static PhantomSettings.Builder head(long seed, double shiftMm) {
		return PhantomSettings.builder().size(256, 256, 30).spacing(0.9, 0.9, 5).seed(seed).lesions(
			LesionKind.NONE, 0).midlineShiftMm(shiftMm);
	}

	@Test
	void knownShiftsWithin2mm() {
		// {seed, shift mm, max rotation deg, max head offset mm}
		double[][] cases = { { 100, 0, 10, 8 }, { 101, 5, 10, 8 }, { 102, -5, 10, 8 },
			{ 103, 10, 10, 8 }, { 104, -10, 15, 15 }, { 105, 0, 15, 15 }, { 106, 5, 15, 15 },
			{ 107, 10, 15, 15 }, { 108, 15, 10, 8 }, { 109, -15, 10, 8 } };
		StringBuilder log = new StringBuilder();
		for (double[] c : cases) {
			Phantom p = PhantomGenerator.generate(head((long) c[0], c[1]).rotationMaxDeg(c[2])
				.shiftMaxMm(c[3]).build());
			MidlineShift.Measurement m = MidlineShift.estimate(p.hu());
			log.append(String.format("seed %d rotation %.1f°: true %.1f mm, estimated %.2f mm (%d rows)%n",
				(long) c[0], p.rotationDeg(), c[1], m.shiftMm(), m.rows()));
			assertTrue(m.measured(), log + m.reason());
			assertEquals(c[1], m.shiftMm(), 2.0, log.toString());
			assertEquals("", m.reason());
			// the reported septum point lies on the reported side of the ideal midline, at the shift
			double t = Math.toRadians(m.idealMidline().angleDeg());
			double dist = (m.septum()[0] - m.idealMidline().cx()) * Math.cos(t) + (m.septum()[1] - m
				.idealMidline().cy()) * Math.sin(t);
			assertEquals(m.shiftMm(), dist * 0.9, 1e-6);
			double footDist = (m.midlinePoint()[0] - m.idealMidline().cx()) * Math.cos(t) + (m
				.midlinePoint()[1] - m.idealMidline().cy()) * Math.sin(t);
			assertEquals(0, footDist, 1e-6);
			// the ideal midline passes near the true head centre (within 2 mm)
			double[] hc = p.headCentre();
			double off = (hc[0] - m.idealMidline().cx()) * Math.cos(t) + (hc[1] - m.idealMidline()
				.cy()) * Math.sin(t);
			assertEquals(0, off * 0.9, 2.0, log.toString());
		}
		System.out.print(log);
	}

	@Test
	void shiftNextToLesions() {
		// hemorrhages and hypodense infarcts (the first lesion on the side of the mass)
		double[][] cases = { { 120, 8 }, { 121, -6 }, { 122, 10 }, { 123, 0 } };
		for (double[] c : cases) {
			Phantom p = PhantomGenerator.generate(head((long) c[0], c[1]).lesions(LesionKind.MIXED, 3)
				.build());
			MidlineShift.Measurement m = MidlineShift.estimate(p.hu());
			String msg = String.format("seed %d: true %.1f mm, estimated %.2f mm, lesions %s",
				(long) c[0], c[1], m.shiftMm(), p.lesions());
			assertTrue(m.measured(), msg + " " + m.reason());
			assertEquals(c[1], m.shiftMm(), 2.0, msg);
			System.out.println(msg.substring(0, msg.indexOf(", lesions")));
		}
	}

	@Test
	void singleSliceAtTheVentricles() {
		Phantom p = PhantomGenerator.generate(head(110, -8).build());
		MidlineShift.Measurement whole = MidlineShift.estimate(p.hu());
		assertTrue(whole.measured(), whole.reason());
		Volume slice = slice(p.hu(), whole.slice());
		MidlineShift.Measurement m = MidlineShift.estimate(slice);
		assertTrue(m.measured(), m.reason());
		assertEquals(-8, m.shiftMm(), 2.0);
		assertEquals(0, m.slice());
	}

	@Test
	void slicesWithoutVentriclesAreNotMeasured() {
		Phantom p = PhantomGenerator.generate(head(111, 6).build());
		// the lowest and the highest slice with a large brain section but no ventricle at all
		int n = p.hu().sliceSize(), below = -1, above = -1;
		for (int z = 0; z < p.hu().nz(); z++) {
			int brain = 0, ventricle = 0;
			for (int i = 0; i < n; i++) {
				brain += p.brainMask().data()[z * n + i] > 0 ? 1 : 0;
				ventricle += p.tissues().data()[z * n + i] == Tissue.VENTRICLE.code() ? 1 : 0;
			}
			if (brain * 0.81 < 6000 || ventricle > 0) continue; // at least 60 cm² of brain
			if (below < 0) below = z;
			above = z;
		}
		assertTrue(below >= 0 && above > below + 3, below + " " + above);
		for (int z : new int[] { below, above }) {
			MidlineShift.Measurement m = MidlineShift.estimate(slice(p.hu(), z));
			assertFalse(m.measured(), "slice " + z + ": " + m.shiftMm());
			assertTrue(Double.isNaN(m.shiftMm()));
			assertTrue(m.reason().contains("septum"), m.reason());
			assertEquals(-1, m.slice());
			assertTrue(m.idealMidline() != null);
		}
	}

	@Test
	void windowed8BitIsNotMeasured() {
		Phantom p = PhantomGenerator.generate(head(112, 6).build());
		Volume v = p.hu().withMetadata(new ImageMetadata("CT", "png", ValueUnit.WINDOWED_8BIT, "t"));
		MidlineShift.Measurement m = MidlineShift.estimate(v);
		assertFalse(m.measured());
		assertTrue(m.reason().contains("Hounsfield"), m.reason());
		assertEquals(null, m.idealMidline());
	}

	@Test
	void emptyImageIsNotMeasured() {
		float[] air = new float[64 * 64];
		java.util.Arrays.fill(air, -1000);
		Volume v = Volume.of(air, 64, 64, 1, new double[] { 1, 1, 5 }, new ImageMetadata("CT", "t",
			ValueUnit.HU, "t"));
		MidlineShift.Measurement m = MidlineShift.estimate(v);
		assertFalse(m.measured());
		assertEquals("no brain found", m.reason());
	}

	private static Volume slice(Volume v, int z) {
		return Volume.of(v.slice(z), v.nx(), v.ny(), 1, v.spacing(), v.metadata());
	}
}
