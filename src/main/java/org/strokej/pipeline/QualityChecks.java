package org.strokej.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Input-quality flags reported with every result (never silently ignored): not HU, unexpected HU
 * range, missing spacing, thick slices, MRI given to a CT model.
 */
public final class QualityChecks {

	private QualityChecks() {}

	public static List<String> check(Volume v) {
		List<String> w = new ArrayList<>();
		String modality = v.metadata().modality();
		if (modality.equalsIgnoreCase("MR")) w.add("MR image given to CT models");
		if (v.metadata().valueUnit() == ValueUnit.WINDOWED_8BIT) w.add(
			"not HU: 8-bit windowed image");
		else if (v.metadata().valueUnit() == ValueUnit.ARBITRARY) w.add(
			"not HU: intensities of unknown scale");
		if (v.metadata().isHU()) {
			float[] r = v.range();
			if (r[0] > -500 || r[1] < 150) w.add(String.format(java.util.Locale.ROOT,
				"unexpected HU range %.0f..%.0f (no air or no bone)", r[0], r[1]));
		}
		if ("true".equals(v.metadata().extra().get("spacing_assumed")) || Spacings.isMissing(v))
			w.add("spacing missing: assumed " + (int) Spacings.NOMINAL_FOV_MM +
				" mm field of view, volumes approximate");
		if (v.nz() > 1 && v.spacing()[2] > 5.5) w.add(String.format(java.util.Locale.ROOT,
			"thick slices (%.1f mm)", v.spacing()[2]));
		if ("true".equals(v.metadata().extra().get("uneven_spacing"))) w.add(
			"uneven slice spacing");
		return w;
	}
}
