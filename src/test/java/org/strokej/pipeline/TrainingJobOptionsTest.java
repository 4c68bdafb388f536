package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;

/** {@code train --mask-outside yes|no}: whether the training preprocessing blanks what lies outside the brain. */
class TrainingJobOptionsTest {

	@Test
	void maskOutsideBlanksTheSkullAndScalp() {
		Volume ct = PhantomGenerator.generate(PhantomSettings.builder().size(256, 256, 1).spacing(0.9, 0.9, 5).seed(4)
			.lesions(LesionKind.NONE, 0).build()).hu();
		Volume kept = TrainingJob.preprocessing(Map.of(), 64).run(ct).volume();
		Volume blank = TrainingJob.preprocessing(Map.of("mask-outside", "yes"), 64).run(ct).volume();
		assertEquals(TrainingJob.preprocessing(Map.of("mask-outside", "no"), 64).toJson(), TrainingJob.preprocessing(
			Map.of(), 64).toJson());
		assertTrue(TrainingJob.preprocessing(Map.of("mask-outside", "yes"), 64).toJson().contains("\"apply\":true"));
		// the skull (windowed to 1) survives without the option and is blanked with it
		assertTrue(count(kept, 0.99f) > 50, "skull pixels without the option: " + count(kept, 0.99f));
		assertEquals(0, count(blank, 0.99f));
		assertThrows(IllegalArgumentException.class, () -> TrainingJob.preprocessing(Map.of("mask-outside", "maybe"), 64));
	}

	private static int count(Volume v, float min) {
		int c = 0;
		for (float f : v.data())
			if (f >= min) c++;
		return c;
	}
}
