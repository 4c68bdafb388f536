package org.strokej.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.strokej.core.data.Datasets;
import org.strokej.core.data.Sample;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ImageReadException;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;
import org.strokej.model.Architecture;
import org.strokej.model.ModelSpec;
import org.strokej.model.ModelTrainers;
import org.strokej.model.TrainingConfig;
import org.strokej.model.TrainingData;
import org.strokej.model.TrainingListener;
import org.strokej.model.TrainingResult;

/**
 * The training façade: gathers labelled slices (real data sets, phantoms, a user's folders),
 * preprocesses them exactly as the model spec says inference will, and trains a classifier or
 * segmenter with the engine found on the classpath. Used by the runner's {@code train}, the
 * "Train Stroke Model" command and cross-validation.
 */
public final class Trainer {

	/** The two kinds of StrokeJ models. */
	public enum Kind {
		CLASSIFIER, SEGMENTER;

		public static Kind of(String s) {
			switch (s.toLowerCase()) {
				case "classifier": case "cnn": case "classify": return CLASSIFIER;
				case "segmenter": case "unet": case "u-net": case "segment": return SEGMENTER;
				default: throw new IllegalArgumentException("kind must be classifier or segmenter, not '" +
					s + "'");
			}
		}
	}

	public static final List<String> CLASSIFIER_CLASSES = List.of("normal", "hemorrhagic",
		"ischemic");
	public static final List<String> SEGMENTER_CLASSES = List.of("background", "hemorrhage",
		"ischemia");

	private Trainer() {}

	// -- Model templates --

	/**
	 * The default preprocessing: brain window (8-bit windowed input is only scaled to 0–1), brain
	 * mask found but not applied, square crop to the brain with a 10 mm margin, resize to size².
	 * The mask is not applied because in 8-bit brain-window images dense blood is as bright as
	 * bone, so blood against the skull (subdural, epidural) would be cut away with it.
	 */
	public static PreprocessPipeline defaultPreprocessing(int size) {
		return defaultPreprocessing(size, false);
	}

	/**
	 * The default preprocessing, optionally blanking (0) everything outside the brain mask before
	 * the crop: the bundled U-Net was trained that way, and segmenters trained without it
	 * segmented hemorrhage worse (docs/evaluation/strokej-unet-5fold-bundled-recipe/).
	 */
	public static PreprocessPipeline defaultPreprocessing(int size, boolean blankOutsideBrain) {
		return PreprocessPipeline.fromJson("[{\"op\":\"window\",\"preset\":\"brain\"}," +
			"{\"op\":\"brain_mask\",\"apply\":" + blankOutsideBrain + "},{\"op\":\"crop\",\"margin_mm\":10," +
			"\"square\":true},{\"op\":\"resize\",\"width\":" + size + ",\"height\":" + size +
			"}]");
	}

	/** A spec template for training: architecture, input, classes, preprocessing. */
	public static ModelSpec template(Kind kind, String name, int size, PreprocessPipeline p) {
		return template(kind, name, size, p, defaultArchitecture(kind));
	}

	/**
	 * The default networks: a CNN of four blocks (16, 32, 64, 128 filters, one 3×3 convolution
	 * each) with average + max pooling before its dense layer; a U-Net of levels 16, 32, 64, 128.
	 */
	public static Architecture defaultArchitecture(Kind kind) {
		return kind == Kind.CLASSIFIER ? Architecture.cnn(16, 32, 64, 128).withCnnBlocks(1,
			Architecture.HEAD_AVGMAX) : Architecture.unet(16, 32, 64, 128);
	}

	/** A spec template with a given architecture. */
	public static ModelSpec template(Kind kind, String name, int size, PreprocessPipeline p,
		Architecture arch)
	{
		return template(kind, name, size, p, arch, 0);
	}

	/**
	 * A spec template with a given architecture that sees {@code contextSlices} neighbouring
	 * slices on either side of each slice as extra channels ({@link SliceContext}; classifiers only).
	 */
	public static ModelSpec template(Kind kind, String name, int size, PreprocessPipeline p,
		Architecture arch, int contextSlices)
	{
		if (contextSlices < 0 || contextSlices > 0 && kind != Kind.CLASSIFIER) throw new IllegalArgumentException(
			"context slices are for classifiers, and not negative: " + contextSlices);
		boolean cls = kind == Kind.CLASSIFIER;
		if (cls != Architecture.CNN.equals(arch.type())) throw new IllegalArgumentException(
			"a " + kind.name().toLowerCase() + " needs a " + (cls ? "cnn" : "unet") +
				" architecture, not " + arch.type());
		return new ModelSpec(name, cls ? ModelSpec.Kind.CLASSIFIER : ModelSpec.Kind.SEGMENTER,
			"1.0", new ModelSpec.Input("yxc", size, size, 2 * contextSlices + 1, null,
				contextSlices), p.describe(), cls
				? CLASSIFIER_CLASSES : SEGMENTER_CLASSES, ModelSpec.OutputKind.PROBABILITIES, cls ? Map
					.of("stroke", 0.5) : Map.of("lesion", 0.5), cls ? null : new ModelSpec.TilingSpec(size,
						size / 4, arch.blockMultiple()), arch, null, null, null);
	}

