package org.scalebridge.continuum;

import java.util.function.DoubleUnaryOperator;

/**
 * A particle's scalar material function f(x) on [a, b] (μ_hom(x), D(x)) tabulated once per run and evaluated by
 * piecewise cubic Hermite interpolation (C¹) with accurately computed node slopes (fourth-order central differences),
 * so a residual costs a few multiply–adds per node instead of interpreting the parameter file's expression. The
 * interpolant's derivative is exact for the interpolant, which the analytic particle Jacobians use.
 *
 * <p>Two grids:
 * <ul>
 *   <li>uniform on [a, b] (D(x), whose features — a phase step — can sit anywhere);</li>
 *   <li>graded on [a, b] ⊂ (0, 1) (μ_hom(x) with ideal-mixing terms RT ln(x/(1 − x)) that are singular at both ends):
 *       uniform inside every binade [2⁻ᵏ⁻², 2⁻ᵏ⁻¹] of x below ½ and of 1 − x above ½, P intervals each. The relative
 *       spacing is then ≤ 1/P everywhere, which resolves ln x and ln(1 − x) to the same accuracy down to a ≈ 10⁻⁷,
 *       and a lookup needs only the binary exponent of x (or of 1 − x, exact for x ≥ ½): no logarithm per call.</li>
 * </ul>
 * The grid is refined (P or the uniform interval count doubled) until the interpolant matches f to
 * {@code absTol + relTol·|f|} at three points inside every interval (the middle and the two Gauss points, where
 * Hermite errors peak); {@link #build} returns null when the finest grid does not reach that (a function with kinks,
 * e.g. a piecewise-linear table) or f is not finite there, and the caller then keeps the expression.
 */
final class SmoothTable {
    private static final int UNIFORM_MIN = 256, UNIFORM_MAX = 1 << 16, PER_BINADE_MIN = 16, PER_BINADE_MAX = 1024;

    private final boolean graded;
    // uniform grid: m intervals of width 1/invH from a; c[4k..4k+3] = p0, h·m0, c2, c3 (value = ((c3 t + c2) t + h m0) t + p0)
    private final double a, invH;
    private final int m;
    private final double[] c;
    // graded grid: per side (lo: variable x; hi: variable y = 1 − x), binade k covers [2⁻ᵏ⁻², 2⁻ᵏ⁻¹] with p intervals,
    // coefficients of interval (k, i) at 4 (k p + i) as above (in the side's own variable)
    private final int p, nLo, nHi;
    private final double[] cLo, cHi;
    private final double[] binLo, binInv; // origin 2⁻ᵏ⁻² and 1/h = p 2ᵏ⁺² of binade k
    /** Largest |interpolant − f| found at the check points [units of f], and the largest relative to |f|. */
    final double maxAbsError, maxRelError;

    private SmoothTable(double a, double b, int m, double[] c, int p, int nLo, double[] cLo, int nHi, double[] cHi,
                        double maxAbs, double maxRel) {
        this.graded = c == null;
        this.a = a; this.m = m; this.invH = m > 0 ? m / (b - a) : 0; this.c = c;
        this.p = p; this.nLo = nLo; this.cLo = cLo; this.nHi = nHi; this.cHi = cHi;
        int nb = Math.max(nLo, nHi);
        binLo = new double[nb]; binInv = new double[nb];
        for (int k = 0; k < nb; k++) { binLo[k] = Math.scalb(1.0, -k - 2); binInv[k] = p / binLo[k]; }
        this.maxAbsError = maxAbs; this.maxRelError = maxRel;
    }

    /** Number of grid intervals. */
    int intervals() { return graded ? p * (nLo + nHi) : m; }

    /** f(x) for x in [a, b] (callers handle the outside; the end polynomials continue it a little). */
    double value(double x) {
        if (!graded) {
            double u = (x - a) * invH;
            int k = (int) u;
            if (k >= m) k = m - 1; else if (k < 0) k = 0;
            double t = u - k;
            int o = 4 * k;
            return ((c[o + 3] * t + c[o + 2]) * t + c[o + 1]) * t + c[o];
        }
        return x <= 0.5 ? side(cLo, nLo, x, false) : side(cHi, nHi, 1 - x, false);
    }

