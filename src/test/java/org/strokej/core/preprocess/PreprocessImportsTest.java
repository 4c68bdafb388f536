package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The layer rule of {@code core}: no ImageJ UI, SciJava or TensorFlow in the preprocessing code. */
class PreprocessImportsTest {

	@Test
	void noUiScijavaOrTensorFlowImports() throws IOException {
		Path dir = Paths.get("src/main/java/org/strokej/core/preprocess");
		assertTrue(Files.isDirectory(dir), dir.toAbsolutePath().toString());
		List<String> bad;
		try (Stream<Path> files = Files.list(dir)) {
			bad = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
				try {
					return Files.readAllLines(f).stream().filter(l -> l.matches(
						"\\s*import\\s+(static\\s+)?(ij\\.gui|ij\\.IJ\\b|ij\\.WindowManager|org\\.scijava|org\\.tensorflow|java\\.awt\\.(?!Rectangle)).*"))
						.map(l -> f.getFileName() + ": " + l.trim());
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}).collect(Collectors.toList());
		}
		assertTrue(bad.isEmpty(), "forbidden imports: " + bad);
	}
}
