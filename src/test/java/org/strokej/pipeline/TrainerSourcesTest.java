package org.strokej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Oversampling of real masked slices: copies stay in their patient's group and are scored once. */
class TrainerSourcesTest {

	private static Trainer.Source source(String id, String group, int label, boolean mask) {
		return new Trainer.Source(id, group, label, mask, () -> null); // never made here
	}

	@Test
	void realMaskedSlicesAreRepeatedInTheirGroup() {
		List<Trainer.Source> in = List.of(source("a", "p1", 1, true), source("b", "p1", 0, false), source(
			"phantom-hemorrhage-3", "phantom-hemorrhage-3", 1, true), source("c", "p2", 2, true));
		List<Trainer.Source> out = Trainer.oversampleRealMasks(in, 3);
		assertEquals(4 + 2 + 2, out.size());
		long copiesOfA = out.stream().filter(s -> s.id().startsWith("a#")).peek(s -> assertEquals("p1", s.group()))
			.count();
		assertEquals(2, copiesOfA);
		assertTrue(out.stream().noneMatch(s -> s.id().startsWith("phantom-hemorrhage-3#")), "phantoms are not repeated");
		assertTrue(out.stream().noneMatch(s -> s.id().startsWith("b#")), "unmasked slices are not repeated");
		assertEquals(in, Trainer.oversampleRealMasks(in, 1));
		assertThrows(IllegalArgumentException.class, () -> Trainer.oversampleRealMasks(in, 0));
	}

	@Test
	void preparedCopiesKeepTheirOwnIds() {
		List<Trainer.Source> real = new java.util.ArrayList<>();
		for (Trainer.Source s : Trainer.phantoms(1, 7, org.strokej.core.phantom.LesionKind.HEMORRHAGE))
			real.add(new Trainer.Source("real-1", "patient-1", s.label(), true, s.make())); // a "real" masked slice
		List<Trainer.Source> all = Trainer.oversampleRealMasks(real, 3);
		Trainer.Prepared p = Trainer.prepare(all, Trainer.defaultPreprocessing(32), 32, true, null);
		assertEquals(List.of("real-1", "real-1#1", "real-1#2"), List.of(p.ids()));
		assertEquals(List.of("patient-1", "patient-1", "patient-1"), List.of(p.groups()));
	}

	@Test
	void copiesAreScoredOnce() {
		Evaluator.ClassifierPredictions p = new Evaluator.ClassifierPredictions(new String[] { "a", "a#1", "b" },
			new String[] { "p1", "p1", "p2" }, new String[] { "x", "x", "x" }, new int[] { 1, 1, 0 }, new double[][] {
				{ 0.2, 0.8, 0 }, { 0.2, 0.8, 0 }, { 0.9, 0.1, 0 } });
		Evaluator.ClassifierPredictions o = p.originals();
		assertEquals(2, o.size());
		assertEquals(List.of("a", "b"), List.of(o.ids()));
	}
}
