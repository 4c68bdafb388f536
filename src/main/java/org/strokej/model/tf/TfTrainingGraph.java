package org.strokej.model.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.strokej.model.Architecture;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A network with its loss and optimiser in one TensorFlow graph and session: one object per
 * training run.
 * <p>
 * Loss: softmax cross-entropy (optionally class-weighted) for the CNN; for the U-Net pixel-wise
 * cross-entropy plus {@code diceWeight × (1 − mean soft Dice over the foreground classes)}, the
 * soft Dice of class k being {@code (2 Σ p·g + 1) / (Σ p + Σ g + 1)} over the batch. Optimiser:
 * Adam ({@code ApplyAdam} per variable, β1 0.9, β2 0.999, ε 1e-7) with the learning rate fed per
 * step, so schedules need no graph change. (The framework's {@code Adam} bakes the rate in as a
 * constant.)
 * </p>
 */
public final class TfTrainingGraph implements AutoCloseable {

	/**
	 * Loss and outputs of an evaluation.
	 *
	 * @param loss mean loss over the batch (no dropout)
	 * @param probabilities softmax output, {@code n × classes} or {@code n × h × w × classes}
	 */
	public record Evaluation(float loss, float[] probabilities) {}

	private final Architecture arch;
	private final int channels;
	private final int classes;
	private final boolean segmenter;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input;
	private final Placeholder<TInt32> labels;
	private final Placeholder<TFloat32> learningRate;
	private final Operand<TFloat32> keepProb;
	private final Operand<TFloat32> probabilities;
	private final Operand<TFloat32> loss;
	private final Op train;
	private final Map<String, Variable<TFloat32>> variables;
	private final Map<String, long[]> shapes;
	private final float dropout;

