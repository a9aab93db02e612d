package org.scalebridge.thermo;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;

/**
 * Free energy from chemical potentials μ(x) (paper Eq. 18 and the common-tangent construction):
 * <ol>
 * <li>fit μ(x) with {@link MuModel} (optional ideal-mixing term at temperature T plus a polynomial whose degree is
 *     chosen by leave-one-out cross-validation (PRESS via the hat matrix), AIC or BIC; Burnham &amp; Anderson,
 *     Model Selection and Multimodel Inference, 2002) or with a GCV smoothing spline ({@link MuSpline});</li>
 * <li>integrate to G(x) analytically;</li>
 * <li>lower convex hull of G on a fine grid; every hull segment that skips grid points is a miscibility gap whose ends,
 *     refined by Newton on μ(a) = μ(b) = [G(b) − G(a)]/(b − a), are the binodal points (common tangent);</li>
 * <li>spinodal points where dμ/dx = 0 (Brent root finding between sign changes);</li>
 * <li>mixing free energy ΔG_mix(x) = G(x) − [(1−x')G(lo) + x' G(hi)] (x' the position between the ends) and the
 *     free energy above the hull Δf(x) = G(x) − hull(x), the driving force used for the interfacial energy;</li>
 * <li>uncertainties by bootstrap: the (x, μ) points are resampled with replacement (seeded), refitted at the selected
 *     degree, and the standard deviation of every binodal/spinodal point over resamples is reported.</li>
 * </ol>
 */
public final class FreeEnergy {
    private FreeEnergy() {}

    /** Degree-selection criterion. */
    public enum Criterion { CV, AIC, BIC, FIXED, SPLINE }

    /** Fit options; degree is the maximum tried (or the fixed degree with FIXED). */
    public record Options(Criterion criterion, int degree, boolean ideal, int grid, int bootstrap, long seed) {
        public static Options defaults() { return new Options(Criterion.CV, 8, true, 20001, 200, 1L); }
    }

    /** Score of one candidate degree. */
    public record Candidate(int degree, double rss, double score) {}

    /** A miscibility gap [a, b] with the common-tangent slope μ_coex (eV). */
    public record Gap(double a, double b, double muCoexistence) {}

    /** The full result at one temperature. */
    public record Result(double temperature, MuFunction model, Criterion criterion, List<Candidate> candidates,
                         List<Gap> binodal, double[] spinodal, double[] sigmaBinodal, double[] sigmaSpinodal,
                         int bootstrapUsed, double[] gridX, double[] g, double[] hull, double[] mu, double[] mixing,
                         double rmsResidual) {}

    /**
     * @param t temperature (K); required (&gt; 0) when options.ideal(), used only as a label otherwise
     * @param x compositions in (0,1); @param mu chemical potentials (eV); @param sigma σ of μ (eV) or null
     */
    public static Result analyse(double t, double[] x, double[] mu, double[] sigma, Options o) {
        validate(t, x, mu, sigma, o);
        double kt = o.ideal() ? Units.KB_EV_PER_K * t : 0;
        double lo, hi;
        if (o.ideal()) { lo = 1e-9; hi = 1 - 1e-9; } else { lo = min(x); hi = max(x); }
        List<Candidate> cands = new ArrayList<>();
        boolean spline = o.criterion() == Criterion.SPLINE;
        int deg = spline ? -1 : selectDegree(x, mu, sigma, kt, o, cands);
        MuFunction m = spline ? MuSpline.fit(x, mu, sigma, kt, lo, hi) : fit(x, mu, sigma, kt, deg, lo, hi);
        Geometry geo = geometry(m, o.grid());
        // bootstrap
        double[] sb = new double[2 * geo.gaps.size()], ss = new double[geo.spinodal.length];
        int used = 0;
        if (o.bootstrap() > 0) {
            Rng rng = new Rng(o.seed());
            double[][] bs = new double[o.bootstrap()][], sp = new double[o.bootstrap()][];
            int n = x.length;
            for (int r = 0; r < o.bootstrap(); r++) {
                double[] bx = new double[n], bm = new double[n], bsg = sigma == null ? null : new double[n];
                for (int i = 0; i < n; i++) {
                    int k = (int) (rng.nextDouble() * n);
                    bx[i] = x[k]; bm[i] = mu[k];
                    if (bsg != null) bsg[i] = sigma[k];
                }
                if (distinct(bx) < (spline ? 4 : deg + 1)) continue;
                MuFunction mb;
                try {
                    mb = spline ? MuSpline.fit(bx, bm, bsg, kt, lo, hi) : fit(bx, bm, bsg, kt, deg, lo, hi);
                } catch (RuntimeException e) {
                    continue;
                }
                Geometry gb = geometry(mb, Math.min(o.grid(), 4001));
                if (gb.gaps.size() != geo.gaps.size() || gb.spinodal.length != geo.spinodal.length) continue;
                double[] flat = new double[2 * gb.gaps.size()];
                for (int k = 0; k < gb.gaps.size(); k++) { flat[2 * k] = gb.gaps.get(k).a(); flat[2 * k + 1] = gb.gaps.get(k).b(); }
                bs[used] = flat;
                sp[used] = gb.spinodal;
                used++;
            }
            for (int k = 0; k < sb.length; k++) sb[k] = std(bs, used, k);
            for (int k = 0; k < ss.length; k++) ss[k] = std(sp, used, k);
            if (used < 2) { java.util.Arrays.fill(sb, Double.NaN); java.util.Arrays.fill(ss, Double.NaN); }
        } else {
            java.util.Arrays.fill(sb, Double.NaN);
            java.util.Arrays.fill(ss, Double.NaN);
        }
        double rms = 0;
        for (int i = 0; i < x.length; i++) rms += Math.pow(mu[i] - m.mu(x[i]), 2) / x.length;
        return new Result(t, m, o.criterion(), cands, geo.gaps, geo.spinodal, sb, ss, used, geo.x, geo.g, geo.hull, geo.mu, geo.mixing, Math.sqrt(rms));
    }

