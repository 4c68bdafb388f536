package org.strokej.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

import org.strokej.core.io.ImageReadException;
import org.strokej.core.io.ImageReaders;
import org.strokej.core.io.Volume;

/**
 * The fuzzing loop shared by {@link ReaderFuzzTest} and {@link FuzzRunner}: mutates NIfTI (plain
 * and gzipped) and DICOM fixtures with {@link Mutator}, reads each mutation with
 * {@link ImageReaders#read(Path)} and classifies the outcome. Acceptable: a {@link Volume} with
 * consistent dimensions and data length, or an {@link ImageReadException} with a one-line message
 * naming the file. Anything else (another exception, an error such as OutOfMemoryError, a read
 * longer than the time limit or allocating more than {@link #MAX_ALLOCATION} bytes, a changed
 * input) is a crash.
 */
public final class ReaderFuzz {

	private ReaderFuzz() {}

	/** The fixtures mutated, relative to {@code src/test/resources}. */
	public static final List<String> FIXTURES = List.of("nifti/float32_ras.nii",
		"nifti/int16_ras.nii", "nifti/int16_bigendian.nii", "nifti/float32_nifti2.nii",
		"nifti/uint8_2d.nii", "nifti/int16_scaled.nii.gz", "nifti/float32_las.nii.gz",
		"dicom/slope2/x.dcm", "dicom/big_endian/be0.dcm", "dicom/no_position/a.dcm");

	/** Most heap the read of one small mutated file may allocate. */
	public static final long MAX_ALLOCATION = 64L << 20;

	/** Longest acceptable read of one small mutated file. */
	public static final long TIME_LIMIT_MS = 2000;

	/**
	 * One crash.
	 *
	 * @param fixture the fixture mutated
	 * @param seed the mutation seed ({@code Mutator.mutate(bytes, kind, seed)} reproduces it)
	 * @param mutation what was done
	 * @param problem what went wrong
	 */
	public record Crash(String fixture, long seed, String mutation, String problem) {}

	/**
	 * The outcome of a run.
	 *
	 * @param tried mutations read
	 * @param volumes how many read into a Volume
	 * @param refused how many failed with ImageReadException
	 * @param retried how many timed out once but read within the limit on a second try
	 * @param crashes everything else
	 */
	public record Result(int tried, int volumes, int refused, int retried, List<Crash> crashes) {}

	/** The mutation seed of case {@code i} of a run with seed {@code runSeed}. */
	public static long caseSeed(long runSeed, int i) {
		return runSeed * 1_000_003L + i;
	}

	/**
	 * Runs mutations round-robin over {@link #FIXTURES} until {@code maxCases} were tried or
	 * {@code budgetMs} elapsed.
	 *
	 * @param work a scratch folder (one file per case is written and deleted)
	 * @param log where crashes are reported as found (or null)
	 */
	public static Result run(Path work, long runSeed, int maxCases, long budgetMs, PrintStream log)
		throws IOException
	{
		return run(work, maxCases, i -> FIXTURES.get(i % FIXTURES.size()), i -> caseSeed(runSeed, i),
			budgetMs, log);
	}

	/**
	 * Replays given mutations (e.g. the crashes of an earlier run).
	 *
	 * @param cases fixture and case seed of each mutation
	 */
	public static Result replay(Path work, List<Map.Entry<String, Long>> cases, PrintStream log)
		throws IOException
	{
		return run(work, cases.size(), i -> cases.get(i).getKey(), i -> cases.get(i).getValue(),
			Long.MAX_VALUE / 2_000_000L, log);
	}