	/**
	 * @param classWeights per-class weights of the CNN's cross-entropy, or null
	 * @param diceWeight weight of the U-Net's soft Dice term
	 * @param dropout dropout rate used by {@link #step}
	 * @param seed seed of the weight initialisation and of dropout
	 * @param init initial weights (fine-tuning), or null for random initialisation
	 */
	public TfTrainingGraph(Architecture arch, int channels, int classes, float[] classWeights, double diceWeight,
		double dropout, long seed, Map<String, float[]> init)
	{
		this.arch = arch;
		this.channels = channels;
		this.classes = classes;
		this.segmenter = Architecture.UNET.equals(arch.type());
		this.dropout = (float) dropout;
		graph = new Graph();
		boolean ok = false;
		try {
			Ops tf = Ops.create(graph);
			input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, channels)));
			labels = tf.withName("labels").placeholder(TInt32.class,
				Placeholder.shape(segmenter ? Shape.of(-1, -1, -1) : Shape.of(-1)));
			learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
			keepProb = tf.withName("keep_prob").placeholderWithDefault(tf.constant(1f), Shape.scalar());
			Networks.VariableParams params = new Networks.VariableParams(tf, seed, init);
			Operand<TFloat32> logits = Networks.logits(tf, arch, channels, classes, input, params, keepProb, seed);
			probabilities = tf.withName("probabilities").nn.softmax(logits);
			variables = params.variables;
			shapes = params.shapes;
			Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
			Operand<TInt32> flat = tf.constant(new int[] { -1, classes });
			Operand<TFloat32> ce = tf.nn.softmaxCrossEntropyWithLogits(tf.reshape(logits, flat), tf.reshape(onehot, flat)).loss();
			Operand<TFloat32> l;
			if (!segmenter && classWeights != null) {
				if (classWeights.length != classes) throw new IllegalArgumentException(classes + " classes but " + classWeights.length + " class weights");
				Operand<TFloat32> w = tf.reduceSum(tf.math.mul(onehot, tf.constant(classWeights)), tf.constant(1));
				l = tf.math.div(tf.reduceSum(tf.math.mul(ce, w), tf.constant(0)), tf.reduceSum(w, tf.constant(0)));
			}
			else l = tf.math.mean(ce, tf.constant(0));
			if (segmenter && diceWeight > 0) {
				Operand<TInt32> axes = tf.constant(new int[] { 0, 1, 2 });
				Operand<TFloat32> inter = tf.reduceSum(tf.math.mul(probabilities, onehot), axes);
				Operand<TFloat32> denom = tf.math.add(tf.reduceSum(probabilities, axes), tf.reduceSum(onehot, axes));
				Operand<TFloat32> one = tf.constant(1f);
				Operand<TFloat32> dice = tf.math.div(tf.math.add(tf.math.mul(tf.constant(2f), inter), one), tf.math.add(denom, one));
				float[] fg = new float[classes];
				for (int k = 1; k < classes; k++) fg[k] = 1f / (classes - 1);
				Operand<TFloat32> meanDice = tf.reduceSum(tf.math.mul(dice, tf.constant(fg)), tf.constant(0));
				l = tf.math.add(l, tf.math.mul(tf.constant((float) diceWeight), tf.math.sub(one, meanDice)));
			}
			loss = tf.withName("loss").identity(l);
			train = adam(tf, graph, loss, new ArrayList<>(variables.values()), learningRate);
			session = new Session(graph);
			ok = true;
		}
		finally {
			if (!ok) graph.close();
		}
	}

	private static Op adam(Ops tf, Graph g, Operand<TFloat32> loss, List<Variable<TFloat32>> vars, Operand<TFloat32> lr) {
		Output<?>[] xs = new Output<?>[vars.size()];
		for (int i = 0; i < xs.length; i++) xs[i] = vars.get(i).asOutput();
		Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
		Ops adam = tf.withSubScope("adam");
		Operand<TFloat32> b1 = adam.constant(0.9f), b2 = adam.constant(0.999f), eps = adam.constant(1e-7f);
		Variable<TFloat32> b1p = adam.withName("beta1_power").variable(adam.constant(0.9f));
		Variable<TFloat32> b2p = adam.withName("beta2_power").variable(adam.constant(0.999f));
		List<Op> updates = new ArrayList<>();
		for (int i = 0; i < xs.length; i++) {
			Variable<TFloat32> v = vars.get(i);
			long[] shape = v.shape().asArray();
			Variable<TFloat32> m = adam.variable(adam.zeros(adam.constant(shape), TFloat32.class));
			Variable<TFloat32> s = adam.variable(adam.zeros(adam.constant(shape), TFloat32.class));
			@SuppressWarnings("unchecked")
			Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
			updates.add(adam.train.applyAdam(v, m, s, b1p, b2p, lr, b1, b2, eps, grad));
		}
		Ops after = adam.withControlDependencies(updates);
		List<Op> powers = List.of(after.assign(b1p, after.math.mul(b1p, b1)), after.assign(b2p, after.math.mul(b2p, b2)));
		return adam.withControlDependencies(powers).withName("train").noOp();
	}

	/**
	 * One optimisation step with dropout.
	 *
	 * @param x {@code n × h × w × channels}
	 * @param y {@code n} labels or {@code n × h × w} mask classes
	 * @return the step's loss (before the update)
	 */
	public float step(float[] x, int[] y, int n, int h, int w, float lr) {
		try (TFloat32 xt = TfTensors.floats(x, n, h, w, channels);
			var yt = segmenter ? TfTensors.ints(y, n, h, w) : TfTensors.ints(y, n);
			TFloat32 lt = TFloat32.scalarOf(lr);
			TFloat32 kt = TFloat32.scalarOf(1f - dropout);
			Result r = session.runner().feed(input, xt).feed(labels, yt).feed(learningRate, lt).feed(keepProb, kt)
				.addTarget(train).fetch(loss).run())
		{
			return TfTensors.scalar(r.get(0));
		}
	}

	/** Loss and probabilities without dropout and without updating. */
	public Evaluation evaluate(float[] x, int[] y, int n, int h, int w) {
		try (TFloat32 xt = TfTensors.floats(x, n, h, w, channels);
			var yt = segmenter ? TfTensors.ints(y, n, h, w) : TfTensors.ints(y, n);
			Result r = session.runner().feed(input, xt).feed(labels, yt).fetch(loss).fetch(probabilities).run())
		{
			return new Evaluation(TfTensors.scalar(r.get(0)), TfTensors.read(r.get(1)));
		}
	}

	/** Probabilities without dropout (the in-training inference graph). */
	public float[] predict(float[] x, int n, int h, int w) {
		try (TFloat32 xt = TfTensors.floats(x, n, h, w, channels);
			Result r = session.runner().feed(input, xt).fetch(probabilities).run())
		{
			return TfTensors.read(r.get(0));
		}
	}

	/** Current weights by parameter name (copies). */
	public Map<String, float[]> weights() {
		Session.Runner runner = session.runner();
		List<String> names = new ArrayList<>(variables.keySet());
		for (String name : names) runner.fetch(variables.get(name));
		Map<String, float[]> out = new LinkedHashMap<>();
		try (Result r = runner.run()) {
			for (int i = 0; i < names.size(); i++) out.put(names.get(i), TfTensors.read(r.get(i)));
		}
		return out;
	}

	/** Shapes by parameter name. */
	public Map<String, long[]> shapes() {
		Map<String, long[]> out = new LinkedHashMap<>();
		shapes.forEach((k, v) -> out.put(k, v.clone()));
		return out;
	}

	/** Number of trainable parameters. */
	public long parameterCount() {
		return shapes.values().stream().mapToLong(Networks::count).sum();
	}

	public Architecture architecture() { return arch; }

	public int channels() { return channels; }

	public int classes() { return classes; }

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
