package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImageJ macros run headless through the runner, with built-ins and StrokeJ commands. */
class MacroRunnerTest {

	@TempDir
	Path tmp;

	@Test
	void builtInDialogCommandsWorkHeadless() throws Exception {
		Path out = tmp.resolve("blurred.tif");
		String macro = String.join("\n", //
			"setBatchMode(true);", //
			"newImage(\"a\", \"32-bit black\", 64, 64, 1);", //
			"setPixel(32, 32, 1000);", //
			"run(\"Add...\", \"value=5\");", //
			"run(\"Gaussian Blur...\", \"sigma=2\");", //
			"run(\"Duplicate...\", \"title=copy\");", //
			"run(\"Multiply...\", \"value=2\");", //
			"selectImage(\"a\");", //
			"if (getTitle() != \"a\") exit(\"wrong image\");", //
			"saveAs(\"Tiff\", \"" + out + "\");");
		assertNull(MacroCommand.runMacro(macro, ""));
		ImagePlus imp = IJ.openImage(out.toString());
		assertNotNull(imp);
		// A unit impulse of 1000 blurred with sigma 2: centre = 1000/(2 pi 4) + 5
		double centre = imp.getProcessor().getf(32, 32);
		assertEquals(1000 / (2 * Math.PI * 4) + 5, centre, 0.5);
		assertEquals(5, imp.getProcessor().getf(0, 0), 1e-3);
	}

	@Test
	void strokejCommandRunsFromMacroAndItsOutputIsSelectable() throws Exception {
		Path out = tmp.resolve("plus.tif");
		String macro = String.join("\n", //
			"setBatchMode(true);", //
			"newImage(\"ct\", \"32-bit black\", 16, 16, 1);", //
			"run(\"Test Add Constant\", \"value=7\");", //
			"selectImage(\"ct-plus\");", //
			"saveAs(\"Tiff\", \"" + out + "\");");
		assertNull(MacroCommand.runMacro(macro, ""));
		assertEquals(7, IJ.openImage(out.toString()).getProcessor().getf(3, 3), 1e-6);
	}

	@Test
	void failingCommandAbortsTheMacroWithItsReason() {
		String macro = String.join("\n", //
			"newImage(\"ct\", \"32-bit black\", 16, 16, 1);", //
			"run(\"Test Add Constant\", \"value=7 fail_please\");", //
			"print(\"should not get here\");");
		String err = MacroCommand.runMacro(macro, "");
		assertNotNull(err);
		assertTrue(err.contains("asked to fail"), err);
	}

	@Test
	void unknownKeyIsRejected() {
		String err = MacroCommand.runMacro("newImage(\"x\", \"8-bit black\", 8, 8, 1);\n" +
			"run(\"Test Add Constant\", \"valeu=7\");", "");
		assertNotNull(err);
		assertTrue(err.contains("valeu"), err);
	}

	@Test
	void runnerMacroSubcommandReportsFailureWithExitCode() throws Exception {
		Path macro = tmp.resolve("bad.ijm");
		Files.writeString(macro, "run(\"No Such Command Anywhere\");\n");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "macro", macro.toString() }, new PrintStream(
			new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(1, code);
		String line = err.toString(StandardCharsets.UTF_8).trim();
		assertTrue(line.contains("bad.ijm"), line);
		assertEquals(1, line.lines().count(), line);
	}

	@Test
	void helpAndUsageExitCodes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream ps = new PrintStream(out);
		assertEquals(0, Main.run(new String[] { "--help" }, ps, ps));
		assertTrue(out.toString().contains("info <image>"));
		assertEquals(2, Main.run(new String[] { "frobnicate" }, ps, ps));
		assertEquals(2, Main.run(new String[] {}, ps, ps));
	}
}
