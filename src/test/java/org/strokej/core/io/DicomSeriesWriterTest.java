package org.strokej.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips through {@link DicomSeriesWriter} and {@link DicomSeriesReader}. */
class DicomSeriesWriterTest {

	/** 7x5x4 HU volume with fractional values and an off-centre, non-default affine. */
	private static Volume phantom(float offset) {
		int nx = 7, ny = 5, nz = 4;
		float[] d = new float[nx * ny * nz];
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					d[(z * ny + y) * nx + x] = -1000 + 37.25f * x + 101 * y + 400.4f * z + offset;
		double[] spacing = { 0.75, 0.5, 2.5 };
		double[] affine = { -0.75, 0, 0, 12.5, 0, -0.5, 0, -7.25, 0, 0, 2.5, 31, 0, 0, 0, 1 };
		return new Volume(d, nx, ny, nz, spacing, affine, new ImageMetadata("CT", "phantom",
			ValueUnit.HU, "LPS", "test", Map.of()));
	}

	private static List<Path> files(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().collect(Collectors.toList());
		}
	}

	@Test
	void roundTripKeepsValuesSpacingAndAffine(@TempDir Path tmp) throws IOException {
		Volume v = phantom(0);
		DicomSeriesWriter.write(v, tmp, "round trip");
		List<Path> written = files(tmp);
		assertEquals(List.of("IM0001.dcm", "IM0002.dcm", "IM0003.dcm", "IM0004.dcm"), written.stream()
			.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "no temp files left");
		Volume back = DicomSeriesReader.read(tmp, null);
		assertArrayEquals(v.dims(), back.dims());
		assertArrayEquals(v.spacing(), back.spacing(), 1e-9);
		assertArrayEquals(v.affine(), back.affine(), 1e-9);
		float[] a = v.data(), b = back.data();
		for (int i = 0; i < a.length; i++)
			assertEquals(Math.round(a[i]), b[i], 0, "voxel " + i); // slope 1: integer HU
		assertEquals(ValueUnit.HU, back.metadata().valueUnit());
		assertEquals("CT", back.metadata().modality());
		assertEquals("LPS", back.metadata().orientation());
		Map<String, String> x = back.metadata().extra();
		assertEquals("round trip", x.get("series_description"));
		assertEquals("1", x.get("rescale_slope"));
		assertEquals("-1024", x.get("rescale_intercept"));
		assertTrue(x.get("series_uid").matches("2\\.25\\.[1-9][0-9]{0,38}"), x.get("series_uid"));
		// even length file: preamble + DICM + even elements
		for (Path p : written) {
			byte[] bytes = Files.readAllBytes(p);
			assertEquals(0, bytes.length % 2);
			assertEquals("DICM", new String(bytes, 128, 4, StandardCharsets.US_ASCII));
		}
	}

	@Test
	void wideRangeGetsAFittingSlope(@TempDir Path tmp) throws IOException {
		Volume v = phantom(0);
		float[] d = v.data().clone();
		d[0] = -40000;
		d[d.length - 1] = 90000;
		Volume wide = v.withData(d);
		DicomSeriesWriter.write(wide, tmp, null);
		Volume back = DicomSeriesReader.read(tmp, null);
		double slope = Double.parseDouble(back.metadata().extra().get("rescale_slope"));
		assertEquals(130000 / 65535.0, slope, 1e-6);
		for (int i = 0; i < d.length; i++)
			assertEquals(d[i], back.data()[i], slope / 2 + 1e-3, "voxel " + i);
		assertEquals(-40000, back.data()[0], 1e-2);
		assertEquals(90000, back.data()[d.length - 1], 1e-2);
	}

	@Test
	void overwritingReplacesFilesAndRefusesNonHu(@TempDir Path tmp) throws IOException {
		DicomSeriesWriter.write(phantom(0), tmp, "first");
		DicomSeriesWriter.write(phantom(100), tmp, "second");
		Volume back = DicomSeriesReader.read(tmp, null);
		assertEquals(-900, back.get(0, 0, 0));
		assertEquals("second", back.metadata().extra().get("series_description"));
		Volume arbitrary = phantom(0).withMetadata(new ImageMetadata("", "PNG",
			ValueUnit.WINDOWED_8BIT, "x"));
		assertThrows(IllegalArgumentException.class, () -> DicomSeriesWriter.write(arbitrary, tmp,
			"x"));
	}

	@Test
	void helpers() {
		assertEquals("2.25.0", DicomSeriesWriter.uid(new UUID(0, 0)));
		assertEquals("2.25.340282366920938463463374607431768211455", DicomSeriesWriter.uid(new UUID(
			-1, -1)));
		assertEquals("-1024", DicomSeriesWriter.ds(-1024));
		assertEquals("0.1", DicomSeriesWriter.ds(0.1));
		assertEquals("-123.456789012", DicomSeriesWriter.ds(-123.456789012345));
		assertTrue(DicomSeriesWriter.ds(1.0 / 3e-9).length() <= 16);
	}

	/** dcmdump (DCMTK) must parse every file without errors or warnings; skipped without it. */
	@Test
	void dcmdumpAcceptsTheFiles(@TempDir Path tmp) throws Exception {
		Path dcmdump = onPath("dcmdump");
		Assumptions.assumeTrue(dcmdump != null, "dcmdump not on PATH");
		DicomSeriesWriter.write(phantom(0), tmp, "dcmtk check");
		Path f = tmp.resolve("IM0002.dcm");
		Process p = new ProcessBuilder(dcmdump.toString(), "-E", f.toString()).redirectErrorStream(
			true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), out);
		assertFalse(out.contains("E: ") || out.contains("W: "), out);
		assertTrue(out.contains("(0002,0010) UI =LittleEndianExplicit"), out);
		assertTrue(out.contains("(0008,0016) UI =CTImageStorage"), out);
		assertTrue(out.contains("(0010,0010) PN [PHANTOM^STROKEJ]"), out);
		assertTrue(out.contains("(0020,0013) IS [2]"), out);
		assertTrue(out.contains("(0028,1052) DS [-1024]"), out);
		assertTrue(out.contains("(0020,0032) DS [-12.5\\7.25\\33.5]"), out); // LPS = (-R, -A, S)
		assertTrue(out.contains("(0020,0037) DS [1\\0\\0\\0\\1\\0]"), out);
		assertTrue(out.contains("(0028,0030) DS [0.5\\0.75]"), out); // row spacing \ column spacing
	}

	private static Path onPath(String exe) {
		String path = System.getenv("PATH");
		if (path == null) return null;
		for (String dir : path.split(File.pathSeparator)) {
			Path p = Paths.get(dir, exe);
			if (Files.isExecutable(p)) return p;
		}
		return null;
	}
}
