package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.model.Architecture;
import org.strokej.model.tf.TfTrainingGraph;
import org.strokej.model.tf.Vgg19Baseline;

/**
 * The {@code bench} harness (not the machine's numbers): {@code bench --tiny} prints and writes
 * well-formed Markdown tables, and the analytic FLOP and parameter counts are right.
 */
class BenchCommandTest {

	@TempDir
	Path tmp;

	@Test
	void tinyRunWritesWellFormedTables() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		Path md = tmp.resolve("bench.md");
		int code = Main.run(new String[] { "bench", "--tiny", "--out", md.toString() }, new PrintStream(out, true,
			StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		String text = Files.readString(md);
		assertTrue(out.toString(StandardCharsets.UTF_8).contains(text), "the table is also printed");
		String[] sections = { "### 1. CPU peak", "### 2. Networks", "### 3. End to end", "### 4. Scaling",
			"### 5. Memory stability", "### Targets" };
		int at = -1;
		for (String s : sections) {
			int i = text.indexOf(s);
			assertTrue(i > at, "section in order: " + s);
			at = i;
		}
		// every table: header, separator of as many cells, rows of as many cells
		List<List<String>> tables = new ArrayList<>();
		List<String> cur = null;
		for (String line : text.split("\n")) {
			if (line.startsWith("|")) {
				assertTrue(line.endsWith("|"), line);
				if (cur == null) tables.add(cur = new ArrayList<>());
				cur.add(line);
			}
			else cur = null;
		}
		assertEquals(6, tables.size());
		int[] rows = { 2, 3, 3, 3, 2, 7 };
		for (int t = 0; t < tables.size(); t++) {
			List<String> tab = tables.get(t);
			int cells = cells(tab.get(0));
			assertTrue(tab.get(1).matches("\\|(---\\|)+"), tab.get(1));
			assertEquals(cells, cells(tab.get(1)));
			assertEquals(rows[t], tab.size() - 2, "rows of table " + (t + 1));
			for (String r : tab) assertEquals(cells, cells(r), r);
		}
		// the tiny VGG19: conv base 20,024,384 parameters (Keras VGG19 without top) + dense 2048→64→16→2
		assertTrue(text.contains("| 20,156,594 |"), text);
		Matcher m = Pattern.compile("\\*\\*measured peak\\*\\* \\(2n³ / time\\) \\| \\*\\*([0-9.]+) GFLOP/s").matcher(text);
		assertTrue(m.find(), text);
		assertTrue(Double.parseDouble(m.group(1)) > 0);
		Matcher share = Pattern.compile("\\| ([0-9]+) % \\|").matcher(text);
		int shares = 0;
		while (share.find()) shares++;
		assertEquals(3, shares, "share of peak for the three networks");
	}

	private static int cells(String row) {
		return row.split("\\|", -1).length - 2;
	}

	@Test
	void flopsMatchTheLiterature() {
		// Keras VGG19 at 224² with its 4096-4096-1000 top: 19.63 G multiply-adds
		assertEquals(39_264_124_928L, Vgg19Baseline.flops(224, new int[] { 4096, 4096 }, 1000));
		// CNN 16-32-64-96 at 128²: Σ 2·9·cin·cout·H² + 2·96·3
		long cnn = 2L * 9 * (1 * 16 * 128 * 128 + 16 * 32 * 64 * 64 + 32 * 64 * 32 * 32 + 64 * 96 * 16 * 16) + 2 * 96 * 3;
		assertEquals(cnn, BenchCommand.flops(Architecture.cnn(16, 32, 64, 96), 128, 1, 3));
		// U-Net 16-32-64-128 at 128²: encoder, bottleneck, decoder (up conv, 2 convs), 1×1 out
		long unet = 0;
		int[] f = { 16, 32, 64, 128 };
		int cin = 1;
		for (int l = 0; l < 3; l++) {
			long hw = 128 >> l;
			unet += 18L * hw * hw * (cin * f[l] + f[l] * f[l]);
			cin = f[l];
		}
		unet += 18L * 16 * 16 * (64 * 128 + 128 * 128);
		cin = 128;
		for (int l = 2; l >= 0; l--) {
			long hw = 128 >> l;
			unet += 18L * hw * hw * (cin * f[l] + 2 * f[l] * f[l] + f[l] * f[l]);
			cin = f[l];
		}
		unet += 2L * 16 * 3 * 128 * 128;
		assertEquals(unet, BenchCommand.flops(Architecture.unet(16, 32, 64, 128), 128, 1, 3));
	}

	@Test
	void parameterCountsMatchTheBuiltGraphs() {
		for (Architecture a : new Architecture[] { Architecture.cnn(16, 32, 64, 96), Architecture.unet(16, 32, 64,
			128) })
		{
			try (TfTrainingGraph g = new TfTrainingGraph(a, 1, 3, null, 1, 0, 1, null)) {
				assertEquals(g.parameterCount(), BenchCommand.parameters(a, 1, 3), a.type());
			}
		}
	}
}
