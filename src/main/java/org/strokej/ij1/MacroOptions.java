package org.strokej.ij1;

import ij.Macro;

/**
 * Reads an ImageJ 1 macro options string ({@code "sigma=2 stack title=[my image]"}) the way
 * ImageJ's dialogs do: {@code key=value} or {@code key=[value with spaces]}, and a bare
 * {@code key} (or {@code key=true}) for a checked box.
 */
public final class MacroOptions {

	private final String options;

	public MacroOptions(String options) {
		this.options = options == null ? "" : options.trim() + " ";
	}

	/** The options of the macro call running on this thread. */
	public static MacroOptions current() {
		return new MacroOptions(Macro.getOptions());
	}

	public String raw() { return options.trim(); }

	public boolean has(String key) {
		return value(key, null) != null || flag(key);
	}

	/** The value of {@code key=...}, or {@code def} when absent. */
	public String value(String key, String def) {
		String v = Macro.getValue(options, key, null);
		return v == null ? def : v;
	}

	public double number(String key, double def) {
		String v = value(key, null);
		if (v == null) return def;
		try {
			return Double.parseDouble(v.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + key + "' must be a number, not '" + v + "'");
		}
	}

	/** True for a bare {@code key} or {@code key=true}; false for {@code key=false} or absent. */
	public boolean flag(String key) {
		String v = Macro.getValue(options, key, null);
		if (v != null) return !v.equalsIgnoreCase("false") && !v.equals("0");
		String padded = " " + options;
		return padded.contains(" " + key + " ");
	}
}
