package org.scalebridge.analysis;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

/**
 * Arrhenius analysis of diffusivities (paper Eq. 3): D(T) = D0 exp(−E_a / k_B T), fitted as the weighted straight
 * line ln D = ln D0 − (E_a/k_B)(1/T) with weights 1/σ²(ln D), σ(ln D) = σ_D/D (first-order propagation).
 * Returns E_a ± σ, ln D0 ± σ and their covariance (X^T W X)^{-1} (Bevington &amp; Robinson, Data Reduction and Error
 * Analysis, ch. 6–7). With user σ_D the covariance is absolute (normal quantiles); without σ_D all points get equal
 * weight and the covariance is scaled by χ²/(n−2) (Student-t quantiles).
 *
 * <p>Curvature test (stated): the weighted quadratic model ln D = a + b/T + c/T² is fitted as well (n ≥ 4);
 * with absolute σ, Δχ² = χ²_lin − χ²_quad is χ²(1)-distributed under the Arrhenius hypothesis; without σ the
 * F statistic Δχ²/(χ²_quad/(n−3)) ~ F(1, n−3). Non-Arrhenius behaviour is flagged when p &lt; α (default 0.05).
 */
public final class Arrhenius {
    private Arrhenius() {}

    /** Fit result. Energies in eV, D0 in the unit of the input D. */
    public record Fit(double ea, double sigmaEa, double lnD0, double sigmaLnD0, double d0, double covLnD0Ea,
                      double[][] covariance, double chi2, int dof, double pGoodness, boolean absoluteSigma,
                      Double curvature, Double sigmaCurvature, Double curvatureP, boolean nonArrhenius, String curvatureTest,
                      double[] temperatures, double[] d, double[] sigmaD) {
        /** Extrapolated D at T (K). */
        public double predict(double t) { return Math.exp(lnD0 - ea / (Units.KB_EV_PER_K * t)); }

        /** σ of ln D at T from the covariance: var = C_aa + 2 x C_ab + x² C_bb with x = −1/(k_B T). */
        public double sigmaLnD(double t) {
            double x = -1.0 / (Units.KB_EV_PER_K * t);
            return Math.sqrt(covariance[0][0] + 2 * x * covariance[0][1] + x * x * covariance[1][1]);
        }

        /** Two-sided confidence band {low, high} on D at T for the given level (e.g. 0.95). */
        public double[] band(double t, double level) {
            double q = quantile(level);
            double s = sigmaLnD(t), mid = lnD0 - ea / (Units.KB_EV_PER_K * t);
            return new double[] {Math.exp(mid - q * s), Math.exp(mid + q * s)};
        }

        /** The two-sided quantile used for confidence intervals at this level. */
        public double quantile(double level) {
            double p = 0.5 + level / 2;
            return absoluteSigma || dof < 1 ? new NormalDistribution(0, 1).inverseCumulativeProbability(p)
                    : new TDistribution(dof).inverseCumulativeProbability(p);
        }
    }

    /**
     * @param t      temperatures (K), all &gt; 0, at least 2 distinct
     * @param d      diffusivities (&gt; 0)
     * @param sigmaD standard errors of D (&gt; 0), or null for unweighted fit with scaled covariance
     * @param alpha  significance level of the curvature test
     */
    public static Fit fit(double[] t, double[] d, double[] sigmaD, double alpha) {
        int n = t.length;
        if (n < 2 || d.length != n || (sigmaD != null && sigmaD.length != n))
            throw InputException.field("arrhenius", "data", "need ≥ 2 (T, D) points of equal length, got " + n);
        for (int i = 0; i < n; i++) {
            if (!(t[i] > 0)) throw InputException.unphysical("T[" + i + "] (K)", t[i], "> 0");
            if (!(d[i] > 0)) throw InputException.unphysical("D[" + i + "]", d[i], "> 0 (ln D must exist)");
            if (sigmaD != null && !(sigmaD[i] > 0)) throw InputException.unphysical("sigma_D[" + i + "]", sigmaD[i], "> 0");
        }
        boolean abs = sigmaD != null;
        double[] x = new double[n], y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1.0 / (Units.KB_EV_PER_K * t[i]); // ln D = ln D0 + E_a · x
            y[i] = Math.log(d[i]);
            double s = abs ? sigmaD[i] / d[i] : 1.0;
            w[i] = 1.0 / (s * s);
        }
        double[] lin = wls(x, y, w, 2);
        if (lin == null) throw InputException.field("arrhenius", "T", "all temperatures are equal: the slope is undetermined");
        double chi2 = chi2(x, y, w, lin, 2);
        int dof = n - 2;
        double[][] cov = covariance(x, w, 2);
        double scale = (!abs && dof > 0) ? chi2 / dof : 1.0;
        for (double[] r : cov) for (int j = 0; j < r.length; j++) r[j] *= scale;
        double pGood = abs && dof > 0 ? 1 - new ChiSquaredDistribution(dof).cumulativeProbability(chi2) : Double.NaN;

