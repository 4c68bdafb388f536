package org.strokej.model.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Copies between Java arrays and tensors. Callers close the tensors they get. */
final class TfTensors {

	private TfTensors() {}

	static TFloat32 floats(float[] data, long... shape) {
		return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
	}

	static TInt32 ints(int[] data, long... shape) {
		return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
	}

	static float[] read(Tensor t) {
		if (!(t instanceof TFloat32 f)) throw new IllegalStateException("expected a float32 tensor, got " + t.dataType());
		long n = f.shape().size();
		if (n > Integer.MAX_VALUE) throw new IllegalStateException("tensor too large: " + f.shape());
		float[] out = new float[(int) n];
		f.copyTo(DataBuffers.of(out, false, false));
		return out;
	}

	static float scalar(Tensor t) {
		return ((TFloat32) t).getFloat();
	}
}
