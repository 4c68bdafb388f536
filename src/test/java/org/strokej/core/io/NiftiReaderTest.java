package org.strokej.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NiftiReader} against files written by nibabel (values, spacing, affine and axis codes
 * after reorientation to LPS as nibabel computes them), and against corrupt copies of them.
 */
class NiftiReaderTest {

	private static final JsonObject EXPECTED = NiftiFixtures.expected();

	@TempDir
	Path tmp;

	static Stream<String> fixtures() {
		return EXPECTED.keySet().stream().sorted();
	}

	// -- Agreement with nibabel --

	@ParameterizedTest
	@MethodSource("fixtures")
	void matchesNibabel(String name) throws IOException {
		JsonObject e = EXPECTED.getAsJsonObject(name);
		Volume v = NiftiReader.read(NiftiFixtures.path(name));

		JsonArray shape = e.getAsJsonArray("shape");
		assertArrayEquals(new int[] { shape.get(0).getAsInt(), shape.get(1).getAsInt(), shape.get(
			2).getAsInt() }, v.dims(), name + " dims");
		assertArrayEquals(doubles(e.getAsJsonArray("zooms")), v.spacing(), 0, name + " spacing");
		assertArrayEquals(doubles(e.getAsJsonArray("affine")), v.affine(), 1e-5, name + " affine");
		assertEquals(e.get("orientation").getAsString(), v.metadata().orientation(), name);
		assertEquals(e.get("format").getAsString(), v.metadata().format(), name);
		assertEquals(e.get("datatype").getAsString(), v.metadata().extra().get("datatype"), name);
		assertEquals(e.get("big_endian").getAsBoolean() ? "big-endian" : "little-endian", v
			.metadata().extra().get("byte_order"), name);
		assertEquals(name.endsWith(".gz") ? "gzip" : "none", v.metadata().extra().get("compression"));

		double[] want = doubles(e.getAsJsonArray("data"));
		float[] got = v.data();
		assertEquals(want.length, got.length, name + " voxel count");
		for (int i = 0; i < want.length; i++) {
			float w = (float) want[i];
			if (Float.compare(w, got[i]) != 0) {
				assertEquals(w, got[i], Math.abs(w) * 1e-6, name + " voxel " + i);
			}
		}
		// the volume's own LPS geometry: x runs towards L, y towards P, z towards S
		double[] a = v.affine();
		int[][] axes = Orientations.closestAxes(a);
		assertEquals("LPS", Orientations.axisCodes(axes), name);
	}

	@Test
	void appliesScalingAndTagsCtRange() throws IOException {
		Volume v = NiftiReader.read(NiftiFixtures.path("int16_scaled.nii.gz"));
		// raw 0..8000 stored, slope 0.5, intercept -1024
		assertArrayEquals(new float[] { -1024, 2976 }, v.range());
		assertEquals(ValueUnit.HU, v.metadata().valueUnit());
		assertEquals("CT", v.metadata().modality());
		assertEquals("0.5", v.metadata().extra().get("scl_slope"));
		assertEquals("-1024.0", v.metadata().extra().get("scl_inter"));

		Volume labels = NiftiReader.read(NiftiFixtures.path("uint8_pir.nii"));
		assertEquals(ValueUnit.ARBITRARY, labels.metadata().valueUnit());
		assertEquals("", labels.metadata().modality());
		assertEquals("PIR", labels.metadata().orientation());
	}

	@Test
	void recordsAffineSource() throws IOException {
		assertEquals("sform", extra("float32_oblique.nii.gz", "affine_source"));
		assertEquals("1", extra("float32_oblique.nii.gz", "xform_code"));
		assertEquals("qform", extra("int16_qform_only.nii", "affine_source"));
		assertEquals("pixdim", extra("int16_pixdim_only.nii", "affine_source"));
		assertEquals("qform", extra("uint16_qform_las.nii", "affine_source"));
		assertEquals("2", extra("uint16_qform_las.nii", "xform_code"));
		assertEquals("3", extra("float32_nan.nii", "nonfinite_voxels"));
		assertEquals(null, extra("float32_ras.nii", "spacing_missing"));
	}

