package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;

import org.strokej.core.io.DicomSeriesWriter;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.NiftiWriter;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.ij1.DetectionOutputs;
import org.strokej.model.Architecture;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Predictors;
import org.strokej.model.tf.MatMulPeak;
import org.strokej.model.tf.TfEnvironment;
import org.strokej.model.tf.TfModels;
import org.strokej.model.tf.TfPredictor;
import org.strokej.model.tf.TfTrainingGraph;
import org.strokej.model.tf.Vgg19Baseline;
import org.strokej.pipeline.BundledModels;
import org.strokej.pipeline.Csv;
import org.strokej.pipeline.DetectionResult;
import org.strokej.pipeline.Progress;
import org.strokej.pipeline.StrokeDetector;
import org.strokej.pipeline.Trainer;

/**
 * {@code bench [--quick|--tiny] [--out report.md] [--models <dir>] [--random-models]}: timings of
 * this machine in one JVM, printed as Markdown tables: (1) the CPU's measured float32 peak (a
 * TensorFlow MatMul), (2) per-slice latency, throughput, FLOPs and share of peak of the original
 * VGG19 design (random weights) against StrokeJ's classifier and U-Net, (3) the end-to-end budget
 * of a 512×512×40 HU phantom (read → detect → lesion analysis → write all outputs), cold and
 * warm, with peak RSS and heap, (4) scaling with the number and size of slices, (5) RSS over many
 * inferences. Not a test: numbers depend on the machine and its load.
 */
final class BenchCommand {

	static final String USAGE = String.join("\n", //
		"usage: bench [--quick | --tiny] [--out <report.md>] [--models <dir>] [--random-models]", //
		"  --quick          fewer repetitions and sizes (a few minutes)", //
		"  --batch N        only: RSS along a batch of N 2D phantom images (e.g. 2000)", //
		"  --tiny           64-pixel phantoms, small networks: only checks the harness (seconds)", //
		"  --models <dir>   folder holding strokej-cnn/ and strokej-unet/ (default: the bundled ones)", //
		"  --random-models  same-architecture models with random weights instead of the bundled ones");

	private BenchCommand() {}

	/** Sizes and repetitions of one benchmark run. */
	record Plan(String name, int peakN, int peakWarm, int peakReps, int netWarm, int netReps, int[] batches,
		int vggSize, int[] vggDense, int[] vggReps, int modelSize, int volumeSize, int volumeSlices, int warmRuns,
		int[] scaleSlices, int bigSize, int classifierLoops, int segmenterLoops)
	{
		static Plan full() {
			return new Plan("full", 2048, 3, 9, 3, 20, new int[] { 1, 4, 16 }, 240, new int[] { 4608, 1152 },
				new int[] { 5, 3, 2 }, 128, 512, 40, 3, new int[] { 10, 40, 160 }, 1024, 1000, 200);
		}

		static Plan quick() {
			return new Plan("quick", 2048, 1, 3, 2, 5, new int[] { 1, 4 }, 240, new int[] { 4608, 1152 }, new int[] { 2,
				1 }, 128, 512, 40, 1, new int[] { 10, 40 }, 1024, 200, 40);
		}

		static Plan tiny() {
			return new Plan("tiny", 256, 1, 3, 1, 3, new int[] { 1, 4 }, 64, new int[] { 64, 16 }, new int[] { 2, 1 },
				64, 64, 4, 1, new int[] { 2, 4 }, 128, 10, 5);
		}
	}

