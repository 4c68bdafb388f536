package org.strokej.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ImageReadException;
import org.strokej.core.io.ValueUnit;

import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/**
 * Readers for the real 2D slice data sets under the shared data folder (see its README): CT-ICH
 * ({@value #CT_ICH}), BHSD ({@value #BHSD}) and CPAISD ({@value #CPAISD}).
 * <p>
 * Each data set is first <em>indexed</em> (labels, groups and file paths, no pixels: cheap) and
 * then read into {@link Sample}s, optionally downsampled to a target width (images by area
 * averaging, masks by nearest neighbour) — {@link #load(String, Path, int)} does both. Full
 * resolution CT-ICH needs about 1.1 GB (2,501 × 650² bytes); at 256 it needs 165 MB.
 * <p>
 * Labels and groups:
 * <ul>
 * <li>CT-ICH: label = {@code any_hemorrhage} of {@code labels.csv} (never the Normal/Stroke
 * folder, which is patient-level), group {@code ctich-<PatientNumber>}; masks from
 * {@code masks/index.csv}, hemorrhage = orange pixels (R &gt; 128, G &lt; 160, B &lt; 80, tolerant
 * to compression; the files hold exactly (210, 80, 0)).</li>
 * <li>BHSD: label 1 for every slice; file name = volume id + 3-digit slice number (e.g.
 * {@code 145014} = volume 145, slice 14), group {@code bhsd-<volume>}; any non-black mask pixel
 * = hemorrhage (1).</li>
 * <li>CPAISD: label 2 for every slice, one group {@code cpaisd}; any non-black mask pixel (core
 * red, penumbra green) = ischemia (2). The images are raw 8-bit, not brain-windowed
 * ({@code windowed=false} in the metadata extra).</li>
 * </ul>
 * With {@link Options#matchContrast()} (the default) BHSD and CPAISD images are brought to
 * CT-ICH's brain-window grey levels by {@link Contrasts#matchTissue}; the metadata extra then says
 * {@code contrast=matched}.
 */
public final class Datasets {

	private Datasets() {}

	public static final String CT_ICH = "ct-ich";
	public static final String BHSD = "bhsd";
	public static final String CPAISD = "cpaisd";

	/** How mask colours become labels. */
	public enum MaskRule {
		/** CT-ICH: orange (R > 128, G < 160, B < 80) → hemorrhage (1). */
		ORANGE_HEMORRHAGE,
		/** Any non-black pixel (max channel > 32) → hemorrhage (1). */
		NON_BLACK_HEMORRHAGE,
		/** Any non-black pixel (max channel > 32) → ischemia (2). */
		NON_BLACK_ISCHEMIA;

		/** The label of an RGB colour. */
		public int label(int r, int g, int b) {
			switch (this) {
				case ORANGE_HEMORRHAGE:
					return r > 128 && g < 160 && b < 80 ? 1 : 0;
				case NON_BLACK_HEMORRHAGE:
					return Math.max(r, Math.max(g, b)) > 32 ? 1 : 0;
				default:
					return Math.max(r, Math.max(g, b)) > 32 ? 2 : 0;
			}
		}
	}

	/**
	 * Loading options.
	 *
	 * @param targetSize width to downsample to (height scaled alike), or 0 for full resolution
	 * @param matchContrast whether BHSD/CPAISD images get CT-ICH-like brain-window grey levels
	 */
	public record Options(int targetSize, boolean matchContrast) {

		/** Full resolution, contrast matched. */
		public static final Options DEFAULT = new Options(0, true);

		public Options {
			if (targetSize < 0) throw new IllegalArgumentException("targetSize must be >= 0");
		}
	}

	/**
	 * One slice of a data set before its pixels are read.
	 *
	 * @param id unique id
	 * @param group patient/volume id
	 * @param label slice label 0/1/2
	 * @param dataset data set name
	 * @param sliceNumber slice number within the group, or -1
	 * @param image image file
	 * @param mask mask file, or null
	 * @param maskRule how the mask's colours map to labels
	 * @param extra facts for the sample metadata (subtype flags, folder, ...)
	 */
	public record SampleFile(String id, String group, int label, String dataset,
		int sliceNumber, Path image, Path mask, MaskRule maskRule, Map<String, String> extra)
	{}

	// -- Loading --

