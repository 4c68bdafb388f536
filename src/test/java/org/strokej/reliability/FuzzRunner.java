package org.strokej.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A longer fuzz run of the readers (see {@code docs/RELIABILITY.md}), from the project folder:
 * <pre>
 * mvn -o -q test-compile
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.strokej.reliability.FuzzRunner &lt;seconds&gt; &lt;seed&gt;
 * </pre>
 * Prints the mutations tried and every crash (fixture, seed, mutation, problem); exits with 1 when
 * there was a crash. {@code FuzzRunner write <fixture> <seed> <file>} writes the mutated file of
 * one reported crash, for debugging.
 */
public final class FuzzRunner {

	private FuzzRunner() {}

	public static void main(String[] args) throws Exception {
		if (args.length == 4 && args[0].equals("write")) {
			byte[] src = Files.readAllBytes(Path.of("src/test/resources", args[1]));
			Mutator.Mutation m = Mutator.mutate(src, ReaderFuzz.kindOf(args[1]), Long.parseLong(args[2]));
			Files.write(Path.of(args[3]), m.bytes());
			System.out.println(args[3] + ": " + m.description());
			return;
		}
		if (args.length != 2) {
			System.err.println("usage: FuzzRunner <seconds> <seed>");
			System.exit(2);
		}
		long seconds = Long.parseLong(args[0]), seed = Long.parseLong(args[1]);
		System.setProperty("java.awt.headless", "true");
		Path work = Files.createTempDirectory("strokej-fuzz");
		long t0 = System.nanoTime();
		ReaderFuzz.Result r = ReaderFuzz.run(work, seed, Integer.MAX_VALUE, seconds * 1000, System.out);
		double s = (System.nanoTime() - t0) / 1e9;
		Files.deleteIfExists(work);
		System.out.printf("seed %d, %.0f s: %d mutations tried (%d read into a Volume, %d refused with "
			+ "ImageReadException; %d timed out once under load and passed a retry), %d crashes%n", seed, s,
			r.tried(), r.volumes(), r.refused(), r.retried(), r.crashes().size());
		System.exit(r.crashes().isEmpty() ? 0 : 1);
	}
}
