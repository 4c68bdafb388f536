package org.strokej.core.preprocess;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;

import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * HU windowing: {@link Window#low()} maps to exactly 0, {@link Window#high()} to exactly 1, values
 * outside are clamped. Input already windowed to 8 bit ({@link ValueUnit#WINDOWED_8BIT}, e.g. PNG/JPG
 * slices) cannot be re-windowed: for such input every window maps 0..255 linearly to 0..1.
 */
public final class Windows {

	private Windows() {}

	/** The windowed value of one HU value. */
	public static float apply(float hu, Window w) {
		double lo = w.low(), hi = w.high();
		if (hu <= lo) return 0f;
		if (hu >= hi) return 1f;
		return (float) ((hu - lo) / (hi - lo));
	}

	/** Windows an array into a new array. */
	public static float[] apply(float[] hu, Window w) {
		float[] out = new float[hu.length];
		for (int i = 0; i < hu.length; i++)
			out[i] = apply(hu[i], w);
		return out;
	}

	/** Windows {@code in} into {@code out} (same size), e.g. views of a larger image. */
	public static void apply(RandomAccessibleInterval<FloatType> in, RandomAccessibleInterval<FloatType> out,
		Window w)
	{
		LoopBuilder.setImages(in, out).forEachPixel((a, b) -> b.set(apply(a.get(), w)));
	}

	/**
	 * Windows a volume; 8-bit windowed input is scaled 0..255 → 0..1 whatever the window. The result
	 * has the input's geometry and value unit {@link ValueUnit#ARBITRARY}.
	 */
	public static Volume apply(Volume v, Window w) {
		float[] d = v.data();
		float[] out;
		if (v.metadata().valueUnit() == ValueUnit.WINDOWED_8BIT) {
			out = new float[d.length];
			for (int i = 0; i < d.length; i++)
				out[i] = Math.min(1f, Math.max(0f, d[i] / 255f));
		}
		else out = apply(d, w);
		return v.withData(out).withMetadata(Grids.withUnit(v.metadata(), ValueUnit.ARBITRARY));
	}

	/** Several windows of one volume as channels: {@code result[c]} is window c, x fastest. */
	public static float[][] stack(Volume v, Window... windows) {
		if (windows.length == 0) throw new IllegalArgumentException("no window given");
		float[][] out = new float[windows.length][];
		for (int c = 0; c < windows.length; c++)
			out[c] = apply(v, windows[c]).data();
		return out;
	}

	/**
	 * Channels interleaved, channel fastest ({@code [(z*ny + y)*nx + x]*C + c}): the NHWC layout a
	 * TensorFlow model takes.
	 */
	public static float[] interleave(float[][] channels) {
		int c = channels.length, n = channels[0].length;
		float[] out = new float[n * c];
		for (int k = 0; k < c; k++) {
			float[] ch = channels[k];
			for (int i = 0; i < n; i++)
				out[i * c + k] = ch[i];
		}
		return out;
	}
}
