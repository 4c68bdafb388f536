package org.strokej.pipeline;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.Volume;
import org.strokej.core.metrics.SegmentationMetrics;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.postprocess.HemorrhageRefinement;
import org.strokej.core.postprocess.LesionClass;
import org.strokej.core.postprocess.LesionStats;
import org.strokej.core.postprocess.Lesions;

class VolumeAccuracyTest {

	static PhantomSettings.Builder base(long seed) {
		return PhantomSettings.builder().size(256, 256, 30).spacing(0.9, 0.9, 5).seed(seed);
	}

	static void report(String tag, Phantom p, Volume labels, double exact) {
		Lesions.Analysis a = Lesions.analyse(labels, p.hu(), 0.05, Double.NaN);
		float[] truth = p.labels().data();
		int[] ids = a.componentIds();
		double tp = 0, fp = 0;
		LesionStats big = null;
		for (LesionStats l : a.lesions()) {
			boolean hit = false;
			for (int i = 0; i < ids.length; i++)
				if (ids[i] == l.id() && truth[i] == l.lesionClass().label()) {
					hit = true;
					break;
				}
			if (hit) {
				tp += l.volumeMl();
				if (big == null || l.volumeMl() > big.volumeMl()) big = l;
			}
			else fp += l.volumeMl();
		}
		System.out.printf("%s exact %.2f | overlapping %.2f (largest %.2f abc2 %.2f %s) | other %.2f | dice h %.3f i %.3f%n",
			tag, exact, tp, big == null ? 0 : big.volumeMl(), big == null ? 0 : big.abc2Ml(), big == null ? "" : big.lesionClass(), fp,
			SegmentationMetrics.overlap(truth, labels.data(), 1).dice(), SegmentationMetrics.overlap(truth, labels.data(), 2).dice());
	}

	@Test
	void measure() throws IOException {
		StrokeDetector d = StrokeDetector.load(null, null, false, true);
		double[][] axes = { { 15, 13, 12 }, { 20, 16, 15 }, { 24, 20, 20 }, {12, 12, 14} };
		long seed = 11;
		for (double[] a : axes) {
			PhantomSettings.Ellipsoid e = new PhantomSettings.Ellipsoid(a[0], a[1], a[2]);
			Phantom p = PhantomGenerator.generate(base(seed++).ellipsoidHemorrhage(e).build());
			Volume raw = d.segment(p.hu(), StrokeDetector.Settings.defaults(), Progress.NONE)[0];
			report("raw ", p, raw, e.volumeMl());
			report("ref ", p, HemorrhageRefinement.refine(raw, p.hu()), e.volumeMl());
		}
		for (long s = 21; s < 23; s++) {
			Phantom p = PhantomGenerator.generate(base(s).lesions(LesionKind.ISCHEMIA, 1).build());
			Volume raw = d.segment(p.hu(), StrokeDetector.Settings.defaults(), Progress.NONE)[0];
			report("isch raw", p, raw, p.lesions().get(0).volumeMl());
			report("isch ref", p, HemorrhageRefinement.refine(raw, p.hu()), p.lesions().get(0).volumeMl());
		}
	}
}
