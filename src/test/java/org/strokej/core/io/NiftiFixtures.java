package org.strokej.core.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The nibabel-written NIfTI fixtures in {@code src/test/resources/nifti} (see make_fixtures.py
 * there) and helpers to make corrupt copies of them.
 */
final class NiftiFixtures {

	private NiftiFixtures() {}

	/** A fixture file on disk. */
	static Path path(String name) {
		try {
			return Paths.get(NiftiFixtures.class.getResource("/nifti/" + name).toURI());
		}
		catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + name, e);
		}
	}

	/** What nibabel reported for every fixture after reorienting it to LPS. */
	static JsonObject expected() {
		try (InputStream in = Files.newInputStream(path("expected.json"))) {
			return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
				.getAsJsonObject();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A fixture's bytes, decompressed when it is gzipped. */
	static byte[] rawBytes(String name) throws IOException {
		byte[] b = Files.readAllBytes(path(name));
		return isGzip(b) ? gunzip(b) : b;
	}

	static boolean isGzip(byte[] b) {
		return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
	}

	static byte[] gunzip(byte[] b) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
			return in.readAllBytes();
		}
	}

	static byte[] gzip(byte[] b) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bos)) {
			out.write(b);
		}
		return bos.toByteArray();
	}

	/** A little-endian view for patching NIfTI-1 header fields. */
	static ByteBuffer le(byte[] b) {
		return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
	}
}
