package org.strokej.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The per-JVM model cache: each model folder is loaded once and shared by all callers until
 * {@link #close(Path)} or {@link #closeAll()}. Thread-safe. Do not close a cached predictor
 * yourself; close it through this class.
 */
public final class Predictors {

	private static final Map<Path, Predictor> CACHE = new HashMap<>();

	private Predictors() {}

	/**
	 * The cached predictor for a model folder, loading it with the first registered
	 * {@link PredictorFactory} that accepts its spec.
	 */
	public static Predictor get(Path dir) throws IOException {
		return get(dir, null);
	}

	/**
	 * The cached predictor for a model folder, loading it with {@code factory} (or the registered
	 * engines when null) on first use.
	 */
	public static synchronized Predictor get(Path dir, PredictorFactory factory) throws IOException {
		Path key = key(dir);
		Predictor p = CACHE.get(key);
		if (p != null) return p;
		if (factory == null) {
			ModelSpec spec = ModelSpec.load(dir);
			for (PredictorFactory f : ServiceLoader.load(PredictorFactory.class, Predictors.class.getClassLoader())) {
				if (f.accepts(spec)) {
					factory = f;
					break;
				}
			}
			if (factory == null) throw new ModelLoadException(dir, "no inference engine on the classpath accepts this model");
		}
		p = factory.load(dir);
		CACHE.put(key, p);
		return p;
	}

	/** Whether a model folder is loaded. */
	public static synchronized boolean isLoaded(Path dir) {
		return CACHE.containsKey(key(dir));
	}

	/** Closes and forgets one model, if loaded. */
	public static synchronized void close(Path dir) {
		Predictor p = CACHE.remove(key(dir));
		if (p != null) p.close();
	}

	/** Closes and forgets every cached model. */
	public static synchronized void closeAll() {
		List<Predictor> all = new ArrayList<>(CACHE.values());
		CACHE.clear();
		for (Predictor p : all) p.close();
	}

	private static Path key(Path dir) {
		Path abs = dir.toAbsolutePath().normalize();
		try {
			return Files.exists(abs) ? abs.toRealPath() : abs;
		}
		catch (IOException e) {
			return abs;
		}
	}
}
