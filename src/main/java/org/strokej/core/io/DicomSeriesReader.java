package org.strokej.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.io.FileInfo;
import ij.io.ImageReader;

/**
 * Reads one uncompressed DICOM series (a folder of single-frame slices, or one file) into a
 * {@link Volume} in Hounsfield units and StrokeJ's canonical LPS voxel order.
 * <p>
 * Headers are decoded by ImageJ 1 ({@code ij.plugin.DICOM#getInfo}) and pixels read by
 * {@link ImageReader}. {@code DICOM.open} itself is not used: with a rescale slope other than 1
 * it converts through {@code IJ.run}, which fails headless, and its calibration depends on user
 * preferences. Stored values are therefore rescaled here, exactly {@code slope * stored +
 * intercept} per slice. The file meta group (transfer syntax) is checked before ImageJ sees a
 * file, so compressed files are refused with their syntax named.
 * <p>
 * Slices are ordered by their ImagePositionPatient projected on the slice normal (row cosine ×
 * column cosine), or by InstanceNumber when positions are missing; the slice spacing comes from
 * the positions (mean step when even, median step and an {@code uneven_spacing} note
 * otherwise). In-plane and slice axes are then flipped/permuted to the closest LPS axes, and
 * {@link ImageMetadata#orientation()} records the original axes.
 */
public final class DicomSeriesReader {

	private DicomSeriesReader() {}

	/** Relative tolerance on slice steps before a series is called unevenly spaced. */
	private static final double UNEVEN_TOLERANCE = 0.02;

	/**
	 * Reads a DICOM series.
	 *
	 * @param fileOrFolder a folder holding the series' files (not searched recursively; hidden
	 *          files and DICOMDIR are skipped, non-DICOM files ignored), or one DICOM file, which
	 *          is read alone as a one-slice volume
	 * @param seriesUid SeriesInstanceUID to read when the folder holds several series; null to
	 *          require exactly one
	 * @return the volume in HU (CT with rescale) or stored units, LPS voxel order
	 * @throws ImageReadException with a one-line "path: cause" message for anything unreadable
	 */
	public static Volume read(Path fileOrFolder, String seriesUid) throws ImageReadException {
		if (fileOrFolder == null) throw new IllegalArgumentException("path is null");
		if (!Files.exists(fileOrFolder)) throw new ImageReadException(fileOrFolder,
			"no such file or folder");
		if (!Files.isReadable(fileOrFolder)) throw new ImageReadException(fileOrFolder,
			"not readable (permission denied)");
		List<Slice> slices;
		if (Files.isDirectory(fileOrFolder)) slices = scanFolder(fileOrFolder, seriesUid);
		else {
			if (!Files.isRegularFile(fileOrFolder)) throw new ImageReadException(fileOrFolder,
				"not a regular file (a pipe, socket or device?)");
			Slice s = readHeader(fileOrFolder);
			if (s == null) throw new ImageReadException(fileOrFolder, reasonNotDicom(fileOrFolder));
			if (seriesUid != null && !seriesUid.equals(s.seriesUid))
				throw new ImageReadException(fileOrFolder, "series " + seriesUid +
					" not found; this file belongs to series " + s.seriesUid);
			slices = List.of(s);
		}
		try {
			return assemble(fileOrFolder, slices);
		}
		catch (IllegalArgumentException e) { // Volume refused the geometry
			throw new ImageReadException(fileOrFolder, "invalid DICOM geometry (" + e.getMessage() +
				")", e);
		}
	}

	// -- Scanning --

	/** Header facts of one file, parsed from ImageJ's tag list. */
	private static final class Slice {

		Path file;
		String transferSyntax;
		Map<String, String> tags;
		String seriesUid, description, modality;
		int rows, cols, bitsAllocated, samples, frames, pixelRepresentation;
		long pixelOffset;
		double slope = 1, intercept = 0;
		boolean hasRescale;
		double[] position, orientation, pixelSpacing;
		Integer instance;
		double projection;
		float[] voxels;
	}

	private static List<Slice> scanFolder(Path folder, String seriesUid)
		throws ImageReadException
	{
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
			for (Path p : ds) {
				String name = p.getFileName().toString();
				if (name.startsWith(".") || name.equalsIgnoreCase("DICOMDIR")) continue;
				if (Files.isHidden(p) || !Files.isRegularFile(p)) continue;
				files.add(p);
			}
		}
		catch (IOException e) {
			throw new ImageReadException(folder, "cannot list folder (" + e.getMessage() + ")", e);
		}
		if (files.isEmpty()) throw new ImageReadException(folder,
			"no DICOM files (the folder has no files)");
		files.sort(Comparator.comparing(p -> p.getFileName().toString()));

