package org.strokej.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded random mutations of image files for fuzzing the readers: bit flips, truncations, byte
 * runs, inserted or deleted bytes, and header fields overwritten with extreme integers and
 * floats. Gzipped inputs are mutated either in their compressed form or in their payload (which is
 * then gzipped again, so the header mutations reach the NIfTI parser). The same fixture, kind and
 * seed always give the same bytes.
 */
public final class Mutator {

	private Mutator() {}

	/** Which fields {@link #mutate} aims header overwrites at. */
	public enum Kind { NIFTI, DICOM }

	/** A mutated file and what was done to it. */
	public record Mutation(byte[] bytes, String description) {}

	/** NIfTI-1 header field offsets worth attacking (dim, datatype, pixdim, vox_offset, ...). */
	private static final int[] NIFTI_FIELDS = { 0, 40, 42, 44, 46, 48, 70, 72, 76, 80, 84, 88, 108,
		112, 116, 123, 252, 254, 256, 260, 264, 268, 272, 276, 280, 284, 292, 296, 312, 344 };

	private static final long[] EXTREME_INTS = { 0, -1, 1, 2, 3, 4, 7, 8, 255, 256, 348, 352, 540,
		32767, -32768, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffffffffL, Long.MAX_VALUE,
		Long.MIN_VALUE, 1L << 40 };

	private static final double[] EXTREME_FLOATS = { 0, -0.0, -1, 1e-38, -1e-38, 1e38, -1e38,
		Float.MAX_VALUE, Float.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
		Double.NEGATIVE_INFINITY, 1e300, 0.5 };

	/**
	 * Mutates a file.
	 *
	 * @param src the good file's bytes
	 * @param kind which header fields to aim at
	 * @param seed the mutation's seed
	 */
	public static Mutation mutate(byte[] src, Kind kind, long seed) throws IOException {
		Random r = new Random(seed);
		boolean gzip = src.length > 2 && (src[0] & 0xff) == 0x1f && (src[1] & 0xff) == 0x8b;
		if (gzip && r.nextInt(4) != 0) { // mostly mutate the payload
			Mutation m = mutateRaw(BadInputCorpus.gunzip(src), kind, r);
			return new Mutation(BadInputCorpus.gzip(m.bytes()), "gzip payload: " + m.description());
		}
		Mutation m = mutateRaw(src, kind, r);
		return gzip ? new Mutation(m.bytes(), "gzip stream: " + m.description()) : m;
	}

	private static Mutation mutateRaw(byte[] src, Kind kind, Random r) {
		byte[] b = src.clone();
		List<String> done = new ArrayList<>();
		int ops = 1 + r.nextInt(3);
		for (int op = 0; op < ops && b.length > 0; op++) {
			switch (r.nextInt(6)) {
				case 0 -> { // bit flips
					int n = 1 + r.nextInt(8);
					for (int i = 0; i < n; i++) {
						int p = r.nextInt(b.length);
						b[p] ^= (byte) (1 << r.nextInt(8));
					}
					done.add(n + " bit flip(s)");
				}
				case 1 -> { // truncation
					int len = r.nextInt(b.length);
					b = Arrays.copyOf(b, len);
					done.add("truncated to " + len);
				}
				case 2 -> { // byte run
					int p = r.nextInt(b.length), len = Math.min(b.length - p, 1 + r.nextInt(64));
					byte v = new byte[] { 0, (byte) 0xff, (byte) r.nextInt(256) }[r.nextInt(3)];
					Arrays.fill(b, p, p + len, v);
					done.add(String.format("run of %d x 0x%02x at %d", len, v & 0xff, p));
				}
				case 3 -> { // insert or delete bytes
					int p = r.nextInt(b.length), len = 1 + r.nextInt(16);
					byte[] out;
					if (r.nextBoolean()) {
						out = new byte[b.length + len];
						System.arraycopy(b, 0, out, 0, p);
						for (int i = 0; i < len; i++)
							out[p + i] = (byte) r.nextInt(256);
						System.arraycopy(b, p, out, p + len, b.length - p);
						done.add(len + " byte(s) inserted at " + p);
					}
					else {
						len = Math.min(len, b.length - p);
						out = new byte[b.length - len];
						System.arraycopy(b, 0, out, 0, p);
						System.arraycopy(b, p + len, out, p, b.length - p - len);
						done.add(len + " byte(s) deleted at " + p);
					}
					b = out;
				}
				default -> done.add(overwriteField(b, kind, r));
			}
		}
		return new Mutation(b, String.join(", ", done));
	}

	/** Writes an extreme value into a header field (or a DICOM value or length field). */
	private static String overwriteField(byte[] b, Kind kind, Random r) {
		int pos;
		if (kind == Kind.NIFTI && r.nextInt(4) != 0) pos = NIFTI_FIELDS[r.nextInt(NIFTI_FIELDS.length)];
		else if (kind == Kind.DICOM && r.nextInt(4) != 0) pos = dicomField(b, r);
		else pos = r.nextInt(Math.min(b.length, 600));
		int width = new int[] { 2, 4, 4, 8 }[r.nextInt(4)];
		if (pos < 0 || pos + width > b.length) return "field write skipped";
		ByteBuffer bb = ByteBuffer.wrap(b).order(r.nextInt(5) == 0 ? ByteOrder.BIG_ENDIAN
			: ByteOrder.LITTLE_ENDIAN);
		boolean asFloat = width >= 4 && r.nextBoolean();
		String value;
		if (asFloat) {
			double d = EXTREME_FLOATS[r.nextInt(EXTREME_FLOATS.length)];
			if (width == 4) bb.putFloat(pos, (float) d);
			else bb.putDouble(pos, d);
			value = (width == 4 ? "float " : "double ") + d;
		}
		else {
			long v = EXTREME_INTS[r.nextInt(EXTREME_INTS.length)];
			if (width == 2) bb.putShort(pos, (short) v);
			else if (width == 4) bb.putInt(pos, (int) v);
			else bb.putLong(pos, v);
			value = "int" + 8 * width + " " + v;
		}
		return value + " at " + pos + " (" + bb.order() + ")";
	}

	/**
	 * A random element's length or value position in an explicit-VR little-endian DICOM file
	 * (a random position when the file does not parse).
	 */
	private static int dicomField(byte[] b, Random r) {
		List<Integer> spots = new ArrayList<>();
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		int pos = 132;
		while (pos + 8 <= b.length && spots.size() < 400) {
			String vr = new String(b, pos + 4, 2, java.nio.charset.StandardCharsets.ISO_8859_1);
			boolean lng = vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") ||
				vr.equals("UT") || vr.equals("OF");
			if (pos + 12 > b.length) break;
			long len = lng ? bb.getInt(pos + 8) & 0xffffffffL : bb.getShort(pos + 6) & 0xffff;
			int value = pos + (lng ? 12 : 8);
			spots.add(lng ? pos + 8 : pos + 6);
			spots.add(value);
			if (len > b.length) break;
			pos = (int) (value + len);
		}
		return spots.isEmpty() ? r.nextInt(b.length) : spots.get(r.nextInt(spots.size()));
	}
}
