package org.strokej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.zip.ZipFile;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokej.TinyModels;

/**
 * The detection macros in macros/ run unchanged through the runner's headless macro support,
 * with tiny models trained in the test, and write what they promise.
 */
class ShippedMacrosTest {

	private static final Path MACROS = Paths.get("macros");
	private static final Path IMAGES = Paths.get("test-images");

	@TempDir
	Path tmp;

	private static String run(String macro, String arg) throws IOException {
		return MacroCommand.runMacro(Files.readString(MACROS.resolve(macro)), arg);
	}

	private String args(String image, Path out) {
		return IMAGES.resolve(image) + "," + out + "," + TinyModels.dir();
	}

	@Test
	void detectSingleImage() throws IOException {
		Path out = tmp.resolve("out");
		assertNull(run("detect_single_image.ijm", args("phantom-hemorrhage-1.png", out)));
		ImagePlus labels = IJ.openImage(out.resolve("phantom-hemorrhage-1.png-labels.tif")
			.toString());
		assertNotNull(labels);
		assertEquals(512, labels.getWidth());
		ImagePlus heat = IJ.openImage(out.resolve("phantom-hemorrhage-1.png-heatmap.tif").toString());
		assertEquals(32, heat.getBitDepth());
		List<String> cls = Files.readAllLines(out.resolve("classification.csv"));
		assertEquals("image,slice,p_normal,p_hemorrhage,p_ischemic,p_stroke,prediction,p_stroke_low," +
			"p_stroke_high,p_stroke_sd,unfamiliarity,confidence", cls.get(0));
		assertEquals(2, cls.size(), "one row for a 2D image");
		assertTrue(Files.exists(out.resolve("phantom-hemorrhage-1.png_overlay.png")));
		assertTrue(Files.exists(out.resolve("lesions.csv")));
	}

	@Test
	void classifySlices() throws IOException {
		Path out = tmp.resolve("cls");
		assertNull(run("classify_slices.ijm", args("phantom-none-3.png", out)));
		List<String> rows = Files.readAllLines(out.resolve("classification.csv"));
		assertEquals(2, rows.size());
		String[] f = rows.get(1).split(",");
		double sum = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
		assertEquals(1, sum, 1e-3);
	}

	@Test
	void exportLesionRois() throws IOException {
		Path out = tmp.resolve("rois");
		assertNull(run("export_lesion_rois.ijm", args("phantom-ischemia-2.png", out)));
		Path zip = out.resolve("phantom-ischemia-2.png_rois.zip");
		assertTrue(Files.exists(zip));
		int entries;
		try (ZipFile z = new ZipFile(zip.toFile())) {
			entries = z.size();
			z.stream().forEach(e -> assertTrue(e.getName().matches(
				"(hemorrhage|ischemia)-\\d+-z1\\.roi"), e.getName()));
		}
		ImagePlus withRois = IJ.openImage(out.resolve("phantom-ischemia-2.png-with-rois.tif")
			.toString());
		int overlay = 0;
		if (withRois.getOverlay() != null)
			for (ij.gui.Roi r : withRois.getOverlay().toArray())
				if (r.getName().matches("(hemorrhage|ischemia)-\\d+-z1")) overlay++;
				else assertTrue(r.getName().startsWith("midline"), r.getName());
		assertEquals(entries, overlay, "the saved overlay holds the exported ROIs (and the midline)");
	}

	@Test
	void batchFolderGoesOnPastBadFilesAndResumes() throws IOException {
		Path in = Files.createDirectory(tmp.resolve("in"));
		Files.copy(IMAGES.resolve("phantom-hemorrhage-1.png"), in.resolve("a.png"));
		Files.copy(IMAGES.resolve("phantom-none-3.png"), in.resolve("b.png"));
		Files.writeString(in.resolve("c.nii"), "not a nifti file");
		Files.copy(Paths.get("src/test/resources/dicom/compressed/j2k.dcm"), in.resolve("d.dcm"));
		Path out = tmp.resolve("batch");
		String arg = in + "," + out + "," + TinyModels.dir();
		assertNull(run("batch_folder.ijm", arg));
		List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
		assertEquals(5, summary.size(), String.join("\n", summary));
		assertTrue(summary.get(1).startsWith("a,ok"), summary.get(1));
		assertTrue(summary.get(2).startsWith("b,ok"), summary.get(2));
		assertTrue(summary.get(3).startsWith("c,failed") && summary.get(3).contains("c.nii"),
			summary.get(3));
		assertTrue(summary.get(4).startsWith("d,failed") && summary.get(4).contains("compressed"),
			summary.get(4));
		assertEquals(3, Files.readAllLines(out.resolve("classification.csv")).size());
		// A second run skips the finished images and leaves their files untouched.
		long before = Files.getLastModifiedTime(out.resolve("a_result.json")).toMillis();
		assertNull(run("batch_folder.ijm", arg));
		assertEquals(before, Files.getLastModifiedTime(out.resolve("a_result.json")).toMillis());
		assertEquals(5, Files.readAllLines(out.resolve("summary.csv")).size());
		// Inputs are never modified.
		assertEquals("not a nifti file", Files.readString(in.resolve("c.nii")));
	}
}
