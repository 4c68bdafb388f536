package org.strokej.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The immutable description of a model folder, read from its {@code model.json}.
 * <p>
 * Layout of a model folder: a TensorFlow SavedModel ({@code saved_model.pb}, {@code variables/})
 * plus {@code model.json} (this spec) and optionally {@code MODEL_CARD.md}. Example:
 * </p>
 * <pre>
 * {
 *   "name": "strokej-unet", "kind": "segmenter", "version": "1.0.0",
 *   "input": {"axes": "yxc", "height": 256, "width": 256, "channels": 1, "spacing_mm": [0.5, 0.5], "context_slices": 0},
 *   "preprocessing": [{"op": "window", "level": 40, "width": 80}],
 *   "classes": ["background", "hemorrhage", "ischemia"],
 *   "output": {"kind": "probabilities"},
 *   "thresholds": {"hemorrhage": 0.5},
 *   "tiling": {"tile_size": 256, "overlap": 32, "block_multiple": 8},
 *   "architecture": {"type": "unet", "filters": [16, 32, 64, 128]},
 *   "training": {"data": "...", "epochs": 40, "seed": 1, "command": "...", "metrics": {"val_dice": 0.71}},
 *   "weights_sha256": "…",
 *   "tf": {"signature": "serving_default", "input": "input", "output": "probabilities"}
 * }
 * </pre>
 * <p>
 * The engine never applies {@link #preprocessing()}; it receives already-preprocessed floats.
 * {@code weights_sha256} is computed by {@link #weightsSha256(Path)}.
 * </p>
 *
 * @param name model name
 * @param kind classifier (one probability vector per slice) or segmenter (per pixel)
 * @param version model version (free text)
 * @param input input geometry
 * @param preprocessing raw preprocessing steps (unmodifiable); see {@link #preprocessingJson()}
 * @param classes class names, in output order
 * @param outputKind what the output tensor holds
 * @param thresholds decision thresholds by name (unmodifiable)
 * @param tiling tile geometry for segmenters (and block multiple for all)
 * @param architecture how StrokeJ built the network, or null for external models
 * @param training provenance of the weights, or null
 * @param weightsSha256 lower-case hex SHA-256 of the weight files, or null (not checked)
 * @param tf TensorFlow signature binding
 */
public record ModelSpec(String name, Kind kind, String version, Input input,
	List<Map<String, Object>> preprocessing, List<String> classes, OutputKind outputKind,
	Map<String, Double> thresholds, TilingSpec tiling, Architecture architecture, Training training,
	String weightsSha256, TfBinding tf)
{

	/** The spec's file name inside a model folder. */
	public static final String FILE_NAME = "model.json";

	/**
	 * Statistics derived from the weights and the training data (the familiarity reference), kept
	 * beside the weights but not part of {@link #weightsSha256}: it can be recomputed.
	 */
	public static final String DERIVED_FILE = "ood_reference.json";

	/** What the model does. */
	public enum Kind {
		CLASSIFIER, SEGMENTER;

		public String key() { return name().toLowerCase(Locale.ROOT); }
	}

	/** What the output tensor holds. */
	public enum OutputKind {
		/** Softmax probabilities over {@link ModelSpec#classes()} (last axis). */
		PROBABILITIES,
		/** Per-pixel probabilities over label classes (segmenters). */
		LABEL_PROBABILITIES;

		public String key() { return name().toLowerCase(Locale.ROOT); }
	}

	/**
	 * Input geometry.
	 *
	 * @param axes axis order of one sample; only {@code "yxc"} is supported
	 * @param height input height (the classifier's fixed size, the segmenter's training size)
	 * @param width input width
	 * @param channels channels (1, 3, or {@code 2 * contextSlices + 1} for 2.5D)
	 * @param spacingMm expected pixel spacing {y, x} in mm, or null when any spacing is accepted
	 * @param contextSlices slices above and below fed as extra channels (0 = 2D)
	 */
	public record Input(String axes, int height, int width, int channels, double[] spacingMm, int contextSlices) {
		public Input {
			spacingMm = spacingMm == null ? null : spacingMm.clone();
		}

		@Override
		public double[] spacingMm() { return spacingMm == null ? null : spacingMm.clone(); }

		@Override
		public boolean equals(Object o) {
			return o instanceof Input i && axes.equals(i.axes) && height == i.height && width == i.width && channels == i.channels &&
				java.util.Arrays.equals(spacingMm, i.spacingMm) && contextSlices == i.contextSlices;
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hash(axes, height, width, channels, java.util.Arrays.hashCode(spacingMm), contextSlices);
		}

		@Override
		public String toString() {
			return "Input[axes=" + axes + ", height=" + height + ", width=" + width + ", channels=" + channels + ", spacingMm=" +
				java.util.Arrays.toString(spacingMm) + ", contextSlices=" + contextSlices + "]";
		}
	}

	/**
	 * Tile geometry.
	 *
	 * @param tileSize tile edge in pixels (a multiple of {@code blockMultiple})
	 * @param overlap overlap between neighbouring tiles in pixels (even, less than half the tile)
	 * @param blockMultiple sizes fed to the network are multiples of this
	 */
	public record TilingSpec(int tileSize, int overlap, int blockMultiple) {}

	/**
	 * Provenance of the weights.
	 *
	 * @param data description of the training data
	 * @param epochs epochs trained
	 * @param seed random seed
	 * @param command command that produced the model
	 * @param metrics validation metrics by name
	 */
	public record Training(String data, int epochs, long seed, String command, Map<String, Double> metrics) {
		public Training {
			metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
		}
	}

	/**
	 * Where the network's tensors are.
	 *
	 * @param signature signature key in the SavedModel
	 * @param input input name in that signature
	 * @param output output name in that signature
	 */
	public record TfBinding(String signature, String input, String output) {
		/** {@code serving_default}, {@code input}, {@code probabilities}. */
		public static TfBinding defaults() { return new TfBinding("serving_default", "input", "probabilities"); }
	}

	public ModelSpec {
		preprocessing = preprocessing == null ? List.of() : deepCopySteps(preprocessing);
		classes = classes == null ? null : List.copyOf(classes);
		thresholds = thresholds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
		if (tf == null) tf = TfBinding.defaults();
		if (outputKind == null) outputKind = OutputKind.PROBABILITIES;
		String problem = problem(name, kind, input, classes, thresholds, tiling, weightsSha256, tf);
		if (problem != null) throw new IllegalArgumentException(FILE_NAME + ": " + problem);
	}

	// -- Derived values --

	/** Number of classes. */
	public int numClasses() { return classes.size(); }

	/** The preprocessing steps as a JSON array string, for the preprocessing layer to parse. */
	public String preprocessingJson() {
		return new Gson().toJson(preprocessing);
	}

	/** A copy with other weights_sha256. */
	public ModelSpec withWeightsSha256(String sha) {
		return new ModelSpec(name, kind, version, input, preprocessing, classes, outputKind, thresholds, tiling,
			architecture, training, sha, tf);
	}

	/** A copy with another training record. */
	public ModelSpec withTraining(Training t) {
		return new ModelSpec(name, kind, version, input, preprocessing, classes, outputKind, thresholds, tiling,
			architecture, t, weightsSha256, tf);
	}

	// -- Loading and writing --

	/**
	 * Reads and validates {@code dir/model.json}; when it names a {@code weights_sha256}, also checks
	 * the weight files against it.
	 *
	 * @throws ModelLoadException naming the file and the cause, e.g. "model.json: input.height must
	 *           be a positive multiple of 16" or "weights SHA-256 mismatch: …"
	 */
	public static ModelSpec load(Path dir) throws IOException {
		Path file = dir.resolve(FILE_NAME);
		if (!Files.isDirectory(dir)) throw new ModelLoadException(dir, "not a model folder (no such directory)");
		if (!Files.isRegularFile(file)) throw new ModelLoadException(file, "missing (a model folder needs " + FILE_NAME + ")");
		String text = Files.readString(file, StandardCharsets.UTF_8);
		ModelSpec spec;
		try {
			spec = parse(text);
		}
		catch (IllegalArgumentException e) {
			throw new ModelLoadException(file, e.getMessage().replaceFirst("^" + FILE_NAME + ": ", ""));
		}
		if (spec.weightsSha256() != null) {
			String actual = weightsSha256(dir);
			if (!actual.equals(spec.weightsSha256()))
				throw new ModelLoadException(dir, "weights SHA-256 mismatch: model.json says " + spec.weightsSha256() +
					" but the files hash to " + actual + " (weights changed or corrupt)");
		}
		return spec;
	}

	/**
	 * Parses a {@code model.json} text.
	 *
	 * @throws IllegalArgumentException with a message "model.json: &lt;field&gt; …" when invalid
	 */
	public static ModelSpec parse(String json) {
		JsonObject o;
		try {
			JsonElement e = JsonParser.parseString(json);
			if (!e.isJsonObject()) throw new IllegalArgumentException(FILE_NAME + ": not a JSON object");
			o = e.getAsJsonObject();
		}
		catch (JsonParseException e) {
			throw new IllegalArgumentException(FILE_NAME + ": invalid JSON (" + oneLine(e.getMessage()) + ")");
		}
		try {
			return fromJson(o);
		}
		catch (IllegalStateException | ClassCastException | NumberFormatException | UnsupportedOperationException e) {
			throw new IllegalArgumentException(FILE_NAME + ": wrong value type (" + oneLine(e.getMessage()) + ")");
		}
	}

	/** Writes {@code dir/model.json} atomically (temp file + move). */
	public void write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, ".model", ".json.tmp");
		try {
			Files.writeString(tmp, toJson() + "\n", StandardCharsets.UTF_8);
			Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** This spec as pretty-printed JSON (snake_case keys). */
	public String toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("name", name);
		o.addProperty("kind", kind.key());
		if (version != null) o.addProperty("version", version);
		JsonObject in = new JsonObject();
		in.addProperty("axes", input.axes());
		in.addProperty("height", input.height());
		in.addProperty("width", input.width());
		in.addProperty("channels", input.channels());
		if (input.spacingMm() != null) in.add("spacing_mm", doubles(input.spacingMm()));
		in.addProperty("context_slices", input.contextSlices());
		o.add("input", in);
		Gson gson = new Gson();
		o.add("preprocessing", gson.toJsonTree(preprocessing));
		JsonArray cl = new JsonArray();
		classes.forEach(cl::add);
		o.add("classes", cl);
		JsonObject out = new JsonObject();
		out.addProperty("kind", outputKind.key());
		o.add("output", out);
		o.add("thresholds", gson.toJsonTree(thresholds));
		if (tiling != null) {
			JsonObject t = new JsonObject();
			t.addProperty("tile_size", tiling.tileSize());
			t.addProperty("overlap", tiling.overlap());
			t.addProperty("block_multiple", tiling.blockMultiple());
			o.add("tiling", t);
		}
		if (architecture != null) {
			JsonObject a = new JsonObject();
			a.addProperty("type", architecture.type());
			a.add("filters", gson.toJsonTree(architecture.filters()));
			a.addProperty("normalization", architecture.normalization());
			a.addProperty("upsampling", architecture.upsampling());
			if (Architecture.CNN.equals(architecture.type())) {
				a.addProperty("convs", architecture.convs());
				a.addProperty("head", architecture.head());
			}
			o.add("architecture", a);
		}
		if (training != null) {
			JsonObject t = new JsonObject();
			if (training.data() != null) t.addProperty("data", training.data());
			t.addProperty("epochs", training.epochs());
			t.addProperty("seed", training.seed());
			if (training.command() != null) t.addProperty("command", training.command());
			t.add("metrics", gson.toJsonTree(training.metrics()));
			o.add("training", t);
		}
		if (weightsSha256 != null) o.addProperty("weights_sha256", weightsSha256);
		JsonObject b = new JsonObject();
		b.addProperty("signature", tf.signature());
		b.addProperty("input", tf.input());
		b.addProperty("output", tf.output());
		o.add("tf", b);
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o);
	}

	// -- Weights hash --

	/**
	 * SHA-256 over the weight files of a model folder, in a canonical order: every regular file
	 * below {@code dir} except {@code model.json}, files ending in {@code .md} and names starting
	 * with {@code .}; sorted by relative path ({@code /}-separated, {@link String#compareTo});
	 * for each file the digest takes the path's UTF-8 bytes, one zero byte, the file length as
	 * 8 bytes big-endian, then the file's bytes.
	 *
	 * @return lower-case hex digest
	 */
	public static String weightsSha256(Path dir) throws IOException {
		List<String> paths = new ArrayList<>();
		try (Stream<Path> s = Files.walk(dir)) {
			s.filter(Files::isRegularFile).forEach(p -> {
				String rel = dir.relativize(p).toString().replace('\\', '/');
				String base = p.getFileName().toString();
				if (rel.equals(FILE_NAME) || rel.equals(DERIVED_FILE) || base.endsWith(".md") || base.startsWith(".")) return;
				for (Path part : dir.relativize(p)) if (part.toString().startsWith(".")) return;
				paths.add(rel);
			});
		}
		Collections.sort(paths);
		MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		byte[] buf = new byte[1 << 16];
		for (String rel : paths) {
			Path p = dir.resolve(rel);
			md.update(rel.getBytes(StandardCharsets.UTF_8));
			md.update((byte) 0);
			long len = Files.size(p);
			for (int i = 7; i >= 0; i--) md.update((byte) (len >>> (8 * i)));
			try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
				while (in.read(buf) >= 0) { /* digest */ }
			}
		}
		return HexFormat.of().formatHex(md.digest());
	}

	// -- Helpers --

	private static ModelSpec fromJson(JsonObject o) {
		String name = str(o, "name", true);
		String kindS = str(o, "kind", true);
		Kind kind = switch (kindS) {
			case "classifier" -> Kind.CLASSIFIER;
			case "segmenter" -> Kind.SEGMENTER;
			default -> throw bad("kind must be \"classifier\" or \"segmenter\", not \"" + kindS + "\"");
		};
		String version = str(o, "version", false);
		JsonObject in = obj(o, "input", true);
		String axes = str(in, "axes", false);
		if (axes == null) axes = "yxc";
		double[] spacing = null;
		if (in.has("spacing_mm") && !in.get("spacing_mm").isJsonNull()) {
			JsonArray a = in.getAsJsonArray("spacing_mm");
			spacing = new double[a.size()];
			for (int i = 0; i < spacing.length; i++) spacing[i] = a.get(i).getAsDouble();
		}
		Input input = new Input(axes, integer(in, "input.height", "height", true, 0), integer(in, "input.width",
			"width", true, 0), integer(in, "input.channels", "channels", true, 0), spacing, integer(in,
				"input.context_slices", "context_slices", false, 0));
		List<Map<String, Object>> pre = List.of();
		if (o.has("preprocessing") && !o.get("preprocessing").isJsonNull()) {
			if (!o.get("preprocessing").isJsonArray()) throw bad("preprocessing must be a JSON array of step objects");
			pre = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create().fromJson(o.get("preprocessing"), new TypeToken<List<Map<String, Object>>>() {}.getType());
		}
		if (!o.has("classes") || !o.get("classes").isJsonArray()) throw bad("classes is missing (a JSON array of class names)");
		List<String> classes = new ArrayList<>();
		for (JsonElement e : o.getAsJsonArray("classes")) classes.add(e.getAsString());
		OutputKind outKind = OutputKind.PROBABILITIES;
		if (o.has("output")) {
			JsonElement out = o.get("output");
			String k = out.isJsonPrimitive() ? out.getAsString() : str(out.getAsJsonObject(), "kind", false);
			if (k != null) outKind = switch (k) {
				case "probabilities" -> OutputKind.PROBABILITIES;
				case "label_probabilities" -> OutputKind.LABEL_PROBABILITIES;
				default -> throw bad("output.kind must be \"probabilities\" or \"label_probabilities\", not \"" + k + "\"");
			};
		}
		Map<String, Double> thresholds = new LinkedHashMap<>();
		JsonObject th = obj(o, "thresholds", false);
		if (th != null) for (String k : th.keySet()) thresholds.put(k, th.get(k).getAsDouble());
		TilingSpec tiling = null;
		JsonObject t = obj(o, "tiling", false);
		if (t != null) {
			int block = integer(t, "tiling.block_multiple", "block_multiple", false, 16);
			int tile = integer(t, "tiling.tile_size", "tile_size", false, Math.max(input.height(), input.width()));
			tiling = new TilingSpec(tile, integer(t, "tiling.overlap", "overlap", false, defaultOverlap(tile)), block);
		}
		Architecture arch = null;
		JsonObject a = obj(o, "architecture", false);
		if (a != null) {
			List<Integer> filters = new ArrayList<>();
			if (!a.has("filters")) throw bad("architecture.filters is missing");
			for (JsonElement e : a.getAsJsonArray("filters")) filters.add(e.getAsInt());
			arch = new Architecture(str(a, "type", true), filters, str(a, "normalization", false), str(a, "upsampling", false),
				a.has("convs") ? a.get("convs").getAsInt() : 1, str(a, "head", false));
		}
		Training training = null;
		JsonObject tr = obj(o, "training", false);
		if (tr != null) {
			Map<String, Double> metrics = new LinkedHashMap<>();
			JsonObject m = obj(tr, "metrics", false);
			if (m != null) for (String k : m.keySet()) metrics.put(k, m.get(k).getAsDouble());
			training = new Training(str(tr, "data", false), integer(tr, "training.epochs", "epochs", false, 0),
				tr.has("seed") ? tr.get("seed").getAsLong() : 0, str(tr, "command", false), metrics);
		}
		String sha = str(o, "weights_sha256", false);
		TfBinding tf = TfBinding.defaults();
		JsonObject b = obj(o, "tf", false);
		if (b != null) {
			String sig = str(b, "signature", false), i = str(b, "input", false), out = str(b, "output", false);
			tf = new TfBinding(sig == null ? tf.signature() : sig, i == null ? tf.input() : i, out == null ? tf.output() : out);
		}
		return new ModelSpec(name, kind, version, input, pre, classes, outKind, thresholds, tiling, arch, training,
			sha == null ? null : sha.toLowerCase(Locale.ROOT), tf);
	}

	/** Default overlap for a tile size: an eighth of the tile, even, at least 2 pixels. */
	public static int defaultOverlap(int tileSize) {
		return Math.max(2, (tileSize / 8) & ~1);
	}

	/** The tiling to use: the spec's, or one tile of the input size with the default overlap. */
	public TilingSpec tilingOrDefault() {
		if (tiling != null) return tiling;
		int tile = Math.max(input.height(), input.width());
		return new TilingSpec(tile, defaultOverlap(tile), 16);
	}

	private static String problem(String name, Kind kind, Input input, List<String> classes,
		Map<String, Double> thresholds, TilingSpec tiling, String sha, TfBinding tf)
	{
		if (name == null || name.isBlank()) return "name is missing";
		if (kind == null) return "kind is missing (\"classifier\" or \"segmenter\")";
		if (input == null) return "input is missing";
		if (!"yxc".equals(input.axes())) return "input.axes \"" + input.axes() + "\" is not supported (only \"yxc\")";
		int block = tiling == null ? 16 : tiling.blockMultiple();
		if (tiling != null && (block < 1 || Integer.bitCount(block) != 1))
			return "tiling.block_multiple must be a positive power of two, not " + block;
		if (input.height() <= 0 || input.height() % block != 0)
			return "input.height must be a positive multiple of " + block + ", not " + input.height();
		if (input.width() <= 0 || input.width() % block != 0)
			return "input.width must be a positive multiple of " + block + ", not " + input.width();
		if (input.contextSlices() < 0) return "input.context_slices must not be negative";
		if (input.contextSlices() > 0) {
			if (input.channels() != 2 * input.contextSlices() + 1)
				return "input.channels must be 2 * context_slices + 1 = " + (2 * input.contextSlices() + 1) + ", not " + input.channels();
		}
		else if (input.channels() != 1 && input.channels() != 3)
			return "input.channels must be 1 or 3, not " + input.channels();
		double[] sp = input.spacingMm();
		if (sp != null) {
			if (sp.length != 2) return "input.spacing_mm must have 2 values (y, x)";
			for (double s : sp) if (!(s > 0) || Double.isInfinite(s)) return "input.spacing_mm must be positive";
		}
		if (classes == null || classes.size() < 2) return "classes must name at least 2 classes";
		if (new LinkedHashSet<>(classes).size() != classes.size()) return "classes must be unique: " + classes;
		for (String c : classes) if (c == null || c.isBlank()) return "classes must not contain empty names";
		for (Map.Entry<String, Double> e : thresholds.entrySet()) {
			double v = e.getValue();
			if (!(v >= 0 && v <= 1)) return "thresholds." + e.getKey() + " must be in [0, 1], not " + v;
		}
		if (tiling != null) {
			if (tiling.tileSize() <= 0 || tiling.tileSize() % block != 0)
				return "tiling.tile_size must be a positive multiple of " + block + ", not " + tiling.tileSize();
			if (tiling.overlap() < 0 || tiling.overlap() % 2 != 0 || 2 * tiling.overlap() >= tiling.tileSize())
				return "tiling.overlap must be even, >= 0 and less than half of tile_size, not " + tiling.overlap();
		}
		if (sha != null && !sha.matches("[0-9a-fA-F]{64}")) return "weights_sha256 must be 64 hex digits";
		if (tf.signature() == null || tf.input() == null || tf.output() == null) return "tf needs signature, input and output";
		return null;
	}

	private static List<Map<String, Object>> deepCopySteps(List<Map<String, Object>> steps) {
		List<Map<String, Object>> copy = new ArrayList<>();
		for (Map<String, Object> m : steps) {
			if (m == null) throw new IllegalArgumentException(FILE_NAME + ": preprocessing steps must be objects");
			copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
		}
		return Collections.unmodifiableList(copy);
	}

	private static JsonArray doubles(double[] v) {
		JsonArray a = new JsonArray();
		for (double d : v) a.add(new JsonPrimitive(d));
		return a;
	}

	private static String str(JsonObject o, String key, boolean required) {
		JsonElement e = o.get(key);
		if (e == null || e.isJsonNull()) {
			if (required) throw bad(key + " is missing");
			return null;
		}
		return e.getAsString();
	}

	private static JsonObject obj(JsonObject o, String key, boolean required) {
		JsonElement e = o.get(key);
		if (e == null || e.isJsonNull()) {
			if (required) throw bad(key + " is missing");
			return null;
		}
		if (!e.isJsonObject()) throw bad(key + " must be a JSON object");
		return e.getAsJsonObject();
	}

	private static int integer(JsonObject o, String label, String key, boolean required, int dflt) {
		JsonElement e = o.get(key);
		if (e == null || e.isJsonNull()) {
			if (required) throw bad(label + " is missing");
			return dflt;
		}
		double d = e.getAsDouble();
		if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw bad(label + " must be an integer, not " + e);
		return (int) d;
	}

	private static IllegalArgumentException bad(String msg) {
		return new IllegalArgumentException(FILE_NAME + ": " + msg);
	}

	private static String oneLine(String s) {
		return s == null ? "" : s.replaceAll("\\s+", " ").trim();
	}
}
