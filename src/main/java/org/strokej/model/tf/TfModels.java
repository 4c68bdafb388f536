package org.strokej.model.tf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.strokej.model.Architecture;
import org.strokej.model.ModelLoadException;
import org.strokej.core.io.Folders;
import org.strokej.model.ModelSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Export and weight import of StrokeJ networks as inference-only SavedModels: a fresh graph with
 * the weights as named constants ({@code weights/<param>}), input placeholder {@code input}
 * (NHWC; {@code [-1, H, W, C]} for the CNN, {@code [-1, -1, -1, C]} for the U-Net), output
 * {@code probabilities} (softmax), signature {@code serving_default}. No optimiser state.
 */
public final class TfModels {

	private TfModels() {}

	/**
	 * Exports a model folder: SavedModel + {@code model.json} with its weights SHA-256. Written to
	 * a temporary sibling folder and moved into place.
	 *
	 * @param dir target folder: must not exist or be empty
	 * @param spec spec to write (its architecture, input and classes define the graph)
	 * @param weights parameters by name
	 * @return the written spec (with {@code weights_sha256})
	 */
	public static ModelSpec export(Path dir, ModelSpec spec, Map<String, float[]> weights) throws IOException {
		Architecture arch = spec.architecture();
		if (arch == null) throw new IllegalArgumentException("model.json: architecture is needed to export a StrokeJ network");
		ModelSpec.TfBinding b = spec.tf();
		Path abs = dir.toAbsolutePath();
		if (Files.exists(abs)) {
			try (Stream<Path> s = Files.list(abs)) {
				if (s.findAny().isPresent()) throw new IOException(abs + ": output folder is not empty; choose a new folder");
			}
		}
		Path parent = abs.getParent();
		Files.createDirectories(parent);
		Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp");
		try {
			Path sm = tmp.resolve("m");
			try (Graph g = new Graph()) {
				Ops tf = Ops.create(g);
				boolean cnn = Architecture.CNN.equals(arch.type());
				int c = spec.input().channels();
				Shape shape = cnn ? Shape.of(-1, spec.input().height(), spec.input().width(), c) : Shape.of(-1, -1, -1, c);
				Placeholder<TFloat32> x = tf.withName(b.input()).placeholder(TFloat32.class, Placeholder.shape(shape));
				Operand<TFloat32> logits = Networks.logits(tf, arch, c, spec.numClasses(), x, Networks.constants(tf, weights), null, 0);
				Operand<TFloat32> probs = tf.withName(b.output()).nn.softmax(logits);
				try (Session s = new Session(g)) {
					Signature sig = Signature.builder().key(b.signature()).input(b.input(), x).output(b.output(), probs).build();
					SavedModelBundle.exporter(sm.toString()).withFunction(SessionFunction.create(sig, s)).export();
				}
			}
			ModelSpec out = spec.withWeightsSha256(ModelSpec.weightsSha256(sm));
			out.write(sm);
			if (Files.exists(abs)) Files.delete(abs);
			Files.move(sm, abs, StandardCopyOption.ATOMIC_MOVE);
			return out;
		}
		finally {
			Folders.deleteTree(tmp);
		}
	}

	/**
	 * Reads the weights of a model folder exported by {@link #export} (constants named
	 * {@code weights/<param>}), for fine-tuning.
	 */
	public static Map<String, float[]> readWeights(Path dir) throws IOException {
		TfEnvironment.requireTf2(dir);
		ModelSpec.load(dir);
		Map<String, float[]> out = new LinkedHashMap<>();
		try (SavedModelBundle bundle = SavedModelBundle.loader(dir.toString()).withTags("serve").load()) {
			Session.Runner runner = bundle.session().runner();
			java.util.List<String> names = new java.util.ArrayList<>();
			var it = bundle.graph().operations();
			while (it.hasNext()) {
				GraphOperation op = it.next();
				if (op.name().startsWith("weights/") && "Const".equals(op.type())) {
					names.add(op.name());
					runner.fetch(op.name());
				}
			}
			if (names.isEmpty()) throw new ModelLoadException(dir, "not a StrokeJ-exported network (no weights/* constants) so it cannot be fine-tuned");
			try (Result r = runner.run()) {
				for (int i = 0; i < names.size(); i++) out.put(names.get(i).substring("weights/".length()), TfTensors.read(r.get(i)));
			}
		}
		return out;
	}
}
