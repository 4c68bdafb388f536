package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import ij.IJ;
import org.strokej.core.io.AtomicFiles;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.strokej.ij1.CommandInvoker;
import org.strokej.ij1.HeadlessImageJ;

/** {@code run "<Menu Label>" "k=v ..." [--out dir]} and {@code commands}. */
final class RunCommand {

	private RunCommand() {}

	static int run(List<String> args, PrintStream out) throws IOException {
		String outDir = Main.option(args, "--out");
		if (args.isEmpty() || args.size() > 2) throw new Main.UsageException(
			"usage: run \"<Menu Label>\" \"key=value ...\" [--out dir]");
		CommandInvoker invoker = CommandInvoker.shared();
		HeadlessImageJ.install(invoker.macroTableEntries());
		CommandModule module = invoker.run(args.get(0), args.size() > 1 ? args.get(1) : "");
		Path dir = outDir == null ? null : Files.createDirectories(Paths.get(outDir));
		for (Map.Entry<String, Object> e : CommandInvoker.outputs(module).entrySet())
			report(e.getKey(), e.getValue(), dir, out);
		return 0;
	}

	private static void report(String name, Object v, Path dir, PrintStream out)
		throws IOException
	{
		if (v instanceof ImagePlus) {
			ImagePlus imp = (ImagePlus) v;
			String desc = imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getStackSize();
			if (dir != null) {
				Path f = dir.resolve(imp.getTitle() + ".tif");
				AtomicFiles.write(f, tmp -> {
					if (!IJ.saveAsTiff(imp, tmp.toString())) throw new IOException("cannot write " + f);
				});
				out.println(name + " = " + f + " (" + desc + ")");
			}
			else out.println(name + " = image '" + imp.getTitle() + "' (" + desc + ")");
		}
		else if (v instanceof ResultsTable) {
			ResultsTable rt = (ResultsTable) v;
			if (dir != null) {
				Path f = dir.resolve(name + ".csv");
				AtomicFiles.write(f, tmp -> rt.saveAs(tmp.toString()));
				out.println(name + " = " + f + " (" + rt.size() + " rows)");
			}
			else {
				out.println(name + ":");
				out.print(tableText(rt));
			}
		}
		else if (v != null) out.println(name + " = " + v);
	}

	/** A results table as CSV text. */
	static String tableText(ResultsTable rt) {
		StringBuilder sb = new StringBuilder(String.join(",", rt.getHeadings())).append('\n');
		for (int r = 0; r < rt.size(); r++) {
			String[] h = rt.getHeadings();
			for (int c = 0; c < h.length; c++) {
				if (c > 0) sb.append(',');
				sb.append(rt.getStringValue(h[c], r));
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	static int list(PrintStream out) {
		for (Map.Entry<String, CommandInfo> e : CommandInvoker.shared().strokejCommands()
			.entrySet())
		{
			StringBuilder keys = new StringBuilder();
			for (ModuleItem<?> item : e.getValue().inputs()) {
				if (Service.class.isAssignableFrom(item.getType()) || org.scijava.Context.class
					.isAssignableFrom(item.getType())) continue;
				keys.append(' ').append(item.getName());
			}
			out.println(e.getKey() + ":" + keys);
		}
		return 0;
	}
}
