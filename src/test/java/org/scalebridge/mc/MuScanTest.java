package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Biased GCMC μ(N) on the ideal gas, where everything is known exactly: the biased P(N) ∝ (zV)^N/N!·e^{−βB(N)}
 * by enumeration, and μ(N) = μ_bias + k_BT ln(N/(zV)) (Poisson mean ⟨N⟩ = zV at μ). Also: the scan's numbers do
 * not depend on the number of threads. Per-target φ, the pilot refinement of μ_bias and the convergence flag are
 * checked on the same exactly known system.
 */
class MuScanTest {
    static final double T = 300, L = 14, V = L * L * L;

    static MuScan.RunFactory factory(double mu) {
        return (k, target, rng) -> {
            Structure s = new Structure(Cell.orthorhombic(L, L, L), 256);
            ExchangeSpecies sp = ExchangeSpecies.ofMu(11, 22.99, 0, mu).withThermalWavelength(1.0);
            Gcmc mc = new Gcmc(s, new ZeroPotential(), T, sp, 1.0, 0.0, rng);
            return new MuScan.Run(mc, m -> m.cycle(40, 0));
        };
    }

    @Test
    void idealGasMuOfN() {
        double kT = Units.kT(T);
        double zV = 60;
        double mu = kT * Math.log(zV / V);
        double phi = 0.002;
        double[] targets = {30, 90, 150};
        MuScan.Settings st = new MuScan.Settings(phi, targets, 0.0, 2000, 20000, 400, 5, 200, 2, 42);
        long t0 = System.nanoTime();
        List<MuScan.RunResult> rs = MuScan.run(st, factory(mu), null);
        double secs = (System.nanoTime() - t0) * 1e-9;
        for (MuScan.RunResult r : rs) {
            // exact biased ⟨N⟩ by enumeration
            double[] lp = new double[600];
            double mx = Double.NEGATIVE_INFINITY;
            for (int n = 0; n < lp.length; n++) {
                double lf = 0;
                for (int j = 2; j <= n; j++) lf += Math.log(j);
                lp[n] = n * Math.log(zV) - lf - phi * (n - r.target()) * (n - r.target()) / kT;
                mx = Math.max(mx, lp[n]);
            }
            double z = 0, m1 = 0;
            for (int n = 0; n < lp.length; n++) { double w = Math.exp(lp[n] - mx); z += w; m1 += n * w; }
            double nExact = m1 / z;
            double muExactAtN = mu + kT * Math.log(r.meanN() / zV);
            // the estimator's intrinsic (discreteness) bias from the exact biased mean
            double estBias = Math.abs((mu - 2 * phi * (nExact - r.target())) - (mu + kT * Math.log(nExact / zV)));
            System.out.printf("ideal mu scan: Nt=%.0f <N>=%.3f±%.3f (exact %.3f) mu=%.6f±%.6f exact %.6f (estimator bias %.1e) eq@%d cycles %d%n",
                    r.target(), r.meanN(), r.seN(), nExact, r.mu(), r.seMu(), muExactAtN, estBias,
                    r.equilibrationSample(), r.cycles());
            assertEquals(nExact, r.meanN(), 3 * r.seN() + 1e-9, "biased <N> matches enumeration");
            assertEquals(muExactAtN, r.mu(), 3 * r.seMu() + estBias, "mu(<N>) matches the ideal-gas law");
            assertEquals(0.0, r.dVdN(), 1e-9, "constant volume (slope of equal volumes: round-off only)");
            assertTrue(r.n().length > 0 && r.e().length == r.n().length && r.v().length == r.n().length);
            assertTrue(r.converged(), "detector satisfied, exchanges accepted, N(t) not constant");
            assertTrue(r.distinctN() > 1 && r.acceptedExchanges() >= MuScan.MIN_ACCEPTED_EXCHANGES);
            assertEquals(phi, r.phi());
            assertEquals(0, r.pilotCycles());
            assertEquals(mu, r.muBias(), 0.0, "no refinement: μ_bias is the one the run was built with");
        }
        System.out.printf("ideal mu scan: %.2f s%n", secs);
    }

    @Test
    void independentOfThreadCount() {
        double mu = Units.kT(T) * Math.log(40 / V);
        double[] targets = {20, 40, 60};
        MuScan.Settings one = new MuScan.Settings(0.002, targets, 0.0, 200, 400, 40, 2, 50, 1, 7);
        MuScan.Settings two = new MuScan.Settings(0.002, targets, 0.0, 200, 400, 40, 2, 50, 2, 7);
        List<MuScan.RunResult> a = MuScan.run(one, factory(mu), null), b = MuScan.run(two, factory(mu), null);
        for (int k = 0; k < targets.length; k++) {
            assertEquals(a.get(k).meanN(), b.get(k).meanN(), 0.0);
            assertEquals(a.get(k).mu(), b.get(k).mu(), 0.0);
            assertEquals(a.get(k).seN(), b.get(k).seN(), 0.0);
        }
    }