		Map<String, List<Slice>> bySeries = new LinkedHashMap<>();
		String firstSkipReason = null, firstNonImage = null;
		for (Path f : files) {
			Slice s = readHeader(f);
			if (s == null) {
				if (firstSkipReason == null) firstSkipReason = f.getFileName() + ": " +
					reasonNotDicom(f);
				continue;
			}
			if (s.rows == 0 && s.cols == 0 && s.pixelOffset <= 0) { // report, presentation state...
				if (firstNonImage == null) firstNonImage = f.getFileName().toString();
				continue;
			}
			bySeries.computeIfAbsent(s.seriesUid, k -> new ArrayList<>()).add(s);
		}
		if (bySeries.isEmpty() && firstNonImage != null) throw new ImageReadException(folder,
			"no DICOM images among " + files.size() + " file(s) (e.g. " + firstNonImage +
				" is DICOM without pixel data)");
		if (bySeries.isEmpty()) throw new ImageReadException(folder, "no DICOM files among " +
			files.size() + " file(s) (e.g. " + firstSkipReason + ")");

		if (seriesUid != null) {
			List<Slice> chosen = bySeries.get(seriesUid);
			if (chosen == null) throw new ImageReadException(folder, "series " + seriesUid +
				" not found; available: " + listSeries(bySeries));
			return chosen;
		}
		if (bySeries.size() > 1) throw new ImageReadException(folder, "the folder holds " +
			bySeries.size() + " series: " + listSeries(bySeries) +
			"; pick one by passing its SeriesInstanceUID (series=<uid>)");
		return bySeries.values().iterator().next();
	}

	private static String listSeries(Map<String, List<Slice>> bySeries) {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<String, List<Slice>> e : bySeries.entrySet()) {
			if (sb.length() > 0) sb.append(", ");
			String uid = e.getKey().isEmpty() ? "(no SeriesInstanceUID)" : e.getKey();
			sb.append(uid).append(" \"").append(e.getValue().get(0).description).append("\" (")
				.append(e.getValue().size()).append(e.getValue().size() == 1 ? " file)" : " files)");
		}
		return sb.toString();
	}

	private static String reasonNotDicom(Path f) {
		try {
			DicomHeaders.Preamble p = DicomHeaders.readPreamble(f);
			return p.isDicom() ? "ImageJ could not decode its DICOM header" : p.reason();
		}
		catch (IOException e) {
			return "cannot read (" + e.getMessage() + ")";
		}
	}

	/**
	 * Header of one file, or null when it is not DICOM. Compressed transfer syntaxes and
	 * unreadable headers of DICOM files throw.
	 */
	private static Slice readHeader(Path f) throws ImageReadException {
		DicomHeaders.Preamble pre;
		try {
			pre = DicomHeaders.readPreamble(f);
		}
		catch (IOException e) {
			throw new ImageReadException(f, "cannot read (" + e.getMessage() + ")", e);
		}
		if (!pre.isDicom()) return null;
		String ts = pre.transferSyntax();
		if (!DicomHeaders.isUncompressed(ts)) {
			String name = DicomHeaders.transferSyntaxName(ts);
			if (DicomHeaders.isCompressed(ts)) throw new ImageReadException(f, "compressed DICOM (" +
				name + ", " + ts + ") is not supported; decompress with dcmdjpeg/gdcmconv first");
			if (ts.equals(DicomHeaders.DEFLATED_LE)) throw new ImageReadException(f,
				"deflated DICOM (" + name + ", " + ts +
					") is not supported; convert with dcmconv +te or gdcmconv --raw first");
			throw new ImageReadException(f, "unsupported DICOM transfer syntax (" + DicomHeaders
				.printable(ts) + "); only uncompressed little/big endian files can be read");
		}
		try {
			DicomHeaders.checkStructure(f, pre);
		}
		catch (ImageReadException e) {
			throw e;
		}
		catch (IOException e) {
			throw new ImageReadException(f, "cannot read (" + e.getMessage() + ")", e);
		}
		Map<String, String> tags = DicomHeaders.imageJTags(f);
		if (tags.isEmpty()) return null;
		Slice s = new Slice();
		s.file = f;
		s.transferSyntax = ts;
		s.tags = tags;
		s.seriesUid = tags.getOrDefault("0020,000E", "");
		s.description = tags.getOrDefault("0008,103E", "");
		s.modality = tags.getOrDefault("0008,0060", "").toUpperCase(Locale.ROOT);
		s.rows = intTag(tags, "0028,0010", 0);
		s.cols = intTag(tags, "0028,0011", 0);
		s.bitsAllocated = intTag(tags, "0028,0100", 16);
		s.samples = intTag(tags, "0028,0002", 1);
		s.frames = intTag(tags, "0028,0008", 1);
		s.pixelRepresentation = intTag(tags, "0028,0103", 0);
		s.pixelOffset = intTag(tags, "7FE0,0010", -1);
		String slope = tags.get("0028,1053"), intercept = tags.get("0028,1052");
		if (slope != null || intercept != null) {
			s.hasRescale = true;
			double[] sl = numbers(slope), ic = numbers(intercept);
			if (sl != null && sl.length > 0 && sl[0] != 0) s.slope = sl[0];
			if (ic != null && ic.length > 0) s.intercept = ic[0];
			if (!Double.isFinite(s.slope) || !Double.isFinite(s.intercept))
				throw new ImageReadException(f, "invalid Rescale Slope/Intercept (" + slope + ", " +
					intercept + ")");
		}
		s.position = numbers(tags.get("0020,0032"));
		if (s.position != null && s.position.length != 3) s.position = null;
		if (s.position != null && !finite(s.position)) s.position = null;
		s.orientation = validOrientation(numbers(tags.get("0020,0037")));
		s.pixelSpacing = numbers(tags.get("0028,0030"));
		if (s.pixelSpacing == null || s.pixelSpacing.length != 2 || !finite(s.pixelSpacing) ||
			!(s.pixelSpacing[0] > 0) || !(s.pixelSpacing[1] > 0)) s.pixelSpacing = null;
		double[] inst = numbers(tags.get("0020,0013"));
		s.instance = inst == null || inst.length == 0 ? null : (int) inst[0];
		return s;
	}

	/** Six finite cosines of two near-orthogonal, non-zero directions; else null. */
	private static double[] validOrientation(double[] iop) {
		if (iop == null || iop.length != 6 || !finite(iop)) return null;
		double[] r = Arrays.copyOfRange(iop, 0, 3), c = Arrays.copyOfRange(iop, 3, 6);
		double lr = Math.sqrt(dot(r, r)), lc = Math.sqrt(dot(c, c));
		if (lr < 0.5 || lc < 0.5 || Math.abs(dot(r, c)) / (lr * lc) > 0.1) return null;
		return iop;
	}

	private static boolean finite(double[] v) {
		for (double d : v)
			if (!Double.isFinite(d)) return false;
		return true;
	}

	private static int intTag(Map<String, String> tags, String key, int def) {
		double[] v = numbers(tags.get(key));
		return v == null || v.length == 0 ? def : (int) v[0];
	}

	/** Backslash-separated decimal numbers, or null when absent or not numeric. */
	private static double[] numbers(String value) {
		if (value == null || value.isBlank()) return null;
		String[] parts = value.trim().split("\\\\");
		double[] d = new double[parts.length];
		try {
			for (int i = 0; i < parts.length; i++)
				d[i] = Double.parseDouble(parts[i].trim());
		}
		catch (NumberFormatException e) {
			return null;
		}
		return d;
	}

	// -- Assembling --

	private static Volume assemble(Path source, List<Slice> slices) throws ImageReadException {
		Slice first = slices.get(0);
		for (Slice s : slices) {
			if (s.frames > 1) throw new ImageReadException(s.file, "multi-frame DICOM (" +
				s.frames + " frames) is not supported");
			if (s.samples != 1) throw new ImageReadException(s.file, "colour DICOM (" +
				s.samples + " samples per pixel) is not supported");
			if (s.rows <= 0 || s.cols <= 0) throw new ImageReadException(s.file,
				"no image size (Rows/Columns) in the DICOM header");
			if (s.pixelOffset <= 0) throw new ImageReadException(s.file,
				"no pixel data (header ends early: truncated file?)");
			if (s.bitsAllocated != 8 && s.bitsAllocated != 16 && s.bitsAllocated != 32)
				throw new ImageReadException(s.file, "unsupported Bits Allocated " +
					s.bitsAllocated);
			if (s.rows != first.rows || s.cols != first.cols) throw new ImageReadException(source,
				"mixed matrix sizes in one series: " + first.file.getFileName() + " is " +
					first.cols + "x" + first.rows + " but " + s.file.getFileName() + " is " + s.cols +
					"x" + s.rows);
		}
		Map<String, String> extra = new HashMap<>();
		int n = slices.size();
		int nx = first.cols, ny = first.rows;

		// order slices
		boolean geometry = slices.stream().allMatch(s -> s.position != null &&
			s.orientation != null);
		double[] r = null, c = null, normal = null;
		if (geometry) {
			r = unit(Arrays.copyOfRange(first.orientation, 0, 3));
			c = unit(Arrays.copyOfRange(first.orientation, 3, 6));
			normal = unit(cross(r, c));
			for (Slice s : slices) {
				if (Math.abs(dot(unit(Arrays.copyOfRange(s.orientation, 0, 3)), r)) < 0.999 ||
					Math.abs(dot(unit(Arrays.copyOfRange(s.orientation, 3, 6)), c)) < 0.999)
					throw new ImageReadException(source, "slices with different orientations in one series (" +
						first.file.getFileName() + ", " + s.file.getFileName() + ")");
				s.projection = dot(s.position, normal);
			}
			slices = new ArrayList<>(slices);
			slices.sort(Comparator.<Slice> comparingDouble(s -> s.projection).thenComparing(
				s -> s.instance == null ? 0 : s.instance));
			extra.put("slice_order", "position");
		}
		else {
			slices = new ArrayList<>(slices);
			slices.sort(Comparator.<Slice> comparingInt(s -> s.instance == null ? Integer.MAX_VALUE
				: s.instance).thenComparing(s -> s.file.getFileName().toString()));
			extra.put("slice_order", "instance_number");
		}

		// spacing
		double sx = 1, sy = 1, sz;
		if (first.pixelSpacing != null) {
			sy = first.pixelSpacing[0];
			sx = first.pixelSpacing[1];
		}
		else extra.put("spacing_missing", "true");
		boolean zFromPositions = geometry && n > 1;
		if (zFromPositions) {
			double[] steps = new double[n - 1];
			for (int k = 1; k < n; k++) {
				steps[k - 1] = slices.get(k).projection - slices.get(k - 1).projection;
				if (steps[k - 1] < 1e-4) throw new ImageReadException(source,
					"two slices at the same position (" + slices.get(k - 1).file.getFileName() +
						", " + slices.get(k).file.getFileName() +
						"): the series mixes acquisitions or time points");
			}
			double[] sorted = steps.clone();
			Arrays.sort(sorted);
			sz = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
			double min = sorted[0], max = sorted[sorted.length - 1];
			if (max - min > Math.max(0.01, UNEVEN_TOLERANCE * sz)) {
				extra.put("uneven_spacing", "true");
				extra.put("spacing_min", fmt(min));
				extra.put("spacing_max", fmt(max));
			}
			else { // even within tolerance: the mean step is immune to rounding jitter in IPP
				sz = (slices.get(n - 1).projection - slices.get(0).projection) / (n - 1);
			}
		}
		else {
			double[] between = numbers(first.tags.get("0018,0088"));
			double[] thick = numbers(first.tags.get("0018,0050"));
			if (between != null && between.length > 0 && between[0] > 0 && Double.isFinite(
				between[0])) sz = between[0];
			else if (thick != null && thick.length > 0 && thick[0] > 0 && Double.isFinite(thick[0]))
				sz = thick[0];
			else {
				sz = 1;
				extra.put("spacing_missing", "true");
			}
		}

		// voxels: check that the files hold what the headers claim before allocating
		for (Slice s : slices)
			checkPixelBytes(s);
		long voxels = (long) nx * ny * n;
		if (voxels > Integer.MAX_VALUE - 8) throw new ImageReadException(source, "headers claim " +
			nx + "x" + ny + "x" + n + " = " + voxels + " voxels, more than a volume can hold");
		float[] data = new float[(int) voxels];
		boolean signed16 = false;
		for (int k = 0; k < n; k++) {
			Slice s = slices.get(k);
			readPixels(s);
			System.arraycopy(s.voxels, 0, data, k * nx * ny, nx * ny);
			s.voxels = null;
			signed16 |= s.bitsAllocated == 16 && s.pixelRepresentation == 1;
		}

		// geometry: source voxel (i, j, k) -> LPS mm
		double[] m = null; // row-major 4x4
		if (geometry) {
			double[] p0 = slices.get(0).position;
			double[] step;
			if (n > 1) {
				double[] d = sub(slices.get(n - 1).position, p0);
				step = scale(d, sz / dot(d, normal));
				double tilt = Math.toDegrees(Math.acos(Math.min(1, dot(unit(d), normal))));
				if (tilt > 0.1) extra.put("gantry_tilt_deg", fmt(tilt));
			}
			else step = scale(normal, sz);
			m = new double[] { //
				r[0] * sx, c[0] * sy, step[0], p0[0], //
				r[1] * sx, c[1] * sy, step[1], p0[1], //
				r[2] * sx, c[2] * sy, step[2], p0[2], //
				0, 0, 0, 1 };
		}

		// metadata
		String modality = first.modality;
		boolean hu = modality.equals("CT") && (first.hasRescale || signed16);
		Slice sorted0 = slices.get(0);
		extra.put("series_uid", sorted0.seriesUid);
		if (!sorted0.description.isEmpty()) extra.put("series_description", sorted0.description);
		extra.put("transfer_syntax", sorted0.transferSyntax);
		extra.put("files", Integer.toString(n));
		double[] thickness = numbers(first.tags.get("0018,0050"));
		if (thickness != null && thickness.length > 0) extra.put("slice_thickness", fmt(
			thickness[0]));
		boolean sameRescale = slices.stream().allMatch(s -> s.slope == first.slope &&
			s.intercept == first.intercept);
		extra.put("rescale_slope", sameRescale ? fmt(first.slope) : "per slice");
		extra.put("rescale_intercept", sameRescale ? fmt(first.intercept) : "per slice");
		if (first.tags.getOrDefault("0028,0004", "").startsWith("MONOCHROME1"))
			extra.put("photometric", "MONOCHROME1");
		double[] spacing = { sx, sy, sz };

		if (m == null) {
			ImageMetadata md = new ImageMetadata(modality, "DICOM", hu ? ValueUnit.HU
				: ValueUnit.ARBITRARY, "", source.toString(), extra);
			return Volume.of(data, nx, ny, n, spacing, md);
		}
		return reorient(data, new int[] { nx, ny, n }, spacing, m, modality, hu, source, extra);
	}

	/** Flips/permutes source axes to the closest LPS axes; the affine follows. */
	private static Volume reorient(float[] data, int[] dims, double[] spacing, double[] m,
		String modality, boolean hu, Path source, Map<String, String> extra)
	{
		int[] axisOf = new int[3]; // source axis a -> LPS axis
		int[] sign = new int[3];
		StringBuilder code = new StringBuilder();
		boolean[] used = new boolean[3];
		boolean permutation = true;
		for (int a = 0; a < 3; a++) {
			int best = 0;
			for (int d = 1; d < 3; d++)
				if (Math.abs(m[d * 4 + a]) > Math.abs(m[best * 4 + a])) best = d;
			axisOf[a] = best;
			sign[a] = m[best * 4 + a] >= 0 ? 1 : -1;
			permutation &= !used[best];
			used[best] = true;
			code.append((sign[a] > 0 ? "LPS" : "RAI").charAt(best));
		}
		String orientation = code.toString();
		if (!permutation) { // degenerate (45° oblique): keep the source order
			axisOf = new int[] { 0, 1, 2 };
			sign = new int[] { 1, 1, 1 };
			extra.put("reoriented", "false");
		}
		// output voxel o -> source voxel s: s_a = sign>0 ? o_d : n_a-1-o_d ; P row a
		double[] p = new double[16];
		int[] outDims = new int[3];
		double[] outSpacing = new double[3];
		for (int a = 0; a < 3; a++) {
			int d = axisOf[a];
			outDims[d] = dims[a];
			outSpacing[d] = spacing[a];
			p[a * 4 + d] = sign[a];
			p[a * 4 + 3] = sign[a] > 0 ? 0 : dims[a] - 1;
		}
		p[15] = 1;
		double[] lps = Affines.multiply(m, p);
		double[] ras = lps.clone();
		for (int col = 0; col < 4; col++) {
			ras[col] = -lps[col];
			ras[4 + col] = -lps[4 + col];
		}
		float[] out = data;
		boolean identity = axisOf[0] == 0 && axisOf[1] == 1 && axisOf[2] == 2 && sign[0] > 0 && sign[1] > 0 &&
			sign[2] > 0;
		if (!identity) {
			out = new float[data.length];
			int[] o = new int[3];
			for (o[2] = 0; o[2] < outDims[2]; o[2]++)
				for (o[1] = 0; o[1] < outDims[1]; o[1]++)
					for (o[0] = 0; o[0] < outDims[0]; o[0]++) {
						int si = src(o, 0, axisOf, sign, dims), sj = src(o, 1, axisOf, sign, dims),
								sk = src(o, 2, axisOf, sign, dims);
						out[(o[2] * outDims[1] + o[1]) * outDims[0] + o[0]] = data[(sk * dims[1] + sj) *
							dims[0] + si];
					}
		}
		ImageMetadata md = new ImageMetadata(modality, "DICOM", hu ? ValueUnit.HU
			: ValueUnit.ARBITRARY, orientation, source.toString(), extra);
		return new Volume(out, outDims[0], outDims[1], outDims[2], outSpacing, ras, md);
	}

	private static int src(int[] o, int a, int[] axisOf, int[] sign, int[] dims) {
		int v = o[axisOf[a]];
		return sign[a] > 0 ? v : dims[a] - 1 - v;
	}

	// -- Pixels --

	/** Reads the stored values of one slice with ImageJ's ImageReader and rescales them. */
	private static void readPixels(Slice s) throws ImageReadException {
		checkPixelBytes(s);
		FileInfo fi = new FileInfo();
		fi.width = s.cols;
		fi.height = s.rows;
		fi.offset = (int) s.pixelOffset;
		fi.intelByteOrder = !s.transferSyntax.equals(DicomHeaders.EXPLICIT_BE);
		boolean signed = s.pixelRepresentation == 1;
		fi.fileType = s.bitsAllocated == 8 ? FileInfo.GRAY8 : s.bitsAllocated == 16 ? (signed
			? FileInfo.GRAY16_SIGNED : FileInfo.GRAY16_UNSIGNED) : signed ? FileInfo.GRAY32_INT
				: FileInfo.GRAY32_UNSIGNED;
		Object pixels;
		try (InputStream in = Files.newInputStream(s.file)) {
			pixels = new ImageReader(fi).readPixels(in);
		}
		catch (IOException e) {
			throw new ImageReadException(s.file, "cannot read pixel data (" + e.getMessage() + ")",
				e);
		}
		if (pixels == null) throw new ImageReadException(s.file, "ImageJ could not read the pixel data");
		int count = s.rows * s.cols;
		float[] v = new float[count];
		double slope = s.slope, intercept = s.intercept;
		if (pixels instanceof byte[]) {
			byte[] b = (byte[]) pixels;
			for (int i = 0; i < count; i++)
				v[i] = (float) (slope * (signed ? b[i] : b[i] & 0xff) + intercept);
		}
		else if (pixels instanceof short[]) {
			short[] p = (short[]) pixels;
			// ImageReader shifts signed 16-bit values by +32768 to store them unsigned
			int shift = signed ? 32768 : 0;
			for (int i = 0; i < count; i++)
				v[i] = (float) (slope * ((p[i] & 0xffff) - shift) + intercept);
		}
		else if (pixels instanceof float[]) { // 32-bit integers arrive as float
			float[] p = (float[]) pixels;
			for (int i = 0; i < count; i++)
				v[i] = (float) (slope * p[i] + intercept);
		}
		else throw new ImageReadException(s.file, "unexpected pixel type " + pixels.getClass()
			.getSimpleName());
		s.voxels = v;
	}

	/** Refuses a slice whose file is shorter than its header's pixel data (before any allocation). */
	private static void checkPixelBytes(Slice s) throws ImageReadException {
		int bytes = s.bitsAllocated / 8;
		long needed = s.pixelOffset + (long) s.rows * s.cols * bytes;
		try {
			long size = Files.size(s.file);
			if (size < needed) throw new ImageReadException(s.file, "truncated file: pixel data needs " +
				needed + " bytes, file has " + size);
		}
		catch (ImageReadException e) {
			throw e;
		}
		catch (IOException e) {
			throw new ImageReadException(s.file, "cannot read (" + e.getMessage() + ")", e);
		}
	}

	// -- Small vector helpers --

	private static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	private static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] -
			a[1] * b[0] };
	}

	private static double[] sub(double[] a, double[] b) {
		return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
	}

	private static double[] scale(double[] a, double f) {
		return new double[] { a[0] * f, a[1] * f, a[2] * f };
	}

	private static double[] unit(double[] a) {
		double len = Math.sqrt(dot(a, a));
		return len > 0 ? scale(a, 1 / len) : a;
	}

	private static String fmt(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
	}
}
