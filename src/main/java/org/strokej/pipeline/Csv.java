package org.strokej.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.strokej.core.io.AtomicFiles;

/** A small CSV table: a header and rows of values, written atomically, RFC 4180 quoting. */
public final class Csv {

	private final String[] header;
	private final List<String[]> rows = new ArrayList<>();

	public Csv(String... header) {
		this.header = header.clone();
	}

	/** Adds a row; numbers are written with up to 6 significant decimals, NaN as empty. */
	public synchronized Csv add(Object... values) {
		if (values.length != header.length) throw new IllegalArgumentException("row has " +
			values.length + " values, header " + header.length);
		String[] r = new String[values.length];
		for (int i = 0; i < values.length; i++)
			r[i] = format(values[i]);
		rows.add(r);
		return this;
	}

	public synchronized int size() { return rows.size(); }

	public synchronized List<String[]> rows() { return new ArrayList<>(rows); }

	static String format(Object v) {
		if (v == null) return "";
		if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (Double.isNaN(d)) return "";
			if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf((long) d);
			return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
				.replaceAll("\\.(e|$)", "$1");
		}
		return v.toString();
	}

	public synchronized String text() {
		StringBuilder sb = new StringBuilder();
		line(sb, header);
		for (String[] r : rows)
			line(sb, r);
		return sb.toString();
	}

	private static void line(StringBuilder sb, String[] values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) sb.append(',');
			String v = values[i];
			if (v.contains(",") || v.contains("\"") || v.contains("\n")) sb.append('"').append(v
				.replace("\"", "\"\"")).append('"');
			else sb.append(v);
		}
		sb.append('\n');
	}

	public void write(Path file) throws IOException {
		String t = text();
		AtomicFiles.write(file, tmp -> Files.writeString(tmp, t, StandardCharsets.UTF_8));
	}
}
