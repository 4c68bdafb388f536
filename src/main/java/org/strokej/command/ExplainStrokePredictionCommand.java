package org.strokej.command;

import java.io.File;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.ij1.ImagePlusAdapter;
import org.strokej.pipeline.Explanations;
import org.strokej.pipeline.StrokeDetector;

/**
 * Plugins › StrokeJ › Explain Stroke Prediction: an occlusion-sensitivity heat map of the slice
 * classifier (how much p_stroke drops when each region is hidden), aligned with the input.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Explain Stroke Prediction",
	headless = true)
public class ExplainStrokePredictionCommand extends ContextCommand {

	@Parameter(label = "Head CT image or stack")
	private ImagePlus input;

	@Parameter(label = "Model folder (empty = bundled classifier)", required = false,
		persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Method", choices = { "occlusion" })
	private String method = "occlusion";

	@Parameter(label = "Patch (fraction of the model input)", min = "0.03", max = "0.5")
	private double patch = 0.125;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus heatmap;

	@Override
	public void run() {
		if (input == null) {
			cancel("No image: open a head CT first");
			return;
		}
		try {
			StrokeDetector d = Models.detector(model_dir, true, false);
			int size = d.classifier().spec().input().height();
			int p = Math.max(2, (int) Math.round(patch * size));
			var heat = Explanations.occlusion(d.classifier(), ImagePlusAdapter.toVolume(input), p, Math
				.max(1, p / 2), Detection.statusBar());
			heatmap = Results.heatmap(heat, input.getTitle() + "-heatmap");
			float max = heat.range()[1];
			heatmap.setDisplayRange(0, max > 0 ? max : 1);
			heatmap.getCalibration().setValueUnit("drop of p_stroke");
		}
		catch (Exception e) {
			cancel(input.getTitle() + ": " + e.getMessage());
		}
	}
}
