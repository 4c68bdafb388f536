package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import ij.IJ;
import ij.process.ColorProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;
import org.strokej.ij1.LabelImages;
import org.strokej.ij1.Overlays;

/**
 * The README's main job: {@code detect} on the bundled 3D phantom with the bundled models writes
 * every file of the runner contract, and the overlay's lesion outlines lie where the truth is.
 */
class RunnerDetectTest {

	@TempDir
	Path tmp;

	@Test
	void detectOnBundledPhantomWritesTheContractFiles() throws Exception {
		Path in = Paths.get("test-images", "phantom-hemorrhage-7.nii.gz");
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "detect", in.toString(), "--out", tmp.toString() },
			new PrintStream(out), new PrintStream(err));
		assertEquals(0, code, err.toString());
		String name = "phantom-hemorrhage-7";
		for (String f : List.of("classification.csv", "lesions.csv", "summary.csv", name +
			"_labels.tif", name + "_labels.nii.gz", name + "_rois.zip", name + "_overlay.png"))
			assertTrue(Files.exists(tmp.resolve(f)), f);
		List<String> cls = Files.readAllLines(tmp.resolve("classification.csv"));
		assertEquals(17, cls.size(), "one row per slice");
		assertEquals("image,lesion_id,class,slice_first,slice_last,voxels,volume_ml,mean_hu,abc2_ml," +
			"hemisphere,territory", Files.readAllLines(tmp.resolve("lesions.csv")).get(0));
		// The label NIfTI carries the input's geometry.
		Volume ct = ImageReaders.read(in), labels = ImageReaders.read(tmp.resolve(name +
			"_labels.nii.gz"));
		assertEquals(ct.nx(), labels.nx());
		assertEquals(ct.nz(), labels.nz());
		assertEquals(ct.spacing()[2], labels.spacing()[2], 1e-4);
		// Red outline pixels of the overlay lie near true hemorrhage on the slices shown.
		Volume truth = ImageReaders.read(Paths.get("test-images", name + "_labels.nii.gz"));
		List<Integer> shown = Overlays.slicesToShow(labels);
		ColorProcessor cp = (ColorProcessor) IJ.openImage(tmp.resolve(name + "_overlay.png")
			.toString()).getProcessor();
		int red = LabelImages.HEMORRHAGE.getRGB() & 0xffffff, w = ct.nx(), near = 0, outline = 0;
		for (int p = 0; p < shown.size(); p++) {
			int z = shown.get(p);
			for (int y = 0; y < ct.ny(); y++)
				for (int x = 0; x < w; x++) {
					if ((cp.get(p * w + x, y) & 0xffffff) != red) continue;
					outline++;
					if (nearTruth(truth, x, y, z, 4)) near++;
				}
		}
		assertTrue(outline > 0, "outlines drawn");
		assertTrue(near >= 0.6 * outline, near + " of " + outline + " outline pixels near the truth");
	}

	/**
	 * {@code --explain gradcam --uncertainty pixels}: the explanation and uncertainty maps are
	 * written on the input's grid, and the slice table carries the test-time-augmentation range.
	 */
	@Test
	void explanationAndUncertaintyFiles() throws Exception {
		Path in = Paths.get("test-images", "phantom-hemorrhage-7.nii.gz");
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		String models = org.strokej.TinyModels.dir().toString();
		int code = Main.run(new String[] { "detect", in.toString(), "--out", tmp.toString(), "--classifier", models +
			"/cnn", "--segmenter", models + "/unet", "--explain", "gradcam", "--uncertainty", "pixels" }, new PrintStream(
				out), new PrintStream(err));
		assertEquals(0, code, err.toString());
		String name = "phantom-hemorrhage-7";
		Volume ct = ImageReaders.read(in);
		for (String f : List.of(name + "_explanation.tif", name + "_uncertainty.tif")) {
			ij.ImagePlus imp = IJ.openImage(tmp.resolve(f).toString());
			assertEquals(ct.nx(), imp.getWidth(), f);
			assertEquals(ct.nz(), imp.getStackSize(), f);
			assertEquals(32, imp.getBitDepth(), f);
		}
		List<String> cls = Files.readAllLines(tmp.resolve("classification.csv"));
		assertTrue(cls.get(0).endsWith(",p_stroke_low,p_stroke_high,p_stroke_sd,unfamiliarity,confidence"), cls.get(0));
		String[] row = cls.get(1).split(",");
		double p = Double.parseDouble(row[5]), lo = Double.parseDouble(row[7]), hi = Double.parseDouble(row[8]);
		assertTrue(lo <= p + 1e-6 && p <= hi + 1e-6, cls.get(1));
		assertTrue(row[11].equals("ok") || row[11].equals("low"), cls.get(1));
		// a bad method is a usage error naming it
		assertEquals(2, Main.run(new String[] { "detect", in.toString(), "--out", tmp.toString(), "--explain", "lime" },
			new PrintStream(out), new PrintStream(err)));
		assertTrue(err.toString().contains("lime"), err.toString());
	}

	private static boolean nearTruth(Volume t, int x, int y, int z, int r) {
		for (int dy = -r; dy <= r; dy++)
			for (int dx = -r; dx <= r; dx++) {
				int xx = x + dx, yy = y + dy;
				if (xx >= 0 && yy >= 0 && xx < t.nx() && yy < t.ny() && t.get(xx, yy, z) == 1)
					return true;
			}
		return false;
	}

}
