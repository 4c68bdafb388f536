package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.junit.jupiter.api.Test;
import org.strokej.TestData;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Brain extraction on real scans (skipped without the data): a few CT-ICH brain-window JPEGs and
 * one AISD DICOM study. Writes {@code target/brain-extraction-montage.png} (image with the mask
 * outline in red) for a person to look at.
 */
class RealDataBrainExtractionTest {

	private static final int TILE = 256;

	/** 8-bit JPEG slices: per patient the slice from 35 % to 75 % of its stack (mid-brain). */
	@Test
	void ctIchJpegSlices() throws IOException {
		Path dir = TestData.require("ct-ich/images/Stroke");
		List<Path> chosen = new ArrayList<>();
		for (String patient : new String[] { "58", "66", "70", "75", "81", "90" }) {
			List<Path> slices;
			try (Stream<Path> s = Files.list(dir)) {
				slices = s.filter(p -> p.getFileName().toString().startsWith(patient + " (")).sorted((a,
					b) -> Integer.compare(sliceNo(a), sliceNo(b))).collect(Collectors.toList());
			}
			if (slices.isEmpty()) continue;
			chosen.add(slices.get((int) (slices.size() * 0.45)));
			chosen.add(slices.get((int) (slices.size() * 0.7)));
		}
		assertTrue(chosen.size() >= 6);
		List<ImageProcessor> tiles = new ArrayList<>();
		for (Path p : chosen) {
			ImagePlus imp = new Opener().openImage(p.toString());
			assertNotNull(imp, p.toString());
			ImageProcessor ip = imp.getProcessor().convertToByteProcessor();
			int w = ip.getWidth(), h = ip.getHeight();
			float[] g = new float[w * h];
			for (int i = 0; i < g.length; i++)
				g[i] = ip.get(i);
			Volume v = Volume.of(g, w, h, 1, new double[] { 1, 1, 1 }, new ImageMetadata("CT", "JPEG",
				ValueUnit.WINDOWED_8BIT, p.toString()));
			float[] m = BrainExtraction.brainMask(v).data();
			double frac = fraction(m);
			System.out.printf("%s brain %.1f %%%n", p.getFileName(), 100 * frac);
			assertTrue(frac > 0.05 && frac < 0.6, p.getFileName() + ": brain fraction " + frac);
			assertEquals(0, skullInMask(g, m, w, h, 250), p.getFileName() + ": skull pixels in the mask");
			tiles.add(overlay(g, m, w, h, 0, 255));
		}
		writeMontage(tiles, Paths.get("target", "brain-extraction-montage-ctich.png"));
	}

	/** One DICOM study in HU (9 mm slices): the mid slices hold a plausible brain, never bone. */
	@Test
	void aisdDicomStudy() throws IOException {
		Path dir = TestData.require("aisd-dicom/0091454/CT");
		List<Path> files;
		try (Stream<Path> s = Files.list(dir)) {
			files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
		}
		int nz = files.size(), w = 0, h = 0;
		float[] d = null;
		double px = 1;
		for (int z = 0; z < nz; z++) {
			ImagePlus imp = new Opener().openImage(files.get(z).toString());
			assertNotNull(imp, files.get(z).toString());
			Calibration cal = imp.getCalibration();
			ImageProcessor ip = imp.getProcessor();
			if (d == null) {
				w = ip.getWidth();
				h = ip.getHeight();
				d = new float[w * h * nz];
				px = cal.pixelWidth;
			}
			for (int i = 0; i < w * h; i++)
				d[z * w * h + i] = (float) cal.getCValue(ip.get(i));
		}
		Volume v = Volume.of(d, w, h, nz, new double[] { px, px, 9 }, new ImageMetadata("CT", "DICOM",
			ValueUnit.HU, dir.toString()));
		float[] r = v.range();
		assertTrue(r[0] < -900 && r[1] > 1000, "HU range " + r[0] + ".." + r[1]);
		long t0 = System.nanoTime();
		Volume mask = BrainExtraction.brainMask(v);
		System.out.printf("DICOM %dx%dx%d brain mask in %.0f ms%n", w, h, nz, (System.nanoTime() - t0) / 1e6);
		List<ImageProcessor> tiles = new ArrayList<>();
		int n = w * h;
		for (int z = 0; z < nz; z++) {
			float[] m = java.util.Arrays.copyOfRange(mask.data(), z * n, (z + 1) * n);
			float[] s = v.slice(z);
			double frac = fraction(m);
			System.out.printf("slice %d brain %.1f %%%n", z + 1, 100 * frac);
			for (int i = 0; i < n; i++)
				assertTrue(m[i] == 0 || s[i] <= 300, "bone in the mask, slice " + (z + 1));
			if (z >= nz / 3 && z < 2 * nz / 3 + 1)
				assertTrue(frac > 0.05 && frac < 0.6, "slice " + (z + 1) + ": brain fraction " + frac);
			tiles.add(overlay(s, m, w, h, 0, 80));
		}
		writeMontage(tiles, Paths.get("target", "brain-extraction-montage.png"));
	}

