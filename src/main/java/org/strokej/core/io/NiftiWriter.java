package org.strokej.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link Volume} as a single-file NIfTI-1 image, gzipped when the file name ends in
 * {@code .gz} ({@code .nii.gz}), plain otherwise ({@code .nii}).
 * <p>
 * The voxels are written in the volume's own (LPS) order, little-endian, without scaling
 * ({@code scl_slope = 1}, {@code scl_inter = 0}). The volume's affine becomes the sform and, with
 * shears removed, the qform; both get the same code: the {@code xform_code} that
 * {@link NiftiReader} recorded when the volume came from NIfTI, 1 (scanner anatomical) when it came
 * from DICOM, else 2 (aligned anatomical). pixdim holds the spacing, units are mm. Header floats are
 * 32-bit, so spacing and affine survive a round trip exactly when they are float-representable
 * (else to float precision). The file appears atomically: it is written to a temporary file in the
 * same folder, then moved over the target.
 */
public final class NiftiWriter {

	private NiftiWriter() {}

	/** How voxel values are stored. */
	public enum DataKind {
		/** 32-bit float: exact for any float volume. */
		FLOAT32(16, 32, 4),
		/** 16-bit signed integer (e.g. HU): values are rounded and must lie in -32768..32767. */
		INT16(4, 16, 2),
		/** 8-bit unsigned integer (label images): values are rounded and must lie in 0..255. */
		UINT8(2, 8, 1);

		private final int code, bitpix, bytes;

		DataKind(int code, int bitpix, int bytes) {
			this.code = code;
			this.bitpix = bitpix;
			this.bytes = bytes;
		}

		/** The NIfTI datatype code. */
		public int code() { return code; }
	}

	private static final int HEADER_SIZE = 348;
	private static final int VOX_OFFSET = 352;
	private static final int CHUNK_VOXELS = 1 << 20;

	/**
	 * Writes the volume.
	 *
	 * @param v the volume (LPS voxel order, affine voxel to RAS+ mm)
	 * @param file target ending in {@code .nii} or {@code .nii.gz}; replaced if it exists
	 * @param kind how to store the values
	 * @throws IllegalArgumentException when the file name has another extension, or a value is NaN,
	 *           infinite or out of range for an integer {@code kind}
	 * @throws IOException when writing fails (the target is then left as it was)
	 */
	public static void write(Volume v, Path file, DataKind kind) throws IOException {
		String name = file.getFileName().toString();
		String lower = name.toLowerCase();
		if (!lower.endsWith(".nii") && !lower.endsWith(".nii.gz"))
			throw new IllegalArgumentException(file + ": NIfTI file name must end in .nii or .nii.gz");
		boolean gzip = lower.endsWith(".gz");
		checkValues(v, kind, file);

		byte[] header = header(v, kind);
		AtomicFiles.write(file, tmp -> {
			try (OutputStream os = open(tmp, gzip)) {
				os.write(header);
				writeData(os, v.data(), kind);
			}
		});
	}

	// -- Helpers --

	private static OutputStream open(Path tmp, boolean gzip) throws IOException {
		OutputStream os = Files.newOutputStream(tmp);
		if (!gzip) return new BufferedOutputStream(os, 1 << 16);
		// fast compression, as nibabel's default: CT compresses well at any level
		return new GZIPOutputStream(os, 1 << 16) {
			{
				def.setLevel(Deflater.BEST_SPEED);
			}
		};
	}

	private static void checkValues(Volume v, DataKind kind, Path file) {
		if (kind == DataKind.FLOAT32) return;
		double lo = kind == DataKind.INT16 ? Short.MIN_VALUE : 0;
		double hi = kind == DataKind.INT16 ? Short.MAX_VALUE : 255;
		float[] d = v.data();
		for (int i = 0; i < d.length; i++) {
			double r = Math.rint(d[i]);
			if (!(r >= lo && r <= hi)) {
				int x = i % v.nx(), y = i / v.nx() % v.ny(), z = i / v.sliceSize();
				throw new IllegalArgumentException(file + ": value " + d[i] + " at voxel (" + x +
					", " + y + ", " + z + ") does not fit " + kind + " (" + (long) lo + " to " +
					(long) hi + ")");
			}
		}
	}

