package org.strokej.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.TestData;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

/** Tests {@link RasterReader} on images written at test time with ImageJ's FileSaver. */
class RasterReaderTest {

	private static final int W = 9, H = 7;

	private static ByteProcessor bytes() {
		ByteProcessor bp = new ByteProcessor(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				bp.set(x, y, (x * 25 + y * 3) & 0xff);
		return bp;
	}

	@Test
	void eightBitPng(@TempDir Path tmp) throws IOException {
		Path f = tmp.resolve("slice.png");
		assertTrue(new FileSaver(new ImagePlus("s", bytes())).saveAsPng(f.toString()));
		byte[] before = Files.readAllBytes(f);
		Volume v = RasterReader.read(f);
		assertArrayEquals(new int[] { W, H, 1 }, v.dims());
		assertEquals(8 * 25 + 6 * 3, v.get(8, 6, 0));
		assertEquals(3, v.get(0, 1, 0));
		assertEquals(ValueUnit.WINDOWED_8BIT, v.metadata().valueUnit());
		assertEquals("PNG", v.metadata().format());
		assertEquals("", v.metadata().modality());
		assertEquals("true", v.metadata().extra().get("spacing_missing"));
		assertArrayEquals(new double[] { 1, 1, 1 }, v.spacing());
		assertArrayEquals(before, Files.readAllBytes(f), "input unchanged");
	}

	@Test
	void rgbPngBecomesWeightedGreyWithFlag(@TempDir Path tmp) throws IOException {
		ColorProcessor cp = new ColorProcessor(W, H);
		cp.set(0, 0, 0xff0000); // pure red
		cp.set(1, 0, 0x00ff00); // pure green
		cp.set(2, 0, 0x0000ff); // pure blue
		cp.set(3, 0, 0x646464); // grey 100 stays 100
		cp.set(4, 0, 0x102030);
		Path f = tmp.resolve("colour.png");
		assertTrue(new FileSaver(new ImagePlus("c", cp)).saveAsPng(f.toString()));
		Volume v = RasterReader.read(f);
		assertEquals(Math.round(0.299 * 255), v.get(0, 0, 0));
		assertEquals(Math.round(0.587 * 255), v.get(1, 0, 0));
		assertEquals(Math.round(0.114 * 255), v.get(2, 0, 0));
		assertEquals(100, v.get(3, 0, 0));
		assertEquals(Math.round(0.299 * 16 + 0.587 * 32 + 0.114 * 48), v.get(4, 0, 0));
		assertEquals(0, v.get(5, 5, 0));
		assertEquals("RGB", v.metadata().extra().get("converted_from"));
		assertEquals(ValueUnit.WINDOWED_8BIT, v.metadata().valueUnit());
	}

	@Test
	void rgbaPngIsFlagged(@TempDir Path tmp) throws IOException {
		BufferedImage bi = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
		bi.setRGB(0, 0, 0xff646464); // opaque grey 100
		bi.setRGB(1, 0, 0xff00ff00); // opaque green
		Path f = tmp.resolve("rgba.png");
		assertTrue(ImageIO.write(bi, "png", f.toFile()));
		Volume v = RasterReader.read(f);
		assertEquals(100, v.get(0, 0, 0));
		assertEquals(Math.round(0.587 * 255), v.get(1, 0, 0));
		assertEquals("RGBA", v.metadata().extra().get("converted_from"));
	}

	@Test
	void sixteenBitTiffWithMmCalibrationAndHuFunction(@TempDir Path tmp) throws IOException {
		ShortProcessor sp = new ShortProcessor(W, H);
		for (int i = 0; i < W * H; i++)
			sp.set(i, 1000 + 37 * i);
		ImagePlus imp = new ImagePlus("ct", sp);
		Calibration cal = imp.getCalibration();
		cal.setUnit("cm");
		cal.pixelWidth = 0.05;
		cal.pixelHeight = 0.04;
		cal.setFunction(Calibration.STRAIGHT_LINE, new double[] { -1024, 1 }, "HU");
		Path f = tmp.resolve("ct.tif");
		assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
		Volume v = RasterReader.read(f);
		assertEquals(ValueUnit.HU, v.metadata().valueUnit());
		assertEquals(1000 - 1024, v.get(0, 0, 0));
		assertEquals(1000 + 37 * (W * H - 1) - 1024, v.get(W - 1, H - 1, 0));
		assertArrayEquals(new double[] { 0.5, 0.4, 10 }, v.spacing(), 1e-9); // depth 1 cm
		assertEquals("TIFF", v.metadata().format());
		assertFalse(v.metadata().extra().containsKey("spacing_missing"));

		// plain 16-bit without calibration: raw values, arbitrary unit, spacing missing
		Path g = tmp.resolve("raw.tif");
		assertTrue(new FileSaver(new ImagePlus("raw", sp)).saveAsTiff(g.toString()));
		Volume r = RasterReader.read(g);
		assertEquals(ValueUnit.ARBITRARY, r.metadata().valueUnit());
		assertEquals(1000 + 37 * 5, r.data()[5]);
		assertEquals("true", r.metadata().extra().get("spacing_missing"));
	}

	@Test
	void floatTiffStack(@TempDir Path tmp) throws IOException {
		ImageStack stack = new ImageStack(W, H);
		for (int z = 0; z < 3; z++) {
			FloatProcessor fp = new FloatProcessor(W, H);
			for (int i = 0; i < W * H; i++)
				fp.setf(i, i * 0.5f - 100 * z);
			stack.addSlice(fp);
		}
		ImagePlus imp = new ImagePlus("stack", stack);
		Calibration cal = imp.getCalibration();
		cal.setUnit("mm");
		cal.pixelWidth = 0.7;
		cal.pixelHeight = 0.7;
		cal.pixelDepth = 2.5;
		Path f = tmp.resolve("stack.tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(f.toString()));
		Volume v = RasterReader.read(f);
		assertArrayEquals(new int[] { W, H, 3 }, v.dims());
		assertArrayEquals(new double[] { 0.7, 0.7, 2.5 }, v.spacing(), 1e-6); // TIFF stores 1/0.7 as a rational
		assertEquals(3 * 0.5f - 200, v.get(3, 0, 2));
		assertEquals(ValueUnit.ARBITRARY, v.metadata().valueUnit());
		assertEquals("32", v.metadata().extra().get("bit_depth"));
	}

	@Test
	void garbageTruncatedAndMissingFilesFailNamingTheFile(@TempDir Path tmp) throws IOException {
		Path garbage = tmp.resolve("garbage.png");
		byte[] noise = new byte[500];
		new Random(1).nextBytes(noise);
		Files.write(garbage, noise);
		String m1 = assertThrows(ImageReadException.class, () -> RasterReader.read(garbage))
			.getMessage();
		assertEquals(garbage + ": not a PNG, JPEG, BMP, GIF or TIFF image (unrecognised content)", m1);
		assertFalse(m1.contains("\n"), m1);

		Path png = tmp.resolve("ok.png");
		assertTrue(new FileSaver(new ImagePlus("s", bytes())).saveAsPng(png.toString()));
		byte[] full = Files.readAllBytes(png);
		Path cut = tmp.resolve("cut.png");
		Files.write(cut, Arrays.copyOf(full, full.length / 2));
		String m2 = assertThrows(ImageReadException.class, () -> RasterReader.read(cut))
			.getMessage();
		assertEquals(cut + ": truncated PNG (no IEND chunk)", m2);

		Path jpg = tmp.resolve("ok.jpg");
		assertTrue(new FileSaver(new ImagePlus("s", bytes())).saveAsJpeg(jpg.toString()));
		byte[] jfull = Files.readAllBytes(jpg);
		Path jcut = tmp.resolve("cut.jpg");
		Files.write(jcut, Arrays.copyOf(jfull, jfull.length - 30));
		assertEquals(jcut + ": truncated JPEG (no end-of-image marker)", assertThrows(
			ImageReadException.class, () -> RasterReader.read(jcut)).getMessage());
		Volume j = RasterReader.read(jpg);
		assertEquals("JPEG", j.metadata().format());
		assertEquals(ValueUnit.WINDOWED_8BIT, j.metadata().valueUnit());

		Path tif = tmp.resolve("ok.tif");
		assertTrue(new FileSaver(new ImagePlus("s", bytes())).saveAsTiff(tif.toString()));
		byte[] tfull = Files.readAllBytes(tif);
		Path tcut = tmp.resolve("cut.tif");
		Files.write(tcut, Arrays.copyOf(tfull, tfull.length - 20));
		String m3 = assertThrows(ImageReadException.class, () -> RasterReader.read(tcut)).getMessage();
		assertTrue(m3.startsWith(tcut + ": truncated TIFF"), m3);

		Path text = tmp.resolve("notes.txt");
		Files.writeString(text, "hello");
		assertTrue(assertThrows(ImageReadException.class, () -> RasterReader.read(text)).getMessage()
			.startsWith(text + ": not a PNG, JPEG"));
		Path missing = tmp.resolve("missing.png");
		assertEquals(missing + ": no such file", assertThrows(ImageReadException.class,
			() -> RasterReader.read(missing)).getMessage());
	}

	@Test
	void realCtIchJpeg() throws IOException {
		Path f = TestData.require("ct-ich/images/Normal/49 (1).jpg");
		Volume v = RasterReader.read(f);
		assertArrayEquals(new int[] { 650, 650, 1 }, v.dims());
		assertEquals(ValueUnit.WINDOWED_8BIT, v.metadata().valueUnit());
		assertEquals("JPEG", v.metadata().format());
		float[] r = v.range();
		assertTrue(r[0] >= 0 && r[1] <= 255 && r[1] > 100, Arrays.toString(r));
		System.out.println("ct-ich: " + v.metadata().extra() + " range " + Arrays.toString(r));
	}
}
