package org.strokej.ij1;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import ij.ImagePlus;
import ij.WindowManager;

import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;
import org.strokej.core.io.ImageReaders;

/**
 * Runs StrokeJ's SciJava commands by menu label with an ImageJ-style options string
 * ({@code "input=ct.nii.gz min_volume_ml=0.5 heatmap=true"}), outside Fiji: from the runner's
 * {@code run} and from macros (through {@link MacroCommandBridge}). Field names are the keys; an
 * {@code ImagePlus} parameter takes an open image's title, a file path (read with StrokeJ's
 * readers) or, when absent, the current image.
 */
public final class CommandInvoker implements AutoCloseable {

	/** Top-level menu under which StrokeJ's commands live. */
	public static final String MENU_ROOT = "StrokeJ";

	private static CommandInvoker shared;

	private final Context context;
	private final CommandService commands;
	private final ModuleService modules;

	public CommandInvoker(Context context) {
		this.context = context;
		this.commands = context.service(CommandService.class);
		this.modules = context.service(ModuleService.class);
	}

	/** One invoker per JVM for the runner and macros; its context lives until exit. */
	public static synchronized CommandInvoker shared() {
		if (shared == null) shared = new CommandInvoker(new Context(CommandService.class));
		return shared;
	}

	public Context context() { return context; }

	/** Menu label → command info, for every command under {@code Plugins > StrokeJ}. */
	public Map<String, CommandInfo> strokejCommands() {
		Map<String, CommandInfo> map = new LinkedHashMap<>();
		for (CommandInfo info : commands.getCommands()) {
			if (info.getMenuPath() == null || info.getMenuPath().size() < 2) continue;
			boolean ours = info.getMenuPath().stream().anyMatch(e -> MENU_ROOT.equals(e.getName()));
			if (ours) map.put(info.getMenuPath().getLeaf().getName(), info);
		}
		return map;
	}

	/** The entries {@link HeadlessImageJ} adds so macros can call the commands by label. */
	public Map<String, String> macroTableEntries() {
		Map<String, String> m = new HashMap<>();
		for (String label : strokejCommands().keySet())
			m.put(label, MacroCommandBridge.class.getName() + "(\"" + label + "\")");
		return m;
	}

	public CommandInfo find(String label) {
		CommandInfo info = strokejCommands().get(label);
		if (info == null) throw new IllegalArgumentException("Unknown command \"" + label +
			"\"; known: " + String.join(", ", strokejCommands().keySet()));
		return info;
	}

	/**
	 * Runs a command and waits for it.
	 *
	 * @throws CommandFailedException when the command was cancelled or failed, with its reason
	 */
	public CommandModule run(String label, String options) {
		CommandInfo info = find(label);
		Map<String, Object> inputs = inputs(info, new MacroOptions(options));
		try {
			CommandModule module = runWithoutMemory(context, info, inputs).get();
			if (module.isCanceled()) throw new CommandFailedException(label + ": " + (module
				.getCancelReason() == null ? "cancelled" : module.getCancelReason()));
			return module;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CommandFailedException(label + ": interrupted");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			while (cause.getCause() != null && cause.getMessage() == null)
				cause = cause.getCause();
			throw new CommandFailedException(label + ": " + cause.getMessage(), cause);
		}
	}

	/**
	 * Runs a command with SciJava's usual pre- and postprocessing except its parameter memory:
	 * nothing is loaded from or saved to the user's preferences (which a Fiji on the same account
	 * would otherwise pick up as "last used" values for keys its macros leave out).
	 */
	public static java.util.concurrent.Future<CommandModule> runWithoutMemory(Context context, CommandInfo info,
		Map<String, Object> inputs)
	{
		org.scijava.plugin.PluginService plugins = context.service(org.scijava.plugin.PluginService.class);
		List<org.scijava.module.process.PreprocessorPlugin> pre = new ArrayList<>();
		for (org.scijava.module.process.PreprocessorPlugin p : plugins.createInstancesOfType(
			org.scijava.module.process.PreprocessorPlugin.class))
			if (!(p instanceof org.scijava.module.process.LoadInputsPreprocessor) &&
				!(p instanceof org.scijava.module.process.SaveInputsPreprocessor)) pre.add(p);
		List<org.scijava.module.process.PostprocessorPlugin> post = plugins.createInstancesOfType(
			org.scijava.module.process.PostprocessorPlugin.class);
		ModuleService modules = context.service(ModuleService.class);
		CommandModule module = (CommandModule) modules.createModule(info);
		return modules.run(module, pre, post, inputs);
	}

