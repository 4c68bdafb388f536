package org.strokej.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.strokej.core.io.Volume;
import org.strokej.core.preprocess.PreprocessPipeline;
import org.strokej.core.preprocess.PreprocessResult;
import org.strokej.ij1.ImagePlusAdapter;

/**
 * {@code Plugins > StrokeJ > Preprocess Head CT}: runs a {@link PreprocessPipeline} built from the
 * chosen steps on the input (never modified). The steps run in a fixed order: denoise (on HU),
 * window, brain mask (skull stripping, outside set to 0), midline alignment, crop to the brain,
 * resize, normalise, equalise. Outputs {@code <title>-preprocessed} (32-bit, calibrated in mm) and,
 * with {@code brain_mask}, {@code <title>-brainmask} (8-bit, 0/255). Headless-safe. Macro keys:
 * {@code input window brain_mask crop normalize equalize resize align_midline denoise}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>StrokeJ>Preprocess Head CT")
public class PreprocessHeadCtCommand extends ContextCommand {

	@Parameter(label = "Input image")
	private ImagePlus input;

	@Parameter(label = "HU window", choices = { "none", "brain", "stroke", "subdural", "bone" })
	private String window = "brain";

	@Parameter(label = "Skull stripping (brain mask)")
	private boolean brain_mask = false;

	@Parameter(label = "Crop to the brain (needs the brain mask)")
	private boolean crop = false;

	@Parameter(label = "Normalise", choices = { "none", "percentile", "zscore" })
	private String normalize = "none";

	@Parameter(label = "Equalise", choices = { "none", "global", "clahe" })
	private String equalize = "none";

	@Parameter(label = "Resize to (pixels, 0 = keep)", min = "0")
	private int resize = 0;

	@Parameter(label = "Align the midline")
	private boolean align_midline = false;

	@Parameter(label = "Denoise", choices = { "none", "gaussian", "median" })
	private String denoise = "none";

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus output;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus mask;

	@Override
	public void run() {
		if (input == null) {
			cancel("no input image");
			return;
		}
		PreprocessResult r;
		try {
			PreprocessPipeline pipeline = pipeline(window, brain_mask, crop, normalize, equalize,
				resize, align_midline, denoise);
			r = pipeline.run(ImagePlusAdapter.toVolume(input));
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			cancel(e.getMessage());
			return;
		}
		String title = baseTitle(input.getTitle());
		output = ImagePlusAdapter.toImagePlus(r.volume(), title + "-preprocessed");
		mask = r.mask() == null ? null : maskImage(r.mask(), title + "-brainmask");
	}

	/**
	 * The pipeline these parameters stand for, in the command's fixed step order.
	 *
	 * @throws IllegalArgumentException for an unknown choice or a negative size
	 */
	public static PreprocessPipeline pipeline(String window, boolean brainMask, boolean crop,
		String normalize, String equalize, int resize, boolean alignMidline, String denoise)
	{
		if (resize < 0) throw new IllegalArgumentException("resize must be >= 0: " + resize);
		List<Map<String, Object>> steps = new ArrayList<>();
		switch (choice("denoise", denoise, "none", "gaussian", "median")) {
			case "gaussian": steps.add(step("gaussian", "sigma_mm", 1.0)); break;
			case "median": steps.add(step("median", "radius", 1.0)); break;
			default: break;
		}
		String w = choice("window", window, "none", "brain", "stroke", "subdural", "bone");
		if (!w.equals("none")) steps.add(step("window", "preset", w));
		if (brainMask) steps.add(step("brain_mask"));
		if (alignMidline) steps.add(step("align_midline"));
		if (crop) steps.add(step("crop"));
		if (resize > 0) steps.add(step("resize", "width", resize, "height", resize));
		String n = choice("normalize", normalize, "none", "percentile", "zscore");
		if (!n.equals("none")) steps.add(step("normalize", "method", n));
		String e = choice("equalize", equalize, "none", "global", "clahe");
		if (!e.equals("none")) steps.add(step("equalize", "method", e));
		return PreprocessPipeline.fromMaps(steps);
	}

	// -- Helpers --

	private static String choice(String key, String value, String... allowed) {
		String v = value == null ? "none" : value.trim().toLowerCase();
		for (String a : allowed)
			if (a.equals(v)) return v;
		throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) +
			", not '" + value + "'");
	}

	private static Map<String, Object> step(String op, Object... keyValues) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("op", op);
		for (int i = 0; i < keyValues.length; i += 2)
			m.put((String) keyValues[i], keyValues[i + 1]);
		return m;
	}

	private static String baseTitle(String title) {
		return title == null || title.isBlank() ? "image" : title.replaceAll(
			"(?i)(\\.nii\\.gz|\\.nii|\\.dcm|\\.tiff?|\\.png|\\.jpe?g)$", "");
	}

	/** An 8-bit 0/255 mask image calibrated like the volume. */
	static ImagePlus maskImage(Volume m, String title) {
		ImageStack stack = new ImageStack(m.nx(), m.ny());
		int n = m.sliceSize();
		float[] d = m.data();
		for (int z = 0; z < m.nz(); z++) {
			byte[] px = new byte[n];
			for (int i = 0; i < n; i++)
				px[i] = d[z * n + i] > 0.5f ? (byte) 255 : 0;
			stack.addSlice("z" + (z + 1), new ByteProcessor(m.nx(), m.ny(), px));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		ImagePlusAdapter.calibrate(imp, m.spacing());
		return imp;
	}
}
