package org.strokej.model.tf;

import java.util.Map;

import org.strokej.model.Architecture;
import org.strokej.model.ModelSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017) for a StrokeJ CNN, computed by TensorFlow's own
 * gradients. The network is rebuilt from the exported weights with its last feature map exposed;
 * the explained score is the stroke log-odds {@code log(Σ_{k≥1} e^{z_k}) − z_0} (z: logits), so
 * the map shows what pushes the slice away from "normal", whichever stroke class wins. Channel
 * weights are the spatial means of the score's gradient; the map is
 * {@code ReLU(Σ_k α_k A_k)}, upsampled bilinearly to the input size. The same graph also gives the
 * pooled feature vector (what the dense layer reads), used to tell familiar inputs from unfamiliar
 * ones. Thread-safe.
 */
final class TfGradCam implements AutoCloseable {

	private final Graph graph;
	private final Session session;
	private final String input;
	private final String output;
	private final String pooledOutput;
	private final int pooledCount;
	private final int height;
	private final int width;
	private final int channels;

	TfGradCam(ModelSpec spec, Map<String, float[]> weights) {
		Architecture arch = spec.architecture();
		if (arch == null || !Architecture.CNN.equals(arch.type())) throw new IllegalArgumentException(spec.name() +
			": Grad-CAM needs a StrokeJ CNN");
		height = spec.input().height();
		width = spec.input().width();
		channels = spec.input().channels();
		int k = spec.numClasses();
		graph = new Graph();
		boolean ok = false;
		try {
			Ops tf = Ops.create(graph);
			Placeholder<TFloat32> x = tf.withName("gradcam_input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1,
				height, width, channels)));
			@SuppressWarnings("unchecked")
			Operand<TFloat32>[] feature = new Operand[2];
			Operand<TFloat32> logits = Networks.cnnLogits(tf, arch, channels, k, x, Networks.constants(tf, weights),
				f -> feature[0] = f, f -> feature[1] = f);
			pooledOutput = feature[1].op().name();
			pooledCount = arch.pooledFeatures();
			float[] strokeMask = new float[k], normal = new float[k];
			for (int i = 1; i < k; i++) strokeMask[i] = 1;
			normal[0] = 1;
			Operand<TFloat32> stroke = tf.math.log(tf.math.add(tf.linalg.matMul(tf.math.exp(logits), tf.constant(Shape.of(k,
				1), org.tensorflow.ndarray.buffer.DataBuffers.of(strokeMask, true, false))), tf.constant(1e-30f)));
			Operand<TFloat32> z0 = tf.linalg.matMul(logits, tf.constant(Shape.of(k, 1), org.tensorflow.ndarray.buffer.DataBuffers
				.of(normal, true, false)));
			Operand<TFloat32> score = tf.reduceSum(tf.math.sub(stroke, z0), tf.constant(new int[] { 0, 1 }));
			Output<?>[] grads = graph.addGradients(score.asOutput(), new Output<?>[] { feature[0].asOutput() });
			@SuppressWarnings("unchecked")
			Operand<TFloat32> grad = (Operand<TFloat32>) grads[0];
			Operand<TFloat32> alpha = tf.math.mean(grad, tf.constant(new int[] { 1, 2 }), org.tensorflow.op.math.Mean.keepDims(
				true));
			Operand<TFloat32> cam = tf.nn.relu(tf.reduceSum(tf.math.mul(alpha, feature[0]), tf.constant(3),
				org.tensorflow.op.core.ReduceSum.keepDims(true)));
			Operand<TFloat32> up = tf.image.resizeBilinear(cam, tf.constant(new int[] { height, width }),
				org.tensorflow.op.image.ResizeBilinear.halfPixelCenters(true));
			Operand<TFloat32> out = tf.withName("gradcam").reshape(up, tf.constant(new int[] { -1, height, width }));
			input = x.op().name();
			output = out.op().name();
			session = new Session(graph);
			ok = true;
		}
		finally {
			if (!ok) graph.close();
		}
	}

	/** Per sample an {@code h × w} map (model-input grid), ≥ 0, in the units of the feature map. */
	synchronized float[] compute(float[] batch, int n) {
		if (batch.length != (long) n * height * width * channels) throw new IllegalArgumentException("batch has " + batch
			.length + " values, not " + n + "×" + height + "×" + width + "×" + channels);
		try (TFloat32 t = TfTensors.floats(batch, n, height, width, channels);
			Result r = session.runner().feed(input, t).fetch(output).run())
		{
			return TfTensors.read(r.get(0));
		}
	}

	/** Per sample the pooled feature vector the dense layer reads ({@link #pooledCount()} values). */
	synchronized float[] pooled(float[] batch, int n) {
		try (TFloat32 t = TfTensors.floats(batch, n, height, width, channels);
			Result r = session.runner().feed(input, t).fetch(pooledOutput).run())
		{
			return TfTensors.read(r.get(0));
		}
	}

	int pooledCount() {
		return pooledCount;
	}

	@Override
	public synchronized void close() {
		session.close();
		graph.close();
	}
}
