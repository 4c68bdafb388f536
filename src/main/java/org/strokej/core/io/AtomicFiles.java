package org.strokej.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and a rename, so a reader never sees a half-written
 * file and a crash leaves at most a hidden {@code .part} file behind.
 */
public final class AtomicFiles {

	/** Writes the content to the given temporary path. */
	public interface Writer {
		void write(Path tmp) throws IOException;
	}

	private AtomicFiles() {}

	/** Temp files are created owner-only; a finished output gets rw-r--r-- where POSIX applies. */
	private static void normalPermissions(Path p) {
		try {
			Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
				"rw-r--r--"));
		}
		catch (UnsupportedOperationException | IOException e) {
			// not a POSIX file system: keep what it gave
		}
	}

	public static void write(Path target, Writer writer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		String name = target.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String ext = dot < 0 ? "" : name.substring(dot);
		Path tmp = Files.createTempFile(dir, "." + name + ".", ".part" + ext);
		try {
			writer.write(tmp);
			normalPermissions(tmp);
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (java.nio.file.AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
