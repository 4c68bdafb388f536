package org.strokej.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;

/**
 * A user's own labelled slices for training or evaluation, from a CSV file with a header:
 * {@code image,label[,group][,mask]} — {@code image} and {@code mask} relative to the CSV's
 * folder, {@code label} 0/1/2 or normal/hemorrhagic/ischemic, {@code group} the patient (defaults
 * to the image name; folds never split a group), {@code mask} a label image (0 background, 1
 * hemorrhage, 2 ischemia; for RGB or 0/255 masks every non-zero pixel takes the slice's label).
 */
public final class UserData {

	private UserData() {}

	public static List<LabelledSlice> fromCsv(Path csv) throws IOException {
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		if (lines.isEmpty()) throw new IOException(csv + ": empty CSV");
		List<String> header = Arrays.asList(lines.get(0).trim().toLowerCase(Locale.ROOT).split(
			"\\s*,\\s*"));
		int ci = header.indexOf("image"), cl = header.indexOf("label"), cg = header.indexOf("group"),
			cm = header.indexOf("mask");
		if (ci < 0 || cl < 0) throw new IOException(csv +
			": header needs columns image and label (and optionally group, mask)");
		Path base = csv.toAbsolutePath().getParent();
		List<LabelledSlice> out = new ArrayList<>();
		for (int r = 1; r < lines.size(); r++) {
			String line = lines.get(r).trim();
			if (line.isEmpty()) continue;
			String[] f = line.split("\\s*,\\s*", -1);
			if (f.length < header.size()) throw new IOException(csv + ": line " + (r + 1) +
				" has " + f.length + " fields, header has " + header.size());
			Path img = base.resolve(f[ci]);
			int label = label(f[cl], csv, r + 1);
			Volume v = Spacings.withNominal(ImageReaders.read(img));
			if (v.nz() != 1) throw new IOException(img + ": training slices must be 2D, this has " + v
				.nz() + " slices");
			Volume mask = null;
			if (cm >= 0 && !f[cm].isEmpty()) {
				Volume m = ImageReaders.read(base.resolve(f[cm]));
				if (m.nx() != v.nx() || m.ny() != v.ny()) throw new IOException(base.resolve(f[cm]) +
					": mask size differs from " + img.getFileName());
				float[] d = new float[m.data().length];
				boolean small = m.range()[1] <= 2;
				for (int i = 0; i < d.length; i++)
					d[i] = small ? Math.round(m.data()[i]) : m.data()[i] > 0 ? Math.max(label, 1) : 0;
				mask = Volume.of(d, v.nx(), v.ny(), 1, v.spacing(), v.metadata());
			}
			String group = cg >= 0 && !f[cg].isEmpty() ? f[cg] : img.getFileName().toString();
			out.add(new LabelledSlice(f[ci], group, v, label, mask, "user"));
		}
		return out;
	}

	static int label(String s, Path csv, int line) throws IOException {
		switch (s.trim().toLowerCase(Locale.ROOT)) {
			case "0": case "normal": return 0;
			case "1": case "hemorrhagic": case "hemorrhage": return 1;
			case "2": case "ischemic": case "ischemia": return 2;
			default: throw new IOException(csv + ": line " + line + ": label must be 0/1/2 or " +
				"normal/hemorrhagic/ischemic, not '" + s + "'");
		}
	}
}
