package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner leaves no "last used" parameter values behind: SciJava would otherwise save them in
 * the user's preferences, where a Fiji on the same account picks them up for keys its macros leave
 * out.
 */
class RunnerPrefsTest {

	@TempDir
	Path tmp;

	@Test
	void runningACommandRemembersNothing() throws Exception {
		Preferences node = Preferences.userRoot().node("org/strokej/command/GenerateStrokePhantomCommand");
		node.clear();
		node.flush();
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "run", "Generate Stroke Phantom", "kind=ischemia seed=77 size=64 noise_hu=9",
			"--out", tmp.toString() }, new PrintStream(out), new PrintStream(err));
		assertEquals(0, code, err.toString());
		node.sync();
		assertNull(node.get("seed", null), "seed remembered");
		assertNull(node.get("kind", null), "kind remembered");
		assertEquals(0, node.keys().length, String.join(",", node.keys()));
	}
}
