package org.strokej.model.tf;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The original (pre-StrokeJ) design rebuilt for benchmarking only: a VGG19 convolutional base
 * (16 conv3×3 + ReLU layers of 64, 64 | 128, 128 | 256 ×4 | 512 ×4 | 512 ×4 filters, each block
 * ending in a 2×2 max-pool with VALID padding, as in Keras, so 240² becomes 7×7×512), flatten,
 * dense 4608 + ReLU, dropout (the identity at inference, so no op), dense 1152 + ReLU, dense 2 +
 * softmax; RGB input. Inference-only, in TensorFlow graph mode, with <em>random</em> weights: the
 * parameters are variables initialised once inside TensorFlow from seeded normal draws (He
 * scaling), so the 115 M-parameter first dense layer (460 MB of float) never passes through Java.
 * Timings do not depend on the weight values.
 */
public final class Vgg19Baseline implements AutoCloseable {

	/** Filters per conv layer, grouped by block (each block ends in a max-pool). */
	public static final int[][] BLOCKS = { { 64, 64 }, { 128, 128 }, { 256, 256, 256, 256 }, { 512, 512, 512, 512 },
		{ 512, 512, 512, 512 } };

	/** Input channels (RGB). */
	public static final int CHANNELS = 3;

	private final Graph graph;
	private final Session session;
	private final int size;
	private final long parameters;
	private final double initSeconds;

	/**
	 * Builds the network and initialises its weights.
	 *
	 * @param size input height and width (240 in the original design); at least 32
	 * @param dense hidden dense widths, e.g. {4608, 1152}
	 * @param classes output classes (2 in the original design)
	 * @param seed seed of the random weights
	 */
	public Vgg19Baseline(int size, int[] dense, int classes, long seed) {
		if (size < 32) throw new IllegalArgumentException("VGG19 needs an input of at least 32 pixels, not " + size);
		this.size = size;
		graph = new Graph();
		boolean ok = false;
		try {
			Ops tf = Ops.create(graph);
			Operand<TFloat32> x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, CHANNELS)));
			long[] count = { 0 };
			long[] s = { seed };
			int cin = CHANNELS, hw = size;
			for (int b = 0; b < BLOCKS.length; b++) {
				for (int l = 0; l < BLOCKS[b].length; l++) {
					int cout = BLOCKS[b][l];
					Operand<TFloat32> w = weight(tf, new long[] { 3, 3, cin, cout }, Math.sqrt(2.0 / (9 * cin)), s[0]++, count);
					Operand<TFloat32> bias = tf.zeros(tf.constant(new int[] { cout }), TFloat32.class);
					count[0] += cout;
					x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"), bias));
					cin = cout;
				}
				Operand<TInt32> k = tf.constant(new int[] { 1, 2, 2, 1 });
				x = tf.nn.maxPool(x, k, k, "VALID");
				hw /= 2;
			}
			int flat = hw * hw * cin;
			x = tf.reshape(x, tf.constant(new int[] { -1, flat }));
			int in = flat;
			List<Integer> widths = new ArrayList<>();
			for (int d : dense) widths.add(d);
			widths.add(classes);
			for (int i = 0; i < widths.size(); i++) {
				int out = widths.get(i);
				Operand<TFloat32> w = weight(tf, new long[] { in, out }, Math.sqrt(2.0 / in), s[0]++, count);
				Operand<TFloat32> bias = tf.zeros(tf.constant(new int[] { out }), TFloat32.class);
				count[0] += out;
				x = tf.nn.biasAdd(tf.linalg.matMul(x, w), bias);
				if (i < widths.size() - 1) x = tf.nn.relu(x); // dropout after the first dense: identity at inference
				in = out;
			}
			tf.withName("probabilities").nn.softmax(x);
			parameters = count[0];
			session = new Session(graph);
			long t0 = System.nanoTime();
			session.initialize();
			initSeconds = (System.nanoTime() - t0) / 1e9;
			ok = true;
		}
		finally {
			if (!ok) graph.close();
		}
	}

	private static Operand<TFloat32> weight(Ops tf, long[] shape, double std, long seed, long[] count) {
		Ops init = tf.withInitScope();
		Operand<TFloat32> normal = init.random.randomStandardNormal(init.constant(shape), TFloat32.class,
			RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed * 31 + 7));
		count[0] += Networks.count(shape);
		return tf.variable(init.math.mul(normal, init.constant((float) std)));
	}

	/** Input height and width. */
	public int size() { return size; }

	/** Number of weights and biases. */
	public long parameterCount() { return parameters; }

	/** Seconds TensorFlow took to draw the random weights. */
	public double initSeconds() { return initSeconds; }

	/**
	 * Runs the network on an NHWC batch of {@code n} RGB images of {@code size²}.
	 *
	 * @return class probabilities, {@code n * classes}
	 */
	public float[] run(float[] batch, int n) {
		if (batch.length != (long) n * size * size * CHANNELS)
			throw new IllegalArgumentException("batch has " + batch.length + " values, not " + n + "×" + size + "×" + size + "×3");
		try (TFloat32 x = TfTensors.floats(batch, n, size, size, CHANNELS);
			Result r = session.runner().feed("input", x).fetch("probabilities").run())
		{
			return TfTensors.read(r.get(0));
		}
	}

	/**
	 * Multiply-adds ×2 of the convolutions and dense layers for one image: {@code 2·k²·cin·cout·H·W}
	 * per conv, {@code 2·in·out} per dense layer (biases, ReLU, pooling and softmax not counted).
	 */
	public static long flops(int size, int[] dense, int classes) {
		long f = 0;
		int cin = CHANNELS, hw = size;
		for (int[] block : BLOCKS) {
			for (int cout : block) {
				f += 2L * 9 * cin * cout * hw * hw;
				cin = cout;
			}
			hw /= 2;
		}
		long in = (long) hw * hw * cin;
		for (int d : dense) {
			f += 2L * in * d;
			in = d;
		}
		return f + 2L * in * classes;
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
