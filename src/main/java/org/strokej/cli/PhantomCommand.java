package org.strokej.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import org.strokej.command.GenerateStrokePhantomCommand;
import org.strokej.core.io.AtomicFiles;
import org.strokej.core.io.DicomSeriesWriter;
import org.strokej.core.io.NiftiWriter;
import org.strokej.core.io.Volume;
import org.strokej.core.phantom.Lesion;
import org.strokej.core.phantom.Phantom;
import org.strokej.core.phantom.PhantomGenerator;
import org.strokej.core.phantom.PhantomSettings;
import org.strokej.core.phantom.Phantoms;
import org.strokej.pipeline.Csv;

/**
 * {@code phantom --out <dir> [--kind hemorrhage] [--seed 1] [--size 512] [--slices 1]
 * [--spacing mm] [--slice-mm 5] [--lesions 2] [--noise 4] [--midline-shift 0]
 * [--format nifti,dicom,tiff,png]}: writes a synthetic head CT named
 * {@code phantom-<kind>-<seed>} in the chosen formats, plus {@code <name>_truth.csv}.
 */
final class PhantomCommand {

	/** Every output format, the default. */
	static final List<String> FORMATS = List.of("nifti", "dicom", "tiff", "png");

	static final String USAGE = "usage: phantom --out <dir> [--kind none|hemorrhage|ischemia|" +
		"mixed|random] [--seed 1] [--size 512] [--slices 1] [--spacing <mm>] [--slice-mm 5] " +
		"[--lesions 2] [--noise 4] [--midline-shift 0] [--format nifti,dicom,tiff,png]";

	private PhantomCommand() {}

	static int run(List<String> args, PrintStream out) throws Exception {
		String outDir = Main.option(args, "--out");
		String kind = opt(args, "--kind", "hemorrhage").toLowerCase(Locale.ROOT);
		long seed = (long) num(args, "--seed", 1);
		int size = (int) num(args, "--size", 512);
		int slices = (int) num(args, "--slices", 1);
		double spacing = num(args, "--spacing", 0);
		double sliceMm = num(args, "--slice-mm", 5);
		int lesions = (int) num(args, "--lesions", 2);
		double noise = num(args, "--noise", 4);
		double shift = num(args, "--midline-shift", 0);
		Set<String> formats = formats(opt(args, "--format", String.join(",", FORMATS)));
		if (outDir == null) throw new Main.UsageException("--out <dir> is required; " + USAGE);
		if (!args.isEmpty()) throw new Main.UsageException("unexpected argument(s) " + args +
			"; " + USAGE);
		PhantomSettings settings;
		try {
			settings = GenerateStrokePhantomCommand.settings(kind, seed, size, slices, spacing,
				sliceMm, lesions, noise, shift);
		}
		catch (IllegalArgumentException e) {
			throw new Main.UsageException(e.getMessage());
		}
		Path dir = Files.createDirectories(Paths.get(outDir));
		String name = "phantom-" + kind + "-" + seed;
		Phantom p = PhantomGenerator.generate(settings);
		write(p, dir, name, formats);
		out.printf(Locale.ROOT, "%s: %dx%dx%d, %.4g x %.4g x %.4g mm, %d lesion(s) -> %s%n", name,
			p.hu().nx(), p.hu().ny(), p.hu().nz(), p.settings().spacingX(), p.settings().spacingY(),
			p.settings().spacingZ(), p.lesions().size(), dir);
		for (Lesion l : p.lesions())
			out.printf(Locale.ROOT, "  lesion %d: %s %s, %s, %d voxels, %.3f mL%n", l.id(),
				GenerateStrokePhantomCommand.className(l.labelClass()), l.subtype(), l.hemisphere(), l
					.voxels(), l.volumeMl());
		return 0;
	}

	/** Writes the phantom in the given formats (nifti, dicom, tiff, png) and always its truth CSV. */
	static void write(Phantom p, Path dir, String name, Set<String> formats) throws IOException {
		Volume hu = p.hu();
		if (formats.contains("nifti")) {
			NiftiWriter.write(hu, dir.resolve(name + ".nii.gz"), NiftiWriter.DataKind.INT16);
			NiftiWriter.write(p.labels(), dir.resolve(name + "_labels.nii.gz"),
				NiftiWriter.DataKind.UINT8);
		}
		if (formats.contains("dicom")) DicomSeriesWriter.write(hu, dir.resolve(name + "_dicom"),
			"StrokeJ phantom " + name);
		if (formats.contains("tiff")) Phantoms.toTiff(hu, dir.resolve(name + ".tif"));
		if (formats.contains("png")) {
			int mid = hu.nz() / 2;
			Phantoms.toWindowedPng(hu, mid, Phantoms.BRAIN_LEVEL, Phantoms.BRAIN_WIDTH, dir.resolve(
				name + ".png"));
			labelPng(p.labels(), mid, dir.resolve(name + "_labels.png"));
		}
		truthCsv(p).write(dir.resolve(name + "_truth.csv"));
	}

	/** lesion_id,class,subtype,voxels,volume_ml,hemisphere. */
	static Csv truthCsv(Phantom p) {
		Csv csv = new Csv("lesion_id", "class", "subtype", "voxels", "volume_ml", "hemisphere");
		for (Lesion l : p.lesions())
			csv.add(l.id(), GenerateStrokePhantomCommand.className(l.labelClass()), l.subtype(), l
				.voxels(), l.volumeMl(), l.hemisphere());
		return csv;
	}

	/** An 8-bit grey PNG holding the label values 0, 1, 2 of one slice. */
	static void labelPng(Volume labels, int slice, Path png) throws IOException {
		float[] s = labels.slice(slice);
		byte[] px = new byte[s.length];
		for (int i = 0; i < s.length; i++)
			px[i] = (byte) Math.round(s[i]);
		ImagePlus imp = new ImagePlus(png.getFileName().toString(), new ByteProcessor(labels.nx(),
			labels.ny(), px));
		AtomicFiles.write(png, tmp -> {
			if (!new FileSaver(imp).saveAsPng(tmp.toString())) throw new IOException(png +
				": could not write PNG");
		});
	}

	// -- Arguments --

	private static Set<String> formats(String list) {
		Set<String> s = new LinkedHashSet<>();
		for (String f : list.split(",")) {
			String t = f.trim().toLowerCase(Locale.ROOT);
			if (t.equals("nii")) t = "nifti";
			if (t.equals("tif")) t = "tiff";
			if (t.isEmpty()) continue;
			if (!FORMATS.contains(t)) throw new Main.UsageException("unknown format '" + f +
				"' (nifti, dicom, tiff, png)");
			s.add(t);
		}
		return s;
	}

	private static String opt(List<String> args, String flag, String def) {
		String v = Main.option(args, flag);
		return v == null ? def : v;
	}

	private static double num(List<String> args, String flag, double def) {
		String v = Main.option(args, flag);
		if (v == null) return def;
		try {
			return Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw new Main.UsageException(flag + " must be a number, not '" + v + "'");
		}
	}
}
