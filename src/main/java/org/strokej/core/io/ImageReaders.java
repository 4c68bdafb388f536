package org.strokej.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads any image StrokeJ accepts — a DICOM file or series folder, NIfTI ({@code .nii},
 * {@code .nii.gz}), PNG/JPEG/BMP/GIF/TIFF — into a {@link Volume}, choosing the reader by the
 * file's content (magic bytes), not its name.
 */
public final class ImageReaders {

	/** The formats recognised by {@link #detect}. */
	public enum Format { DICOM, NIFTI, RASTER }

	private ImageReaders() {}

	public static Volume read(Path path) throws ImageReadException {
		return read(path, null);
	}

	/**
	 * @param seriesUid for a folder holding several DICOM series, the one to read (else null)
	 */
	public static Volume read(Path path, String seriesUid) throws ImageReadException {
		switch (detect(path)) {
			case DICOM: return DicomSeriesReader.read(path, seriesUid);
			case NIFTI: return NiftiReader.read(path);
			default: return RasterReader.read(path);
		}
	}

	/** Which reader handles a path; a one-line {@link ImageReadException} when none does. */
	public static Format detect(Path path) throws ImageReadException {
		if (!Files.exists(path)) throw new ImageReadException(path, "no such file or folder");
		if (Files.isDirectory(path)) return Format.DICOM;
		// a named pipe or device would block the reader forever
		if (!Files.isRegularFile(path)) throw new ImageReadException(path,
			"not a regular file (a pipe, socket or device?)");
		if (!Files.isReadable(path)) throw new ImageReadException(path, "file is not readable");
		byte[] head = new byte[352];
		int n;
		try (InputStream in = Files.newInputStream(path)) {
			n = in.readNBytes(head, 0, head.length);
		}
		catch (IOException e) {
			throw new ImageReadException(path, "cannot read: " + e.getMessage(), e);
		}
		if (n == 0) throw new ImageReadException(path, "file is empty");
		String name = path.getFileName().toString().toLowerCase();
		if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return Format.NIFTI;
		if (n >= 348 && (magicAt(head, 344, "n+1") || magicAt(head, 344, "ni1") || magicAt(head, 4,
			"n+2"))) return Format.NIFTI;
		if (n >= 132 && magicAt(head, 128, "DICM")) return Format.DICOM;
		if (isRaster(head, n)) return Format.RASTER;
		// no magic recognised: the name decides which reader explains the problem
		if (name.endsWith(".nii") || name.endsWith(".hdr")) return Format.NIFTI;
		if (name.endsWith(".dcm") || name.endsWith(".dicom")) return Format.DICOM;
		throw new ImageReadException(path, "unrecognised image format (expected DICOM, NIfTI, " +
			"PNG, JPEG, BMP, GIF or TIFF)");
	}

	private static boolean isRaster(byte[] h, int n) {
		if (n < 4) return false;
		int b0 = h[0] & 0xff, b1 = h[1] & 0xff, b2 = h[2] & 0xff, b3 = h[3] & 0xff;
		return (b0 == 0x89 && b1 == 'P' && b2 == 'N' && b3 == 'G') // PNG
			|| (b0 == 0xff && b1 == 0xd8) // JPEG
			|| (b0 == 'B' && b1 == 'M') // BMP
			|| (b0 == 'G' && b1 == 'I' && b2 == 'F') // GIF
			|| (b0 == 'I' && b1 == 'I' && b2 == 42 && b3 == 0) // TIFF little endian
			|| (b0 == 'M' && b1 == 'M' && b2 == 0 && b3 == 42); // TIFF big endian
	}

	private static boolean magicAt(byte[] h, int off, String magic) {
		for (int i = 0; i < magic.length(); i++)
			if (h[off + i] != magic.charAt(i)) return false;
		return true;
	}
}
