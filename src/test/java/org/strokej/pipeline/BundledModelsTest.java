package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;
import org.strokej.core.metrics.SegmentationMetrics;
import org.strokej.model.ModelSpec;

/**
 * The bundled models: their weights match the SHA-256 in their specs, and on the bundled phantoms
 * (seeds they were not trained on) they find the hemorrhage and outline it, and find no lesion in
 * the normal head.
 */
class BundledModelsTest {

	private static final Path IMAGES = Paths.get("test-images");

	@Test
	void weightsMatchTheirSpecs() throws IOException {
		for (Path dir : new Path[] { BundledModels.classifier(), BundledModels.segmenter() }) {
			ModelSpec spec = ModelSpec.load(dir); // load() also checks the hash
			assertEquals(spec.weightsSha256(), ModelSpec.weightsSha256(dir), dir.toString());
		}
	}

	@Test
	void hemorrhagePhantomIsFoundAndOutlined() throws IOException {
		StrokeDetector d = StrokeDetector.load(null, null, true, true);
		Volume ct = ImageReaders.read(IMAGES.resolve("phantom-hemorrhage-7.nii.gz"));
		Volume truth = ImageReaders.read(IMAGES.resolve("phantom-hemorrhage-7_labels.nii.gz"));
		StrokeDetector.Settings s = StrokeDetector.Settings.defaults();
		DetectionResult r = d.detect(ct, "phantom-hemorrhage-7", s, Progress.NONE);
		assertTrue(r.pStroke() >= d.threshold(s), "p_stroke " + r.pStroke());
		assertEquals("hemorrhagic", r.scanPrediction(d.threshold(s)));
		double dice = SegmentationMetrics.overlap(truth.data(), r.labels().data(), 1).dice();
		assertTrue(dice > 0.5, "hemorrhage Dice " + dice);
	}

	/**
	 * The segmenter finds no lesion in a normal phantom. (The classifier does not yet call it
	 * normal: p_stroke ≈ 0.8 — a known failure listed in its model card; cross-validation shows
	 * the same for normal phantoms in general.)
	 */
	@Test
	void normalPhantomHasNoSegmentedLesion() throws IOException {
		StrokeDetector d = StrokeDetector.load(null, null, false, true);
		Volume ct = ImageReaders.read(IMAGES.resolve("phantom-none-3.png"));
		DetectionResult r = d.detect(ct, "phantom-none-3", StrokeDetector.Settings.defaults(),
			Progress.NONE);
		assertTrue(r.lesions().isEmpty(), "lesions: " + r.lesions());
	}
}
