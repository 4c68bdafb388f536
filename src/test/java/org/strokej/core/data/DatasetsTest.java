package org.strokej.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.TestData;
import org.strokej.core.io.ImageReadException;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

class DatasetsTest {

	// -- Synthetic (always run) --

	@Test
	void csvSplitHandlesQuotes() {
		assertEquals(List.of("a", "b,c", "d\"e", ""), Datasets.splitCsv("a,\"b,c\",\"d\"\"e\","));
	}

	@Test
	void maskRulesAreTolerant() {
		assertEquals(1, Datasets.MaskRule.ORANGE_HEMORRHAGE.label(210, 80, 0));
		assertEquals(1, Datasets.MaskRule.ORANGE_HEMORRHAGE.label(200, 95, 20)); // JPEG-ish
		assertEquals(0, Datasets.MaskRule.ORANGE_HEMORRHAGE.label(255, 255, 255));
		assertEquals(0, Datasets.MaskRule.ORANGE_HEMORRHAGE.label(0, 0, 0));
		assertEquals(1, Datasets.MaskRule.NON_BLACK_HEMORRHAGE.label(0, 0, 255));
		assertEquals(2, Datasets.MaskRule.NON_BLACK_ISCHEMIA.label(0, 255, 0));
		assertEquals(0, Datasets.MaskRule.NON_BLACK_ISCHEMIA.label(10, 5, 3));
	}

	@Test
	void smallFolderIsReadAndDownsampled(@TempDir Path dir) throws Exception {
		// a cpaisd-like folder: 40x40 grey image with a bright square, mask with a red square
		Path images = Files.createDirectories(dir.resolve("cpaisd/images"));
		Path masks = Files.createDirectories(dir.resolve("cpaisd/masks"));
		ByteProcessor img = new ByteProcessor(40, 40);
		img.setValue(30);
		img.fill(new ij.gui.Roi(5, 5, 30, 30));
		ColorProcessor mask = new ColorProcessor(40, 40);
		mask.setColor(new java.awt.Color(255, 0, 0));
		mask.fill(new ij.gui.Roi(10, 10, 8, 8));
		new FileSaver(new ImagePlus("i", img)).saveAsPng(images.resolve("101.png").toString());
		new FileSaver(new ImagePlus("m", mask)).saveAsPng(masks.resolve("101.png").toString());
		List<Sample> full = Datasets.load(Datasets.CPAISD, dir, new Datasets.Options(0, false));
		assertEquals(1, full.size());
		Sample s = full.get(0);
		assertEquals("cpaisd-101", s.id());
		assertEquals("cpaisd", s.group());
		assertEquals(Sample.ISCHEMIA, s.label());
		assertEquals(30, s.get(20, 20));
		assertEquals(0, s.get(2, 2));
		assertEquals(64, s.maskCount(2));
		assertEquals("false", s.metadata().extra().get("windowed"));
		assertEquals(ValueUnit.ARBITRARY, s.metadata().valueUnit());
		Volume v = s.image();
		assertEquals(30f, v.get(20, 20, 0));
		assertEquals(2f, s.mask().get(12, 12, 0));
		// downsampled by 2: averaging for the image, nearest neighbour for the mask
		Sample half = Datasets.load(Datasets.CPAISD, dir, new Datasets.Options(20, false)).get(0);
		assertEquals(20, half.width());
		assertEquals(20, half.height());
		assertEquals(30, half.get(10, 10));
		assertEquals(16, half.maskCount(2));
		assertEquals("40x40", half.metadata().extra().get("original_size"));
		// contrast matching maps tissue value 30 to the reference first quartile
		Sample matched = Datasets.load(Datasets.CPAISD, dir, 0).get(0);
		assertEquals(Contrasts.REFERENCE_P25, matched.get(20, 20));
		assertEquals(0, matched.get(2, 2));
		assertEquals("matched", matched.metadata().extra().get("contrast"));
	}

