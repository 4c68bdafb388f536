package org.strokej.command;

import java.io.File;
import java.util.List;

import ij.IJ;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.ij1.BatchDetection;
import org.strokej.pipeline.StrokeDetector;

/**
 * Plugins › StrokeJ › Batch Detect Stroke: every scan in a folder (DICOM series folders, NIfTI,
 * PNG/JPEG/TIFF), outputs written as files; a bad file is logged and skipped, finished files are
 * skipped on a re-run unless {@code overwrite}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Batch Detect Stroke",
	headless = true)
public class BatchDetectStrokeCommand extends ContextCommand {

	@Parameter(label = "Input folder", style = "directory", persist = false)
	private File input_dir;

	@Parameter(label = "Output folder", style = "directory", persist = false)
	private File output_dir;

	@Parameter(label = "Model folder (empty = bundled models)", required = false,
		persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Smallest lesion (mL)", min = "0")
	private double min_volume_ml = 0.05;

	@Parameter(label = "Redo images already done")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT)
	private String summary;

	@Override
	public void run() {
		if (input_dir == null || !input_dir.isDirectory()) {
			cancel("input_dir is not a folder: " + input_dir);
			return;
		}
		if (output_dir == null) {
			cancel("output_dir is required");
			return;
		}
		if (output_dir.getAbsoluteFile().equals(input_dir.getAbsoluteFile())) {
			cancel("output_dir must differ from input_dir (inputs are never modified)");
			return;
		}
		try {
			StrokeDetector d = Models.detector(model_dir, true, true);
			List<BatchDetection.Item> items = BatchDetection.list(input_dir.toPath());
			BatchDetection.Summary s = BatchDetection.run(items, d, DetectStrokeCommand.settings(
				min_volume_ml), output_dir.toPath(), overwrite, Detection.statusBar(), IJ::log);
			summary = s.processed() + " processed, " + s.skipped() + " skipped, " + s.failed().size() +
				" failed of " + s.total() + "; " + new File(output_dir, "summary.csv");
			IJ.log("StrokeJ batch: " + summary);
		}
		catch (Exception e) {
			cancel(input_dir + ": " + e.getMessage());
		}
	}
}
