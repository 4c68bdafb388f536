/**
 * The TensorFlow Java (1.1.0, TF 2.18 natives) engine: the only package that imports
 * {@code org.tensorflow}. {@link org.strokej.model.tf.TfPredictor} runs SavedModels,
 * {@link org.strokej.model.tf.Networks} builds the CNN and U-Net graphs,
 * {@link org.strokej.model.tf.TfTrainingGraph} adds loss and Adam,
 * {@link org.strokej.model.tf.TfTrainer} runs the training loop and
 * {@link org.strokej.model.tf.TfModels} exports inference-only SavedModels.
 */
package org.strokej.model.tf;