	@Test
	void keepsNanAndInfinity() throws IOException {
		Volume v = NiftiReader.read(NiftiFixtures.path("float32_nan.nii"));
		// RAS -> LPS flips x and y: old (1,2,3) -> new (5,3,3); old (6,5,4) -> (0,0,4)
		assertTrue(Float.isNaN(v.get(5, 3, 3)));
		assertEquals(Float.POSITIVE_INFINITY, v.get(0, 0, 4));
		assertEquals(Float.NEGATIVE_INFINITY, v.get(6, 5, 0));
	}

	@Test
	void detectsGzipByContentNotName() throws IOException {
		Path gzAsNii = tmp.resolve("renamed.nii");
		Files.copy(NiftiFixtures.path("float32_las.nii.gz"), gzAsNii);
		Path niiAsGz = tmp.resolve("renamed.nii.gz");
		Files.copy(NiftiFixtures.path("uint8_pir.nii"), niiAsGz);
		assertArrayEquals(NiftiReader.read(NiftiFixtures.path("float32_las.nii.gz")).data(),
			NiftiReader.read(gzAsNii).data());
		assertArrayEquals(NiftiReader.read(NiftiFixtures.path("uint8_pir.nii")).data(),
			NiftiReader.read(niiAsGz).data());
	}

	@Test
	void acceptsSingleVolume4D() throws IOException {
		Path p = patched("uint8_ras.nii", "t1.nii", b -> {
			b.putShort(40, (short) 4);
			b.putShort(48, (short) 1);
		});
		Volume v = NiftiReader.read(p);
		assertArrayEquals(new int[] { 7, 6, 5 }, v.dims());
		assertArrayEquals(NiftiReader.read(NiftiFixtures.path("uint8_ras.nii")).data(), v.data());
	}

	@Test
	void zeroVoxelSizeFallsBackToOneMillimetre() throws IOException {
		Path p = patched("int16_pixdim_only.nii", "nopixdim.nii", b -> b.putFloat(84, 0f));
		Volume v = NiftiReader.read(p);
		assertArrayEquals(new double[] { 1.5, 1.0, 4.0 }, v.spacing());
		assertEquals("true", v.metadata().extra().get("spacing_missing"));
	}

	@Test
	void singularSformFallsBackToQform() throws IOException {
		// uint8_ras.nii has sform and qform describing the same grid
		Path p = patched("uint8_ras.nii", "zerosform.nii", b -> {
			for (int i = 0; i < 12; i++)
				b.putFloat(280 + 4 * i, 0f);
		});
		Volume v = NiftiReader.read(p);
		assertEquals("qform", v.metadata().extra().get("affine_source"));
		assertEquals("singular", v.metadata().extra().get("sform_ignored"));
		Volume ref = NiftiReader.read(NiftiFixtures.path("uint8_ras.nii"));
		assertArrayEquals(ref.affine(), v.affine(), 1e-5);
		assertArrayEquals(ref.data(), v.data());
	}

	@Test
	void garbageThicknessOf2DImageBecomesOneMillimetre() throws IOException {
		Path p = patched("uint8_2d.nii", "garbage.nii", b -> b.putFloat(88, Float.NaN));
		Volume v = NiftiReader.read(p);
		assertArrayEquals(new double[] { 0.6f, 0.6f, 1.0 }, v.spacing());
		assertEquals("true", v.metadata().extra().get("spacing_missing"));
		assertEquals(1, v.nz());
	}

	@Test
	void zeroVoxOffsetMeans352() throws IOException {
		Path p = patched("uint8_ras.nii", "off0.nii", b -> b.putFloat(108, 0f));
		assertArrayEquals(NiftiReader.read(NiftiFixtures.path("uint8_ras.nii")).data(), NiftiReader
			.read(p).data());
	}

	// -- Bad input --

