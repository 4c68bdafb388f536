package org.strokej.model.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.strokej.model.Architecture;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Graph builders (TensorFlow Ops API, graph mode) for StrokeJ's two networks. Both are built
 * from named parameters supplied by a {@link Params} source: variables while training, constants
 * in the exported inference graph. No normalisation layers (He-initialised convolutions, ReLU):
 * the networks stay local, so tiled and whole-image predictions agree.
 * <ul>
 * <li>CNN: per entry of {@code filters} a block conv3×3 + bias + ReLU + maxpool 2×2; global
 * average pooling; dropout; dense → class logits.</li>
 * <li>U-Net: encoder levels of two conv3×3 + ReLU then maxpool; bottleneck (last entry) of two
 * convs + dropout; decoder: nearest-neighbour ×2, conv3×3 + ReLU, concatenation with the skip,
 * two convs; 1×1 conv → class logits.</li>
 * </ul>
 */
public final class Networks {

	private Networks() {}

	/** Supplies named parameters. */
	public interface Params {

		/**
		 * @param name unique parameter name
		 * @param shape parameter shape
		 * @param initStd standard deviation of the random initialisation (0: zeros)
		 */
		Operand<TFloat32> get(String name, long[] shape, double initStd);
	}

	/** Parameters as constants from a weight map (inference graphs). */
	static Params constants(Ops tf, Map<String, float[]> weights) {
		Ops scope = tf.withSubScope("weights");
		return (name, shape, std) -> {
			float[] v = weights.get(name);
			if (v == null) throw new IllegalArgumentException("weights lack parameter " + name);
			if (v.length != count(shape))
				throw new IllegalArgumentException("parameter " + name + " has " + v.length + " values, expected " + count(shape));
			return scope.withName(name).constant(Shape.of(shape), DataBuffers.of(v, true, false));
		};
	}

	/** Parameters as variables, from {@code init} where present, else randomly (seeded). */
	static final class VariableParams implements Params {

		final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		private final Ops tf;
		private final Ops scope;
		private final Random rnd;
		private final Map<String, float[]> init;

		VariableParams(Ops tf, long seed, Map<String, float[]> init) {
			this.tf = tf;
			this.scope = tf.withSubScope("var");
			this.rnd = new Random(seed);
			this.init = init == null ? Map.of() : init;
		}