	static int run(List<String> args, PrintStream out) throws Exception {
		String batch = Main.option(args, "--batch");
		if (batch != null) return LongBatchBench.run(Integer.parseInt(batch), Main.option(args,
			"--models"), out);
		boolean quick = args.remove("--quick"), tiny = args.remove("--tiny");
		boolean random = args.remove("--random-models") || tiny;
		String outFile = Main.option(args, "--out"), models = Main.option(args, "--models");
		if (!args.isEmpty()) throw new Main.UsageException("unexpected " + args + "\n" + USAGE);
		Plan plan = tiny ? Plan.tiny() : quick ? Plan.quick() : Plan.full();
		Path tmp = Files.createTempDirectory("strokej-bench");
		List<Path> loaded = new ArrayList<>();
		try {
			String md = new BenchCommand.Run(plan, tmp, out).all(models, random, loaded);
			out.println();
			out.print(md);
			if (outFile != null) {
				Path f = Paths.get(outFile).toAbsolutePath();
				Files.createDirectories(f.getParent());
				org.strokej.core.io.AtomicFiles.write(f, t -> Files.writeString(t, md, StandardCharsets.UTF_8));
				out.println("table written to " + f);
			}
			return 0;
		}
		finally {
			for (Path p : loaded) Predictors.close(p);
			org.strokej.core.io.Folders.deleteTree(tmp);
		}
	}

	// -- One run --

	private static final class Run {

		private final Plan plan;
		private final Path tmp;
		private final PrintStream log;
		private final StringBuilder md = new StringBuilder();
		private final List<String[]> targets = new ArrayList<>();
		private boolean hwmResettable = true;

		Run(Plan plan, Path tmp, PrintStream log) {
			this.plan = plan;
			this.tmp = tmp;
			this.log = log;
		}

