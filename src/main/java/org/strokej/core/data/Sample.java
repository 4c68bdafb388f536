package org.strokej.core.data;

import java.util.Objects;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.Volume;

/**
 * One labelled 2D slice of a training/evaluation data set.
 * <p>
 * Pixels are kept as 8-bit ({@code byte[]}, 0–255) to keep a whole data set small in memory;
 * {@link #image()} and {@link #mask()} return float {@link Volume}s on demand (a new copy per
 * call).
 *
 * @param id unique id within the data set, e.g. {@code ctich-49-12}
 * @param group the patient/volume the slice belongs to (split unit), e.g. {@code ctich-49}
 * @param label slice label: {@link #NORMAL}, {@link #HEMORRHAGE} or {@link #ISCHEMIA}
 * @param dataset source data set name, e.g. {@code ct-ich}
 * @param sliceNumber slice number within its group (1-based as in the source), or -1
 * @param width image width in pixels
 * @param height image height in pixels
 * @param pixels grey values, x fastest, unsigned bytes
 * @param maskLabels per-pixel lesion labels (0 background, 1 hemorrhage, 2 ischemia), or null
 *          when the slice has no mask (unknown, not "no lesion")
 * @param metadata metadata of the image: format, value unit and, in {@code extra}, facts such as
 *          {@code windowed}, {@code contrast}, subtype flags and source file
 */
public record Sample(String id, String group, int label, String dataset, int sliceNumber,
	int width, int height, byte[] pixels, byte[] maskLabels, ImageMetadata metadata)
{
	/** Slice label of a normal slice. */
	public static final int NORMAL = 0;
	/** Slice label (and mask label) of hemorrhage. */
	public static final int HEMORRHAGE = 1;
	/** Slice label (and mask label) of ischemia. */
	public static final int ISCHEMIA = 2;

	public Sample {
		Objects.requireNonNull(id);
		Objects.requireNonNull(group);
		Objects.requireNonNull(dataset);
		Objects.requireNonNull(pixels);
		Objects.requireNonNull(metadata);
		if (label < 0 || label > 2) throw new IllegalArgumentException("label must be 0, 1 or 2: " +
			label);
		if ((long) width * height != pixels.length) throw new IllegalArgumentException(
			"pixels length " + pixels.length + " != " + width + "x" + height);
		if (maskLabels != null && maskLabels.length != pixels.length)
			throw new IllegalArgumentException("mask length " + maskLabels.length + " != " +
				pixels.length);
	}

	/** The image as a 2D volume of floats 0–255 (unit spacing). */
	public Volume image() {
		return Volume.of(toFloats(pixels), width, height, 1, new double[] { 1, 1, 1 }, metadata);
	}

	/** The lesion mask as a 2D volume of labels 0/1/2, or null when there is none. */
	public Volume mask() {
		if (maskLabels == null) return null;
		return Volume.of(toFloats(maskLabels), width, height, 1, new double[] { 1, 1, 1 },
			new ImageMetadata("", "label", org.strokej.core.io.ValueUnit.ARBITRARY, metadata
				.source()));
	}

	public boolean hasMask() { return maskLabels != null; }

	/** Pixels of the mask with the given label (0 when there is no mask). */
	public int maskCount(int cls) {
		if (maskLabels == null) return 0;
		int n = 0;
		for (byte b : maskLabels)
			if (b == cls) n++;
		return n;
	}

	/** Grey value at (x, y), 0–255. */
	public int get(int x, int y) {
		return pixels[y * width + x] & 0xff;
	}

	private static float[] toFloats(byte[] b) {
		float[] f = new float[b.length];
		for (int i = 0; i < b.length; i++)
			f[i] = b[i] & 0xff;
		return f;
	}

	@Override
	public String toString() {
		return "Sample[" + id + ", group " + group + ", label " + label + ", " + width + "x" +
			height + (maskLabels == null ? "" : ", mask") + ", " + dataset + "]";
	}
}