    /** Exact mean of the biased ideal-gas distribution P(N) ∝ (zV)^N/N!·e^{−βφ(N − N_t)²} by enumeration. */
    static double exactBiasedMean(double zV, double phi, double target) {
        double kT = Units.kT(T);
        double[] lp = new double[800];
        double mx = Double.NEGATIVE_INFINITY, lf = 0;
        for (int n = 0; n < lp.length; n++) {
            if (n > 1) lf += Math.log(n);
            lp[n] = n * Math.log(zV) - lf - phi * (n - target) * (n - target) / kT;
            mx = Math.max(mx, lp[n]);
        }
        double z = 0, m1 = 0;
        for (int n = 0; n < lp.length; n++) { double w = Math.exp(lp[n] - mx); z += w; m1 += n * w; }
        return m1 / z;
    }

    @Test
    void perTargetPhi() {
        double kT = Units.kT(T), zV = 60, mu = kT * Math.log(zV / V);
        double[] targets = {30, 90}, phis = {0.002, 0.008};
        MuScan.Settings st = new MuScan.Settings(0.002, phis, targets, 0.0, 1000, 12000, 300, 5, 100, 2, 5, 0, 0);
        List<MuScan.RunResult> rs = MuScan.run(st, factory(mu), null);
        for (int k = 0; k < targets.length; k++) {
            MuScan.RunResult r = rs.get(k);
            assertEquals(phis[k], r.phi(), 0.0);
            double nExact = exactBiasedMean(zV, phis[k], targets[k]);
            // 3σ of the bootstrap error (plus 1e-9 for a degenerate error)
            assertEquals(nExact, r.meanN(), 3 * r.seN() + 1e-9, "biased <N> with the target's own phi");
            assertEquals(2 * phis[k] * r.seN(), r.seMu(), 1e-15, "σ_μ = 2φ σ_⟨N⟩ with the target's φ");
            // Eq. 17 with the target's φ: μ(⟨N⟩) = μ_bias − 2φ_k(⟨N⟩ − N_t) (P = 0)
            assertEquals(mu - 2 * phis[k] * (r.meanN() - targets[k]), r.mu(), 1e-12);
        }
        // the stiffer bias holds N closer to its target
        assertTrue(Math.abs(exactBiasedMean(zV, 0.008, 90) - 90) < Math.abs(exactBiasedMean(zV, 0.002, 90) - 90));
    }

    @Test
    void pilotRefinementPutsTheMeanOnTheTarget() {
        double kT = Units.kT(T), zV = 100, mu = kT * Math.log(zV / V), phi = 0.0005;
        double[] targets = {200, 40};
        // without refinement the biased mean sits far (> 10) from N_t
        assertTrue(Math.abs(exactBiasedMean(zV, phi, 200) - 200) > 10 && Math.abs(exactBiasedMean(zV, phi, 40) - 40) > 10);
        MuScan.Settings st = new MuScan.Settings(phi, null, targets, 0.0, 500, 6000, 200, 5, 100, 2, 9, 1000, 3);
        List<MuScan.RunResult> rs = MuScan.run(st, factory(mu), null);
        for (MuScan.RunResult r : rs) {
            double muAtN = mu + kT * Math.log(r.meanN() / zV); // ideal gas: μ(N) = μ + k_BT ln(N/zV)
            System.out.printf("pilot refinement: Nt=%.0f mu_bias %.5f -> %.5f, <N> = %.2f ± %.2f, mu = %.5f (exact %.5f)%n",
                    r.target(), r.muBiasStart(), r.muBias(), r.meanN(), r.seN(), r.mu(), muAtN);
            assertEquals(mu, r.muBiasStart(), 0.0);
            assertEquals(1000 * 3, r.pilotCycles());
            // each refinement leaves a fraction s/(s + 2φ) of the offset (s = ∂μ/∂N = k_BT/N: 0.11 at N = 200, 0.39 at
            // N = 40), so three leave < 1 of the initial ~15; with the pilot noise (σ_N ≈ 3–5 per sample, 100
            // samples in each half pilot, ~0.5 on the mean) ⟨N⟩ lands within 2 of N_t
            assertEquals(r.target(), r.meanN(), 2.0, "refined μ_bias puts <N> near N_t");
            // the biased ensemble at the refined μ_bias is still sampled exactly: Eq. 17 agrees with the ideal-gas law
            // within 3σ plus the estimator's discreteness bias (≤ 1e-4 eV here, see idealGasMuOfN)
            assertEquals(muAtN, r.mu(), 3 * r.seMu() + 1e-4);
            double nExact = exactBiasedMean(Math.exp(r.muBias() / kT) * V, phi, r.target());
            assertEquals(nExact, r.meanN(), 3 * r.seN() + 1e-9, "production samples the refined μ_bias's ensemble");
            assertTrue(r.converged());
        }
    }

