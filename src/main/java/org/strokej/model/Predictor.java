package org.strokej.model;

/**
 * A loaded network. Inputs are already preprocessed floats in NHWC order (channels fastest,
 * then x, then y, then sample). Implementations are thread-safe for {@link #predict}.
 */
public interface Predictor extends AutoCloseable {

	/** The model's spec. */
	ModelSpec spec();

	/**
	 * Runs the network.
	 *
	 * @param batch {@code n * h * w * c} floats, NHWC
	 * @return probabilities: {@code n * classes} for classifiers (any {@code h, w} are resized to
	 *         the spec's input size), {@code n * h * w * classes} for segmenters (any {@code h, w};
	 *         large images are tiled)
	 * @throws IllegalArgumentException if the sizes do not fit {@code batch} or {@code c} is not
	 *           the spec's channel count
	 * @throws IllegalStateException if closed
	 */
	float[] predict(float[] batch, int n, int h, int w, int c);

	/** Whether {@link #gradCam} works for this model (StrokeJ-built CNN classifiers). */
	default boolean supportsGradCam() {
		return false;
	}

	/**
	 * Grad-CAM maps of the stroke log-odds ({@code log(p_hemorrhagic + p_ischemic) −
	 * log(p_normal)}) on the classifier's last feature map, upsampled to the model's input size.
	 *
	 * @param batch {@code n * H * W * c} floats at the spec's input size, NHWC
	 * @return {@code n * H * W} non-negative values (row-major per sample)
	 * @throws UnsupportedOperationException when {@link #supportsGradCam()} is false
	 */
	default float[] gradCam(float[] batch, int n) {
		throw new UnsupportedOperationException(spec().name() + ": Grad-CAM needs a CNN built by StrokeJ; use occlusion");
	}

	/**
	 * The pooled feature vector the classifier's last (dense) layer reads, per sample: for telling
	 * inputs like the training data from unfamiliar ones.
	 *
	 * @return {@code n * m} values, m fixed per model
	 * @throws UnsupportedOperationException when {@link #supportsGradCam()} is false
	 */
	default float[] pooledFeatures(float[] batch, int n) {
		throw new UnsupportedOperationException(spec().name() + ": feature access needs a CNN built by StrokeJ");
	}

	/** Releases native resources; later calls to {@link #predict} fail. Idempotent. */
	@Override
	void close();
}
