package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.postprocess.LesionClass;
import org.strokej.core.postprocess.LesionStats;

class VolumeAccuracyTest {

	static PhantomSettings.Builder base(long seed) {
		return PhantomSettings.builder().size(256, 256, 30).spacing(0.9, 0.9, 5).seed(seed);
	}

	@Test
	void measure() throws IOException {
		StrokeDetector d = StrokeDetector.load(null, null, false, true);
		double[][] axes = { { 15, 13, 12 }, { 20, 16, 15 }, { 24, 20, 20 } };
		long seed = 11;
		for (double[] a : axes) {
			PhantomSettings.Ellipsoid e = new PhantomSettings.Ellipsoid(a[0], a[1], a[2]);
			Phantom p = PhantomGenerator.generate(base(seed++).ellipsoidHemorrhage(e).build());
			DetectionResult r = d.detect(p.hu(), "e", StrokeDetector.Settings.defaults(), Progress.NONE);
			System.out.printf("exact %.2f truthVox %.2f%n", e.volumeMl(), p.lesions().get(0).volumeMl());
			for (LesionStats l : r.lesions())
				System.out.printf("  %s %s vol %.2f abc2 %.2f hu %.1f%n", l.name(), l.hemisphere(), l
					.volumeMl(), l.abc2Ml(), l.meanValue());
		}
	}
}
