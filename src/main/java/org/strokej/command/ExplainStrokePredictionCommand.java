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
 * Plugins › StrokeJ › Explain Stroke Prediction: a heat map of what drives the slice classifier's
 * stroke call, aligned with the input: Grad-CAM (gradients of the stroke log-odds through the
 * network, one pass per slice) or occlusion sensitivity (how much p_stroke drops when each region
 * is hidden; any classifier, slower). Values are in the method's own units, display range 0–max.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Explain Stroke Prediction",
	headless = true)
public class ExplainStrokePredictionCommand extends ContextCommand {

	@Parameter(label = "Head CT image or stack")
	private ImagePlus input;

	@Parameter(label = "Model folder (empty = bundled classifier)", required = false,
		persist = false, style = "directory")
	private File model_dir;

	@Parameter(label = "Method", choices = { "gradcam", "occlusion" })
	private String method = "gradcam";

	@Parameter(label = "Occlusion patch (fraction of the model input)", min = "0.03", max = "0.5")
	private double patch = 0.125;

	@Parameter(label = "Show it as an overlay on the input")
	private boolean show_overlay = true;

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
			var in = ImagePlusAdapter.toVolume(input);
			boolean occlusion = Explanations.Method.of(method) == Explanations.Method.OCCLUSION;
			var heat = occlusion ? Explanations.occlusion(d.classifier(), in, p, Math.max(1, p / 2), Detection
				.statusBar()) : Explanations.gradCam(d.classifier(), in, Detection.statusBar());
			heatmap = Results.heatmap(heat, input.getTitle() + "-" + method);
			float max = heat.range()[1];
			heatmap.setDisplayRange(0, max > 0 ? max : 1);
			heatmap.getCalibration().setValueUnit(occlusion ? "drop of p_stroke" : "Grad-CAM (stroke log-odds)");
			if (show_overlay) Results.addHeatOverlay(input, Explanations.normalizedPerSlice(heat));
		}
		catch (Exception e) {
			cancel(input.getTitle() + ": " + e.getMessage());
		}
	}
}
