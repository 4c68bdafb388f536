package org.strokej.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import ij.ImageStack;
import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.RankFilters;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.BrainExtraction;
import org.strokej.core.preprocess.Denoising;
import org.strokej.core.preprocess.HistogramEqualization;
import org.strokej.core.preprocess.Interpolation;
import org.strokej.core.preprocess.Normalization;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;
import org.strokej.core.preprocess.Resampling;
import org.strokej.core.preprocess.RotationCorrection;
import org.strokej.core.preprocess.Window;
import org.strokej.core.preprocess.Windows;

/**
 * Not a test: times the default preprocessing pipeline on a synthetic 512 × 512 × 40 HU head
 * (0.45 mm pixels, 5 mm slices) and each StrokeJ step that ImageJ 1 also offers against ImageJ 1's
 * own call on the same slices (ratio = StrokeJ / ImageJ 1). Warm-up, then the median of repetitions.
 * Run: {@code mvn -o -q test-compile && java -cp target/classes:target/test-classes:<deps>
 * org.strokej.bench.PreprocessBenchmark}.
 */
public final class PreprocessBenchmark {

	private static final int N = 512, NZ = 40, WARM = 3, REPS = 7;

	public static void main(String[] args) {
		Volume v = head();
		System.out.printf(Locale.ROOT, "volume %dx%dx%d, %d cores, warm-up %d, median of %d%n", N, N, NZ,
			Runtime.getRuntime().availableProcessors(), WARM, REPS);
		PreprocessPipeline p = PreprocessPipeline.defaults(256);
		double pipe = time(() -> p.run(v));
		System.out.printf(Locale.ROOT, "default pipeline %s: %.0f ms%n", p.toJson(), pipe);
		PreprocessResult r = p.run(v);
		System.out.printf(Locale.ROOT, "  map back 256x256x40 labels: %.0f ms%n", time(() -> r.mapBack(r
			.mask(), true)));
		Volume mask = BrainExtraction.brainMask(v);
		System.out.printf(Locale.ROOT, "  steps: window %.0f ms, brain mask %.0f ms, percentile %.0f ms, " +
			"z-score %.0f ms, CLAHE %.0f ms, midline estimate %.0f ms%n", time(() -> Windows.apply(v,
				Window.BRAIN)), time(() -> BrainExtraction.brainMask(v)), time(() -> Normalization.percentile(v,
					mask, 1, 99.8)), time(() -> Normalization.zScore(v, mask)), time(() -> HistogramEqualization
						.clahe(v, 64, 256, 3)), time(() -> RotationCorrection.estimate(mask)));

		System.out.println("StrokeJ vs ImageJ 1 (same slices):");
		compare("gaussian sigma 1 mm", () -> Denoising.gaussian(v, 1.0), () -> {
			ImageStack s = stack(v);
			double sg = 1.0 / v.spacing()[0];
			for (int z = 1; z <= NZ; z++)
				new GaussianBlur().blurGaussian(s.getProcessor(z), sg, sg, 0.002);
			return s;
		});
		compare("median radius 1", () -> Denoising.median(v, 1), () -> {
			ImageStack s = stack(v);
			for (int z = 1; z <= NZ; z++)
				new RankFilters().rank(s.getProcessor(z), 1, RankFilters.MEDIAN);
			return s;
		});
		compare("resize 256 linear", () -> Resampling.toSize(v, 256, 256, NZ, Interpolation.LINEAR), () ->
			resizeIJ(v, ImageProcessor.BILINEAR));
		compare("resize 256 cubic", () -> Resampling.toSize(v, 256, 256, NZ, Interpolation.CUBIC), () ->
			resizeIJ(v, ImageProcessor.BICUBIC));
		compare("rotate 12 deg bilinear", () -> RotationCorrection.rotate(v, 12, 255.5, 255.5,
			Interpolation.LINEAR, 0), () -> {
				ImageStack s = stack(v);
				for (int z = 1; z <= NZ; z++) {
					ImageProcessor ip = s.getProcessor(z);
					ip.setInterpolationMethod(ImageProcessor.BILINEAR);
					ip.rotate(12);
				}
				return s;
			});
		System.exit(0);
	}

	// -- Helpers --

	private static void compare(String name, Supplier<Object> ours, Supplier<Object> ij) {
		double a = time(ours), b = time(ij);
		System.out.printf(Locale.ROOT, "  %-24s StrokeJ %6.0f ms   ImageJ 1 %6.0f ms   ratio %.2f%n", name, a,
			b, a / b);
	}

	/** The slices as an ImageStack of FloatProcessors (copies, as StrokeJ copies them too). */
	private static ImageStack stack(Volume v) {
		ImageStack s = new ImageStack(v.nx(), v.ny());
		for (int z = 0; z < v.nz(); z++)
			s.addSlice(new FloatProcessor(v.nx(), v.ny(), v.slice(z)));
		return s;
	}

	private static Object resizeIJ(Volume v, int method) {
		ImageStack out = new ImageStack(256, 256);
		for (int z = 0; z < v.nz(); z++) {
			FloatProcessor fp = new FloatProcessor(v.nx(), v.ny(), v.slice(z));
			fp.setInterpolationMethod(method);
			out.addSlice(fp.resize(256, 256));
		}
		return out;
	}

	private static double time(Supplier<Object> task) {
		Object sink = null;
		for (int i = 0; i < WARM; i++)
			sink = task.get();
		double[] t = new double[REPS];
		for (int i = 0; i < REPS; i++) {
			long t0 = System.nanoTime();
			sink = task.get();
			t[i] = (System.nanoTime() - t0) / 1e6;
		}
		if (sink == null) throw new IllegalStateException();
		Arrays.sort(t);
		return t[REPS / 2];
	}

	/** A synthetic head: brain 30 HU in a 7 mm skull (1000 HU), scalp, air, noise; smaller at the top. */
	private static Volume head() {
		double sp = 0.45;
		float[] d = new float[N * N * NZ];
		Random r = new Random(1);
		for (int z = 0; z < NZ; z++) {
			double f = Math.sqrt(Math.max(0.05, 1 - Math.pow((z - 14) / 28.0, 2)));
			double a = 62 * f, b = 78 * f;
			for (int y = 0; y < N; y++)
				for (int x = 0; x < N; x++) {
					double qx = (x - N / 2.0) * sp, qy = (y - N / 2.0) * sp;
					float val = -1000;
					if (in(qx, qy, a + 11, b + 11)) val = 40;
					if (in(qx, qy, a + 7, b + 7)) val = 1000;
					if (in(qx, qy, a, b)) val = 30;
					d[(z * N + y) * N + x] = (float) (val + 5 * r.nextGaussian());
				}
		}
		return Volume.of(d, N, N, NZ, new double[] { sp, sp, 5 }, new ImageMetadata("CT", "phantom",
			ValueUnit.HU, "benchmark"));
	}

	private static boolean in(double x, double y, double a, double b) {
		return (x / a) * (x / a) + (y / b) * (y / b) <= 1;
	}
}
