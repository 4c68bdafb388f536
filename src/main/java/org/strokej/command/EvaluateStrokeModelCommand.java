package org.strokej.command;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.IJ;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.ij1.EvaluationPlots;
import org.strokej.pipeline.EvaluationJob;

/**
 * Plugins › StrokeJ › Evaluate Stroke Model: metrics of a model on labelled slices (AUC with
 * CI, sensitivity/specificity, calibration, Dice), written as metrics.json, predictions.csv and
 * plots; the same job as the runner's {@code evaluate}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Evaluate Stroke Model",
	headless = true)
public class EvaluateStrokeModelCommand extends ContextCommand {

	@Parameter(label = "Model folder", persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Labelled slices (CSV: image,label[,group][,mask])", required = false,
		persist = false, style = "extensions:csv")
	private File labels;

	@Parameter(label = "Real data root (optional)", required = false, persist = false,
		style = "directory")
	private File data_dir;

	@Parameter(label = "Data sets in the root", required = false)
	private String datasets = "ct-ich";

	@Parameter(label = "Output folder", persist = false, style = "directory")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT)
	private String summary;

	@Override
	public void run() {
		if (model_dir == null || output_dir == null) {
			cancel("model_dir and output_dir are required");
			return;
		}
		if (labels == null && data_dir == null) {
			cancel("no evaluation data: give labels and/or data_dir");
			return;
		}
		Map<String, String> o = new LinkedHashMap<>();
		o.put("model", model_dir.getPath());
		o.put("out", output_dir.getPath());
		if (labels != null) o.put("labels", labels.getPath());
		if (data_dir != null) {
			o.put("data", data_dir.getPath());
			o.put("datasets", datasets);
		}
		try {
			EvaluationJob.run(o, IJ::log, EvaluationPlots::writeClassifierPlots);
			summary = "metrics written to " + new File(output_dir, "metrics.json");
			IJ.log("StrokeJ: " + summary);
		}
		catch (Exception e) {
			cancel(model_dir + ": " + e.getMessage());
		}
	}
}