		String all(String modelsDir, boolean random, List<Path> loaded) throws Exception {
			String load = firstLine(Paths.get("/proc/loadavg"));
			long t0 = System.nanoTime();
			String tfVersion = TfEnvironment.version();
			double tfInit = sec(t0);
			progress("TensorFlow %s native init %.2f s; load average %s", tfVersion, tfInit, load);

			// -- Inputs --
			int n = plan.volumeSize(), nz = plan.volumeSlices();
			long p0 = System.nanoTime();
			Phantom ph = PhantomGenerator.generate(PhantomSettings.builder().size(n, n, nz).seed(7).lesions(
				LesionKind.HEMORRHAGE, 2).build());
			Volume hu = ph.hu();
			Path nii = tmp.resolve("phantom.nii.gz"), dcm = tmp.resolve("phantom-dicom");
			NiftiWriter.write(hu, nii, NiftiWriter.DataKind.INT16);
			DicomSeriesWriter.write(hu, dcm, "StrokeJ bench phantom");
			progress("phantom %d×%d×%d generated and written (NIfTI + DICOM) in %.1f s", n, n, nz, sec(p0));

			// -- Models --
			Path cls = null, seg = null;
			String origin;
			if (!random) {
				try {
					cls = modelsDir != null ? Paths.get(modelsDir, BundledModels.CLASSIFIER) : BundledModels.classifier();
					seg = modelsDir != null ? Paths.get(modelsDir, BundledModels.SEGMENTER) : BundledModels.segmenter();
					if (!Files.isRegularFile(cls.resolve(ModelSpec.FILE_NAME)) || !Files.isRegularFile(seg.resolve(
						ModelSpec.FILE_NAME))) cls = seg = null;
				}
				catch (IOException e) {
					cls = seg = null;
				}
			}
			double export = 0;
			if (cls == null) {
				long e0 = System.nanoTime();
				cls = randomModel(Trainer.Kind.CLASSIFIER, plan.modelSize(), tmp.resolve("random-cnn"));
				seg = randomModel(Trainer.Kind.SEGMENTER, plan.modelSize(), tmp.resolve("random-unet"));
				export = sec(e0);
				origin = "random weights";
				progress("no bundled models used: exported random-weight models in %.1f s", export);
			}
			else origin = "bundled";
			loaded.add(cls);
			loaded.add(seg);

			// -- 3. End to end (first, so that "cold" is the JVM's first model load) --
			StringBuilder e2e = new StringBuilder();
			e2e.append(String.format(Locale.ROOT, "### 3. End to end: %d×%d×%d HU phantom (%s models)%n%n", n, n, nz,
				origin));
			e2e.append("| run | model load (s) | read (s) | classify (s) | segment (s) | lesion analysis (s) | " +
				"write outputs (s) | total (s) | peak RSS (MB) | peak heap (MB) |\n");
			e2e.append("|---|---|---|---|---|---|---|---|---|---|\n");
			resetPeaks();
			long l0 = System.nanoTime();
			StrokeDetector det = StrokeDetector.load(cls, seg, true, true);
			double loadS = sec(l0);
			E2e cold = endToEnd(nii, det, "cold");
			long coldHwm = hwmMb();
			e2e.append(row("cold, NIfTI (incl. model load; + " + fmt(tfInit, 2) + " s TF native init before)", loadS,
				cold, coldHwm, heapPeakMb(), loadS + cold.total()));
			List<E2e> warm = new ArrayList<>(), warmDicom = new ArrayList<>();
			long warmHwm = 0, warmHeap = 0, dicomHwm = 0, dicomHeap = 0;
			for (int i = 0; i < plan.warmRuns(); i++) {
				resetPeaks();
				warm.add(endToEnd(nii, det, "warm" + i));
				warmHwm = Math.max(warmHwm, hwmMb());
				warmHeap = Math.max(warmHeap, heapPeakMb());
			}
			for (int i = 0; i < plan.warmRuns(); i++) {
				resetPeaks();
				warmDicom.add(endToEnd(dcm, det, "dicom" + i));
				dicomHwm = Math.max(dicomHwm, hwmMb());
				dicomHeap = Math.max(dicomHeap, heapPeakMb());
			}
			E2e w = E2e.median(warm), wd = E2e.median(warmDicom);
			e2e.append(row("warm, NIfTI (median of " + warm.size() + ")", Double.NaN, w, warmHwm, warmHeap, w.total()));
			e2e.append(row("warm, DICOM series (median of " + warmDicom.size() + ")", Double.NaN, wd, dicomHwm, dicomHeap,
				wd.total()));
			e2e.append(String.format(Locale.ROOT, "%nLesions found: %d (warm run). Java max heap %d MB. Peak RSS is " +
				"VmHWM of the whole JVM%s.%n%n", w.lesions(), Runtime.getRuntime().maxMemory() >> 20, hwmResettable
					? ", reset before each run through /proc/self/clear_refs" : " (could not be reset: cumulative)"));
			{
				PreprocessPipeline cp = PreprocessPipeline.fromJson(det.classifier().spec().preprocessingJson());
				PreprocessPipeline sp = PreprocessPipeline.fromJson(det.segmenter().spec().preprocessingJson());
				Volume mid = StrokeDetector.slice(org.strokej.pipeline.Spacings.withNominal(hu), nz / 2);
				// the classifier's input: the slice with its context slices, if the model has any
				Volume midContext = org.strokej.pipeline.SliceContext.around(org.strokej.pipeline.Spacings.withNominal(hu),
					nz / 2, det.classifier().spec().input().contextSlices());
				// warm both up before timing either: the one timed first otherwise pays for JIT tiers
				// (measured 30 vs 9 ms for the same pipeline)
				time(() -> cp.run(midContext), 0, 10);
				time(() -> sp.run(mid), 0, 10);
				double pc = median(time(() -> cp.run(midContext), 2, 2 * plan.netReps()));
				double ps = median(time(() -> sp.run(mid), 2, 2 * plan.netReps()));
				e2e.append(String.format(Locale.ROOT, "Preprocessing one %d² slice (median): classifier pipeline %.1f ms, " +
					"segmenter pipeline %.1f ms; the pipelines are %s, and the detector runs each once per slice.%n%n", n, 1000 *
						pc, 1000 * ps, cp.toJson().equals(sp.toJson()) ? "identical" : "different"));
			}
			boolean full512 = n == 512 && nz == 40;
			double coldTotal = tfInit + loadS + cold.total();
			targets.add(new String[] { "warm end to end 512×512×40 ≤ 5 s", fmt(w.total(), 2) + " s", full512 ? yes(w
				.total() <= 5) : "n/a (size)" });
			targets.add(new String[] { "cold end to end ≤ 15 s (TF init + model load + run)", fmt(coldTotal, 2) + " s",
				full512 ? yes(coldTotal <= 15) : "n/a (size)" });
			long peakRss = Math.max(coldHwm, Math.max(warmHwm, dicomHwm));
			targets.add(new String[] { "peak RSS ≤ 1.5 GB (end to end)", peakRss + " MB", yes(peakRss <= 1536) });

			// -- 4. Scaling --
			StringBuilder sc = new StringBuilder(String.format(Locale.ROOT,
				"### 4. Scaling (read → detect → write; best of %d run(s) each)%n%n| input | total (s) | per slice (ms) | " +
					"detect per slice (ms) | peak RSS (MB) |%n|---|---|---|---|---|%n", Math.min(2, plan.warmRuns())));
			List<double[]> perSlice = new ArrayList<>();
			int scaleRuns = Math.min(2, plan.warmRuns());
			for (int s : plan.scaleSlices()) {
				Volume v = cycle(hu, s);
				Path f = tmp.resolve("scale-" + s + ".nii.gz");
				NiftiWriter.write(v, f, NiftiWriter.DataKind.INT16);
				E2e r = null;
				long hwm = 0;
				for (int i = 0; i < scaleRuns; i++) { // the first run of a new slice count meets new batch shapes
					resetPeaks();
					E2e ri = endToEnd(f, det, "scale" + s + "-" + i);
					hwm = Math.max(hwm, hwmMb());
					if (r == null || ri.total() < r.total()) r = ri;
				}
				perSlice.add(new double[] { s, r.total() / s });
				sc.append(String.format(Locale.ROOT, "| %d×%d×%d | %.2f | %.0f | %.0f | %d |%n", n, n, s, r.total(), 1000 * r
					.total() / s, 1000 * (r.classify() + r.segment() + r.lesionAnalysis()) / s, hwm));
				Files.deleteIfExists(f);
			}
			{
				int b = plan.bigSize();
				Volume big = PhantomGenerator.generate(PhantomSettings.builder().size(b, b, 1).seed(8).lesions(
					LesionKind.HEMORRHAGE, 1).build()).hu();
				Path f = tmp.resolve("big.nii.gz");
				NiftiWriter.write(big, f, NiftiWriter.DataKind.INT16);
				E2e r = null;
				for (int i = 0; i < scaleRuns; i++) {
					resetPeaks();
					E2e ri = endToEnd(f, det, "big-" + i);
					if (r == null || ri.total() < r.total()) r = ri;
				}
				sc.append(String.format(Locale.ROOT, "| %d×%d×1 | %.2f | %.0f | %.0f | %d |%n", b, b, r.total(), 1000 * r
					.total(), 1000 * (r.classify() + r.segment() + r.lesionAnalysis()), hwmMb()));
			}
			double first = perSlice.get(0)[1], last = perSlice.get(perSlice.size() - 1)[1];
			double growth = last / first;
			sc.append(String.format(Locale.ROOT, "%nPer-slice time at %.0f slices / at %.0f slices: %.2f (1 = linear).%n%n",
				perSlice.get(perSlice.size() - 1)[0], perSlice.get(0)[0], growth));
			targets.add(new String[] { "linear scaling (per-slice time at most slices / at fewest ≤ 1.25)", fmt(growth,
				2), yes(growth <= 1.25) });

			// -- 5. Memory stability --
			StringBuilder mem = new StringBuilder(String.format(Locale.ROOT,
				"### 5. Memory stability (every tensor closed)%n%n| loop | RSS before (MB) | RSS after (MB) | change (MB) " +
					"| ms per inference |%n|---|---|---|---|---|%n"));
			mem.append(loop("classifier", det.classifier(), plan.classifierLoops()));
			mem.append(loop("U-Net", det.segmenter(), plan.segmenterLoops()));
			mem.append('\n');

			// -- 1. CPU peak --
			double[] mm = MatMulPeak.seconds(plan.peakN(), plan.peakWarm(), plan.peakReps());
			double peak = MatMulPeak.flops(plan.peakN()) / median(mm) / 1e9;
			progress("MatMul %d: median %.1f ms, %.1f GFLOP/s", plan.peakN(), 1000 * median(mm), peak);
			StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT,
				"### 1. CPU peak%n%n| measure | value |%n|---|---|%n| MatMul %d×%d float32 in TensorFlow (median of %d " +
					"after %d warm-up) | %.1f ms |%n| **measured peak** (2n³ / time) | **%.1f GFLOP/s** |%n%n", plan.peakN(),
				plan.peakN(), mm.length, plan.peakWarm(), 1000 * median(mm), peak));

