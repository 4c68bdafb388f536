package org.strokej.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a HU {@link Volume} as an uncompressed (Explicit VR Little Endian) CT Image Storage
 * series, one file per slice, so synthetic phantoms can be opened by any DICOM viewer and read
 * back by {@link DicomSeriesReader}.
 * <p>
 * Stored values are signed 16-bit with RescaleSlope 1 / RescaleIntercept −1024 when the volume
 * fits, otherwise a slope and intercept chosen to span the value range; values are rounded to the
 * nearest stored step. ImagePositionPatient / ImageOrientationPatient / PixelSpacing follow the
 * volume's affine (RAS+ converted to DICOM's LPS). UIDs are generated under the {@code 2.25.}
 * (UUID) root. Files are named {@code IM0001.dcm} … (slice 1 = most inferior) and each is written
 * atomically; other files in the folder are left alone.
 */
public final class DicomSeriesWriter {

	private DicomSeriesWriter() {}

	static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
	static final String IMPLEMENTATION_UID = uid(UUID.nameUUIDFromBytes(
		"org.strokej.core.io.DicomSeriesWriter".getBytes(StandardCharsets.US_ASCII)));
	static final String PATIENT_NAME = "PHANTOM^STROKEJ";

	/**
	 * Writes the volume as a DICOM CT series.
	 *
	 * @param huVolume a volume in Hounsfield units, LPS voxel order (as every StrokeJ reader gives)
	 * @param folder output folder, created if needed
	 * @param seriesDescription SeriesDescription (0008,103E); null for none
	 * @throws IllegalArgumentException when the volume is not HU, has non-finite voxels or is
	 *           larger than DICOM rows/columns allow
	 * @throws IOException when a file cannot be written
	 */
	public static void write(Volume huVolume, Path folder, String seriesDescription)
		throws IOException
	{
		if (huVolume.metadata().valueUnit() != ValueUnit.HU) throw new IllegalArgumentException(
			"DICOM CT export needs a volume in HU, got " + huVolume.metadata().valueUnit().label());
		if (huVolume.nx() > 65535 || huVolume.ny() > 65535) throw new IllegalArgumentException(
			"slice too large for DICOM: " + huVolume.nx() + "x" + huVolume.ny());
		float[] range = huVolume.range();
		for (float v : huVolume.data())
			if (!Float.isFinite(v)) throw new IllegalArgumentException(
				"volume has NaN or infinite voxels; DICOM CT cannot store them");
		double slope = 1, intercept = -1024;
		if (range[0] - intercept < Short.MIN_VALUE || range[1] - intercept > Short.MAX_VALUE) {
			slope = (range[1] - (double) range[0]) / 65535.0;
			intercept = range[0] - Short.MIN_VALUE * slope;
		}
		Files.createDirectories(folder);

		// geometry in DICOM LPS
		double[] a = huVolume.affine();
		double[] col0 = { -a[0], -a[4], a[8] }, col1 = { -a[1], -a[5], a[9] },
				col2 = { -a[2], -a[6], a[10] }, origin = { -a[3], -a[7], a[11] };
		double sx = norm(col0), sy = norm(col1);
		double[] r = scale(col0, 1 / sx), c = scale(col1, 1 / sy);
		double[] normal = cross(r, c);
		double sz = huVolume.spacing()[2];

		String study = uid(UUID.randomUUID()), series = uid(UUID.randomUUID()), frame = uid(UUID
			.randomUUID());
		LocalDateTime now = LocalDateTime.now();
		String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
		String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
		int nx = huVolume.nx(), ny = huVolume.ny();
		for (int k = 0; k < huVolume.nz(); k++) {
			double[] pos = { origin[0] + k * col2[0], origin[1] + k * col2[1], origin[2] + k *
				col2[2] };
			float[] slice = huVolume.slice(k);
			byte[] pixels = new byte[nx * ny * 2];
			for (int i = 0; i < slice.length; i++) {
				long s = Math.round((slice[i] - intercept) / slope);
				s = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
				pixels[2 * i] = (byte) s;
				pixels[2 * i + 1] = (byte) (s >> 8);
			}
			String sop = uid(UUID.randomUUID());
			Encoder e = new Encoder();
			// -- data set, tags ascending --
			e.string(0x0008, 0x0008, "CS", "DERIVED\\SECONDARY\\AXIAL");
			e.uid(0x0008, 0x0016, CT_IMAGE_STORAGE);
			e.uid(0x0008, 0x0018, sop);
			e.string(0x0008, 0x0020, "DA", date);
			e.string(0x0008, 0x0021, "DA", date);
			e.string(0x0008, 0x0030, "TM", time);
			e.string(0x0008, 0x0031, "TM", time);
			e.string(0x0008, 0x0060, "CS", "CT");
			e.string(0x0008, 0x0070, "LO", "StrokeJ");
			if (seriesDescription != null && !seriesDescription.isEmpty())
				e.string(0x0008, 0x103E, "LO", truncate(seriesDescription, 64));
			e.string(0x0010, 0x0010, "PN", PATIENT_NAME);
			e.string(0x0010, 0x0020, "LO", "PHANTOM");
			e.string(0x0018, 0x0050, "DS", ds(sz));
			e.string(0x0018, 0x0088, "DS", ds(sz));
			e.uid(0x0020, 0x000D, study);
			e.uid(0x0020, 0x000E, series);
			e.string(0x0020, 0x0010, "SH", "1");
			e.string(0x0020, 0x0011, "IS", "1");
			e.string(0x0020, 0x0013, "IS", Integer.toString(k + 1));
			e.string(0x0020, 0x0032, "DS", ds(pos[0]) + "\\" + ds(pos[1]) + "\\" + ds(pos[2]));
			e.string(0x0020, 0x0037, "DS", ds(r[0]) + "\\" + ds(r[1]) + "\\" + ds(r[2]) + "\\" + ds(
				c[0]) + "\\" + ds(c[1]) + "\\" + ds(c[2]));
			e.uid(0x0020, 0x0052, frame);
			e.string(0x0020, 0x1041, "DS", ds(dot(pos, normal)));
			e.us(0x0028, 0x0002, 1);
			e.string(0x0028, 0x0004, "CS", "MONOCHROME2");
			e.us(0x0028, 0x0010, ny);
			e.us(0x0028, 0x0011, nx);
			e.string(0x0028, 0x0030, "DS", ds(sy) + "\\" + ds(sx));
			e.us(0x0028, 0x0100, 16);
			e.us(0x0028, 0x0101, 16);
			e.us(0x0028, 0x0102, 15);
			e.us(0x0028, 0x0103, 1);
			e.string(0x0028, 0x1050, "DS", "40");
			e.string(0x0028, 0x1051, "DS", "80");
			e.string(0x0028, 0x1052, "DS", ds(intercept));
			e.string(0x0028, 0x1053, "DS", ds(slope));
			e.string(0x0028, 0x1054, "LO", "HU");
			e.bytes(0x7FE0, 0x0010, "OW", pixels);
			byte[] dataset = e.toByteArray();

			writeAtomically(folder.resolve(String.format(Locale.ROOT, "IM%04d.dcm", k + 1)), fileMeta(
				sop), dataset);
		}
	}

