package org.strokej.core.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads single-file NIfTI-1 and NIfTI-2 images ({@code .nii}, gzipped {@code .nii.gz}) into a
 * {@link Volume} in StrokeJ's LPS voxel order.
 * <p>
 * What it does:
 * <ul>
 * <li>Gzip is recognised by its magic bytes (1f 8b), not by the file name; the byte order by the
 * header size field (348 or 540).</li>
 * <li>Datatypes uint8, int8, int16, uint16, int32, uint32, float32, float64. {@code scl_slope} and
 * {@code scl_inter} are applied (a slope of 0 or a non-finite slope means no scaling, as in
 * nibabel). Values become float; int32/uint32/float64 values beyond float precision are
 * rounded.</li>
 * <li>Geometry: the sform when {@code sform_code > 0} (and it is finite and non-singular), else
 * the qform when {@code qform_code > 0}, else pixdim alone (nibabel's fallback affine). The grid is
 * then permuted and flipped to LPS by the closest world axes (like nibabel's
 * {@code as_reoriented(ornt_transform(io_orientation(affine), axcodes2ornt("LPS")))}), and
 * {@link Volume#affine()} maps the new voxel indices to the same RAS+ world points.
 * {@link ImageMetadata#orientation()} keeps the file's own axis codes, e.g. "RAS".</li>
 * <li>Spacing: {@code |pixdim[1..3]|}, permuted with the axes. A voxel size of 0 becomes 1 mm and
 * sets {@code spacing_missing=true} in the metadata; NaN, infinite or implausibly large (over 1e9)
 * voxel sizes are an error.
 * Spatial units (xyzt_units) are recorded as {@code xyz_units} but not converted.</li>
 * <li>Values: NIfTI carries no modality. When the finite value range looks like CT (minimum in
 * [-4096, -500], maximum in [300, 32767]) the volume is tagged modality "CT" and
 * {@link ValueUnit#HU}, else modality "" and {@link ValueUnit#ARBITRARY}. NaN and infinite voxels
 * are kept as they are and counted in {@code nonfinite_voxels}.</li>
 * </ul>
 * {@link ImageMetadata#extra()} keys: {@code datatype} (e.g. "int16"), {@code byte_order},
 * {@code compression} ("gzip"/"none"), {@code descrip}, {@code xyz_units}, {@code affine_source}
 * ("sform", "qform" or "pixdim"), {@code xform_code} (code of the transform used, 0 for pixdim),
 * and when they apply {@code scl_slope}/{@code scl_inter}, {@code spacing_missing},
 * {@code nonfinite_voxels}, {@code sform_ignored}/{@code qform_ignored} (a non-finite, singular or
 * implausibly large transform, skipped), {@code intent_code}.
 * <p>
 * Not supported (each a clear {@link ImageReadException}): header/image pairs (.hdr/.img), 4D and
 * higher images with more than one volume, RGB, complex and 64-bit integer datatypes, more than
 * {@link #MAX_VOXELS} voxels. Truncated or corrupt files fail with an exception naming the file
 * and the cause; data are never allocated before the header has been checked, and gzipped data are
 * read in bounded chunks so a lying header cannot trigger a huge allocation.
 */
public final class NiftiReader {

	private NiftiReader() {}

	/** The most voxels a volume can have (a Java float array). */
	public static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

	/**
	 * Largest voxel size or affine entry accepted (in file units): beyond it, world coordinates of
	 * a large grid could overflow to infinity.
	 */
	private static final double MAX_COORDINATE = 1e9;

	/** Bytes read at a time from gzipped data. */
	private static final int CHUNK = 1 << 24;

	// -- Datatypes --

	/** Supported NIfTI datatypes. */
	private enum DataType {
		UINT8(2, 1, "uint8"), INT8(256, 1, "int8"), INT16(4, 2, "int16"), UINT16(512, 2, "uint16"),
		INT32(8, 4, "int32"), UINT32(768, 4, "uint32"), FLOAT32(16, 4, "float32"),
		FLOAT64(64, 8, "float64");

		final int code, bytes;
		final String label;

		DataType(int code, int bytes, String label) {
			this.code = code;
			this.bytes = bytes;
			this.label = label;
		}
	}

	// -- Public API --

	/**
	 * Reads a NIfTI-1 or NIfTI-2 file, gzipped or not.
	 *
	 * @throws ImageReadException with a one-line "file: cause" message when the file is missing,
	 *           unreadable, not NIfTI, truncated, corrupt or of an unsupported kind
	 */
	public static Volume read(Path file) throws ImageReadException {
		if (Files.isDirectory(file)) throw new ImageReadException(file,
			"is a directory, not a NIfTI file");
		long fileSize;
		try {
			fileSize = Files.size(file);
		}
		catch (NoSuchFileException e) {
			throw new ImageReadException(file, "file not found");
		}
		catch (IOException e) {
			throw new ImageReadException(file, "cannot read file (" + e.getClass().getSimpleName() +
				")", e);
		}
		if (fileSize == 0) throw new ImageReadException(file, "empty file (0 bytes)");

		try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			raw.mark(2);
			boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
			raw.reset();
			InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
			return read(file, in, gzip, fileSize);
		}
		catch (ImageReadException e) {
			throw e;
		}
		catch (ZipException e) {
			throw new ImageReadException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
		}
		catch (EOFException e) {
			throw new ImageReadException(file, "truncated gzip data (" + e.getMessage() + ")", e);
		}
		catch (IOException e) {
			throw new ImageReadException(file, "cannot read file (" + e.getClass().getSimpleName() +
				": " + e.getMessage() + ")", e);
		}
	}

	// -- Reading --

	private static Volume read(Path file, InputStream in, boolean gzip, long fileSize)
		throws IOException
	{
		Header h = readHeader(file, in);
		Map<String, String> extra = new LinkedHashMap<>();

		// dimensions
		long[] dims = { 1, 1, 1 };
		for (int i = 1; i <= Math.min(3, h.ndim); i++)
			dims[i - 1] = h.dim[i];
		long volumes = 1;
		for (int i = 4; i <= h.ndim; i++)
			volumes = multiply(file, volumes, h.dim[i], h);
		if (volumes > 1) throw new ImageReadException(file, h.ndim + "D NIfTI with " + volumes +
			" volumes is not supported (dims " + h.dimString() + "); extract one volume first");
		long voxels = multiply(file, multiply(file, dims[0], dims[1], h), dims[2], h);
		if (voxels > MAX_VOXELS) throw new ImageReadException(file, "header claims " +
			h.dimString() + " = " + voxels + " voxels, more than the " + MAX_VOXELS +
			" a volume can hold");

		DataType type = dataType(file, h.datatype);
		long dataBytes = voxels * type.bytes;

		// where the data start
		long minOffset = h.headerSize + 4L;
		long offset = h.voxOffset;
		if (offset == 0) offset = minOffset; // nibabel and nifti_io repair a zero offset too
		else if (offset < minOffset) throw new ImageReadException(file, "vox_offset " +
			h.voxOffset + " lies inside the header (minimum " + minOffset + ")");
		if (!gzip) {
			if (offset > fileSize) throw new ImageReadException(file, "vox_offset " + offset +
				" is beyond the end of the file (" + fileSize + " bytes)");
			if (fileSize - offset < dataBytes) throw new ImageReadException(file,
				"truncated data: header needs " + dataBytes + " bytes of " + type.label + " (" +
					h.dimString() + ") after vox_offset " + offset + ", file has only " +
					(fileSize - offset));
		}

		// scaling
		double slope = h.slope, inter = h.inter;
		boolean scale = slope != 0 && Double.isFinite(slope);
		if (scale && !Double.isFinite(inter)) throw new ImageReadException(file, "scl_inter is " +
			inter + " while scl_slope is " + slope);
		if (scale && slope == 1 && inter == 0) scale = false;
		if (scale) {
			extra.put("scl_slope", Double.toString(slope));
			extra.put("scl_inter", Double.toString(inter));
		}

		// spacing
		double[] spacing = new double[3];
		for (int i = 0; i < 3; i++) {
			double p = h.pixdim[i + 1];
			if (!Double.isFinite(p) || Math.abs(p) > MAX_COORDINATE) {
				// pixdim of an absent axis (z of a 2D image) is often left as garbage
				if (i + 1 > h.ndim) p = 0;
				else if (!Double.isFinite(p)) throw new ImageReadException(file,
					"invalid voxel size pixdim[" + (i + 1) + "] = " + p);
				else throw new ImageReadException(file, "implausible voxel size pixdim[" + (i + 1) +
					"] = " + p + " (more than " + MAX_COORDINATE + ")");
			}
			p = Math.abs(p);
			if (p == 0) {
				p = 1;
				extra.put("spacing_missing", "true");
			}
			spacing[i] = p;
		}

		// geometry
		double[] affine = affine(h, dims, spacing, extra);
		int[][] axes = Orientations.closestAxes(affine);
		String codes = Orientations.axisCodes(axes);
		Orientations.Reorientation reo = Orientations.toLps(axes, dims);

		// data: skip to the offset, then read exactly dataBytes
		long skip = offset - h.headerSize;
		try {
			in.skipNBytes(skip);
		}
		catch (EOFException e) {
			throw new ImageReadException(file, "vox_offset " + offset +
				" is beyond the end of the " + (gzip ? "uncompressed data" : "file"));
		}
		byte[][] chunks = readData(file, in, dataBytes, type.bytes, gzip, offset);
		if (gzip) drain(in);
		float[] data;
		try {
			data = new float[(int) voxels];
		}
		catch (OutOfMemoryError e) {
			throw new ImageReadException(file, "not enough memory for " + voxels +
				" voxels (" + (voxels * 4 >> 20) + " MB); give Java more memory (-Xmx)");
		}
		long nonFinite = convert(chunks, type, h.order, scale, slope, inter, reo, data);

		// metadata
		long[] nd = reo.newDims();
		double[] newSpacing = reo.permute(spacing);
		double[] newAffine = reo.newAffine(affine);
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (float v : data) {
			if (!Float.isFinite(v)) continue;
			if (v < min) min = v;
			if (v > max) max = v;
		}
		boolean ct = min >= -4096 && min <= -500 && max >= 300 && max <= 32767;
		if (nonFinite > 0) extra.put("nonfinite_voxels", Long.toString(nonFinite));
		extra.put("datatype", type.label);
		extra.put("byte_order", h.order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian");
		extra.put("compression", gzip ? "gzip" : "none");
		extra.put("descrip", h.descrip);
		extra.put("xyz_units", h.xyzUnits());
		if (h.intentCode != 0) extra.put("intent_code", Integer.toString(h.intentCode));
		ImageMetadata meta = new ImageMetadata(ct ? "CT" : "", h.version == 2 ? "NIfTI-2" :
			"NIfTI-1", ct ? ValueUnit.HU : ValueUnit.ARBITRARY, codes, file.toString(), extra);
		return new Volume(data, (int) nd[0], (int) nd[1], (int) nd[2], newSpacing, newAffine, meta);
	}

	private static long multiply(Path file, long a, long b, Header h) throws ImageReadException {
		try {
			return Math.multiplyExact(a, b);
		}
		catch (ArithmeticException e) {
			throw new ImageReadException(file, "header claims absurd dimensions " + h.dimString());
		}
	}

	private static DataType dataType(Path file, int code) throws ImageReadException {
		for (DataType t : DataType.values())
			if (t.code == code) return t;
		String what = switch (code) {
			case 128 -> "RGB NIfTI (datatype RGB24) is not supported; convert it to greyscale";
			case 2304 -> "RGBA NIfTI (datatype RGBA32) is not supported; convert it to greyscale";
			case 32, 1792, 2048 -> "complex-valued NIfTI (datatype " + code + ") is not supported";
			case 1 -> "binary (1-bit) NIfTI is not supported";
			case 1024 -> "datatype int64 is not supported";
			case 1280 -> "datatype uint64 is not supported";
			case 1536 -> "datatype float128 is not supported";
			default -> "unknown NIfTI datatype code " + code;
		};
		throw new ImageReadException(file, what);
	}

	/**
	 * Reads exactly {@code n} bytes in chunks (multiples of the element size, allocated only as data
	 * arrive), failing on premature end of data.
	 */
	private static byte[][] readData(Path file, InputStream in, long n, int elementBytes,
		boolean gzip, long offset) throws IOException
	{
		int chunkSize = CHUNK / 8 * 8;
		List<byte[]> chunks = new ArrayList<>();
		long done = 0;
		try {
			while (done < n) {
				int len = (int) Math.min(chunkSize, n - done);
				byte[] chunk = in.readNBytes(len);
				done += chunk.length;
				if (chunk.length < len) throw new ImageReadException(file, "truncated data: " +
					"header needs " + n + " bytes after vox_offset " + offset + ", " +
					(gzip ? "gzip stream" : "file") + " ends after " + done);
				chunks.add(chunk);
			}
		}
		catch (OutOfMemoryError e) {
			chunks.clear();
			throw new ImageReadException(file, "not enough memory to read " + n +
				" bytes of voxel data; give Java more memory (-Xmx)");
		}
		catch (EOFException e) {
			throw new ImageReadException(file, "truncated data: gzip stream ends after about " +
				done + " of " + n + " data bytes (" + e.getMessage() + ")", e);
		}
		return chunks.toArray(new byte[0][]);
	}

	/**
	 * Reads on to the end of a gzip stream (at most {@link #CHUNK} more bytes) so that its CRC and
	 * length trailer get checked: corrupt data then fail instead of passing unnoticed.
	 */
	private static void drain(InputStream in) throws IOException {
		byte[] buf = new byte[8192];
		long left = CHUNK;
		int n;
		while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0)
			left -= n;
	}

	/**
	 * Decodes, scales and reorients the raw voxels into {@code out}.
	 *
	 * @return the number of NaN or infinite voxels
	 */
	private static long convert(byte[][] chunks, DataType type, ByteOrder order, boolean scale,
		double slope, double inter, Orientations.Reorientation reo, float[] out)
	{
		long[] dims = reo.oldDims();
		long[] steps = reo.steps();
		long i = 0, j = 0, k = 0;
		long rowStart = steps[3], dest = steps[3];
		long nonFinite = 0;
		float[] values = new float[chunks.length == 0 ? 0 : chunks[0].length / type.bytes];
		for (byte[] chunk : chunks) {
			int count = chunk.length / type.bytes;
			decode(ByteBuffer.wrap(chunk).order(order), type, count, scale, slope, inter, values);
			for (int e = 0; e < count; e++) {
				float f = values[e];
				if (!Float.isFinite(f)) nonFinite++;
				out[(int) dest] = f;
				// advance the old index (i fastest) and the matching new linear index
				if (++i < dims[0]) dest += steps[0];
				else {
					i = 0;
					if (++j < dims[1]) rowStart += steps[1];
					else {
						j = 0;
						k++;
						rowStart += steps[2] - (dims[1] - 1) * steps[1];
					}
					dest = rowStart;
				}
			}
		}
		return nonFinite;
	}

	/** Decodes {@code count} voxels of one chunk, scaled in double precision when asked. */
	private static void decode(ByteBuffer bb, DataType type, int count, boolean scale,
		double slope, double inter, float[] v)
	{
		double m = scale ? slope : 1, c = scale ? inter : 0;
		switch (type) {
			case UINT8 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) ((bb.get(e) & 0xff) * m + c);
			}
			case INT8 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) (bb.get(e) * m + c);
			}
			case INT16 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) (bb.getShort(2 * e) * m + c);
			}
			case UINT16 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) ((bb.getShort(2 * e) & 0xffff) * m + c);
			}
			case INT32 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) (bb.getInt(4 * e) * m + c);
			}
			case UINT32 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) ((bb.getInt(4 * e) & 0xffffffffL) * m + c);
			}
			case FLOAT32 -> {
				if (scale) for (int e = 0; e < count; e++)
					v[e] = (float) (bb.getFloat(4 * e) * m + c);
				else for (int e = 0; e < count; e++)
					v[e] = bb.getFloat(4 * e);
			}
			case FLOAT64 -> {
				for (int e = 0; e < count; e++)
					v[e] = (float) (bb.getDouble(8 * e) * m + c);
			}
		}
	}

	// -- Geometry --

	private static double[] affine(Header h, long[] dims, double[] spacing,
		Map<String, String> extra)
	{
		if (h.sformCode > 0) {
			double[] a = new double[16];
			System.arraycopy(h.srow, 0, a, 0, 12);
			a[15] = 1;
			String problem = matrixProblem(a);
			if (problem == null) {
				extra.put("affine_source", "sform");
				extra.put("xform_code", Integer.toString(h.sformCode));
				return a;
			}
			extra.put("sform_ignored", problem);
		}
		if (h.qformCode > 0) {
			double[] bcd = { h.quatern[0], h.quatern[1], h.quatern[2] };
			double[] off = { h.quatern[3], h.quatern[4], h.quatern[5] };
			double[] a = Orientations.qformAffine(bcd, h.pixdim[0], spacing, off);
			String problem = matrixProblem(a);
			if (problem == null) {
				extra.put("affine_source", "qform");
				extra.put("xform_code", Integer.toString(h.qformCode));
				return a;
			}
			extra.put("qform_ignored", problem);
		}
		// nibabel's base affine: x flipped, centred grid
		extra.put("affine_source", "pixdim");
		extra.put("xform_code", "0");
		return new double[] { //
			-spacing[0], 0, 0, (dims[0] - 1) / 2.0 * spacing[0], //
			0, spacing[1], 0, -(dims[1] - 1) / 2.0 * spacing[1], //
			0, 0, spacing[2], -(dims[2] - 1) / 2.0 * spacing[2], //
			0, 0, 0, 1 };
	}

	/** Why an affine cannot be used, or null when it can. */
	private static String matrixProblem(double[] a) {
		for (int i = 0; i < 12; i++)
			if (!Double.isFinite(a[i])) return "non-finite";
		for (int i = 0; i < 12; i++)
			if (Math.abs(a[i]) > MAX_COORDINATE) return "implausible (|value| > " + MAX_COORDINATE + ")";
		double[] m = Orientations.linear(a);
		double scale = 1;
		for (int c = 0; c < 3; c++)
			scale *= Math.sqrt(m[c] * m[c] + m[3 + c] * m[3 + c] + m[6 + c] * m[6 + c]);
		if (scale == 0 || Math.abs(Orientations.det3(m)) < 1e-6 * scale) return "singular";
		return null;
	}

	// -- Header --

	/** The header fields StrokeJ uses, NIfTI-1 and NIfTI-2 alike. */
	private static final class Header {
		int version, headerSize, ndim, datatype, qformCode, sformCode, xyztUnits, intentCode;
		ByteOrder order;
		long[] dim = new long[8];
		double[] pixdim = new double[8];
		double[] quatern = new double[6]; // b, c, d, x, y, z
		double[] srow = new double[12];
		long voxOffset;
		double slope, inter;
		String descrip;

		String dimString() {
			StringBuilder sb = new StringBuilder();
			for (int i = 1; i <= Math.max(1, Math.min(ndim, 7)); i++)
				sb.append(i > 1 ? "x" : "").append(dim[i]);
			return sb.toString();
		}

		String xyzUnits() {
			return switch (xyztUnits & 7) {
				case 1 -> "m";
				case 2 -> "mm";
				case 3 -> "um";
				default -> "unknown";
			};
		}
	}

	private static Header readHeader(Path file, InputStream in) throws IOException {
		byte[] first = in.readNBytes(348);
		if (first.length < 4) throw new ImageReadException(file, "not a NIfTI file (only " +
			first.length + " bytes)");
		int le = ByteBuffer.wrap(first, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
		int be = ByteBuffer.wrap(first, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
		Header h = new Header();
		if (le == 348 || le == 540) {
			h.order = ByteOrder.LITTLE_ENDIAN;
			h.headerSize = le;
		}
		else if (be == 348 || be == 540) {
			h.order = ByteOrder.BIG_ENDIAN;
			h.headerSize = be;
		}
		else throw new ImageReadException(file, "not a NIfTI file (header size field is " + le +
			", expected 348 or 540)");
		h.version = h.headerSize == 348 ? 1 : 2;
		byte[] bytes = first;
		if (h.version == 2 && first.length == 348) {
			byte[] rest = in.readNBytes(540 - 348);
			bytes = new byte[348 + rest.length];
			System.arraycopy(first, 0, bytes, 0, 348);
			System.arraycopy(rest, 0, bytes, 348, rest.length);
		}
		if (bytes.length < h.headerSize) throw new ImageReadException(file,
			"truncated header (" + bytes.length + " of " + h.headerSize + " bytes)");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(h.order);
		if (h.version == 1) parse1(file, b, h);
		else parse2(file, b, h);
		if (h.dim[0] < 1 || h.dim[0] > 7) throw new ImageReadException(file, "invalid dim[0] = " +
			h.dim[0] + " (must be 1 to 7)");
		h.ndim = (int) h.dim[0];
		for (int i = 1; i <= h.ndim; i++)
			if (h.dim[i] < 1) throw new ImageReadException(file, "invalid dimension dim[" + i +
				"] = " + h.dim[i] + " (dims " + h.dimString() + ")");
		return h;
	}

	private static void parse1(Path file, ByteBuffer b, Header h) throws ImageReadException {
		String magic = text(b, 344, 4);
		checkMagic(file, magic, "n+1", "ni1");
		for (int i = 0; i < 8; i++)
			h.dim[i] = b.getShort(40 + 2 * i);
		h.intentCode = b.getShort(68);
		h.datatype = b.getShort(70);
		for (int i = 0; i < 8; i++)
			h.pixdim[i] = b.getFloat(76 + 4 * i);
		double off = b.getFloat(108);
		if (!Double.isFinite(off) || off < 0 || off != Math.rint(off))
			throw new ImageReadException(file, "invalid vox_offset " + off);
		h.voxOffset = (long) off;
		h.slope = b.getFloat(112);
		h.inter = b.getFloat(116);
		h.xyztUnits = b.get(123);
		h.descrip = text(b, 148, 80);
		h.qformCode = b.getShort(252);
		h.sformCode = b.getShort(254);
		for (int i = 0; i < 6; i++)
			h.quatern[i] = b.getFloat(256 + 4 * i);
		for (int i = 0; i < 12; i++)
			h.srow[i] = b.getFloat(280 + 4 * i);
	}

	private static void parse2(Path file, ByteBuffer b, Header h) throws ImageReadException {
		String magic = text(b, 4, 4);
		checkMagic(file, magic, "n+2", "ni2");
		h.datatype = b.getShort(12);
		for (int i = 0; i < 8; i++)
			h.dim[i] = b.getLong(16 + 8 * i);
		for (int i = 0; i < 8; i++)
			h.pixdim[i] = b.getDouble(104 + 8 * i);
		h.voxOffset = b.getLong(168);
		if (h.voxOffset < 0) throw new ImageReadException(file, "invalid vox_offset " +
			h.voxOffset);
		h.slope = b.getDouble(176);
		h.inter = b.getDouble(184);
		h.descrip = text(b, 240, 80);
		h.qformCode = b.getInt(344);
		h.sformCode = b.getInt(348);
		for (int i = 0; i < 6; i++)
			h.quatern[i] = b.getDouble(352 + 8 * i);
		for (int i = 0; i < 12; i++)
			h.srow[i] = b.getDouble(400 + 8 * i);
		h.xyztUnits = b.getInt(500);
		h.intentCode = b.getInt(504);
	}

	private static void checkMagic(Path file, String magic, String single, String pair)
		throws ImageReadException
	{
		if (magic.equals(single)) return;
		if (magic.equals(pair)) throw new ImageReadException(file, "header of a NIfTI .hdr/.img " +
			"pair (magic '" + pair + "'); only single-file .nii/.nii.gz is supported");
		throw new ImageReadException(file, "not a NIfTI file: bad magic '" + printable(magic) +
			"' (expected '" + single + "')");
	}

	/** Zero-terminated ASCII text at a position. */
	private static String text(ByteBuffer b, int pos, int len) {
		int n = 0;
		while (n < len && b.get(pos + n) != 0)
			n++;
		byte[] s = new byte[n];
		b.get(pos, s);
		return new String(s, StandardCharsets.ISO_8859_1).trim();
	}

	private static String printable(String s) {
		StringBuilder sb = new StringBuilder();
		for (char c : s.toCharArray())
			if (c >= 32 && c < 127) sb.append(c);
			else sb.append(String.format("\\x%02x", (int) c));
		return sb.toString();
	}
}
