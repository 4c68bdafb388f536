package org.strokej.model;

import java.util.ServiceLoader;

/** Finds the training engine on the classpath (TensorFlow's registers itself as a service). */
public final class ModelTrainers {

	private ModelTrainers() {}

	public static ModelTrainer get() {
		for (ModelTrainer t : ServiceLoader.load(ModelTrainer.class, ModelTrainers.class
			.getClassLoader()))
			return t;
		throw new IllegalStateException("no training engine on the classpath " +
			"(tensorflow-core-api and tensorflow-framework are needed)");
	}
}
