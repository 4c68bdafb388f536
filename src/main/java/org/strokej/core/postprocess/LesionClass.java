package org.strokej.core.postprocess;

/** The lesion classes of StrokeJ's label images: 0 background, 1 hemorrhage, 2 ischemia. */
public enum LesionClass {
	BACKGROUND(0, "background"), HEMORRHAGE(1, "hemorrhage"), ISCHEMIA(2, "ischemia");

	private final int label;
	private final String displayName;

	LesionClass(int label, String displayName) {
		this.label = label;
		this.displayName = displayName;
	}

	/** The value in a label image. */
	public int label() { return label; }

	/** Lower-case name used in tables and ROI names. */
	public String displayName() { return displayName; }

	public static LesionClass ofLabel(int label) {
		for (LesionClass c : values())
			if (c.label == label) return c;
		throw new IllegalArgumentException("not a StrokeJ label: " + label);
	}
}