			// -- 2. Networks --
			StringBuilder net = new StringBuilder(String.format(Locale.ROOT,
				"### 2. Networks (inference only, one slice = one network input)%n%n| network | input | parameters | " +
					"GFLOP/slice | latency batch 1 (ms, median) | best batch | throughput (slices/s) | achieved GFLOP/s | " +
					"share of peak |%n|---|---|---|---|---|---|---|---|---|%n"));
			Net b = network("(b) StrokeJ classifier (" + origin + ")", det.classifier(), peak);
			Net c = network("(c) StrokeJ U-Net (" + origin + ")", det.segmenter(), peak);
			Net a = vgg(peak);
			net.append(a.row()).append(b.row()).append(c.row());
			double ratio = a.latencyMs() / b.latencyMs();
			net.append(String.format(Locale.ROOT, "%n**Per-slice latency (a)/(b): %.0f×** (batch 1); throughput " +
				"(b)/(a): %.0f×. VGG19 weights drawn by TensorFlow in %.1f s (%,d parameters, %.0f MB float).%n%n", ratio,
				b.throughput() / a.throughput(), a.extra(), a.params(), a.params() * 4 / 1e6));
			targets.add(0, new String[] { "classifier ≥ 20× faster per slice than the VGG19 design", fmt(ratio, 0) + "×",
				plan.vggSize() == 240 ? yes(ratio >= 20) : "n/a (tiny)" });

