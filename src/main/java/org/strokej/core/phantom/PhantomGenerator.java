package org.strokej.core.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.strokej.core.io.ImageMetadata;
import org.strokej.core.io.ValueUnit;
import org.strokej.core.io.Volume;

/**
 * Generates synthetic head CT phantoms with exact ground truth: a randomised head (scalp, skull
 * with diploe, cortical ribbon with sulci, white matter, deep gray nuclei, butterfly lateral
 * ventricles, third ventricle, fissures, falx, basal cisterns), hemorrhages (IPH, SDH, EDH, SAH,
 * IVH) and territorial infarcts (MCA, ACA, PCA), partial-volume blur, streaks and noise.
 * <p>
 * Geometry works in a head frame: u towards the patient's left, v towards posterior, w superior
 * (mm, relative to the head centre), rotated in-plane with the head. Voxels are LPS ordered.
 * Everything random comes from {@link SplittableRandom}s seeded by {@link PhantomSettings#seed()}
 * and the work is sequential, so the same settings give bit-identical arrays.
 */
public final class PhantomGenerator {

	/** Smallest number of voxels a planned lesion must reach, else the draw is repeated. */
	private static final int MIN_LESION_VOXELS = 10;
	private static final int ATTEMPTS = 12;
	private static final int BINS = 2048;

	private PhantomGenerator() {}

