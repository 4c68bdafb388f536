package org.strokej.model;

/**
 * Immutable training settings.
 *
 * @param epochs maximum epochs
 * @param batchSize samples per step
 * @param learningRate initial Adam learning rate
 * @param schedule how the learning rate changes per epoch
 * @param seed seed for weight initialisation, shuffling, dropout and augmentation
 * @param dropout dropout rate (0 = none) before the classifier head / at the U-Net bottleneck
 * @param patience early stopping: stop after this many epochs without a better validation loss
 *          (0 = never stop early); the best weights are kept either way
 * @param validationFraction fraction of the groups (patients) held out for validation when no
 *          explicit validation set is given (0 = no validation)
 * @param augmentation augmentation of training batches
 * @param classWeights per-class loss weights (classifier cross-entropy), or null for equal weights
 * @param diceWeight weight of the soft Dice loss added to the U-Net's cross-entropy
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, Schedule schedule, long seed,
	double dropout, int patience, double validationFraction, Augmentation.Settings augmentation,
	float[] classWeights, double diceWeight)
{

	/** Learning-rate schedule. */
	public enum Schedule {
		/** Constant rate. */
		CONSTANT,
		/** Cosine decay from the initial rate to 5 % of it over all epochs. */
		COSINE,
		/** Halve the rate every quarter of the epochs. */
		STEP
	}

	public TrainingConfig {
		if (epochs < 1) throw new IllegalArgumentException("epochs must be positive: " + epochs);
		if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
		if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive: " + learningRate);
		if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
		if (patience < 0) throw new IllegalArgumentException("patience must not be negative: " + patience);
		if (!(validationFraction >= 0 && validationFraction < 1))
			throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validationFraction);
		if (!(diceWeight >= 0)) throw new IllegalArgumentException("dice weight must not be negative: " + diceWeight);
		if (schedule == null) schedule = Schedule.CONSTANT;
		if (augmentation == null) augmentation = Augmentation.Settings.none();
		classWeights = classWeights == null ? null : classWeights.clone();
	}

	/** 30 epochs, batch 16, lr 1e-3 cosine, seed 1, dropout 0.3, patience 8, 20 % validation, default augmentation, Dice weight 1. */
	public static TrainingConfig defaults() {
		return new TrainingConfig(30, 16, 1e-3, Schedule.COSINE, 1, 0.3, 8, 0.2, Augmentation.Settings.defaults(), null, 1);
	}

	@Override
	public float[] classWeights() { return classWeights == null ? null : classWeights.clone(); }

	public TrainingConfig withEpochs(int e) {
		return new TrainingConfig(e, batchSize, learningRate, schedule, seed, dropout, patience, validationFraction, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withBatchSize(int b) {
		return new TrainingConfig(epochs, b, learningRate, schedule, seed, dropout, patience, validationFraction, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withLearningRate(double lr, Schedule s) {
		return new TrainingConfig(epochs, batchSize, lr, s, seed, dropout, patience, validationFraction, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withSeed(long s) {
		return new TrainingConfig(epochs, batchSize, learningRate, schedule, s, dropout, patience, validationFraction, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withDropout(double d) {
		return new TrainingConfig(epochs, batchSize, learningRate, schedule, seed, d, patience, validationFraction, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withPatience(int p) {
		return new TrainingConfig(epochs, batchSize, learningRate, schedule, seed, dropout, p, validationFraction, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withValidationFraction(double f) {
		return new TrainingConfig(epochs, batchSize, learningRate, schedule, seed, dropout, patience, f, augmentation, classWeights, diceWeight);
	}

	public TrainingConfig withAugmentation(Augmentation.Settings a) {
		return new TrainingConfig(epochs, batchSize, learningRate, schedule, seed, dropout, patience, validationFraction, a, classWeights, diceWeight);
	}

	public TrainingConfig withClassWeights(float[] w) {
		return new TrainingConfig(epochs, batchSize, learningRate, schedule, seed, dropout, patience, validationFraction, augmentation, w, diceWeight);
	}

	/** The learning rate for a 0-based epoch under the schedule. */
	public double learningRate(int epoch) {
		return switch (schedule) {
			case CONSTANT -> learningRate;
			case COSINE -> {
				double t = epochs <= 1 ? 0 : (double) epoch / (epochs - 1);
				yield learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * t)));
			}
			case STEP -> learningRate * Math.pow(0.5, Math.floor(epoch / Math.max(1.0, epochs / 4.0)));
		};
	}
}
