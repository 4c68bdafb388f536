package org.strokej.ij1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import org.strokej.core.io.AtomicFiles;
import org.strokej.core.io.ImageReadException;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;
import org.strokej.pipeline.Csv;
import org.strokej.pipeline.DetectionResult;
import org.strokej.pipeline.Progress;
import org.strokej.pipeline.StrokeDetector;

/**
 * Detection over one image or a folder of them (DICOM series folders, NIfTI files, 2D images),
 * the way a long batch must behave: sorted order, models loaded once, every file's outputs
 * written atomically, a bad file logged and skipped, finished files skipped on a re-run unless
 * {@code overwrite}, and the tables ({@code classification.csv}, {@code lesions.csv},
 * {@code summary.csv}) rebuilt from the per-image records at the end, so a killed run loses
 * nothing it had finished.
 */
public final class BatchDetection {

	/** Per-image record written last; its presence marks the image as done. */
	public static final String RECORD_SUFFIX = "_result.json";

	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues()
		.create();

	private BatchDetection() {}

	/** One scan to process. */
	public record Item(Path path, String name) {}

	/**
	 * @param done images processed now or earlier (skipped)
	 * @param failed images that could not be processed, with their one-line reasons
	 */
	public record Summary(int total, int processed, int skipped, List<String> failed) {}

	/**
	 * The scans in a path: a file or a DICOM series folder is one scan; any other folder holds
	 * scans (sub-folders = DICOM series, files = NIfTI or 2D images), sorted by name.
	 */
	public static List<Item> list(Path input) throws IOException {
		List<Item> items = new ArrayList<>();
		if (!Files.exists(input)) throw new ImageReadException(input, "no such file or folder");
		if (!Files.isDirectory(input) || isDicomSeries(input)) {
			items.add(new Item(input, CommandInvoker.titleOf(input)));
			return items;
		}
		List<Path> entries;
		try (var s = Files.list(input)) {
			entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
		}
		Set<String> names = new HashSet<>();
		for (Path p : entries) {
			String name = CommandInvoker.titleOf(p);
			if (!names.add(name)) {
				name = p.getFileName().toString().replace('.', '_');
				names.add(name);
			}
			items.add(new Item(p, name));
		}
		if (items.isEmpty()) throw new ImageReadException(input, "folder is empty");
		return items;
	}