        Double c = null, sc = null, pc = null;
        boolean flag = false;
        String test;
        if (n >= 4) {
            double[] q = wls(x, y, w, 3);
            double chi2q = chi2(x, y, w, q, 3);
            double[][] cq = covariance(x, w, 3);
            double dchi = Math.max(0, chi2 - chi2q);
            if (abs) {
                pc = 1 - new ChiSquaredDistribution(1).cumulativeProbability(dchi);
                test = "Δχ² = χ²(linear) − χ²(quadratic in 1/T) ~ χ²(1) under Arrhenius; non-Arrhenius if p < " + alpha;
                sc = Math.sqrt(cq[2][2]);
            } else {
                double f = chi2q > 0 ? dchi / (chi2q / (n - 3)) : Double.POSITIVE_INFINITY;
                pc = n > 3 && Double.isFinite(f) ? 1 - new FDistribution(1, n - 3).cumulativeProbability(f) : 0.0;
                test = "F = Δχ²/(χ²_quad/(n−3)) ~ F(1, n−3) under Arrhenius; non-Arrhenius if p < " + alpha;
                sc = Math.sqrt(cq[2][2] * (n > 3 ? chi2q / (n - 3) : 1));
            }
            c = q[2];
            flag = pc < alpha;
        } else {
            test = "not performed: the curvature test needs at least 4 temperatures";
        }
        return new Fit(lin[1], Math.sqrt(cov[1][1]), lin[0], Math.sqrt(cov[0][0]), Math.exp(lin[0]), cov[0][1], cov,
                chi2, dof, pGood, abs, c, sc, pc, flag, test, t.clone(), d.clone(), sigmaD == null ? null : sigmaD.clone());
    }

    /** Weighted polynomial least squares in x (p coefficients), via normal equations in centred form; null if singular. */
    static double[] wls(double[] x, double[] y, double[] w, int p) {
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < x.length; i++) {
            double[] phi = basis(x[i], p);
            for (int r = 0; r < p; r++) {
                b[r] += w[i] * phi[r] * y[i];
                for (int s = 0; s < p; s++) a[r][s] += w[i] * phi[r] * phi[s];
            }
        }
        try {
            org.apache.commons.math3.linear.RealMatrix m = new org.apache.commons.math3.linear.Array2DRowRealMatrix(a);
            var dec = new org.apache.commons.math3.linear.SingularValueDecomposition(m);
            if (dec.getConditionNumber() > 1e14) return null;
            return dec.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(b)).toArray();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static double[][] covariance(double[] x, double[] w, int p) {
        double[][] a = new double[p][p];
        for (int i = 0; i < x.length; i++) {
            double[] phi = basis(x[i], p);
            for (int r = 0; r < p; r++) for (int s = 0; s < p; s++) a[r][s] += w[i] * phi[r] * phi[s];
        }
        return new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(a)).getSolver().getInverse().getData();
    }

    static double chi2(double[] x, double[] y, double[] w, double[] c, int p) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double[] phi = basis(x[i], p);
            double f = 0;
            for (int r = 0; r < p; r++) f += c[r] * phi[r];
            s += w[i] * (y[i] - f) * (y[i] - f);
        }
        return s;
    }

    private static double[] basis(double x, int p) {
        double[] phi = new double[p];
        phi[0] = 1;
        for (int r = 1; r < p; r++) phi[r] = phi[r - 1] * x;
        return phi;
    }
}
