package org.strokej.model.tf;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * This CPU's practical float32 peak as TensorFlow reaches it: an {@code n×n} by {@code n×n}
 * MatMul of two variables (so nothing is constant-folded), whose result is summed inside
 * TensorFlow (so no copy back to Java is timed). {@code 2n³} floating-point operations per run.
 */
public final class MatMulPeak {

	private MatMulPeak() {}

	/**
	 * Times the MatMul.
	 *
	 * @param n matrix size, e.g. 2048
	 * @param warmup untimed runs first
	 * @param reps timed runs
	 * @return seconds of each timed run
	 */
	public static double[] seconds(int n, int warmup, int reps) {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Ops init = tf.withInitScope();
			Operand<TFloat32> a = tf.variable(init.random.randomUniform(init.constant(new long[] { n, n }), TFloat32.class,
				RandomUniform.seed(1L), RandomUniform.seed2(2L)));
			Operand<TFloat32> b = tf.variable(init.random.randomUniform(init.constant(new long[] { n, n }), TFloat32.class,
				RandomUniform.seed(3L), RandomUniform.seed2(4L)));
			tf.withName("sum").reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] { 0, 1 }));
			try (Session s = new Session(g)) {
				s.initialize();
				for (int i = 0; i < warmup; i++) run(s);
				double[] out = new double[reps];
				for (int i = 0; i < reps; i++) {
					long t0 = System.nanoTime();
					run(s);
					out[i] = (System.nanoTime() - t0) / 1e9;
				}
				return out;
			}
		}
	}

	private static void run(Session s) {
		try (Result r = s.runner().fetch("sum").run()) {
			TfTensors.scalar(r.get(0));
		}
	}

	/** Floating-point operations of one run: {@code 2n³}. */
	public static double flops(int n) {
		return 2.0 * n * n * n;
	}
}
