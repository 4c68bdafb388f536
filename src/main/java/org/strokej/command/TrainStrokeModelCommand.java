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
import org.strokej.model.TrainingResult;
import org.strokej.pipeline.TrainingJob;

/**
 * Plugins › StrokeJ › Train Stroke Model: trains or fine-tunes a slice classifier or lesion
 * segmenter from a CSV of labelled slices (and/or phantoms), with optional patient-level
 * cross-validation; the same job as the runner's {@code train}. Progress goes to the Log window.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Train Stroke Model", headless = true)
public class TrainStrokeModelCommand extends ContextCommand {

	@Parameter(label = "Model kind", choices = { "classifier", "segmenter" })
	private String kind = "classifier";

	@Parameter(label = "Labelled slices (CSV: image,label[,group][,mask])", required = false,
		persist = false, style = "extensions:csv")
	private File labels;

	@Parameter(label = "Real data root (ct-ich/, bhsd/, cpaisd/; optional)", required = false,
		persist = false, style = "directory")
	private File data_dir;

	@Parameter(label = "Phantoms per class", min = "0")
	private int phantoms = 0;

	@Parameter(label = "Output model folder (new)", persist = false, style = "directory")
	private File output_dir;

	@Parameter(label = "Fine-tune from model (optional)", required = false, persist = false,
		style = "directory")
	private File fine_tune_from;

	@Parameter(label = "Input size", min = "32")
	private int size = 128;

	@Parameter(label = "Context slices on either side (classifier; 0 = the slice alone)", min = "0", max = "3")
	private int context_slices = 0;

	@Parameter(label = "Epochs", min = "1")
	private int epochs = 12;

	@Parameter(label = "Cross-validation folds (0 = none)", min = "0")
	private int folds = 0;

	@Parameter(label = "Seed")
	private long seed = 1;

	@Parameter(type = ItemIO.OUTPUT)
	private String summary;

	@Override
	public void run() {
		if (output_dir == null) {
			cancel("output_dir is required");
			return;
		}
		if (labels == null && data_dir == null && phantoms == 0) {
			cancel("no training data: give labels, data_dir and/or phantoms");
			return;
		}
		Map<String, String> o = new LinkedHashMap<>();
		o.put("kind", kind);
		o.put("out", output_dir.getPath());
		if (labels != null) o.put("labels", labels.getPath());
		if (data_dir != null) o.put("data", data_dir.getPath());
		if (phantoms > 0) o.put("phantoms", "" + phantoms);
		if (fine_tune_from != null) o.put("fine-tune", fine_tune_from.getPath());
		o.put("size", "" + size);
		o.put("epochs", "" + epochs);
		if (context_slices > 0) o.put("context", "" + context_slices);
		o.put("folds", "" + folds);
		o.put("seed", "" + seed);
		if (kind.equals("segmenter")) o.put("max-negatives", "200");
		StringBuilder cmd = new StringBuilder("run(\"Train Stroke Model\", \"");
		o.forEach((k, v) -> cmd.append(k).append('=').append(v).append(' '));
		try {
			TrainingResult r = TrainingJob.run(o, cmd.toString().trim() + "\");", IJ::log,
				EvaluationPlots::writeClassifierPlots);
			summary = "model written to " + r.modelDir() + " (best epoch " + (r.bestEpoch() + 1) + ")";
			IJ.log("StrokeJ: " + summary);
		}
		catch (Exception e) {
			cancel(output_dir + ": " + e.getMessage());
		}
	}
}
