package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.strokej.core.io.Folders;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.phantom.Phantoms;
import org.strokej.ij1.BatchDetection;

import org.strokej.pipeline.Progress;
import org.strokej.pipeline.StrokeDetector;

/**
 * {@code bench --batch N}: memory over a long batch. Writes N 2D phantom slices (256², brain
 * window PNG) to a temporary folder, runs the batch detector over them with the bundled (or
 * {@code --models}) models, and reports RSS along the way: it must stay bounded, not grow with N.
 */
final class LongBatchBench {

	private LongBatchBench() {}

	static int run(int n, String models, PrintStream out) throws Exception {
		Path tmp = Files.createTempDirectory("strokej-batch-bench");
		try {
			Path in = Files.createDirectories(tmp.resolve("in")), outDir = tmp.resolve("out");
			LesionKind[] kinds = { LesionKind.NONE, LesionKind.HEMORRHAGE, LesionKind.ISCHEMIA };
			long t0 = System.nanoTime();
			IntStream.range(0, n).parallel().forEach(i -> {
				Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(256, 256, 1).seed(i)
					.lesions(kinds[i % 3], 1).build());
				try {
					Phantoms.toWindowedPng(p.hu(), 0, 40, 80, in.resolve(String.format("s%05d.png", i)));
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			});
			out.printf(Locale.ROOT, "bench: wrote %d slices in %.0f s%n", n, (System.nanoTime() - t0) /
				1e9);
			StrokeDetector d = models == null ? StrokeDetector.load(null, null, true, true)
				: StrokeDetector.load(Paths.get(models, "strokej-cnn"), Paths.get(models, "strokej-unet"),
					true, true);
			List<BatchDetection.Item> items = BatchDetection.list(in);
			long[] rss = new long[5];
			int[] done = { 0 };
			long t1 = System.nanoTime();
			BatchDetection.run(items, d, StrokeDetector.Settings.defaults(), outDir, false,
				Progress.NONE, line -> {
					done[0]++;
					try {
						long r = BenchCommand.status("VmRSS") >> 10;
						int q = Math.min(4, done[0] * 4 / n);
						if (done[0] == 100 || done[0] == n / 4 || done[0] == n / 2 || done[0] == 3 * n / 4 ||
							done[0] == n) rss[q] = r;
					}
					catch (IOException e) {
						// no /proc: no figure
					}
				});
			double sec = (System.nanoTime() - t1) / 1e9;
			long hwm = BenchCommand.status("VmHWM") >> 10;
			String table = String.format(Locale.ROOT,
				"| images (256² PNG) | time | per image | RSS after 100 | at 1/4 | 1/2 | 3/4 | end | peak RSS (VmHWM) |%n" +
					"|---|---|---|---|---|---|---|---|---|%n" +
					"| %d | %.0f s | %.0f ms | %d MB | %d MB | %d MB | %d MB | %d MB | %d MB |%n", n, sec, 1000 *
						sec / n, rss[0], rss[1], rss[2], rss[3], rss[4], hwm);
			out.print(table);
			return 0;
		}
		finally {
			Folders.deleteTree(tmp);
		}
	}
}
