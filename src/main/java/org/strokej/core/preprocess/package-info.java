/**
 * Head-CT preprocessing: pure operations on {@link org.strokej.core.io.Volume}s (float voxels, x
 * fastest; ImgLib2 views through {@code Volume.img()}), built on ImageJ 1's filters where they fit.
 * <ul>
 * <li>{@link org.strokej.core.preprocess.Windows} — HU windows ({@link org.strokej.core.preprocess.Window}
 * presets) and window stacks as channels;</li>
 * <li>{@link org.strokej.core.preprocess.BrainExtraction} — skull stripping (brain mask) and head mask;</li>
 * <li>{@link org.strokej.core.preprocess.Crops} — crop to the mask with a {@link org.strokej.core.preprocess.CropBox}
 * and paste back;</li>
 * <li>{@link org.strokej.core.preprocess.Normalization}, {@link org.strokej.core.preprocess.HistogramEqualization}
 * (global, CLAHE), {@link org.strokej.core.preprocess.Denoising} (Gaussian, median);</li>
 * <li>{@link org.strokej.core.preprocess.Resampling} and {@link org.strokej.core.preprocess.RotationCorrection},
 * both invertible;</li>
 * <li>{@link org.strokej.core.preprocess.PreprocessPipeline} — the steps as data (JSON), run with a
 * {@link org.strokej.core.preprocess.PreprocessContext}; the
 * {@link org.strokej.core.preprocess.PreprocessResult} maps model outputs back onto the input grid.</li>
 * </ul>
 * 2D filters and morphology work slice by slice on 3D volumes, the standard practice for thick-slice
 * clinical CT. Inputs are never modified.
 */
package org.strokej.core.preprocess;