			// -- Report --
			StringBuilder head = new StringBuilder();
			head.append("## StrokeJ benchmark (").append(plan.name()).append(")\n\n");
			head.append(String.format(Locale.ROOT, "Machine: %d CPUs (%s), %s, Java %s (%s), TensorFlow %s. Load " +
				"average at start: %s.%n%n", Runtime.getRuntime().availableProcessors(), cpuModel(), osName(), System
					.getProperty("java.version"), System.getProperty("java.vm.name"), tfVersion, load));
			md.append(head).append(cpu).append(net).append(e2e).append(sc).append(mem);
			md.append("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
			for (String[] t : targets) md.append("| ").append(String.join(" | ", t)).append(" |\n");
			return md.toString();
		}

		// -- End to end --

		E2e endToEnd(Path input, StrokeDetector det, String name) throws IOException {
			long t0 = System.nanoTime();
			Volume v = ImageReaders.read(input);
			long t1 = System.nanoTime();
			long[] marks = { t1, t1 };
			Progress p = new Progress() {

				@Override
				public void progress(String stage, int done, int total) {
					if (stage.equals("classify")) marks[0] = System.nanoTime();
					if (stage.equals("segment")) marks[1] = System.nanoTime();
				}
			};
			DetectionResult r = det.detect(v, name, StrokeDetector.Settings.defaults(), p);
			long t2 = System.nanoTime();
			Path dir = tmp.resolve("out-" + name);
			DetectionOutputs.writeImageFiles(r, dir, true);
			Csv c = DetectionOutputs.classificationTable(), l = DetectionOutputs.lesionTable();
			DetectionOutputs.addClassificationRows(c, r);
			DetectionOutputs.addLesionRows(l, r);
			c.write(dir.resolve("classification.csv"));
			l.write(dir.resolve("lesions.csv"));
			long t3 = System.nanoTime();
			org.strokej.core.io.Folders.deleteTree(dir);
			E2e e = new E2e((t1 - t0) / 1e9, (marks[0] - t1) / 1e9, (marks[1] - marks[0]) / 1e9, (t2 - marks[1]) / 1e9,
				(t3 - t2) / 1e9, (t3 - t0) / 1e9, r.lesions().size());
			progress("%s %s: %.2f s (read %.2f, classify %.2f, segment %.2f, lesions %.2f, write %.2f)", name, input
				.getFileName(), e.total(), e.read(), e.classify(), e.segment(), e.lesionAnalysis(), e.write());
			return e;
		}

