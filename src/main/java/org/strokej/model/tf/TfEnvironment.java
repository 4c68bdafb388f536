package org.strokej.model.tf;

import java.nio.file.Path;

import org.strokej.model.ModelLoadException;
import org.tensorflow.TensorFlow;

/** Checks that the TensorFlow on the classpath is TensorFlow Java (TF 2.x natives), not legacy TF1. */
public final class TfEnvironment {

	private TfEnvironment() {}

	/** The native TensorFlow version, e.g. "2.18.0". */
	public static String version() {
		return TensorFlow.version();
	}

	/**
	 * Fails clearly when a legacy TensorFlow 1.x ({@code libtensorflow} 1.15, e.g. from the
	 * CSBDeep/StarDist update site) shadows TensorFlow Java on the classpath.
	 *
	 * @param model the model being loaded (named in the message)
	 */
	public static void requireTf2(Path model) throws ModelLoadException {
		String v;
		try {
			v = version();
		}
		catch (LinkageError e) {
			throw new ModelLoadException(model, "TensorFlow could not be loaded (" + e + "); StrokeJ needs TensorFlow Java 1.1.0", e);
		}
		checkVersion(v, model);
	}

	/** The version test behind {@link #requireTf2(Path)}. */
	static void checkVersion(String version, Path model) throws ModelLoadException {
		if (version == null || version.startsWith("1.") || version.startsWith("0."))
			throw new ModelLoadException(model, "legacy TensorFlow " + version + " is on the classpath (libtensorflow 1.x, e.g. from the " +
				"CSBDeep/StarDist update site) and shadows TensorFlow Java 1.1.0 (TF 2.18) that StrokeJ needs; " +
				"remove libtensorflow-1.*.jar and libtensorflow_jni-1.*.jar from Fiji's jars/ or use a separate Fiji");
	}
}
