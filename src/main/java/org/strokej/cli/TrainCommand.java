package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.strokej.ij1.EvaluationPlots;
import org.strokej.pipeline.TrainingJob;

/**
 * {@code train}: trains a classifier or segmenter from real data sets, phantoms and/or a user's
 * CSV, optionally with patient-level k-fold cross-validation first (its report goes to
 * {@code --report}), then the final model on all data into {@code --out}. See {@link TrainingJob}.
 */
final class TrainCommand {

	static final String USAGE = String.join("\n", //
		"usage: train --kind classifier|segmenter --out <model-dir> [options]", //
		"  --data <root>          real data root holding ct-ich/, bhsd/, cpaisd/ (e.g. ../shared/data)", //
		"  --datasets a,b         which of them (default: all present)", //
		"  --labels <csv>         your own slices: image,label[,group][,mask]", //
		"  --phantoms N           add N synthetic phantoms of each kind (none, hemorrhage, ischemia)", //
		"  --phantom-normals N    ... but N normal phantoms instead (default: as --phantoms)", //
		"  --max-negatives N      keep at most N real normal slices that have no mask (segmenter)", //
		"  --oversample-masked K  repeat real slices with lesion masks K times (copies stay with their patient)", //
		"  --size 128             model input size (square)", //
		"  --epochs 12 --batch 16 --lr 0.001 --dropout 0.3 --patience 4 --seed 1", //
		"  --validation 0.15      fraction of patients held out to pick the best epoch and stop early", //
		"                         (0: no hold-out; the last epoch is kept)", //
		"  --folds K              patient-level K-fold cross-validation before the final model", //
		"  --report <dir>         where the cross-validation report goes (default <out>-evaluation)", //
		"  --fine-tune <model>    start from an existing model's weights", //
		"  --name <name>          the model's name in its spec and card (default: the --out folder's name)", //
		"  --filters 16,32,64,128 filters per CNN block / U-Net level", //
		"  --convs 2 --head avgmax  CNN: 3x3 convolutions per block; pooling head avg|avgmax", //
		"  --mask-outside yes     blank everything outside the brain mask before cropping (default no)", //
		"  --context 1            classifier: also see 1 slice on either side (5 mm apart) as channels (default 0)", //
		"  --final no             cross-validate only, train no final model");

	private TrainCommand() {}

	static int run(List<String> args, PrintStream out) throws IOException {
		Map<String, String> o = options(args, USAGE);
		if (!o.containsKey("kind") || !o.containsKey("out")) throw new Main.UsageException(USAGE);
		try {
			TrainingJob.run(o, "java -jar target/strokej.jar train " + String.join(" ", args), logger(
				out), EvaluationPlots::writeClassifierPlots);
		}
		catch (IllegalArgumentException e) {
			throw new Main.UsageException(e.getMessage() + "\n" + USAGE);
		}
		return 0;
	}

	static final String FAMILIARITY_USAGE = String.join("\n", //
		"usage: familiarity --model <classifier-dir> [--data <root>] [--datasets a,b] [--labels <csv>]", //
		"                   [--phantoms N] [--phantom-normals N] [--seed 1]", //
		"  (re)computes the classifier's ood_reference.json from the slices it was trained on");

	/** {@code familiarity}: writes a classifier's familiarity reference. */
	static int familiarity(List<String> args, PrintStream out) throws IOException {
		Map<String, String> o = options(args, FAMILIARITY_USAGE);
		if (!o.containsKey("model")) throw new Main.UsageException(FAMILIARITY_USAGE);
		try {
			TrainingJob.familiarity(o, java.nio.file.Paths.get(o.get("model")), logger(out));
		}
		catch (IllegalArgumentException e) {
			throw new Main.UsageException(e.getMessage() + "\n" + FAMILIARITY_USAGE);
		}
		return 0;
	}

	/** Log lines with the seconds since start. */
	static Consumer<String> logger(PrintStream out) {
		long start = System.nanoTime();
		return s -> {
			out.printf(Locale.ROOT, "[%6.0fs] %s%n", (System.nanoTime() - start) / 1e9, s);
			out.flush();
		};
	}

	/**
	 * {@code --key value} pairs; a key the usage text does not name is refused (a mistyped
	 * {@code --epoch 20} must not silently train with the default).
	 */
	static Map<String, String> options(List<String> args, String usage) {
		java.util.Set<String> known = new java.util.TreeSet<>();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("--([a-z][a-z-]*)").matcher(usage);
		while (m.find())
			known.add(m.group(1));
		Map<String, String> o = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (!a.startsWith("--")) throw new Main.UsageException("unexpected argument '" + a + "'\n" +
				usage);
			String key = a.substring(2);
			if (!known.contains(key)) throw new Main.UsageException("unknown option " + a + closest(key, known) +
				"\n" + usage);
			if (i + 1 >= args.size()) throw new Main.UsageException(a + " needs a value");
			if (o.put(key, args.get(++i)) != null) throw new Main.UsageException(a + " given twice");
		}
		return o;
	}

	/** " (did you mean --x?)" for the known option nearest to a mistyped one, or "". */
	private static String closest(String key, java.util.Set<String> known) {
		String best = null;
		int bestD = Integer.MAX_VALUE;
		for (String k : known) {
			int d = editDistance(key, k);
			if (d < bestD) {
				bestD = d;
				best = k;
			}
		}
		return best != null && bestD <= Math.max(2, key.length() / 3) ? " (did you mean --" + best + "?)" : "";
	}

	private static int editDistance(String a, String b) {
		int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			prev[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++)
				cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0
					: 1));
			int[] t = prev;
			prev = cur;
			cur = t;
		}
		return prev[b.length()];
	}

}
