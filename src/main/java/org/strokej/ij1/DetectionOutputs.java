package org.strokej.ij1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import org.strokej.core.io.AtomicFiles;
import org.strokej.core.io.NiftiWriter;
import org.strokej.core.io.Volume;
import org.strokej.core.postprocess.LesionStats;
import org.strokej.pipeline.Csv;
import org.strokej.pipeline.DetectionResult;
import org.strokej.pipeline.Uncertainty;

/**
 * Writes a {@link DetectionResult} as the files named in DESIGN.md: {@code <name>_labels.tif}
 * (and {@code .nii.gz} for NIfTI input), {@code <name>_rois.zip}, {@code <name>_overlay.png},
 * {@code <name>_explanation.tif} and {@code <name>_uncertainty.tif} when asked for,
 * and rows of {@code classification.csv} and {@code lesions.csv}. Every file is written
 * atomically.
 */
public final class DetectionOutputs {

	public static final String[] CLASSIFICATION_HEADER = { "image", "slice", "p_normal",
		"p_hemorrhage", "p_ischemic", "p_stroke", "prediction", "p_stroke_low", "p_stroke_high",
		"p_stroke_sd", "unfamiliarity", "confidence" };
	public static final String[] LESIONS_HEADER = { "image", "lesion_id", "class", "slice_first",
		"slice_last", "voxels", "volume_ml", "mean_hu", "abc2_ml", "hemisphere", "territory" };

	private DetectionOutputs() {}

	public static Csv classificationTable() {
		return new Csv(CLASSIFICATION_HEADER);
	}

	public static Csv lesionTable() {
		return new Csv(LESIONS_HEADER);
	}

	/**
	 * One row per slice in {@link #CLASSIFICATION_HEADER} order (none when no classifier ran);
	 * the test-time-augmentation columns are null without uncertainty.
	 */
	public static List<Object[]> classificationRows(DetectionResult r) {
		List<Object[]> rows = new java.util.ArrayList<>();
		if (r.sliceProbabilities() == null) return rows;
		for (int z = 0; z < r.sliceProbabilities().length; z++) {
			float[] p = r.sliceProbabilities()[z];
			Uncertainty.SliceInterval u = r.sliceUncertainty() == null ? null : r.sliceUncertainty()[z];
			rows.add(new Object[] { r.name(), z + 1, (double) p[0], (double) p[1], (double) p[2], 1.0 -
				p[0], DetectionResult.CLASSES[r.prediction(z)], u == null ? null : u.low(), u == null
					? null : u.high(), u == null ? null : u.sd(), u == null || Double.isNaN(u.unfamiliarity()) ? null : u
						.unfamiliarity(), u == null ? null : u.lowConfidence()
						? "low" : "ok" });
		}
		return rows;
	}

	/** One row per lesion in {@link #LESIONS_HEADER} order. */
	public static List<Object[]> lesionRows(DetectionResult r) {
		List<Object[]> rows = new java.util.ArrayList<>();
		boolean hu = r.input().metadata().isHU();
		for (LesionStats l : r.lesions())
			rows.add(new Object[] { r.name(), l.id(), l.lesionClass().displayName(), l.sliceFirst(), l
				.sliceLast(), l.voxels(), l.volumeMl(), hu ? l.meanValue() : Double.NaN, l.abc2Ml(), l
					.hemisphere(), r.territory(l) });
		return rows;
	}

	/** Adds one row per slice; nothing when no classifier ran. */
	public static void addClassificationRows(Csv csv, DetectionResult r) {
		for (Object[] row : classificationRows(r))
			csv.add(row);
	}

	public static void addLesionRows(Csv csv, DetectionResult r) {
		for (Object[] row : lesionRows(r))
			csv.add(row);
	}

	/** The lesion ROIs of a result, named {@code <class>-<id>-z<slice>}. */
	public static List<Roi> rois(DetectionResult r) {
		if (r.analysis() == null) return List.of();
		return LesionRois.fromAnalysis(r.analysis(), r.input().nx(), r.input().ny(), r.input()
			.nz());
	}

