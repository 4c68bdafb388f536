package org.strokej.ij1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.IJ;
import ij.Menus;

/**
 * Lets ImageJ 1 macros call commands by label ({@code run("Gaussian Blur...", "sigma=2")},
 * {@code run("Detect Stroke", "...")}) in a JVM without a display.
 * <p>
 * With {@code java.awt.headless=true} ImageJ 1 never builds its command table (it is built
 * together with the AWT menu bar), so every {@code run(...)} in a macro fails. This class fills
 * that table the way ImageJ would — from ImageJ's own {@code IJ_Props.txt} plus the commands
 * ImageJ registers in code — replaces the common dialog-based commands (whose
 * {@code GenericDialog} cannot exist headless) by {@link HeadlessBuiltins}, which reads the same
 * macro keys and calls ImageJ's own algorithms, and adds the StrokeJ SciJava commands through
 * {@link MacroCommandBridge}. With a display, nothing is changed: ImageJ (or Fiji) has its own
 * table.
 */
public final class HeadlessImageJ {

	private static final Pattern PROPS_LINE = Pattern.compile(
		"^[a-z]+[0-9]+=\"([^\"]+)\",\\s*(\\S+)\\s*$");
	private static final Pattern TABLE_LINE = Pattern.compile("^\"([^\"]+)\",\\s*(\\S+)\\s*$");

	private static boolean installed;

	private HeadlessImageJ() {}

	/**
	 * Installs the command table once per JVM when ImageJ 1 has none.
	 *
	 * @param extra additional label → plugin class entries (e.g. SciJava command bridges)
	 */
	public static synchronized void install(Map<String, String> extra) {
		Hashtable<String, String> table = currentTable();
		if (table == null) {
			table = new Hashtable<>();
			setTable(table);
		}
		if (!installed) {
			readTable(table, IJ.class.getResourceAsStream("/IJ_Props.txt"), PROPS_LINE, "");
			readTable(table, HeadlessImageJ.class.getResourceAsStream("ij1-core-commands.txt"),
				TABLE_LINE, "");
			readTable(table, HeadlessImageJ.class.getResourceAsStream(
				"headless-replacements.txt"), TABLE_LINE, HeadlessBuiltins.class.getName() + "(\"");
			installed = true;
		}
		table.putAll(extra);
	}

	/** The label → plugin class table ImageJ uses for {@code IJ.run}, or null. */
	@SuppressWarnings("unchecked")
	static Hashtable<String, String> currentTable() {
		try {
			Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			return (Hashtable<String, String>) f.get(null);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("This ImageJ 1 version has no command table field", e);
		}
	}

	private static void setTable(Hashtable<String, String> table) {
		try {
			Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			f.set(null, table);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("This ImageJ 1 version has no command table field", e);
		}
	}

	private static void readTable(Hashtable<String, String> table, InputStream in, Pattern line,
		String argPrefix)
	{
		if (in == null) return;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
			StandardCharsets.UTF_8)))
		{
			String s;
			while ((s = r.readLine()) != null) {
				Matcher m = line.matcher(s.trim());
				if (!m.matches()) continue;
				String label = m.group(1).replaceAll("\\s*\\[.*\\]$", "").trim();
				String plugin = argPrefix.isEmpty() ? m.group(2) : argPrefix + m.group(2) + "\")";
				table.put(label, plugin);
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read ImageJ command table", e);
		}
	}
}
