package org.strokej;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the real CT data lives for tests that need it: {@code $STROKEJ_DATA}, else
 * {@code ../shared/data} beside the project. Tests call {@link #require} and are skipped cleanly on
 * a fresh clone without it.
 */
public final class TestData {

	private TestData() {}

	public static Path root() {
		String env = System.getenv("STROKEJ_DATA");
		return env != null && !env.isEmpty() ? Paths.get(env) : Paths.get("..", "shared", "data");
	}

	/** The path below the data root, or skips the calling test when it is absent. */
	public static Path require(String relative) {
		Path p = root().resolve(relative);
		Assumptions.assumeTrue(Files.exists(p), "real data not present: " + p);
		return p;
	}
}
