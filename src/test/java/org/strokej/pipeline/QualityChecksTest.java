package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strokej.TestData;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;

/** Each input-quality flag is raised by an input that deserves it and not by a clean CT. */
class QualityChecksTest {

	private static Volume ct(double zSpacing, float min, float max, String modality,
		ValueUnit unit, Map<String, String> extra)
	{
		float[] d = new float[8 * 8 * 3];
		d[0] = min;
		d[1] = max;
		return Volume.of(d, 8, 8, 3, new double[] { 0.5, 0.5, zSpacing }, new ImageMetadata(modality,
			"test", unit, "LPS", "t", extra));
	}

	private static Volume clean() {
		return ct(5, -1000, 1200, "CT", ValueUnit.HU, Map.of());
	}

	private static boolean flagged(Volume v, String phrase) {
		List<String> w = QualityChecks.check(v);
		return w.stream().anyMatch(s -> s.contains(phrase));
	}

	@Test
	void cleanCtHasNoFlags() {
		assertTrue(QualityChecks.check(clean()).isEmpty(), QualityChecks.check(clean()).toString());
	}

	@Test
	void notHu() {
		assertTrue(flagged(ct(5, 0, 255, "", ValueUnit.WINDOWED_8BIT, Map.of()), "not HU"));
		assertTrue(flagged(ct(5, 0, 255, "", ValueUnit.ARBITRARY, Map.of()), "not HU"));
		assertFalse(flagged(clean(), "not HU"));
	}

	@Test
	void unexpectedHuRange() {
		assertTrue(flagged(ct(5, -50, 80, "CT", ValueUnit.HU, Map.of()), "unexpected HU range"));
		assertFalse(flagged(clean(), "unexpected HU range"));
	}

	@Test
	void missingSpacing() {
		assertTrue(flagged(ct(5, -1000, 1200, "CT", ValueUnit.HU, Map.of("spacing_missing", "true")),
			"spacing missing"));
		assertFalse(flagged(clean(), "spacing missing"));
	}

	@Test
	void thickSlices() {
		assertTrue(flagged(ct(8.95, -1000, 1200, "CT", ValueUnit.HU, Map.of()), "thick slices"));
		assertTrue(flagged(ct(5.5, -1000, 1200, "CT", ValueUnit.HU, Map.of()), "thick slices"));
		assertFalse(flagged(ct(5.0, -1000, 1200, "CT", ValueUnit.HU, Map.of()), "thick slices"));
		assertFalse(flagged(clean(), "thick slices"));
	}

	@Test
	void unevenSpacing() {
		assertTrue(flagged(ct(5, -1000, 1200, "CT", ValueUnit.HU, Map.of("uneven_spacing", "true")),
			"uneven"));
		assertFalse(flagged(clean(), "uneven"));
	}

	@Test
	void mriGivenToCtModel() {
		assertTrue(flagged(ct(5, 0, 900, "MR", ValueUnit.ARBITRARY, Map.of()), "MR image"));
		assertFalse(flagged(clean(), "MR image"));
	}

	// -- Image measures on phantoms --

	/** A 256 x 256 slice of 0.9 mm pixels (default noise and thin streaks). */
	private static Volume slice(long seed) {
		return PhantomGenerator.generate(PhantomSettings.builder().size(256, 256, 1).spacing(0.9,
			0.9, 5).seed(seed).build()).hu();
	}

	/** A 128 x 128 x 32 volume of 1.8 mm pixels and 5 mm slices covering the whole head. */
	private static Volume wholeHead() {
		return PhantomGenerator.generate(PhantomSettings.builder().size(128, 128, 32).spacing(1.8,
			1.8, 5).seed(3).build()).hu();
	}

	private static Volume slices(Volume v, int from, int to) {
		float[] d = java.util.Arrays.copyOfRange(v.data(), from * v.sliceSize(), to * v.sliceSize());
		return Volume.of(d, v.nx(), v.ny(), to - from, v.spacing(), v.metadata());
	}

