package org.strokej.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.strokej.ij1.EvaluationPlots;
import org.strokej.pipeline.EvaluationJob;

/** {@code evaluate --model <dir> --out <dir> <data options>}: see {@link EvaluationJob}. */
final class EvaluateCommand {

	static final String USAGE = String.join("\n", //
		"usage: evaluate --model <model-dir> --out <dir> [--data <root> --datasets a,b] " +
			"[--labels <csv>] [--phantoms N --phantom-normals N --seed S]", //
		"  metrics: slice and patient ROC AUC with bootstrap 95 % CI, sensitivity/specificity/PPV/NPV,", //
		"  confusion matrix, Brier score and reliability (classifiers); Dice/IoU per class (segmenters)");

	private EvaluateCommand() {}

	static int run(List<String> args, PrintStream out) throws Exception {
		Map<String, String> o = TrainCommand.options(args, USAGE);
		if (!o.containsKey("model") || !o.containsKey("out")) throw new Main.UsageException(USAGE);
		EvaluationJob.run(o, TrainCommand.logger(out), EvaluationPlots::writeClassifierPlots);
		return 0;
	}
}
