package org.strokej.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Only {@code org.strokej.model.tf} may import TensorFlow. */
class ModelImportsTest {

	@Test
	void tensorFlowStaysInModelTf() throws IOException {
		Path root = Path.of("src/main/java/org/strokej");
		assertTrue(Files.isDirectory(root));
		List<String> offenders;
		try (Stream<Path> s = Files.walk(root)) {
			offenders = s.filter(p -> p.toString().endsWith(".java"))
				.filter(p -> !root.relativize(p).toString().replace('\\', '/').startsWith("model/tf/"))
				.filter(p -> {
					try {
						return Files.readString(p).contains("import org.tensorflow");
					}
					catch (IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				}).map(Path::toString).toList();
		}
		assertEquals(List.of(), offenders);
	}
}
