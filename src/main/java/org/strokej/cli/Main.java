package org.strokej.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The StrokeJ runner, {@code java -jar target/strokej.jar <subcommand> ...}, for machines without
 * Fiji and for scripted checks. Every failure ends with one line on stderr naming the file and the
 * cause and a non-zero exit code (1 = failed, 2 = bad usage); {@code --verbose} adds the stack
 * trace.
 */
public final class Main {

	static final String USAGE = String.join("\n", //
		"StrokeJ — stroke detection on head CT (research use only, not for diagnosis)", //
		"", //
		"usage: java -jar target/strokej.jar [--verbose] <subcommand> [arguments]", //
		"", //
		"subcommands:", //
		"  detect <image-or-folder> --out <dir>   classify every slice + segment lesions (bundled models)", //
		"  classify|segment <...> --out <dir>     only one of the two", //
		"  info <image>                      image facts as JSON (dims, spacing_mm, min, max, unit, modality)", //
		"  run \"<Menu Label>\" \"k=v ...\"      run a Plugins > StrokeJ command, like Fiji's --headless --run", //
		"      [--out <dir>]                 ... and save its output images (TIFF) and tables (CSV) there", //
		"  macro <file.ijm> [arg]            run an ImageJ macro headless (StrokeJ commands + ImageJ built-ins)", //
		"  commands                          list the StrokeJ commands and their macro keys", //
		"  phantom --out <dir> [--kind hemorrhage --seed 1 --size 512 --slices 1 ...]   synthetic head CT + truth", //
		"  montage --out <png> [--data ../shared/data]   phantoms (and real slices, if given) side by side", //
		"  train --kind classifier|segmenter --out <dir> ...   train a model (train --help)", //
		"  evaluate --model <dir> --out <dir> ...        metrics of a model on labelled slices", //
		"  familiarity --model <dir> --data ...          a classifier's training-feature reference (unfamiliar inputs)", //
		"  bench [--quick|--tiny] [--out <file.md>]      timings: CPU peak, networks, end to end, scaling, memory", //
		"", //
		"<image> is a DICOM file or series folder, .nii/.nii.gz, or PNG/JPEG/BMP/TIFF.", //
		"options: --verbose (stack traces), --help, --version");

	private Main() {}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the runner in this JVM and returns its exit code (for tests). */
	public static int run(String[] argv, PrintStream out, PrintStream err) {
		System.setProperty("java.awt.headless", "true");
		List<String> args = new ArrayList<>(Arrays.asList(argv));
		boolean verbose = args.remove("--verbose") | args.remove("-v");
		String subUsage = args.isEmpty() ? null : usage(args.get(0));
		if (subUsage != null && (args.contains("--help") || args.contains("-h"))) {
			out.println(subUsage);
			return 0;
		}
		if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals(
			"help"))
		{
			out.println(USAGE);
			return args.isEmpty() ? 2 : 0;
		}
		if (args.get(0).equals("--version")) {
			String v = Main.class.getPackage().getImplementationVersion();
			out.println("StrokeJ " + (v == null ? "(development)" : v));
			return 0;
		}
		String sub = args.remove(0);
		try {
			switch (sub) {
				case "info": return InfoCommand.run(args, out);
				case "run": return RunCommand.run(args, out);
				case "macro": return MacroCommand.run(args, out);
				case "commands": return RunCommand.list(out);
				case "train": return TrainCommand.run(args, out);
				case "familiarity": return TrainCommand.familiarity(args, out);
				case "evaluate": return EvaluateCommand.run(args, out);
				case "detect": case "classify": case "segment": return DetectCommand.run(sub, args, out);
				case "phantom": return PhantomCommand.run(args, out);
				case "montage": return MontageCommand.run(args, out);
				case "bench": return BenchCommand.run(args, out);
				default: throw new UsageException("unknown subcommand '" + sub + "' (see --help)");
			}
		}
		catch (UsageException e) {
			err.println("strokej " + sub + ": " + e.getMessage());
			return 2;
		}
		catch (Exception | Error e) {
			err.println("strokej " + sub + ": " + oneLine(e));
			if (verbose) e.printStackTrace(err);
			return 1;
		}
	}

	/** A subcommand's own usage text, or null. */
	static String usage(String sub) {
		switch (sub) {
			case "train": return TrainCommand.USAGE;
			case "familiarity": return TrainCommand.FAMILIARITY_USAGE;
			case "evaluate": return EvaluateCommand.USAGE;
			case "detect": case "classify": case "segment": return DetectCommand.USAGE;
			case "phantom": return PhantomCommand.USAGE;
			case "montage": return MontageCommand.USAGE;
			case "bench": return BenchCommand.USAGE;
			default: return null;
		}
	}

	/** The most useful single line describing a failure. */
	static String oneLine(Throwable e) {
		String m = e.getMessage();
		if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
		if (e instanceof OutOfMemoryError) m = "out of memory (" + m + "); give Java more with -Xmx";
		int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}

	/** Wrong arguments: exit code 2. */
	static class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) { super(message); }
	}

	/** Takes the value following {@code flag} out of args, or null. */
	static String option(List<String> args, String flag) {
		int i = args.indexOf(flag);
		if (i < 0) return null;
		if (i + 1 >= args.size()) throw new UsageException(flag + " needs a value");
		String v = args.get(i + 1);
		args.remove(i + 1);
		args.remove(i);
		return v;
	}
}
