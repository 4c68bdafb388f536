package org.strokej.core.preprocess;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

import org.strokej.core.io.Volume;

/**
 * An ordered list of {@link PreprocessStep}s that can be written as data — a list of maps or a
 * JSON array such as {@code [{"op":"window","level":40,"width":80},{"op":"brain_mask"},…]} (see
 * {@link PreprocessSteps} for every op) — so a model spec carries it and training and inference
 * preprocess identically. Immutable; {@link #run} is thread-safe (each run has its own context).
 */
public final class PreprocessPipeline {

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

	private final List<PreprocessStep> steps;

	public PreprocessPipeline(List<PreprocessStep> steps) {
		this.steps = List.copyOf(steps);
	}

	public static PreprocessPipeline of(PreprocessStep... steps) {
		return new PreprocessPipeline(Arrays.asList(steps));
	}

	/**
	 * The default pipeline for the models: window(s) → brain mask (applied, outside = 0) → square
	 * crop around the brain with a 5 mm margin → in-plane resize to {@code size}² (linear), slices
	 * kept. Without windows, the brain window.
	 */
	public static PreprocessPipeline defaults(int size, Window... windows) {
		return of(new PreprocessSteps.WindowStep(windows.length == 0 ? List.of(Window.BRAIN) : List.of(
			windows)), new PreprocessSteps.BrainMaskStep(), new PreprocessSteps.CropStep(5, true),
			new PreprocessSteps.ResizeStep(size, size, 0, Interpolation.LINEAR));
	}

	public List<PreprocessStep> steps() { return steps; }

	// -- Description --

	/** The pipeline as data: one map per step. */
	public List<Map<String, Object>> describe() {
		List<Map<String, Object>> l = new ArrayList<>();
		for (PreprocessStep s : steps)
			l.add(s.describe());
		return l;
	}

	/** The pipeline as a JSON array. */
	public String toJson() {
		return GSON.toJson(describe());
	}

	/** Parses a list of step descriptions. */
	public static PreprocessPipeline fromMaps(List<? extends Map<String, ?>> maps) {
		List<PreprocessStep> l = new ArrayList<>();
		for (Map<String, ?> m : maps)
			l.add(PreprocessSteps.fromMap(m));
		return new PreprocessPipeline(l);
	}

	/** Parses a JSON array of step descriptions. */
	public static PreprocessPipeline fromJson(String json) {
		Type t = new TypeToken<List<Map<String, Object>>>() {}.getType();
		List<Map<String, Object>> maps;
		try {
			maps = GSON.fromJson(json, t);
		}
		catch (JsonParseException e) {
			throw new IllegalArgumentException("preprocessing is not a JSON array of steps: " + e.getMessage(), e);
		}
		if (maps == null) throw new IllegalArgumentException("preprocessing description is empty");
		return fromMaps(maps);
	}

	// -- Running --

	/** Runs every step on a volume (never modified). */
	public PreprocessResult run(Volume input) {
		PreprocessContext ctx = new PreprocessContext(input);
		Volume v = input;
		for (PreprocessStep s : steps)
			v = s.apply(v, ctx);
		return new PreprocessResult(v, ctx);
	}

	@Override
	public String toString() { return toJson(); }

	@Override
	public boolean equals(Object o) {
		return o instanceof PreprocessPipeline p && p.describe().equals(describe());
	}

	@Override
	public int hashCode() { return describe().hashCode(); }
}