	/**
	 * A folder is one DICOM series when it holds DICOM files and no NIfTI or 2D image files (other
	 * files, e.g. a README or DICOMDIR, are ignored); otherwise it is a folder of scans.
	 */
	private static boolean isDicomSeries(Path dir) throws IOException {
		boolean dicom = false;
		try (var s = Files.list(dir)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
				if (p.getFileName().toString().startsWith(".")) continue;
				ImageReaders.Format f;
				try {
					f = ImageReaders.detect(p);
				}
				catch (ImageReadException e) {
					continue;
				}
				if (f == ImageReaders.Format.DICOM) dicom = true;
				else return false;
			}
		}
		return dicom;
	}

	/** Runs detection on every item; never throws for a single bad image. */
	public static Summary run(List<Item> items, StrokeDetector detector,
		StrokeDetector.Settings settings, Path outDir, boolean overwrite, Progress progress,
		Consumer<String> log) throws IOException
	{
		Files.createDirectories(outDir);
		int processed = 0, skipped = 0;
		List<String> failed = new ArrayList<>();
		long t0 = System.nanoTime();
		for (int i = 0; i < items.size(); i++) {
			if (progress.isCancelled()) throw new CancellationException("cancelled after " + i +
				" of " + items.size() + " images");
			Item item = items.get(i);
			Path record = outDir.resolve(item.name() + RECORD_SUFFIX);
			String prefix = String.format(Locale.ROOT, "[%d/%d] %s: ", i + 1, items.size(), item
				.name());
			if (!overwrite && Files.exists(record)) {
				skipped++;
				log.accept(prefix + "already done, skipped (overwrite to redo)");
				continue;
			}
			try {
				Volume v = ImageReaders.read(item.path());
				DetectionResult r = detector.detect(v, item.name(), settings, progress);
				DetectionOutputs.writeImageFiles(r, outDir, v.metadata().format().startsWith("NIfTI"));
				writeRecord(record, item, r, detector.threshold(settings));
				processed++;
				double elapsed = (System.nanoTime() - t0) / 1e9;
				int left = items.size() - i - 1;
				double eta = processed == 0 ? 0 : elapsed / (processed + failed.size()) * left;
				log.accept(prefix + describe(r, detector.threshold(settings)) + (left > 0 ? String.format(
					Locale.ROOT, " (ETA %d:%02d)", (int) eta / 60, (int) eta % 60) : ""));
			}
			catch (CancellationException e) {
				throw e;
			}
			catch (Exception | OutOfMemoryError e) {
				String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
				if (!msg.contains(item.path().getFileName().toString())) msg = item.path() + ": " + msg;
				failed.add(msg.lines().findFirst().orElse(msg));
				log.accept(prefix + "FAILED: " + failed.get(failed.size() - 1));
			}
			progress.progress("images", i + 1, items.size());
		}
		writeTables(items, outDir, failed);
		return new Summary(items.size(), processed, skipped, failed);
	}

	/** One line for a person: the call and the lesions. */
	public static String describe(DetectionResult r, double threshold) {
		StringBuilder sb = new StringBuilder();
		if (r.sliceProbabilities() != null) sb.append(String.format(Locale.ROOT,
			"p_stroke %.2f → %s", r.pStroke(), r.scanPrediction(threshold)));
		if (r.analysis() != null) {
			if (sb.length() > 0) sb.append("; ");
			sb.append(r.lesions().size()).append(" lesion(s)");
			if (!r.lesions().isEmpty()) sb.append(String.format(Locale.ROOT,
				" (hemorrhage %.2f mL, ischemia %.2f mL)", r.volumeMl(1), r.volumeMl(2)));
		}
		if (!Double.isNaN(r.midlineShiftMm())) sb.append(String.format(Locale.ROOT, "; midline shift %.1f mm",
			r.midlineShiftMm()));
		if (!r.warnings().isEmpty()) sb.append(" [").append(String.join("; ", r.warnings())).append(
			"]");
		return sb.toString();
	}

	// -- Per-image records and tables --

	private static void writeRecord(Path record, Item item, DetectionResult r, double threshold)
		throws IOException
	{
		Csv cls = DetectionOutputs.classificationTable(), les = DetectionOutputs.lesionTable();
		DetectionOutputs.addClassificationRows(cls, r);
		DetectionOutputs.addLesionRows(les, r);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("image", item.name());
		m.put("path", item.path().toString());
		m.put("status", "ok");
		m.put("p_stroke", r.pStroke());
		m.put("prediction", r.scanPrediction(threshold));
		m.put("hemorrhage_ml", r.analysis() == null ? Double.NaN : r.volumeMl(1));
		m.put("ischemia_ml", r.analysis() == null ? Double.NaN : r.volumeMl(2));
		m.put("lesions", r.analysis() == null ? -1 : r.lesions().size());
		m.put("midline_shift_mm", r.midlineShiftMm());
		m.put("low_confidence_slices", r.lowConfidenceSlices());
		m.put("warnings", String.join("; ", r.warnings()));
		m.put("classification_rows", cls.rows());
		m.put("lesion_rows", les.rows());
		String json = GSON.toJson(m);
		AtomicFiles.write(record, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
	}

	private static void writeTables(List<Item> items, Path outDir, List<String> failed)
		throws IOException
	{
		Csv cls = DetectionOutputs.classificationTable(), les = DetectionOutputs.lesionTable();
		Csv summary = new Csv("image", "status", "p_stroke", "prediction", "hemorrhage_ml",
			"ischemia_ml", "lesions", "midline_shift_mm", "low_confidence_slices", "warnings", "error");
		boolean anyCls = false, anySeg = false;
		for (Item item : items) {
			Path record = outDir.resolve(item.name() + RECORD_SUFFIX);
			if (!Files.exists(record)) {
				String err = failed.stream().filter(f -> f.contains(item.path().getFileName().toString()))
					.findFirst().orElse("not processed");
				summary.add(item.name(), "failed", null, null, null, null, null, null, null, null, err);
				continue;
			}
			Map<String, Object> m = GSON.fromJson(Files.readString(record), new TypeToken<Map<String, Object>>() {}
				.getType());
			for (List<String> row : rows(m.get("classification_rows"))) {
				cls.add(row.toArray());
				anyCls = true;
			}
			for (List<String> row : rows(m.get("lesion_rows")))
				les.add(row.toArray());
			if (((Number) m.get("lesions")).intValue() >= 0) anySeg = true;
			summary.add(item.name(), "ok", m.get("p_stroke"), m.get("prediction"), m.get(
				"hemorrhage_ml"), m.get("ischemia_ml"), ((Number) m.get("lesions")).intValue() < 0 ? null
					: ((Number) m.get("lesions")).intValue(), m.get("midline_shift_mm"), m.get("low_confidence_slices"), m
						.get("warnings"), "");
		}
		if (anyCls) cls.write(outDir.resolve("classification.csv"));
		if (anySeg) les.write(outDir.resolve("lesions.csv"));
		summary.write(outDir.resolve("summary.csv"));
	}

	@SuppressWarnings("unchecked")
	private static List<List<String>> rows(Object o) {
		return o == null ? List.of() : (List<List<String>>) o;
	}
}