	@Test
	void missingEmptyAndDirectory() throws IOException {
		assertFails(tmp.resolve("nothere.nii"), "file not found");
		Path empty = Files.createFile(tmp.resolve("empty.nii"));
		assertFails(empty, "empty file");
		Path dir = Files.createDirectory(tmp.resolve("folder.nii"));
		assertFails(dir, "is a directory");
		Path tiny = Files.write(tmp.resolve("tiny.nii"), new byte[] { 1, 2 });
		assertFails(tiny, "not a NIfTI file");
	}

	@Test
	void truncatedFiles() throws IOException {
		byte[] raw = NiftiFixtures.rawBytes("int16_ras.nii");
		assertFails(write("header.nii", Arrays.copyOf(raw, 200)), "truncated header (200 of 348");
		assertFails(write("data.nii", Arrays.copyOf(raw, raw.length - 10)), "truncated data");
		byte[] gz = Files.readAllBytes(NiftiFixtures.path("int16_scaled.nii.gz"));
		assertFails(write("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2)), "truncated");
		assertFails(write("cuthead.nii.gz", Arrays.copyOf(gz, 30)), "truncated");
		// a complete gzip stream of a truncated file
		byte[] shortRaw = Arrays.copyOf(NiftiFixtures.rawBytes("int16_scaled.nii.gz"), 500);
		assertFails(write("short.nii.gz", NiftiFixtures.gzip(shortRaw)), "truncated data");
	}

	@Test
	void corruptGzip() throws IOException {
		byte[] gz = Files.readAllBytes(NiftiFixtures.path("int16_scaled.nii.gz"));
		gz[gz.length - 6] ^= 0x55; // CRC
		assertFails(write("crc.nii.gz", gz), "gzip");
	}

	@Test
	void wrongMagicAndHeaderSize() throws IOException {
		assertFails(patched("uint8_ras.nii", "magic.nii", b -> b.put(344, "abc".getBytes(
			StandardCharsets.US_ASCII))), "bad magic 'abc'");
		assertFails(patched("uint8_ras.nii", "pair.nii", b -> b.put(345, (byte) 'i')),
			".hdr/.img");
		assertFails(patched("uint8_ras.nii", "size.nii", b -> b.putInt(0, 1234)),
			"header size field is 1234");
		assertFails(patched("float32_nifti2.nii", "magic2.nii", b -> b.put(5, (byte) 'x')),
			"bad magic 'nx2'");
	}

	@Test
	void absurdOrInvalidDimensions() throws IOException {
		assertFails(patched("uint8_ras.nii", "huge.nii", b -> {
			b.putShort(42, Short.MAX_VALUE);
			b.putShort(44, Short.MAX_VALUE);
			b.putShort(46, Short.MAX_VALUE);
		}), "32767x32767x32767 = 35181150961663 voxels");
		assertFails(patched("uint8_ras.nii", "big.nii", b -> {
			b.putShort(42, (short) 1000);
			b.putShort(44, (short) 1000);
			b.putShort(46, (short) 1000);
		}), "truncated data: header needs 1000000000 bytes");
		// gzip: the size cannot be checked up front; must fail on the short stream, not allocate
		long t0 = System.nanoTime();
		assertFails(patchedGz("int16_scaled.nii.gz", "big.nii.gz", b -> {
			b.putShort(42, (short) 2000);
			b.putShort(44, (short) 2000);
			b.putShort(46, (short) 500);
		}), "truncated data: header needs 4000000000 bytes");
		assertTrue(System.nanoTime() - t0 < 5e9, "took too long");
		assertFails(patched("uint8_ras.nii", "dim0.nii", b -> b.putShort(40, (short) 0)),
			"invalid dim[0] = 0");
		assertFails(patched("uint8_ras.nii", "neg.nii", b -> b.putShort(44, (short) -6)),
			"invalid dimension dim[2] = -6");
		// NIfTI-2 with 64-bit dims that overflow
		assertFails(patched("float32_nifti2.nii", "overflow.nii", b -> {
			b.putLong(24, Long.MAX_VALUE / 2);
			b.putLong(32, Long.MAX_VALUE / 2);
		}), "absurd dimensions");
	}

	@Test
	void rejects4DAndUnsupportedTypes() throws IOException {
		assertFails(patched("uint8_ras.nii", "4d.nii", b -> {
			b.putShort(40, (short) 4);
			b.putShort(48, (short) 3);
		}), "4D NIfTI with 3 volumes is not supported");
		assertFails(patched("uint8_ras.nii", "rgb.nii", b -> {
			b.putShort(70, (short) 128);
			b.putShort(72, (short) 24);
		}), "RGB NIfTI");
		assertFails(patched("uint8_ras.nii", "c64.nii", b -> b.putShort(70, (short) 32)),
			"complex");
		assertFails(patched("uint8_ras.nii", "dt.nii", b -> b.putShort(70, (short) 9999)),
			"unknown NIfTI datatype code 9999");
	}

	@Test
	void rejectsBadOffsetsAndVoxelSizes() throws IOException {
		assertFails(patched("uint8_ras.nii", "far.nii", b -> b.putFloat(108, 1e6f)),
			"vox_offset 1000000 is beyond the end of the file");
		assertFails(patched("uint8_ras.nii", "inside.nii", b -> b.putFloat(108, 100f)),
			"vox_offset 100 lies inside the header");
		assertFails(patchedGz("int16_scaled.nii.gz", "far.nii.gz", b -> b.putFloat(108, 1e6f)),
			"vox_offset 1000000 is beyond the end");
		assertFails(patched("uint8_ras.nii", "nan.nii", b -> b.putFloat(84, Float.NaN)),
			"invalid voxel size pixdim[2] = NaN");
		assertFails(patched("int16_ras.nii", "inter.nii", b -> {
			b.putFloat(112, 2f);
			b.putFloat(116, Float.POSITIVE_INFINITY);
		}), "scl_inter is Infinity");
	}

	// -- Helpers --

	private static String extra(String fixture, String key) throws IOException {
		return NiftiReader.read(NiftiFixtures.path(fixture)).metadata().extra().get(key);
	}

	private static double[] doubles(JsonArray a) {
		double[] d = new double[a.size()];
		for (int i = 0; i < d.length; i++) {
			JsonElement e = a.get(i);
			d[i] = e.getAsJsonPrimitive().isString() ? Double.parseDouble(e.getAsString()) : e
				.getAsDouble();
		}
		return d;
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(tmp.resolve(name), bytes);
	}

	/** An uncompressed copy of a fixture with some little-endian header fields changed. */
	private Path patched(String fixture, String name, Consumer<ByteBuffer> patch)
		throws IOException
	{
		byte[] b = NiftiFixtures.rawBytes(fixture);
		patch.accept(NiftiFixtures.le(b));
		return write(name, b);
	}

	/** A gzipped copy of a fixture with some little-endian header fields changed. */
	private Path patchedGz(String fixture, String name, Consumer<ByteBuffer> patch)
		throws IOException
	{
		byte[] b = NiftiFixtures.rawBytes(fixture);
		patch.accept(NiftiFixtures.le(b));
		return write(name, NiftiFixtures.gzip(b));
	}

	/**
	 * Reading fails with a one-line message naming the file and containing the cause, and leaves
	 * the file as it was.
	 */
	private static void assertFails(Path file, String cause) throws IOException {
		byte[] before = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
		ImageReadException e = assertThrows(ImageReadException.class, () -> NiftiReader.read(
			file));
		String msg = e.getMessage();
		assertTrue(msg.startsWith(file.toString() + ": "), msg);
		assertTrue(msg.contains(cause), "expected '" + cause + "' in: " + msg);
		assertFalse(msg.contains("\n"), msg);
		assertEquals(file, e.file());
		if (before != null) assertArrayEquals(before, Files.readAllBytes(file), "input modified");
	}
}
