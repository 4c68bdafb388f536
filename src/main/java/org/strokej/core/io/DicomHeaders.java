package org.strokej.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ij.plugin.DICOM;

/**
 * Low-level DICOM header access shared by {@link DicomSeriesReader}: the file meta group (0002),
 * read here so that compressed transfer syntaxes are refused before ImageJ sees the file, and the
 * data set tags as decoded by ImageJ 1's {@link DICOM#getInfo(String)}.
 */
final class DicomHeaders {

	private DicomHeaders() {}

	/** Transfer syntax UIDs ImageJ 1 can read (uncompressed). */
	static final String IMPLICIT_LE = "1.2.840.10008.1.2";
	static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
	static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
	static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";

	/**
	 * What the first bytes of a file say.
	 *
	 * @param isDicom whether the file is DICOM ("DICM" at 128, or an ACR-NEMA style start)
	 * @param transferSyntax the meta header's TransferSyntaxUID, or implicit LE when absent
	 * @param reason why the file is not DICOM, or ""
	 */
	record Preamble(boolean isDicom, String transferSyntax, String reason) {}

	/** Reads the preamble and the group 0002 meta information (explicit VR little endian). */
	static Preamble readPreamble(Path file) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(64 * 1024);
		}
		if (head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' &&
			head[131] == 'M')
		{
			String ts = metaTransferSyntax(head, 132);
			return new Preamble(true, ts == null ? IMPLICIT_LE : ts, "");
		}
		// ACR-NEMA / headerless DICOM starting with group 0008 or 0002, as ImageJ accepts
		if (head.length >= 8 && (head[0] == 8 || head[0] == 2) && head[1] == 0 && head[3] == 0)
			return new Preamble(true, IMPLICIT_LE, "");
		if (head.length == 0) return new Preamble(false, "", "empty file");
		return new Preamble(false, "", "not a DICOM file (no 'DICM' marker at byte 128)");
	}

	/** Walks group 0002 elements from pos; returns (0002,0010) or null. */
	private static String metaTransferSyntax(byte[] b, int pos) {
		while (pos + 8 <= b.length) {
			int group = u16(b, pos), element = u16(b, pos + 2);
			if (group != 0x0002) return null;
			String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
			int len, valuePos;
			if (isLongVr(vr)) {
				if (pos + 12 > b.length) return null;
				len = (int) u32(b, pos + 8);
				valuePos = pos + 12;
			}
			else {
				len = u16(b, pos + 6);
				valuePos = pos + 8;
			}
			if (len < 0 || (long) valuePos + len > b.length) return null;
			if (element == 0x0010) {
				return new String(b, valuePos, len, StandardCharsets.US_ASCII).replace("\0", "")
					.trim();
			}
			pos = valuePos + len;
		}
		return null;
	}

	private static int u16(byte[] b, int p) {
		return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
	}

	private static long u32(byte[] b, int p) {
		return (u16(b, p) | (long) u16(b, p + 2) << 16);
	}

	/** How many leading bytes {@link #checkStructure} examines at most. */
	private static final int STRUCTURE_WINDOW = 4 << 20;

	/**
	 * Walks the element headers up to the pixel data and checks that every defined value length
	 * fits in the file. ImageJ's decoder allocates whatever a length field says, so a corrupt
	 * header could otherwise cost gigabytes before failing.
	 *
	 * @throws ImageReadException naming the first element whose length runs past the end
	 */
	static void checkStructure(Path file, Preamble pre) throws IOException {
		long size = Files.size(file);
		byte[] b;
		try (InputStream in = Files.newInputStream(file)) {
			b = in.readNBytes((int) Math.min(size, STRUCTURE_WINDOW));
		}
		boolean dicm = b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' &&
			b[131] == 'M';
		int pos = dicm ? 132 : 0;
		String ts = pre.transferSyntax();
		boolean metaDone = !dicm;
		while (pos + 8 <= b.length) {
			boolean meta = !metaDone && u16(b, pos) == 0x0002;
			if (!meta) metaDone = true;
			boolean big = !meta && ts.equals(EXPLICIT_BE);
			boolean explicit = meta || !ts.equals(IMPLICIT_LE);
			int group = big ? be16(b, pos) : u16(b, pos);
			int element = big ? be16(b, pos + 2) : u16(b, pos + 2);
			long len;
			int valuePos;
			if (group == 0xFFFE) { // item / delimiters: 4-byte length, no VR
				pos += 8;
				continue; // step into items; delimiters carry no value
			}
			String vr = explicit ? new String(b, pos + 4, 2, StandardCharsets.US_ASCII) : "";
			if (explicit && !KNOWN_VRS.contains(vr)) {
				// ImageJ reads an element without a known VR as implicit: a 4-byte length
				len = big ? be32(b, pos + 4) : u32(b, pos + 4);
				valuePos = pos + 8;
			}
			else if (explicit && isLongVr(vr)) {
				if (pos + 12 > b.length) return;
				len = big ? be32(b, pos + 8) : u32(b, pos + 8);
				valuePos = pos + 12;
			}
			else if (explicit) {
				len = big ? be16(b, pos + 6) : u16(b, pos + 6);
				valuePos = pos + 8;
			}
			else {
				len = u32(b, pos + 4);
				valuePos = pos + 8;
			}
			if (group == 0x7FE0 && element == 0x0010) return; // pixel data: checked on reading
			if (len == 0xFFFFFFFFL) { // undefined length
				if (vr.equals("SQ") || !explicit) {
					pos = valuePos; // walk into the sequence
					continue;
				}
				if (vr.equals("UN")) return; // a sequence in implicit encoding: stop checking
				// only sequences (and encapsulated pixel data) may have an undefined length; ImageJ
				// would read gigabytes for any other element
				throw new ImageReadException(file, String.format(Locale.ROOT,
					"corrupt DICOM header: element (%04X,%04X) of VR %s has an undefined length",
					group, element, DicomHeaders.printable(vr)));
			}
			if (vr.equals("SQ")) { // defined-length sequence: walk into its items
				if (valuePos + len > size) throw new ImageReadException(file, String.format(Locale.ROOT,
					"corrupt or truncated DICOM header: element (%04X,%04X) is %d bytes long but the file ends at %d",
					group, element, len, size));
				pos = valuePos;
				continue;
			}
			if (valuePos + len > size) throw new ImageReadException(file, String.format(Locale.ROOT,
				"corrupt or truncated DICOM header: element (%04X,%04X) is %d bytes long but the file ends at %d",
				group, element, len, size));
			pos = (int) Math.min(Integer.MAX_VALUE, valuePos + len);
		}
	}

	/** The value representations ImageJ's decoder recognises in explicit-VR files. */
	private static final Set<String> KNOWN_VRS = Set.of("AE", "AS", "AT", "CS",
		"DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL",
		"US", "UT", "OB", "OW", "SQ", "UN", "OF", "OL", "OD", "UC", "UR", "OV", "SV", "UV");

	private static boolean isLongVr(String vr) {
		switch (vr) {
			case "OB": case "OW": case "OF": case "OD": case "OL": case "OV": case "SQ": case "UT":
			case "UN": case "UC": case "UR": case "SV": case "UV":
				return true;
			default:
				return false;
		}
	}

	private static int be16(byte[] b, int p) {
		return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
	}

	private static long be32(byte[] b, int p) {
		return (long) be16(b, p) << 16 | be16(b, p + 2);
	}

	/** Whether the UID names a compressed (JPEG, JPEG-LS, JPEG 2000, HTJ2K, RLE) syntax. */
	static boolean isCompressed(String ts) {
		return ts.startsWith("1.2.840.10008.1.2.4.") || ts.equals("1.2.840.10008.1.2.5");
	}

	/** Printable ASCII only, at most 64 characters, for error messages. */
	static String printable(String s) {
		String p = s.replaceAll("[^\\x21-\\x7E]", "?");
		return p.length() <= 64 ? p : p.substring(0, 64) + "...";
	}

	/** Whether ImageJ 1 can read pixel data in this transfer syntax. */
	static boolean isUncompressed(String ts) {
		return ts.equals(IMPLICIT_LE) || ts.equals(EXPLICIT_LE) || ts.equals(EXPLICIT_BE);
	}

	/** A human name for a transfer syntax UID. */
	static String transferSyntaxName(String ts) {
		switch (ts) {
			case IMPLICIT_LE: return "Implicit VR Little Endian";
			case EXPLICIT_LE: return "Explicit VR Little Endian";
			case EXPLICIT_BE: return "Explicit VR Big Endian";
			case DEFLATED_LE: return "Deflated Explicit VR Little Endian";
			case "1.2.840.10008.1.2.4.50": return "JPEG Baseline";
			case "1.2.840.10008.1.2.4.51": return "JPEG Extended";
			case "1.2.840.10008.1.2.4.57": return "JPEG Lossless";
			case "1.2.840.10008.1.2.4.70": return "JPEG Lossless SV1";
			case "1.2.840.10008.1.2.4.80": return "JPEG-LS Lossless";
			case "1.2.840.10008.1.2.4.81": return "JPEG-LS Near-Lossless";
			case "1.2.840.10008.1.2.4.90": return "JPEG 2000 Lossless";
			case "1.2.840.10008.1.2.4.91": return "JPEG 2000";
			case "1.2.840.10008.1.2.4.201": return "HTJ2K Lossless";
			case "1.2.840.10008.1.2.4.203": return "HTJ2K";
			case "1.2.840.10008.1.2.5": return "RLE Lossless";
			default:
				if (ts.startsWith("1.2.840.10008.1.2.4.")) return "JPEG family";
				return "unknown transfer syntax";
		}
	}

	/**
	 * The top-level data set tags of a file as ImageJ 1 decodes them, keyed "GGGG,EEEE"
	 * (upper-case hex), values trimmed; items inside sequences are left out. Empty when ImageJ
	 * found nothing.
	 */
	static Map<String, String> imageJTags(Path file) throws ImageReadException {
		String info;
		try {
			info = new DICOM().getInfo(file.toString());
		}
		catch (RuntimeException | OutOfMemoryError e) {
			// a corrupt element length can make ImageJ index out of range or allocate gigabytes
			throw new ImageReadException(file, "corrupt DICOM header (" + e.getClass()
				.getSimpleName() + " while decoding)");
		}
		Map<String, String> tags = new HashMap<>();
		if (info == null) return tags;
		for (String line : info.split("\n")) {
			if (line.length() < 11 || line.charAt(4) != ',') continue;
			String rest = line.substring(10).trim();
			if (rest.startsWith(">")) continue; // inside a sequence
			int colon = rest.indexOf(':');
			if (colon < 0) continue;
			String key = line.substring(0, 9).toUpperCase();
			tags.putIfAbsent(key, rest.substring(colon + 1).trim());
		}
		return tags;
	}
}
