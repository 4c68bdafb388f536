package org.strokej.command;

import java.io.File;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.pipeline.DetectionResult;

/** Plugins › StrokeJ › Classify Stroke Slices: per-slice probabilities as a results table. */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Classify Stroke Slices",
	headless = true)
public class ClassifyStrokeSlicesCommand extends ContextCommand {

	@Parameter(label = "Head CT image or stack")
	private ImagePlus input;

	@Parameter(label = "Model folder (empty = bundled classifier)", required = false,
		persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Also write result files to (optional)", required = false,
		persist = false, style = "directory")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable slices;

	@Parameter(type = ItemIO.OUTPUT)
	private String summary;

	@Override
	public void run() {
		DetectionResult r = Detection.run(this, input, model_dir, 0, true, false);
		if (r == null) return;
		slices = Results.sliceTable(r);
		summary = Detection.summary(r);
		if (!isCanceled()) Detection.writeOutputs(this, r, output_dir);
	}
}
