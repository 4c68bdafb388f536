package org.strokej.core.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

import ij.IJ;
import ij.ImagePlus;

/** Tests of the {@link Phantoms} export helpers and the phantom package's import rules. */
class PhantomsTest {

	@TempDir
	Path dir;

	private static Volume ramp(int nx, int ny, int nz) {
		float[] d = new float[nx * ny * nz];
		for (int i = 0; i < d.length; i++)
			d[i] = i % nx * 10 - 20; // -20, -10, 0, 10, ... HU along x
		return Volume.of(d, nx, ny, nz, new double[] { 0.45, 0.5, 5 }, new ImageMetadata("CT",
			"phantom", ValueUnit.HU, "test"));
	}

	@Test
	void windowedPngMapsTheWindowLinearly() throws IOException {
		Volume v = ramp(16, 4, 2);
		Path png = dir.resolve("w.png");
		Phantoms.toWindowedPng(v, 1, 40, 80, png);
		ImagePlus imp = IJ.openImage(png.toString());
		assertEquals(8, imp.getBitDepth());
		assertEquals(16, imp.getWidth());
		// HU -20 and -10, 0 -> 0 (below the window); 40 -> 128 (rint 127.5); 80 -> 255; 90 -> 255
		assertEquals(0, imp.getProcessor().get(0, 0));
		assertEquals(0, imp.getProcessor().get(2, 0));
		assertEquals(32, imp.getProcessor().get(3, 0)); // 10 HU: 31.875 -> 32
		assertEquals(128, imp.getProcessor().get(6, 0));
		assertEquals(255, imp.getProcessor().get(10, 3));
		assertEquals(255, imp.getProcessor().get(11, 3));
		assertNoTempFiles();
		assertThrows(IllegalArgumentException.class, () -> Phantoms.toWindowedPng(v, 2, 40, 80, png));
	}

	@Test
	void tiffKeepsValuesAndCalibration() throws IOException {
		Volume v = ramp(12, 5, 3);
		Path tif = dir.resolve("v.tif");
		Phantoms.toTiff(v, tif);
		ImagePlus imp = IJ.openImage(tif.toString());
		assertEquals(32, imp.getBitDepth());
		assertEquals(3, imp.getStackSize());
		assertEquals(0.45, imp.getCalibration().pixelWidth, 1e-6);
		assertEquals(0.5, imp.getCalibration().pixelHeight, 1e-6);
		assertEquals(5, imp.getCalibration().pixelDepth, 1e-6);
		assertEquals("mm", imp.getCalibration().getUnit());
		imp.setSlice(3);
		assertArrayEquals(v.slice(2), (float[]) imp.getProcessor().getPixels());
		assertNoTempFiles();
	}

	@Test
	void montageIsAGridOfWindowedTiles() throws IOException {
		Phantom p = PhantomGenerator.generate(PhantomSettings.builder().size(64, 64, 1).seed(2)
			.build());
		float[] s = p.hu().slice(0);
		float[] flat = new float[64 * 64];
		java.util.Arrays.fill(flat, 40);
		Path png = dir.resolve("m.png");
		Phantoms.montage(List.of(s, s, s, flat, s), 64, 64, 3, png);
		ImagePlus imp = IJ.openImage(png.toString());
		assertEquals(3 * 64 + 2 * 4, imp.getWidth());
		assertEquals(2 * 64 + 4, imp.getHeight());
		// the fourth tile (row 2, column 1) is uniform 40 HU -> 128 in the brain window
		assertEquals(128, imp.getProcessor().get(10, 68 + 10));
		assertEquals(0, imp.getProcessor().get(65, 10)); // gap
		assertNoTempFiles();
		assertThrows(IllegalArgumentException.class, () -> Phantoms.montage(List.of(new float[5]), 64,
			64, 3, png));
	}

	@Test
	void demoWritesTwelveTiles() throws IOException {
		Path png = dir.resolve("demo.png");
		PhantomDemo.writeMontage(png, 64);
		ImagePlus imp = IJ.openImage(png.toString());
		assertEquals(4 * 64 + 3 * 4, imp.getWidth());
		assertEquals(3 * 64 + 2 * 4, imp.getHeight());
		// skull is white in the brain window somewhere in the first tile, air black in its corner
		int max = 0;
		for (int y = 0; y < 64; y++)
			for (int x = 0; x < 64; x++)
				max = Math.max(max, imp.getProcessor().get(x, y));
		assertEquals(255, max);
		assertEquals(0, imp.getProcessor().get(0, 0));
	}

	@Test
	void phantomPackageKeepsTheCoreImportRules() throws IOException {
		Path src = Path.of("src/main/java/org/strokej/core/phantom");
		Pattern bad = Pattern.compile("^import\\s+(static\\s+)?(ij\\.gui|org\\.scijava|org\\.tensorflow)",
			Pattern.MULTILINE);
		try (Stream<Path> files = Files.list(src)) {
			List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
			assertTrue(java.size() >= 8, "sources found: " + java);
			for (Path f : java)
				assertTrue(!bad.matcher(Files.readString(f)).find(), f + " imports a forbidden package");
		}
	}

	private void assertNoTempFiles() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(0, files.filter(f -> f.getFileName().toString().contains(".tmp")).count());
		}
	}
}
