package org.scalebridge.thermo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;

/** Regular-solution μ(x) → binodal/spinodal against the analytic values; degree selection; bootstrap. */
class FreeEnergyTest {
    static final double OMEGA = 0.12, MU0 = -0.3; // eV

    static double[] xs() {
        double[] x = new double[50];
        for (int i = 0; i < 50; i++) x[i] = 0.01 + 0.02 * i;
        return x;
    }

    static double[] regularMu(double[] x, double t) {
        double kt = Units.KB_EV_PER_K * t;
        double[] mu = new double[x.length];
        for (int i = 0; i < x.length; i++) mu[i] = MU0 + kt * Math.log(x[i] / (1 - x[i])) + OMEGA * (1 - 2 * x[i]);
        return mu;
    }

    /** Analytic symmetric binodal: ln(x/(1−x)) + (Ω/kT)(1 − 2x) = 0, root in (0, ½), by bisection to machine precision. */
    static double binodal(double t) {
        double a = OMEGA / (Units.KB_EV_PER_K * t), lo = 1e-300, hi = 0.5 - 1e-9;
        for (int it = 0; it < 2000; it++) {
            double mid = 0.5 * (lo + hi);
            double h = Math.log(mid / (1 - mid)) + a * (1 - 2 * mid);
            if (h < 0) lo = mid; else hi = mid;
            if (hi - lo < 1e-17) break;
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void regularSolutionBinodalAndSpinodalAtSeveralTemperatures() {
        double[] x = xs();
        for (FreeEnergy.Criterion crit : new FreeEnergy.Criterion[] {FreeEnergy.Criterion.CV, FreeEnergy.Criterion.AIC, FreeEnergy.Criterion.BIC}) {
            for (double t : new double[] {300, 400, 600}) {
                FreeEnergy.Result r = FreeEnergy.analyse(t, x, regularMu(x, t), null, new FreeEnergy.Options(crit, 6, true, 20001, 20, 5));
                double xb = binodal(t), kt = Units.KB_EV_PER_K * t;
                double disc = Math.sqrt(1 - 2 * kt / OMEGA);
                double s1 = 0.5 * (1 - disc), s2 = 0.5 * (1 + disc);
                assertEquals(1, r.model().degree(), crit + " picks degree 1 for exact regular-solution data");
                assertEquals(1, r.binodal().size());
                FreeEnergy.Gap g = r.binodal().get(0);
                assertEquals(xb, g.a(), 1e-6);
                assertEquals(1 - xb, g.b(), 1e-6);
                assertEquals(MU0, g.muCoexistence(), 1e-9);
                assertEquals(2, r.spinodal().length);
                assertEquals(s1, r.spinodal()[0], 1e-6);
                assertEquals(s2, r.spinodal()[1], 1e-6);
                if (crit == FreeEnergy.Criterion.CV)
                    System.out.printf("regular solution T=%.0f K: binodal %.10f/%.10f (analytic %.10f/%.10f), spinodal %.10f/%.10f (analytic %.10f/%.10f)%n",
                            t, g.a(), g.b(), xb, 1 - xb, r.spinodal()[0], r.spinodal()[1], s1, s2);
                // mixing energy at ½ relative to the ends: kT ln ½ + Ω/4 (relative to the hull: Δf at ½ above the tangent)
                int mid = (r.gridX().length - 1) / 2;
                assertEquals(r.model().g(0.5) - r.hull()[mid], r.g()[mid] - r.hull()[mid], 1e-12);
                assertTrue(r.g()[mid] - r.hull()[mid] > 0);
            }
        }
        // above the critical temperature Ω/(2k_B) ≈ 696 K: no gap, no spinodal
        FreeEnergy.Result hot = FreeEnergy.analyse(800, x, regularMu(x, 800), null, FreeEnergy.Options.defaults());
        assertEquals(0, hot.binodal().size());
        assertEquals(0, hot.spinodal().length);
    }

    @Test
    void noisyDataBootstrapErrorsAreConsistent() {
        double t = 300;
        double[] x = xs(), mu = regularMu(x, t), s = new double[x.length];
        Rng rng = new Rng(11);
        for (int i = 0; i < x.length; i++) { mu[i] += 0.004 * rng.nextGaussian(); s[i] = 0.004; }
        FreeEnergy.Result r = FreeEnergy.analyse(t, x, mu, s, new FreeEnergy.Options(FreeEnergy.Criterion.BIC, 6, true, 20001, 200, 3));
        double xb = binodal(t);
        System.out.printf("noisy regular solution: degree %d, binodal %.5f ± %.5f (true %.5f), spinodal %.5f ± %.5f, bootstrap used %d%n",
                r.model().degree(), r.binodal().get(0).a(), r.sigmaBinodal()[0], xb, r.spinodal()[0], r.sigmaSpinodal()[0], r.bootstrapUsed());
        assertTrue(r.bootstrapUsed() > 150);
        assertTrue(r.sigmaBinodal()[0] > 0);
        assertEquals(xb, r.binodal().get(0).a(), 4 * r.sigmaBinodal()[0]);
    }

    @Test
    void smoothingSplineOption() {
        double t = 400;
        double[] x = xs();
        FreeEnergy.Result exact = FreeEnergy.analyse(t, x, regularMu(x, t), null, new FreeEnergy.Options(FreeEnergy.Criterion.SPLINE, 0, true, 20001, 0, 1));
        double xb = binodal(t);
        assertEquals(xb, exact.binodal().get(0).a(), 1e-6);
        assertEquals(1 - xb, exact.binodal().get(0).b(), 1e-6);
        double[] mu = regularMu(x, t), s = new double[x.length];
        Rng rng = new Rng(12);
        for (int i = 0; i < x.length; i++) { mu[i] += 0.004 * rng.nextGaussian(); s[i] = 0.004; }
        FreeEnergy.Result r = FreeEnergy.analyse(t, x, mu, s, new FreeEnergy.Options(FreeEnergy.Criterion.SPLINE, 0, true, 20001, 40, 3));
        System.out.printf("spline, noisy regular solution T=400 K: %s, binodal %.5f ± %.5f (true %.5f), gaps %d, spinodals %d, bootstrap used %d%n", r.model().describe(),
                r.binodal().get(0).a(), r.sigmaBinodal()[0], xb, r.binodal().size(), r.spinodal().length, r.bootstrapUsed());
        assertEquals(xb, r.binodal().get(0).a(), 4 * r.sigmaBinodal()[0] + 1e-3);
    }

    @Test
    void polynomialOnlyModeSelectsTheTrueDegree() {
        // μ = G' for a quartic G (no ideal term): cubic μ; exact data → CV and BIC choose degree 3
        double w = 0.2;
        double[] x = new double[30], mu = new double[30];
        for (int i = 0; i < 30; i++) { x[i] = i / 29.0; mu[i] = w * (2 * x[i] - 6 * x[i] * x[i] + 4 * x[i] * x[i] * x[i]) + 0.05; }
        for (FreeEnergy.Criterion c : new FreeEnergy.Criterion[] {FreeEnergy.Criterion.CV, FreeEnergy.Criterion.BIC}) {
            FreeEnergy.Result r = FreeEnergy.analyse(300, x, mu, null, new FreeEnergy.Options(c, 7, false, 20001, 0, 1));
            assertEquals(3, r.model().degree(), c.toString());
            assertEquals(0.0, r.binodal().get(0).a(), 1e-9);
            assertEquals(1.0, r.binodal().get(0).b(), 1e-9);
            assertEquals(0.5 - Math.sqrt(3) / 6, r.spinodal()[0], 1e-9);
        }
    }

    @Test
    void badInputIsNamed() {
        InputException e = assertThrows(InputException.class,
                () -> FreeEnergy.analyse(300, new double[] {0.1, 1.2, 0.5}, new double[] {0, 0, 0}, null, FreeEnergy.Options.defaults()));
        assertTrue(e.getMessage().contains("x[1]"), e.getMessage());
    }
}
