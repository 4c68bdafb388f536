package org.strokej.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.strokej.model.ModelSpec;
import org.strokej.pipeline.StrokeDetector;

/**
 * How commands find their models: {@code model_dir} empty means the bundled defaults; a model
 * folder (with {@code model.json}) is used for its kind; a folder of model folders supplies
 * one classifier and/or one segmenter.
 */
final class Models {

	private Models() {}

	static StrokeDetector detector(File modelDir, boolean classify, boolean segment)
		throws IOException
	{
		if (modelDir == null || modelDir.getPath().isEmpty()) return StrokeDetector.load(null, null,
			classify, segment);
		Path dir = modelDir.toPath();
		Path cls = null, seg = null;
		if (Files.isRegularFile(dir.resolve(ModelSpec.FILE_NAME))) {
			ModelSpec s = ModelSpec.load(dir);
			if (s.kind() == ModelSpec.Kind.CLASSIFIER) cls = dir;
			else seg = dir;
		}
		else if (Files.isDirectory(dir)) {
			try (var list = Files.list(dir)) {
				for (Path p : (Iterable<Path>) list.sorted()::iterator) {
					if (!Files.isRegularFile(p.resolve(ModelSpec.FILE_NAME))) continue;
					ModelSpec s = ModelSpec.load(p);
					if (s.kind() == ModelSpec.Kind.CLASSIFIER && cls == null) cls = p;
					if (s.kind() == ModelSpec.Kind.SEGMENTER && seg == null) seg = p;
				}
			}
		}
		else throw new IOException(dir + ": model folder not found");
		if (classify && cls == null) throw new IOException(dir + ": no classifier model there");
		if (segment && seg == null) throw new IOException(dir + ": no segmenter model there");
		return StrokeDetector.load(cls, seg, classify, segment);
	}
}
