package org.scalebridge.thermo;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.scalebridge.core.InputException;

/**
 * μ(x) = s·k_BT ln(x/(1−x)) + f(x) with f the natural cubic smoothing spline of the excess part, minimising
 * Σ w_i (y_i − f(x_i))² + λ ∫ f''² dx (Reinsch algorithm, Green &amp; Silverman, Nonparametric Regression and
 * Generalized Linear Models, 1994, §2.3), λ chosen by generalised cross-validation
 * GCV(λ) = n·RSS_w / (n − tr A(λ))² (Craven &amp; Wahba 1979). Outside the data range f continues linearly (natural
 * spline). G is integrated analytically interval by interval.
 */
public final class MuSpline implements MuFunction {
    private final double[] t, a, b, c, d; // f = a + b u + c u² + d u³, u = x − t_i on [t_i, t_{i+1}]
    private final double[] cum;           // ∫_{t_0}^{t_i} f
    private final double idealKT, lo, hi, lambda, edf;

    private MuSpline(double[] t, double[] g, double[] gam, double idealKT, double lo, double hi, double lambda, double edf) {
        int n = t.length;
        this.t = t; this.idealKT = idealKT; this.lo = lo; this.hi = hi; this.lambda = lambda; this.edf = edf;
        a = new double[n]; b = new double[n]; c = new double[n]; d = new double[n]; cum = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            double h = t[i + 1] - t[i];
            a[i] = g[i];
            c[i] = gam[i] / 2;
            d[i] = (gam[i + 1] - gam[i]) / (6 * h);
            b[i] = (g[i + 1] - g[i]) / h - h * (2 * gam[i] + gam[i + 1]) / 6;
            cum[i + 1] = cum[i] + a[i] * h + b[i] * h * h / 2 + c[i] * h * h * h / 3 + d[i] * h * h * h * h / 4;
        }
        int l = n - 1;
        double hl = t[l] - t[l - 1];
        a[l] = g[l];
        b[l] = b[l - 1] + 2 * c[l - 1] * hl + 3 * d[l - 1] * hl * hl; // slope at the last knot, linear beyond
    }

    /** Smoothing parameter chosen by GCV. */
    public double lambda() { return lambda; }

    /** Effective degrees of freedom tr A(λ). */
    public double effectiveDof() { return edf; }

    private double f(double x, int deriv) {
        int n = t.length;
        if (x <= t[0]) return deriv == 0 ? a[0] + b[0] * (x - t[0]) : b[0];
        if (x >= t[n - 1]) return deriv == 0 ? a[n - 1] + b[n - 1] * (x - t[n - 1]) : b[n - 1];
        int i = java.util.Arrays.binarySearch(t, x);
        if (i < 0) i = -i - 2;
        if (i >= n - 1) i = n - 2;
        double u = x - t[i];
        return deriv == 0 ? a[i] + u * (b[i] + u * (c[i] + u * d[i])) : b[i] + u * (2 * c[i] + 3 * u * d[i]);
    }

    private double fInt(double x) { // ∫_{t_0}^{x} f
        int n = t.length;
        if (x <= t[0]) { double u = x - t[0]; return a[0] * u + b[0] * u * u / 2; }
        if (x >= t[n - 1]) { double u = x - t[n - 1]; return cum[n - 1] + a[n - 1] * u + b[n - 1] * u * u / 2; }
        int i = java.util.Arrays.binarySearch(t, x);
        if (i < 0) i = -i - 2;
        if (i >= n - 1) i = n - 2;
        double u = x - t[i];
        return cum[i] + u * (a[i] + u * (b[i] / 2 + u * (c[i] / 3 + u * d[i] / 4)));
    }

    @Override public double mu(double x) { return f(x, 0) + (idealKT == 0 ? 0 : idealKT * Math.log(x / (1 - x))); }
    @Override public double dmu(double x) { return f(x, 1) + (idealKT == 0 ? 0 : idealKT / (x * (1 - x))); }
    @Override public double g(double x) {
        double p = fInt(x);
        if (idealKT != 0) p += idealKT * (xlogx(x) + xlogx(1 - x));
        return p;
    }
    @Override public double lo() { return lo; }
    @Override public double hi() { return hi; }
    @Override public double idealKT() { return idealKT; }
    @Override public String describe() {
        return (idealKT == 0 ? "" : "kT ln(x/(1-x)) + ") + String.format(java.util.Locale.ROOT, "cubic smoothing spline (GCV lambda = %.3g, edf = %.2f)", lambda, edf);
    }

    private static double xlogx(double x) { return x <= 0 ? 0 : x * Math.log(x); }

    /** Fits the spline to (x, μ − ideal) with weights 1/σ² (or 1); duplicates are merged. */
    public static MuSpline fit(double[] x, double[] mu, double[] sigma, double kt, double lo, double hi) {
        int n0 = x.length;
        Integer[] o = new Integer[n0];
        for (int i = 0; i < n0; i++) o[i] = i;
        java.util.Arrays.sort(o, (p, q) -> Double.compare(x[p], x[q]));
        double[] tt = new double[n0], yy = new double[n0], ww = new double[n0];
        int n = 0;
        for (int k = 0; k < n0; k++) {
            int i = o[k];
            double y = mu[i] - (kt == 0 ? 0 : kt * Math.log(x[i] / (1 - x[i])));
            double w = sigma == null ? 1 : 1 / (sigma[i] * sigma[i]);
            if (n > 0 && x[i] == tt[n - 1]) { yy[n - 1] = (yy[n - 1] * ww[n - 1] + y * w) / (ww[n - 1] + w); ww[n - 1] += w; continue; }
            tt[n] = x[i]; yy[n] = y; ww[n] = w; n++;
        }
        if (n < 4) throw InputException.field("free-energy", "data", "a smoothing spline needs at least 4 distinct compositions, got " + n);
        double[] t = java.util.Arrays.copyOf(tt, n), y = java.util.Arrays.copyOf(yy, n), w = java.util.Arrays.copyOf(ww, n);
        double bestL = Double.NaN, bestG = Double.POSITIVE_INFINITY;
        double[][] best = null;
        double wMean = 0;
        for (double v : w) wMean += v / n;
        for (int k = 0; k <= 50; k++) {
            // λ grid relative to the weight scale (the objective is Σ w r² + λ ∫ f''²)
            double lam = wMean * Math.pow(10, -12 + k * 0.4);
            double[][] s = solve(t, y, w, lam);
            double gcv = s[2][0];
            if (s[2][1] > n - 1.5) continue; // near-interpolation: GCV is 0/0 numerically, keep ≥ 1.5 residual dof
            if (gcv < bestG) { bestG = gcv; bestL = lam; best = s; }
        }
        if (best == null) throw InputException.field("free-energy", "spline", "GCV found no smoothing parameter with residual degrees of freedom");
        return new MuSpline(t, best[0], best[1], kt, lo, hi, bestL, best[2][1]);
    }

    /** {fitted values, second derivatives (0 at the ends), {GCV, tr A}} for one λ. */
    private static double[][] solve(double[] t, double[] y, double[] w, double lam) {
        int n = t.length, m = n - 2;
        double[] h = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) h[i] = t[i + 1] - t[i];
        double[][] q = new double[n][m], r = new double[m][m];
        for (int j = 0; j < m; j++) {
            q[j][j] = 1 / h[j];
            q[j + 1][j] = -1 / h[j] - 1 / h[j + 1];
            q[j + 2][j] = 1 / h[j + 1];
            r[j][j] = (h[j] + h[j + 1]) / 3;
            if (j + 1 < m) { r[j][j + 1] = h[j + 1] / 6; r[j + 1][j] = h[j + 1] / 6; }
        }
        double[][] mm = new double[m][m];
        double[] rhs = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[k][i] * q[k][j] / w[k];
                mm[i][j] = r[i][j] + lam * s;
            }
            double s = 0;
            for (int k = 0; k < n; k++) s += q[k][i] * y[k];
            rhs[i] = s;
        }
        RealMatrix mInv = new LUDecomposition(new Array2DRowRealMatrix(mm, false)).getSolver().getInverse();
        double[] gamma = mInv.operate(new ArrayRealVector(rhs, false)).toArray();
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int j = 0; j < m; j++) s += q[k][j] * gamma[j];
            g[k] = y[k] - lam * s / w[k];
        }
        // tr A = n − λ Σ_k (1/w_k) (Q M⁻¹ Qᵀ)_kk
        double tr = n;
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                if (q[k][i] == 0) continue;
                for (int j = 0; j < m; j++) if (q[k][j] != 0) s += q[k][i] * mInv.getEntry(i, j) * q[k][j];
            }
            tr -= lam * s / w[k];
        }
        double rss = 0;
        for (int k = 0; k < n; k++) rss += w[k] * (y[k] - g[k]) * (y[k] - g[k]);
        double gcv = n * rss / Math.pow(Math.max(n - tr, 1e-9), 2);
        double[] full = new double[n];
        System.arraycopy(gamma, 0, full, 1, m);
        return new double[][] {g, full, {gcv, tr}};
    }
}
