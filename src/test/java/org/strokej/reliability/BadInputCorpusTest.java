package org.strokej.reliability;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.management.ThreadMXBean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.cli.Main;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;
import org.strokej.model.Predictors;
import org.strokej.reliability.BadInputCorpus.Case;
import org.strokej.reliability.BadInputCorpus.Expected;

/**
 * Runs every {@link BadInputCorpus} case through {@link ImageReaders#read(Path)} (or
 * {@link Predictors#get(Path)} for model folders) and through the runner's {@code info}, and checks
 * the expected outcome, that no other exception escapes, that nothing hangs, that an image read
 * allocates at most {@value #MAX_ALLOCATION} bytes (lying headers must not be believed), that the input bytes
 * are unchanged and that nothing is written next to the input. Prints a table of case → outcome;
 * passes only when every case matches.
 */
class BadInputCorpusTest {

	/** Time allowed per image case and leg; TensorFlow model loads get more. */
	private static final Duration IMAGE_LIMIT = Duration.ofSeconds(5);
	private static final Duration MODEL_LIMIT = Duration.ofSeconds(90);

	@TempDir
	Path tmp;

	@AfterAll
	static void closeModels() {
		Predictors.closeAll();
	}

	@Test
	void everyCaseHasItsExpectedOutcome() throws Exception {
		List<Case> cases = BadInputCorpus.write(tmp);
		List<String> rows = new ArrayList<>();
		List<String> mismatches = new ArrayList<>();
		for (Case c : cases) {
			Map<String, String> before = BadInputCorpus.snapshot(c.folder(tmp));
			Duration limit = c.target() == BadInputCorpus.Target.MODEL ? MODEL_LIMIT : IMAGE_LIMIT;
			String reader = outcome(c, c.expected(), limit, () -> read(c));
			String runner = runnerOutcome(c, limit);
			Map<String, String> after = BadInputCorpus.snapshot(c.folder(tmp));
			String files = before.equals(after) ? "unchanged" : "CHANGED " + before + " -> " + after;
			boolean ok = reader.startsWith("ok") && runner.startsWith("ok") && files.equals(
				"unchanged");
			rows.add(String.format("%-28s %-4s %-70s | reader: %s | runner: %s | files: %s", c.name(),
				ok ? "PASS" : "FAIL", c.expected(), reader, runner, files));
			if (!ok) mismatches.add(c.name());
		}
		System.out.println("Bad-input corpus: " + cases.size() + " cases");
		rows.forEach(System.out::println);
		assertTrue(cases.size() >= 60, "corpus size " + cases.size());
		assertTrue(mismatches.isEmpty(), "cases not as expected: " + mismatches);
	}

	/** Most heap one image case may allocate: far less than any lying header claims. */
	private static final long MAX_ALLOCATION = 64L << 20;

	/** The reader leg's result (a Volume or the thrown exception) and the bytes it allocated. */
	private record Read(Object result, long allocated) {}

	private static Read read(Case c) {
		ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = mx.getCurrentThreadAllocatedBytes();
		Object r;
		try {
			r = c.target() == BadInputCorpus.Target.MODEL ? Predictors.get(c.input()) : ImageReaders
				.read(c.input());
		}
		catch (Throwable t) { // everything, to report what escapes
			r = t;
		}
		return new Read(r, mx.getCurrentThreadAllocatedBytes() - before);
	}

	/** "ok ..." when the result matches, else a description of the mismatch. */
	private static String outcome(Case c, Expected e, Duration limit,
		java.util.function.Supplier<Read> leg)
	{
		Read read;
		try {
			read = assertTimeoutPreemptively(limit, leg::get);
		}
		catch (Throwable t) {
			return "HANG or timeout (" + t.getMessage() + ")";
		}
		if (c.target() == BadInputCorpus.Target.IMAGE && read.allocated() > MAX_ALLOCATION)
			return "allocated " + (read.allocated() >> 20) + " MB";
		Object r = read.result();
		if (e.success()) {
			if (r instanceof Throwable t) return "unexpected " + t;
			if (r instanceof Volume v) {
				try {
					e.check().check(v);
				}
				catch (AssertionError a) {
					return "wrong properties: " + a.getMessage();
				}
				return "ok " + v.nx() + "x" + v.ny() + "x" + v.nz();
			}
			return "ok";
		}
		if (!(r instanceof Throwable t)) return "read although it should fail: " + r;
		if (t.getClass() != e.type()) return "escaped " + t;
		String m = t.getMessage();
		if (m.contains("\n")) return "multi-line message: " + m;
		if (!m.startsWith(c.named().toString())) return "message does not name " + c.named() +
			": " + m;
		if (!m.contains(e.phrase())) return "message lacks \"" + e.phrase() + "\": " + m;
		return "ok " + m.substring(c.named().toString().length());
	}

	private static String runnerOutcome(Case c, Duration limit) {
		Expected e = c.runnerExpected();
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code;
		// stray lines that libraries print to System.err count too: the real runner shares it
		PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
		PrintStream systemErr = System.err;
		System.setErr(errStream);
		try {
			code = assertTimeoutPreemptively(limit, () -> Main.run(new String[] { "info", c.input()
				.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8), errStream));
		}
		catch (Throwable t) {
			return "HANG, timeout or escape (" + t + ")";
		}
		finally {
			System.setErr(systemErr);
		}
		String o = out.toString(StandardCharsets.UTF_8), er = err.toString(StandardCharsets.UTF_8);
		if (e.success()) {
			if (code != 0 || !er.isEmpty() || !o.contains("\"dims\"")) return "exit " + code + ": " +
				er.strip();
			return "ok exit 0";
		}
		String[] lines = er.strip().split("\n");
		if (code != 1) return "exit " + code + " (expected 1): " + er.strip();
		if (lines.length != 1) return lines.length + " lines on stderr: " + er.strip();
		if (!lines[0].contains(c.input().toString())) return "stderr does not name the input: " +
			lines[0];
		if (!lines[0].contains(e.phrase())) return "stderr lacks \"" + e.phrase() + "\": " + lines[0];
		return "ok exit 1";
	}
}
