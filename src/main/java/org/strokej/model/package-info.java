/**
 * The engine-agnostic model layer: {@link org.strokej.model.ModelSpec} (a model folder's
 * {@code model.json}), the {@link org.strokej.model.Predictor} inference interface and its
 * per-JVM cache {@link org.strokej.model.Predictors}, {@link org.strokej.model.Tiling} for
 * images of any size, and the training contract ({@link org.strokej.model.ModelTrainer},
 * {@link org.strokej.model.TrainingConfig}, {@link org.strokej.model.TrainingData},
 * {@link org.strokej.model.Augmentation}, {@link org.strokej.model.CrossValidation}).
 * Nothing here imports TensorFlow; engines register a {@link org.strokej.model.PredictorFactory}
 * through {@link java.util.ServiceLoader}. Inputs are always already preprocessed: the spec's
 * {@code preprocessing} steps are applied by the preprocessing layer, never by an engine.
 */
package org.strokej.model;
