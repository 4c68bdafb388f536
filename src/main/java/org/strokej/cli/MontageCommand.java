package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ImageProcessor;

import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.phantom.Phantoms;

/**
 * {@code montage --out <png> [--data ../shared/data|none] [--size 256] [--columns 4]}: a grid of
 * 2D phantoms in the brain window (normal, hemorrhage, ischemia, mixed; two rows), and, when the
 * data folder holds {@code ct-ich/}, a last row of real CT-ICH brain-window slices with
 * hemorrhage beside them, to judge realism by eye. Such a montage shows real scans: keep it out
 * of the repository.
 */
final class MontageCommand {

	static final String USAGE = "usage: montage --out <png> [--data ../shared/data|none] " +
		"[--size 256] [--columns 4]";

	private static final LesionKind[] KINDS = { LesionKind.NONE, LesionKind.HEMORRHAGE,
		LesionKind.ISCHEMIA, LesionKind.MIXED };

	private MontageCommand() {}

	static int run(List<String> args, PrintStream out) throws IOException {
		String png = Main.option(args, "--out");
		String data = Main.option(args, "--data");
		int size = integer(Main.option(args, "--size"), 256);
		int columns = integer(Main.option(args, "--columns"), 4);
		if (png == null) throw new Main.UsageException("--out <png> is required; " + USAGE);
		if (!args.isEmpty()) throw new Main.UsageException("unexpected argument(s) " + args +
			"; " + USAGE);
		if (size < 16 || columns < 1) throw new Main.UsageException(
			"--size must be >= 16 and --columns >= 1");
		List<float[]> tiles = new ArrayList<>();
		for (int n = 0; n < 2 * columns; n++) {
			PhantomSettings s = PhantomSettings.builder().size(size, size, 1).seed(1000 + n).lesions(
				KINDS[n % KINDS.length], 1 + n % 3).build();
			Phantom p = PhantomGenerator.generate(s);
			tiles.add(p.hu().slice(0));
		}
		Path ctich = data == null ? Paths.get("..", "shared", "data", "ct-ich") : data
			.equalsIgnoreCase("none") ? null : Paths.get(data, "ct-ich");
		int real = 0;
		if (ctich != null && Files.isRegularFile(ctich.resolve("labels.csv"))) {
			for (Path slice : realSlices(ctich, columns)) {
				tiles.add(asBrainWindowHu(slice, size));
				real++;
			}
		}
		Path target = Paths.get(png);
		Phantoms.montage(tiles, size, size, columns, target);
		out.printf(Locale.ROOT, "%s: %d phantoms%s%n", target, 2 * columns, real == 0 ? ""
			: ", " + real + " real CT-ICH slices in the last row (do not commit)");
		return 0;
	}

	/** One hemorrhage slice (the middle one) from each of {@code n} patients spread over the set. */
	static List<Path> realSlices(Path ctich, int n) throws IOException {
		List<String> lines = Files.readAllLines(ctich.resolve("labels.csv"), StandardCharsets.UTF_8);
		List<String> header = List.of(lines.get(0).split(","));
		int path = header.indexOf("kaggle_path"), patient = header.indexOf("PatientNumber"),
			any = header.indexOf("any_hemorrhage");
		if (path < 0 || patient < 0 || any < 0) throw new IOException(ctich.resolve("labels.csv") +
			": missing kaggle_path, PatientNumber or any_hemorrhage column");
		Map<String, List<String>> byPatient = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			if (f.length <= Math.max(path, Math.max(patient, any)) || !f[any].trim().equals("1"))
				continue;
			byPatient.computeIfAbsent(f[patient].trim(), k -> new ArrayList<>()).add(f[path].trim());
		}
		List<List<String>> patients = new ArrayList<>(byPatient.values());
		List<Path> out = new ArrayList<>();
		for (int i = 0; i < Math.min(n, patients.size()); i++) {
			List<String> sl = patients.get(i * patients.size() / Math.min(n, patients.size()));
			Path p = ctich.resolve(sl.get(sl.size() / 2));
			if (Files.isRegularFile(p)) out.add(p);
		}
		return out;
	}

	/**
	 * An 8-bit brain-window slice resized to size &times; size, mapped back to the HU the brain
	 * window shows (0..80), so the montage windows it like the phantoms.
	 */
	static float[] asBrainWindowHu(Path jpg, int size) throws IOException {
		ImagePlus imp = new Opener().openImage(jpg.toString());
		if (imp == null) throw new IOException(jpg + ": cannot open");
		ImageProcessor ip = imp.getProcessor().convertToByte(false);
		ip.setInterpolationMethod(ImageProcessor.BILINEAR);
		ImageProcessor r = ip.resize(size, size, true);
		float[] hu = new float[size * size];
		double lo = Phantoms.BRAIN_LEVEL - Phantoms.BRAIN_WIDTH / 2;
		for (int i = 0; i < hu.length; i++)
			hu[i] = (float) (lo + r.get(i) / 255.0 * Phantoms.BRAIN_WIDTH);
		return hu;
	}

	private static int integer(String v, int def) {
		if (v == null) return def;
		try {
			return Integer.parseInt(v);
		}
		catch (NumberFormatException e) {
			throw new Main.UsageException("expected a whole number, not '" + v + "'");
		}
	}
}
