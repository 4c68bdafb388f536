package org.strokej.core.phantom;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a montage of twelve phantom slices (several seeds and lesion kinds) in the brain window,
 * to judge their realism by eye: {@code java ... PhantomDemo out.png [size]}.
 */
public final class PhantomDemo {

	private PhantomDemo() {}

	/** Writes the montage to args[0] (default phantom-montage.png); args[1] is the tile size. */
	public static void main(String[] args) throws IOException {
		Path out = Paths.get(args.length > 0 ? args[0] : "phantom-montage.png");
		int size = args.length > 1 ? Integer.parseInt(args[1]) : 512;
		long t0 = System.nanoTime();
		writeMontage(out, size);
		System.out.printf("wrote %s in %.2f s%n", out, (System.nanoTime() - t0) / 1e9);
	}

	/** Twelve 2D phantoms of the given size: normal, hemorrhagic, ischemic, mixed. */
	public static void writeMontage(Path png, int size) throws IOException {
		LesionKind[] kinds = { LesionKind.NONE, LesionKind.HEMORRHAGE, LesionKind.ISCHEMIA,
			LesionKind.MIXED };
		List<float[]> slices = new ArrayList<>();
		for (int n = 0; n < 12; n++) {
			PhantomSettings s = PhantomSettings.builder().size(size, size, 1).seed(1000 + n).lesions(
				kinds[n % 4], 1 + n % 3).build();
			Phantom p = PhantomGenerator.generate(s);
			slices.add(p.hu().slice(0));
		}
		Phantoms.montage(slices, size, size, 4, png);
	}
}
