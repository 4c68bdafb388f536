package org.strokej.ij1;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.strokej.core.io.AtomicFiles;
import org.strokej.core.metrics.Calibration;
import org.strokej.pipeline.Evaluator;
import org.strokej.core.metrics.Roc;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;

/**
 * Evaluation charts drawn with ImageJ 1's {@link Plot} (works headless): ROC curves, reliability
 * diagrams and learning curves, as {@link ImagePlus} or PNG files.
 */
public final class EvaluationPlots {

	private EvaluationPlots() {}

	/** Default image width in pixels. */
	public static final int WIDTH = 600;
	/** Default image height in pixels. */
	public static final int HEIGHT = 450;

	/** Curve colours, in order. */
	private static final Color[] COLORS = { new Color(0, 90, 200), new Color(220, 50, 30),
		new Color(0, 150, 60), new Color(150, 60, 180), new Color(230, 140, 0) };

	// -- Charts --

	/** One ROC curve with its AUC in the legend. */
	public static ImagePlus roc(Roc.Curve curve, String title) {
		return roc(List.of(curve), List.of("ROC"), title);
	}

	/**
	 * Several ROC curves (e.g. one per fold or per model), each labelled with its AUC, and the
	 * chance diagonal.
	 */
	public static ImagePlus roc(List<Roc.Curve> curves, List<String> labels, String title) {
		if (curves.size() != labels.size()) throw new IllegalArgumentException(
			"one label per curve needed");
		Plot plot = newPlot(title, "1 - specificity (false positive rate)",
			"sensitivity (true positive rate)");
		plot.setLimits(0, 1, 0, 1);
		plot.setColor(Color.GRAY);
		plot.drawDottedLine(0, 0, 1, 1, 4);
		StringBuilder legend = new StringBuilder();
		for (int i = 0; i < curves.size(); i++) {
			Roc.Curve c = curves.get(i);
			plot.setColor(COLORS[i % COLORS.length]);
			plot.setLineWidth(2);
			plot.addPoints(c.fpr(), c.tpr(), Plot.LINE);
			legend.append(String.format(Locale.ROOT, "%s (AUC %.3f, n+ %d, n- %d)\n", labels.get(i),
				c.auc(), c.positives(), c.negatives()));
		}
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString().trim(), "bottom-right");
		return image(plot);
	}

	/**
	 * Reliability diagram: observed frequency against mean predicted probability per bin (empty
	 * bins left out), the diagonal of perfect calibration, and grey bars for the share of cases
	 * per bin; the title carries the ECE.
	 */
	public static ImagePlus reliability(Calibration.Reliability r, String title) {
		Plot plot = newPlot(String.format(Locale.ROOT, "%s (ECE %.3f)", title, r.ece()),
			"mean predicted probability", "observed frequency");
		plot.setLimits(0, 1, 0, 1);
		int bins = r.bins();
		long total = 0;
		for (int c : r.counts())
			total += c;
		double[] centre = new double[bins], share = new double[bins];
		for (int b = 0; b < bins; b++) {
			centre[b] = (b + 0.5) / bins;
			share[b] = total == 0 ? 0 : (double) r.counts()[b] / total;
		}
		plot.setColor(new Color(190, 190, 190), new Color(220, 220, 220));
		plot.addPoints(centre, share, Plot.SEPARATED_BAR);
		plot.setColor(Color.GRAY);
		plot.drawDottedLine(0, 0, 1, 1, 4);
		int n = 0;
		for (int c : r.counts())
			if (c > 0) n++;
		double[] x = new double[n], y = new double[n];
		int k = 0;
		for (int b = 0; b < bins; b++)
			if (r.counts()[b] > 0) {
				x[k] = r.meanPredicted()[b];
				y[k++] = r.observed()[b];
			}
		plot.setColor(COLORS[0], COLORS[0]);
		plot.setLineWidth(2);
		plot.addPoints(x, y, Plot.CONNECTED_CIRCLES);
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend("share of cases per bin\nobserved vs predicted (dotted: perfect)", "top-left");
		return image(plot);
	}

	/**
	 * Training and validation loss per epoch (epochs numbered from 1); either array may be null.
	 */
	public static ImagePlus learningCurves(double[] trainLoss, double[] valLoss, String title) {
		if (trainLoss == null && valLoss == null) throw new IllegalArgumentException(
			"no loss values");
		Plot plot = newPlot(title, "epoch", "loss");
		double max = 0;
		int epochs = 0;
		for (double[] l : new double[][] { trainLoss, valLoss })
			if (l != null) {
				epochs = Math.max(epochs, l.length);
				for (double v : l)
					if (Double.isFinite(v)) max = Math.max(max, v);
			}
		plot.setLimits(1, Math.max(2, epochs), 0, max > 0 ? max * 1.05 : 1);
		StringBuilder legend = new StringBuilder();
		if (trainLoss != null) {
			plot.setColor(COLORS[0], COLORS[0]);
			plot.setLineWidth(2);
			plot.addPoints(epochs(trainLoss.length), trainLoss, Plot.CONNECTED_CIRCLES);
			legend.append("training\n");
		}
		if (valLoss != null) {
			plot.setColor(COLORS[1], COLORS[1]);
			plot.setLineWidth(2);
			plot.addPoints(epochs(valLoss.length), valLoss, Plot.CONNECTED_CIRCLES);
			legend.append("validation\n");
		}
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString().trim(), "top-right");
		return image(plot);
	}

	// -- Output --

	/** Writes the image as PNG atomically (temporary file, then rename). */
	public static void savePng(ImagePlus imp, Path file) throws IOException {
		AtomicFiles.write(file, tmp -> {
			if (!new FileSaver(imp).saveAsPng(tmp.toString())) throw new IOException(file +
				": cannot write PNG");
		});
	}

	// -- Helpers --

	private static Plot newPlot(String title, String xLabel, String yLabel) {
		Plot plot = new Plot(title, xLabel, yLabel);
		plot.setSize(WIDTH, HEIGHT);
		plot.setFontSize(14);
		return plot;
	}

	private static ImagePlus image(Plot plot) {
		// the title is not drawn by Plot itself: put it above the frame
		plot.setColor(Color.BLACK);
		plot.setJustification(Plot.CENTER);
		plot.addLabel(0.5, 0, plot.getTitle());
		ImagePlus imp = plot.getImagePlus();
		imp.setTitle(plot.getTitle());
		return imp;
	}

	private static double[] epochs(int n) {
		double[] x = new double[n];
		for (int i = 0; i < n; i++)
			x[i] = i + 1;
		return x;
	}

	/** ROC and reliability plots of p_stroke as PNG. */
	public static void writeClassifierPlots(Evaluator.ClassifierPredictions cp, Path dir)
		throws IOException
	{
		savePng(roc(Evaluator.rocCurve(cp), "ROC: stroke vs normal " +
			"(per slice)"), dir.resolve("roc.png"));
		savePng(reliability(Calibration.reliability(cp.strokeScores(), cp.strokeTruth()),
			"Reliability of p_stroke"), dir.resolve("reliability.png"));
	}
}