	@Test
	void defaultPhantomsAreClean() {
		for (long seed = 1; seed <= 3; seed++) {
			List<String> w = QualityChecks.check(slice(seed));
			assertTrue(w.isEmpty(), seed + ": " + w);
		}
		List<String> w = QualityChecks.check(wholeHead());
		assertTrue(w.isEmpty(), w.toString());
	}

	@Test
	void heavyStreaks() {
		Volume v = slice(2);
		float[] d = v.data().clone();
		int n = v.nx();
		// eight radial bands from the centre, alternately 150 HU darker and brighter, 2 px wide
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double a = Math.atan2(y - n / 2.0, x - n / 2.0), r = Math.hypot(y - n / 2.0, x - n / 2.0);
				for (int k = 0; k < 8; k++) {
					double perp = r * Math.sin(a - k * Math.PI / 8);
					if (Math.abs(perp) < 1.2) d[y * n + x] += k % 2 == 0 ? -150 : 150;
				}
			}
		assertTrue(flagged(v.withData(d), "streaks/motion"), QualityChecks.check(v.withData(d))
			.toString());
		assertFalse(flagged(v, "streaks/motion"));
	}

	@Test
	void motionGhost() {
		Volume v = slice(3);
		float[] d = v.data(), g = new float[d.length];
		int n = v.nx(), s = 9; // 8 mm shift, 30 % ghost
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				int xs = Math.min(n - 1, x + s), ys = Math.min(n - 1, y + s / 2);
				g[y * n + x] = 0.7f * d[y * n + x] + 0.3f * d[ys * n + xs];
			}
		assertTrue(flagged(v.withData(g), "streaks/motion"), QualityChecks.check(v.withData(g))
			.toString());
	}

	@Test
	void headCutOffInPlane() {
		Volume v = slice(1);
		int n = v.nx(), x0 = 70; // drop the 63 mm on the patient's right
		float[] d = new float[(n - x0) * n];
		for (int y = 0; y < n; y++)
			System.arraycopy(v.data(), y * n + x0, d, y * (n - x0), n - x0);
		Volume cut = Volume.of(d, n - x0, n, 1, v.spacing(), v.metadata());
		assertTrue(flagged(cut, "partial coverage: head cut off"), QualityChecks.check(cut)
			.toString());
		assertFalse(flagged(v, "partial coverage"));
	}

	@Test
	void headCutOffThroughPlane() {
		Volume v = wholeHead();
		assertFalse(flagged(v, "partial coverage"));
		Volume middle = slices(v, 10, 23); // the middle 40 %
		assertTrue(flagged(middle, "brain continues above"), QualityChecks.check(middle).toString());
		assertTrue(flagged(middle, "brain continues below"));
		Volume lower = slices(v, 0, 19); // vertex cut off
		assertTrue(flagged(lower, "brain continues above"), QualityChecks.check(lower).toString());
		assertFalse(flagged(lower, "brain continues below"));
	}

	@Test
	void mriLikeContrastGivenAsHu() {
		Volume v = slice(2);
		float[] d = v.data().clone();
		// T1-like: bone dark, soft tissue bright, air stays at -1000 (a NIfTI guessed as CT)
		for (int i = 0; i < d.length; i++)
			d[i] = d[i] > 300 ? -700 : d[i] > -200 ? 300 + 5 * d[i] : d[i];
		Volume mr = v.withData(d).withMetadata(new ImageMetadata("CT", "NIfTI-1", ValueUnit.HU, "LPS",
			"t", Map.of()));
		assertTrue(flagged(mr, "not CT-like"), QualityChecks.check(mr).toString());
		assertFalse(flagged(v, "not CT-like"));
	}

	@Test
	void realStudyIsClean() throws Exception {
		Volume v = ImageReaders.read(TestData.require("aisd-dicom/0091454/CT"));
		List<String> w = QualityChecks.check(v);
		// 9 mm slices: only the thick-slice flag
		assertTrue(w.size() == 1 && w.get(0).startsWith("thick slices"), w.toString());
	}
}