	private static Result run(Path work, int maxCases, IntFunction<String> fixtures,
		IntToLongFunction seeds, long budgetMs, PrintStream log) throws IOException
	{
		Path res = Paths.get("src", "test", "resources");
		Map<String, byte[]> sources = new HashMap<>();
		long end = System.nanoTime() + budgetMs * 1_000_000L;
		int tried = 0, volumes = 0, refused = 0, retried = 0;
		List<Crash> crashes = new ArrayList<>();
		ExecutorService pool = newPool();
		try {
			for (int i = 0; i < maxCases && System.nanoTime() < end; i++) {
				String fixture = fixtures.apply(i);
				long seed = seeds.applyAsLong(i);
				byte[] src = sources.get(fixture);
				if (src == null) sources.put(fixture, src = Files.readAllBytes(res.resolve(fixture)));
				Mutator.Mutation m = Mutator.mutate(src, kindOf(fixture), seed);
				Path dir = Files.createDirectories(work.resolve("case" + i));
				Path file = dir.resolve(Paths.get(fixture).getFileName().toString());
				Files.write(file, m.bytes());
				String hash = BadInputCorpus.sha256(m.bytes());
				String problem = null;
				Object r;
				try {
					r = readWithin(pool, file);
				}
				catch (TimeoutException e) {
					// a stall can come from machine load: let the stuck reader finish (up to 10 s), then
					// try once more before calling it a hang
					pool.shutdownNow();
					try {
						pool.awaitTermination(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ie) {
						Thread.currentThread().interrupt();
					}
					pool = newPool();
					try {
						r = readWithin(pool, file);
						retried++;
					}
					catch (TimeoutException again) {
						pool.shutdownNow();
						pool = newPool(); // abandon the stuck reader
						r = null;
						problem = "no result after " + TIME_LIMIT_MS + " ms, twice (hang)";
					}
				}
				tried++;
				if (problem == null) {
					if (r instanceof Volume v) {
						problem = inconsistency(v);
						if (problem == null) volumes++;
					}
					else if (r instanceof ImageReadException e) {
						String msg = e.getMessage();
						if (msg.contains("\n") || !msg.startsWith(file.toString()))
							problem = "message not one line naming the file: " + msg;
						else refused++;
					}
					else if (r instanceof Allocated a) problem = "allocated " + (a.bytes() >> 20) + " MB";
					else if (r instanceof Throwable t) problem = "escaped " + describe(t);
				}
				if (problem == null) {
					try (var s = Files.list(dir)) {
						if (s.count() != 1) problem = "files written next to the input";
					}
					if (!BadInputCorpus.sha256(Files.readAllBytes(file)).equals(hash))
						problem = "input modified";
				}
				if (problem != null) {
					Crash c = new Crash(fixture, seed, m.description(), problem);
					crashes.add(c);
					if (log != null) log.println("CRASH " + c);
				}
				Files.deleteIfExists(file);
				Files.deleteIfExists(dir);
			}
		}
		finally {
			pool.shutdownNow();
		}
		return new Result(tried, volumes, refused, retried, crashes);
	}

	/** Reads a file on the pool's thread; the result is a Volume or the Throwable thrown. */
	private static Object readWithin(ExecutorService pool, Path file) throws TimeoutException {
		Future<Object> f = pool.submit(() -> {
			com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
				java.lang.management.ManagementFactory.getThreadMXBean();
			long before = mx.getCurrentThreadAllocatedBytes();
			Object r;
			try {
				r = ImageReaders.read(file);
			}
			catch (Throwable t) {
				r = t;
			}
			long allocated = mx.getCurrentThreadAllocatedBytes() - before;
			return allocated > MAX_ALLOCATION ? new Allocated(allocated) : r;
		});
		try {
			return f.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException e) {
			f.cancel(true);
			throw e;
		}
		catch (Exception e) {
			return e;
		}
	}

	/** A read that allocated more than {@link #MAX_ALLOCATION}. */
	private record Allocated(long bytes) {}

	/** The mutator kind for a fixture path. */
	public static Mutator.Kind kindOf(String fixture) {
		return fixture.startsWith("dicom/") ? Mutator.Kind.DICOM : Mutator.Kind.NIFTI;
	}

	private static ExecutorService newPool() {
		return Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "fuzz-reader");
			t.setDaemon(true);
			return t;
		});
	}

	/** Why a volume is inconsistent, or null. */
	static String inconsistency(Volume v) {
		if (v.nx() <= 0 || v.ny() <= 0 || v.nz() <= 0) return "non-positive dims " + Arrays
			.toString(v.dims());
		if ((long) v.nx() * v.ny() * v.nz() != v.data().length) return "dims " + Arrays.toString(v
			.dims()) + " but " + v.data().length + " voxels";
		for (double s : v.spacing())
			if (!(s > 0) || Double.isInfinite(s)) return "bad spacing " + Arrays.toString(v.spacing());
		for (double a : v.affine())
			if (!Double.isFinite(a)) return "non-finite affine " + Arrays.toString(v.affine());
		return null;
	}

	private static String describe(Throwable t) {
		StackTraceElement[] st = t.getStackTrace();
		return t + (st.length > 0 ? " at " + st[0] : "");
	}
}