	/** Generates the phantom described by the settings. */
	public static Phantom generate(PhantomSettings s) {
		Rendered r = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			SplittableRandom rnd = new SplittableRandom(mix(s.seed(), attempt));
			Head head = new Head(s, rnd);
			List<Shape> shapes = planLesions(s, head, rnd);
			r = render(s, head, shapes);
			if (r.allLesionsVisible() || attempt == ATTEMPTS - 1) break;
		}
		return finish(s, r);
	}

	private static long mix(long seed, long salt) {
		long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private static double uniform(SplittableRandom r, double a, double b) {
		return a + (b - a) * r.nextDouble();
	}

	private static double bump(double x) { // 1 at 0, 0 beyond |x| >= 1, smooth
		if (x <= -1 || x >= 1) return 0;
		double c = Math.cos(x * Math.PI / 2);
		return c * c;
	}

	private static double halfEllipse(double x) {
		return x <= -1 || x >= 1 ? 0 : Math.sqrt(1 - x * x);
	}

	private static double angleDiff(double a, double b) {
		double d = a - b;
		while (d > Math.PI) d -= 2 * Math.PI;
		while (d < -Math.PI) d += 2 * Math.PI;
		return d;
	}

	// -- The head: anatomy parameters --

	/** Random anatomy of one head and its geometry in the head frame. */
	static final class Head {

		final double scale, rotation, cosR, sinR;
		final double cx, cy, cz; // head centre in mm relative to the grid centre (z: see below)
		final double slice2dW; // for 2D: height of the slice above the head centre
		final double halfWidth, halfLength, power, egg;
		final double[] harmAmp = new double[5], harmPhase = new double[5];
		final double skin, fat, scalpBase, temporalis;
		final double skullBase, skullVar, skullPhase, tableHu, diploeHu;
		final double csf0, sulcusDepth, sulcusThr, gmThick;
		final double[] sulcK = new double[4], sulcW = new double[4], sulcPh = new double[4],
			sulcA = new double[4];
		final double ventScale, wiggle, wigglePhase;
		final double gm, wm, deepGm, csf, scalpHu, fatHu, falxHu;
		final double midlineShift;

		Head(PhantomSettings s, SplittableRandom r) {
			scale = uniform(r, s.headScaleMin(), s.headScaleMax());
			rotation = Math.toRadians(uniform(r, -s.rotationMaxDeg(), s.rotationMaxDeg()));
			cosR = Math.cos(rotation);
			sinR = Math.sin(rotation);
			cx = uniform(r, -s.shiftMaxMm(), s.shiftMaxMm());
			cy = uniform(r, -s.shiftMaxMm(), s.shiftMaxMm());
			// 3D: the grid's centre slice lies this high above the head centre
			cz = uniform(r, 10, 25) * scale;
			slice2dW = uniform(r, -22, 48) * scale;
			halfWidth = uniform(r, 70, 77) * scale;
			halfLength = uniform(r, 89, 97) * scale;
			power = uniform(r, 2.0, 2.5);
			egg = uniform(r, 0.0, 0.06);
			for (int k = 0; k < harmAmp.length; k++) {
				harmAmp[k] = uniform(r, 0, 0.012 / (1 + 0.3 * k));
				harmPhase[k] = uniform(r, 0, 2 * Math.PI);
			}
			skin = uniform(r, 1.0, 1.6);
			fat = uniform(r, 1.2, 2.5);
			scalpBase = skin + fat + uniform(r, 0.8, 1.8);
			temporalis = uniform(r, 3, 7);
			skullBase = uniform(r, 5.5, 7.5);
			skullVar = uniform(r, 0.8, 1.6);
			skullPhase = uniform(r, 0, 2 * Math.PI);
			tableHu = uniform(r, 1250, 1450);
			diploeHu = uniform(r, 700, 900);
			csf0 = uniform(r, 0.8, 1.8);
			sulcusDepth = uniform(r, 9, 16);
			sulcusThr = uniform(r, 0.55, 0.7);
			gmThick = uniform(r, 2.4, 3.4);
			for (int k = 0; k < sulcK.length; k++) {
				sulcK[k] = Math.rint(uniform(r, 34, 46));
				sulcW[k] = uniform(r, -0.12, 0.12);
				sulcPh[k] = uniform(r, 0, 2 * Math.PI);
				sulcA[k] = uniform(r, 0.6, 1.0);
			}
			ventScale = uniform(r, 0.85, 1.35);
			wiggle = uniform(r, 0.012, 0.022) * BINS / (2 * Math.PI);
			wigglePhase = uniform(r, 0, 2 * Math.PI);
			gm = uniform(r, 37, 42);
			wm = uniform(r, 26, 31);
			deepGm = wm + uniform(r, 0.35, 0.6) * (gm - wm);
			csf = uniform(r, 3, 10);
			scalpHu = uniform(r, 30, 55);
			fatHu = uniform(r, -110, -70);
			falxHu = uniform(r, 42, 52);
			midlineShift = s.midlineShiftMm();
		}

		/** Outer head radius (mm) in direction phi at height w, 0 above the head. */
		double outerRadius(double phi, double w) {
			double f;
			double top = 92 * scale;
			if (w >= 0) f = w >= top ? 0 : Math.pow(1 - Math.pow(w / top, 2.2), 0.5);
			else f = Math.max(0.82, Math.sqrt(Math.max(0, 1 - (w / 110) * (w / 110))));
			if (f <= 0) return 0;
			double c = Math.abs(Math.cos(phi)), sn = Math.sin(phi);
			double a = halfWidth * (1 + egg * sn);
			double r = Math.pow(Math.pow(c / a, power) + Math.pow(Math.abs(sn) / halfLength, power),
				-1 / power);
			double h = 1;
			for (int k = 0; k < harmAmp.length; k++)
				h += harmAmp[k] * Math.cos((k + 2) * phi + harmPhase[k]);
			return r * h * f;
		}

		double scalpThickness(double phi, double w) {
			// temporalis muscle: antero-lateral on both sides, in the lower half of the head
			double left = angleDiff(phi, -0.35), right = angleDiff(phi, -Math.PI + 0.35);
			double m = Math.max(bump(left / 0.75), bump(right / 0.75)) * bump((w + 5) / (45 * scale));
			return scalpBase + temporalis * m;
		}

		double skullThickness(double phi, double w) {
			double t = skullBase - skullVar * Math.cos(2 * phi) + 0.4 * Math.cos(3 * phi + skullPhase);
			double base = -45 * scale;
			if (w < base) t += (base - w) * 0.6;
			return Math.max(3, t);
		}

		/** Radius of the inner table of the skull (mm), possibly <= 0. */
		double innerRadius(double phi, double w) {
			double ro = outerRadius(phi, w);
			if (ro <= 0) return 0;
			return ro - scalpThickness(phi, w) - skullThickness(phi, w);
		}

		/** Depth below the inner table of a head-frame point (negative outside the brain). */
		double depth(double u, double v, double w) {
			return innerRadius(Math.atan2(v, u), w) - Math.hypot(u, v);
		}

		/** Lateral displacement of the midline at (v, w), towards the left when positive. */
		double midline(double v, double w) {
			if (midlineShift == 0) return 0;
			return midlineShift * bump(v / (75 * scale)) * bump((w - 12 * scale) / (55 * scale));
		}

		/**
		 * Sulcal pattern in [-1, 1] at angle phi and height w: a phase-modulated cosine (one
		 * sulcus per period, irregular spacing) with a slowly varying amplitude (sulcal depth).
		 */
		double sulcal(double phi, double w) {
			double phase = sulcK[0] * phi + sulcPh[0];
			for (int k = 1; k < sulcK.length; k++)
				phase += sulcA[k] * 1.6 * Math.sin(Math.rint(sulcK[k] / 5) * phi + sulcW[k] * w + sulcPh[k]);
			double amp = 0.75 + 0.25 * Math.cos(Math.rint(sulcK[1] / 6) * phi + sulcW[0] * w + sulcPh[1]);
			return amp * Math.cos(phase + 0.08 * w);
		}

		boolean hasVentricles(double w) {
			double ws = w / scale;
			return ws > -2 && ws < 32;
		}
	}

	// -- Per-slice lookup tables --

	private static final class SliceTables {

		final double[] rOut = new double[BINS], scalp = new double[BINS], skull = new double[BINS],
			sulc = new double[BINS], gmT = new double[BINS];
		double maxR;

		SliceTables(Head h, double w) {
			for (int b = 0; b < BINS; b++) {
				double phi = -Math.PI + (b + 0.5) * 2 * Math.PI / BINS;
				rOut[b] = h.outerRadius(phi, w);
				scalp[b] = h.scalpThickness(phi, w);
				skull[b] = h.skullThickness(phi, w);
				sulc[b] = h.sulcal(phi, w);
				gmT[b] = h.gmThick * (1 + 0.15 * Math.cos(5 * phi + 0.05 * w));
				maxR = Math.max(maxR, rOut[b]);
			}
		}
	}

	/** Everything known about one voxel while rendering. */
	static final class Ctx {
		double dx, dy, u, v, w, up, rho, phi, depth;
		Tissue tissue;
		boolean nucleus;
	}

	// -- Anatomy of the brain --

	/** Tissue of a point inside the inner table (ctx.depth >= 0); sets nothing else. */
	private static Tissue brainTissue(Head h, SliceTables t, int bin, Ctx c) {
		double sc = h.scale;
		double up = c.up, v = c.v, w = c.w, d = c.depth;
		double us = up / sc, vs = v / sc, ws = w / sc;
		// deep structures
		c.nucleus = false;
		if (d > 6) {
			Tissue deep = deepTissue(h, us, vs, ws);
			if (deep != null) return deep;
			if (inNucleus(us, vs, ws)) {
				c.nucleus = true;
				return Tissue.GRAY;
			}
		}
		if (d < h.csf0) return Tissue.CSF;
		int wb = bin + (int) (h.wiggle * Math.sin(0.45 * d + 7 * c.phi + h.wigglePhase));
		double p = t.sulc[wb & (BINS - 1)];
		double q = (d - h.csf0) / h.sulcusDepth;
		double thr = h.sulcusThr;
		if (p > thr && (p - thr) / (1 - thr) > q) return Tissue.CSF;
		// interhemispheric fissure and falx
		double ant = -26 + Math.max(0, ws - 30) * 6, post = 33 - Math.max(0, ws - 30) * 6;
		boolean fissure = vs < ant || vs > post;
		double au = Math.abs(up);
		if (fissure && ws > -40) {
			double gap = d < 12 ? 0.9 * (1 - d / 12) : 0; // CSF only near the poles and vertex
			if (au < 0.22) return Tissue.FALX;
			if (au < 0.22 + gap) return Tissue.CSF;
			if (au < 0.22 + gap + 0.35 * t.gmT[bin]) return Tissue.GRAY;
		}
		double thr2 = thr - 0.3;
		double gmDepth = h.csf0 + t.gmT[bin] + h.sulcusDepth * Math.max(0, (p - thr2) / (1 - thr2));
		if (d < gmDepth) return Tissue.GRAY;
		return Tissue.WHITE;
	}

	/** Ventricles, cisterns, deep nuclei, insula; in standard head coordinates (mm). */
	private static Tissue deepTissue(Head h, double u, double v, double w) {
		double au = Math.abs(u);
		double side = u >= 0 ? 1 : -1;
		double vsc = h.ventScale;
		// lateral ventricles
		if (au < 24 && v > -40 && v < 46 && w > -8 && w < 38) {
			if (inVentricle(au, v, w, vsc)) return Tissue.VENTRICLE;
		}
		// third ventricle
		if (au < 1.6 * Math.sqrt(vsc) && v > -9 && v < 7 && w > -12 && w < 4) return Tissue.VENTRICLE;
		// Sylvian fissure and insula
		if (w > -18 && w < 14 && au > 28) {
			double wz = bump(w / 18.0);
			double along = (au - 36) / 50;
			double bend = 4 * Math.sin(Math.max(0, along) * 3 + w * 0.15);
			double dist = segmentDistance(au, v - bend, 36, -3, 86, -16);
			if (dist < (0.5 + 1.6 * Math.max(0, along)) * wz) return Tissue.CSF;
		}
		// basal cisterns around the midbrain, temporal horns
		if (w < -13 && w > -39) {
			double wz = bump((w + 26) / 14);
			// interpeduncular fossa: a notch in the front of the midbrain
			if (ellipse(u, v - 6 + 8 * wz, 2.2 * wz, 3.5 * wz)) return Tissue.CSF;
			if (ellipse(u, v - 6, 11 * wz, 9 * wz)) return null; // midbrain: see inNucleus
			// ambient and quadrigeminal cisterns around its sides and back
			if (v - 6 > -5 * wz && ellipse(u, v - 6.5, 12.5 * wz, 11 * wz)) return Tissue.CSF;
			// suprasellar cistern: a five-pointed star
			double ang = Math.atan2(v + 13, u);
			double star = 1 + 0.15 * Math.cos(5 * (ang + Math.PI / 2));
			if (ellipse(u, v + 13, 8 * wz * star, 6 * wz * star)) return Tissue.CSF;
			if (ellipse(au - 28, v - 2, 2 * wz * vsc, 6 * wz)) return Tissue.VENTRICLE;
		}
		return null;
	}

	/** Caudate heads, thalami, lentiform nuclei, midbrain (standard head coordinates, mm). */
	private static boolean inNucleus(double u, double v, double w) {
		double au = Math.abs(u);
		if (w < -13 && w > -39) {
			double wz = bump((w + 26) / 14);
			if (ellipse(u, v - 6, 11 * wz, 9 * wz)) return true;
		}
		if (w > -6 && w < 22 && ellipse(au - 12, v + 17, 4.2, 7.5 * bump((w - 8) / 15))) return true;
		if (w > -20 && w < 6 && ellipse(au - 9.5, v - 4, 7, 10.5 * bump((w + 7) / 14))) return true;
		if (w > -16 && w < 11) {
			double a = Math.toRadians(-18);
			double x = au - 22, y = v + 3;
			double xr = x * Math.cos(a) + y * Math.sin(a), yr = -x * Math.sin(a) + y * Math.cos(a);
			if (ellipse(xr, yr, 5.5 * bump((w + 3) / 14), 13)) return true;
		}
		return false;
	}

	private static boolean ellipse(double x, double y, double a, double b) {
		if (a <= 0 || b <= 0) return false;
		double p = x / a, q = y / b;
		return p * p + q * q < 1;
	}

	// lateral ventricle chain, per side with au = |u|: (u, v, radius, wCentre, wHalf)
	private static final double[][] VENT = { //
		{ 9, -30, 2.2, 10, 14 }, //
		{ 5.4, -20, 4.0, 10, 17 }, //
		{ 5.8, -2, 3.4, 17, 20 }, //
		{ 13, 18, 5.5, 10, 17 }, //
		{ 11, 33, 2.5, 6, 11 } };

	private static boolean inVentricle(double au, double v, double w, double vsc) {
		for (int i = 0; i + 1 < VENT.length; i++) {
			double[] a = VENT[i], b = VENT[i + 1];
			double ra = a[2] * vsc * halfEllipse((w - a[3]) / a[4]);
			double rb = b[2] * vsc * halfEllipse((w - b[3]) / b[4]);
			if (ra <= 0 && rb <= 0) continue;
			double ex = b[0] - a[0], ey = b[1] - a[1];
			double tt = ((au - a[0]) * ex + (v - a[1]) * ey) / (ex * ex + ey * ey);
			tt = Math.max(0, Math.min(1, tt));
			double px = a[0] + tt * ex - au, py = a[1] + tt * ey - v;
			double rr = ra + tt * (rb - ra);
			if (px * px + py * py < rr * rr) return true;
		}
		return false;
	}

	private static double segmentDistance(double x, double y, double ax, double ay, double bx,
		double by)
	{
		double ex = bx - ax, ey = by - ay;
		double tt = ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey);
		tt = Math.max(0, Math.min(1, tt));
		return Math.hypot(ax + tt * ex - x, ay + tt * ey - y);
	}

	private static double tissueHu(Head h, Tissue t, boolean nucleus) {
		if (nucleus) return h.deepGm;
		switch (t) {
			case CSF:
			case VENTRICLE: return h.csf;
			case GRAY: return h.gm;
			case WHITE: return h.wm;
			case FALX: return h.falxHu;
			default: throw new IllegalStateException(t.name());
		}
	}

	// -- Lesions --

	/** A lesion shape in the head frame; value() paints it in a second pass. */
	abstract static class Shape {

		final int labelClass, side;
		final String subtype;
		double hu;

		Shape(int labelClass, String subtype, int side) {
			this.labelClass = labelClass;
			this.subtype = subtype;
			this.side = side;
		}

		abstract boolean contains(Ctx c);

		/** The HU painted over a voxel whose anatomy HU was orig. */
		float value(float orig, double[] hemiMean, double ownMean) {
			return (float) hu;
		}
	}

	/** Irregular intraparenchymal blob. */
	static final class Blob extends Shape {
		final double cu, cv, cw, a, b, cz, cosA, sinA;
		final double[] eps = new double[4], ph = new double[4];

		Blob(int side, double cu, double cv, double cw, double a, double b, double cz, double alpha,
			SplittableRandom r)
		{
			super(Lesion.HEMORRHAGE, "IPH", side);
			this.cu = cu; this.cv = cv; this.cw = cw; this.a = a; this.b = b; this.cz = cz;
			cosA = Math.cos(alpha);
			sinA = Math.sin(alpha);
			for (int k = 0; k < eps.length; k++) {
				eps[k] = uniform(r, 0, 0.14 / (1 + 0.5 * k));
				ph[k] = uniform(r, 0, 2 * Math.PI);
			}
			hu = uniform(r, 58, 85);
		}

		@Override
		boolean contains(Ctx c) {
			double z = (c.w - cw) / cz;
			if (z * z > 1.8 || c.depth < 2 || c.up * side <= 0.5) return false;
			double x = c.u - cu, y = c.v - cv;
			double xr = (x * cosA + y * sinA) / a, yr = (-x * sinA + y * cosA) / b;
			double e = xr * xr + yr * yr + z * z;
			if (e > 1.8) return false;
			double ang = Math.atan2(yr, xr);
			double p = 1;
			for (int k = 0; k < eps.length; k++)
				p += eps[k] * Math.cos((k + 2) * ang + ph[k] + 0.7 * z);
			return e < p * p;
		}
	}

	/** Exact ellipsoid aligned with the image axes (physical mm offsets from the head centre). */
	static final class ExactEllipsoid extends Shape {
		final double ex, ey, ew, a, b, cz;

		ExactEllipsoid(int side, double ex, double ey, double ew, PhantomSettings.Ellipsoid e,
			double hu)
		{
			super(Lesion.HEMORRHAGE, "IPH", side);
			this.ex = ex; this.ey = ey; this.ew = ew;
			a = e.semiAxisX();
			b = e.semiAxisY();
			cz = e.semiAxisZ();
			this.hu = hu;
		}

		@Override
		boolean contains(Ctx c) {
			double x = (c.dx - ex) / a, y = (c.dy - ey) / b, z = (c.w - ew) / cz;
			return x * x + y * y + z * z <= 1;
		}
	}

	/** Subdural crescent or epidural lens under the inner table. */
	static final class ExtraAxial extends Shape {
		final double phiC, span, thick, cw, halfH;
		final boolean epidural;

		ExtraAxial(boolean epidural, int side, double phiC, double span, double thick, double cw,
			double halfH, SplittableRandom r)
		{
			super(Lesion.HEMORRHAGE, epidural ? "EDH" : "SDH", side);
			this.epidural = epidural;
			this.phiC = phiC; this.span = span; this.thick = thick; this.cw = cw; this.halfH = halfH;
			hu = epidural ? uniform(r, 60, 85) : uniform(r, 55, 80);
		}

		@Override
		boolean contains(Ctx c) {
			if (c.depth < 0 || c.depth > thick || c.up * side <= 0) return false;
			double x = angleDiff(c.phi, phiC) / span, z = (c.w - cw) / halfH;
			if (x * x >= 1 || z * z >= 1) return false;
			double prof = epidural ? Math.sqrt((1 - x * x) * (1 - z * z))
				: Math.sqrt((1 - x * x * x * x) * (1 - z * z * z * z));
			return c.depth < thick * prof;
		}
	}

	/** Subarachnoid blood: CSF spaces (not ventricles) within a sphere. */
	static final class Subarachnoid extends Shape {
		final double cu, cv, cw, radius;

		Subarachnoid(int side, double cu, double cv, double cw, double radius, SplittableRandom r) {
			super(Lesion.HEMORRHAGE, "SAH", side);
			this.cu = cu; this.cv = cv; this.cw = cw; this.radius = radius;
			hu = uniform(r, 52, 68);
		}

		@Override
		boolean contains(Ctx c) {
			if (c.tissue != Tissue.CSF || c.up * side <= 0) return false;
			double x = c.u - cu, y = c.v - cv, z = c.w - cw;
			return x * x + y * y + z * z < radius * radius;
		}
	}

	/** Intraventricular blood layering in the dependent (posterior) part of one ventricle. */
	static final class Intraventricular extends Shape {
		final double level;

		Intraventricular(int side, double level, SplittableRandom r) {
			super(Lesion.HEMORRHAGE, "IVH", side);
			this.level = level;
			hu = uniform(r, 55, 78);
		}

		@Override
		boolean contains(Ctx c) {
			return c.tissue == Tissue.VENTRICLE && c.up * side > 0 && c.v > level;
		}
	}

	/** Territorial infarct: a wedge of parenchyma in one hemisphere. */
	static final class Infarct extends Shape {
		final double vc, th0, th1, depthMax, cw, halfH, drop, ph1, ph2;

		Infarct(String territory, int side, double vc, double th0, double th1, double depthMax,
			double cw, double halfH, SplittableRandom r)
		{
			super(Lesion.ISCHEMIA, territory, side);
			this.vc = vc; this.th0 = th0; this.th1 = th1; this.depthMax = depthMax;
			this.cw = cw; this.halfH = halfH;
			drop = uniform(r, 7, 13);
			ph1 = uniform(r, 0, 2 * Math.PI);
			ph2 = uniform(r, 0, 2 * Math.PI);
		}

		@Override
		boolean contains(Ctx c) {
			if (c.tissue != Tissue.GRAY && c.tissue != Tissue.WHITE) return false;
			double l = c.up * side;
			if (l <= 0.5) return false;
			double z = (c.w - cw) / halfH;
			if (z * z >= 1) return false;
			double th = Math.atan2(l, -(c.v - vc));
			double p = 0.1 * Math.sin(0.2 * c.depth + 0.08 * c.w + ph1) + 0.04 * Math.sin(0.8 * c.depth +
				0.3 * c.w + ph2);
			if (th < th0 + p || th > th1 + p) return false;
			double dm = depthMax * (1 + 0.1 * Math.sin(3 * th + 0.1 * c.w + ph2) + 0.06 * Math.sin(11 * th +
				ph1)) * Math.sqrt(1 - z * z);
			return c.depth < dm;
		}

		@Override
		float value(float orig, double[] hemiMean, double ownMean) {
			double m = hemiMean[side > 0 ? 0 : 1];
			return (float) (m - drop + 0.3 * (orig - ownMean));
		}
	}

	private static final String[] HEM_TYPES = { "IPH", "IPH", "IPH", "SDH", "SDH", "EDH", "SAH",
		"SAH", "IVH", "IVH" };

	private static List<Shape> planLesions(PhantomSettings s, Head h, SplittableRandom r) {
		List<Shape> out = new ArrayList<>();
		int firstSide = s.midlineShiftMm() > 0 ? -1 : s.midlineShiftMm() < 0 ? 1 : 0;
		if (s.ellipsoidHemorrhage() != null) {
			out.add(placeEllipsoid(s, h, r, firstSide != 0 ? firstSide : r.nextBoolean() ? 1 : -1));
			return out;
		}
		LesionKind kind = s.lesionKind();
		int count = s.lesionCount();
		if (kind == LesionKind.RANDOM) {
			kind = LesionKind.values()[r.nextInt(4)];
			count = count == 0 ? 0 : 1 + r.nextInt(count);
		}
		if (kind == LesionKind.NONE) return out;
		for (int i = 0; i < count; i++) {
			int side = i == 0 && firstSide != 0 ? firstSide : r.nextBoolean() ? 1 : -1;
			boolean hem = kind == LesionKind.HEMORRHAGE ||
				(kind == LesionKind.MIXED && r.nextBoolean());
			out.add(hem ? planHemorrhage(s, h, r, side) : planInfarct(s, h, r, side));
		}
		return out;
	}

	/** Height of a lesion centre: near the slice in 2D, in the cerebrum in 3D. */
	private static double lesionHeight(PhantomSettings s, Head h, SplittableRandom r, double lo,
		double hi, double jitter)
	{
		if (s.is2D()) return h.slice2dW + uniform(r, -jitter, jitter);
		return uniform(r, lo, hi) * h.scale;
	}

	private static Shape planHemorrhage(PhantomSettings s, Head h, SplittableRandom r, int side) {
		String type = HEM_TYPES[r.nextInt(HEM_TYPES.length)];
		if (type.equals("IVH") && s.is2D() && !h.hasVentricles(h.slice2dW)) type = "IPH";
		double sc = h.scale;
		switch (type) {
			case "SDH":
			case "EDH": {
				boolean epi = type.equals("EDH");
				// EDH stays clear of the midline; SDH may reach the falx, where it stops
				double t = epi ? uniform(r, -0.7, 1.0) : uniform(r, -1.1, 1.1);
				double phiC = side > 0 ? t : Math.PI - t;
				double span = epi ? uniform(r, 0.28, 0.5) : uniform(r, 0.6, 1.15);
				double thick = epi ? uniform(r, 9, 22) : uniform(r, 4, 14);
				double halfH = epi ? uniform(r, 18, 30) : uniform(r, 28, 50);
				double cw = lesionHeight(s, h, r, -5, 45, 0.3 * halfH);
				return new ExtraAxial(epi, side, phiC, span, thick, cw, halfH, r);
			}
			case "SAH": {
				double cw = lesionHeight(s, h, r, -25, 40, 6);
				double phi = side > 0 ? uniform(r, -1.3, 1.3) : Math.PI - uniform(r, -1.3, 1.3);
				double rin = Math.max(10, h.innerRadius(phi, cw));
				double rad = rin - uniform(r, 3, 10);
				if (cw < -10 * sc && r.nextBoolean()) rad = 12 * sc; // basal cisterns
				return new Subarachnoid(side, rad * Math.cos(phi), rad * Math.sin(phi), cw,
					uniform(r, 18, 34), r);
			}
			case "IVH":
				return new Intraventricular(side, uniform(r, -5, 22) * sc, r);
			default: {
				double cw = lesionHeight(s, h, r, -10, 45, 4);
				double a = uniform(r, 5, 18), b = uniform(r, 5, 18), cz = uniform(r, 5, 15);
				double cu, cv;
				if (r.nextDouble() < 0.45) { // basal ganglia / thalamus
					cu = side * uniform(r, 12, 26) * sc;
					cv = uniform(r, -12, 12) * sc;
					a = Math.min(a, 13);
					b = Math.min(b, 15);
				}
				else { // lobar
					double phi = side > 0 ? uniform(r, -1.3, 1.3) : Math.PI - uniform(r, -1.3, 1.3);
					double rin = h.innerRadius(phi, cw);
					double rad = Math.max(0, rin - Math.max(a, b) - uniform(r, 6, 15));
					rad = Math.max(rad, 15 * sc);
					cu = rad * Math.cos(phi);
					cv = rad * Math.sin(phi);
					if (cu * side < Math.max(a, b) * 0.6) cu = side * Math.max(a, b) * 0.6;
				}
				return new Blob(side, cu, cv, cw, a, b, cz, uniform(r, 0, Math.PI), r);
			}
		}
	}

	private static Shape placeEllipsoid(PhantomSettings s, Head h, SplittableRandom r, int side) {
		PhantomSettings.Ellipsoid e = s.ellipsoidHemorrhage();
		double hu = uniform(r, 60, 80);
		for (int tries = 0; tries < 400; tries++) {
			double ew = s.is2D() ? h.slice2dW : uniform(r, 0, 35) * h.scale;
			double u = side * uniform(r, 8, 50) * h.scale, v = uniform(r, -45, 45) * h.scale;
			// head frame (u, v) -> image-axis offsets (dx, dy)
			double ex = u * h.cosR - v * h.sinR, ey = u * h.sinR + v * h.cosR;
			if (ellipsoidFits(h, side, ex, ey, ew, e, s.is2D())) return new ExactEllipsoid(side, ex, ey,
				ew, e, hu);
		}
		throw new IllegalArgumentException(String.format(
			"ellipsoid hemorrhage %.1f x %.1f x %.1f mm does not fit into one hemisphere",
			e.semiAxisX(), e.semiAxisY(), e.semiAxisZ()));
	}

	private static boolean ellipsoidFits(Head h, int side, double ex, double ey, double ew,
		PhantomSettings.Ellipsoid e, boolean twoD)
	{
		int nt = twoD ? 1 : 16;
		for (int it = 0; it <= nt; it++) {
			double theta = twoD ? Math.PI / 2 : Math.PI * it / nt;
			for (int ip = 0; ip < 48; ip++) {
				double phi = 2 * Math.PI * ip / 48;
				double dx = ex + e.semiAxisX() * Math.sin(theta) * Math.cos(phi);
				double dy = ey + e.semiAxisY() * Math.sin(theta) * Math.sin(phi);
				double w = ew + e.semiAxisZ() * Math.cos(theta);
				double u = dx * h.cosR + dy * h.sinR, v = -dx * h.sinR + dy * h.cosR;
				if (h.depth(u, v, w) < 4) return false;
				if ((u - h.midline(v, w)) * side < 3) return false;
			}
		}
		return true;
	}

	private static Shape planInfarct(PhantomSettings s, Head h, SplittableRandom r, int side) {
		double x = r.nextDouble();
		double sc = h.scale;
		if (x < 0.55) {
			boolean full = r.nextDouble() < 0.3;
			double th0 = full ? 0.62 : uniform(r, 0.62, 1.7);
			double th1 = full ? 2.35 : Math.min(2.35, th0 + uniform(r, 0.5, 1.1));
			double depth = full ? uniform(r, 40, 55) * sc : uniform(r, 16, 35) * sc;
			double halfH = uniform(r, 20, 40) * sc;
			return new Infarct("MCA", side, 5 * sc, th0, th1, depth, lesionHeight(s, h, r, -5, 35, 5),
				s.is2D() ? 100 : halfH, r);
		}
		if (x < 0.78) {
			double th1 = uniform(r, 0.4, 0.62);
			return new Infarct("ACA", side, 5 * sc, 0, th1, uniform(r, 25, 45) * sc,
				lesionHeight(s, h, r, 10, 50, 5), s.is2D() ? 100 : uniform(r, 20, 35) * sc, r);
		}
		double th0 = uniform(r, 2.35, 2.6);
		return new Infarct("PCA", side, 5 * sc, th0, Math.PI + 0.01, uniform(r, 25, 45) * sc,
			lesionHeight(s, h, r, -20, 15, 5), s.is2D() ? 100 : uniform(r, 15, 30) * sc, r);
	}

	// -- Rendering --

	private static final class Rendered {
		final float[] hu, labels, mask, tissues, ids;
		final List<Shape> shapes;
		final long[] counts;
		final Head head;

		Rendered(int n, List<Shape> shapes, Head head) {
			hu = new float[n];
			labels = new float[n];
			mask = new float[n];
			tissues = new float[n];
			ids = new float[n];
			this.shapes = shapes;
			this.head = head;
			counts = new long[shapes.size() + 1];
		}

		boolean allLesionsVisible() {
			for (int i = 1; i < counts.length; i++)
				if (counts[i] < MIN_LESION_VOXELS) return false;
			return true;
		}
	}

	private static Rendered render(PhantomSettings s, Head h, List<Shape> shapes) {
		int nx = s.nx(), ny = s.ny(), nz = s.nz();
		double sx = s.spacingX(), sy = s.spacingY(), sz = s.spacingZ();
		Rendered out = new Rendered(nx * ny * nz, shapes, h);
		int ns = shapes.size();
		double[] hemiSum = new double[2];
		long[] hemiCount = new long[2];
		double[] ownSum = new double[ns + 1];
		Ctx c = new Ctx();
		double scaleBins = BINS / (2 * Math.PI);
		for (int k = 0; k < nz; k++) {
			double w = s.is2D() ? h.slice2dW : (k - (nz - 1) / 2.0) * sz + h.cz;
			SliceTables t = new SliceTables(h, w);
			c.w = w;
			for (int j = 0; j < ny; j++) {
				double dy = (j - (ny - 1) / 2.0) * sy - h.cy;
				int row = (k * ny + j) * nx;
				for (int i = 0; i < nx; i++) {
					int idx = row + i;
					double dx = (i - (nx - 1) / 2.0) * sx - h.cx;
					double u = dx * h.cosR + dy * h.sinR, v = -dx * h.sinR + dy * h.cosR;
					double rho = Math.sqrt(u * u + v * v);
					if (rho >= t.maxR) {
						out.hu[idx] = -1000;
						continue;
					}
					double phi = Math.atan2(v, u);
					int b = (int) ((phi + Math.PI) * scaleBins);
					if (b >= BINS) b = BINS - 1;
					double dOut = t.rOut[b] - rho;
					if (dOut <= 0) {
						out.hu[idx] = -1000;
						continue;
					}
					double scalp = t.scalp[b];
					if (dOut < scalp) {
						out.tissues[idx] = Tissue.SCALP.code();
						out.hu[idx] = (float) (dOut < h.skin ? h.scalpHu
							: dOut < h.skin + h.fat ? h.fatHu : h.scalpHu);
						continue;
					}
					double dSkull = dOut - scalp, skullT = t.skull[b];
					if (dSkull < skullT) {
						double q = dSkull / skullT;
						out.tissues[idx] = Tissue.SKULL.code();
						out.hu[idx] = (float) (q < 0.3 || q > 0.7 ? h.tableHu
							: h.diploeHu + 60 * Math.sin(0.9 * u + 1.3 * v + 0.5 * w));
						continue;
					}
					c.dx = dx; c.dy = dy; c.u = u; c.v = v; c.rho = rho; c.phi = phi;
					c.depth = dSkull - skullT;
					c.up = u - h.midline(v, w);
					Tissue tis = brainTissue(h, t, b, c);
					c.tissue = tis;
					out.tissues[idx] = tis.code();
					out.mask[idx] = 1;
					float hu = (float) tissueHu(h, tis, c.nucleus);
					out.hu[idx] = hu;
					int id = 0;
					for (int l = ns - 1; l >= 0; l--) {
						if (shapes.get(l).contains(c)) {
							id = l + 1;
							break;
						}
					}
					if (id > 0) {
						out.ids[idx] = id;
						out.counts[id]++;
						ownSum[id] += hu;
					}
					else if ((tis == Tissue.GRAY || tis == Tissue.WHITE) && c.up != 0) {
						int hemi = c.up > 0 ? 0 : 1;
						hemiSum[hemi] += hu;
						hemiCount[hemi]++;
					}
				}
			}
		}
		if (ns == 0) return out;
		double[] hemiMean = { hemiSum[0] / Math.max(1, hemiCount[0]),
			hemiSum[1] / Math.max(1, hemiCount[1]) };
		for (int idx = 0; idx < out.hu.length; idx++) {
			int id = (int) out.ids[idx];
			if (id == 0) continue;
			Shape sh = shapes.get(id - 1);
			out.hu[idx] = sh.value(out.hu[idx], hemiMean, ownSum[id] / out.counts[id]);
			out.labels[idx] = sh.labelClass;
		}
		return out;
	}

	// -- Lesion truth, blur, streaks, noise --

	private static Phantom finish(PhantomSettings s, Rendered r) {
		int nx = s.nx(), ny = s.ny(), nz = s.nz();
		Head h = r.head;
		List<Lesion> lesions = measureLesions(s, r);
		blur(r.hu, nx, ny, nz, s.partialVolumeMm() / s.spacingX(), s.partialVolumeMm() / s.spacingY());
		SplittableRandom noiseRandom = new SplittableRandom(mix(s.seed(), 0x5EEDL));
		if (s.streaks()) addStreaks(s, h, r.hu, noiseRandom);
		if (s.noiseSigmaHu() > 0) addNoise(s, r.hu, noiseRandom);
		for (int i = 0; i < r.hu.length; i++)
			r.hu[i] = Math.max(-1024f, Math.min(3071f, r.hu[i]));
		double[] spacing = { s.spacingX(), s.spacingY(), s.spacingZ() };
		String src = "phantom seed " + s.seed();
		Map<String, String> extra = Map.of("seed", Long.toString(s.seed()));
		Volume hu = Volume.of(r.hu, nx, ny, nz, spacing, new ImageMetadata("CT", "phantom",
			ValueUnit.HU, "LPS", src, extra));
		ImageMetadata lab = new ImageMetadata("OT", "phantom", ValueUnit.ARBITRARY, "LPS", src,
			extra);
		double czVoxel = s.is2D() ? -h.slice2dW / s.spacingZ() : (nz - 1) / 2.0 - h.cz / s.spacingZ();
		double[] centre = { (nx - 1) / 2.0 + h.cx / s.spacingX(), (ny - 1) / 2.0 + h.cy / s.spacingY(),
			czVoxel };
		return new Phantom(s, hu, hu.withData(r.labels).withMetadata(lab), hu.withData(r.mask)
			.withMetadata(lab), hu.withData(r.tissues).withMetadata(lab), hu.withData(r.ids)
				.withMetadata(lab), lesions, Math.toDegrees(h.rotation), h.midlineShift, centre,
			h.scale);
	}

	private static List<Lesion> measureLesions(PhantomSettings s, Rendered r) {
		int nx = s.nx(), ny = s.ny(), nz = s.nz(), ns = r.shapes.size();
		long[] count = new long[ns + 1];
		double[][] sum = new double[ns + 1][3];
		double[] huSum = new double[ns + 1];
		int[][] min = new int[ns + 1][], max = new int[ns + 1][];
		for (int k = 0, idx = 0; k < nz; k++)
			for (int j = 0; j < ny; j++)
				for (int i = 0; i < nx; i++, idx++) {
					int id = (int) r.ids[idx];
					if (id == 0) continue;
					count[id]++;
					sum[id][0] += i;
					sum[id][1] += j;
					sum[id][2] += k;
					huSum[id] += r.hu[idx];
					if (min[id] == null) {
						min[id] = new int[] { i, j, k };
						max[id] = new int[] { i, j, k };
					}
					else {
						min[id][0] = Math.min(min[id][0], i);
						min[id][1] = Math.min(min[id][1], j);
						max[id][0] = Math.max(max[id][0], i);
						max[id][1] = Math.max(max[id][1], j);
						max[id][2] = k;
					}
				}
		// renumber so that ids are 1..n over lesions that have voxels
		int[] newId = new int[ns + 1];
		List<Lesion> out = new ArrayList<>();
		Head h = r.head;
		for (int id = 1; id <= ns; id++) {
			if (count[id] == 0) continue;
			newId[id] = out.size() + 1;
			Shape sh = r.shapes.get(id - 1);
			double[] cen = { sum[id][0] / count[id], sum[id][1] / count[id], sum[id][2] / count[id] };
			double dx = (cen[0] - (nx - 1) / 2.0) * s.spacingX() - h.cx;
			double dy = (cen[1] - (ny - 1) / 2.0) * s.spacingY() - h.cy;
			double w = s.is2D() ? h.slice2dW : (cen[2] - (nz - 1) / 2.0) * s.spacingZ() + h.cz;
			double u = dx * h.cosR + dy * h.sinR, v = -dx * h.sinR + dy * h.cosR;
			double up = u - h.midline(v, w);
			String hemi = up > 0 ? "left" : up < 0 ? "right" : sh.side > 0 ? "left" : "right";
			out.add(new Lesion(newId[id], sh.labelClass, sh.subtype, count[id], count[id] * s
				.voxelVolumeMl(), hemi, min[id], max[id], cen, huSum[id] / count[id]));
		}
		for (int idx = 0; idx < r.ids.length; idx++) {
			int id = (int) r.ids[idx];
			if (id != 0) r.ids[idx] = newId[id];
		}
		return out;
	}

	/**
	 * In-plane separable Gaussian blur of every slice (edges replicated); single-threaded and
	 * small-kernel, so fast and bit-reproducible.
	 */
	static void blur(float[] data, int nx, int ny, int nz, double sigmaX, double sigmaY) {
		if (sigmaX < 0.05 && sigmaY < 0.05) return;
		float[] kx = kernel(sigmaX), ky = kernel(sigmaY);
		int rx = kx.length / 2, ry = ky.length / 2;
		float[] line = new float[Math.max(nx + 2 * rx, ny + 2 * ry)];
		for (int k = 0; k < nz; k++) {
			int off = k * nx * ny;
			if (kx.length > 1) for (int j = 0; j < ny; j++) {
				int row = off + j * nx;
				for (int i = -rx; i < nx + rx; i++)
					line[i + rx] = data[row + Math.max(0, Math.min(nx - 1, i))];
				for (int i = 0; i < nx; i++) {
					float sum = 0;
					for (int t = 0; t < kx.length; t++)
						sum += kx[t] * line[i + t];
					data[row + i] = sum;
				}
			}
			if (ky.length > 1) for (int i = 0; i < nx; i++) {
				for (int j = -ry; j < ny + ry; j++)
					line[j + ry] = data[off + Math.max(0, Math.min(ny - 1, j)) * nx + i];
				for (int j = 0; j < ny; j++) {
					float sum = 0;
					for (int t = 0; t < ky.length; t++)
						sum += ky[t] * line[j + t];
					data[off + j * nx + i] = sum;
				}
			}
		}
	}

	/** Normalised Gaussian kernel of radius ceil(3 sigma); {1} for sigma below 0.05. */
	static float[] kernel(double sigma) {
		if (sigma < 0.05) return new float[] { 1 };
		int r = (int) Math.ceil(3 * sigma);
		double[] w = new double[2 * r + 1];
		double sum = 0;
		for (int t = -r; t <= r; t++)
			sum += w[t + r] = Math.exp(-t * t / (2 * sigma * sigma));
		float[] k = new float[w.length];
		for (int t = 0; t < w.length; t++)
			k[t] = (float) (w[t] / sum);
		return k;
	}

	private static void addNoise(PhantomSettings s, float[] hu, SplittableRandom r) {
		int n = hu.length;
		float[] noise = new float[n];
		for (int i = 0; i < n; i++)
			noise[i] = (float) r.nextGaussian();
		// CT noise is spatially correlated: blur it a little, then restore the wanted sigma
		blur(noise, s.nx(), s.ny(), s.nz(), 0.55, 0.55);
		double ss = 0;
		for (float v : noise)
			ss += (double) v * v;
		double f = s.noiseSigmaHu() / Math.sqrt(ss / n);
		for (int i = 0; i < n; i++)
			hu[i] += (float) (noise[i] * f);
	}

	private static void addStreaks(PhantomSettings s, Head h, float[] hu, SplittableRandom r) {
		int nx = s.nx(), ny = s.ny(), nz = s.nz();
		double sx = s.spacingX(), sy = s.spacingY();
		for (int k = 0; k < nz; k++) {
			double w = s.is2D() ? h.slice2dW : (k - (nz - 1) / 2.0) * s.spacingZ() + h.cz;
			if (h.outerRadius(0, w) <= 0) continue;
			boolean base = w < -30 * h.scale;
			int count = (base ? 2 : 0) + r.nextInt(2);
			double[][] lines = new double[count][];
			for (int l = 0; l < count; l++) {
				double phi = uniform(r, -Math.PI, Math.PI);
				double rad = Math.max(0, h.innerRadius(phi, w)) + 0.5 * h.skullThickness(phi, w);
				double su = rad * Math.cos(phi), sv = rad * Math.sin(phi);
				double sdx = su * h.cosR - sv * h.sinR, sdy = su * h.sinR + sv * h.cosR;
				double beta = phi + Math.PI + uniform(r, -0.6, 0.6);
				// mostly dark (photon starvation) bands, now and then a bright one
				double amp = (r.nextDouble() < 0.75 ? -1 : 1) * (base ? uniform(r, 8, 18) : uniform(r, 2,
					5));
				double width = uniform(r, 0.4, 1.0);
				lines[l] = new double[] { sdx, sdy, Math.cos(beta), Math.sin(beta), amp, width,
					uniform(r, 40, 90) };
			}
			for (int j = 0; j < ny; j++) {
				double dy = (j - (ny - 1) / 2.0) * sy - h.cy;
				for (int i = 0; i < nx; i++) {
					int idx = (k * ny + j) * nx + i;
					if (hu[idx] < -500) continue;
					double dx = (i - (nx - 1) / 2.0) * sx - h.cx;
					double add = 0;
					for (double[] ln : lines) {
						double px = dx - ln[0], py = dy - ln[1];
						double along = px * ln[2] + py * ln[3];
						if (along < 0) continue;
						double perp = -px * ln[3] + py * ln[2];
						double wd = ln[5];
						if (Math.abs(perp) > 4 * wd + 2) continue;
						double ap = Math.abs(perp) - 2 * wd;
						double g = Math.exp(-perp * perp / (2 * wd * wd)) - 0.3 * Math.exp(-ap * ap / (2 * wd *
							wd));
						add += ln[4] * g * Math.exp(-along / ln[6]);
					}
					hu[idx] += (float) add;
				}
			}
		}
	}
}
