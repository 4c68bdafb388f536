package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.Arrays;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's {@code info} on every supported format, and its one-line errors with a non-zero
 * exit code on bad inputs (which are never modified).
 */
class RunnerInfoTest {

	private static final Path RES = Paths.get("src", "test", "resources");

	@TempDir
	Path tmp;

	private record Run(int code, String out, String err) {}

	private static Run runner(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8));
	}

	private static JsonObject info(Path p) {
		Run r = runner("info", p.toString());
		assertEquals(0, r.code(), r.err());
		return JsonParser.parseString(r.out()).getAsJsonObject();
	}

	@Test
	void infoOnDicomFolder() {
		JsonObject j = info(RES.resolve("dicom/slope2"));
		assertEquals("DICOM", j.get("format").getAsString());
		assertEquals("HU", j.get("unit").getAsString());
		assertEquals("CT", j.get("modality").getAsString());
		assertTrue(j.getAsJsonArray("dims").get(2).getAsInt() > 1);
	}

	@Test
	void infoOnNiftiGz() {
		JsonObject j = info(RES.resolve("nifti/float32_las.nii.gz"));
		assertEquals("NIfTI-1", j.get("format").getAsString());
		assertEquals(7, j.getAsJsonArray("dims").get(0).getAsInt());
		assertEquals(1.5, j.getAsJsonArray("spacing_mm").get(2).getAsDouble(), 1e-6);
	}

	@Test
	void infoOnPngAndTiff() {
		ByteProcessor bp = new ByteProcessor(20, 10);
		bp.set(3, 4, 200);
		Path png = tmp.resolve("slice.png");
		new ij.io.FileSaver(new ImagePlus("s", bp)).saveAsPng(png.toString());
		JsonObject j = info(png);
		assertEquals("windowed 8-bit", j.get("unit").getAsString());
		assertEquals(200, j.get("max").getAsDouble(), 0);
		assertEquals(20, j.getAsJsonArray("dims").get(0).getAsInt());

		FloatProcessor fp = new FloatProcessor(8, 6);
		fp.setf(1, 1, -1000);
		fp.setf(2, 2, 1500);
		ImagePlus imp = new ImagePlus("t", fp);
		imp.getCalibration().setUnit("mm");
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		Path tif = tmp.resolve("slice.tif");
		IJ.saveAsTiff(imp, tif.toString());
		JsonObject t = info(tif);
		assertEquals(-1000, t.get("min").getAsDouble(), 0);
		assertEquals(1500, t.get("max").getAsDouble(), 0);
		assertEquals(0.5, t.getAsJsonArray("spacing_mm").get(0).getAsDouble(), 1e-9);
	}

	// -- Bad inputs: one line naming the file and the cause, exit code 1, input untouched --

	private void assertOneLineError(Path bad, String cause) throws IOException {
		byte[] before = Files.isRegularFile(bad) ? Files.readAllBytes(bad) : null;
		Run r = runner("info", bad.toString());
		assertEquals(1, r.code(), "exit code for " + bad);
		String line = r.err().trim();
		assertEquals(1, line.lines().count(), "one line: " + line);
		assertTrue(line.contains(bad.getFileName().toString()), "names the file: " + line);
		assertTrue(line.toLowerCase().contains(cause.toLowerCase()), "says '" + cause + "': " + line);
		assertFalse(line.contains("Exception"), "no exception names: " + line);
		if (before != null) assertArrayEquals(before, Files.readAllBytes(bad), "input changed");
	}

	private Path niftiCopy(String name) throws IOException {
		Path p = tmp.resolve(name);
		Files.copy(RES.resolve("nifti/int16_ras.nii"), p);
		return p;
	}

	@Test
	void truncatedNifti() throws IOException {
		Path p = niftiCopy("trunc.nii");
		byte[] b = Files.readAllBytes(p);
		Files.write(p, Arrays.copyOf(b, b.length - 20));
		assertOneLineError(p, "truncated");
	}

	@Test
	void wrongMagicNifti() throws IOException {
		Path p = niftiCopy("magic.nii");
		byte[] b = Files.readAllBytes(p);
		b[344] = 'x';
		b[345] = 'y';
		Files.write(p, b);
		assertOneLineError(p, "magic");
	}

	@Test
	void absurdDimensionsNifti() throws IOException {
		Path p = niftiCopy("huge.nii");
		byte[] b = Files.readAllBytes(p);
		// dim[1..3] = 30000 (little-endian shorts at offsets 42, 44, 46)
		for (int off : new int[] { 42, 44, 46 }) {
			b[off] = (byte) (30000 & 0xff);
			b[off + 1] = (byte) (30000 >> 8);
		}
		Files.write(p, b);
		Run r = runner("info", p.toString());
		assertEquals(1, r.code());
		assertEquals(1, r.err().trim().lines().count(), r.err());
		assertTrue(r.err().contains("huge.nii"), r.err());
	}

	@Test
	void compressedDicom() throws IOException {
		Path dir = RES.resolve("dicom/compressed");
		Path file;
		try (var s = Files.list(dir)) {
			file = s.filter(Files::isRegularFile).findFirst().orElseThrow();
		}
		assertOneLineError(file, "compressed");
	}

	@Test
	void textFileNamedDcm() throws IOException {
		Path p = tmp.resolve("notes.dcm");
		Files.writeString(p, "this is not a DICOM file\n");
		assertOneLineError(p, "DICOM");
	}

	@Test
	void emptyFolder() throws IOException {
		Path d = Files.createDirectory(tmp.resolve("empty-series"));
		assertOneLineError(d, "no DICOM");
	}

	@Test
	void missingPath() throws IOException {
		assertOneLineError(tmp.resolve("nowhere.nii.gz"), "no such file");
	}

	@Test
	void verboseAddsStackTrace() {
		Run r = runner("--verbose", "info", tmp.resolve("nowhere.nii").toString());
		assertEquals(1, r.code());
		assertTrue(r.err().lines().count() > 1, "stack trace with --verbose");
	}

	@Test
	void inputIsNotModifiedByReading() throws Exception {
		Path dir = RES.resolve("dicom/slope2");
		String before = digest(dir);
		info(dir);
		assertEquals(before, digest(dir));
	}

	private static String digest(Path dir) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		try (var s = Files.list(dir)) {
			for (Path f : (Iterable<Path>) s.sorted()::iterator)
				md.update(Files.readAllBytes(f));
		}
		return new java.math.BigInteger(1, md.digest()).toString(16);
	}
}
