package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.command.GenerateStrokePhantomCommand;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.Phantoms;

/** The runner's {@code phantom} subcommand: every format reads back with the same values and spacing. */
class PhantomCommandTest {

	@TempDir
	Path tmp;

	private int runner(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
		return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
			err, true, StandardCharsets.UTF_8));
	}

	@Test
	void writesEveryFormatAndTheyReadBack() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = runner(out, err, "phantom", "--out", tmp.toString(), "--kind", "hemorrhage",
			"--seed", "5", "--size", "128", "--slices", "3", "--spacing", "1.8", "--slice-mm", "4",
			"--lesions", "2");
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		Phantom p = PhantomGenerator.generate(GenerateStrokePhantomCommand.settings("hemorrhage", 5,
			128, 3, 1.8, 4, 2, 4, 0));
		String name = "phantom-hemorrhage-5";
		double[] spacing = { 1.8, 1.8, 4 };

		Volume nii = ImageReaders.read(tmp.resolve(name + ".nii.gz"));
		assertSameGrid(p.hu(), nii, spacing);
		assertEquals(ValueUnit.HU, nii.metadata().valueUnit());
		assertClose(p.hu().data(), nii.data(), 0.5f);

		Volume labels = ImageReaders.read(tmp.resolve(name + "_labels.nii.gz"));
		assertSameGrid(p.labels(), labels, spacing);
		assertArrayEquals(p.labels().data(), labels.data());

		Volume dcm = ImageReaders.read(tmp.resolve(name + "_dicom"));
		assertSameGrid(p.hu(), dcm, spacing);
		assertEquals(ValueUnit.HU, dcm.metadata().valueUnit());
		assertClose(p.hu().data(), dcm.data(), 0.5f);

		Volume tif = ImageReaders.read(tmp.resolve(name + ".tif"));
		assertEquals(3, tif.nz());
		assertArrayEquals(p.hu().data(), tif.data());
		assertArrayEquals(spacing, tif.spacing(), 1e-4);

		// PNGs show the middle slice: brain window, and label values 0/1/2 as grey values
		Volume png = ImageReaders.read(tmp.resolve(name + ".png"));
		assertEquals(1, png.nz());
		byte[] window = (byte[]) Phantoms.window(p.hu().slice(1), 128, 128, 40, 80).getPixels();
		float[] expectedPng = new float[window.length];
		for (int i = 0; i < window.length; i++)
			expectedPng[i] = window[i] & 0xff;
		assertArrayEquals(expectedPng, png.data());
		Volume labelPng = ImageReaders.read(tmp.resolve(name + "_labels.png"));
		assertArrayEquals(p.labels().slice(1), labelPng.data());

		// Truth table and one summary line per lesion
		List<String> csv = Files.readAllLines(tmp.resolve(name + "_truth.csv"));
		assertEquals("lesion_id,class,subtype,voxels,volume_ml,hemisphere", csv.get(0));
		assertEquals(p.lesions().size() + 1, csv.size());
		String stdout = out.toString(StandardCharsets.UTF_8);
		for (Lesion l : p.lesions()) {
			String[] f = csv.get(l.id()).split(",");
			assertEquals(String.valueOf(l.id()), f[0]);
			assertEquals("hemorrhage", f[1]);
			assertEquals(l.subtype(), f[2]);
			assertEquals(l.voxels(), Long.parseLong(f[3]));
			assertEquals(l.volumeMl(), Double.parseDouble(f[4]), 1e-5 * Math.max(1, l.volumeMl()));
			assertEquals(l.hemisphere(), f[5]);
			assertTrue(stdout.contains("lesion " + l.id() + ": hemorrhage " + l.subtype()), stdout);
		}
	}

	@Test
	void formatOptionLimitsTheOutputs() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		assertEquals(0, runner(out, err, "phantom", "--out", tmp.toString(), "--kind", "none",
			"--seed", "2", "--size", "64", "--format", "png"));
		assertTrue(Files.isRegularFile(tmp.resolve("phantom-none-2.png")));
		assertTrue(Files.isRegularFile(tmp.resolve("phantom-none-2_truth.csv")));
		assertEquals(1, Files.readAllLines(tmp.resolve("phantom-none-2_truth.csv")).size());
		assertFalse(Files.exists(tmp.resolve("phantom-none-2.nii.gz")));
		assertFalse(Files.exists(tmp.resolve("phantom-none-2_dicom")));
	}

	@Test
	void usageErrorsExitWithTwo() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		assertEquals(2, runner(out, err, "phantom", "--kind", "hemorrhage"));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out"));
		assertEquals(2, runner(out, err, "phantom", "--out", tmp.toString(), "--kind", "tumour"));
		assertEquals(2, runner(out, err, "phantom", "--out", tmp.toString(), "--size", "big"));
		assertEquals(2, runner(out, err, "phantom", "--out", tmp.toString(), "--format", "gif"));
	}

	@Test
	void montageOfPhantomsOnly() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		Path png = tmp.resolve("m.png");
		assertEquals(0, runner(out, err, "montage", "--out", png.toString(), "--data", "none",
			"--size", "32", "--columns", "2"), err.toString(StandardCharsets.UTF_8));
		Volume m = ImageReaders.read(png);
		// 2 columns x 2 rows of 32-pixel tiles with a 4-pixel gap
		assertEquals(68, m.nx());
		assertEquals(68, m.ny());
	}

	@Test
	void montageRealRowTakesOneHemorrhageSlicePerPatient() throws Exception {
		Path ctich = org.strokej.TestData.require("ct-ich/labels.csv").getParent();
		List<Path> slices = MontageCommand.realSlices(ctich, 4);
		assertEquals(4, slices.size());
		java.util.Set<String> patients = new java.util.HashSet<>();
		List<String> labels = Files.readAllLines(ctich.resolve("labels.csv"));
		for (Path p : slices) {
			String rel = ctich.relativize(p).toString().replace('\\', '/');
			String row = labels.stream().filter(l -> l.startsWith(rel + ",")).findFirst().orElseThrow();
			String[] f = row.split(",");
			assertEquals("1", f[5], "any_hemorrhage of " + rel);
			patients.add(f[2]);
		}
		assertEquals(4, patients.size());
		// Brain-window grey values map back to HU 0..80, which the montage windows back exactly
		float[] hu = MontageCommand.asBrainWindowHu(slices.get(0), 64);
		byte[] back = (byte[]) Phantoms.window(hu, 64, 64, 40, 80).getPixels();
		ij.process.ImageProcessor ip = new ij.io.Opener().openImage(slices.get(0).toString())
			.getProcessor().convertToByte(false);
		ip.setInterpolationMethod(ij.process.ImageProcessor.BILINEAR);
		ij.process.ImageProcessor r = ip.resize(64, 64, true);
		for (int i = 0; i < back.length; i++)
			assertEquals(r.get(i), back[i] & 0xff);
	}

	private static void assertSameGrid(Volume expected, Volume actual, double[] spacing) {
		assertArrayEquals(expected.dims(), actual.dims());
		assertArrayEquals(spacing, actual.spacing(), 1e-5);
	}

	private static void assertClose(float[] expected, float[] actual, float tol) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++)
			if (Math.abs(expected[i] - actual[i]) > tol) throw new AssertionError("voxel " + i +
				": expected " + expected[i] + " but was " + actual[i]);
	}
}
