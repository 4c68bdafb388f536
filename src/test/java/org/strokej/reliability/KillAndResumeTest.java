package org.strokej.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ij.IJ;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.TinyModels;

/**
 * A batch killed with SIGKILL halfway leaves only complete outputs (or hidden temporary files),
 * and a second run finishes the rest without redoing finished images; the inputs are never
 * modified (SHA-256 before and after).
 */
class KillAndResumeTest {

	@TempDir
	Path tmp;

	@Test
	void killedBatchLosesNothingAndResumes() throws Exception {
		Path in = Files.createDirectory(tmp.resolve("in"));
		for (int i = 0; i < 6; i++)
			Files.copy(Paths.get("test-images", i % 2 == 0 ? "phantom-hemorrhage-1.png"
				: "phantom-none-3.png"), in.resolve("scan" + i + ".png"));
		Map<Path, String> before = checksums(in);
		Path out = tmp.resolve("out");
		Path models = TinyModels.dir();

		Process p = runner(in, out, models);
		// Kill as soon as the first image is finished, in the middle of the batch.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.exists(out.resolve("scan0_result.json")) && System.nanoTime() < deadline &&
			p.isAlive())
			Thread.sleep(50);
		p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertTrue(Files.exists(out.resolve("scan0_result.json")), "first image finished");

		// Every visible file is complete: result records parse, label images open.
		try (var s = Files.list(out)) {
			for (Path f : (Iterable<Path>) s::iterator) {
				String name = f.getFileName().toString();
				if (name.startsWith(".")) continue; // a temporary file the kill interrupted
				if (name.endsWith(".json")) assertTrue(Files.readString(f).endsWith("}"), name);
				if (name.endsWith(".tif")) assertNotNull(IJ.openImage(f.toString()), name);
			}
		}
		long firstDone = Files.getLastModifiedTime(out.resolve("scan0_result.json")).toMillis();

		Process again = runner(in, out, models);
		String log = new String(again.getInputStream().readAllBytes()); // until it exits
		assertTrue(again.waitFor(60, TimeUnit.SECONDS), "second run finishes");
		assertEquals(0, again.exitValue(), log);
		assertTrue(log.contains("scan0: already done, skipped"), log);
		assertEquals(firstDone, Files.getLastModifiedTime(out.resolve("scan0_result.json"))
			.toMillis());
		List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
		assertEquals(7, summary.size(), String.join("\n", summary));
		for (String row : summary.subList(1, 7))
			assertTrue(row.contains(",ok,"), row);
		assertEquals(7, Files.readAllLines(out.resolve("classification.csv")).size());
		assertEquals(before, checksums(in), "inputs unchanged");
	}

	private static Process runner(Path in, Path out, Path models) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin",
			"java").toString(), "-cp", System.getProperty("java.class.path"),
			"-Djava.awt.headless=true", "org.strokej.cli.Main", "detect", in.toString(), "--out", out
				.toString(), "--classifier", models.resolve("cnn").toString(), "--segmenter", models
					.resolve("unet").toString()));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
		return pb.start();
	}

	private static Map<Path, String> checksums(Path dir) throws Exception {
		Map<Path, String> m = new HashMap<>();
		try (var s = Files.list(dir)) {
			for (Path f : (Iterable<Path>) s::iterator) {
				MessageDigest md = MessageDigest.getInstance("SHA-256");
				m.put(f.getFileName(), new java.math.BigInteger(1, md.digest(Files.readAllBytes(f)))
					.toString(16));
			}
		}
		return m;
	}

}
