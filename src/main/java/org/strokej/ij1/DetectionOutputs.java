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

/**
 * Writes a {@link DetectionResult} as the files named in DESIGN.md: {@code <name>_labels.tif}
 * (and {@code .nii.gz} for NIfTI input), {@code <name>_rois.zip}, {@code <name>_overlay.png},
 * and rows of {@code classification.csv} and {@code lesions.csv}. Every file is written
 * atomically.
 */
public final class DetectionOutputs {

	public static final String[] CLASSIFICATION_HEADER = { "image", "slice", "p_normal",
		"p_hemorrhage", "p_ischemic", "p_stroke", "prediction" };
	public static final String[] LESIONS_HEADER = { "image", "lesion_id", "class", "slice_first",
		"slice_last", "voxels", "volume_ml", "mean_hu", "abc2_ml", "hemisphere" };

	private DetectionOutputs() {}

	public static Csv classificationTable() {
		return new Csv(CLASSIFICATION_HEADER);
	}

	public static Csv lesionTable() {
		return new Csv(LESIONS_HEADER);
	}

	/** Adds one row per slice; nothing when no classifier ran. */
	public static void addClassificationRows(Csv csv, DetectionResult r) {
		if (r.sliceProbabilities() == null) return;
		for (int z = 0; z < r.sliceProbabilities().length; z++) {
			float[] p = r.sliceProbabilities()[z];
			csv.add(r.name(), z + 1, (double) p[0], (double) p[1], (double) p[2], 1.0 - p[0],
				DetectionResult.CLASSES[r.prediction(z)]);
		}
	}

	public static void addLesionRows(Csv csv, DetectionResult r) {
		boolean hu = r.input().metadata().isHU();
		for (LesionStats l : r.lesions())
			csv.add(r.name(), l.id(), l.lesionClass().displayName(), l.sliceFirst(), l.sliceLast(), l
				.voxels(), l.volumeMl(), hu ? l.meanValue() : Double.NaN, l.abc2Ml(), l.hemisphere());
	}

	/** The lesion ROIs of a result, named {@code <class>-<id>-z<slice>}. */
	public static List<Roi> rois(DetectionResult r) {
		if (r.analysis() == null) return List.of();
		return LesionRois.fromAnalysis(r.analysis(), r.input().nx(), r.input().ny(), r.input()
			.nz());
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
		Volume heat = r.lesionProbability();
		List<Integer> slices = r.labels() != null ? Overlays.slicesToShow(r.labels()) : List.of();
		Overlays.writePng(Overlays.render(r.input(), heat, rois, slices), dir.resolve(r.name() +
			"_overlay.png"));
	}
}