	/** All samples of a data set at full resolution, contrast matched. */
	public static List<Sample> load(String name, Path root) throws ImageReadException {
		return load(name, root, Options.DEFAULT);
	}

	/** All samples of a data set, downsampled to {@code targetSize} wide (0 = full size). */
	public static List<Sample> load(String name, Path root, int targetSize)
		throws ImageReadException
	{
		return load(name, root, new Options(targetSize, true));
	}

	/**
	 * All samples of a data set, read in parallel.
	 *
	 * @param name {@value #CT_ICH}, {@value #BHSD} or {@value #CPAISD}
	 * @param root the shared data folder or the data set's own folder
	 */
	public static List<Sample> load(String name, Path root, Options options)
		throws ImageReadException
	{
		return read(index(name, root), options);
	}

	/** CT-ICH at full resolution (≈ 1.1 GB); see {@link #load(String, Path, int)}. */
	public static List<Sample> ctIch(Path root) throws ImageReadException {
		return load(CT_ICH, root);
	}

	public static List<Sample> bhsd(Path root) throws ImageReadException {
		return load(BHSD, root);
	}

	public static List<Sample> cpaisd(Path root) throws ImageReadException {
		return load(CPAISD, root);
	}

	/** Reads the given files (in parallel), keeping their order. */
	public static List<Sample> read(List<SampleFile> files, Options options)
		throws ImageReadException
	{
		Sample[] out = new Sample[files.size()];
		try {
			java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> {
				try {
					out[i] = read(files.get(i), options);
				}
				catch (ImageReadException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (UncheckedIOException e) {
			throw (ImageReadException) e.getCause();
		}
		return List.of(out);
	}

	/** Reads one sample's pixels (and mask). */
	public static Sample read(SampleFile f, Options options) throws ImageReadException {
		ByteProcessor ip = readGrey(f.image());
		int w = ip.getWidth(), h = ip.getHeight();
		byte[] px = (byte[]) ip.getPixels();
		Map<String, String> extra = new TreeMap<>(f.extra());
		extra.put("file", f.image().toString());
		boolean raw = "false".equals(extra.get("windowed"));
		if (options.matchContrast() && (raw || f.dataset().equals(BHSD))) {
			px = Contrasts.matchTissue(px, w, h);
			extra.put("contrast", "matched");
		}
		byte[] mask = null;
		if (f.mask() != null) {
			mask = readMask(f.mask(), f.maskRule());
			if (mask.length != px.length) throw new ImageReadException(f.mask(), "mask size differs from image " + f.image().getFileName());
		}
		if (options.targetSize() > 0 && options.targetSize() != w) {
			int tw = options.targetSize();
			int th = Math.max(1, (int) Math.round((double) h * tw / w));
			ImageProcessor img = new ByteProcessor(w, h, px);
			img.setInterpolationMethod(ImageProcessor.BILINEAR);
			px = (byte[]) img.resize(tw, th, true).getPixels();
			if (mask != null) {
				ImageProcessor m = new ByteProcessor(w, h, mask);
				m.setInterpolationMethod(ImageProcessor.NONE);
				mask = (byte[]) m.resize(tw, th).getPixels();
			}
			extra.put("original_size", w + "x" + h);
			w = tw;
			h = th;
		}
		ValueUnit unit = raw ? ValueUnit.ARBITRARY : ValueUnit.WINDOWED_8BIT;
		if (extra.containsKey("contrast")) unit = ValueUnit.WINDOWED_8BIT;
		String format = f.image().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
			? "PNG" : "JPEG";
		ImageMetadata md = new ImageMetadata("CT", format, unit, "", f.image().toString(), extra);
		return new Sample(f.id(), f.group(), f.label(), f.dataset(), f.sliceNumber(), w, h, px,
			mask, md);
	}

	// -- Indexing --

	/** The files and labels of a data set by name. */
	public static List<SampleFile> index(String name, Path root) throws ImageReadException {
		switch (name) {
			case CT_ICH:
				return ctIchIndex(root);
			case BHSD:
				return bhsdIndex(root);
			case CPAISD:
				return cpaisdIndex(root);
			default:
				throw new IllegalArgumentException("unknown data set '" + name + "' (known: " +
					CT_ICH + ", " + BHSD + ", " + CPAISD + ")");
		}
	}

	/** CT-ICH slices from {@code labels.csv} and {@code masks/index.csv}. */
	public static List<SampleFile> ctIchIndex(Path root) throws ImageReadException {
		Path dir = folder(root, CT_ICH);
		Path labels = dir.resolve("labels.csv");
		List<Map<String, String>> rows = readCsv(labels);
		Map<String, Path> masks = new HashMap<>();
		Path maskIndex = dir.resolve("masks").resolve("index.csv");
		if (Files.exists(maskIndex)) for (Map<String, String> r : readCsv(maskIndex))
			masks.put(field(r, "image", maskIndex), dir.resolve(field(r, "mask", maskIndex)));
		String[] flags = { "Intraventricular", "Intraparenchymal", "Subarachnoid", "Epidural",
			"Subdural", "Fracture_Yes_No" };
		List<SampleFile> out = new ArrayList<>();
		for (Map<String, String> r : rows) {
			String path = field(r, "kaggle_path", labels);
			String patient = field(r, "PatientNumber", labels);
			String slice = field(r, "ctich_SliceNumber", labels);
			String any = field(r, "any_hemorrhage", labels);
			if (!any.equals("0") && !any.equals("1")) throw new ImageReadException(labels,
				"any_hemorrhage must be 0 or 1, got '" + any + "' for " + path);
			Map<String, String> extra = new TreeMap<>();
			extra.put("kaggle_class", field(r, "kaggle_class", labels));
			for (String fl : flags)
				if (r.containsKey(fl)) extra.put(fl, r.get(fl));
			int sliceNumber;
			try {
				sliceNumber = Integer.parseInt(slice);
			}
			catch (NumberFormatException e) {
				throw new ImageReadException(labels, "bad ctich_SliceNumber '" + slice + "' for " +
					path);
			}
			out.add(new SampleFile("ctich-" + patient + "-" + slice, "ctich-" + patient, Integer
				.parseInt(any), CT_ICH, sliceNumber, dir.resolve(path), masks.remove(path),
				MaskRule.ORANGE_HEMORRHAGE, extra));
		}
		if (!masks.isEmpty()) throw new ImageReadException(maskIndex, masks.size() +
			" mask(s) name images missing from labels.csv, e.g. " + masks.keySet().iterator()
				.next());
		return out;
	}

	/** BHSD: {@code images/<volume><slice:3 digits>.png} with masks of the same name. */
	public static List<SampleFile> bhsdIndex(Path root) throws ImageReadException {
		Path dir = folder(root, BHSD);
		Pattern name = Pattern.compile("(\\d+)(\\d{3})\\.png");
		List<SampleFile> out = new ArrayList<>();
		for (Path img : pngs(dir.resolve("images"))) {
			String file = img.getFileName().toString();
			Matcher m = name.matcher(file);
			if (!m.matches()) throw new ImageReadException(img,
				"expected <volume id><3-digit slice>.png");
			Path mask = maskFor(dir, img);
			String id = file.substring(0, file.length() - 4);
			out.add(new SampleFile("bhsd-" + id, "bhsd-" + m.group(1), Sample.HEMORRHAGE, BHSD,
				Integer.parseInt(m.group(2)), img, mask, MaskRule.NON_BLACK_HEMORRHAGE, Map.of()));
		}
		return out;
	}

	/** CPAISD: {@code images/*.png} with masks of the same name; one group for all. */
	public static List<SampleFile> cpaisdIndex(Path root) throws ImageReadException {
		Path dir = folder(root, CPAISD);
		List<SampleFile> out = new ArrayList<>();
		for (Path img : pngs(dir.resolve("images"))) {
			String file = img.getFileName().toString();
			out.add(new SampleFile("cpaisd-" + file.substring(0, file.length() - 4), CPAISD,
				Sample.ISCHEMIA, CPAISD, -1, img, maskFor(dir, img), MaskRule.NON_BLACK_ISCHEMIA, Map
					.of("windowed", "false")));
		}
		return out;
	}

	// -- Decoding --

	/** An 8-bit grey image (RGB averaged over channels). */
	static ByteProcessor readGrey(Path file) throws ImageReadException {
		BufferedImage bi = decode(file);
		int w = bi.getWidth(), h = bi.getHeight();
		if (bi.getType() == BufferedImage.TYPE_BYTE_GRAY) {
			byte[] g = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
			if (g.length == w * h) return new ByteProcessor(w, h, g.clone());
		}
		if (bi.getColorModel().getPixelSize() > 32 || bi.getRaster().getNumBands() > 4)
			throw new ImageReadException(file, "expected an 8-bit grey or RGB image, got " + bi
				.getColorModel().getPixelSize() + " bits per pixel");
		int[] rgb = bi.getRGB(0, 0, w, h, null, 0, w);
		byte[] g = new byte[rgb.length];
		for (int i = 0; i < rgb.length; i++) {
			int c = rgb[i];
			g[i] = (byte) Math.round(((c >> 16 & 0xff) + (c >> 8 & 0xff) + (c & 0xff)) / 3.0);
		}
		return new ByteProcessor(w, h, g);
	}

	/** Mask labels of a colour (or grey) mask image. */
	static byte[] readMask(Path file, MaskRule rule) throws ImageReadException {
		BufferedImage bi = decode(file);
		int w = bi.getWidth(), h = bi.getHeight();
		int[] rgb = bi.getRGB(0, 0, w, h, null, 0, w);
		byte[] out = new byte[rgb.length];
		for (int i = 0; i < rgb.length; i++) {
			int c = rgb[i];
			out[i] = (byte) rule.label(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff);
		}
		return out;
	}

	/**
	 * Decodes a PNG/JPEG with {@link ImageIO} (ImageJ's {@code Opener} takes ≈ 10× longer on
	 * these JPEGs).
	 */
	private static BufferedImage decode(Path file) throws ImageReadException {
		if (!Files.isRegularFile(file)) throw new ImageReadException(file, "no such file");
		BufferedImage bi;
		try {
			bi = ImageIO.read(file.toFile());
		}
		catch (IOException | RuntimeException e) {
			throw new ImageReadException(file, "cannot decode image (" + e.getMessage() + ")", e);
		}
		if (bi == null) throw new ImageReadException(file, "not a PNG/JPEG image");
		return bi;
	}

	// -- Files --

	/** The data set folder: {@code root/name} when it exists, else root itself. */
	private static Path folder(Path root, String name) throws ImageReadException {
		Path sub = root.resolve(name);
		Path dir = Files.isDirectory(sub) ? sub : root;
		if (!Files.isDirectory(dir)) throw new ImageReadException(root, "no such data folder");
		return dir;
	}

	private static Path maskFor(Path dir, Path img) throws ImageReadException {
		Path mask = dir.resolve("masks").resolve(img.getFileName().toString());
		if (!Files.isRegularFile(mask)) throw new ImageReadException(mask, "mask missing for " +
			img.getFileName());
		return mask;
	}

	private static List<Path> pngs(Path dir) throws ImageReadException {
		List<Path> out = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.png")) {
			for (Path p : ds)
				out.add(p);
		}
		catch (IOException e) {
			throw new ImageReadException(dir, "cannot list folder (" + e.getMessage() + ")", e);
		}
		if (out.isEmpty()) throw new ImageReadException(dir, "no PNG images");
		out.sort(null);
		return out;
	}

	/** A small CSV reader (header row, quoted fields allowed). */
	static List<Map<String, String>> readCsv(Path file) throws ImageReadException {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new ImageReadException(file, "cannot read (" + e.getMessage() + ")", e);
		}
		if (lines.isEmpty()) throw new ImageReadException(file, "empty CSV file");
		List<String> header = splitCsv(lines.get(0).replace("\uFEFF", ""));
		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) continue;
			List<String> f = splitCsv(lines.get(i));
			if (f.size() != header.size()) throw new ImageReadException(file, "line " + (i + 1) +
				" has " + f.size() + " fields, header has " + header.size());
			Map<String, String> row = new HashMap<>();
			for (int k = 0; k < f.size(); k++)
				row.put(header.get(k).trim(), f.get(k).trim());
			rows.add(row);
		}
		return rows;
	}

	static List<String> splitCsv(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder sb = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					sb.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else sb.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				out.add(sb.toString());
				sb.setLength(0);
			}
			else sb.append(c);
		}
		out.add(sb.toString());
		return out;
	}

	private static String field(Map<String, String> row, String column, Path file)
		throws ImageReadException
	{
		String v = row.get(column);
		if (v == null) throw new ImageReadException(file, "missing column '" + column + "'");
		return v;
	}
}
