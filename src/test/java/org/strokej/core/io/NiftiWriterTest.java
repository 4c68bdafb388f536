package org.strokej.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NiftiWriter}: exact round trips through {@link NiftiReader}, header fields, atomicity. */
class NiftiWriterTest {

	@TempDir
	Path tmp;

	/** LPS grid 5x4x3, float-representable spacing and origin. */
	private static final double[] SPACING = { 0.5, 0.75, 2.5 };
	private static final double[] LPS_AFFINE = { //
		-0.5, 0, 0, 12.25, //
		0, -0.75, 0, -30.5, //
		0, 0, 2.5, 7, //
		0, 0, 0, 1 };

	private static Volume volume(float[] data, double[] affine) {
		return new Volume(data, 5, 4, 3, SPACING, affine, new ImageMetadata("", "phantom",
			ValueUnit.ARBITRARY, "test"));
	}

	@Test
	void labelsRoundTripExactly() throws IOException {
		Random r = new Random(1);
		float[] labels = new float[60];
		for (int i = 0; i < labels.length; i++)
			labels[i] = r.nextInt(3);
		labels[7] = 255;
		Volume v = volume(labels, LPS_AFFINE);
		Path f = tmp.resolve("labels.nii.gz");
		NiftiWriter.write(v, f, NiftiWriter.DataKind.UINT8);

		Volume back = NiftiReader.read(f);
		assertArrayEquals(labels, back.data());
		assertArrayEquals(v.dims(), back.dims());
		assertArrayEquals(SPACING, back.spacing(), 0);
		assertArrayEquals(LPS_AFFINE, back.affine(), 0);
		assertEquals("LPS", back.metadata().orientation());
		assertEquals("uint8", back.metadata().extra().get("datatype"));
		assertEquals("2", back.metadata().extra().get("xform_code"));
		byte[] bytes = Files.readAllBytes(f);
		assertTrue(NiftiFixtures.isGzip(bytes));
		assertEquals(352 + 60, NiftiFixtures.gunzip(bytes).length);
	}

	@Test
	void floatsRoundTripExactlyIncludingNan() throws IOException {
		Random r = new Random(2);
		float[] d = new float[60];
		for (int i = 0; i < d.length; i++)
			d[i] = (float) (r.nextGaussian() * 1000);
		d[3] = Float.NaN;
		d[4] = Float.MIN_VALUE;
		d[5] = -Float.MAX_VALUE;
		Path f = tmp.resolve("ct.nii");
		NiftiWriter.write(volume(d, LPS_AFFINE), f, NiftiWriter.DataKind.FLOAT32);

		Volume back = NiftiReader.read(f);
		assertArrayEquals(d, back.data());
		assertArrayEquals(LPS_AFFINE, back.affine(), 0);
		assertEquals("1", back.metadata().extra().get("nonfinite_voxels"));
		byte[] bytes = Files.readAllBytes(f);
		assertFalse(NiftiFixtures.isGzip(bytes));
		ByteBuffer b = NiftiFixtures.le(bytes);
		assertEquals(348, b.getInt(0));
		assertEquals(352f, b.getFloat(108));
		assertEquals(16, b.getShort(70));
		assertEquals('n', b.get(344));
		assertEquals('+', b.get(345));
		assertEquals('1', b.get(346));
		assertEquals(0, b.get(347));
	}

