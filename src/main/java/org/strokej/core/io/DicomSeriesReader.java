package org.strokej.core.io;
import java.nio.file.Path;
public final class DicomSeriesReader { public static Volume read(Path p, String uid) throws ImageReadException { throw new ImageReadException(p, "placeholder"); } }
