package org.strokej.model;

/**
 * Labelled training samples, already preprocessed, all of one size. A sample is an
 * {@code height × width × channels} float image (yxc) with either a class label (classifiers)
 * or a per-pixel class mask (segmenters). Samples carry a group (the patient) so that splits
 * never separate one patient's slices.
 */
public interface TrainingData {

	/** Number of samples. */
	int size();

	int height();

	int width();

	int channels();

	/** Whether samples have masks (segmentation) rather than labels. */
	boolean hasMasks();

	/** Copies sample {@code i}'s image into {@code dst} at {@code offset}. */
	void image(int i, float[] dst, int offset);

	/** Class of sample {@code i} (classification); for segmentation, the largest class in its mask. */
	int label(int i);

	/** Copies sample {@code i}'s mask ({@code height * width} class indices) into {@code dst} at {@code offset}. */
	default void mask(int i, int[] dst, int offset) {
		throw new UnsupportedOperationException("this training data has no masks");
	}

	/** Group (patient) of sample {@code i}. */
	default String group(int i) {
		return "sample-" + i;
	}

	/** A view of some samples, in the given order. */
	default TrainingData subset(int[] indices) {
		TrainingData d = this;
		int[] idx = indices.clone();
		return new TrainingData() {
			@Override public int size() { return idx.length; }
			@Override public int height() { return d.height(); }
			@Override public int width() { return d.width(); }
			@Override public int channels() { return d.channels(); }
			@Override public boolean hasMasks() { return d.hasMasks(); }
			@Override public void image(int i, float[] dst, int offset) { d.image(idx[i], dst, offset); }
			@Override public int label(int i) { return d.label(idx[i]); }
			@Override public void mask(int i, int[] dst, int offset) { d.mask(idx[i], dst, offset); }
			@Override public String group(int i) { return d.group(idx[i]); }
		};
	}

	/**
	 * In-memory classification data (arrays are not copied).
	 *
	 * @param images {@code n * h * w * c} floats
	 * @param labels {@code n} class indices
	 * @param groups {@code n} group names, or null (each sample its own group)
	 */
	static TrainingData ofLabels(float[] images, int[] labels, String[] groups, int h, int w, int c) {
		return ofArrays(images, labels, null, groups, h, w, c);
	}

	/**
	 * In-memory segmentation data (arrays are not copied).
	 *
	 * @param images {@code n * h * w * c} floats
	 * @param masks {@code n * h * w} class indices
	 * @param groups {@code n} group names, or null
	 */
	static TrainingData ofMasks(float[] images, int[] masks, String[] groups, int h, int w, int c) {
		return ofArrays(images, null, masks, groups, h, w, c);
	}

	private static TrainingData ofArrays(float[] images, int[] labels, int[] masks, String[] groups, int h, int w, int c) {
		int per = h * w * c;
		if (per <= 0 || images.length % per != 0) throw new IllegalArgumentException("images are not a whole number of " + h + "×" + w + "×" + c + " samples");
		int n = images.length / per;
		if (labels != null && labels.length != n) throw new IllegalArgumentException(n + " images but " + labels.length + " labels");
		if (masks != null && masks.length != n * h * w) throw new IllegalArgumentException("masks must hold " + n + "×" + h + "×" + w + " values");
		if (groups != null && groups.length != n) throw new IllegalArgumentException(n + " images but " + groups.length + " groups");
		return new TrainingData() {
			@Override public int size() { return n; }
			@Override public int height() { return h; }
			@Override public int width() { return w; }
			@Override public int channels() { return c; }
			@Override public boolean hasMasks() { return masks != null; }
			@Override public void image(int i, float[] dst, int offset) { System.arraycopy(images, i * per, dst, offset, per); }
			@Override public int label(int i) {
				if (labels != null) return labels[i];
				int max = 0;
				for (int p = i * h * w, e = p + h * w; p < e; p++) max = Math.max(max, masks[p]);
				return max;
			}
			@Override public void mask(int i, int[] dst, int offset) {
				if (masks == null) throw new UnsupportedOperationException("this training data has no masks");
				System.arraycopy(masks, i * h * w, dst, offset, h * w);
			}
			@Override public String group(int i) { return groups == null ? "sample-" + i : groups[i]; }
		};
	}
}
