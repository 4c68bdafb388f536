package org.strokej.core.io;

/** What the voxel values of a {@link Volume} mean. */
public enum ValueUnit {
	/** Hounsfield units (CT with rescale applied). */
	HU("HU"),
	/** 8-bit grey values of an already windowed image (PNG/JPG slices): not HU. */
	WINDOWED_8BIT("windowed 8-bit"),
	/** Arbitrary intensities (MRI, unknown). */
	ARBITRARY("arbitrary");

	private final String label;

	ValueUnit(String label) { this.label = label; }

	public String label() { return label; }
}
