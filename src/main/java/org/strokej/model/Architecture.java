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
 */
public record Architecture(String type, List<Integer> filters, String normalization, String upsampling) {

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
