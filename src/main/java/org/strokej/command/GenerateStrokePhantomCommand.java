package org.strokej.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.LesionKind;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.ij1.ImagePlusAdapter;
import org.strokej.ij1.LabelImages;

/**
 * {@code Plugins > StrokeJ > Generate Stroke Phantom}: a synthetic head CT with known lesions
 * ({@link PhantomGenerator}). Outputs the HU image {@code phantom-<seed>}, its label image
 * {@code phantom-<seed>-labels} (0 background, 1 hemorrhage, 2 ischemia) and a lesion table.
 * Macro keys: {@code kind seed size slices spacing_mm slice_mm lesions noise_hu midline_shift_mm}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Generate Stroke Phantom")
public class GenerateStrokePhantomCommand extends ContextCommand {

	@Parameter(label = "Lesions", choices = { "none", "hemorrhage", "ischemia", "mixed",
		"random" })
	private String kind = "hemorrhage";

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Width and height (pixels)", min = "16")
	private int size = 256;

	@Parameter(label = "Slices (1 = 2D)", min = "1")
	private int slices = 1;

	@Parameter(label = "Pixel size (mm, 0 = 230 mm / size)", min = "0")
	private double spacing_mm = 0;

	@Parameter(label = "Slice thickness (mm)", min = "0")
	private double slice_mm = 5;

	@Parameter(label = "Number of lesions", min = "0", max = "20")
	private int lesions = 2;

	@Parameter(label = "Noise (HU, standard deviation)", min = "0")
	private double noise_hu = 4;

	@Parameter(label = "Midline shift (mm, + = towards patient's left)")
	private double midline_shift_mm = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus phantom;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable lesion_table;

	@Override
	public void run() {
		PhantomSettings settings;
		try {
			settings = settings(kind, seed, size, slices, spacing_mm, slice_mm, lesions, noise_hu,
				midline_shift_mm);
		}
		catch (IllegalArgumentException e) {
			cancel(e.getMessage());
			return;
		}
		Phantom p = PhantomGenerator.generate(settings);
		String title = "phantom-" + seed;
		phantom = ImagePlusAdapter.toImagePlus(p.hu(), title);
		labels = LabelImages.toImagePlus(p.labels(), title + "-labels");
		lesion_table = lesionTable(p);
	}

	/**
	 * The generator settings these parameters stand for (the command's own mapping, public so the
	 * runner and tests use the same one).
	 *
	 * @throws IllegalArgumentException for an unknown kind or settings out of range
	 */
	public static PhantomSettings settings(String kind, long seed, int size, int slices,
		double spacingMm, double sliceMm, int lesions, double noiseHu, double midlineShiftMm)
	{
		if (!(spacingMm >= 0)) throw new IllegalArgumentException(
			"pixel size must be >= 0 mm (0 = automatic): " + spacingMm);
		double sxy = spacingMm > 0 ? spacingMm : Double.NaN;
		return PhantomSettings.builder().size(size, size, slices).spacing(sxy, sxy, sliceMm).seed(
			seed).lesions(kindOf(kind), lesions).noiseSigmaHu(noiseHu).midlineShiftMm(
				midlineShiftMm).build();
	}

	/** The lesion kind named {@code none}, {@code hemorrhage}, ... (case-insensitive). */
	public static LesionKind kindOf(String name) {
		for (LesionKind k : LesionKind.values())
			if (k.name().equalsIgnoreCase(name == null ? "" : name.trim())) return k;
		throw new IllegalArgumentException("kind must be none, hemorrhage, ischemia, mixed or " +
			"random, not '" + name + "'");
	}

	/** Class name of a label value: "hemorrhage" or "ischemia". */
	public static String className(int labelClass) {
		return labelClass == Lesion.HEMORRHAGE ? "hemorrhage" : "ischemia";
	}

	/** One row per lesion: lesion_id, class, subtype, voxels, volume_ml, hemisphere. */
	public static ResultsTable lesionTable(Phantom p) {
		ResultsTable rt = new ResultsTable();
		rt.setPrecision(4);
		for (Lesion l : p.lesions()) {
			rt.incrementCounter();
			rt.addValue("lesion_id", l.id());
			rt.addValue("class", className(l.labelClass()));
			rt.addValue("subtype", l.subtype());
			rt.addValue("voxels", l.voxels());
			rt.addValue("volume_ml", l.volumeMl());
			rt.addValue("hemisphere", l.hemisphere());
		}
		return rt;
	}
}
