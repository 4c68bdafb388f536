package org.strokej.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;

/** {@code info <image>}: the facts about an image as JSON on stdout. */
final class InfoCommand {

	private InfoCommand() {}

	static int run(List<String> args, PrintStream out) throws Exception {
		String series = Main.option(args, "--series");
		if (args.size() != 1) throw new Main.UsageException("usage: info <image> [--series UID]");
		Path p = Paths.get(args.get(0));
		Volume v = ImageReaders.read(p, series);
		out.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
			.create().toJson(facts(v)));
		return 0;
	}

	/** The JSON object printed by {@code info}. */
	static Map<String, Object> facts(Volume v) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("file", v.metadata().source());
		m.put("format", v.metadata().format());
		m.put("dims", v.dims());
		m.put("spacing_mm", v.spacing());
		float[] r = v.range();
		m.put("min", r[0]);
		m.put("max", r[1]);
		m.put("unit", v.metadata().valueUnit().label());
		m.put("modality", v.metadata().modality());
		m.put("orientation", v.metadata().orientation());
		m.put("voxel_volume_ml", v.voxelVolumeMl());
		if (!v.metadata().extra().isEmpty()) m.put("metadata", v.metadata().extra());
		return m;
	}
}
