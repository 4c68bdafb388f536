package org.strokej.core.data;

import java.nio.file.Path;
import java.util.List;

import org.strokej.TestData;

/** CT-ICH loaded once at 128 × 128 for all tests of this JVM (skips when the data is absent). */
final class CtIchCache {

	private CtIchCache() {}

	static final int SIZE = 128;
	private static List<Sample> samples;
	private static double loadSeconds;

	static synchronized List<Sample> samples() throws Exception {
		Path root = TestData.require("ct-ich");
		if (samples == null) {
			long t0 = System.nanoTime();
			samples = Datasets.load(Datasets.CT_ICH, root, SIZE);
			loadSeconds = (System.nanoTime() - t0) / 1e9;
		}
		return samples;
	}

	/** Wall-clock seconds the first load took. */
	static synchronized double loadSeconds() { return loadSeconds; }
}
