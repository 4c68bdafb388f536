package org.strokej.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.strokej.core.io.Folders;
import org.strokej.model.ModelSpec;

/**
 * Finds the default models that ship with StrokeJ. Looked up, in order: the folder named by the
 * system property {@code strokej.models} or the environment variable {@code STROKEJ_MODELS};
 * {@code models/} beside the jar's folder (a source checkout running
 * {@code target/strokej.jar}) or in the working directory; else the copy packed inside the
 * plugin jar (as in Fiji), unpacked once into {@code ~/.cache/strokej/models/<version>}.
 */
public final class BundledModels {

	/** Folder name of the default slice classifier. */
	public static final String CLASSIFIER = "strokej-cnn";
	/** Folder name of the default lesion segmenter. */
	public static final String SEGMENTER = "strokej-unet";
	/** Where models live inside the jar. */
	static final String JAR_PREFIX = "strokej-models/";

	private BundledModels() {}

	public static Path classifier() throws IOException {
		return find(CLASSIFIER);
	}

	public static Path segmenter() throws IOException {
		return find(SEGMENTER);
	}

	/** The folder of a bundled model by name, or an IOException saying where it looked. */
	public static synchronized Path find(String name) throws IOException {
		String prop = System.getProperty("strokej.models", System.getenv("STROKEJ_MODELS"));
		if (prop != null && !prop.isEmpty()) {
			Path p = Paths.get(prop).resolve(name);
			if (isModel(p)) return p;
			throw new IOException(p + ": no model " + name + " there (strokej.models/STROKEJ_MODELS)");
		}
		Path jar = jarPath();
		if (jar != null && jar.getParent() != null && jar.getParent().getParent() != null) {
			Path p = jar.getParent().getParent().resolve("models").resolve(name);
			if (isModel(p)) return p;
		}
		Path cwd = Paths.get("models", name);
		if (isModel(cwd)) return cwd.toAbsolutePath();
		if (jar != null && Files.isRegularFile(jar)) {
			Path p = unpack(jar, name);
			if (p != null) return p;
		}
		throw new IOException("bundled model " + name + " not found: give a model folder " +
			"(runner: --classifier/--segmenter; commands: model_dir) or set -Dstrokej.models=" +
			"<folder holding " + name + ">");
	}

	static boolean isModel(Path dir) {
		return Files.isRegularFile(dir.resolve(ModelSpec.FILE_NAME)) && Files.isRegularFile(dir
			.resolve("saved_model.pb"));
	}

	private static Path jarPath() {
		try {
			return Paths.get(BundledModels.class.getProtectionDomain().getCodeSource().getLocation()
				.toURI());
		}
		catch (URISyntaxException | SecurityException | NullPointerException e) {
			return null;
		}
	}

	/** Unpacks {@code strokej-models/<name>/} from the jar into the user cache, once. */
	private static Path unpack(Path jar, String name) throws IOException {
		String prefix = JAR_PREFIX + name + "/";
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			if (zip.getEntry(prefix + ModelSpec.FILE_NAME) == null) return null;
			String version = Long.toHexString(Files.getLastModifiedTime(jar).toMillis()) + "-" + Files
				.size(jar);
			Path target = Paths.get(System.getProperty("user.home"), ".cache", "strokej", "models",
				version, name);
			if (isModel(target)) return target;
			Path tmp = Files.createDirectories(target.getParent()).resolve("." + name + ".part-" +
				ProcessHandle.current().pid());
			Enumeration<? extends ZipEntry> en = zip.entries();
			while (en.hasMoreElements()) {
				ZipEntry e = en.nextElement();
				if (!e.getName().startsWith(prefix) || e.isDirectory()) continue;
				Path out = tmp.resolve(e.getName().substring(prefix.length())).normalize();
				if (!out.startsWith(tmp)) continue; // no path traversal
				Files.createDirectories(out.getParent());
				try (InputStream in = zip.getInputStream(e)) {
					Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException e) {
				if (!isModel(target)) throw e; // another process unpacked it first
				Folders.deleteTree(tmp);
			}
			return target;
		}
	}
}