	/** A 32-bit TIFF with the map's calibration; nothing when the map is null. */
	private static void writeFloatTiff(Volume map, String title, Path tif) throws IOException {
		if (map == null) return;
		ImagePlus imp = ImagePlusAdapter.toImagePlus(map, title);
		AtomicFiles.write(tif, tmp -> {
			if (!IJ.saveAsTiff(imp, tmp.toString())) throw new IOException("cannot write " + tif);
		});
	}

	/**
	 * The midline measurement as line ROIs: {@code midline} (the ideal mid-sagittal line across the
	 * image, every slice, blue) and, when a shift was measured, {@code midline-shift-z<slice>} (from
	 * the ideal line to the septum, on its slice, magenta). Empty without a midline.
	 */
	public static List<Roi> midlineRois(DetectionResult r) {
		List<Roi> out = new java.util.ArrayList<>();
		var m = r.midline();
		if (m == null || m.idealMidline() == null) return out;
		var line = m.idealMidline();
		double t = Math.toRadians(line.angleDeg()), len = Math.hypot(r.input().nx(), r.input().ny());
		// a clockwise tilt θ turns the image's vertical (0, 1) into (−sin θ, cos θ)
		double dx = -Math.sin(t) * len, dy = Math.cos(t) * len;
		ij.gui.Line ideal = new ij.gui.Line(line.cx() - dx, line.cy() - dy, line.cx() + dx, line.cy() + dy);
		ideal.setName("midline");
		ideal.setStrokeColor(new java.awt.Color(80, 160, 255));
		out.add(ideal);
		if (m.measured() && m.septum() != null && m.midlinePoint() != null) {
			ij.gui.Line shift = new ij.gui.Line(m.midlinePoint()[0], m.midlinePoint()[1], m.septum()[0], m.septum()[1]);
			shift.setName("midline-shift-z" + (m.slice() + 1));
			shift.setPosition(m.slice() + 1);
			shift.setStrokeColor(java.awt.Color.MAGENTA);
			shift.setStrokeWidth(2);
			out.add(shift);
		}
		return out;
	}

	/**
	 * Writes the per-image files into {@code dir}.
	 *
	 * @param niftiToo also write the label image as {@code .nii.gz} with the input's geometry
	 */
	public static void writeImageFiles(DetectionResult r, Path dir, boolean niftiToo)
		throws IOException
	{
		Files.createDirectories(dir);
		List<Roi> rois = rois(r);
		if (r.labels() != null) {
			ImagePlus labels = LabelImages.toImagePlus(r.labels(), r.name() + "-labels");
			Path tif = dir.resolve(r.name() + "_labels.tif");
			AtomicFiles.write(tif, tmp -> {
				if (!IJ.saveAsTiff(labels, tmp.toString())) throw new IOException("cannot write " + tif);
			});
			if (niftiToo) NiftiWriter.write(r.labels(), dir.resolve(r.name() + "_labels.nii.gz"),
				NiftiWriter.DataKind.UINT8);
			LesionRois.writeZip(rois, dir.resolve(r.name() + "_rois.zip"));
		}
		writeFloatTiff(r.explanation(), r.name() + "-explanation", dir.resolve(r.name() + "_explanation.tif"));
		writeFloatTiff(r.lesionUncertainty(), r.name() + "-uncertainty", dir.resolve(r.name() + "_uncertainty.tif"));
		// the overlay shows the explanation when one was asked for (each slice scaled to its own
		// maximum, so every panel shows where its evidence lies), else the lesion probability
		Volume heat = r.explanation() != null ? org.strokej.pipeline.Explanations.normalizedPerSlice(r.explanation()) : r
			.lesionProbability();
		List<Integer> slices = r.labels() != null ? Overlays.slicesToShow(r.labels()) : r.explanation() != null
			? Overlays.slicesToShow(r.explanation()) : List.of();
		List<Roi> drawn = new java.util.ArrayList<>(midlineRois(r));
		drawn.addAll(rois);
		Overlays.writePng(Overlays.render(r.input(), heat, drawn, slices), dir.resolve(r.name() +
			"_overlay.png"));
	}
}