    /** df/dx of the interpolant. */
    double derivative(double x) {
        if (!graded) {
            double u = (x - a) * invH;
            int k = (int) u;
            if (k >= m) k = m - 1; else if (k < 0) k = 0;
            double t = u - k;
            int o = 4 * k;
            return ((3 * c[o + 3] * t + 2 * c[o + 2]) * t + c[o + 1]) * invH;
        }
        return x <= 0.5 ? side(cLo, nLo, x, true) : -side(cHi, nHi, 1 - x, true);
    }

    /** The Hermite piece of one side at v (= x or 1 − x) ∈ (0, ½]: its value, or its derivative in v. */
    private double side(double[] cc, int nb, double v, boolean slope) {
        int k = -Math.getExponent(v) - 2; // v ∈ [2^e, 2^(e+1)) → binade k = −e − 2 ([¼, ½) is 0; v = ½ falls to k = 0, t = 1)
        if (k < 0) k = 0; else if (k >= nb) k = nb - 1;
        double inv = binInv[k], u = (v - binLo[k]) * inv;
        int i = (int) u;
        if (i >= p) i = p - 1; else if (i < 0) i = 0;
        double t = u - i;
        int o = 4 * (k * p + i);
        if (slope) return ((3 * cc[o + 3] * t + 2 * cc[o + 2]) * t + cc[o + 1]) * inv;
        return ((cc[o + 3] * t + cc[o + 2]) * t + cc[o + 1]) * t + cc[o];
    }

    /**
     * Tabulates f on [a, b]; {@code graded} requires 0 < a < ½ < b < 1 and grades the grid towards both ends (see the
     * class comment). Returns null if the tolerance is not met on the finest grid or f is not finite on it.
     */
    static SmoothTable build(DoubleUnaryOperator f, double a, double b, boolean graded, double absTol, double relTol) {
        if (graded) {
            if (!(a > 0 && a < 0.5 && b > 0.5 && b < 1)) throw new IllegalArgumentException("graded table needs 0 < a < 1/2 < b < 1");
            int nLo = binades(a), nHi = binades(1 - b);
            DoubleUnaryOperator g = y -> f.applyAsDouble(1 - y); // the upper side in y = 1 − x
            for (int p = PER_BINADE_MIN; p <= PER_BINADE_MAX; p *= 2) {
                double[] cLo = gradedSide(f, nLo, p), cHi = gradedSide(g, nHi, p);
                if (cLo == null || cHi == null) return null;
                SmoothTable tab = new SmoothTable(0, 1, 0, null, p, nLo, cLo, nHi, cHi, 0, 0);
                double[] err = check(tab, f, a, b, absTol, relTol);
                if (err == null) return null;
                if (err[2] == 0) return new SmoothTable(0, 1, 0, null, p, nLo, cLo, nHi, cHi, err[0], err[1]);
            }
            return null;
        }
        for (int m = UNIFORM_MIN; m <= UNIFORM_MAX; m *= 2) {
            double h = (b - a) / m;
            double[] v = new double[m + 1], d = new double[m + 1];
            double hd = Math.min(1e-4 * (b - a), 0.25 * h); // difference step for the node slopes
            for (int i = 0; i <= m; i++) {
                double x = i == m ? b : a + i * h;
                v[i] = f.applyAsDouble(x);
                if (x - 2 * hd >= a && x + 2 * hd <= b) d[i] = centralSlope(f, x, hd);
                else { // fourth-order one-sided difference pointing into [a, b]
                    double sg = x - 2 * hd < a ? 1 : -1, e = sg * hd;
                    d[i] = sg * (-25 * v[i] + 48 * f.applyAsDouble(x + e) - 36 * f.applyAsDouble(x + 2 * e)
                            + 16 * f.applyAsDouble(x + 3 * e) - 3 * f.applyAsDouble(x + 4 * e)) / (12 * hd);
                }
                if (!Double.isFinite(v[i]) || !Double.isFinite(d[i])) return null;
            }
            double[] c = new double[4 * m];
            for (int k = 0; k < m; k++) hermite(c, 4 * k, v[k], v[k + 1], h * d[k], h * d[k + 1]);
            SmoothTable tab = new SmoothTable(a, b, m, c, 0, 0, null, 0, null, 0, 0);
            double[] err = check(tab, f, a, b, absTol, relTol);
            if (err == null) return null;
            if (err[2] == 0) return new SmoothTable(a, b, m, c, 0, 0, null, 0, null, err[0], err[1]);
        }
        return null;
    }

