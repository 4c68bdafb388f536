package org.strokej;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering rules of DESIGN.md, checked on the sources: core imports no UI, SciJava or
 * TensorFlow; only model.tf imports TensorFlow; model imports no ImageJ UI.
 */
class ArchitectureTest {

	private static final Path SRC = Paths.get("src", "main", "java", "org", "strokej");

	@Test
	void coreImportsNoUiSciJavaOrTensorFlow() throws IOException {
		List<String> bad = violations(SRC.resolve("core"), "import ij.gui.", "import ij.plugin.frame.",
			"import org.scijava.", "import org.tensorflow.", "import java.awt.Frame",
			"import javax.swing.");
		assertTrue(bad.isEmpty(), "core must stay pure: " + bad);
	}

	@Test
	void onlyModelTfImportsTensorFlow() throws IOException {
		List<String> bad = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SRC)) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator)
			{
				if (f.startsWith(SRC.resolve("model").resolve("tf"))) continue;
				if (Files.readString(f).contains("import org.tensorflow.")) bad.add(f.toString());
			}
		}
		assertTrue(bad.isEmpty(), "only org.strokej.model.tf may import TensorFlow: " + bad);
	}

	@Test
	void modelAndPipelineHaveNoImageJUi() throws IOException {
		List<String> bad = violations(SRC.resolve("model"), "import ij.gui.", "import ij.plugin.frame.");
		bad.addAll(violations(SRC.resolve("pipeline"), "import ij.gui.", "import ij.plugin.frame."));
		assertTrue(bad.isEmpty(), bad.toString());
	}

	private static List<String> violations(Path dir, String... forbidden) throws IOException {
		List<String> bad = new ArrayList<>();
		if (!Files.isDirectory(dir)) return bad;
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator)
			{
				String text = Files.readString(f);
				for (String s : forbidden)
					if (text.contains(s)) bad.add(f + " (" + s.trim() + ")");
			}
		}
		return bad;
	}
}
