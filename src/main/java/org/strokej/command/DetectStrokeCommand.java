package org.strokej.command;

import java.io.File;

import ij.ImagePlus;
import ij.IJ;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.ij1.LabelImages;
import org.strokej.pipeline.DetectionResult;
import org.strokej.pipeline.Explanations;
import org.strokej.pipeline.StrokeDetector;

/**
 * Plugins › StrokeJ › Detect Stroke: classifies every slice and segments the lesions of the
 * input image or stack; outputs a label image, a lesion-probability heat map, lesion and slice
 * tables, and lesion ROIs as an overlay on the input.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Detect Stroke",
	headless = true)
public class DetectStrokeCommand extends ContextCommand {

	@Parameter(label = "Head CT image or stack")
	private ImagePlus input;

	@Parameter(label = "Model folder (empty = bundled models)", required = false,
		persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Smallest lesion (mL)", min = "0")
	private double min_volume_ml = 0.05;

	@Parameter(label = "Show lesion ROIs")
	private boolean show_rois = true;

	@Parameter(label = "Lesion-probability heat map")
	private boolean heatmap = true;

	@Parameter(label = "Explain the classifier's call", choices = { "none", "gradcam", "occlusion" })
	private String explain = "none";

	@Parameter(label = "Uncertainty (test-time augmentation)", choices = { "slices", "slices and pixels",
		"none" })
	private String uncertainty = "slices";

	@Parameter(label = "Also write result files to (optional)", required = false,
		persist = false, style = "directory")
	private File output_dir;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus heatmap_image;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus explanation_image;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus uncertainty_image;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable lesions;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable slices;

	@Parameter(type = ItemIO.OUTPUT)
	private String summary;

	@Override
	public void run() {
		StrokeDetector.Settings s;
		try {
			s = settings(min_volume_ml).withUncertainty(!"none".equals(uncertainty), uncertainty.contains(
				"pixels")).withExplanation("none".equals(explain) ? null : Explanations.Method.of(explain));
		}
		catch (IllegalArgumentException e) {
			cancel(e.getMessage());
			return;
		}
		DetectionResult r = Detection.run(this, input, model_dir, s, true, true);
		if (r == null) return;
		labels = LabelImages.toImagePlus(r.labels(), input.getTitle() + "-labels");
		if (heatmap) heatmap_image = Results.heatmap(r.lesionProbability(), input
			.getTitle() + "-heatmap");
		if (r.explanation() != null) {
			explanation_image = Results.heatmap(r.explanation(), input.getTitle() + "-" + explain);
			explanation_image.getCalibration().setValueUnit("relative evidence for stroke");
		}
		if (r.lesionUncertainty() != null) {
			uncertainty_image = Results.heatmap(r.lesionUncertainty(), input.getTitle() + "-uncertainty");
			uncertainty_image.getCalibration().setValueUnit("SD of lesion probability");
			uncertainty_image.setDisplayRange(0, 0.5);
		}
		lesions = Results.lesionTable(r);
		slices = Results.sliceTable(r);
		if (show_rois) Results.showRois(r, input);
		// the explanation, else the lesion probability, as a semi-transparent overlay under the outlines
		Results.addHeatOverlay(input, r.explanation() != null ? Explanations.normalizedPerSlice(r.explanation())
			: heatmap ? r.lesionProbability() : null);
		summary = Detection.summary(r);
		IJ.showStatus("StrokeJ: " + summary);
		if (!isCanceled()) Detection.writeOutputs(this, r, output_dir);
	}

	/** For tests and scripts. */
	public DetectionResult lastResult() { return Detection.last(this); }

	static StrokeDetector.Settings settings(double minVolume) {
		return StrokeDetector.Settings.defaults().withMinVolumeMl(minVolume);
	}
}