    /** Binades [2⁻ᵏ⁻², 2⁻ᵏ⁻¹], k = 0 … n − 1, needed to reach down to e (> 0). */
    private static int binades(double e) {
        int n = 1;
        while (Math.scalb(1.0, -n - 1) > e) n++;
        return n;
    }

    /** Coefficients of one side: binade k, interval i on [2⁻ᵏ⁻² (1 + i/p), 2⁻ᵏ⁻² (1 + (i+1)/p)]; null if f is not finite. */
    private static double[] gradedSide(DoubleUnaryOperator f, int nb, int p) {
        double[] cc = new double[4 * nb * p];
        for (int k = 0; k < nb; k++) {
            double lo = Math.scalb(1.0, -k - 2), h = lo / p;
            double v0 = Double.NaN, d0 = Double.NaN;
            for (int i = 0; i <= p; i++) {
                double x = lo + i * h;
                // the step depends on x only, so a node shared by two binades (or by both sides at ½) gets one slope: C¹
                double v = f.applyAsDouble(x), d = centralSlope(f, x, x / (16.0 * p));
                if (!Double.isFinite(v) || !Double.isFinite(d)) return null;
                if (i > 0) hermite(cc, 4 * (k * p + i - 1), v0, v, h * d0, h * d);
                v0 = v; d0 = d;
            }
        }
        return cc;
    }

    private static double centralSlope(DoubleUnaryOperator f, double x, double hd) { // fourth order
        return (f.applyAsDouble(x - 2 * hd) - 8 * f.applyAsDouble(x - hd) + 8 * f.applyAsDouble(x + hd) - f.applyAsDouble(x + 2 * hd)) / (12 * hd);
    }

    /** Cubic Hermite on t ∈ [0, 1] with end values p0, p1 and end slopes (×h) m0, m1. */
    private static void hermite(double[] c, int o, double p0, double p1, double m0, double m1) {
        c[o] = p0; c[o + 1] = m0;
        c[o + 2] = 3 * (p1 - p0) - 2 * m0 - m1;
        c[o + 3] = 2 * (p0 - p1) + m0 + m1;
    }

    /**
     * {max abs error, max rel error, 1 if the tolerance fails somewhere} at the check points of every interval inside
     * [a, b] (for the graded grid: points of the sub-intervals of the binades, mapped into [a, b]); null if f is not finite.
     */
    private static double[] check(SmoothTable tab, DoubleUnaryOperator f, double a, double b, double absTol, double relTol) {
        double maxAbs = 0, maxRel = 0;
        if (!tab.graded) {
            double h = (b - a) / tab.m;
            for (int k = 0; k < tab.m; k++) for (double t : CHECK) {
                double[] r = checkAt(tab, f, a + (k + t) * h, absTol, relTol);
                if (r == null) return null;
                maxAbs = Math.max(maxAbs, r[0]); maxRel = Math.max(maxRel, r[1]);
                if (r[2] != 0) return new double[]{maxAbs, maxRel, 1};
            }
            return new double[]{maxAbs, maxRel, 0};
        }
        for (int s = 0; s < 2; s++) {
            int nb = s == 0 ? tab.nLo : tab.nHi;
            for (int k = 0; k < nb; k++) {
                double lo = Math.scalb(1.0, -k - 2), h = lo / tab.p;
                for (int i = 0; i < tab.p; i++) for (double t : CHECK) {
                    double v = lo + (i + t) * h, x = s == 0 ? v : 1 - v;
                    if (x < a || x > b) continue;
                    double[] r = checkAt(tab, f, x, absTol, relTol);
                    if (r == null) return null;
                    maxAbs = Math.max(maxAbs, r[0]); maxRel = Math.max(maxRel, r[1]);
                    if (r[2] != 0) return new double[]{maxAbs, maxRel, 1};
                }
            }
        }
        return new double[]{maxAbs, maxRel, 0};
    }

    private static double[] checkAt(SmoothTable tab, DoubleUnaryOperator f, double x, double absTol, double relTol) {
        double fx = f.applyAsDouble(x);
        if (!Double.isFinite(fx)) return null;
        double err = Math.abs(tab.value(x) - fx);
        return new double[]{err, fx != 0 ? err / Math.abs(fx) : 0, err <= absTol + relTol * Math.abs(fx) ? 0 : 1};
    }

    /** Check points inside each interval: the middle and the two Gauss points. */
    private static final double[] CHECK = {0.5, 0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)};
}
