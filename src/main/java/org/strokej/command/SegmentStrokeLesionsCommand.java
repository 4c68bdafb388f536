package org.strokej.command;

import java.io.File;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.ij1.LabelImages;
import org.strokej.pipeline.DetectionResult;

/**
 * Plugins › StrokeJ › Segment Stroke Lesions: a label image (0 background, 1 hemorrhage,
 * 2 ischemia), lesion ROIs on the input and a lesion table with volumes in mL.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Segment Stroke Lesions",
	headless = true)
public class SegmentStrokeLesionsCommand extends ContextCommand {

	@Parameter(label = "Head CT image or stack")
	private ImagePlus input;

	@Parameter(label = "Model folder (empty = bundled segmenter)", required = false,
		persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Smallest lesion (mL)", min = "0")
	private double min_volume_ml = 0.05;

	@Parameter(label = "Show lesion ROIs")
	private boolean show_rois = true;

	@Parameter(label = "Also write result files to (optional)", required = false,
		persist = false, style = "directory")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable lesions;

	@Override
	public void run() {
		DetectionResult r = Detection.run(this, input, model_dir, min_volume_ml, false, true);
		if (r == null) return;
		labels = LabelImages.toImagePlus(r.labels(), input.getTitle() + "-labels");
		lesions = Results.lesionTable(r);
		if (show_rois) Results.showRois(r, input);
		if (!isCanceled()) Detection.writeOutputs(this, r, output_dir);
	}
}