	@Test
	void missingFolderAndMaskAreClearErrors(@TempDir Path dir) throws Exception {
		ImageReadException e = assertThrows(ImageReadException.class, () -> Datasets.load(
			Datasets.BHSD, dir.resolve("nothing"), 0));
		assertTrue(e.getMessage().contains("nothing"), e.getMessage());
		Path images = Files.createDirectories(dir.resolve("bhsd/images"));
		new FileSaver(new ImagePlus("i", new ByteProcessor(4, 4))).saveAsPng(images.resolve(
			"120018.png").toString());
		e = assertThrows(ImageReadException.class, () -> Datasets.bhsdIndex(dir));
		assertTrue(e.getMessage().contains("mask missing"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Datasets.index("other", dir));
	}

	// -- Real data (skipped when absent) --

	@Test
	void ctIchIndexUsesSliceLabelsAndPatients() throws Exception {
		Path root = TestData.require("ct-ich");
		List<Datasets.SampleFile> files = Datasets.ctIchIndex(root);
		assertEquals(2501, files.size());
		Set<String> groups = new HashSet<>(), ids = new HashSet<>();
		int positives = 0, masks = 0, normalFolderPositives = 0;
		Map<String, Integer> positivesUnderNormal = new TreeMap<>();
		for (Datasets.SampleFile f : files) {
			groups.add(f.group());
			ids.add(f.id());
			positives += f.label();
			if (f.mask() != null) {
				masks++;
				assertEquals(1, f.label(), "a masked slice is a hemorrhage slice: " + f.id());
				assertEquals("Stroke", f.extra().get("kaggle_class"));
			}
			if (f.label() == 1 && f.extra().get("kaggle_class").equals("Normal")) {
				normalFolderPositives++;
				positivesUnderNormal.merge(f.group(), 1, Integer::sum);
			}
		}
		assertEquals(82, groups.size());
		assertEquals(2501, ids.size());
		assertEquals(countAnyHemorrhage(root.resolve("labels.csv")), positives);
		assertEquals(36, masks);
		assertEquals(Set.of("ctich-49", "ctich-50", "ctich-51", "ctich-52", "ctich-53"),
			positivesUnderNormal.keySet());
		System.out.println("ct-ich: " + files.size() + " slices, " + groups.size() +
			" patients, " + positives + " hemorrhage / " + (files.size() - positives) +
			" normal slices; " + normalFolderPositives + " positives under Normal/ " +
			positivesUnderNormal + "; " + masks + " masks");
	}

	private static int countAnyHemorrhage(Path csv) throws Exception {
		List<String> lines = Files.readAllLines(csv);
		int col = List.of(lines.get(0).split(",")).indexOf("any_hemorrhage");
		int n = 0;
		for (String l : lines.subList(1, lines.size()))
			if (l.split(",")[col].equals("1")) n++;
		return n;
	}

	@Test
	void ctIchLoadsDownsampledWithMasks() throws Exception {
		List<Sample> all = CtIchCache.samples();
		double seconds = CtIchCache.loadSeconds();
		assertEquals(2501, all.size());
		int masks = 0;
		long bytes = 0;
		int[] classes = new int[3];
		for (Sample s : all) {
			assertEquals(CtIchCache.SIZE, s.width());
			assertEquals(CtIchCache.SIZE, s.height());
			assertEquals(ValueUnit.WINDOWED_8BIT, s.metadata().valueUnit());
			classes[s.label()]++;
			bytes += s.pixels().length;
			if (s.hasMask()) {
				masks++;
				assertTrue(s.maskCount(1) > 0, "empty mask after downsampling: " + s.id());
				assertEquals(0, s.maskCount(2));
			}
		}
		assertEquals(36, masks);
		assertArrayEquals(new int[] { 2183, 318, 0 }, classes);
		// Speed is reported, not asserted: this machine is shared (26 s measured at load average 8).
		System.out.printf("ct-ich at %d: loaded %d slices in %.1f s, %.0f MB of pixels%n",
			CtIchCache.SIZE, all.size(), seconds, bytes / 1e6);
	}

	@Test
	void ctIchMasksAtFullResolution() throws Exception {
		Path root = TestData.require("ct-ich");
		List<Datasets.SampleFile> masked = Datasets.ctIchIndex(root).stream().filter(f -> f
			.mask() != null).toList();
		List<Sample> samples = Datasets.read(masked, Datasets.Options.DEFAULT);
		int min = Integer.MAX_VALUE, max = 0;
		for (Sample s : samples) {
			assertEquals(650, s.width());
			int n = s.maskCount(1);
			assertTrue(n > 0, s.id());
			min = Math.min(min, n);
			max = Math.max(max, n);
		}
		System.out.println("ct-ich masks: " + samples.size() + ", hemorrhage pixels per mask " +
			min + ".." + max);
	}

	@Test
	void bhsdSlicesAreHemorrhageWithMasks() throws Exception {
		Path root = TestData.require("bhsd");
		List<Sample> all = Datasets.load(Datasets.BHSD, root, 0);
		assertEquals(36, all.size());
		Set<String> groups = new HashSet<>();
		int minPixels = Integer.MAX_VALUE;
		for (Sample s : all) {
			assertEquals(Sample.HEMORRHAGE, s.label());
			assertEquals(512, s.width());
			assertTrue(s.maskCount(1) > 0, s.id());
			assertEquals(0, s.maskCount(2));
			minPixels = Math.min(minPixels, s.maskCount(1));
			groups.add(s.group());
		}
		Sample first = all.get(0);
		assertEquals("bhsd-120018", first.id());
		assertEquals("bhsd-120", first.group());
		assertEquals(18, first.sliceNumber());
		int small = 0;
		for (Sample s : Datasets.load(Datasets.BHSD, root, 256))
			if (s.maskCount(1) == 0) small++;
		System.out.println("bhsd: " + all.size() + " slices, " + groups.size() +
			" volumes, smallest mask " + minPixels + " px; masks empty after downsampling to 256: " +
			small);
	}

	/**
	 * Evidence for the volume/slice split of BHSD names: slices one apart within a "volume" are
	 * near-identical, and no pair of different volumes looks alike.
	 */
	@Test
	void bhsdNamesSplitIntoVolumeAndSlice() throws Exception {
		Path root = TestData.require("bhsd");
		List<Sample> all = Datasets.load(Datasets.BHSD, root, new Datasets.Options(128, false));
		float[][] fp = LeakCheck.fingerprints(all, 32);
		double maxCross = -1, adjacent = Double.NaN;
		for (int i = 0; i < all.size(); i++)
			for (int j = i + 1; j < all.size(); j++) {
				double r = LeakCheck.correlation(fp[i], fp[j]);
				if (!all.get(i).group().equals(all.get(j).group())) maxCross = Math.max(maxCross, r);
				if (all.get(i).id().equals("bhsd-145014") && all.get(j).id().equals("bhsd-145015"))
					adjacent = r;
			}
		System.out.printf("bhsd: r(145014, 145015) = %.4f; max r across volumes = %.4f%n",
			adjacent, maxCross);
		assertTrue(adjacent >= 0.95, "adjacent r " + adjacent);
		assertTrue(maxCross < 0.9, "max cross-volume r " + maxCross);
	}

	@Test
	void cpaisdSlicesAreIschemiaWithMasks() throws Exception {
		Path root = TestData.require("cpaisd");
		List<Sample> all = Datasets.load(Datasets.CPAISD, root, 0);
		List<Sample> raw = Datasets.load(Datasets.CPAISD, root, new Datasets.Options(0, false));
		assertEquals(24, all.size());
		double rawMedian = 0, matchedMedian = 0;
		for (int k = 0; k < all.size(); k++) {
			Sample s = all.get(k), r = raw.get(k);
			assertEquals(r.id(), s.id());
			assertEquals(Sample.ISCHEMIA, s.label());
			assertEquals("cpaisd", s.group());
			assertTrue(s.maskCount(2) > 0, s.id());
			assertEquals(0, s.maskCount(1));
			assertEquals("false", s.metadata().extra().get("windowed"));
			assertEquals("matched", s.metadata().extra().get("contrast"));
			assertNull(r.metadata().extra().get("contrast"));
			// contrast matched: a raw pixel at the raw tissue quartile becomes the reference quartile
			double[] q = Contrasts.tissuePercentiles(r.pixels(), 25, 50, 75);
			int at = -1;
			for (int i = r.pixels().length / 2; i < r.pixels().length && at < 0; i++)
				if ((r.pixels()[i] & 0xff) == q[0] && s.pixels()[i] != 0) at = i;
			assertEquals(Contrasts.REFERENCE_P25, s.pixels()[at] & 0xff, s.id());
			rawMedian += q[1] / all.size();
			matchedMedian += Contrasts.tissuePercentiles(s.pixels(), 50)[0] / all.size();
		}
		assertTrue(matchedMedian > 100 && matchedMedian < 140, "matched median " + matchedMedian);
		System.out.printf("cpaisd: tissue median %.1f raw -> %.1f matched%n", rawMedian,
			matchedMedian);
		System.out.println("cpaisd: " + all.size() + " slices, label 2, one group");
	}

	@Test
	void ctIchTissueQuartilesMatchTheReference() throws Exception {
		Path root = TestData.require("ct-ich");
		List<Datasets.SampleFile> files = Datasets.ctIchIndex(root);
		// every 10th slice is enough for the medians
		List<Datasets.SampleFile> some = new java.util.ArrayList<>();
		for (int i = 0; i < files.size(); i += 10)
			some.add(files.get(i));
		List<Sample> samples = Datasets.read(some, Datasets.Options.DEFAULT);
		double[] p25 = new double[samples.size()], p75 = new double[samples.size()];
		for (int i = 0; i < samples.size(); i++) {
			double[] q = Contrasts.tissuePercentiles(samples.get(i).pixels(), 25, 75);
			p25[i] = q[0];
			p75[i] = q[1];
		}
		java.util.Arrays.sort(p25);
		java.util.Arrays.sort(p75);
		double m25 = p25[p25.length / 2], m75 = p75[p75.length / 2];
		System.out.println("ct-ich tissue quartiles (median over " + samples.size() +
			" slices): p25 " + m25 + ", p75 " + m75);
		assertEquals(Contrasts.REFERENCE_P25, m25, 2);
		assertEquals(Contrasts.REFERENCE_P75, m75, 2);
		assertArrayEquals(new int[] { 650, 650 }, new int[] { samples.get(0).width(), samples.get(
			0).height() });
	}
}