	/** The estimated midline follows a known extra rotation of real scans (within 2°). */
	@Test
	void midlineFollowsAKnownRotation() throws IOException {
		Path dir = TestData.require("ct-ich/images/Stroke");
		List<ImageProcessor> tiles = new ArrayList<>();
		for (String name : new String[] { "58 (18).jpg", "66 (15).jpg", "70 (19).jpg", "90 (13).jpg" }) {
			Path p = dir.resolve(name);
			if (!Files.exists(p)) continue;
			ImageProcessor ip = new Opener().openImage(p.toString()).getProcessor().convertToByteProcessor();
			int w = ip.getWidth(), h = ip.getHeight();
			float[] g = new float[w * h];
			for (int i = 0; i < g.length; i++)
				g[i] = ip.get(i);
			Volume v = Volume.of(g, w, h, 1, new double[] { 1, 1, 1 }, new ImageMetadata("CT", "JPEG",
				ValueUnit.WINDOWED_8BIT, p.toString()));
			Volume mask = BrainExtraction.brainMask(v);
			RotationCorrection.Midline m = RotationCorrection.estimate(mask);
			double a0 = m.angleDeg();
			ColorProcessor tile = (ColorProcessor) overlay(g, mask.data(), w, h, 0, 255);
			double t = Math.toRadians(a0);
			tile.setColor(0x00ff00);
			double f = TILE / (double) w, cx = m.cx() * f, cy = m.cy() * f, len = 0.5 * TILE;
			tile.drawLine((int) (cx + len * Math.sin(t)), (int) (cy - len * Math.cos(t)), (int) (cx - len * Math
				.sin(t)), (int) (cy + len * Math.cos(t)));
			tiles.add(tile);
			for (double extra : new double[] { 12, -9 }) {
				Volume r = RotationCorrection.rotate(v, extra, (w - 1) / 2.0, (h - 1) / 2.0, Interpolation.LINEAR, 0);
				double a1 = RotationCorrection.estimate(BrainExtraction.brainMask(r)).angleDeg();
				System.out.printf("%s tilt %.1f°, rotated by %.0f°: %.1f°%n", name, a0, extra, a1);
				if (Math.abs(a0 + extra) < RotationCorrection.MAX_ANGLE - 2)
					assertEquals(a0 + extra, a1, 2.0, name + " rotated by " + extra);
			}
		}
		writeMontage(tiles, Paths.get("target", "midline-montage.png"));
	}

	// -- Helpers --

	private static int sliceNo(Path p) {
		String s = p.getFileName().toString();
		return Integer.parseInt(s.substring(s.indexOf('(') + 1, s.indexOf(')')));
	}

	private static double fraction(float[] m) {
		int c = 0;
		for (float x : m)
			if (x > 0.5f) c++;
		return c / (double) m.length;
	}

	/** Mask pixels brighter than {@code bone} that belong to the largest bright component (the skull). */
	private static int skullInMask(float[] g, float[] m, int w, int h, float bone) {
		ByteProcessor b = BrainExtraction.threshold(g, 0, w, h, bone, Float.POSITIVE_INFINITY);
		Masks.keepLargestComponent(b);
		byte[] p = (byte[]) b.getPixels();
		int c = 0;
		for (int i = 0; i < m.length; i++)
			if (m[i] > 0.5f && p[i] != 0) c++;
		return c;
	}

	/** Grey image (window lo..hi) with the mask outline (3 px wide) in red, scaled to a TILE × TILE tile. */
	private static ImageProcessor overlay(float[] g, float[] m, int w, int h, double lo, double hi) {
		boolean[] edge = new boolean[w * h];
		for (int y = 1; y < h - 1; y++)
			for (int x = 1; x < w - 1; x++) {
				int i = y * w + x;
				if (m[i] > 0.5f && (m[i - 1] < 0.5f || m[i + 1] < 0.5f || m[i - w] < 0.5f || m[i + w] < 0.5f))
					for (int k = -1; k <= 1; k++)
						for (int l = -1; l <= 1; l++)
							edge[i + k * w + l] = true;
			}
		int[] rgb = new int[w * h];
		for (int i = 0; i < rgb.length; i++) {
			int v = (int) Math.max(0, Math.min(255, Math.round(255 * (g[i] - lo) / (hi - lo))));
			rgb[i] = edge[i] ? 0xff0000 : (v << 16) | (v << 8) | v;
		}
		ColorProcessor out = new ColorProcessor(w, h, rgb);
		out.setInterpolationMethod(ImageProcessor.BILINEAR);
		return out.resize(TILE, TILE);
	}

	private static void writeMontage(List<ImageProcessor> tiles, Path file) throws IOException {
		int cols = Math.min(5, tiles.size()), rows = (tiles.size() + cols - 1) / cols;
		ColorProcessor mont = new ColorProcessor(cols * TILE, rows * TILE);
		for (int k = 0; k < tiles.size(); k++)
			mont.insert(tiles.get(k), (k % cols) * TILE, (k / cols) * TILE);
		Files.createDirectories(file.getParent());
		Path tmp = Files.createTempFile(file.getParent(), "montage", ".png");
		assertTrue(new FileSaver(new ImagePlus("montage", mont)).saveAsPng(tmp.toString()));
		Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
