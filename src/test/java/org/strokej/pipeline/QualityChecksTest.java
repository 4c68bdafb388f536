package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

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
}
