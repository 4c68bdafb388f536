package org.strokej.model.tf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.strokej.model.ImageArrays;
import org.strokej.model.ModelLoadException;
import org.strokej.model.ModelSpec;
import org.strokej.model.Predictor;
import org.strokej.model.Tiling;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel run through TensorFlow Java. Classifier inputs of another size are resized
 * (bilinear) to the spec's input size; segmenter inputs of any size are tiled
 * ({@link Tiling}). Thread-safe (closing waits for running predictions); every tensor is closed
 * after use; a batch that exhausts memory is split in halves and retried.
 */
public final class TfPredictor implements Predictor {

	/** Samples per classifier call and tiles per segmenter call. */
	private static final int MAX_BATCH = 8;

	private final Path dir;
	private final ModelSpec spec;
	private final SavedModelBundle bundle;
	private final String inputName;
	private final String outputName;
	private final Tiling tiling;
	private final java.util.concurrent.locks.ReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
	private volatile boolean closed;
	private TfGradCam gradCam;

	private TfPredictor(Path dir, ModelSpec spec, SavedModelBundle bundle, String inputName, String outputName) {
		this.dir = dir;
		this.spec = spec;
		this.bundle = bundle;
		this.inputName = inputName;
		this.outputName = outputName;
		this.tiling = spec.kind() == ModelSpec.Kind.SEGMENTER ? Tiling.of(spec.tilingOrDefault()) : null;
	}

	/**
	 * Loads a model folder: checks the TensorFlow version, reads and verifies {@code model.json}
	 * (including the weights SHA-256), loads the SavedModel (tag {@code serve}) and checks its
	 * signature against the spec.
	 */
	public static TfPredictor load(Path dir) throws IOException {
		TfEnvironment.requireTf2(dir);
		ModelSpec spec = ModelSpec.load(dir);
		SavedModelBundle bundle;
		try {
			bundle = SavedModelBundle.loader(dir.toString()).withTags("serve").load();
		}
		catch (RuntimeException | LinkageError e) {
			throw new ModelLoadException(dir, "cannot load the TensorFlow SavedModel (" + oneLine(e.getMessage()) + ")", e);
		}
		try {
			Signature sig = null;
			for (Signature s : bundle.signatures()) if (s.key().equals(spec.tf().signature())) sig = s;
			if (sig == null) throw new ModelLoadException(dir, "the SavedModel has no signature \"" + spec.tf().signature() +
				"\" (model.json tf.signature); it has " + bundle.signatures().stream().map(Signature::key).toList());
			Signature.TensorDescription in = find(dir, sig.getInputs(), spec.tf().input(), "input");
			Signature.TensorDescription out = find(dir, sig.getOutputs(), spec.tf().output(), "output");
			checkShapes(dir, spec, in.shape, out.shape);
			return new TfPredictor(dir, spec, bundle, in.name, out.name);
		}
		catch (IOException | RuntimeException e) {
			bundle.close();
			throw e;
		}
	}

	private static Signature.TensorDescription find(Path dir, Map<String, Signature.TensorDescription> map, String name,
		String what) throws ModelLoadException
	{
		Signature.TensorDescription d = map.get(name);
		if (d == null) throw new ModelLoadException(dir, "the model signature has no " + what + " \"" + name + "\" (model.json tf." +
			what + "); it has " + map.keySet());
		return d;
	}

	/** Checks signature shapes against the spec (unknown dimensions, -1, are accepted). */
	static void checkShapes(Path dir, ModelSpec spec, Shape in, Shape out) throws ModelLoadException {
		ModelSpec.Input i = spec.input();
		if (in.numDimensions() != 4)
			throw new ModelLoadException(dir, "model input has shape " + in + " but a 4-D NHWC input (axes yxc) is required");
		long c = in.get(3);
		if (c >= 0 && c != i.channels())
			throw new ModelLoadException(dir, "model input has " + c + " channel(s) but model.json says input.channels = " + i.channels());
		boolean classifier = spec.kind() == ModelSpec.Kind.CLASSIFIER;
		if (classifier) {
			if (in.get(1) >= 0 && in.get(1) != i.height() || in.get(2) >= 0 && in.get(2) != i.width())
				throw new ModelLoadException(dir, "model input is " + in.get(1) + "×" + in.get(2) + " but model.json says input " +
					i.height() + "×" + i.width());
		}
		int rank = classifier ? 2 : 4;
		if (out.numDimensions() != rank)
			throw new ModelLoadException(dir, "model output has shape " + out + " but a " + spec.kind().key() + " needs a " + rank +
				"-D output");
		long k = out.get(rank - 1);
		if (k >= 0 && k != spec.numClasses())
			throw new ModelLoadException(dir, "model output has " + k + " classes but model.json lists " + spec.numClasses() + " " +
				spec.classes());
		if (spec.architecture() != null && !classifier && spec.tilingOrDefault().blockMultiple() % spec.architecture().blockMultiple() != 0)
			throw new ModelLoadException(dir, "tiling.block_multiple " + spec.tilingOrDefault().blockMultiple() + " is not a multiple of " +
				spec.architecture().blockMultiple() + " (2^poolings of the architecture)");
	}

