package org.strokej.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short seeded fuzz run of the NIfTI and DICOM readers: every mutation must either read into a
 * consistent Volume or fail with a one-line ImageReadException, within {@link
 * ReaderFuzz#TIME_LIMIT_MS}, without touching its input. Longer runs: {@link FuzzRunner}.
 */
class ReaderFuzzTest {

	@TempDir
	Path tmp;

	@Test
	void mutationsReadOrFailCleanly() throws IOException {
		ReaderFuzz.Result r = ReaderFuzz.run(tmp, 20261127L, 300, 20_000, System.out);
		System.out.println("fuzz: " + r.tried() + " mutations, " + r.volumes() + " read, " + r
			.refused() + " refused, " + r.crashes().size() + " crashes");
		assertTrue(r.tried() >= 100, "too few mutations tried in the time budget: " + r.tried());
		// both outcomes occur: the mutations are neither all fatal nor all harmless
		assertTrue(r.volumes() > 0 && r.refused() > 0, r.toString());
		assertEquals(r.tried(), r.volumes() + r.refused() + r.crashes().size());
		assertTrue(r.crashes().isEmpty(), "crashes: " + r.crashes());
	}

	/** The crashes of the documented FuzzRunner run (seed 7, docs/RELIABILITY.md), now fixed. */
	@Test
	void documentedCrashesStayFixed() throws IOException {
		String be = "dicom/big_endian/be0.dcm";
		List<Map.Entry<String, Long>> crashes = List.of(Map.entry(be, 7010539L), Map.entry(be,
			7012329L), Map.entry(be, 7020499L), Map.entry(be, 7021149L), Map.entry(
				"dicom/no_position/a.dcm", 7035540L), Map.entry(be, 7006769L), Map.entry(be, 7001699L),
			Map.entry(be, 7021059L), Map.entry(be, 7020959L), Map.entry("nifti/float32_nifti2.nii",
				7005094L), Map.entry("nifti/uint8_2d.nii", 7006785L));
		ReaderFuzz.Result r = ReaderFuzz.replay(tmp, crashes, System.out);
		assertEquals(11, r.tried());
		assertTrue(r.crashes().isEmpty(), "crashes: " + r.crashes());
	}

	@Test
	void mutationsAreReproducible() throws IOException {
		byte[] src = Files.readAllBytes(Paths.get("src/test/resources/nifti/int16_scaled.nii.gz"));
		Mutator.Mutation a = Mutator.mutate(src, Mutator.Kind.NIFTI, 42);
		Mutator.Mutation b = Mutator.mutate(src, Mutator.Kind.NIFTI, 42);
		assertArrayEquals(a.bytes(), b.bytes());
		assertEquals(a.description(), b.description());
		assertNotEquals(a.description(), Mutator.mutate(src, Mutator.Kind.NIFTI, 43).description());
	}
}
