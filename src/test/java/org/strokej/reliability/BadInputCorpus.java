package org.strokej.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import org.strokej.core.io.ImageReadException;
import org.strokej.core.io.Volume;
import org.strokej.model.Architecture;
import org.strokej.model.ModelLoadException;
import org.strokej.model.ModelSpec;
import org.strokej.model.tf.TfModels;
import org.strokej.model.tf.TfTrainingGraph;

/**
 * A corpus of bad (and surprising) inputs for StrokeJ's readers, generated from the good test
 * fixtures ({@code src/test/resources/nifti}, {@code src/test/resources/dicom/slope2} ...) and from
 * PNG/TIFF images written with ImageJ's {@link FileSaver}: truncations, bit flips, wrong magic,
 * lying headers, invalid spacing, non-finite voxels, unsupported kinds, empty files, special
 * paths and broken model folders. Nothing here is a hand-edited binary: every case is derived by
 * code from a good file.
 * <p>
 * Every case lives in its own folder under the target directory, so a test can check that reading
 * it writes nothing next to the input. Each case states its expected outcome: a successful read
 * with specific properties, or an exception of a given type whose one-line message names a given
 * path and contains a cause phrase.
 */
public final class BadInputCorpus {

	private BadInputCorpus() {}

	static final Path RES = Paths.get("src", "test", "resources");

	/** What a case is read with. */
	public enum Target {
		/** {@code ImageReaders.read} and {@code strokej info}. */
		IMAGE,
		/** {@code Predictors.get} (reader leg) and {@code strokej info} (runner leg). */
		MODEL
	}

	/** Checks of a successful read; throws AssertionError when a property is wrong. */
	@FunctionalInterface
	public interface VolumeCheck {

		void check(Volume v);
	}

	/**
	 * One expected outcome.
	 *
	 * @param success whether the read must succeed
	 * @param what for the table: the properties checked, or the cause phrase
	 * @param check the properties of a successful read (null for failures)
	 * @param type the exception type of a failure
	 * @param phrase the cause phrase the failure's message must contain
	 */
	public record Expected(boolean success, String what, VolumeCheck check,
		Class<? extends Exception> type, String phrase)
	{
		static Expected reads(String what, VolumeCheck check) {
			return new Expected(true, what, check, null, null);
		}

		static Expected fails(String phrase) {
			return new Expected(false, phrase, null, ImageReadException.class, phrase);
		}

		static Expected fails(Class<? extends Exception> type, String phrase) {
			return new Expected(false, phrase, null, type, phrase);
		}

		@Override
		public String toString() {
			return success ? "reads: " + what : type.getSimpleName() + " \"" + phrase + "\"";
		}
	}

	/**
	 * One case.
	 *
	 * @param name short unique name (also its folder)
	 * @param input the path handed to the reader
	 * @param target how it is read
	 * @param expected the reader's expected outcome
	 * @param named the path a failure message must name (usually the input)
	 * @param runner the runner's expected outcome when it differs (model folders), else null
	 */
	public record Case(String name, Path input, Target target, Expected expected, Path named,
		Expected runner)
	{
		/** The folder holding this case and nothing else. */
		public Path folder(Path root) {
			return root.resolve(name);
		}

		public Expected runnerExpected() {
			return runner == null ? expected : runner;
		}
	}

	// -- Building --

	/** Collects cases while writing their files. */
	private static final class Builder {

		final Path root;
		final List<Case> cases = new ArrayList<>();

		Builder(Path root) {
			this.root = root;
		}

		Path dir(String name) throws IOException {
			return Files.createDirectories(root.resolve(name));
		}

		Path file(String name, String fileName, byte[] bytes) throws IOException {
			return Files.write(dir(name).resolve(fileName), bytes);
		}

		void add(String name, Path input, Expected e) {
			cases.add(new Case(name, input, Target.IMAGE, e, input, null));
		}

		void add(String name, Path input, Expected e, Path named) {
			cases.add(new Case(name, input, Target.IMAGE, e, named, null));
		}
	}

	/**
	 * Writes the whole corpus (including the two TensorFlow model cases) into {@code root}.
	 *
	 * @return the cases, in a fixed order
	 */
	public static List<Case> write(Path root) throws IOException {
		return write(root, true);
	}

	/**
	 * Writes the corpus into {@code root}.
	 *
	 * @param models whether to include the model-folder cases (they need TensorFlow)
	 */
	public static List<Case> write(Path root, boolean models) throws IOException {
		Builder b = new Builder(root);
		nifti(b);
		dicom(b);
		raster(b);
		paths(b);
		if (models) models(b);
		return b.cases;
	}

	// -- NIfTI --

