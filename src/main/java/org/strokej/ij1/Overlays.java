package org.strokej.ij1;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import org.strokej.core.io.AtomicFiles;
import org.strokej.core.io.Volume;

/**
 * Pictures for a person to check: slices of the input in a brain window, with a heat map blended
 * in and lesion outlines drawn on top, side by side in one RGB image.
 */
public final class Overlays {

	/** Most slices shown side by side. */
	public static final int MAX_PANELS = 6;

	private Overlays() {}

	/**
	 * @param image input (HU are shown in the brain window W80/L40; other values min–max)
	 * @param heat heat map in [0, 1] of the same size, or null
	 * @param rois lesion outlines (positions 1-based slices; 0 = every slice)
	 * @param slices 0-based slices to show; empty = the middle slice
	 */
	public static ColorProcessor render(Volume image, Volume heat, List<Roi> rois,
		List<Integer> slices)
	{
		List<Integer> show = new ArrayList<>(slices.isEmpty() ? List.of(image.nz() / 2) : slices);
		if (show.size() > MAX_PANELS) show = show.subList(0, MAX_PANELS);
		int w = image.nx(), h = image.ny();
		ColorProcessor out = new ColorProcessor(w * show.size(), h);
		double lo, hi;
		if (image.metadata().isHU()) {
			lo = 0;
			hi = 80;
		}
		else {
			float[] r = image.range();
			lo = r[0];
			hi = r[1] > r[0] ? r[1] : r[0] + 1;
		}
		for (int p = 0; p < show.size(); p++) {
			int z = show.get(p);
			int[] px = new int[w * h];
			int off = z * w * h;
			for (int i = 0; i < w * h; i++) {
				double g = (image.data()[off + i] - lo) / (hi - lo);
				g = Math.max(0, Math.min(1, Double.isNaN(g) ? 0 : g));
				double r = g, gr = g, b = g;
				if (heat != null) {
					double t = Math.max(0, Math.min(1, heat.data()[off + i]));
					if (t > 0.05) {
						double alpha = 0.5 * t;
						Color c = heatColour(t);
						r = (1 - alpha) * r + alpha * c.getRed() / 255.0;
						gr = (1 - alpha) * gr + alpha * c.getGreen() / 255.0;
						b = (1 - alpha) * b + alpha * c.getBlue() / 255.0;
					}
				}
				px[i] = ((int) (r * 255) << 16) | ((int) (gr * 255) << 8) | (int) (b * 255);
			}
			ColorProcessor panel = new ColorProcessor(w, h, px);
			panel.setLineWidth(Math.max(1, w / 256));
			for (Roi roi : rois) {
				if (roi.getPosition() != 0 && roi.getPosition() != z + 1) continue;
				panel.setColor(roi.getStrokeColor() == null ? Color.YELLOW : roi.getStrokeColor());
				roi.drawPixels(panel);
			}
			out.insert(panel, p * w, 0);
		}
		return out;
	}

	/**
	 * A heat map as semi-transparent overlay images on the input, one {@link ImageRoi} per slice
	 * that has any heat ≥ 0.05 (positioned on that slice, so it follows the stack): colour by
	 * {@link #heatColour}, opacity growing with the value up to {@code maxOpacity}; cold pixels are
	 * fully transparent.
	 *
	 * @param heat values in [0, 1] on the input's grid
	 */
	public static List<Roi> heatRois(Volume heat, double maxOpacity) {
		List<Roi> out = new ArrayList<>();
		int w = heat.nx(), h = heat.ny(), n = w * h;
		for (int z = 0; z < heat.nz(); z++) {
			int[] argb = new int[n];
			boolean any = false;
			for (int i = 0; i < n; i++) {
				double t = Math.max(0, Math.min(1, heat.data()[z * n + i]));
				if (!(t >= 0.05)) continue;
				any = true;
				Color c = heatColour(t);
				int a = (int) Math.round(255 * maxOpacity * t);
				argb[i] = (a << 24) | (c.getRed() << 16) | (c.getGreen() << 8) | c.getBlue();
			}
			if (!any) continue;
			java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(w, h,
				java.awt.image.BufferedImage.TYPE_INT_ARGB);
			bi.setRGB(0, 0, w, h, argb, 0, w);
			ij.gui.ImageRoi roi = new ij.gui.ImageRoi(0, 0, bi);
			roi.setName("heat-z" + (z + 1));
			roi.setPosition(z + 1);
			roi.setZeroTransparent(true);
			out.add(roi);
		}
		return out;
	}

	/** The slices worth showing: those with the most lesion area, else the middle one. */
	public static List<Integer> slicesToShow(Volume labels) {
		int n = labels.sliceSize();
		List<int[]> areas = new ArrayList<>();
		for (int z = 0; z < labels.nz(); z++) {
			int a = 0;
			for (int i = 0; i < n; i++)
				if (labels.data()[z * n + i] > 0) a++;
			if (a > 0) areas.add(new int[] { z, a });
		}
		if (areas.isEmpty()) return List.of(labels.nz() / 2);
		areas.sort((x, y) -> y[1] - x[1]);
		List<Integer> zs = new ArrayList<>();
		for (int i = 0; i < Math.min(MAX_PANELS, areas.size()); i++)
			zs.add(areas.get(i)[0]);
		zs.sort(null);
		return zs;
	}

	/** Blue → cyan → yellow → red. */
	static Color heatColour(double t) {
		float hue = (float) (0.66 * (1 - t));
		return Color.getHSBColor(hue, 1f, 1f);
	}

	public static void writePng(ColorProcessor cp, Path png) throws IOException {
		AtomicFiles.write(png, tmp -> {
			if (!new FileSaver(new ImagePlus("overlay", cp)).saveAsPng(tmp.toString()))
				throw new IOException("cannot write " + png);
		});
	}
}