    private static void validate(double t, double[] x, double[] mu, double[] sigma, Options o) {
        if (x.length != mu.length || (sigma != null && sigma.length != x.length))
            throw InputException.field("free-energy", "data", "x, mu (and sigma) must have equal lengths");
        if (x.length < 3) throw InputException.field("free-energy", "data", "need at least 3 (x, μ) points, got " + x.length);
        if (o.ideal() && !(t > 0)) throw InputException.unphysical("T (K)", t, "> 0 when the ideal-mixing term is used");
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && x[i] < 1) && o.ideal()) throw InputException.field("free-energy", "x[" + i + "]", "= " + x[i] + ": must lie strictly between 0 and 1 (site fraction)");
            if (!Double.isFinite(mu[i])) throw InputException.field("free-energy", "mu[" + i + "]", "not a finite number");
            if (sigma != null && !(sigma[i] > 0)) throw InputException.unphysical("sigma_mu[" + i + "] (eV)", sigma[i], "> 0");
        }
        if (o.grid() < 101) throw InputException.unphysical("grid points", o.grid(), "≥ 101");
        if (o.degree() < 1 && o.criterion() != Criterion.SPLINE) throw InputException.unphysical("polynomial degree", o.degree(), "≥ 1");
    }

    // ------------------------------------------------------------------ fitting and degree selection

    static int selectDegree(double[] x, double[] mu, double[] sigma, double kt, Options o, List<Candidate> out) {
        int n = x.length;
        int maxDeg = Math.min(o.degree(), Math.min(distinct(x) - 1, n - 2));
        if (o.criterion() == Criterion.SPLINE) return -1;
        if (o.criterion() == Criterion.FIXED) {
            if (o.degree() > distinct(x) - 1) throw InputException.field("free-energy", "degree", o.degree() + " needs at least " + (o.degree() + 1) + " distinct compositions");
            return o.degree();
        }
        if (maxDeg < 1) throw InputException.field("free-energy", "data", "too few distinct compositions for a degree-selection fit");
        double scale = 0;
        for (double v : mu) scale = Math.max(scale, Math.abs(v));
        double floor = Math.pow(1e-12 * Math.max(scale, 1e-12), 2); // rounding floor of a squared residual (eV²)
        int best = 1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int d = 1; d <= maxDeg; d++) {
            double[] y = target(x, mu, kt);
            double[] w = weights(sigma, n);
            Lsq l = lsq(x, y, w, d);
            double rss = Math.max(l.rss, n * floor);
            double score;
            switch (o.criterion()) {
                case AIC -> score = n * Math.log(rss / n) + 2 * (d + 1);
                case BIC -> score = n * Math.log(rss / n) + (d + 1) * Math.log(n);
                default -> {
                    double press = 0;
                    for (int i = 0; i < n; i++) {
                        double h = Math.min(l.hat[i], 1 - 1e-12);
                        press += Math.pow(l.resid[i] / (1 - h), 2);
                    }
                    score = Math.max(press, n * floor) / n;
                }
            }
            out.add(new Candidate(d, l.rss, score));
            // strict improvement beyond round-off needed to prefer a higher degree (parsimony on ties)
            boolean better = o.criterion() == Criterion.CV ? score < bestScore * (1 - 1e-6) : score < bestScore - 1e-6;
            if (better) { bestScore = score; best = d; }
        }
        return best;
    }

    /** Fits the polynomial part of μ at the given degree. */
    public static MuModel fit(double[] x, double[] mu, double[] sigma, double kt, int degree, double lo, double hi) {
        Lsq l = lsq(x, target(x, mu, kt), weights(sigma, x.length), degree);
        return new MuModel(l.coef, kt, lo, hi);
    }

    private static double[] target(double[] x, double[] mu, double kt) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = mu[i] - (kt == 0 ? 0 : kt * Math.log(x[i] / (1 - x[i])));
        return y;
    }

    private static double[] weights(double[] sigma, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = sigma == null ? 1 : 1 / (sigma[i] * sigma[i]);
        return w;
    }

    private record Lsq(double[] coef, double rss, double[] resid, double[] hat) {}

    /** Weighted least squares on a shifted/scaled monomial basis t = 2x − 1 (better conditioned), via QR. */
    private static Lsq lsq(double[] x, double[] y, double[] w, int d) {
        int n = x.length, p = d + 1;
        double[][] a = new double[n][p];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double sw = Math.sqrt(w[i]), t = 2 * x[i] - 1, v = 1;
            for (int k = 0; k < p; k++) { a[i][k] = sw * v; v *= t; }
            b[i] = sw * y[i];
        }
        RealMatrix am = new Array2DRowRealMatrix(a, false);
        QRDecomposition qr = new QRDecomposition(am, 1e-14);
        if (!qr.getSolver().isNonSingular()) throw InputException.field("free-energy", "degree", "degree " + d + " is not determined by the data");
        double[] ct = qr.getSolver().solve(new ArrayRealVector(b, false)).toArray();
        RealMatrix q = qr.getQ();
        double[] hat = new double[n], res = new double[n];
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double f = 0, h = 0;
            for (int k = 0; k < p; k++) { f += a[i][k] * ct[k]; h += q.getEntry(i, k) * q.getEntry(i, k); }
            res[i] = b[i] - f; // weighted residual √w (y − f)
            rss += res[i] * res[i];
            hat[i] = h;
        }
        // convert coefficients of t = 2x − 1 to monomials in x: Σ c_k (2x−1)^k
        double[] cx = new double[p];
        for (int k = 0; k < p; k++) {
            // (2x − 1)^k = Σ_j C(k,j) 2^j x^j (−1)^{k−j}
            double binom = 1;
            for (int j = 0; j <= k; j++) {
                cx[j] += ct[k] * binom * Math.pow(2, j) * (((k - j) & 1) == 0 ? 1 : -1);
                binom = binom * (k - j) / (j + 1);
            }
        }
        return new Lsq(cx, rss, res, hat);
    }

    // ------------------------------------------------------------------ geometry: hull, binodal, spinodal

    private record Geometry(double[] x, double[] g, double[] hull, double[] mu, double[] mixing, List<Gap> gaps, double[] spinodal) {}

    private static Geometry geometry(MuFunction m, int grid) {
        double lo = m.lo(), hi = m.hi();
        double[] xs = new double[grid], g = new double[grid], mu = new double[grid];
        for (int k = 0; k < grid; k++) {
            xs[k] = lo + (hi - lo) * k / (grid - 1);
            g[k] = m.g(xs[k]);
            mu[k] = m.mu(xs[k]);
        }
        // lower convex hull (monotone chain)
        int[] h = new int[grid];
        int nh = 0;
        for (int k = 0; k < grid; k++) {
            while (nh >= 2) {
                int a = h[nh - 2], b = h[nh - 1];
                double cross = (xs[b] - xs[a]) * (g[k] - g[a]) - (g[b] - g[a]) * (xs[k] - xs[a]);
                if (cross <= 0) nh--; else break;
            }
            h[nh++] = k;
        }
        double gscale = 0;
        for (double v : g) gscale = Math.max(gscale, Math.abs(v));
        List<Gap> gaps = new ArrayList<>();
        for (int s = 0; s + 1 < nh; s++) {
            int a = h[s], b = h[s + 1];
            if (b - a < 3) continue;
            double above = 0;
            for (int k = a + 1; k < b; k++) {
                double line = g[a] + (g[b] - g[a]) * (xs[k] - xs[a]) / (xs[b] - xs[a]);
                above = Math.max(above, g[k] - line);
            }
            if (above <= 1e-12 * Math.max(gscale, 1e-12)) continue; // straight (linear) G: no gap
            gaps.add(refineTangent(m, xs[a], xs[b], lo, hi));
        }
        double[] hull = new double[grid], mix = new double[grid];
        for (int k = 0; k < grid; k++) {
            hull[k] = g[k];
            mix[k] = g[k] - (g[0] + (g[grid - 1] - g[0]) * (xs[k] - lo) / (hi - lo));
        }
        for (Gap gp : gaps) {
            double ga = m.g(gp.a());
            for (int k = 0; k < grid; k++) if (xs[k] > gp.a() && xs[k] < gp.b()) hull[k] = ga + gp.muCoexistence() * (xs[k] - gp.a());
        }
        // spinodal: sign changes of dμ/dx
        List<Double> sp = new ArrayList<>();
        BrentSolver brent = new BrentSolver(1e-15, 1e-15);
        double prev = m.dmu(xs[0]);
        for (int k = 1; k < grid; k++) {
            double cur = m.dmu(xs[k]);
            if (cur == 0) { sp.add(xs[k]); prev = cur; continue; }
            if (prev != 0 && Math.signum(cur) != Math.signum(prev)) sp.add(brent.solve(200, m::dmu, xs[k - 1], xs[k]));
            prev = cur;
        }
        return new Geometry(xs, g, hull, mu, mix, gaps, sp.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Newton on F1 = μ(a) − μ(b), F2 = G(b) − G(a) − μ(a)(b − a), from the hull segment ends. */
    static Gap refineTangent(MuFunction m, double a, double b, double lo, double hi) {
        for (int it = 0; it < 100; it++) {
            double ma = m.mu(a), mb = m.mu(b), da = m.dmu(a), db = m.dmu(b);
            double f1 = ma - mb, f2 = m.g(b) - m.g(a) - ma * (b - a);
            double j11 = da, j12 = -db, j21 = -da * (b - a), j22 = mb - ma;
            double det = j11 * j22 - j12 * j21;
            if (det == 0 || !Double.isFinite(det)) break;
            double sa = (f1 * j22 - j12 * f2) / det, sb = (j11 * f2 - j21 * f1) / det;
            double na = a - sa, nb = b - sb;
            // stay inside the domain and ordered (damped step)
            double lam = 1;
            while ((na <= lo || nb >= hi || na >= nb) && lam > 1e-6) {
                lam /= 2;
                na = a - lam * sa;
                nb = b - lam * sb;
            }
            if (na <= lo) na = lo;
            if (nb >= hi) nb = hi;
            boolean done = Math.abs(na - a) < 1e-15 && Math.abs(nb - b) < 1e-15;
            a = na; b = nb;
            if (done) break;
        }
        return new Gap(a, b, (m.g(b) - m.g(a)) / (b - a));
    }

    // ------------------------------------------------------------------ helpers

    private static double std(double[][] rows, int n, int k) {
        if (n < 2) return Double.NaN;
        double mean = 0, var = 0;
        for (int r = 0; r < n; r++) mean += rows[r][k] / n;
        for (int r = 0; r < n; r++) var += (rows[r][k] - mean) * (rows[r][k] - mean);
        return Math.sqrt(var / (n - 1));
    }

    private static int distinct(double[] x) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        int c = s.length == 0 ? 0 : 1;
        for (int i = 1; i < s.length; i++) if (s[i] != s[i - 1]) c++;
        return c;
    }

    private static double min(double[] v) { double m = Double.POSITIVE_INFINITY; for (double d : v) m = Math.min(m, d); return m; }
    private static double max(double[] v) { double m = Double.NEGATIVE_INFINITY; for (double d : v) m = Math.max(m, d); return m; }
}