	private static void nifti(Builder b) throws IOException {
		byte[] f32 = Files.readAllBytes(RES.resolve("nifti/float32_ras.nii")); // 7x6x5 float32, RAS
		byte[] i16 = Files.readAllBytes(RES.resolve("nifti/int16_ras.nii"));
		byte[] gz = Files.readAllBytes(RES.resolve("nifti/int16_scaled.nii.gz"));
		byte[] n2 = Files.readAllBytes(RES.resolve("nifti/float32_nifti2.nii"));

		b.add("nifti_control", b.file("nifti_control", "scan.nii", f32), Expected.reads(
			"7x6x5", v -> assertArrayEquals(new int[] { 7, 6, 5 }, v.dims())));
		b.add("nifti_truncated_header", b.file("nifti_truncated_header", "scan.nii", Arrays
			.copyOf(f32, 200)), Expected.fails("truncated header"));
		b.add("nifti_truncated_data", b.file("nifti_truncated_data", "scan.nii", Arrays.copyOf(f32,
			f32.length - 100)), Expected.fails("truncated data"));
		b.add("nifti_header_only", b.file("nifti_header_only", "scan.nii", Arrays.copyOf(f32, 352)),
			Expected.fails("truncated data"));
		b.add("nifti_gz_truncated", b.file("nifti_gz_truncated", "scan.nii.gz", Arrays.copyOf(gz,
			gz.length / 2)), Expected.fails("truncated"));
		byte[] badCrc = gz.clone();
		badCrc[badCrc.length - 6] ^= 0x5a; // gzip trailer: CRC-32
		b.add("nifti_gz_bad_crc", b.file("nifti_gz_bad_crc", "scan.nii.gz", badCrc), Expected.fails(
			"corrupt gzip data"));
		byte[] flipped = f32.clone();
		flipped[345] ^= 0x01; // "n+1" -> "n*1"
		b.add("nifti_bitflip_magic", b.file("nifti_bitflip_magic", "scan.nii", flipped), Expected
			.fails("bad magic"));
		b.add("nifti_garbage_named_nii", b.file("nifti_garbage_named_nii", "scan.nii", "hello, this is no image\n"
			.repeat(40).getBytes(StandardCharsets.US_ASCII)), Expected.fails("not a NIfTI file"));
		b.add("nifti_empty", b.file("nifti_empty", "scan.nii", new byte[0]), Expected.fails(
			"file is empty"));
		b.add("nifti_gz_empty_payload", b.file("nifti_gz_empty_payload", "scan.nii.gz", gzip(
			new byte[0])), Expected.fails("not a NIfTI file"));

		// lying dimensions: must fail without allocating
		b.add("nifti_absurd_dims", b.file("nifti_absurd_dims", "scan.nii", patch(i16, bb -> {
			bb.putShort(42, (short) 32767).putShort(44, (short) 32767).putShort(46, (short) 32767);
		})), Expected.fails("a volume can hold"));
		b.add("nifti_huge_dims_small_file", b.file("nifti_huge_dims_small_file", "scan.nii", patch(
			i16, bb -> bb.putShort(42, (short) 1000).putShort(44, (short) 1000).putShort(46,
				(short) 1000))), Expected.fails("truncated data"));
		b.add("nifti_gz_huge_dims", b.file("nifti_gz_huge_dims", "scan.nii.gz", gzip(patch(i16,
			bb -> bb.putShort(42, (short) 1000).putShort(44, (short) 1000).putShort(46,
				(short) 1000)))), Expected.fails("truncated data"));
		b.add("nifti2_absurd_dims", b.file("nifti2_absurd_dims", "scan.nii", patch(n2, bb -> bb
			.putLong(24, 1L << 40).putLong(32, 1L << 40))), Expected.fails("absurd dimensions"));
		b.add("nifti_negative_dim", b.file("nifti_negative_dim", "scan.nii", patch(f32, bb -> bb
			.putShort(44, (short) -6))), Expected.fails("invalid dimension dim[2] = -6"));
		b.add("nifti_zero_dim0", b.file("nifti_zero_dim0", "scan.nii", patch(f32, bb -> bb.putShort(
			40, (short) 0))), Expected.fails("invalid dim[0]"));

		// spacing
		b.add("nifti_zero_pixdim", b.file("nifti_zero_pixdim", "scan.nii", patch(f32, bb -> bb
			.putFloat(80, 0f))), Expected.reads("spacing x 1 mm, spacing_missing=true", v -> {
				assertEquals(1.0, v.spacing()[0]);
				assertEquals("true", v.metadata().extra().get("spacing_missing"));
			}));
		b.add("nifti_negative_pixdim", b.file("nifti_negative_pixdim", "scan.nii", patch(f32,
			bb -> bb.putFloat(80, -2.5f))), Expected.reads("spacing x = |-2.5| = 2.5 mm", v ->
				assertEquals(2.5, v.spacing()[0], 1e-9)));
		b.add("nifti_nan_pixdim", b.file("nifti_nan_pixdim", "scan.nii", patch(f32, bb -> bb
			.putFloat(84, Float.NaN))), Expected.fails("invalid voxel size pixdim[2] = NaN"));
		b.add("nifti_inf_pixdim", b.file("nifti_inf_pixdim", "scan.nii", patch(f32, bb -> bb
			.putFloat(88, Float.POSITIVE_INFINITY))), Expected.fails(
				"invalid voxel size pixdim[3] = Infinity"));

		// values
		b.add("nifti_nan_inf_voxels", b.file("nifti_nan_inf_voxels", "scan.nii", patch(f32,
			bb -> bb.putFloat(352, Float.NaN).putFloat(356, Float.POSITIVE_INFINITY).putFloat(360,
				Float.NEGATIVE_INFINITY))), Expected.reads(
					"nonfinite_voxels=3, finite min/max", v -> {
						assertEquals("3", v.metadata().extra().get("nonfinite_voxels"));
						float[] r = v.range();
						assertTrue(Float.isFinite(r[0]) && Float.isFinite(r[1]), Arrays.toString(r));
					}));
		b.add("nifti_inter_inf", b.file("nifti_inter_inf", "scan.nii", patch(f32, bb -> bb
			.putFloat(112, 2f).putFloat(116, Float.POSITIVE_INFINITY))), Expected.fails(
				"scl_inter is Infinity"));
		b.add("nifti_slope_nan", b.file("nifti_slope_nan", "scan.nii", patch(f32, bb -> bb.putFloat(
			112, Float.NaN))), Expected.reads("no scaling (as nibabel)", v -> assertTrue(!v
				.metadata().extra().containsKey("scl_slope"))));
		b.add("nifti_sform_nan", b.file("nifti_sform_nan", "scan.nii", patch(f32, bb -> bb.putFloat(
			280, Float.NaN))), Expected.reads("sform_ignored=non-finite", v -> assertEquals(
				"non-finite", v.metadata().extra().get("sform_ignored"))));

		// unsupported kinds and header fields
		b.add("nifti_4d", b.file("nifti_4d", "scan.nii", patch(f32, bb -> bb.putShort(40, (short) 4)
			.putShort(48, (short) 2))), Expected.fails("4D NIfTI with 2 volumes is not supported"));
		b.add("nifti_4d_one_volume", b.file("nifti_4d_one_volume", "scan.nii", patch(f32, bb -> bb
			.putShort(40, (short) 4).putShort(48, (short) 1))), Expected.reads("3D 7x6x5", v ->
				assertArrayEquals(new int[] { 7, 6, 5 }, v.dims())));
		b.add("nifti_rgb", b.file("nifti_rgb", "scan.nii", patch(f32, bb -> bb.putShort(70,
			(short) 128).putShort(72, (short) 24))), Expected.fails("RGB NIfTI"));
		b.add("nifti_unknown_datatype", b.file("nifti_unknown_datatype", "scan.nii", patch(f32,
			bb -> bb.putShort(70, (short) 999))), Expected.fails("unknown NIfTI datatype code 999"));
		b.add("nifti_vox_offset_beyond", b.file("nifti_vox_offset_beyond", "scan.nii", patch(f32,
			bb -> bb.putFloat(108, 1e6f))), Expected.fails("beyond the end of the file"));
		b.add("nifti_vox_offset_nan", b.file("nifti_vox_offset_nan", "scan.nii", patch(f32, bb -> bb
			.putFloat(108, Float.NaN))), Expected.fails("invalid vox_offset NaN"));
		byte[] one = Arrays.copyOf(i16, 354);
		b.add("nifti_one_voxel", b.file("nifti_one_voxel", "scan.nii", patch(one, bb -> bb.putShort(
			42, (short) 1).putShort(44, (short) 1).putShort(46, (short) 1))), Expected.reads(
				"1x1x1", v -> assertArrayEquals(new int[] { 1, 1, 1 }, v.dims())));
		b.add("nifti_huge_pixdim", b.file("nifti_huge_pixdim", "scan.nii", patch(f32, bb -> bb
			.putFloat(80, 1e30f))), Expected.fails("implausible voxel size pixdim[1]"));
		byte[] flat = Files.readAllBytes(RES.resolve("nifti/uint8_2d.nii"));
		b.add("nifti_2d_garbage_pixdim3", b.file("nifti_2d_garbage_pixdim3", "scan.nii", patch(flat,
			bb -> bb.putFloat(88, 1e30f))), Expected.reads("2D: absent axis's pixdim ignored, z 1 mm",
				v -> {
					assertEquals(1, v.nz());
					assertEquals(1.0, v.spacing()[2]);
				}));
		// regression (fuzz seed 7, case seed 7005094): a finite but huge sform overflowed the
		// reoriented affine to infinity
		b.add("fuzz_nifti2_huge_sform", b.file("fuzz_nifti2_huge_sform", "scan.nii", patch(n2,
			bb -> bb.putDouble(432, -1.348269851146737E308))), Expected.reads(
				"sform_ignored=implausible, finite affine", v -> {
					assertTrue(v.metadata().extra().get("sform_ignored").startsWith("implausible"));
					for (double a : v.affine())
						assertTrue(Double.isFinite(a), Arrays.toString(v.affine()));
				}));
		b.add("nifti_named_dcm", b.file("nifti_named_dcm", "scan.dcm", f32), Expected.reads(
			"NIfTI by content despite .dcm", v -> assertEquals("NIfTI-1", v.metadata().format())));
	}