	// -- Encoding --

	/** Preamble, "DICM" and the group 0002 file meta information. */
	private static byte[] fileMeta(String sopInstance) {
		Encoder m = new Encoder();
		m.bytes(0x0002, 0x0001, "OB", new byte[] { 0, 1 });
		m.uid(0x0002, 0x0002, CT_IMAGE_STORAGE);
		m.uid(0x0002, 0x0003, sopInstance);
		m.uid(0x0002, 0x0010, DicomHeaders.EXPLICIT_LE);
		m.uid(0x0002, 0x0012, IMPLEMENTATION_UID);
		m.string(0x0002, 0x0013, "SH", "STROKEJ");
		byte[] group = m.toByteArray();
		Encoder out = new Encoder();
		out.raw(new byte[128]);
		out.raw("DICM".getBytes(StandardCharsets.US_ASCII));
		out.ul(0x0002, 0x0000, group.length);
		out.raw(group);
		return out.toByteArray();
	}

	/** Explicit VR little endian element writer with even-length values. */
	private static final class Encoder {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		void raw(byte[] b) {
			out.writeBytes(b);
		}

		private void u16(int v) {
			out.write(v & 0xff);
			out.write((v >> 8) & 0xff);
		}

		private void u32(long v) {
			u16((int) (v & 0xffff));
			u16((int) ((v >> 16) & 0xffff));
		}

