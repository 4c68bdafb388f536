package org.strokej.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be read as an image. The message is one line, "file: cause", fit for a user.
 */
public class ImageReadException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public ImageReadException(Path file, String cause) {
		super(file + ": " + cause);
		this.file = file;
	}

	public ImageReadException(Path file, String cause, Throwable t) {
		super(file + ": " + cause, t);
		this.file = file;
	}

	public Path file() { return file; }
}
