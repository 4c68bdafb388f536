package org.strokej.ij1;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.strokej.core.io.AtomicFiles;
import org.strokej.core.postprocess.LesionStats;
import org.strokej.core.postprocess.Lesions;

/**
 * Lesion outlines as ImageJ ROIs: one ROI per lesion and slice, named
 * {@code <class>-<id>-z<slice>} (e.g. {@code hemorrhage-1-z7}), traced by ImageJ's
 * {@link ThresholdToSelection}, positioned on its slice and coloured by class; written as an
 * ImageJ ROI set ({@code .zip}, readable by the ROI Manager) and as an {@link Overlay}.
 */
public final class LesionRois {

	private LesionRois() {}

	public static List<Roi> fromAnalysis(Lesions.Analysis a, int nx, int ny, int nz) {
		List<Roi> rois = new ArrayList<>();
		int[] ids = a.componentIds();
		for (LesionStats l : a.lesions()) {
			for (int z = l.sliceFirst() - 1; z < l.sliceLast(); z++) {
				ByteProcessor mask = new ByteProcessor(nx, ny);
				byte[] px = (byte[]) mask.getPixels();
				int off = z * nx * ny;
				boolean any = false;
				for (int i = 0; i < nx * ny; i++)
					if (ids[off + i] == l.id()) {
						px[i] = (byte) 255;
						any = true;
					}
				if (!any) continue;
				mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
				Roi roi = new ThresholdToSelection().convert(mask);
				if (roi == null) continue;
				roi.setName(l.name() + "-z" + (z + 1));
				if (nz > 1) roi.setPosition(z + 1);
				roi.setStrokeColor(LabelImages.colour(l.lesionClass().label()));
				rois.add(roi);
			}
		}
		return rois;
	}

	public static Overlay overlay(List<Roi> rois) {
		Overlay o = new Overlay();
		for (Roi r : rois)
			o.add((Roi) r.clone());
		return o;
	}

	/** Writes an ImageJ ROI set (zip of .roi files) atomically. */
	public static void writeZip(List<Roi> rois, Path zip) throws IOException {
		AtomicFiles.write(zip, tmp -> {
			try (OutputStream os = Files.newOutputStream(tmp);
				ZipOutputStream zos = new ZipOutputStream(os))
			{
				for (Roi r : rois) {
					zos.putNextEntry(new ZipEntry(r.getName() + ".roi"));
					zos.write(RoiEncoder.saveAsByteArray(r));
					zos.closeEntry();
				}
			}
		});
	}
}
