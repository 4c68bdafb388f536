package org.strokej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.core.metrics.Calibration;
import org.strokej.core.metrics.Roc;

import ij.ImagePlus;

/** Runs headless (surefire sets java.awt.headless=true). */
class EvaluationPlotsTest {

	private static final Random R = new Random(11);
	private static final double[] SCORES = new double[400];
	private static final int[] TRUTH = new int[400];
	static {
		for (int i = 0; i < SCORES.length; i++) {
			TRUTH[i] = i % 4 == 0 ? 1 : 0;
			SCORES[i] = 1 / (1 + Math.exp(-(R.nextGaussian() * 1.5 + 2.5 * TRUTH[i] - 1.5)));
		}
	}

	/** Reads the PNG back and counts pixels that differ from white and that are strongly blue/red. */
	private static int[] check(Path png) throws Exception {
		assertTrue(Files.size(png) > 1000);
		BufferedImage bi = ImageIO.read(png.toFile());
		assertEquals(EvaluationPlots.WIDTH, bi.getWidth());
		assertEquals(EvaluationPlots.HEIGHT, bi.getHeight());
		int nonWhite = 0, blue = 0, red = 0;
		for (int y = 0; y < bi.getHeight(); y++)
			for (int x = 0; x < bi.getWidth(); x++) {
				int c = bi.getRGB(x, y), r = c >> 16 & 0xff, g = c >> 8 & 0xff, b = c & 0xff;
				if ((c & 0xffffff) != 0xffffff) nonWhite++;
				if (b > 150 && r < 60 && g < 140) blue++;
				if (r > 180 && g < 90 && b < 80) red++;
			}
		return new int[] { nonWhite, blue, red };
	}

	@Test
	void rocPngIsWrittenHeadless(@TempDir Path dir) throws Exception {
		assertTrue(GraphicsEnvironment.isHeadless());
		Roc.Curve c = Roc.curve(SCORES, TRUTH);
		ImagePlus imp = EvaluationPlots.roc(c, "ROC test");
		assertEquals(EvaluationPlots.WIDTH, imp.getWidth());
		Path png = dir.resolve("roc.png");
		EvaluationPlots.savePng(imp, png);
		int[] counts = check(png);
		assertTrue(counts[0] > 2000, "non-white " + counts[0]);
		assertTrue(counts[1] > 200, "blue curve pixels " + counts[1]);
		assertEquals(1, Files.list(dir).count(), "no temporary file left");
		// two curves: a second (red) colour appears
		Roc.Curve half = Roc.curve(java.util.Arrays.copyOf(SCORES, 200), java.util.Arrays.copyOf(
			TRUTH, 200));
		Path two = dir.resolve("roc2.png");
		EvaluationPlots.savePng(EvaluationPlots.roc(List.of(c, half), List.of("all", "half"),
			"two"), two);
		assertTrue(check(two)[2] > 100);
		Files.copy(png, Path.of("target", "evaluation-roc.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void reliabilityPngIsWrittenHeadless(@TempDir Path dir) throws Exception {
		Calibration.Reliability r = Calibration.reliability(SCORES, TRUTH);
		Path png = dir.resolve("rel.png");
		EvaluationPlots.savePng(EvaluationPlots.reliability(r, "Reliability"), png);
		int[] counts = check(png);
		assertTrue(counts[1] > 150, "blue curve pixels " + counts[1]);
		Files.copy(png, Path.of("target", "evaluation-reliability.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void learningCurvesPngIsWrittenHeadless(@TempDir Path dir) throws Exception {
		double[] train = new double[20], val = new double[20];
		for (int e = 0; e < 20; e++) {
			train[e] = 1.2 * Math.exp(-e / 6.0) + 0.1;
			val[e] = 1.2 * Math.exp(-e / 8.0) + 0.25 + (e > 12 ? 0.02 * (e - 12) : 0);
		}
		Path png = dir.resolve("loss.png");
		EvaluationPlots.savePng(EvaluationPlots.learningCurves(train, val, "Loss"), png);
		int[] counts = check(png);
		assertTrue(counts[1] > 150, "blue (training) pixels " + counts[1]);
		assertTrue(counts[2] > 150, "red (validation) pixels " + counts[2]);
		Files.copy(png, Path.of("target", "evaluation-loss.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}
}