	private static void writeData(OutputStream os, float[] data, DataKind kind) throws IOException {
		ByteBuffer bb = ByteBuffer.allocate(CHUNK_VOXELS * kind.bytes).order(ByteOrder.LITTLE_ENDIAN);
		for (int start = 0; start < data.length; start += CHUNK_VOXELS) {
			int end = Math.min(data.length, start + CHUNK_VOXELS);
			bb.clear();
			for (int i = start; i < end; i++) {
				switch (kind) {
					case FLOAT32 -> bb.putFloat(data[i]);
					case INT16 -> bb.putShort((short) Math.rint(data[i]));
					case UINT8 -> bb.put((byte) (int) Math.rint(data[i]));
				}
			}
			os.write(bb.array(), 0, bb.position());
		}
	}

	/** The 348-byte header plus the 4-byte "no extensions" flag. */
	static byte[] header(Volume v, DataKind kind) {
		ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
		double[] a = v.affine();
		double[] spacing = v.spacing();
		double[] q = Orientations.qformParameters(a);
		int code = xformCode(v.metadata());

		b.putInt(0, HEADER_SIZE);
		b.put(38, (byte) 'r'); // "regular", as ANALYZE readers expect
		short[] dim = { 3, (short) 0, (short) 0, (short) 0, 1, 1, 1, 1 };
		int[] n = v.dims();
		for (int i = 0; i < 3; i++) {
			if (n[i] > Short.MAX_VALUE) throw new IllegalArgumentException("dimension " + n[i] +
				" is too large for NIfTI-1 (max " + Short.MAX_VALUE + ")");
			dim[i + 1] = (short) n[i];
		}
		for (int i = 0; i < 8; i++)
			b.putShort(40 + 2 * i, dim[i]);
		b.putShort(70, (short) kind.code);
		b.putShort(72, (short) kind.bitpix);
		b.putFloat(76, (float) q[3]); // pixdim[0] = qfac
		for (int i = 0; i < 3; i++)
			b.putFloat(80 + 4 * i, (float) spacing[i]);
		b.putFloat(108, VOX_OFFSET);
		b.putFloat(112, 1f); // scl_slope
		b.putFloat(116, 0f); // scl_inter
		b.put(123, (byte) 2); // xyzt_units: mm
		float[] range = v.range();
		if (!Float.isNaN(range[0])) {
			b.putFloat(124, range[1]); // cal_max
			b.putFloat(128, range[0]); // cal_min
		}
		String descrip = v.metadata().extra().getOrDefault("descrip", "");
		if (descrip.isEmpty()) descrip = "StrokeJ";
		byte[] text = descrip.getBytes(StandardCharsets.US_ASCII);
		b.put(148, text, 0, Math.min(text.length, 79));
		b.putShort(252, (short) code); // qform_code
		b.putShort(254, (short) code); // sform_code
		b.putFloat(256, (float) q[0]);
		b.putFloat(260, (float) q[1]);
		b.putFloat(264, (float) q[2]);
		b.putFloat(268, (float) a[3]);
		b.putFloat(272, (float) a[7]);
		b.putFloat(276, (float) a[11]);
		for (int i = 0; i < 12; i++)
			b.putFloat(280 + 4 * i, (float) a[i]);
		b.put(344, (byte) 'n');
		b.put(345, (byte) '+');
		b.put(346, (byte) '1');
		return b.array();
	}

	/** sform/qform code: the NIfTI source's own, 1 (scanner) for DICOM, else 2 (aligned). */
	private static int xformCode(ImageMetadata m) {
		String c = m.extra().get("xform_code");
		if (c != null && m.format().startsWith("NIfTI")) {
			try {
				int code = Integer.parseInt(c);
				if (code >= 1 && code <= 5) return code;
			}
			catch (NumberFormatException e) {
				// fall through
			}
		}
		return m.format().startsWith("DICOM") ? 1 : 2;
	}
}
