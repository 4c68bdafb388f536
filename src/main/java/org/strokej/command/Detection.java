package org.strokej.command;

import java.io.File;
import java.util.Map;
import java.util.WeakHashMap;

import ij.IJ;
import ij.ImagePlus;

import org.scijava.command.ContextCommand;
import org.strokej.core.io.Volume;
import org.strokej.ij1.BatchDetection;
import org.strokej.ij1.DetectionOutputs;
import org.strokej.pipeline.Csv;
import org.strokej.ij1.ImagePlusAdapter;
import org.strokej.pipeline.DetectionResult;
import org.strokej.pipeline.Progress;
import org.strokej.pipeline.StrokeDetector;

/** The shared body of the detect / classify / segment commands. */
final class Detection {

	private static final Map<ContextCommand, DetectionResult> LAST = new WeakHashMap<>();

	private Detection() {}

	/** Runs detection, or cancels the command with the reason and returns null. */
	static DetectionResult run(ContextCommand cmd, ImagePlus input, File modelDir,
		double minVolumeMl, boolean classify, boolean segment)
	{
		return run(cmd, input, modelDir, DetectStrokeCommand.settings(minVolumeMl), classify, segment);
	}

	/** Runs detection with the given settings, or cancels the command and returns null. */
	static DetectionResult run(ContextCommand cmd, ImagePlus input, File modelDir,
		StrokeDetector.Settings settings, boolean classify, boolean segment)
	{
		double minVolumeMl = settings.minVolumeMl();
		if (input == null) {
			cmd.cancel("No image: open a head CT first");
			return null;
		}
		if (input.getNChannels() > 1 || input.getNFrames() > 1) {
			cmd.cancel(input.getTitle() + ": multi-channel or time-lapse images are not supported " +
				"(give one grey stack)");
			return null;
		}
		if (minVolumeMl < 0) {
			cmd.cancel("min_volume_ml must not be negative");
			return null;
		}
		try {
			StrokeDetector d = Models.detector(modelDir, classify, segment);
			Volume v = ImagePlusAdapter.toVolume(input);
			DetectionResult r = d.detect(v, input.getTitle(), settings, statusBar());
			synchronized (LAST) {
				LAST.put(cmd, r);
			}
			return r;
		}
		catch (Exception e) {
			cmd.cancel(input.getTitle() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
				: e.getMessage()));
			return null;
		}
	}

	/**
	 * Writes the runner's files for one image into {@code outputDir} (when given): the label
	 * TIFF, ROI set, overlay PNG, classification.csv and lesions.csv.
	 */
	static void writeOutputs(ContextCommand cmd, DetectionResult r, File outputDir) {
		if (outputDir == null || outputDir.getPath().isEmpty()) return;
		try {
			java.nio.file.Path dir = outputDir.toPath();
			DetectionOutputs.writeImageFiles(r, dir, false);
			if (r.sliceProbabilities() != null) {
				Csv c = DetectionOutputs.classificationTable();
				DetectionOutputs.addClassificationRows(c, r);
				c.write(dir.resolve("classification.csv"));
			}
			if (r.analysis() != null) {
				Csv l = DetectionOutputs.lesionTable();
				DetectionOutputs.addLesionRows(l, r);
				l.write(dir.resolve("lesions.csv"));
			}
		}
		catch (java.io.IOException e) {
			cmd.cancel(outputDir + ": cannot write outputs: " + e.getMessage());
		}
	}

	static DetectionResult last(ContextCommand cmd) {
		synchronized (LAST) {
			return LAST.get(cmd);
		}
	}

	static String summary(DetectionResult r) {
		return BatchDetection.describe(r, 0.5);
	}

	/** Progress on ImageJ's status and progress bars (a no-op headless). */
	static Progress statusBar() {
		return new Progress() {

			@Override
			public void progress(String stage, int done, int total) {
				IJ.showStatus("StrokeJ " + stage + " " + done + "/" + total);
				IJ.showProgress(done, total);
			}

			@Override
			public boolean isCancelled() {
				return IJ.escapePressed();
			}
		};
	}
}
