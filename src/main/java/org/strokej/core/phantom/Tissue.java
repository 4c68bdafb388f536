package org.strokej.core.phantom;

/**
 * The tissue classes of a phantom's anatomy before lesions are painted; {@link #code()} is the
 * value stored in {@link Phantom#tissues()}.
 */
public enum Tissue {
	AIR(0), SCALP(1), SKULL(2),
	/** Subarachnoid CSF: the thin layer under the skull, sulci, fissures and cisterns. */
	CSF(3),
	/** CSF inside the ventricles. */
	VENTRICLE(4),
	GRAY(5), WHITE(6),
	/** The falx cerebri, a thin dense line in the interhemispheric fissure. */
	FALX(7);

	private final int code;

	Tissue(int code) { this.code = code; }

	/** The value stored in the tissue volume. */
	public int code() { return code; }

	/** The tissue with the given code. */
	public static Tissue ofCode(int code) {
		for (Tissue t : values())
			if (t.code == code) return t;
		throw new IllegalArgumentException("no tissue with code " + code);
	}
}
