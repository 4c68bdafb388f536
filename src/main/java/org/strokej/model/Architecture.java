package org.strokej.model;

import java.util.List;
import java.util.Objects;

/**
 * Engine-agnostic description of a network built by StrokeJ, stored as {@code architecture} in
 * {@code model.json} so that a model can be rebuilt for fine-tuning.
 *
 * @param type {@link #CNN} (slice classifier) or {@link #UNET} (segmenter)
 * @param filters filters per level: one conv block per entry for the CNN; for the U-Net the
 *          encoder levels, the last entry being the bottleneck (so {@code filters.size() - 1}
 *          poolings)
 * @param normalization {@code "none"} (He initialisation, no normalisation layers: keeps the
 *          networks local, so tiled and untiled predictions agree) — the only value supported
 * @param upsampling U-Net upsampling: {@code "nearest_conv"} (nearest-neighbour ×2 then 3×3 conv)
 * @param convs CNN: 3×3 convolutions per block before its pooling (default 1)
 * @param head CNN: global pooling before the dense layer: {@code "avg"} (mean over the last
 *          feature map; the default) or {@code "avgmax"} (mean and maximum concatenated, so one
 *          small lesion is not averaged away by a large normal brain)
 */
public record Architecture(String type, List<Integer> filters, String normalization, String upsampling,
	int convs, String head)
{

	/** CNN head: global average pooling. */
	public static final String HEAD_AVG = "avg";

	/** CNN head: global average and global max pooling, concatenated. */
	public static final String HEAD_AVGMAX = "avgmax";

	/** Compact CNN slice classifier. */
	public static final String CNN = "cnn";

	/** U-Net segmenter. */
	public static final String UNET = "unet";

	public Architecture {
		Objects.requireNonNull(type, "type");
		if (!CNN.equals(type) && !UNET.equals(type))
			throw new IllegalArgumentException("architecture.type must be \"cnn\" or \"unet\", not \"" + type + "\"");
		if (filters == null || filters.isEmpty())
			throw new IllegalArgumentException("architecture.filters must not be empty");
		for (Integer f : filters)
			if (f == null || f < 1) throw new IllegalArgumentException("architecture.filters must be positive: " + filters);
		if (UNET.equals(type) && filters.size() < 2)
			throw new IllegalArgumentException("architecture.filters needs at least 2 levels for a U-Net");
		filters = List.copyOf(filters);
		if (normalization == null) normalization = "none";
		if (!"none".equals(normalization))
			throw new IllegalArgumentException("architecture.normalization \"" + normalization + "\" is not supported (only \"none\")");
		if (upsampling == null) upsampling = "nearest_conv";
		if (!"nearest_conv".equals(upsampling))
			throw new IllegalArgumentException("architecture.upsampling \"" + upsampling + "\" is not supported (only \"nearest_conv\")");
		if (convs == 0) convs = 1;
		if (convs < 1 || convs > 4) throw new IllegalArgumentException("architecture.convs must be 1 to 4, not " + convs);
		if (head == null) head = HEAD_AVG;
		if (!HEAD_AVG.equals(head) && !HEAD_AVGMAX.equals(head))
			throw new IllegalArgumentException("architecture.head must be \"avg\" or \"avgmax\", not \"" + head + "\"");
	}

	/** The historical four-field form: one conv per CNN block, average-pooling head. */
	public Architecture(String type, List<Integer> filters, String normalization, String upsampling) {
		this(type, filters, normalization, upsampling, 1, HEAD_AVG);
	}

	/** This CNN with {@code convs} convolutions per block and the given head. */
	public Architecture withCnnBlocks(int convs, String head) {
		return new Architecture(type, filters, normalization, upsampling, convs, head);
	}

	/** Width of the pooled feature vector the CNN's dense layer reads. */
	public int pooledFeatures() {
		int last = filters.get(filters.size() - 1);
		return HEAD_AVGMAX.equals(head) ? 2 * last : last;
	}

	/** A CNN with the given filters per conv block (e.g. 16, 32, 64, 96). */
	public static Architecture cnn(Integer... filters) {
		return new Architecture(CNN, List.of(filters), "none", "nearest_conv");
	}

	/** A U-Net with the given filters per level (e.g. 16, 32, 64, 128: three poolings). */
	public static Architecture unet(Integer... filters) {
		return new Architecture(UNET, List.of(filters), "none", "nearest_conv");
	}

	/** Number of 2× poolings. */
	public int poolings() {
		return CNN.equals(type) ? filters.size() : filters.size() - 1;
	}

	/** The smallest size multiple the network accepts without padding: {@code 2^poolings}. */
	public int blockMultiple() {
		return 1 << poolings();
	}
}
