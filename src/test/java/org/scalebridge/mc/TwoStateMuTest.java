package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;

/**
 * {@link MuScan#twoStateMu}: the exact μ(N_k + ½) = μ_bias − ΔB − kT ln(n_{k+1}/n_k) of a biased run confined to two
 * states, checked on a system whose only states are N_k and N_k + 1 with known free energies (the analytic two-state
 * limit of the biased grand-canonical ensemble, paper Eq. 7).
 */
class TwoStateMuTest {
    static final double T = 400, KT = Units.kT(T);

    /** Exact counts proportional to the biased weights exp(−β[F(N) − μ_bias N + B(N)]) recover ΔF for any φ and target. */
    @Test
    void exactPopulationsGiveTheFreeEnergyStep() {
        double f0 = -1.3, f1 = -4.45; // ΔF = F(k+1) − F(k) = −3.15 eV
        int k = 3;
        for (double phi : new double[] {0.0, 0.05, 0.5})
            for (double target : new double[] {k + 0.5, k + 0.3, k + 0.9})
                for (double muBias : new double[] {-3.3, -3.15, -3.0}) {
                    HarmonicBias b = new HarmonicBias(0, phi, target);
                    double w0 = Math.exp(-(f0 - muBias * k + b.energy(k)) / KT), w1 = Math.exp(-(f1 - muBias * (k + 1) + b.energy(k + 1)) / KT);
                    double wMin = Math.min(w0, w1);
                    long n0 = Math.round(1e10 * w0 / wMin), n1 = Math.round(1e10 * w1 / wMin);
                    // the rarer state gets 1e10 samples: rounding changes the ratio by < 1e-10 relative (< 1e-11 eV in μ);
                    // the other stays below 2^63 on this grid (ratio ≤ e^17)
                    assertEquals(f1 - f0, MuScan.twoStateMu(muBias, b.insertionChange(k), n0, n1, KT), 1e-8,
                            "phi " + phi + " target " + target + " mu_bias " + muBias);
                }
        // at a half-integer target the bias is the same on both states: μ = μ_bias − kT ln(n_{k+1}/n_k)
        assertEquals(0.0, new HarmonicBias(0, 0.7, k + 0.5).insertionChange(k), 1e-15);
        assertEquals(-3.0 - KT * Math.log(3.0), MuScan.twoStateMu(-3.0, 0.0, 10, 30, KT), 1e-15);
        // an unvisited state leaves the ratio unknown
        assertTrue(Double.isNaN(MuScan.twoStateMu(-3.0, 0.0, 0, 30, KT)));
        assertTrue(Double.isNaN(MuScan.twoStateMu(-3.0, 0.0, 30, 0, KT)));
    }

    /**
     * A Metropolis chain on the two states of a half-integer target (the exchange moves of a biased run reduced to
     * their essentials), recorded as a RunResult trace: the run-level form counts only production samples and returns
     * ΔF within the statistical error of the populations.
     */
    @Test
    void sampledTwoStateRunRecoversTheStep() {
        double dF = -2.8, muBias = -2.75, phi = 0.3, target = 5.5;
        int k = 5, n = 200_000, eq = 1000;
        HarmonicBias b = new HarmonicBias(0, phi, target);
        Rng rng = new Rng(17);
        double[] trace = new double[n];
        int state = k + 1; // start in the wrong-ish state; the first eq samples are "equilibration" and must be ignored
        for (int i = 0; i < n; i++) {
            int other = state == k ? k + 1 : k;
            // ΔE of the move in the biased ensemble: ±(ΔF − μ_bias) + ΔB
            double de = (other - state) * (dF - muBias) + b.energy(other) - b.energy(state);
            if (de <= 0 || rng.nextDouble() < Math.exp(-de / KT)) state = other;
            trace[i] = i < eq ? 99 : state; // junk before the equilibration sample: must not enter the counts
        }
        MuScan.RunResult r = new MuScan.RunResult(target, phi, muBias, muBias, k + 0.5, 0, 0, 0, 0, Double.NaN, 0, eq, n, 0, trace,
                new double[n], new double[n], 0.5, 0.5, 0, n / 2, 2, true, 0);
        int[] c = MuScan.twoStateCounts(r);
        assertEquals(n - eq, c[0] + c[1]);
        double mu = MuScan.twoStateMu(r, KT);
        // p = 1/(1 + e^{β·0.05}) ≈ 0.19 at 400 K; a two-state Metropolis chain with these rates has an integrated
        // autocorrelation of a few samples, so σ_ln(ratio) ≈ sqrt(τ/(N p(1−p))) ≲ 0.01 → σ_μ ≲ 0.4 meV; allow 3 meV
        assertEquals(dF, mu, 3e-3, "two-state μ " + mu);
        // not a half-integer target: no two-state estimate
        MuScan.RunResult r2 = new MuScan.RunResult(5.0, phi, muBias, muBias, 5, 0, 0, 0, 0, Double.NaN, 0, 0, n, 0, trace,
                new double[n], new double[n], 0.5, 0.5, 0, n / 2, 2, true, 0);
        assertTrue(Double.isNaN(MuScan.twoStateMu(r2, KT)));
    }
}
