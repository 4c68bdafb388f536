package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import ij.macro.Interpreter;

import org.strokej.ij1.CommandInvoker;
import org.strokej.ij1.HeadlessImageJ;

/** {@code macro <file.ijm> [arg]}: runs an ImageJ 1 macro headless, in batch mode. */
final class MacroCommand {

	private MacroCommand() {}

	static int run(List<String> args, PrintStream out) throws IOException {
		if (args.isEmpty() || args.size() > 2) throw new Main.UsageException(
			"usage: macro <file.ijm> [argument]");
		Path file = Paths.get(args.get(0));
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such macro file");
		String text = Files.readString(file, StandardCharsets.UTF_8);
		String error = runMacro(text, args.size() > 1 ? args.get(1) : "");
		if (error != null) throw new IOException(file + ": " + error);
		return 0;
	}

	/**
	 * Runs macro text with StrokeJ's commands and ImageJ's built-ins available headless.
	 *
	 * @return null on success, else the macro's error message
	 */
	static String runMacro(String text, String arg) {
		HeadlessImageJ.install(CommandInvoker.shared().macroTableEntries());
		Interpreter interp = new Interpreter();
		interp.run(text, arg);
		if (!interp.wasError()) return null;
		String m = interp.getErrorMessage();
		return "macro failed: " + (m == null ? "error" : m.replace('\n', ' ').trim());
	}
}
