package org.strokej.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder helpers shared by training, export, model unpacking and benchmarks. */
public final class Folders {

	private Folders() {}

	/** Deletes a folder and everything below it; nothing when it does not exist. */
	public static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(p);
		}
	}
}
