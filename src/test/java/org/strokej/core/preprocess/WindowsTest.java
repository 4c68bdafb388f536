package org.strokej.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

class WindowsTest {

	@Test
	void presetsMapEdgesExactlyAndClamp() {
		for (Window w : new Window[] { Window.BRAIN, Window.STROKE, Window.SUBDURAL, Window.BONE, Window
			.of(-37.5, 13) })
		{
			float lo = (float) (w.level() - w.width() / 2), hi = (float) (w.level() + w.width() / 2);
			assertEquals(0f, Windows.apply(lo, w), 0f, w.toString());
			assertEquals(1f, Windows.apply(hi, w), 0f, w.toString());
			assertEquals(0.5f, Windows.apply((float) w.level(), w), 1e-6f, w.toString());
			assertEquals(0.25f, Windows.apply((float) (lo + w.width() / 4), w), 1e-6f);
			assertEquals(0f, Windows.apply(lo - 1000, w), 0f);
			assertEquals(1f, Windows.apply(hi + 1000, w), 0f);
		}
		assertEquals(0f, Windows.apply(0f, Window.BRAIN), 0f);
		assertEquals(1f, Windows.apply(80f, Window.BRAIN), 0f);
		assertEquals(0f, Windows.apply(20f, Window.STROKE), 0f);
		assertEquals(1f, Windows.apply(60f, Window.STROKE), 0f);
		assertEquals(0f, Windows.apply(-20f, Window.SUBDURAL), 0f);
		assertEquals(1f, Windows.apply(180f, Window.SUBDURAL), 0f);
		assertEquals(0f, Windows.apply(-800f, Window.BONE), 0f);
		assertEquals(1f, Windows.apply(2000f, Window.BONE), 0f);
	}

	@Test
	void presetsByNameAndBadWindows() {
		assertEquals(Window.SUBDURAL, Window.preset("Subdural"));
		assertThrows(IllegalArgumentException.class, () -> Window.preset("lung"));
		assertThrows(IllegalArgumentException.class, () -> Window.of(40, 0));
		assertThrows(IllegalArgumentException.class, () -> Window.of(Double.NaN, 80));
	}

	@Test
	void volumeWindowAndStackOfChannels() {
		float[] hu = { -1000, 0, 20, 40, 60, 80, 1000, 30 };
		Volume v = Volume.of(hu, 2, 2, 2, new double[] { 1, 1, 5 }, SyntheticHeads.meta(ValueUnit.HU));
		float[][] ch = Windows.stack(v, Window.BRAIN, Window.STROKE);
		assertArrayEquals(new float[] { 0, 0, 0.25f, 0.5f, 0.75f, 1, 1, 0.375f }, ch[0], 1e-6f);
		assertArrayEquals(new float[] { 0, 0, 0, 0.5f, 1, 1, 1, 0.25f }, ch[1], 1e-6f);
		float[] nhwc = Windows.interleave(ch);
		assertEquals(16, nhwc.length);
		assertEquals(0.25f, nhwc[2 * 2], 1e-6f);
		assertEquals(0f, nhwc[2 * 2 + 1], 0f);
		assertEquals(-1000f, hu[0], 0f); // input untouched
		Volume w = Windows.apply(v, Window.BRAIN);
		assertEquals(ValueUnit.ARBITRARY, w.metadata().valueUnit());
		assertEquals(2, w.nz());
	}

	@Test
	void eightBitInputMapsZeroTo255OntoUnitRange() {
		float[] g = { 0, 51, 127.5f, 255 };
		Volume v = Volume.of(g, 4, 1, 1, new double[] { 1, 1, 1 }, SyntheticHeads.meta(ValueUnit.WINDOWED_8BIT));
		for (Window w : new Window[] { Window.BRAIN, Window.BONE })
			assertArrayEquals(new float[] { 0, 0.2f, 0.5f, 1 }, Windows.apply(v, w).data(), 1e-6f);
	}

	@Test
	void imgLib2ViewsAreWindowedInPlaceOfTheOutput() {
		float[] hu = { 0, 40, 80, 120, -40, 10 };
		float[] out = new float[6];
		var in = ArrayImgs.floats(hu, 3, 2);
		var o = ArrayImgs.floats(out, 3, 2);
		// window only the first row, through views
		Windows.apply(Views.hyperSlice(in, 1, 0), Views.hyperSlice(o, 1, 0), Window.BRAIN);
		assertArrayEquals(new float[] { 0, 0.5f, 1, 0, 0, 0 }, out, 1e-6f);
		FloatType t = o.firstElement();
		assertEquals(0f, t.get(), 0f);
	}
}