    @Test
    void pilotEstimateInTheTwoStateLimit() {
        double kT = Units.kT(T), phi = 0.15, muB = -2.0;
        HarmonicBias b = new HarmonicBias(0, phi, 3.5);
        // second half of the pilot: N = 4 in 70 % of samples, N = 3 otherwise (the first half is ignored)
        double[] ns = new double[200], vs = new double[200];
        for (int i = 0; i < 200; i++) { ns[i] = i < 100 ? 7 : (i % 10 < 7 ? 4 : 3); vs[i] = 1000; }
        double var = SeriesStatistics.covariance(ns, ns, 100, 200), p = 0.7;
        double next = MuScan.pilotEstimate(ns, vs, muB, 0.0, b, kT);
        // μ' = μ_b − k_BT (p − ½)/var: the first-order form of the exact two-state shift −k_BT ln(p/(1 − p))
        assertEquals(muB - kT * (p - 0.5) / var, next, 1e-12);
        assertEquals(muB - kT * Math.log(p / (1 - p)), next, 0.1 * kT, "close to the exact two-state shift");
        // N stuck at 4 (var = 0): the plain Eq. 17 estimate μ_b − 2φ(⟨N⟩ − N_t)
        java.util.Arrays.fill(ns, 4);
        assertEquals(muB - 2 * phi * 0.5, MuScan.pilotEstimate(ns, vs, muB, 0.0, b, kT), 1e-12);
        // a smooth, stable μ(N) (var N large: k_BT/var < 2φ gives ŝ = 0): the plain Eq. 17 step, never past N_t
        for (int i = 0; i < 200; i++) ns[i] = 10 + (i % 7);
        HarmonicBias soft = new HarmonicBias(0, 0.002, 20);
        double mean = SeriesStatistics.mean(ns, 100, 200);
        assertEquals(muB - 2 * 0.002 * (mean - 20), MuScan.pilotEstimate(ns, vs, muB, 0.0, soft, kT), 1e-12);
    }

    @Test
    void stuckRunIsNotConverged() {
        // μ so low that zV ≈ 5e-5: practically no insertion is accepted, N(t) = 0 throughout
        double mu = Units.kT(T) * Math.log(5e-5 / V);
        MuScan.Settings st = new MuScan.Settings(0.002, new double[] {1}, 0.0, 50, 100, 20, 1, 20, 1, 3);
        MuScan.RunResult r = MuScan.run(st, factory(mu), null).get(0);
        assertEquals(100, r.cycles(), "ran to max_cycles");
        assertEquals(1, r.distinctN());
        assertFalse(r.converged());
    }

    @Test
    void settingsAreValidated() {
        double[] t = {1, 2, 3};
        InputException e = assertThrows(InputException.class,
                () -> new MuScan.Settings(0.1, new double[] {0.1, 0.2}, t, 0, 10, 10, 20, 1, 10, 1, 1, 0, 0));
        assertTrue(e.getMessage().contains("2 values of φ for 3 targets"), e.getMessage());
        e = assertThrows(InputException.class,
                () -> new MuScan.Settings(0.1, new double[] {0.1, -0.2, 0.1}, t, 0, 10, 10, 20, 1, 10, 1, 1, 0, 0));
        assertTrue(e.getMessage().contains("phi[1]"), e.getMessage());
        e = assertThrows(InputException.class, () -> new MuScan.Settings(0.1, null, t, 0, 10, 10, 20, 1, 10, 1, 1, 0, 2));
        assertTrue(e.getMessage().contains("pilot_cycles"), e.getMessage());
        e = assertThrows(InputException.class, () -> new MuScan.Settings(0.1, null, t, 0, 10, 10, 20, 2, 10, 1, 1, 3, 1));
        assertTrue(e.getMessage().contains("at least 2 samples"), e.getMessage());
    }
}