		private void header(int group, int element, String vr, int length) {
			u16(group);
			u16(element);
			raw(vr.getBytes(StandardCharsets.US_ASCII));
			if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr
				.equals("UT"))
			{
				u16(0);
				u32(length);
			}
			else u16(length);
		}

		void string(int group, int element, String vr, String value) {
			byte[] b = value.getBytes(StandardCharsets.US_ASCII);
			boolean pad = (b.length & 1) == 1;
			header(group, element, vr, b.length + (pad ? 1 : 0));
			raw(b);
			if (pad) out.write(' ');
		}

		void uid(int group, int element, String value) {
			byte[] b = value.getBytes(StandardCharsets.US_ASCII);
			boolean pad = (b.length & 1) == 1;
			header(group, element, "UI", b.length + (pad ? 1 : 0));
			raw(b);
			if (pad) out.write(0);
		}

		void us(int group, int element, int value) {
			header(group, element, "US", 2);
			u16(value);
		}

		void ul(int group, int element, long value) {
			header(group, element, "UL", 4);
			u32(value);
		}

		void bytes(int group, int element, String vr, byte[] value) {
			boolean pad = (value.length & 1) == 1;
			header(group, element, vr, value.length + (pad ? 1 : 0));
			raw(value);
			if (pad) out.write(0);
		}

		byte[] toByteArray() {
			return out.toByteArray();
		}
	}

	private static void writeAtomically(Path target, byte[] meta, byte[] dataset)
		throws IOException
	{
		byte[] all = new byte[meta.length + dataset.length];
		System.arraycopy(meta, 0, all, 0, meta.length);
		System.arraycopy(dataset, 0, all, meta.length, dataset.length);
		AtomicFiles.write(target, tmp -> Files.write(tmp, all));
	}

	// -- Values --

	/** A UID under the 2.25 root: the UUID's 128 bits as an unsigned decimal. */
	static String uid(UUID u) {
		BigInteger hi = BigInteger.valueOf(u.getMostSignificantBits()).and(BigInteger.ONE
			.shiftLeft(64).subtract(BigInteger.ONE));
		BigInteger lo = BigInteger.valueOf(u.getLeastSignificantBits()).and(BigInteger.ONE
			.shiftLeft(64).subtract(BigInteger.ONE));
		return "2.25." + hi.shiftLeft(64).or(lo).toString();
	}

	/** A DICOM decimal string (at most 16 characters) as precise as fits. */
	static String ds(double v) {
		if (v == 0) return "0";
		for (int digits = 12; digits > 0; digits--) {
			BigDecimal b = new BigDecimal(v).round(new MathContext(digits));
			String s = b.stripTrailingZeros().toPlainString();
			if (s.length() <= 16) return s;
			s = b.stripTrailingZeros().toString(); // scientific
			if (s.length() <= 16) return s;
		}
		throw new IllegalArgumentException("cannot format " + v + " as DICOM DS");
	}

	private static String truncate(String s, int max) {
		String ascii = s.replaceAll("[^\\x20-\\x7E]", "?").replace("\\", "/");
		return ascii.length() <= max ? ascii : ascii.substring(0, max);
	}

	private static double norm(double[] a) {
		return Math.sqrt(dot(a, a));
	}

	private static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	private static double[] scale(double[] a, double f) {
		return new double[] { a[0] * f, a[1] * f, a[2] * f };
	}

	private static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] -
			a[1] * b[0] };
	}
}
