package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.command.GenerateStrokePhantomCommand;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.preprocess.Window;
import org.strokej.core.preprocess.Windows;

/** The StrokeJ commands and the shipped macro run from ImageJ macros, headless. */
class CommandMacroTest {

	@TempDir
	Path tmp;

	private static Phantom phantom(String kind, long seed, int size, int lesions) {
		return PhantomGenerator.generate(GenerateStrokePhantomCommand.settings(kind, seed, size, 1,
			0, 5, lesions, 4, 0));
	}

	@Test
	void generateAndPreprocessFromAMacro() throws Exception {
		Path labels = tmp.resolve("labels.tif"), pre = tmp.resolve("pre.tif");
		String macro = String.join("\n", //
			"setBatchMode(true);", //
			"run(\"Generate Stroke Phantom\", \"kind=hemorrhage seed=3 size=128\");", //
			"selectImage(\"phantom-3-labels\");", //
			"saveAs(\"Tiff\", \"" + labels + "\");", //
			"run(\"Preprocess Head CT\", \"input=phantom-3 window=brain resize=64\");", //
			"selectImage(\"phantom-3-preprocessed\");", //
			"saveAs(\"Tiff\", \"" + pre + "\");");
		assertNull(MacroCommand.runMacro(macro, ""));
		Phantom p = phantom("hemorrhage", 3, 128, 2);

		ImagePlus l = IJ.openImage(labels.toString());
		assertEquals(128, l.getWidth());
		float[] expected = p.labels().slice(0);
		byte[] got = (byte[]) l.getProcessor().getPixels();
		for (int i = 0; i < expected.length; i++)
			assertEquals((int) expected[i], got[i] & 0xff);
		assertEquals(230.0 / 128, l.getCalibration().pixelWidth, 1e-4);

		ImagePlus q = IJ.openImage(pre.toString());
		assertEquals(64, q.getWidth());
		assertEquals(64, q.getHeight());
		q.getProcessor().resetMinAndMax();
		assertTrue(q.getProcessor().getMin() >= 0 && q.getProcessor().getMax() <= 1);
		assertEquals(230.0 / 64, q.getCalibration().pixelWidth, 1e-4);
		// windowing commutes with nothing here but the resize: the mean brain-window value of the
		// 64-pixel image is close to that of the full-size windowed phantom
		double full = mean(Windows.apply(p.hu().slice(0), Window.BRAIN));
		assertEquals(full, q.getProcessor().getStats().mean, 0.02);
	}

	@Test
	void shippedMacroWritesBlurredImageLabelsAndLesionAreas() throws Exception {
		Path macroFile = Paths.get("macros", "generate_and_measure_phantom.ijm");
		String err = MacroCommand.runMacro(Files.readString(macroFile, StandardCharsets.UTF_8), tmp
			.toString());
		assertNull(err, err);
		Phantom p = phantom("mixed", 11, 256, 3);
		double pw = 230.0 / 256;

		// Label image as generated
		ImagePlus l = IJ.openImage(tmp.resolve("phantom-11-labels.tif").toString());
		assertNotNull(l);
		byte[] got = (byte[]) l.getProcessor().getPixels();
		float[] expected = p.labels().slice(0);
		for (int i = 0; i < expected.length; i++)
			assertEquals((int) expected[i], got[i] & 0xff);

		// Blurred copy: ImageJ's Gaussian, sigma 2 pixels, on the HU image
		FloatProcessor ref = new FloatProcessor(256, 256, p.hu().slice(0));
		new GaussianBlur().blurGaussian(ref, 2, 2, 0.0002);
		ImagePlus b = IJ.openImage(tmp.resolve("phantom-11-blurred.tif").toString());
		assertArrayEquals((float[]) ref.getPixels(), (float[]) b.getProcessor().getPixels(), 1e-3f);

		// Lesion areas: pixel counts per class equal the generator's lesion voxels
		long[] perClass = new long[3];
		for (Lesion lesion : p.lesions())
			perClass[lesion.labelClass()] += lesion.voxels();
		List<String> csv = Files.readAllLines(tmp.resolve("phantom-11-lesion-areas.csv"));
		assertEquals("class,label,pixels,area_mm2", csv.get(0));
		assertEquals(3, csv.size());
		for (int label = 1; label <= 2; label++) {
			String[] f = csv.get(label).split(",");
			assertEquals(label == 1 ? "hemorrhage" : "ischemia", f[0]);
			assertEquals(perClass[label], Long.parseLong(f[2]));
			assertEquals(perClass[label] * pw * pw, Double.parseDouble(f[3]), 1e-4);
		}
		assertTrue(perClass[1] + perClass[2] > 0);
	}

	private static double mean(float[] a) {
		double s = 0;
		for (float v : a)
			s += v;
		return s / a.length;
	}
}
