package org.scalebridge.thermo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

class PhaseFieldAndEnergeticsTest {

    @Test
    void kappaFromGammaAndBackOnQuarticDoubleWell() {
        // Δf = W c²(1−c)²: γ = sqrt(2kW)/6 ⇒ k = 18γ²/W, width (tangent) = sqrt(8k/W)
        double w = 0.0123, gamma = 0.0071; // eV/Å³, eV/Å²
        double k = PhaseFieldParameters.kappaFromGamma(gamma, c -> w * c * c * (1 - c) * (1 - c), 0, 1);
        double closed = 18 * gamma * gamma / w;
        System.out.printf("quartic well: k = %.15e, closed form %.15e, rel. diff %.2e%n", k, closed, Math.abs(k - closed) / closed);
        assertEquals(closed, k, 1e-8 * closed);
        assertEquals(gamma, PhaseFieldParameters.gammaFromKappa(k, c -> w * c * c * (1 - c) * (1 - c), 0, 1), 1e-8 * gamma);
        double fmax = PhaseFieldParameters.maxBarrier(c -> w * c * c * (1 - c) * (1 - c), 0, 1);
        assertEquals(w / 16, fmax, 1e-14);
        assertEquals(Math.sqrt(8 * k / w), PhaseFieldParameters.interfaceWidth(k, fmax, 0, 1), 1e-12);
    }

    @Test
    void fullPipelineFromMuDataOnQuarticWell() {
        double w = 0.0123, gamma = 0.0071, omega = 1.0;
        double[] x = new double[21], mu = new double[21];
        for (int i = 0; i < 21; i++) { x[i] = i / 20.0; mu[i] = w * (2 * x[i] - 6 * x[i] * x[i] + 4 * Math.pow(x[i], 3)); }
        FreeEnergy.Result fe = FreeEnergy.analyse(300, x, mu, null, new FreeEnergy.Options(FreeEnergy.Criterion.FIXED, 3, false, 20001, 0, 1));
        PhaseFieldParameters.Result p = PhaseFieldParameters.fromModel(fe.model(), fe.binodal().get(0), omega, gamma, 1e-3, 4e-3, null);
        assertEquals(18 * gamma * gamma / w, p.kappa(), 1e-8 * p.kappa());
        // M = D/μ'(c) with μ'(0) = μ'(1) = 2W
        assertEquals(1e-3 / (2 * w), p.mobilityA(), 1e-9 * p.mobilityA());
        assertEquals(4e-3 / (2 * w), p.mobilityB(), 1e-9 * p.mobilityB());
        assertEquals(Math.sqrt(p.mobilityA() * p.mobilityB()), p.mobility(0.5), 1e-12);
        assertTrue(p.inputs().containsKey("gamma_eV_per_A2"));
        assertEquals(p.kappa() * 1.602176634e-19 / 1e-10, p.kappaSI(), 1e-12 * p.kappaSI());
    }

    @Test
    void interfaceAndStrainRecoveredFromSyntheticSeries() {
        double gamma = 0.012, eps = 3.0e-4, area = 110.0, eRich = -60.0, ePoor = -52.0; // eV/Å², eV/Å³, Å², eV/f.u.
        double[] n = {8, 12, 16, 20, 24, 28, 32, 40}, e = new double[8], v = new double[8], s = new double[8];
        Rng rng = new Rng(5);
        for (int i = 0; i < 8; i++) {
            v[i] = n[i] * 140.0;
            e[i] = n[i] / 2 * (eRich + ePoor) + 2 * area * gamma + eps * v[i];
        }
        InterfaceStrainFit.Result exact = InterfaceStrainFit.fit(n, e, v, eRich, ePoor, area, null);
        assertEquals(gamma, exact.gamma(), 1e-10);
        assertEquals(eps, exact.strain(), 1e-12);
        // noisy: 95% coverage over seeded trials with known σ
        int cover = 0, trials = 400;
        for (int t = 0; t < trials; t++) {
            double[] en = new double[8];
            for (int i = 0; i < 8; i++) { s[i] = 0.02; en[i] = e[i] + 0.02 * rng.nextGaussian(); }
            InterfaceStrainFit.Result r = InterfaceStrainFit.fit(n, en, v, eRich, ePoor, area, s);
            if (Math.abs(r.gamma() - gamma) < 1.96 * r.sigmaGamma() && Math.abs(r.strain() - eps) < 1.96 * r.sigmaStrain()) cover++;
        }
        // joint coverage of two correlated 95% intervals lies between 90% and 95%; binomial SE over 400 trials ≈ 1.3%
        System.out.printf("interface/strain fit: joint 95%% interval coverage %.3f over %d trials%n", cover / (double) trials, trials);
        assertTrue(cover / (double) trials > 0.86 && cover / (double) trials < 0.99);
    }

    @Test
    void averageVoltageAndProfile() {
        double eNa = -1.31; // eV/atom
        // E(x) per f.u. with a known 3.5 V step on the hull between x = 0 and 1 and a point above the hull at 0.5
        double e0 = -50.0, e1 = e0 + eNa - 3.5;
        InsertionVoltage.Step s = InsertionVoltage.average(0, e0, 0.001, 1, e1, 0.001, eNa, 0);
        assertEquals(3.5, s.volts(), 1e-12);
        assertEquals(Math.sqrt(2) * 0.001, s.sigma(), 1e-15);
        double[] x = {0, 0.5, 1, 2}, e = {e0, 0.5 * (e0 + e1) + 0.05, e1, e1 + eNa - 3.0};
        List<InsertionVoltage.Step> p = InsertionVoltage.profile(x, e, null, eNa);
        assertEquals(2, p.size());
        assertEquals(3.5, p.get(0).volts(), 1e-12);
        assertEquals(3.0, p.get(1).volts(), 1e-12);
        assertEquals(0.05, InsertionVoltage.aboveHull(x, e)[1], 1e-12);
    }
}