	@Test
	void int16RoundsAndRejectsOutOfRange() throws IOException {
		float[] d = new float[60];
		d[0] = -1024.4f;
		d[1] = 3071.6f;
		d[2] = 32767;
		Path f = tmp.resolve("hu.nii.gz");
		NiftiWriter.write(volume(d, LPS_AFFINE), f, NiftiWriter.DataKind.INT16);
		Volume back = NiftiReader.read(f);
		assertEquals(-1024f, back.data()[0]);
		assertEquals(3072f, back.data()[1]);
		assertEquals(32767f, back.data()[2]);

		byte[] before = Files.readAllBytes(f);
		d[5] = 40000;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NiftiWriter
			.write(volume(d, LPS_AFFINE), f, NiftiWriter.DataKind.INT16));
		assertTrue(e.getMessage().contains("value 40000.0 at voxel (0, 1, 0) does not fit INT16"),
			e.getMessage());
		d[5] = Float.NaN;
		assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(volume(d, LPS_AFFINE),
			f, NiftiWriter.DataKind.UINT8));
		assertArrayEquals(before, Files.readAllBytes(f), "existing file must stay untouched");
		assertEquals(List.of("hu.nii.gz"), listing());
	}

	@Test
	void replacesAtomicallyWithoutLeftovers() throws IOException {
		Path f = tmp.resolve("out.nii.gz");
		Files.writeString(f, "old content");
		float[] d = new float[60];
		d[10] = 2;
		NiftiWriter.write(volume(d, LPS_AFFINE), f, NiftiWriter.DataKind.UINT8);
		assertEquals(2f, NiftiReader.read(f).data()[10]);
		assertEquals(List.of("out.nii.gz"), listing());
		// the result gets ordinary permissions, not a temp file's owner-only ones
		Path fresh = Files.createFile(tmp.resolve("fresh"));
		if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) assertEquals(Files
			.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(f));
		Files.delete(fresh);
		assertThrows(IllegalArgumentException.class, () -> NiftiWriter.write(volume(d, LPS_AFFINE),
			tmp.resolve("out.tif"), NiftiWriter.DataKind.UINT8));
	}

	@Test
	void qformMatchesSformForObliqueAffine() throws IOException {
		// LPS grid rotated by 30 degrees about z and 12 degrees about x
		double cz = Math.cos(Math.toRadians(30)), sz = Math.sin(Math.toRadians(30));
		double cx = Math.cos(Math.toRadians(12)), sx = Math.sin(Math.toRadians(12));
		double[] rz = { cz, -sz, 0, sz, cz, 0, 0, 0, 1 };
		double[] rx = { 1, 0, 0, 0, cx, -sx, 0, sx, cx };
		double[] rot = mul(rx, rz);
		double[] lin = mul(rot, new double[] { -SPACING[0], 0, 0, 0, -SPACING[1], 0, 0, 0,
			SPACING[2] });
		double[] a = { lin[0], lin[1], lin[2], 3, lin[3], lin[4], lin[5], -4, lin[6], lin[7], lin[8],
			5, 0, 0, 0, 1 };
		float[] d = new float[60];
		for (int i = 0; i < d.length; i++)
			d[i] = i;
		Path f = tmp.resolve("oblique.nii");
		NiftiWriter.write(volume(d, a), f, NiftiWriter.DataKind.FLOAT32);
		Volume viaSform = NiftiReader.read(f);
		assertArrayEquals(a, viaSform.affine(), 1e-6);
		assertArrayEquals(d, viaSform.data());

		// the same file with the sform switched off is read through the qform
		byte[] b = Files.readAllBytes(f);
		NiftiFixtures.le(b).putShort(254, (short) 0);
		Path q = Files.write(tmp.resolve("qform.nii"), b);
		Volume viaQform = NiftiReader.read(q);
		assertEquals("qform", viaQform.metadata().extra().get("affine_source"));
		assertArrayEquals(a, viaQform.affine(), 1e-5);
		assertArrayEquals(d, viaQform.data());
	}

	static Stream<String> fixtures() {
		return Stream.of("uint8_pir.nii", "int16_scaled.nii.gz", "float32_oblique.nii.gz",
			"int16_qform_only.nii", "float32_nifti2.nii", "uint8_2d.nii");
	}

	/** A nibabel fixture read, written and read again keeps voxels, spacing and geometry. */
	@ParameterizedTest
	@MethodSource("fixtures")
	void nibabelFixturesSurviveRewrite(String name) throws IOException {
		Volume v = NiftiReader.read(NiftiFixtures.path(name));
		Path f = tmp.resolve("re.nii.gz");
		NiftiWriter.write(v, f, NiftiWriter.DataKind.FLOAT32);
		Volume back = NiftiReader.read(f);
		assertArrayEquals(v.data(), back.data());
		assertArrayEquals(v.dims(), back.dims());
		assertArrayEquals(v.spacing(), back.spacing(), 0);
		assertArrayEquals(v.affine(), back.affine(), 1e-5);
		assertEquals("LPS", back.metadata().orientation());
		assertEquals(v.metadata().extra().get("xform_code").equals("0") ? "2" : v.metadata().extra()
			.get("xform_code"), back.metadata().extra().get("xform_code"));
		assertEquals(v.metadata().valueUnit(), back.metadata().valueUnit());
	}

	// -- Helpers --

	private List<String> listing() throws IOException {
		try (Stream<Path> s = Files.list(tmp)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static double[] mul(double[] a, double[] b) {
		double[] r = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				for (int k = 0; k < 3; k++)
					r[3 * i + j] += a[3 * i + k] * b[3 * k + j];
		return r;
	}

}