		private String row(String label, double load, E2e e, long hwm, long heap, double total) {
			return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | **%.2f** | %d | %d |%n", label,
				Double.isNaN(load) ? "–" : fmt(load, 2), e.read(), e.classify(), e.segment(), e.lesionAnalysis(), e.write(),
				total, hwm, heap);
		}

		// -- Networks --

		Net network(String label, Predictor p, double peak) {
			ModelSpec s = p.spec();
			int h = s.input().height(), w = s.input().width(), c = s.input().channels();
			long flops = flops(s.architecture(), h, c, s.numClasses());
			IntFunction<float[]> input = n -> noise(n * h * w * c, 3);
			BatchRunner run = p instanceof TfPredictor tp ? (x, n) -> tp.run(x, n, h, w, c) : (x, n) -> p.predict(x, n,
				h, w, c);
			double[] r = measure(input, run, plan.netWarm(), plan.netReps(), Math.max(2, plan.netReps() / 2));
			String in = h + "×" + w + "×" + c;
			long params = parameters(s.architecture(), c, s.numClasses());
			progress("%s: latency %.1f ms, best batch %.0f, %.1f slices/s", label, r[0] * 1000, r[1], r[2]);
			return new Net(label, in, params, flops, r[0] * 1000, (int) r[1], r[2], peak, Double.NaN);
		}

		Net vgg(double peak) {
			int size = plan.vggSize();
			int[] dense = plan.vggDense();
			long t0 = System.nanoTime();
			try (Vgg19Baseline v = new Vgg19Baseline(size, dense, 2, 42)) {
				progress("VGG19 %d²: built and initialised in %.1f s (%,d parameters)", size, sec(t0), v.parameterCount());
				IntFunction<float[]> input = n -> noise(n * size * size * 3, 5);
				int[] reps = plan.vggReps();
				double[] lat = time(() -> v.run(input.apply(1), 1), 1, reps[0]);
				double best = 1 / median(lat);
				int bestBatch = 1;
				for (int i = 1; i < plan.batches().length && i < reps.length; i++) {
					int nb = plan.batches()[i];
					float[] x = input.apply(nb);
					double t = median(time(() -> v.run(x, nb), 1, reps[i]));
					progress("VGG19 batch %d: %.2f s per batch", nb, t);
					if (nb / t > best) {
						best = nb / t;
						bestBatch = nb;
					}
				}
				String label = "(a) VGG19 design, random weights" + (dense[0] == 4608 ? "" : " (small dense layers)");
				progress("%s: latency %.0f ms, best batch %d, %.2f slices/s", label, median(lat) * 1000, bestBatch, best);
				return new Net(label, size + "×" + size + "×3", v.parameterCount(), Vgg19Baseline.flops(size, dense, 2),
					median(lat) * 1000, bestBatch, best, peak, v.initSeconds());
			}
		}

		/** {latency s at batch 1, best batch, best slices/s}. */
		private double[] measure(IntFunction<float[]> input, BatchRunner run, int warm, int reps, int batchReps) {
			float[] one = input.apply(1);
			double lat = median(time(() -> run.run(one, 1), warm, reps));
			double best = 1 / lat, bestBatch = 1;
			for (int nb : plan.batches()) {
				if (nb == 1) continue;
				float[] x = input.apply(nb);
				double t = median(time(() -> run.run(x, nb), 1, batchReps));
				if (nb / t > best) {
					best = nb / t;
					bestBatch = nb;
				}
			}
			return new double[] { lat, bestBatch, best };
		}

		// -- Memory --

		String loop(String label, Predictor p, int count) throws IOException {
			ModelSpec s = p.spec();
			int h = s.input().height(), w = s.input().width(), c = s.input().channels();
			float[] x = noise(h * w * c, 11);
			for (int i = 0; i < 10; i++) p.predict(x, 1, h, w, c);
			System.gc();
			long before = status("VmRSS") >> 10;
			Random r = new Random(1);
			long t0 = System.nanoTime();
			for (int i = 0; i < count; i++) {
				x[r.nextInt(x.length)] = r.nextFloat();
				p.predict(x, 1, h, w, c);
			}
			double ms = 1000 * sec(t0) / count;
			System.gc();
			long after = status("VmRSS") >> 10;
			progress("%s × %d: RSS %d → %d MB", label, count, before, after);
			if (label.equals("classifier")) targets.add(new String[] { "RSS stable over " + count +
				" classifier inferences (change ≤ 20 MB)", (after - before) + " MB", yes(after - before <= 20) });
			else targets.add(new String[] { "RSS stable over " + count + " U-Net inferences (change ≤ 20 MB)", (after -
				before) + " MB", yes(after - before <= 20) });
			return String.format(Locale.ROOT, "| %s × %d (%d×%d) | %d | %d | %+d | %.1f |%n", label, count, h, w, before,
				after, after - before, ms);
		}

		// -- Helpers --

		void progress(String format, Object... args) {
			log.println("bench: " + String.format(Locale.ROOT, format, args));
			log.flush();
		}

		/** Resets VmHWM (Linux 4.0+: write 5 to clear_refs) and the heap pools' peaks. */
		void resetPeaks() {
			System.gc();
			for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans())
				m.resetPeakUsage();
			if (!hwmResettable) return;
			try {
				Files.writeString(Paths.get("/proc/self/clear_refs"), "5");
			}
			catch (IOException | RuntimeException e) {
				hwmResettable = false;
			}
		}
	}

	// -- Records --

	/** Seconds of one end-to-end run, and the lesions found. */
	record E2e(double read, double classify, double segment, double lesionAnalysis, double write, double total,
		int lesions)
	{
		static E2e median(List<E2e> runs) {
			return new E2e(med(runs, E2e::read), med(runs, E2e::classify), med(runs, E2e::segment), med(runs,
				E2e::lesionAnalysis), med(runs, E2e::write), med(runs, E2e::total), runs.get(runs.size() - 1).lesions());
		}

		private static double med(List<E2e> runs, java.util.function.ToDoubleFunction<E2e> f) {
			return BenchCommand.median(runs.stream().mapToDouble(f).toArray());
		}
	}

	/** One network's row. */
	record Net(String label, String input, long params, long flops, double latencyMs, int bestBatch,
		double throughput, double peak, double extra)
	{
		String row() {
			double achieved = flops * throughput / 1e9;
			return String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %.1f | %d | %.1f | %.1f | %.0f %% |%n", label,
				input, params, flops / 1e9, latencyMs, bestBatch, throughput, achieved, 100 * achieved / peak);
		}
	}

	private interface BatchRunner {

		void run(float[] x, int n);
	}

	// -- Static helpers --

	/** A model folder with StrokeJ's architecture and random weights, exported like a trained one. */
	static Path randomModel(Trainer.Kind kind, int size, Path dir) throws IOException {
		ModelSpec spec = Trainer.template(kind, "bench-random-" + kind.name().toLowerCase(Locale.ROOT), size, Trainer
			.defaultPreprocessing(size));
		try (TfTrainingGraph g = new TfTrainingGraph(spec.architecture(), spec.input().channels(), spec.numClasses(),
			null, 1, 0, 1, null))
		{
			TfModels.export(dir, spec, g.weights());
		}
		return dir;
	}

	/**
	 * Multiply-adds ×2 of a StrokeJ network for one {@code size²} input: {@code 2·k²·cin·cout·H·W}
	 * per conv, {@code 2·in·out} for the dense head (biases, ReLU, pooling, resizing not counted).
	 */
	static long flops(Architecture a, int size, int channels, int classes) {
		List<Integer> f = a.filters();
		long sum = 0;
		int hw = size, cin = channels;
		if (Architecture.CNN.equals(a.type())) {
			for (int cout : f) {
				sum += conv(3, cin, cout, hw);
				cin = cout;
				hw = (hw + 1) / 2;
			}
			return sum + 2L * cin * classes;
		}
		int levels = f.size() - 1;
		int[] sizes = new int[levels];
		for (int l = 0; l < levels; l++) {
			sizes[l] = hw;
			sum += conv(3, cin, f.get(l), hw) + conv(3, f.get(l), f.get(l), hw);
			cin = f.get(l);
			hw = (hw + 1) / 2;
		}
		sum += conv(3, cin, f.get(levels), hw) + conv(3, f.get(levels), f.get(levels), hw);
		cin = f.get(levels);
		for (int l = levels - 1; l >= 0; l--) {
			int fl = f.get(l);
			sum += conv(3, cin, fl, sizes[l]) + conv(3, 2 * fl, fl, sizes[l]) + conv(3, fl, fl, sizes[l]);
			cin = fl;
		}
		return sum + conv(1, cin, classes, size);
	}

	/** Weights and biases of a StrokeJ network. */
	static long parameters(Architecture a, int channels, int classes) {
		List<Integer> f = a.filters();
		long p = 0;
		int cin = channels;
		if (Architecture.CNN.equals(a.type())) {
			for (int cout : f) {
				p += 9L * cin * cout + cout;
				cin = cout;
			}
			return p + (long) cin * classes + classes;
		}
		int levels = f.size() - 1;
		for (int l = 0; l <= levels; l++) {
			int fl = f.get(l);
			p += 9L * cin * fl + fl + 9L * fl * fl + fl;
			cin = fl;
		}
		for (int l = levels - 1; l >= 0; l--) {
			int fl = f.get(l);
			p += 9L * cin * fl + fl + 9L * 2 * fl * fl + fl + 9L * fl * fl + fl;
			cin = fl;
		}
		return p + (long) cin * classes + classes;
	}

	private static long conv(int k, int cin, int cout, int hw) {
		return 2L * k * k * cin * cout * hw * hw;
	}

	/** The volume's slices repeated (or its middle ones taken) to make {@code nz} slices. */
	static Volume cycle(Volume v, int nz) {
		int n2 = v.sliceSize();
		float[] d = new float[n2 * nz];
		int start = nz < v.nz() ? (v.nz() - nz) / 2 : 0;
		for (int z = 0; z < nz; z++)
			System.arraycopy(v.data(), ((start + z) % v.nz()) * n2, d, z * n2, n2);
		return Volume.of(d, v.nx(), v.ny(), nz, v.spacing(), v.metadata());
	}

	static double[] time(Runnable r, int warm, int reps) {
		for (int i = 0; i < warm; i++) r.run();
		double[] t = new double[reps];
		for (int i = 0; i < reps; i++) {
			long t0 = System.nanoTime();
			r.run();
			t[i] = sec(t0);
		}
		return t;
	}

	static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		int n = s.length;
		return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	}

	private static float[] noise(int n, long seed) {
		Random r = new Random(seed);
		float[] x = new float[n];
		for (int i = 0; i < n; i++) x[i] = r.nextFloat();
		return x;
	}

	private static double sec(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	private static String fmt(double v, int digits) {
		return String.format(Locale.ROOT, "%." + digits + "f", v);
	}

	private static String yes(boolean b) {
		return b ? "yes" : "**no**";
	}

	private static long hwmMb() throws IOException {
		return status("VmHWM") >> 10;
	}

	private static long heapPeakMb() {
		long sum = 0;
		for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans())
			if (m.getType() == MemoryType.HEAP && m.getPeakUsage() != null) sum += m.getPeakUsage().getUsed();
		return sum >> 20;
	}

	/** A /proc/self/status value in kB (-1 when absent, e.g. not on Linux). */
	static long status(String key) throws IOException {
		Path p = Paths.get("/proc/self/status");
		if (!Files.exists(p)) return -1;
		for (String line : Files.readAllLines(p))
			if (line.startsWith(key + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
		return -1;
	}

	private static String firstLine(Path p) {
		try {
			return Files.readAllLines(p).get(0).trim();
		}
		catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}

	private static String cpuModel() {
		try {
			for (String l : Files.readAllLines(Paths.get("/proc/cpuinfo")))
				if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		return "unknown CPU";
	}

	private static String osName() {
		return System.getProperty("os.name") + " " + System.getProperty("os.arch");
	}
}