		@Override
		public Operand<TFloat32> get(String name, long[] shape, double std) {
			int n = (int) count(shape);
			float[] v = new float[n];
			for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextGaussian() * std); // always draw: same stream with or without init
			float[] given = init.get(name);
			if (given != null) {
				if (given.length != n)
					throw new IllegalArgumentException("initial weights for " + name + " have " + given.length + " values, the network needs " + n);
				v = given.clone();
			}
			else if (!init.isEmpty()) throw new IllegalArgumentException("initial weights lack parameter " + name);
			Variable<TFloat32> var = scope.withName(name).variable(tf.constant(Shape.of(shape), DataBuffers.of(v, true, false)));
			variables.put(name, var);
			shapes.put(name, shape.clone());
			return var;
		}
	}

	/**
	 * Builds the logits of a network.
	 *
	 * @param input NHWC float input
	 * @param keepProb dropout keep probability (scalar), or null for no dropout ops (inference)
	 * @param seed seed for the dropout ops
	 * @return logits: {@code [N, classes]} (CNN) or {@code [N, H, W, classes]} (U-Net)
	 */
	public static Operand<TFloat32> logits(Ops tf, Architecture arch, int channels, int classes, Operand<TFloat32> input,
		Params params, Operand<TFloat32> keepProb, long seed)
	{
		return Architecture.CNN.equals(arch.type()) ? cnn(tf, arch, channels, classes, input, params, keepProb, seed, null, null)
			: unet(tf, arch.filters(), channels, classes, input, params, keepProb, seed);
	}

	/**
	 * Builds the CNN's logits and hands its last feature map (the final block's activations,
	 * before that block's pooling: the finest map that has seen the whole network) to
	 * {@code features}, for Grad-CAM.
	 */
	public static Operand<TFloat32> cnnLogits(Ops tf, Architecture arch, int channels, int classes, Operand<TFloat32> input,
		Params params, java.util.function.Consumer<Operand<TFloat32>> features,
		java.util.function.Consumer<Operand<TFloat32>> pooled)
	{
		if (!Architecture.CNN.equals(arch.type())) throw new IllegalArgumentException("not a CNN: " + arch.type());
		return cnn(tf, arch, channels, classes, input, params, null, 0, features, pooled);
	}

	// -- CNN --

	private static Operand<TFloat32> cnn(Ops tf, Architecture arch, int channels, int classes, Operand<TFloat32> x,
		Params p, Operand<TFloat32> keep, long seed, java.util.function.Consumer<Operand<TFloat32>> features,
		java.util.function.Consumer<Operand<TFloat32>> pooledOut)
	{
		List<Integer> filters = arch.filters();
		int cin = channels;
		for (int i = 0; i < filters.size(); i++) {
			int cout = filters.get(i);
			for (int k = 0; k < arch.convs(); k++) {
				// the first conv keeps its historical name, so one-conv models load unchanged
				x = conv(tf, p, k == 0 ? "block" + i : "block" + i + "_conv" + k, x, 3, k == 0 ? cin : cout, cout, true);
			}
			if (i == filters.size() - 1 && features != null) features.accept(x);
			x = maxPool(tf, x);
			cin = cout;
		}
		Operand<TInt32> hw = tf.constant(new int[] { 1, 2 });
		Operand<TFloat32> pooled = tf.math.mean(x, hw);
		if (Architecture.HEAD_AVGMAX.equals(arch.head())) {
			pooled = tf.concat(List.of(pooled, tf.max(x, hw)), tf.constant(1));
			cin *= 2;
		}
		if (pooledOut != null) pooledOut.accept(pooled);
		if (keep != null) pooled = dropout(tf, pooled, keep, seed);
		Operand<TFloat32> w = p.get("head.kernel", new long[] { cin, classes }, Math.sqrt(1.0 / cin));
		Operand<TFloat32> b = p.get("head.bias", new long[] { classes }, 0);
		return tf.nn.biasAdd(tf.linalg.matMul(pooled, w), b);
	}

	// -- U-Net --

	private static Operand<TFloat32> unet(Ops tf, List<Integer> filters, int channels, int classes, Operand<TFloat32> x,
		Params p, Operand<TFloat32> keep, long seed)
	{
		int levels = filters.size() - 1;
		List<Operand<TFloat32>> skips = new ArrayList<>();
		int cin = channels;
		for (int l = 0; l < levels; l++) {
			int f = filters.get(l);
			x = conv(tf, p, "enc" + l + "_conv0", x, 3, cin, f, true);
			x = conv(tf, p, "enc" + l + "_conv1", x, 3, f, f, true);
			skips.add(x);
			x = maxPool(tf, x);
			cin = f;
		}
		int fb = filters.get(levels);
		x = conv(tf, p, "bottleneck_conv0", x, 3, cin, fb, true);
		x = conv(tf, p, "bottleneck_conv1", x, 3, fb, fb, true);
		if (keep != null) x = dropout(tf, x, keep, seed);
		cin = fb;
		for (int l = levels - 1; l >= 0; l--) {
			int f = filters.get(l);
			Operand<TFloat32> skip = skips.get(l);
			Operand<TInt32> size = tf.slice(tf.shape(skip), tf.constant(new int[] { 1 }), tf.constant(new int[] { 2 }));
			x = tf.image.resizeNearestNeighbor(x, size);
			x = conv(tf, p, "up" + l, x, 3, cin, f, true);
			x = tf.concat(List.of(skip, x), tf.constant(3));
			x = conv(tf, p, "dec" + l + "_conv0", x, 3, 2 * f, f, true);
			x = conv(tf, p, "dec" + l + "_conv1", x, 3, f, f, true);
			cin = f;
		}
		return conv(tf, p, "out", x, 1, cin, classes, false);
	}

	// -- Layers --

	private static Operand<TFloat32> conv(Ops tf, Params p, String name, Operand<TFloat32> x, int k, int cin, int cout,
		boolean relu)
	{
		double std = relu ? Math.sqrt(2.0 / (k * k * cin)) : Math.sqrt(1.0 / (k * k * cin));
		Operand<TFloat32> w = p.get(name + ".kernel", new long[] { k, k, cin, cout }, std);
		Operand<TFloat32> b = p.get(name + ".bias", new long[] { cout }, 0);
		Operand<TFloat32> y = tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"), b);
		return relu ? tf.nn.relu(y) : y;
	}

	private static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x) {
		Operand<TInt32> k = tf.constant(new int[] { 1, 2, 2, 1 });
		return tf.nn.maxPool(x, k, k, "SAME");
	}

	/** Inverted dropout: {@code x * floor(keep + U[0,1)) / keep}; exactly the identity when keep = 1. */
	private static Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x, Operand<TFloat32> keep, long seed) {
		Operand<TFloat32> u = tf.random.randomUniform(tf.shape(x), TFloat32.class, RandomUniform.seed(seed),
			RandomUniform.seed2(seed * 31 + 7));
		Operand<TFloat32> mask = tf.math.floor(tf.math.add(u, keep));
		return tf.math.mul(x, tf.math.div(mask, keep));
	}

	static long count(long[] shape) {
		long n = 1;
		for (long s : shape) n *= s;
		return n;
	}
}
