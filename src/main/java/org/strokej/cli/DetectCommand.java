package org.strokej.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

import org.strokej.ij1.BatchDetection;
import org.strokej.pipeline.Explanations;
import org.strokej.pipeline.StrokeDetector;

/**
 * {@code detect|classify|segment <image-or-folder> --out <dir>}: the main job. Writes the files
 * of DESIGN.md's runner contract; a folder run goes on past a bad file and exits 1 at the end if
 * any failed.
 */
final class DetectCommand {

	static final String USAGE = String.join("\n", //
		"usage: detect|classify|segment <image-or-folder> --out <dir> [options]", //
		"  --classifier <model-dir>   slice classifier (default: bundled strokej-cnn)", //
		"  --segmenter <model-dir>    lesion segmenter (default: bundled strokej-unet)", //
		"  --min-volume-ml 0.05       drop smaller lesions", //
		"  --threshold <p>            p_stroke threshold (default: the model's)", //
		"  --explain gradcam|occlusion  write <name>_explanation.tif and show it in the overlay", //
		"  --uncertainty slices|pixels|none  test-time augmentation: p_stroke range per slice", //
		"                             (default slices); pixels adds <name>_uncertainty.tif", //
		"  --overwrite                redo images whose outputs exist");

	private DetectCommand() {}

	static int run(String mode, List<String> args, PrintStream out) throws Exception {
		boolean overwrite = args.remove("--overwrite");
		String outDir = Main.option(args, "--out");
		String cls = Main.option(args, "--classifier"), seg = Main.option(args, "--segmenter");
		String minVol = Main.option(args, "--min-volume-ml"), thr = Main.option(args, "--threshold");
		String explain = Main.option(args, "--explain"), unc = Main.option(args, "--uncertainty");
		if (args.size() != 1 || outDir == null) throw new Main.UsageException(USAGE);
		boolean classify = !mode.equals("segment"), segment = !mode.equals("classify");
		StrokeDetector detector = StrokeDetector.load(cls == null ? null : Paths.get(cls), seg == null
			? null : Paths.get(seg), classify, segment);
		StrokeDetector.Settings s = StrokeDetector.Settings.defaults();
		if (minVol != null) s = s.withMinVolumeMl(Double.parseDouble(minVol));
		if (thr != null) s = s.withThreshold(Double.parseDouble(thr));
		try {
			if (explain != null) s = s.withExplanation(Explanations.Method.of(explain));
			if (unc != null) {
				if (!List.of("slices", "pixels", "none").contains(unc)) throw new IllegalArgumentException(
					"--uncertainty must be slices, pixels or none, not '" + unc + "'");
				s = s.withUncertainty(!unc.equals("none"), unc.equals("pixels"));
			}
		}
		catch (IllegalArgumentException e) {
			throw new Main.UsageException(e.getMessage() + "\n" + USAGE);
		}
		if (s.explanation() != null && !classify) throw new Main.UsageException(
			"--explain explains the classifier: use detect or classify");
		Path in = Paths.get(args.get(0));
		List<BatchDetection.Item> items = BatchDetection.list(in);
		BatchDetection.Summary sum = BatchDetection.run(items, detector, s, Paths.get(outDir),
			overwrite, org.strokej.pipeline.Progress.NONE, line -> {
				out.println(line);
				out.flush();
			});
		out.printf(Locale.ROOT, "%d image(s): %d processed, %d skipped, %d failed; outputs in %s%n",
			sum.total(), sum.processed(), sum.skipped(), sum.failed().size(), outDir);
		if (!sum.failed().isEmpty()) throw new java.io.IOException(sum.failed().size() +
			" of " + sum.total() + " image(s) failed (see summary.csv); first: " + sum.failed().get(0));
		return 0;
	}
}