	// -- Data sources --

	/**
	 * A slice to train on, made when needed: data sets keep their 8-bit pixels and phantoms their
	 * seed until preprocessing, so tens of thousands of full-size float slices never sit in memory
	 * at once.
	 *
	 * @param hasMask whether the slice will have a mask
	 */
	public record Source(String id, String group, int label, boolean hasMask,
		Supplier<LabelledSlice> make)
	{
		public static Source of(LabelledSlice s) {
			return new Source(s.id(), s.group(), s.label(), s.mask() != null, () -> s);
		}
	}

	/**
	 * Converts loaded data-set samples (8-bit windowed slices, nominal spacing), each with {@code contextSlices} neighbours of its group on
	 * either side (by slice number; the ends repeat; samples without a slice number get copies of
	 * themselves), lazily.
	 *
	 * @param replicateShare share of the samples (a seeded choice) that get copies of themselves as
	 *          neighbours even though they have real ones, so that training also covers single
	 *          images: bhsd and cpaisd slices, which have no neighbours, are all lesions, and a
	 *          model should not learn "no neighbours, so a lesion"
	 */
	public static List<Source> fromSamples(List<Sample> samples, int contextSlices, double replicateShare,
		long seed)
	{
		Map<String, List<Sample>> groups = new HashMap<>();
		if (contextSlices > 0) for (Sample s : samples)
			if (s.sliceNumber() >= 0) groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
		groups.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(Sample::sliceNumber)));
		List<Source> out = new ArrayList<>(samples.size());
		for (Sample s : samples) {
			List<Sample> g = groups.get(s.group());
			boolean alone = g == null || new java.util.Random(seed * 31 + s.id().hashCode()).nextDouble() <
				replicateShare;
			List<Sample> context = new ArrayList<>();
			if (!alone) {
				int i = g.indexOf(s);
				for (int j = -contextSlices; j <= contextSlices; j++)
					context.add(g.get(Math.max(0, Math.min(g.size() - 1, i + j))));
			}
			out.add(new Source(s.id(), s.group(), s.label(), s.hasMask(), () -> toSlice(s, context,
				contextSlices)));
		}
		return out;
	}

	private static LabelledSlice toSlice(Sample s, List<Sample> context, int contextSlices) {
		Volume img = Spacings.withNominal(markSpacingMissing(s.image()));
		Volume mask = s.mask() == null ? null : Volume.of(s.mask().data(), img.nx(), img.ny(), 1, img
			.spacing(), img.metadata());
		Volume in = img;
		if (!context.isEmpty()) {
			List<Volume> slices = new ArrayList<>();
			for (Sample c : context)
				slices.add(c == s ? img : Spacings.withNominal(markSpacingMissing(c.image())));
			in = SliceContext.of(slices);
		}
		else if (contextSlices > 0) in = SliceContext.replicate(img, contextSlices);
		return new LabelledSlice(s.id(), s.group(), in, s.label(), mask, s.dataset());
	}

	private static Volume markSpacingMissing(Volume v) {
		ImageMetadata m = v.metadata();
		Map<String, String> extra = new HashMap<>(m.extra());
		extra.put("spacing_missing", "true");
		return v.withMetadata(new ImageMetadata(m.modality(), m.format(), m.valueUnit(), m
			.orientation(), m.source(), extra));
	}

	/**
	 * Loads a real data set by name ("ct-ich", "bhsd", "cpaisd") from the data root, with context
	 * slices as {@link #fromSamples(List, int, double, long)} makes them (0: the slices alone).
	 */
	public static List<Source> dataset(String name, Path dataRoot, int contextSlices, double replicateShare,
		long seed) throws ImageReadException
	{
		return fromSamples(Datasets.load(name, dataRoot.resolve(name)), contextSlices, replicateShare, seed);
	}

	/**
	 * 2D phantom slices (HU, 0.45 mm pixels, 512²) with exact masks: {@code count} of each of the
	 * given lesion kinds, seeds {@code seed, seed+1, ...}; group = "phantom-" + seed.
	 */
	public static List<Source> phantoms(int count, long seed, LesionKind... kinds) {
		return phantoms(count, seed, 0, kinds);
	}

	/**
	 * Phantom slices as {@link #phantoms(int, long, LesionKind...)}; with {@code contextSlices} > 0
	 * each is the middle of a phantom of 2k + 1 slices {@value SliceContext#SPACING_MM} mm apart,
	 * labelled (and masked) by its middle slice.
	 */
	public static List<Source> phantoms(int count, long seed, int contextSlices, LesionKind... kinds) {
		List<Source> out = new ArrayList<>();
		int nz = 2 * contextSlices + 1;
		for (LesionKind kind : kinds) {
			for (int i = 0; i < count; i++) {
				long s = seed + i + 100_000L * kind.ordinal();
				double noise = 3 + (i % 6);
				String id = "phantom-" + kind.name().toLowerCase() + "-" + s;
				// The slice label is known only once the phantom exists (a lesion may miss the
				// slice), so it is refined in prepare(); here the intended class.
				int intended = kind == LesionKind.HEMORRHAGE ? 1 : kind == LesionKind.ISCHEMIA ? 2 : 0;
				out.add(new Source(id, id, intended, true, () -> {
					Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(512, 512, nz)
						.spacing(0.45, 0.45, SliceContext.SPACING_MM).seed(s).lesions(kind, 2).noiseSigmaHu(noise).build());
					Volume mask = nz == 1 ? p.labels() : StrokeDetector.slice(p.labels(), nz / 2);
					return new LabelledSlice(id, id, p.hu(), sliceLabel(mask), mask, "phantom");
				}));
			}
		}
		return out;
	}

	/**
	 * Keeps every slice with a mask or a lesion label, and at most {@code max} normal slices
	 * without a mask (a seeded random choice): a segmenter needs some lesion-free slices, not
	 * thousands.
	 */
	public static List<Source> limitUnmaskedNormals(List<Source> slices, int max, long seed) {
		List<Source> keep = new ArrayList<>(), normals = new ArrayList<>();
		for (Source s : slices)
			(!s.hasMask() && s.label() == 0 ? normals : keep).add(s);
		java.util.Collections.shuffle(normals, new java.util.Random(seed));
		keep.addAll(normals.subList(0, Math.min(max, normals.size())));
		return keep;
	}

	/**
	 * Repeats every real (non-phantom) slice that has a lesion mask {@code k} times in all, so the
	 * few real masks weigh more against the phantoms; copies keep their group (patient), so a
	 * patient-level split never puts a copy on the other side, and augmentation makes them differ.
	 */
	public static List<Source> oversampleRealMasks(List<Source> slices, int k) {
		if (k < 1) throw new IllegalArgumentException("oversampling factor must be at least 1: " + k);
		List<Source> out = new ArrayList<>(slices);
		for (Source s : slices)
			if (s.hasMask() && s.label() > 0 && !s.id().startsWith("phantom-"))
				for (int c = 1; c < k; c++)
					out.add(new Source(s.id() + "#" + c, s.group(), s.label(), true, s.make()));
		return out;
	}

	/** Slice class from a mask: the lesion class with more voxels, 0 when none. */
	public static int sliceLabel(Volume mask) {
		long h = 0, i = 0;
		for (float v : mask.data()) {
			if (v == 1) h++;
			else if (v == 2) i++;
		}
		return h == 0 && i == 0 ? 0 : h >= i ? 1 : 2;
	}

	// -- Preparation --

	/** Preprocessed slices ready for training, in memory. */
	public record Prepared(int size, int channels, float[] images, int[] labels, int[] masks,
		String[] groups, String[] ids, String[] sources) implements TrainingData
	{
		@Override public int height() { return size; }
		@Override public int width() { return size; }
		@Override public boolean hasMasks() { return masks != null; }
		@Override public int size() { return labels.length; }
		@Override public void image(int i, float[] dst, int offset) {
			int per = size * size * channels;
			System.arraycopy(images, i * per, dst, offset, per);
		}
		@Override public int label(int i) { return labels[i]; }
		@Override public void mask(int i, int[] dst, int offset) {
			System.arraycopy(masks, i * size * size, dst, offset, size * size);
		}
		@Override public String group(int i) { return groups[i]; }
	}

	/**
	 * Runs the pipeline on every slice (in parallel) and keeps the model-sized result.
	 *
	 * @param withMasks also map each slice's mask onto the output grid (slices without a mask get
	 *          an all-background mask only when their label is 0; others are dropped)
	 */
	public static Prepared prepare(List<Source> slices, PreprocessPipeline p, int size,
		boolean withMasks, Consumer<String> log)
	{
		return prepare(slices, p, size, withMasks, 0, log);
	}

	/**
	 * As {@link #prepare(List, PreprocessPipeline, int, boolean, Consumer)} for a model with
	 * {@code contextSlices} on either side: slices that come without context get copies of
	 * themselves ({@link SliceContext#replicate}).
	 */
	public static Prepared prepare(List<Source> slices, PreprocessPipeline p, int size,
		boolean withMasks, int contextSlices, Consumer<String> log)
	{
		List<Source> use = new ArrayList<>();
		for (Source s : slices)
			if (!withMasks || s.hasMask() || s.label() == 0) use.add(s);
		int n = use.size();
		LabelledSlice[] made = new LabelledSlice[n];
		float[][] imgs = new float[n][];
		int[][] masks = withMasks ? new int[n][] : null;
		int[] channels = { 0 };
		AtomicInteger done = new AtomicInteger();
		long t0 = System.nanoTime();
		IntStream.range(0, n).parallel().forEach(i -> {
			LabelledSlice s = use.get(i).make().get();
			// the source's id and group: oversampling copies share a slice but not an id
			made[i] = new LabelledSlice(use.get(i).id(), use.get(i).group(), tiny(s.image()), s.label(), null, s
				.source());
			Volume image = s.image().nz() == 1 ? SliceContext.replicate(s.image(), contextSlices) : s.image();
			if (image.nz() != 2 * contextSlices + 1) throw new IllegalStateException(s.id() + ": " + image.nz() +
				" slices with context, the model needs " + (2 * contextSlices + 1));
			PreprocessResult r = p.run(image);
			List<Volume> ch = SliceContext.channels(r);
			Volume v0 = ch.get(0);
			if (v0.nx() != size || v0.ny() != size) throw new IllegalStateException(s.id() +
				": preprocessing gave " + v0.nx() + "x" + v0.ny() + ", model needs " + size);
			float[] yxc = new float[size * size * ch.size()];
			StrokeDetector.interleave(ch, yxc, 0, size, size);
			imgs[i] = yxc;
			synchronized (channels) {
				channels[0] = ch.size();
			}
			if (withMasks) {
				int[] m = new int[size * size];
				if (s.mask() != null) {
					float[] md = SliceContext.mapForwardCentre(r, s.mask(), true);
					for (int k = 0; k < m.length; k++)
						m[k] = Math.round(md[k]);
				}
				masks[i] = m;
			}
			int d = done.incrementAndGet();
			if (log != null && d % 500 == 0) log.accept(String.format("preprocessed %d/%d slices " +
				"(%.0f s)", d, n, (System.nanoTime() - t0) / 1e9));
		});
		int c = channels[0];
		float[] all = new float[n * size * size * c];
		int[] labels = new int[n];
		int[] allMasks = withMasks ? new int[n * size * size] : null;
		String[] groups = new String[n], ids = new String[n], sources = new String[n];
		for (int i = 0; i < n; i++) {
			System.arraycopy(imgs[i], 0, all, i * size * size * c, size * size * c);
			LabelledSlice s = made[i];
			labels[i] = s.label();
			groups[i] = s.group();
			ids[i] = s.id();
			sources[i] = s.source();
			if (withMasks) System.arraycopy(masks[i], 0, allMasks, i * size * size, size * size);
		}
		return new Prepared(size, c, all, labels, allMasks, groups, ids, sources);
	}

	/** A 1×1 stand-in keeping a slice's metadata without its pixels. */
	private static Volume tiny(Volume v) {
		return Volume.of(new float[1], 1, 1, 1, v.spacing(), v.metadata());
	}

	// -- Training --

	/** Trains with the classpath's engine and exports the best weights to {@code out}. */
	public static TrainingResult train(ModelSpec template, TrainingConfig config, TrainingData data,
		TrainingData validation, Path fineTuneFrom, Path out, TrainingListener listener,
		BooleanSupplier cancel) throws IOException
	{
		if (Files.exists(out)) {
			try (var s = Files.list(out)) {
				if (s.findAny().isPresent()) throw new IOException(out +
					": output folder is not empty; choose a new one");
			}
		}
		return ModelTrainers.get().train(template, config, data, validation, fineTuneFrom, out,
			listener, cancel);
	}

	/** Per-class sample counts, for logs and model cards. */
	public static int[] classCounts(TrainingData d, int classes) {
		int[] c = new int[classes];
		for (int i = 0; i < d.size(); i++)
			c[d.label(i)]++;
		return c;
	}
}