	@Override
	public ModelSpec spec() { return spec; }

	/** The model folder. */
	public Path dir() { return dir; }

	@Override
	public float[] predict(float[] batch, int n, int h, int w, int c) {
		if (closed) throw new IllegalStateException(dir + ": model is closed");
		if (n < 0 || h < 1 || w < 1 || c < 1 || batch.length != (long) n * h * w * c)
			throw new IllegalArgumentException("batch has " + batch.length + " values, not " + n + "×" + h + "×" + w + "×" + c);
		if (c != spec.input().channels())
			throw new IllegalArgumentException(dir + ": input has " + c + " channel(s) but the model needs " + spec.input().channels());
		int k = spec.numClasses();
		if (spec.kind() == ModelSpec.Kind.CLASSIFIER) {
			int mh = spec.input().height(), mw = spec.input().width();
			float[] in = h == mh && w == mw ? batch : ImageArrays.resizeBilinear(batch, n, h, w, c, mh, mw);
			float[] out = new float[n * k];
			int per = mh * mw * c;
			for (int b0 = 0; b0 < n; b0 += MAX_BATCH) {
				int nb = Math.min(MAX_BATCH, n - b0);
				float[] chunk = new float[nb * per];
				System.arraycopy(in, b0 * per, chunk, 0, chunk.length);
				System.arraycopy(run(chunk, nb, mh, mw, c), 0, out, b0 * k, nb * k);
			}
			return out;
		}
		float[] out = new float[n * h * w * k];
		int per = h * w * c;
		for (int b = 0; b < n; b++) {
			float[] img = new float[per];
			System.arraycopy(batch, b * per, img, 0, per);
			float[] p = tiling.predict(img, h, w, c, k, this::run, MAX_BATCH);
			System.arraycopy(p, 0, out, b * h * w * k, p.length);
		}
		return out;
	}

	/**
	 * Runs the network as is on an NHWC batch (no resizing, no tiling). When TensorFlow runs out
	 * of memory on a batch of several samples, the batch is split in halves and retried.
	 */
	public float[] run(float[] batch, int n, int h, int w, int c) {
		lock.readLock().lock();
		try {
			if (closed) throw new IllegalStateException(dir + ": model is closed");
			Session session = bundle.session();
			try (TFloat32 x = TfTensors.floats(batch, n, h, w, c);
				Result r = session.runner().feed(inputName, x).fetch(outputName).run())
			{
				return TfTensors.read(r.get(0));
			}
			catch (TFResourceExhaustedException e) {
				if (n < 2) throw e;
			}
		}
		finally {
			lock.readLock().unlock();
		}
		int half = n / 2, per = h * w * c;
		float[] a = run(java.util.Arrays.copyOfRange(batch, 0, half * per), half, h, w, c);
		float[] b = run(java.util.Arrays.copyOfRange(batch, half * per, n * per), n - half, h, w, c);
		float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	@Override
	public boolean supportsGradCam() {
		return spec.kind() == ModelSpec.Kind.CLASSIFIER && spec.architecture() != null && org.strokej.model.Architecture.CNN
			.equals(spec.architecture().type());
	}

	@Override
	public float[] gradCam(float[] batch, int n) {
		if (!supportsGradCam()) return Predictor.super.gradCam(batch, n);
		return withGradCamGraph(g -> g.compute(batch, n));
	}

	@Override
	public float[] pooledFeatures(float[] batch, int n) {
		if (!supportsGradCam()) return Predictor.super.pooledFeatures(batch, n);
		return withGradCamGraph(g -> g.pooled(batch, n));
	}

	/** Runs on the Grad-CAM graph while the model is open (closing waits). */
	private float[] withGradCamGraph(java.util.function.Function<TfGradCam, float[]> f) {
		lock.readLock().lock();
		try {
			if (closed) throw new IllegalStateException(dir + ": model is closed");
			return f.apply(gradCamGraph());
		}
		finally {
			lock.readLock().unlock();
		}
	}

	/** The Grad-CAM graph, built from this model's weights on first use. */
	private synchronized TfGradCam gradCamGraph() {
		if (gradCam == null) {
			try {
				gradCam = new TfGradCam(spec, TfModels.readWeights(dir));
			}
			catch (IOException e) {
				throw new IllegalStateException(dir + ": cannot read the weights for Grad-CAM (" + oneLine(e.getMessage()) + ")", e);
			}
		}
		return gradCam;
	}

	/** Closes the SavedModel; waits for running predictions to finish. */
	@Override
	public void close() {
		lock.writeLock().lock();
		try {
			if (closed) return;
			closed = true;
			synchronized (this) {
				if (gradCam != null) gradCam.close();
			}
			bundle.close();
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	private static String oneLine(String s) {
		return s == null ? "" : s.replaceAll("\\s+", " ").trim();
	}
}
