package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}, {@code evaluate}, {@code familiarity}: their own --help, and mistyped options refused before any work. */
class RunnerOptionsTest {

	private record Run(int code, String out, String err) {}

	private static Run runner(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void subcommandHelpIsTheSubcommandsUsage() {
		Run r = runner("train", "--help");
		assertEquals(0, r.code());
		assertTrue(r.out().startsWith("usage: train"), r.out());
		assertTrue(r.out().contains("--context"), r.out());
		assertTrue(runner("evaluate", "-h").out().startsWith("usage: evaluate"));
		assertTrue(runner("familiarity", "--help").out().startsWith("usage: familiarity"));
		assertTrue(runner("--help").out().contains("subcommands:"));
	}

	@Test
	void aMistypedOptionIsRefusedWithTheNearestOne(@TempDir Path tmp) {
		Path out = tmp.resolve("model");
		Run r = runner("train", "--kind", "classifier", "--out", out.toString(), "--phantoms", "2", "--epoch", "3");
		assertEquals(2, r.code());
		assertTrue(r.err().startsWith("strokej train: unknown option --epoch (did you mean --epochs?)"), r.err());
		assertFalse(Files.exists(out), "nothing is trained or written");
		r = runner("evaluate", "--model", tmp.toString(), "--out", tmp.resolve("e").toString(), "--phantom", "3");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("unknown option --phantom (did you mean --phantoms?)"), r.err());
		r = runner("train", "--kind", "classifier", "--out", out.toString(), "--bogus-thing", "1");
		assertTrue(r.err().startsWith("strokej train: unknown option --bogus-thing\n"), r.err());
		r = runner("train", "--kind", "classifier", "--out", out.toString(), "--epochs", "1", "--epochs", "2");
		assertTrue(r.err().startsWith("strokej train: --epochs given twice"), r.err());
	}
}
