package org.strokej.pipeline;

import java.util.HashMap;
import java.util.Map;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.Volume;

/**
 * Pixel size for images that do not carry one (PNG/JPEG slices): StrokeJ assumes a typical adult
 * head CT field of view of {@value #NOMINAL_FOV_MM} mm across the image width, so that brain
 * extraction (which works in mm) and volumes in mL are plausible; the metadata then says
 * {@code spacing_assumed=true} and the results carry a warning.
 */
public final class Spacings {

	/** Assumed field of view across the image width, in mm. */
	public static final double NOMINAL_FOV_MM = 230;

	private Spacings() {}

	public static boolean isMissing(Volume v) {
		return "true".equals(v.metadata().extra().get("spacing_missing"));
	}

	/** The volume with a nominal in-plane spacing when its file had none; else unchanged. */
	public static Volume withNominal(Volume v) {
		if (!isMissing(v)) return v;
		double s = NOMINAL_FOV_MM / v.nx();
		double[] old = v.spacing();
		ImageMetadata m = v.metadata();
		Map<String, String> extra = new HashMap<>(m.extra());
		extra.put("spacing_assumed", "true");
		ImageMetadata m2 = new ImageMetadata(m.modality(), m.format(), m.valueUnit(), m
			.orientation(), m.source(), extra);
		return Volume.of(v.data(), v.nx(), v.ny(), v.nz(), new double[] { s, s, v.nz() == 1 ? 5
			: old[2] }, m2);
	}
}
