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

    /**
     * The same exact distribution with every exchange done as an NCMC move whose ghost moves with the others
     * (NcmcExchange, ghostMoves = true: 4 λ perturbations, 3 velocity-Verlet steps of 30 fs between them, i.e.
     * 0.27 ps of switching in which a Na moves ~1 Å through the field, ~1/9 of the field's period) and the
     * site-biased proposal; 20 exchanges per cycle; velocities are refreshed from Maxwell–Boltzmann before every
     * cycle (no MD here). The work is non-zero (the field is switched in while the ghost moves through it, and the
     * 30 fs step adds shadow work), and the deletion's proposal density is taken where the ghost ends, so a wrong
     * work, density or time-reversal term would bias both histograms.
     */
    @Test
    void exactDistributionWithNcmcExchanges() {
        exactDistribution(new SiteProposal(new double[][] {{0.5, 0.5, 0.5}, {0.5, 0.1, 0.8}, {0.0, 0.3, 0.3}}, 0.8, 0.2),
                new NcmcExchange.Settings(4, 3, 0.03, 1.0, true), 5000, 20);
    }

    /** {@link #wellDistribution}: NCMC with the ghost held at its insertion point. */
    @Test
    void exactDistributionWithNcmcAndARelaxingPartnerHeldGhost() { wellDistribution(false, 31); }

    /** {@link #wellDistribution}: NCMC with the ghost moving with the others (the default protocol). */
    @Test
    void exactDistributionWithNcmcAndARelaxingPartnerMovingGhost() { wellDistribution(true, 32); }

    /**
     * NCMC exchanges against an exact P(n) in which the inserted particle must reorganise its surroundings:
     * {@link WellPotential} (one mobile atom F, m = 55.85 amu, and exchangeable particles in an attractive well
     * u = −ε(1 − r²/r_c²)² around it, ε = 0.08 eV ≈ 3.1 k_BT, r_c = 3 Å, plus a pair constant c = 2 meV), 9 Å box,
     * 300 K, zV = 4, so P(n) ∝ (z I_u)^n/n! e^{−βcn(n−1)/2} with ⟨n⟩ ≈ 5. Only NCMC moves F (MC translations
     * move the particles), and F is pulled by the ghost during every switch: 6 λ perturbations, 5 velocity-Verlet
     * steps of 20 fs between them (0.5 ps, ~1/3 of the well's oscillation period, so the partner moves by a
     * fraction of an ångström and the work W differs from the instantaneous ΔU by the relaxation and the shadow
     * work). Uniform insertion; 20 NCMC exchanges and 20 translations per cycle, velocities refreshed from
     * Maxwell–Boltzmann before every cycle. Checked: the N histogram (χ²), the histogram of particle–F distances
     * (six shells inside r_c and the rest of the cell, density ∝ r² e^{−βu}; χ²), and ⟨n⟩ against the exact mean
     * within 4 blocked standard errors (20 blocks; the printed line states the error bar).
     */
    void wellDistribution(boolean ghostMoves, long seed) {
        double T = 300, L = 9.0, V = L * L * L, kT = Units.kT(T), beta = 1 / kT;
        double eps = 0.08, rc = 3.0, c = 0.002, zV = 4.0;
        WellPotential pot = new WellPotential(26, eps, rc, c);
        ExchangeSpecies sp = ExchangeSpecies.ofMu(11, 22.99, 0, kT * Math.log(zV / V)).withThermalWavelength(1.0);
        Structure s = new Structure(Cell.orthorhombic(L, L, L));
        s.addAtom(26, L / 2, L / 2, L / 2, 55.85);
        Gcmc mc = new Gcmc(s, pot, T, sp, 1.0, 0.0, new Rng(seed));
        NcmcExchange ncmc = mc.setNcmc(new NcmcExchange.Settings(6, 5, 0.02, 1.0, ghostMoves));

        int nmax = 40;
        double w = zV / V * pot.configurationIntegral(V, beta);
        double[] logp = new double[nmax];
        double lmax = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < nmax; n++) {
            double lf = 0;
            for (int k = 2; k <= n; k++) lf += Math.log(k);
            logp[n] = n * Math.log(w) - lf - beta * c * n * (n - 1) / 2.0;
            lmax = Math.max(lmax, logp[n]);
        }
        double norm = 0;
        for (int n = 0; n < nmax; n++) norm += Math.exp(logp[n] - lmax);
        double[] pn = new double[nmax];
        double exactMean = 0;
        for (int n = 0; n < nmax; n++) { pn[n] = Math.exp(logp[n] - lmax) / norm; exactMean += n * pn[n]; }
        // distance shells: 6 equal-width shells in [0, r_c) and the rest of the cell
        int shells = 6;
        double[] pr = new double[shells + 1];
        double iu = pot.configurationIntegral(V, beta);
        for (int b = 0; b < shells; b++) {
            double lo = rc * b / shells, hi = rc * (b + 1) / shells, acc = 0;
            int m = 400;
            double h = (hi - lo) / m;
            for (int i = 0; i <= m; i++) {
                double r = lo + i * h;
                acc += (i == 0 || i == m ? 1 : (i % 2 == 1 ? 4 : 2)) * 4 * Math.PI * r * r * Math.exp(-beta * pot.u(r * r));
            }
            pr[b] = acc * h / 3 / iu;
        }
        pr[shells] = (V - 4 * Math.PI * rc * rc * rc / 3) / iu;

        for (int k = 0; k < 200; k++) { ncmc.refreshVelocities(); mc.cycle(20, 20); }
        int samples = 4000;
        long[] histN = new long[nmax];
        long[] histR = new long[shells + 1];
        double[] series = new double[samples];
        long particles = 0;
        double[] d = new double[3];
        for (int k = 0; k < samples; k++) {
            ncmc.refreshVelocities();
            mc.cycle(20, 20);
            int n = mc.count(0);
            series[k] = n;
            histN[Math.min(n, nmax - 1)]++;
            int f = 0;
            while (s.atomicNumber(f) != 26) f++;
            for (int i = 0; i < s.size(); i++) {
                if (i == f) continue;
                d[0] = s.x(i) - s.x(f); d[1] = s.y(i) - s.y(f); d[2] = s.z(i) - s.z(f);
                double r = Math.sqrt(s.cell().minimumImage(d));
                histR[r >= rc ? shells : Math.min(shells - 1, (int) (r / rc * shells))]++;
                particles++;
            }
        }
        double[] cN = chiSquaredOfN(histN, pn, samples, nmax);
        double chiN = cN[0], pN = cN[2];
        int dofN = (int) cN[1];
        double chiR = 0;
        for (int b = 0; b <= shells; b++) {
            double ex = particles * pr[b];
            chiR += (histR[b] - ex) * (histR[b] - ex) / ex;
        }
        double pR = 1 - new ChiSquaredDistribution(null, shells).cumulativeProbability(chiR);
        double mean = SeriesStatistics.mean(series), se = SeriesStatistics.blockStandardError(series, 0, samples, 20);
        System.out.printf("NCMC well (ghost %s): <n> = %.4f ± %.4f (exact %.4f, %.2f sigma); N chi2 = %.2f (%d dof, p = %.4f); "
                        + "distance chi2 = %.2f (%d dof, p = %.4f); %s; %s%n", ghostMoves ? "moving" : "held", mean, se, exactMean,
                (mean - exactMean) / se, chiN, dofN, pN, chiR, shells, pR, mc.stats(), ncmc);
        // the moves are accepted often enough to mean something, and the work is not the instantaneous ΔU
        assertTrue(ncmc.acceptance() > 0.05, "NCMC acceptance " + ncmc.acceptance());
        assertTrue(ncmc.meanAbsShadowWork() > 0, "the 20 fs dynamics has shadow work");
        // 0.1 % significance at a fixed seed (as above); ⟨n⟩ within 4 blocked standard errors
        assertTrue(pN > 1e-3, "N distribution matches exact, chi2 = " + chiN);
        assertTrue(pR > 1e-3, "particle–F distances match r² exp(−βu), chi2 = " + chiR);
        assertTrue(Math.abs(mean - exactMean) < 4 * se, "<n> = " + mean + " ± " + se + " vs exact " + exactMean);
        assertTrue(Math.abs(mc.recomputeEnergy()) < 1e-9, "tracked energy equals recomputed");
    }

    void exactDistribution(SiteProposal proposal) { exactDistribution(proposal, null, 30000, 60); }

    void exactDistribution(SiteProposal proposal, NcmcExchange.Settings ncmcSettings, int samples, int exchanges) {
        double T = 300, L = 9.0, V = L * L * L, kT = Units.kT(T), beta = 1 / kT;
        double A = 0.03, c = 0.0015, phi = 0.004, nt = 9;
        double zV = 16.0;
        ExchangeSpecies sp = ExchangeSpecies.ofMu(11, 22.99, 0, kT * Math.log(zV / V)).withThermalWavelength(1.0);
        Structure s = new Structure(Cell.orthorhombic(L, L, L));
        Gcmc mc = new Gcmc(s, new FieldPotential(A, c), T, sp, 2.5, 0.0, new Rng(2024));
        mc.setBias(new HarmonicBias(0, phi, nt));
        mc.setInsertionProposal(proposal);
        NcmcExchange ncmc = mc.setNcmc(ncmcSettings);

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

        for (int k = 0; k < 300; k++) {
            if (ncmc != null) ncmc.refreshVelocities();
            mc.cycle(exchanges, 60);
        }
        int fb = 20;
        long[] histN = new long[nmax];
        long[] histF = new long[fb];
        long particles = 0;
        for (int k = 0; k < samples; k++) {
            if (ncmc != null) ncmc.refreshVelocities();
            mc.cycle(exchanges, 60);
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
        double[] cN = chiSquaredOfN(histN, pn, samples, nmax);
        double chiN = cN[0], pN = cN[2];
        int dofN = (int) cN[1];
        // position histogram vs exp(−βA cos 2πf)
        double z1 = fieldIntegral(beta * A, 0, 1), chiF = 0;
        for (int b = 0; b < fb; b++) {
            double ex = particles * fieldIntegral(beta * A, (double) b / fb, (double) (b + 1) / fb) / z1;
            chiF += (histF[b] - ex) * (histF[b] - ex) / ex;
        }
        double pF = 1 - new ChiSquaredDistribution(null, fb - 1).cumulativeProbability(chiF);
        System.out.printf("detailed balance: N chi2 = %.2f (%d dof, p = %.4f); position chi2 = %.2f (%d dof, p = %.4f); %s%n",
                chiN, dofN, pN, chiF, fb - 1, pF, mc.stats() + (ncmc != null ? "; " + ncmc : ""));
        // 0.1 % significance at a fixed seed. Samples are 120 attempts apart; the residual correlation makes χ²
        // slightly larger than for independent samples, so a biased sampler (which shifts whole bins by many σ)
        // still fails by orders of magnitude.
        assertTrue(pN > 1e-3, "N distribution matches exact enumeration, chi2 = " + chiN);
        assertTrue(pF > 1e-3, "position distribution matches exp(-beta U), chi2 = " + chiF);
        // energy bookkeeping
        double drift = mc.recomputeEnergy();
        assertTrue(Math.abs(drift) < 1e-9, "tracked energy equals recomputed, drift " + drift);
    }

    /** {χ², degrees of freedom, p-value} of the sampled N histogram against the exact P(N) (bins with expected count < 5 merged into neighbours). */
    static double[] chiSquaredOfN(long[] histN, double[] pn, long samples, int nmax) {
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
        return new double[] {chiN, dofN, 1 - new ChiSquaredDistribution(null, dofN).cumulativeProbability(chiN)};
    }

    private static double tailFrom(double[] p, int from) {
        double t = 0;
        for (int i = from; i < p.length; i++) t += p[i];
        return t;
    }
}