	/** Output values of a finished module by name, in declaration order. */
	public static Map<String, Object> outputs(CommandModule module) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (ModuleItem<?> item : module.getInfo().outputs())
			out.put(item.getName(), module.getOutput(item.getName()));
		return out;
	}

	// -- Parameter conversion --

	private Map<String, Object> inputs(CommandInfo info, MacroOptions o) {
		Map<String, Object> in = new HashMap<>();
		Module fresh = modules.createModule(info);
		List<String> unknown = new ArrayList<>(keys(o.raw()));
		for (ModuleItem<?> item : info.inputs()) {
			Class<?> type = item.getType();
			if (Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type) ||
				item.getVisibility() == ItemVisibility.MESSAGE) continue;
			String name = item.getName();
			unknown.remove(name);
			Object value = convert(name, type, o);
			// An absent key means the declared default, never a value remembered from an
			// earlier run (SciJava persists parameters; a batch must not reuse them).
			if (value == null) value = fresh.getInput(name);
			if (value != null) in.put(name, value);
		}
		if (!unknown.isEmpty()) throw new CommandFailedException(info.getMenuPath().getLeaf()
			.getName() + ": unknown key(s) " + unknown + "; keys are the command's parameters");
		return in;
	}

	private static Object convert(String name, Class<?> type, MacroOptions o) {
		if (type == boolean.class || type == Boolean.class) return o.has(name) ? o.flag(name)
			: null;
		String v = o.value(name, null);
		if (ImagePlus.class.isAssignableFrom(type)) return image(name, v);
		if (v == null) return null;
		try {
			if (type == String.class) return v;
			if (type == File.class) return new File(v);
			if (type == Path.class) return Paths.get(v);
			if (type == int.class || type == Integer.class) return (int) Double.parseDouble(v);
			if (type == long.class || type == Long.class) return (long) Double.parseDouble(v);
			if (type == double.class || type == Double.class) return Double.parseDouble(v);
			if (type == float.class || type == Float.class) return Float.parseFloat(v);
			if (type.isEnum()) {
				for (Object c : type.getEnumConstants())
					if (c.toString().equalsIgnoreCase(v) || ((Enum<?>) c).name().equalsIgnoreCase(v))
						return c;
				throw new CommandFailedException("'" + name + "' must be one of " + java.util.Arrays
					.toString(type.getEnumConstants()) + ", not '" + v + "'");
			}
		}
		catch (NumberFormatException e) {
			throw new CommandFailedException("'" + name + "' must be a number, not '" + v + "'");
		}
		throw new CommandFailedException("'" + name + "': parameters of type " + type
			.getSimpleName() + " cannot be set from a macro");
	}

	private static ImagePlus image(String name, String v) {
		if (v == null) {
			ImagePlus current = WindowManager.getCurrentImage();
			if (current == null) throw new CommandFailedException("'" + name +
				"': no image given and no image open");
			return current;
		}
		ImagePlus byTitle = WindowManager.getImage(v);
		if (byTitle != null) return byTitle;
		Path p = Paths.get(v);
		if (!Files.exists(p)) throw new CommandFailedException("'" + name + "': no open image " +
			"titled '" + v + "' and no such file");
		try {
			return ImagePlusAdapter.toImagePlus(ImageReaders.read(p), titleOf(p));
		}
		catch (java.io.IOException e) {
			throw new CommandFailedException(e.getMessage(), e);
		}
	}

	/** A file's name without its image extension(s): {@code ct.nii.gz} → {@code ct}. */
	public static String titleOf(Path p) {
		String n = p.getFileName().toString();
		return n.replaceAll("(?i)(\\.nii\\.gz|\\.nii|\\.dcm|\\.tiff?|\\.png|\\.jpe?g|\\.bmp|\\.gif)$",
			"");
	}

	private static List<String> keys(String raw) {
		List<String> keys = new ArrayList<>();
		String s = raw.replaceAll("\\[[^\\]]*\\]", "[]");
		for (String tok : s.trim().split("\\s+")) {
			if (tok.isEmpty()) continue;
			int eq = tok.indexOf('=');
			keys.add(eq < 0 ? tok : tok.substring(0, eq));
		}
		return keys;
	}

	@Override
	public void close() {
		context.dispose();
	}

	/** A command could not run; the message is one line for the user. */
	public static class CommandFailedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public CommandFailedException(String message) { super(message); }

		public CommandFailedException(String message, Throwable cause) { super(message, cause); }
	}
}
