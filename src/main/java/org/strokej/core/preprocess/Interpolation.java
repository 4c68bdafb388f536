package org.strokej.core.preprocess;

import java.util.Locale;

/** How values between voxel centres are computed when a grid is resampled or rotated. */
public enum Interpolation {
	/** Nearest voxel: for label images and masks (values are never mixed). */
	NEAREST,
	/** Linear (bilinear in-plane, linear in z): for images. */
	LINEAR,
	/** Bicubic in-plane (ImageJ 1's {@code getBicubicInterpolatedPixel}), linear in z. */
	CUBIC;

	/** By name, case-insensitive ("nearest", "linear", "cubic"). */
	public static Interpolation of(String name) {
		try {
			return valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("unknown interpolation '" + name +
				"' (nearest, linear, cubic)");
		}
	}

	/** The lower-case name used in pipeline descriptions. */
	public String key() { return name().toLowerCase(Locale.ROOT); }
}
