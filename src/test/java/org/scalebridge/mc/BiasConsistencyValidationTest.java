package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Bias consistency on the LJ fluid (reduced units as the B2 reference: T* = 2, r_c = 3σ, Λ = 1, box 6σ): μ(⟨N⟩)
 * from biased runs (one μ_bias, several targets, Eq. 17) must lie on the unbiased curve. For each biased estimate
 * (N_b = ⟨N⟩_b, μ_b ± σ) an unbiased GCMC run at μ = μ_b is made and the unbiased ensemble's own chemical potential
 * at N_b is read from its N histogram: μ(N) = F(N+½) − F(N−½) = μ_b − k_BT·d ln P(N)/dN (grand-canonical
 * P(N) ∝ e^{β(μN − F(N))}), with the slope from a weighted cubic fit of ln P(N) over ±2 standard deviations.
 * Pass: |μ_hist(N_b) − μ_b| ≤ 3σ, σ combining σ_μ of the biased run and the fit error (inflated by the
 * statistical inefficiency of the correlated N series).
 *
 * <p>Comparing instead the unbiased MEAN ⟨N⟩(μ_b) with N_b mixes in an O(1)-particle finite-size offset from the
 * skewness of P(N) (the mean of a skewed P(N) is not where F'(N) = μ; for an ideal gas the offset is exactly ½,
 * here ≈ 1 particle because var(N) ≈ 54 for ⟨N⟩ ≈ 41); it is printed for information, not asserted.
 */
@Tag("validation")
class BiasConsistencyValidationTest {
    static final double TSTAR = 2.0, L = 6.0;
    static final double T = TSTAR / Units.KB_EV_PER_K;

    static Gcmc engine(double mu, Rng rng) {
        Structure s = new Structure(Cell.orthorhombic(L, L, L), 256);
        ExchangeSpecies sp = ExchangeSpecies.ofMu(18, 1.0, 0, mu).withThermalWavelength(1.0);
        return new Gcmc(s, ProductionPotentials.ljOrNull(1.0, 1.0, 3.0), T, sp, 0.5, 0.0, rng);
    }

    @Test
    void biasedMuOnUnbiasedCurve() {
        double muBias = -4.0, phi = 0.1;
        double[] targets = {25, 40, 55};
        MuScan.Settings st = new MuScan.Settings(phi, targets, 0.0, 2000, 16000, 1000, 5, 200, 2, 11);
        List<MuScan.RunResult> rs = MuScan.run(st, (k, t, rng) -> new MuScan.Run(engine(muBias, rng),
                mc -> mc.cycle(40, 40)), null);
        for (MuScan.RunResult r : rs) {
            Gcmc u = engine(r.mu(), new Rng(500 + (long) r.target()));
            for (int c = 0; c < 2000; c++) u.cycle(40, 40);
            int m = 12000;
            double[] n = new double[m];
            int[] hist = new int[400];
            for (int c = 0; c < m; c++) { u.cycle(40, 40); n[c] = u.count(0); hist[u.count(0)]++; }
            double nu = SeriesStatistics.mean(n), seu = SeriesStatistics.blockStandardError(n, 0, m, 20);
            double var = SeriesStatistics.covariance(n, n, 0, m);
            double inefficiency = Math.max(1.0, seu * seu / (var / m)); // statistical inefficiency g = SE²/(var/M)
            double[] fit = slopeAt(hist, r.meanN(), 2 * Math.sqrt(var), inefficiency);
            double muHist = r.mu() - TSTAR * fit[0];
            double sig = Math.sqrt(r.seMu() * r.seMu() + Math.pow(TSTAR * fit[1], 2));
            System.out.printf("bias consistency: Nt=%.0f biased <N>=%.3f±%.3f -> mu=%.4f±%.4f; unbiased run at that mu: "
                    + "mu(N_b) from histogram = %.4f±%.4f (diff %.2f sigma); unbiased mean <N>=%.3f±%.3f (g = %.1f); %.1f s%n",
                    r.target(), r.meanN(), r.seN(), r.mu(), r.seMu(), muHist, TSTAR * fit[1], (muHist - r.mu()) / sig,
                    nu, seu, inefficiency, r.seconds());
            assertEquals(r.mu(), muHist, 3 * sig, "biased mu(<N>) lies on the unbiased curve");
        }
    }

    /**
     * Slope of ln P(N) at x from a weighted least-squares cubic in (N − x) over |N − x| ≤ w (weights = counts,
     * since var(ln n) ≈ 1/n); returns {slope, its standard error × √inefficiency}.
     */
    static double[] slopeAt(int[] hist, double x, double w, double inefficiency) {
        double[][] a = new double[4][4];
        double[] b = new double[4];
        for (int k = 0; k < hist.length; k++) {
            if (hist[k] < 5 || Math.abs(k - x) > w) continue;
            double d = k - x, y = Math.log(hist[k]), wt = hist[k];
            double[] f = {1, d, d * d, d * d * d};
            for (int i = 0; i < 4; i++) {
                b[i] += wt * f[i] * y;
                for (int j = 0; j < 4; j++) a[i][j] += wt * f[i] * f[j];
            }
        }
        org.apache.commons.math3.linear.RealMatrix am = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(a);
        org.apache.commons.math3.linear.RealMatrix inv = new org.apache.commons.math3.linear.LUDecomposition(am).getSolver().getInverse();
        double slope = inv.getRow(1)[0] * b[0] + inv.getRow(1)[1] * b[1] + inv.getRow(1)[2] * b[2] + inv.getRow(1)[3] * b[3];
        return new double[] {slope, Math.sqrt(inv.getEntry(1, 1) * inefficiency)};
    }
}
