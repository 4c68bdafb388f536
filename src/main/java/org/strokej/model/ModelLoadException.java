package org.strokej.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model folder could not be used: bad {@code model.json}, weights that do not match their
 * SHA-256, a network whose signature does not match its spec, or an unusable engine. The message
 * is one line, "file: cause", fit for a user.
 */
public class ModelLoadException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public ModelLoadException(Path file, String cause) {
		super(file + ": " + cause);
		this.file = file;
	}

	public ModelLoadException(Path file, String cause, Throwable t) {
		super(file + ": " + cause, t);
		this.file = file;
	}

	/** The file or folder at fault. */
	public Path file() { return file; }
}
