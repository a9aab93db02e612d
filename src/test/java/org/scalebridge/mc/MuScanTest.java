package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Biased GCMC μ(N) on the ideal gas, where everything is known exactly: the biased P(N) ∝ (zV)^N/N!·e^{−βB(N)}
 * by enumeration, and μ(N) = μ_bias + k_BT ln(N/(zV)) (Poisson mean ⟨N⟩ = zV at μ). Also: the scan's numbers do
 * not depend on the number of threads.
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
}
