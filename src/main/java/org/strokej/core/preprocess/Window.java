package org.strokej.core.preprocess;

import java.util.Locale;

/**
 * A CT display window: Hounsfield units {@code level - width/2} map to 0 and {@code level + width/2}
 * to 1, linearly, clamped to [0, 1].
 *
 * @param name preset name in lower case ("brain", "stroke", ...) or "custom"
 * @param level window centre in HU
 * @param width window width in HU, positive
 */
public record Window(String name, double level, double width) {

	/** Brain window W80/L40. */
	public static final Window BRAIN = new Window("brain", 40, 80);
	/** Narrow stroke window W40/L40 (grey/white matter contrast for early ischaemia). */
	public static final Window STROKE = new Window("stroke", 40, 40);
	/** Subdural window W200/L80. */
	public static final Window SUBDURAL = new Window("subdural", 80, 200);
	/** Bone window W2800/L600. */
	public static final Window BONE = new Window("bone", 600, 2800);

	public Window {
		if (!(width > 0) || Double.isInfinite(width) || !Double.isFinite(level))
			throw new IllegalArgumentException("window needs finite level and positive width: L" +
				level + "/W" + width);
		name = name == null || name.isEmpty() ? "custom" : name.toLowerCase(Locale.ROOT);
	}

	/** A custom window. */
	public static Window of(double level, double width) {
		return new Window("custom", level, width);
	}

	/** The preset with this name (brain, stroke, subdural, bone), case-insensitive. */
	public static Window preset(String name) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "brain": return BRAIN;
			case "stroke": return STROKE;
			case "subdural": return SUBDURAL;
			case "bone": return BONE;
			default: throw new IllegalArgumentException("unknown window preset '" + name +
				"' (brain, stroke, subdural, bone)");
		}
	}

	/** Lower edge in HU (maps to 0). */
	public double low() { return level - width / 2; }

	/** Upper edge in HU (maps to 1). */
	public double high() { return level + width / 2; }
}
