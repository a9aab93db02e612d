package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Detailed balance of all three move types (and the harmonic bias) on a tiny system whose grand-canonical
 * distribution is known exactly by enumeration over N: particles in an external field A·cos(2π f_a) with a
 * uniform pair energy c. P(N) ∝ (zV I₀(βA))^N/N! · exp(−β[cN(N−1)/2 + B(N)]) and the one-particle density
 * ∝ exp(−βA cos 2πf_a). Long-run histograms of N and of f_a are compared with these by χ².
 */
class DetailedBalanceTest {

    /** ⟨exp(−βA cos 2πf)⟩ over f ∈ [lo, hi), Simpson's rule (smooth integrand, 2000 panels: error ~1e-13). */
    static double fieldIntegral(double betaA, double lo, double hi) {
        int m = 2000;
        double h = (hi - lo) / m, s = 0;
        for (int i = 0; i <= m; i++) {
            double f = lo + i * h;
            double w = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
            s += w * Math.exp(-betaA * Math.cos(2 * Math.PI * f));
        }
        return s * h / 3;
    }

    @Test
    void exactDistributionWithFieldPairEnergyAndBias() { exactDistribution(null); }

    /**
     * The same exact distribution with site-biased insertion (Metropolis–Hastings acceptance with the proposal
     * density): two sites on the field's minimum plane f_a = ½ and one on its maximum, σ = 0.8 Å, 20 % uniform.
     * A wrong density factor in either rule would shift both histograms.
     */
    @Test
    void exactDistributionWithSiteBiasedInsertion() {
        exactDistribution(new SiteProposal(new double[][] {{0.5, 0.5, 0.5}, {0.5, 0.1, 0.8}, {0.0, 0.3, 0.3}}, 0.8, 0.2));
    }

    void exactDistribution(SiteProposal proposal) {
        double T = 300, L = 9.0, V = L * L * L, kT = Units.kT(T), beta = 1 / kT;
        double A = 0.03, c = 0.0015, phi = 0.004, nt = 9;
        double zV = 16.0;
        ExchangeSpecies sp = ExchangeSpecies.ofMu(11, 22.99, 0, kT * Math.log(zV / V)).withThermalWavelength(1.0);
        Structure s = new Structure(Cell.orthorhombic(L, L, L));
        Gcmc mc = new Gcmc(s, new FieldPotential(A, c), T, sp, 2.5, 0.0, new Rng(2024));
        mc.setBias(new HarmonicBias(0, phi, nt));
        mc.setInsertionProposal(proposal);

        // exact P(N) by enumeration
        int nmax = 60;
        double w = zV * fieldIntegral(beta * A, 0, 1);
        double[] logp = new double[nmax];
        double lmax = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < nmax; n++) {
            double lf = 0;
            for (int k = 2; k <= n; k++) lf += Math.log(k);
            logp[n] = n * Math.log(w) - lf - beta * (c * n * (n - 1) / 2.0 + phi * (n - nt) * (n - nt));
            lmax = Math.max(lmax, logp[n]);
        }
        double norm = 0;
        for (int n = 0; n < nmax; n++) norm += Math.exp(logp[n] - lmax);
        double[] pn = new double[nmax];
        for (int n = 0; n < nmax; n++) pn[n] = Math.exp(logp[n] - lmax) / norm;

        for (int k = 0; k < 300; k++) mc.cycle(60, 60);
        int samples = 30000, fb = 20;
        long[] histN = new long[nmax];
        long[] histF = new long[fb];
        long particles = 0;
        for (int k = 0; k < samples; k++) {
            mc.cycle(60, 60);
            int n = mc.count(0);
            histN[Math.min(n, nmax - 1)]++;
            double[] p = s.positions();
            for (int i = 0; i < s.size(); i++) {
                double f = s.cell().fracX(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
                f -= Math.floor(f);
                histF[Math.min(fb - 1, (int) (f * fb))]++;
                particles++;
            }
        }
        // N histogram vs exact enumeration (bins with expected < 5 merged into neighbours)
        double chiN = 0;
        int dofN = -1;
        double o = 0, e = 0;
        for (int n = 0; n < nmax; n++) {
            o += histN[n];
            e += samples * pn[n];
            if (e >= 5 && (n == nmax - 1 || samples * tailFrom(pn, n + 1) >= 5)) {
                chiN += (o - e) * (o - e) / e;
                dofN++;
                o = 0;
                e = 0;
            }
        }
        if (e > 0) { chiN += (o - e) * (o - e) / Math.max(e, 1e-300); dofN++; }
        double pN = 1 - new ChiSquaredDistribution(null, dofN).cumulativeProbability(chiN);
        // position histogram vs exp(−βA cos 2πf)
        double z1 = fieldIntegral(beta * A, 0, 1), chiF = 0;
        for (int b = 0; b < fb; b++) {
            double ex = particles * fieldIntegral(beta * A, (double) b / fb, (double) (b + 1) / fb) / z1;
            chiF += (histF[b] - ex) * (histF[b] - ex) / ex;
        }
        double pF = 1 - new ChiSquaredDistribution(null, fb - 1).cumulativeProbability(chiF);
        System.out.printf("detailed balance: N chi2 = %.2f (%d dof, p = %.4f); position chi2 = %.2f (%d dof, p = %.4f); %s%n",
                chiN, dofN, pN, chiF, fb - 1, pF, mc.stats());
        // 0.1 % significance at a fixed seed. Samples are 120 attempts apart; the residual correlation makes χ²
        // slightly larger than for independent samples, so a biased sampler (which shifts whole bins by many σ)
        // still fails by orders of magnitude.
        assertTrue(pN > 1e-3, "N distribution matches exact enumeration, chi2 = " + chiN);
        assertTrue(pF > 1e-3, "position distribution matches exp(-beta U), chi2 = " + chiF);
        // energy bookkeeping
        double drift = mc.recomputeEnergy();
        assertTrue(Math.abs(drift) < 1e-9, "tracked energy equals recomputed, drift " + drift);
    }

    private static double tailFrom(double[] p, int from) {
        double t = 0;
        for (int i = from; i < p.length; i++) t += p[i];
        return t;
    }
}
