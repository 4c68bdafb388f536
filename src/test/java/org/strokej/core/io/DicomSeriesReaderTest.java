package org.strokej.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.TestData;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Tests {@link DicomSeriesReader} on the synthetic series written by make_fixtures.py. */
class DicomSeriesReaderTest {

	private static JsonObject expected;

	@BeforeAll
	static void loadExpected() throws IOException {
		try (Reader r = new InputStreamReader(DicomSeriesReaderTest.class.getResourceAsStream(
			"/dicom/expected.json"), StandardCharsets.UTF_8))
		{
			expected = JsonParser.parseReader(r).getAsJsonObject();
		}
	}

	static Path fixture(String name) {
		try {
			return Paths.get(DicomSeriesReaderTest.class.getResource("/dicom/" + name).toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static float[] expectedHU(String series) {
		JsonArray a = expected.getAsJsonObject(series).getAsJsonArray("hu");
		float[] v = new float[a.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = a.get(i).getAsFloat();
		return v;
	}

	private static int[] ints(JsonArray a) {
		int[] v = new int[a.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = a.get(i).getAsInt();
		return v;
	}

	private static double[] doubles(JsonArray a) {
		double[] v = new double[a.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = a.get(i).getAsDouble();
		return v;
	}

	/** SHA-256 of every file below a folder, to prove the reader never writes. */
	static Map<String, String> digests(Path folder) throws IOException {
		Map<String, String> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(folder)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
				try {
					m.put(folder.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest
						.getInstance("SHA-256").digest(Files.readAllBytes(p))) + "@" + Files
							.getLastModifiedTime(p));
				}
				catch (NoSuchAlgorithmException e) {
					throw new IllegalStateException(e);
				}
			}
		}
		return m;
	}

	private static void assertAffine(double[] expectedAffine, Volume v) {
		assertArrayEquals(expectedAffine, v.affine(), 1e-9, "affine " + Arrays.toString(v.affine()));
	}

	// -- Values, order, spacing --

	@Test
	void slopeTwoSeriesIsShuffledOnDiskButReadInSpatialOrderWithExactHU() throws IOException {
		Path dir = fixture("slope2");
		Map<String, String> before = digests(dir);
		Volume v = DicomSeriesReader.read(dir, null);
		JsonObject e = expected.getAsJsonObject("slope2");
		assertArrayEquals(ints(e.getAsJsonArray("dims")), v.dims());
		assertArrayEquals(doubles(e.getAsJsonArray("spacing")), v.spacing(), 1e-9);
		// HU == 2 * stored - 1024 exactly, slices in z order (instance numbers run backwards)
		assertArrayEquals(expectedHU("slope2"), v.data());
		assertEquals(2 * (-200) - 1024, v.get(0, 0, 0));
		assertEquals(2 * (-200 + 7 * 15 + 13 * 11 + 400) - 1024, v.get(15, 11, 4));
		ImageMetadata md = v.metadata();
		assertEquals(ValueUnit.HU, md.valueUnit());
		assertEquals("CT", md.modality());
		assertEquals("DICOM", md.format());
		assertEquals("LPS", md.orientation());
		assertEquals("2.25.1001", md.extra().get("series_uid"));
		assertEquals("slope two", md.extra().get("series_description"));
		// README.txt ignored; DICOMDIR and .hidden.dcm (both images of another series) skipped;
		// report.dcm (DICOM without pixel data) ignored
		assertEquals("5", md.extra().get("files"));
		assertEquals("3", md.extra().get("slice_thickness"));
		assertEquals("position", md.extra().get("slice_order"));
		assertEquals("2", md.extra().get("rescale_slope"));
		assertEquals("-1024", md.extra().get("rescale_intercept"));
		assertFalse(md.extra().containsKey("uneven_spacing"));
		// first voxel at IPP (-10,-20,-30) LPS = (10,20,-30) RAS; columns 0.8 mm left, rows 0.5 mm posterior
		assertAffine(new double[] { -0.8, 0, 0, 10, 0, -0.5, 0, 20, 0, 0, 5, -30, 0, 0, 0, 1 }, v);
		assertEquals(before, digests(dir), "inputs must not change");
	}

	@Test
	void unsignedSlopeOneSeriesWithUnevenPositions() throws IOException {
		Volume v = DicomSeriesReader.read(fixture("slope1_uneven"), null);
		JsonObject e = expected.getAsJsonObject("slope1_uneven");
		assertArrayEquals(ints(e.getAsJsonArray("dims")), v.dims());
		assertArrayEquals(expectedHU("slope1_uneven"), v.data());
		assertEquals(150 + 9 + 70 - 1000, v.get(9, 7, 3));
		// steps 2, 2, 6: median 2, not SliceThickness (also 2 here) nor the mean (3.33)
		assertArrayEquals(new double[] { 0.7, 0.7, 2.0 }, v.spacing(), 1e-9);
		Map<String, String> x = v.metadata().extra();
		assertEquals("true", x.get("uneven_spacing"));
		assertEquals("2", x.get("spacing_min"));
		assertEquals("6", x.get("spacing_max"));
		assertEquals(ValueUnit.HU, v.metadata().valueUnit());
	}

	@Test
	void withoutPositionsSlicesFollowInstanceNumberAndSpacingBetweenSlices() throws IOException {
		Volume v = DicomSeriesReader.read(fixture("no_position"), null);
		assertArrayEquals(new int[] { 8, 8, 4 }, v.dims());
		assertArrayEquals(expectedHU("no_position"), v.data());
		for (int k = 0; k < 4; k++)
			assertEquals(1000 * (k + 1), v.get(0, 0, k), "slice " + k);
		assertArrayEquals(new double[] { 1, 1, 4 }, v.spacing(), 1e-9); // not SliceThickness 2
		assertEquals("instance_number", v.metadata().extra().get("slice_order"));
		assertEquals("MR", v.metadata().modality());
		assertEquals(ValueUnit.ARBITRARY, v.metadata().valueUnit());
		assertEquals("", v.metadata().orientation());
	}

	@Test
	void flippedInPlaneAxesAreTurnedToLps() throws IOException {
		Volume v = DicomSeriesReader.read(fixture("flipped"), null);
		assertArrayEquals(new int[] { 6, 5, 3 }, v.dims());
		assertArrayEquals(expectedHU("flipped"), v.data());
		assertEquals("RAS", v.metadata().orientation());
		// output (0,0,0) is file pixel (5,4) of slice 0 at LPS (45,36,0) -> RAS (-45,-36,0)
		assertAffine(new double[] { -1, 0, 0, -45, 0, -1, 0, -36, 0, 0, 2, 0, 0, 0, 0, 1 }, v);
	}

	@Test
	void coronalSeriesIsPermutedToLps() throws IOException {
		Volume v = DicomSeriesReader.read(fixture("coronal"), null);
		assertArrayEquals(new int[] { 6, 3, 5 }, v.dims());
		assertArrayEquals(new double[] { 1, 3, 2 }, v.spacing(), 1e-9);
		assertArrayEquals(expectedHU("coronal"), v.data());
		assertEquals("LIP", v.metadata().orientation());
		// output (0,0,0) is file row 4 of slice 0: LPS (0,0,-8) -> RAS (0,0,-8)
		assertAffine(new double[] { -1, 0, 0, 0, 0, -3, 0, 0, 0, 0, 2, -8, 0, 0, 0, 1 }, v);
	}

	@Test
	void singleFileIsReadAloneEvenWhenItsSeriesIsInTheFolder() throws IOException {
		JsonObject e = expected.getAsJsonObject("slope2");
		Path file = fixture("slope2").resolve(e.get("single_file").getAsString());
		Volume v = DicomSeriesReader.read(file, null);
		assertArrayEquals(new int[] { 16, 12, 1 }, v.dims());
		int k = e.get("single_file_k").getAsInt();
		assertArrayEquals(Arrays.copyOfRange(expectedHU("slope2"), k * 192, (k + 1) * 192), v.data());
		assertEquals(3.0, v.spacing()[2], 1e-9); // SliceThickness when there is one slice
		assertEquals(-30 + 5 * k, v.affine()[11], 1e-9); // RAS z = LPS z of IPP
	}

	@Test
	void explicitBigEndian() throws IOException {
		Volume v = DicomSeriesReader.read(fixture("big_endian"), null);
		assertArrayEquals(new int[] { 5, 4, 2 }, v.dims());
		assertArrayEquals(expectedHU("big_endian"), v.data());
		assertEquals(-300 - 1024, v.get(0, 0, 0));
		assertEquals(3.0, v.spacing()[2], 1e-9);
	}

	// -- Several series --

	@Test
	void twoSeriesWithoutUidListsBothAndSaysHowToPick() {
		ImageReadException x = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(
			fixture("two_series"), null));
		String msg = x.getMessage();
		assertFalse(msg.contains("\n"), msg);
		assertTrue(msg.startsWith(fixture("two_series").toString()), msg);
		assertTrue(msg.contains("2.25.2001 \"Brain 5mm\" (2 files)"), msg);
		assertTrue(msg.contains("2.25.2002 \"Bone 1mm\" (3 files)"), msg);
		assertTrue(msg.contains("series="), msg);
	}

	@Test
	void twoSeriesPickedByUid() throws IOException {
		Volume b = DicomSeriesReader.read(fixture("two_series"), "2.25.2002");
		assertEquals(3, b.nz());
		assertEquals(-1024 + 40, b.get(0, 0, 2));
		assertEquals("Bone 1mm", b.metadata().extra().get("series_description"));
		Volume a = DicomSeriesReader.read(fixture("two_series"), "2.25.2001");
		assertEquals(2, a.nz());
		ImageReadException x = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(
			fixture("two_series"), "1.2.3"));
		assertTrue(x.getMessage().contains("1.2.3 not found"), x.getMessage());
	}

	// -- Bad input --

	@Test
	void compressedTransferSyntaxesAreNamed() {
		String msg = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(fixture(
			"compressed"), null)).getMessage();
		assertTrue(msg.contains("j2k.dcm"), msg);
		assertTrue(msg.contains("compressed DICOM (JPEG 2000 Lossless, 1.2.840.10008.1.2.4.90) is not supported"), msg);
		assertTrue(msg.contains("dcmdjpeg"), msg);
		String msg2 = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(fixture(
			"compressed_jpeg").resolve("jpegls.dcm"), null)).getMessage();
		assertTrue(msg2.contains("1.2.840.10008.1.2.4.70"), msg2);
		assertFalse(msg2.contains("\n"), msg2);
	}

	@Test
	void textFileNamedDcm() {
		Path folder = fixture("text_named_dcm");
		String msg = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(folder,
			null)).getMessage();
		assertTrue(msg.startsWith(folder + ": no DICOM files"), msg);
		assertTrue(msg.contains("notes.dcm"), msg);
		String one = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(folder
			.resolve("notes.dcm"), null)).getMessage();
		assertEquals(folder.resolve("notes.dcm") + ": not a DICOM file (no 'DICM' marker at byte 128)", one);
	}

	@Test
	void emptyFolderAndMissingPath(@TempDir Path tmp) {
		String msg = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(tmp, null))
			.getMessage();
		assertEquals(tmp + ": no DICOM files (the folder has no files)", msg);
		Path missing = tmp.resolve("nope");
		assertEquals(missing + ": no such file or folder", assertThrows(ImageReadException.class,
			() -> DicomSeriesReader.read(missing, null)).getMessage());
	}

	@Test
	void truncatedFileAndMixedSizes() {
		Path cut = fixture("truncated").resolve("cut.dcm");
		String msg = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(cut.getParent(),
			null)).getMessage();
		assertTrue(msg.startsWith(cut + ": truncated file"), msg);
		String mixed = assertThrows(ImageReadException.class, () -> DicomSeriesReader.read(fixture(
			"mixed_sizes"), null)).getMessage();
		assertTrue(mixed.contains("mixed matrix sizes"), mixed);
		assertTrue(mixed.contains("m0.dcm is 8x8 but m1.dcm is 10x8"), mixed);
	}

	/** Corrupted copies of a valid file either read or fail with a one-line message. */
	@Test
	void corruptedHeadersFailCleanly(@TempDir Path tmp) throws IOException {
		byte[] orig = Files.readAllBytes(fixture("slope2").resolve("a.dcm"));
		java.util.Random rnd = new java.util.Random(42);
		Path f = tmp.resolve("c.dcm");
		int failures = 0;
		for (int it = 0; it < 60; it++) {
			byte[] b = orig.clone();
			for (int m = 0; m < 3; m++)
				b[132 + rnd.nextInt(b.length - 132 - 400)] = (byte) rnd.nextInt(256);
			if (it % 3 == 0) b = Arrays.copyOf(b, 132 + rnd.nextInt(b.length - 132));
			Files.write(f, b);
			try {
				Volume v = DicomSeriesReader.read(f, null);
				assertEquals(1, v.nz());
			}
			catch (ImageReadException e) {
				failures++;
				assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
				assertFalse(e.getMessage().contains("\n"), e.getMessage());
			}
		}
		assertTrue(failures > 10, "corruption should usually be detected: " + failures);
	}

	// -- Real data --

	@Test
	void realAisdStudy() throws IOException {
		Path dir = TestData.require("aisd-dicom/0091454/CT");
		Volume v = DicomSeriesReader.read(dir, null);
		assertArrayEquals(new int[] { 512, 512, 14 }, v.dims());
		assertEquals(ValueUnit.HU, v.metadata().valueUnit());
		float[] corner = new float[20 * 20 * 14];
		int n = 0;
		for (int z = 0; z < 14; z++)
			for (int y = 0; y < 20; y++)
				for (int x = 0; x < 20; x++)
					corner[n++] = v.get(x, y, z);
		double air = median(corner);
		assertEquals(-1000, air, 30, "corner median (air)");
		float[] roi = new float[40 * 40];
		n = 0;
		int zc = 9;
		for (int y = 236; y < 276; y++)
			for (int x = 236; x < 276; x++)
				roi[n++] = v.get(x, y, zc);
		double brain = median(roi);
		assertTrue(brain >= 20 && brain <= 45, "central brain median " + brain);
		assertTrue(v.range()[1] > 300, "bone max " + v.range()[1]);
		double sz = v.spacing()[2];
		assertTrue(sz > 5 && sz < 10, "z spacing " + sz);
		// 9 mm table steps with a 6 degree gantry tilt: 9 cos 6deg = 8.95 mm along the normal
		assertEquals(8.95, sz, 0.02);
		assertEquals("6", v.metadata().extra().get("gantry_tilt_deg"));
		// slice 0 inferior: the affine's z step is positive (towards superior in RAS)
		assertTrue(v.affine()[10] > 0, "z step " + v.affine()[10]);
		assertEquals("LPS", v.metadata().orientation());
		System.out.println("aisd: spacing " + Arrays.toString(v.spacing()) + " air " + air +
			" brain " + brain + " max " + v.range()[1] + " extra " + v.metadata().extra());
	}

	private static double median(float[] a) {
		float[] s = a.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
	}
}