	/** A copy of a little-endian NIfTI with some header fields overwritten. */
	private static byte[] patch(byte[] src, java.util.function.Consumer<ByteBuffer> edit) {
		byte[] out = src.clone();
		edit.accept(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN));
		return out;
	}

	static byte[] gzip(byte[] b) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
			gz.write(b);
		}
		return bos.toByteArray();
	}

	static byte[] gunzip(byte[] b) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
			return in.readAllBytes();
		}
	}

	// -- DICOM --

	/** The image slices of the slope2 fixture (16x12x5, signed 16-bit, slope 2). */
	static final String[] SLICES = { "a.dcm", "b.dcm", "m.dcm", "q.dcm", "x.dcm" };

	private static Path series(Builder b, String name, java.util.function.UnaryOperator<byte[]> edit)
		throws IOException
	{
		Path d = Files.createDirectories(b.dir(name).resolve("series"));
		for (String s : SLICES)
			Files.write(d.resolve(s), edit.apply(Files.readAllBytes(RES.resolve("dicom/slope2/" + s))));
		return d;
	}

	private static void dicom(Builder b) throws IOException {
		byte[] x = Files.readAllBytes(RES.resolve("dicom/slope2/x.dcm"));

		b.add("dicom_control", series(b, "dicom_control", s -> s), Expected.reads(
			"16x12x5 HU, spacing 0.8/0.5/5", v -> {
				assertArrayEquals(new int[] { 16, 12, 5 }, v.dims());
				assertTrue(v.metadata().isHU());
			}));
		b.add("dicom_truncated_pixels", b.file("dicom_truncated_pixels", "x.dcm", Arrays.copyOf(x,
			x.length - 100)), Expected.fails("truncated file: pixel data needs"));
		b.add("dicom_truncated_header", b.file("dicom_truncated_header", "x.dcm", Arrays.copyOf(x,
			420)), Expected.fails("truncated"));
		Path d = series(b, "dicom_truncated_in_series", s -> s);
		byte[] m = Files.readAllBytes(RES.resolve("dicom/slope2/m.dcm"));
		Files.write(d.resolve("m.dcm"), Arrays.copyOf(m, m.length - 100));
		b.add("dicom_truncated_in_series", d, Expected.fails("truncated file"), d.resolve("m.dcm"));
		b.add("dicom_bad_length", b.file("dicom_bad_length", "x.dcm", DicomEdit.setLength(x, 0x0010,
			0x0010, 0x7fff)), Expected.fails("corrupt or truncated DICOM header: element (0010,0010)"));
		byte[] magic = x.clone();
		magic[131] = 'X';
		b.add("dicom_wrong_magic", b.file("dicom_wrong_magic", "x.dcm", magic), Expected.fails(
			"no 'DICM' marker"));
		b.add("dicom_empty", b.file("dicom_empty", "x.dcm", new byte[0]), Expected.fails(
			"file is empty"));
		b.add("dicom_absurd_size", b.file("dicom_absurd_size", "x.dcm", DicomEdit.set(DicomEdit.set(
			x, 0x0028, 0x0010, "US", DicomEdit.us(65535)), 0x0028, 0x0011, "US", DicomEdit.us(65535))),
			Expected.fails("pixel data needs"));
		b.add("dicom_absurd_size_series", series(b, "dicom_absurd_size_series", s -> DicomEdit.set(
			DicomEdit.set(s, 0x0028, 0x0010, "US", DicomEdit.us(40000)), 0x0028, 0x0011, "US",
			DicomEdit.us(40000))), Expected.fails("pixel data needs"));
		b.add("dicom_zero_spacing", series(b, "dicom_zero_spacing", s -> DicomEdit.set(s, 0x0028,
			0x0030, "DS", DicomEdit.text("0\\0"))), spacingMissing());
		b.add("dicom_negative_spacing", series(b, "dicom_negative_spacing", s -> DicomEdit.set(s,
			0x0028, 0x0030, "DS", DicomEdit.text("-0.5\\-0.8"))), spacingMissing());
		b.add("dicom_nan_spacing", series(b, "dicom_nan_spacing", s -> DicomEdit.set(s, 0x0028,
			0x0030, "DS", DicomEdit.text("NaN\\NaN"))), spacingMissing());
		b.add("dicom_nan_position", series(b, "dicom_nan_position", s -> DicomEdit.set(s, 0x0020,
			0x0032, "DS", DicomEdit.text("NaN\\0\\0"))), Expected.reads(
				"slice_order=instance_number", v -> assertEquals("instance_number", v.metadata()
					.extra().get("slice_order"))));
		b.add("dicom_nan_slope", b.file("dicom_nan_slope", "x.dcm", DicomEdit.set(x, 0x0028, 0x1053,
			"DS", DicomEdit.text("NaN"))), Expected.fails("invalid Rescale Slope"));
		b.add("dicom_rgb", b.file("dicom_rgb", "x.dcm", DicomEdit.set(x, 0x0028, 0x0002, "US",
			DicomEdit.us(3))), Expected.fails("colour DICOM (3 samples per pixel)"));
		b.add("dicom_multiframe", b.file("dicom_multiframe", "x.dcm", DicomEdit.set(x, 0x0028,
			0x0008, "IS", DicomEdit.text("2"))), Expected.fails("multi-frame DICOM"));
		b.add("dicom_bits12", b.file("dicom_bits12", "x.dcm", DicomEdit.set(x, 0x0028, 0x0100, "US",
			DicomEdit.us(12))), Expected.fails("unsupported Bits Allocated 12"));
		byte[] neg = DicomEdit.set(DicomEdit.set(x, 0x0028, 0x1053, "DS", DicomEdit.text("1")),
			0x0028, 0x1052, "DS", DicomEdit.text("0"));
		neg = DicomEdit.set(neg, 0x7fe0, 0x0010, "OW", signedPixels(16 * 12, (short) -1000));
		b.add("dicom_signed16_negative", b.file("dicom_signed16_negative", "x.dcm", neg), Expected
			.reads("HU, min -1000 (signed 16-bit kept signed)", v -> {
				assertEquals(-1000f, v.range()[0]);
				assertTrue(v.metadata().isHU());
			}));
		byte[] px = DicomEdit.set(DicomEdit.set(x, 0x0028, 0x0010, "US", DicomEdit.us(1)), 0x0028,
			0x0011, "US", DicomEdit.us(1));
		px = DicomEdit.set(px, 0x7fe0, 0x0010, "OW", signedPixels(1, (short) 20));
		b.add("dicom_one_pixel", b.file("dicom_one_pixel", "x.dcm", px), Expected.reads(
			"1x1x1, value 2*20-1024 = -984 HU", v -> {
				assertArrayEquals(new int[] { 1, 1, 1 }, v.dims());
				assertEquals(-984f, v.data()[0]);
			}));
		Path dup = series(b, "dicom_duplicate_position", s -> s);
		Files.copy(dup.resolve("m.dcm"), dup.resolve("m2.dcm"));
		b.add("dicom_duplicate_position", dup, Expected.fails("two slices at the same position"));
		b.add("dicom_mixed_series", copyFolder(b, "dicom_mixed_series", "dicom/two_series"),
			Expected.fails("the folder holds 2 series"));
		b.add("dicom_mixed_sizes", copyFolder(b, "dicom_mixed_sizes", "dicom/mixed_sizes"),
			Expected.fails("mixed matrix sizes in one series"));
		Path empty = Files.createDirectories(b.dir("dicom_empty_folder").resolve("series"));
		b.add("dicom_empty_folder", empty, Expected.fails("no DICOM files (the folder has no files)"));
		Path text = Files.createDirectories(b.dir("dicom_folder_of_text").resolve("series"));
		Files.writeString(text.resolve("notes.txt"), "not an image\n");
		Files.writeString(text.resolve("more.dcm"), "still not an image\n");
		b.add("dicom_folder_of_text", text, Expected.fails("no DICOM files among 2 file(s)"));
		// regressions from fuzzing (seed 7): a meta element length near 2^31 overflowed an int
		// offset (ArrayIndexOutOfBoundsException); an invalid VR made ImageJ read a 2 GB "string"
		// (9 s per file)
		byte[] be = Files.readAllBytes(RES.resolve("dicom/big_endian/be0.dcm"));
		b.add("fuzz_dicom_meta_length_overflow", b.file("fuzz_dicom_meta_length_overflow", "x.dcm",
			patch(be, bb -> bb.putInt(152, Integer.MAX_VALUE))), Expected.fails(
				"corrupt or truncated DICOM header: element (0002,0001)"));
		byte[] vr = be.clone();
		vr[344] = 'u'; // (0008,0018) VR "UI" -> "uI"
		b.add("fuzz_dicom_invalid_vr", b.file("fuzz_dicom_invalid_vr", "x.dcm", vr), Expected
			.fails("corrupt or truncated DICOM header: element (0008,0018)"));
		// regression (fuzz seed 7, case seed 7020959): an undefined length on a non-sequence element
		// made ImageJ's decoder spend seconds reading
		b.add("fuzz_dicom_undefined_length", b.file("fuzz_dicom_undefined_length", "x.dcm", patch(
			be, bb -> bb.putInt(152, -1))), Expected.fails(
				"element (0002,0001) of VR OB has an undefined length"));
		b.add("dicom_named_nii", b.file("dicom_named_nii", "scan.nii", x), Expected.reads(
			"DICOM by content despite .nii", v -> assertEquals("DICOM", v.metadata().format())));
	}

	private static Expected spacingMissing() {
		return Expected.reads("in-plane spacing 1 mm, spacing_missing=true", v -> {
			assertEquals(1.0, v.spacing()[0]);
			assertEquals(1.0, v.spacing()[1]);
			assertEquals("true", v.metadata().extra().get("spacing_missing"));
		});
	}

	private static byte[] signedPixels(int n, short first) {
		ByteBuffer bb = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
		bb.putShort(0, first);
		for (int i = 1; i < n; i++)
			bb.putShort(2 * i, (short) (i * 3));
		return bb.array();
	}

	private static Path copyFolder(Builder b, String name, String fixture) throws IOException {
		Path d = Files.createDirectories(b.dir(name).resolve("series"));
		try (Stream<Path> s = Files.list(RES.resolve(fixture))) {
			for (Path p : (Iterable<Path>) s::iterator)
				Files.copy(p, d.resolve(p.getFileName().toString()));
		}
		return d;
	}

	/**
	 * Minimal editor of explicit-VR little-endian DICOM files (the test fixtures): replaces or
	 * inserts one top-level data set element, or overwrites a value length.
	 */
	static final class DicomEdit {

		private DicomEdit() {}

		static byte[] us(int v) {
			return new byte[] { (byte) v, (byte) (v >> 8) };
		}

		static byte[] text(String s) {
			byte[] t = s.getBytes(StandardCharsets.US_ASCII);
			return t.length % 2 == 0 ? t : Arrays.copyOf(t, t.length + 1); // pad: NUL is trimmed
		}

		private static boolean longVr(String vr) {
			return List.of("OB", "OW", "OF", "SQ", "UT", "UN").contains(vr);
		}

		/** Element start positions: {pos, group, element, headerLen, valueLen}. */
		private static List<int[]> elements(byte[] f) {
			List<int[]> list = new ArrayList<>();
			ByteBuffer bb = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
			int pos = 132;
			while (pos + 8 <= f.length) {
				int g = bb.getShort(pos) & 0xffff, e = bb.getShort(pos + 2) & 0xffff;
				String vr = new String(f, pos + 4, 2, StandardCharsets.US_ASCII);
				int hl = longVr(vr) ? 12 : 8;
				int len = longVr(vr) ? bb.getInt(pos + 8) : bb.getShort(pos + 6) & 0xffff;
				list.add(new int[] { pos, g, e, hl, len });
				pos += hl + len;
			}
			return list;
		}

		/** Replaces (or inserts in tag order) a data set element's value. */
		static byte[] set(byte[] f, int group, int element, String vr, byte[] value) {
			int tag = group << 16 | element;
			int at = f.length, end = f.length;
			for (int[] el : elements(f)) {
				if (el[1] == 2) continue;
				int t = el[1] << 16 | el[2];
				if (Integer.compareUnsigned(t, tag) >= 0) {
					at = el[0];
					end = t == tag ? el[0] + el[3] + el[4] : el[0];
					break;
				}
			}
			ByteBuffer h = ByteBuffer.allocate(longVr(vr) ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
			h.putShort((short) group).putShort((short) element).put(vr.getBytes(
				StandardCharsets.US_ASCII));
			if (longVr(vr)) h.putShort((short) 0).putInt(value.length);
			else h.putShort((short) value.length);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(f, 0, at);
			out.writeBytes(h.array());
			out.writeBytes(value);
			out.write(f, end, f.length - end);
			return out.toByteArray();
		}

		/** Overwrites the value length of an existing short-VR element. */
		static byte[] setLength(byte[] f, int group, int element, int length) {
			byte[] out = f.clone();
			for (int[] el : elements(f))
				if (el[1] == group && el[2] == element) {
					ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(el[0] + 6,
						(short) length);
					return out;
				}
			throw new IllegalArgumentException("no element " + group + "," + element);
		}
	}

	// -- PNG and TIFF --

	private static void raster(Builder b) throws IOException {
		ByteProcessor grey = new ByteProcessor(20, 10);
		for (int i = 0; i < 200; i++)
			grey.set(i, i % 251);
		Path png = b.dir("png_control").resolve("slice.png");
		saveAsPng(new ImagePlus("g", grey), png);
		byte[] pngBytes = Files.readAllBytes(png);
		b.add("png_control", png, Expected.reads("20x10x1 windowed 8-bit", v -> assertArrayEquals(
			new int[] { 20, 10, 1 }, v.dims())));
		b.add("png_truncated", b.file("png_truncated", "slice.png", Arrays.copyOf(pngBytes,
			pngBytes.length / 2)), Expected.fails("truncated PNG"));
		b.add("png_empty", b.file("png_empty", "slice.png", new byte[0]), Expected.fails(
			"file is empty"));
		b.add("png_text_named_png", b.file("png_text_named_png", "slice.png", "just text, no image"
			.getBytes(StandardCharsets.US_ASCII)), Expected.fails("unrecognised image format"));
		b.add("png_absurd_size", b.file("png_absurd_size", "slice.png", pngSize(pngBytes,
			1 << 30, 1 << 30)), Expected.fails("header claims"));
		b.add("png_large_size", b.file("png_large_size", "slice.png", pngSize(pngBytes, 30000,
			30000)), Expected.fails("header claims"));
		b.add("png_bad_idat", b.file("png_bad_idat", "slice.png", flipIdat(pngBytes)), Expected
			.fails("cannot decode PNG"));
		Path onePx = b.dir("png_one_pixel").resolve("one.png");
		ByteProcessor p1 = new ByteProcessor(1, 1);
		p1.set(0, 0, 77);
		saveAsPng(new ImagePlus("1", p1), onePx);
		b.add("png_one_pixel", onePx, Expected.reads("1x1x1, value 77", v -> {
			assertArrayEquals(new int[] { 1, 1, 1 }, v.dims());
			assertEquals(77f, v.data()[0]);
		}));
		ColorProcessor rgb = new ColorProcessor(8, 4);
		rgb.setColor(new java.awt.Color(255, 0, 0));
		rgb.fill();
		Path rgbPng = b.dir("png_rgb").resolve("rgb.png");
		saveAsPng(new ImagePlus("rgb", rgb), rgbPng);
		b.add("png_rgb", rgbPng, Expected.reads("grey 0.299*255 = 76, converted_from=RGB", v -> {
			assertEquals("RGB", v.metadata().extra().get("converted_from"));
			assertEquals(76f, v.data()[0]);
		}));

		// TIFF
		Path tif = b.dir("tiff_control").resolve("slice.tif");
		saveAsTiff(new ImagePlus("g", grey), tif);
		byte[] tifBytes = Files.readAllBytes(tif);
		b.add("tiff_control", tif, Expected.reads("20x10x1", v -> assertArrayEquals(new int[] { 20,
			10, 1 }, v.dims())));
		b.add("tiff_truncated", b.file("tiff_truncated", "slice.tif", Arrays.copyOf(tifBytes,
			tifBytes.length - 120)), Expected.fails("truncated TIFF"));
		byte[] tifMagic = tifBytes.clone();
		tifMagic[2] ^= 0x01; // 42 -> 43 (BigTIFF marker)
		b.add("tiff_bitflip_magic", b.file("tiff_bitflip_magic", "slice.tif", tifMagic), Expected
			.fails("unrecognised image format"));
		b.add("tiff_absurd_size", b.file("tiff_absurd_size", "slice.tif", tiffSize(tifBytes, 60000,
			60000)), Expected.fails("truncated TIFF"));
		ShortProcessor sp = new ShortProcessor(6, 5);
		for (int i = 0; i < 30; i++)
			sp.set(i, 32768 - 1000 + i * 100); // stored + 32768 offset: -1000 .. 1900
		ImagePlus signed = new ImagePlus("s16", sp);
		Calibration cal = signed.getCalibration();
		cal.setSigned16BitCalibration();
		Path s16 = b.dir("tiff_signed16").resolve("signed.tif");
		saveAsTiff(signed, s16);
		b.add("tiff_signed16", s16, Expected.reads("signed 16-bit: min -1000, max 1900", v -> {
			assertEquals(-1000f, v.range()[0]);
			assertEquals(1900f, v.range()[1]);
		}));
		Path rgbTif = b.dir("tiff_rgb").resolve("rgb.tif");
		saveAsTiff(new ImagePlus("rgb", rgb), rgbTif);
		b.add("tiff_rgb", rgbTif, Expected.reads("converted_from=RGB, grey 76", v -> {
			assertEquals("RGB", v.metadata().extra().get("converted_from"));
			assertEquals(76f, v.data()[0]);
		}));
	}

	private static void saveAsPng(ImagePlus imp, Path p) throws IOException {
		if (!new FileSaver(imp).saveAsPng(p.toString())) throw new IOException("cannot write " + p);
	}

	private static void saveAsTiff(ImagePlus imp, Path p) throws IOException {
		if (!new FileSaver(imp).saveAsTiff(p.toString())) throw new IOException("cannot write " + p);
	}

	/** A PNG whose IHDR claims another size (with a valid chunk CRC). */
	static byte[] pngSize(byte[] png, int w, int h) {
		byte[] out = png.clone();
		ByteBuffer bb = ByteBuffer.wrap(out); // big endian
		bb.putInt(16, w).putInt(20, h); // IHDR data starts at 16
		CRC32 crc = new CRC32();
		crc.update(out, 12, 17); // "IHDR" + 13 data bytes
		bb.putInt(29, (int) crc.getValue());
		return out;
	}

	/** A PNG with a byte of its compressed image data flipped (CRC left stale). */
	private static byte[] flipIdat(byte[] png) {
		byte[] out = png.clone();
		for (int i = 8; i + 8 < out.length;) {
			int len = ByteBuffer.wrap(out).getInt(i);
			String type = new String(out, i + 4, 4, StandardCharsets.US_ASCII);
			if (type.equals("IDAT")) {
				out[i + 8] ^= (byte) 0xff; // zlib header
				out[i + 9] ^= (byte) 0xff;
				return out;
			}
			i += 12 + len;
		}
		throw new IllegalArgumentException("no IDAT");
	}

	/** A TIFF whose first IFD claims another width and height. */
	static byte[] tiffSize(byte[] tif, int w, int h) {
		byte[] out = tif.clone();
		ByteOrder order = out[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
		ByteBuffer bb = ByteBuffer.wrap(out).order(order);
		int ifd = bb.getInt(4);
		int n = bb.getShort(ifd) & 0xffff;
		for (int e = 0; e < n; e++) {
			int p = ifd + 2 + 12 * e;
			int tag = bb.getShort(p) & 0xffff, type = bb.getShort(p + 2) & 0xffff;
			if (tag == 256 || tag == 257) {
				int v = tag == 256 ? w : h;
				if (type == 3) bb.putShort(p + 8, (short) v);
				else bb.putInt(p + 8, v);
			}
		}
		return out;
	}

	// -- Paths --

	private static void paths(Builder b) throws IOException {
		Path missing = b.dir("missing_path").resolve("nothing_here.nii");
		b.add("missing_path", missing, Expected.fails("no such file or folder"));
		Path link = b.dir("dangling_symlink").resolve("scan.nii");
		try {
			Files.createSymbolicLink(link, b.root.resolve("dangling_symlink/gone.nii"));
			b.add("dangling_symlink", link, Expected.fails("no such file or folder"));
		}
		catch (UnsupportedOperationException | IOException e) {
			// no symbolic links on this file system
		}
		Path dirAsFile = Files.createDirectories(b.dir("directory_named_nii").resolve("scan.nii"));
		b.add("directory_named_nii", dirAsFile, Expected.fails(
			"no DICOM files (the folder has no files)"));
		Path holder = Files.createDirectories(b.dir("folder_holding_nifti").resolve("folder"));
		Files.copy(RES.resolve("nifti/float32_ras.nii"), holder.resolve("scan.nii"));
		b.add("folder_holding_nifti", holder, Expected.fails("no DICOM files among 1 file(s)"));

		// unreadable: root reads everything, so the expectation depends on who runs the test
		Path locked = b.file("unreadable_file", "scan.nii", Files.readAllBytes(RES.resolve(
			"nifti/float32_ras.nii")));
		try {
			Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
		}
		catch (UnsupportedOperationException e) {
			// not POSIX: stays readable
		}
		b.add("unreadable_file", locked, Files.isReadable(locked) ? Expected.reads(
			"readable anyway (running as root)", v -> assertArrayEquals(new int[] { 7, 6, 5 }, v
				.dims())) : Expected.fails("not readable"));

		// a named pipe: opening it for reading would block forever
		Path fifo = b.dir("named_pipe").resolve("scan.nii");
		try {
			Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
			if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) b.add("named_pipe", fifo,
				Expected.fails("not a regular file"));
		}
		catch (IOException | InterruptedException e) {
			// no mkfifo here
		}
	}

	// -- Model folders --

	private static void models(Builder b) throws IOException {
		ModelSpec spec = new ModelSpec("corpus-cnn", ModelSpec.Kind.CLASSIFIER, "0", new ModelSpec.Input(
			"yxc", 16, 16, 1, null, 0), List.of(), List.of("normal", "hemorrhagic", "ischemic"),
			ModelSpec.OutputKind.PROBABILITIES, Map.of(), null, Architecture.cnn(4), null, null, null);

		// corrupt saved_model.pb next to a valid model.json (no weights checksum to catch it first)
		Path corrupt = b.dir("model_corrupt_pb").resolve("model");
		spec.write(corrupt);
		Files.createDirectories(corrupt.resolve("variables"));
		byte[] junk = new byte[600];
		new java.util.Random(1).nextBytes(junk);
		junk[0] = 0x0a; // not a DICOM-looking start
		Files.write(corrupt.resolve("saved_model.pb"), junk);
		b.cases.add(new Case("model_corrupt_pb", corrupt, Target.MODEL, Expected.fails(
			ModelLoadException.class, "cannot load the TensorFlow SavedModel"), corrupt, Expected
				.fails("no DICOM files among")));

		// a real network (3 classes) whose model.json says 2 classes
		Path mismatch = b.dir("model_json_mismatch").resolve("model");
		ModelSpec written;
		try (TfTrainingGraph g = new TfTrainingGraph(spec.architecture(), 1, 3, null, 1, 0, 1, null)) {
			written = TfModels.export(mismatch, spec, g.weights());
		}
		new ModelSpec(spec.name(), spec.kind(), spec.version(), spec.input(), spec.preprocessing(),
			List.of("normal", "stroke"), spec.outputKind(), spec.thresholds(), spec.tiling(), spec
				.architecture(), null, written.weightsSha256(), spec.tf()).write(mismatch);
		b.cases.add(new Case("model_json_mismatch", mismatch, Target.MODEL, Expected.fails(
			ModelLoadException.class, "model output has 3 classes but model.json lists 2"), mismatch,
			Expected.fails("no DICOM files among")));
	}

	// -- Snapshots --

	/**
	 * SHA-256 of every regular file under a folder (relative path → hex); other entries (folders,
	 * links, pipes) are listed with their kind, so that new files and changed bytes both show.
	 */
	public static Map<String, String> snapshot(Path folder) throws IOException {
		Map<String, String> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(folder)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String rel = folder.relativize(p).toString();
				if (Files.isSymbolicLink(p)) m.put(rel, "link");
				else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) m.put(rel, "dir");
				else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) m.put(rel, "special");
				else if (!Files.isReadable(p)) m.put(rel, "unreadable " + Files.size(p));
				else m.put(rel, sha256(Files.readAllBytes(p)));
			}
		}
		return m;
	}

	static String sha256(byte[] b) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
