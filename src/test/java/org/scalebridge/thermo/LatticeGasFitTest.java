package org.scalebridge.thermo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;

/**
 * The lattice-gas μ(x) fit (μ = μ0 + kT ln(x/(1−x)) + polynomial excess, x the Na site fraction) on a material that is
 * two-phase almost everywhere: a two-term Redlich–Kister (sub-regular) solution whose binodals lie near the paper's
 * x ≈ 0.02 and 1.58 Na per formula unit (site fractions ≈ 0.01 and 0.79). The excess μ of a Redlich–Kister
 * expansion with L0, L1 is a quadratic in x, so the fit must recover it exactly from a few points and the binodal and
 * spinodal must match an independent construction (equal-area rule on the analytic G) to 1e-6.
 */
class LatticeGasFitTest {
    static final double T = 400, KT = Units.KB_EV_PER_K * T;
    // the MnFePBA P2D sample's sub-regular μ_hom (9183.8 and 5728.7 J/mol) in eV per Na
    static final double L0 = 9183.80503509 / 96485.33212, L1 = 5728.69889752 / 96485.33212, MU0 = -2.1;

    static double mu(double x) {
        double u = 1 - 2 * x;
        return MU0 + KT * Math.log(x / (1 - x)) + L0 * u + L1 * (u * u - 2 * x * (1 - x));
    }

    static double dmu(double x) { return KT / (x * (1 - x)) - 2 * L0 + L1 * (-6 + 12 * x); }

    /** G = ∫ μ dx in closed form: ideal mixing + μ0 x + x(1−x)[L0 + L1(1−2x)]. */
    static double g(double x) {
        return KT * (x * Math.log(x) + (1 - x) * Math.log(1 - x)) + MU0 * x + x * (1 - x) * (L0 + L1 * (1 - 2 * x));
    }

    static double bisect(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double flo = f.applyAsDouble(lo);
        for (int i = 0; i < 400 && hi - lo > 1e-16; i++) {
            double mid = 0.5 * (lo + hi), fm = f.applyAsDouble(mid);
            if ((fm < 0) == (flo < 0)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** Spinodals (dμ/dx = 0) and binodals (outer roots of μ = μ_c with ∫(μ − μ_c) dx = 0), independently of FreeEnergy. */
    static double[] exact() {
        double s1 = bisect(LatticeGasFitTest::dmu, 1e-6, 0.3), s2 = bisect(LatticeGasFitTest::dmu, 0.3, 1 - 1e-9);
        double[] ab = new double[2];
        double mc = bisect(m -> {
            double a = bisect(x -> mu(x) - m, 1e-300, s1), b = bisect(x -> mu(x) - m, s2, 1 - 1e-15);
            ab[0] = a;
            ab[1] = b;
            return g(b) - g(a) - m * (b - a); // equal-area rule
        }, mu(s2) + 1e-12, mu(s1) - 1e-12);
        return new double[] {ab[0], ab[1], s1, s2, mc};
    }

    static double[] grid(int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * i / (n - 1);
        return x;
    }

    @Test
    void subRegularSolutionIsRecoveredWithBoundedBinodals() {
        double[] e = exact();
        // the model material is two-phase almost everywhere, like the paper's
        assertTrue(e[0] > 0.002 && e[0] < 0.05 && e[1] > 0.7 && e[1] < 0.9, java.util.Arrays.toString(e));
        double[] x = grid(9, 0.06, 0.94); // μ-scan-like coverage: nothing inside the binodals is sampled
        double[] m = new double[x.length];
        for (int i = 0; i < x.length; i++) m[i] = mu(x[i]);
        for (FreeEnergy.Criterion c : new FreeEnergy.Criterion[] {FreeEnergy.Criterion.CV, FreeEnergy.Criterion.BIC}) {
            FreeEnergy.Result r = FreeEnergy.analyse(T, x, m, null, new FreeEnergy.Options(c, 6, true, 20001, 0, 1));
            assertEquals(2, r.model().degree(), c + ": a two-term Redlich–Kister excess is a quadratic μ_ex");
            assertEquals(1, r.binodal().size());
            System.out.printf("sub-regular %s: binodal %.10f/%.10f (exact %.10f/%.10f), spinodal %.10f/%.10f (exact %.10f/%.10f)%n", c,
                    r.binodal().get(0).a(), r.binodal().get(0).b(), e[0], e[1], r.spinodal()[0], r.spinodal()[1], e[2], e[3]);
            // exact data and an exactly representable model: only the Newton/Brent tolerances and round-off remain
            assertEquals(e[0], r.binodal().get(0).a(), 1e-6);
            assertEquals(e[1], r.binodal().get(0).b(), 1e-6);
            assertEquals(e[2], r.spinodal()[0], 1e-6);
            assertEquals(e[3], r.spinodal()[1], 1e-6);
            assertEquals(e[4], r.binodal().get(0).muCoexistence(), 1e-8);
        }
    }

    @Test
    void noisySubRegularDataGiveBoundedBinodalsWithBootstrapErrors() {
        double[] e = exact();
        double[] x = grid(12, 0.03, 0.97);
        double[] m = new double[x.length], s = new double[x.length];
        Rng rng = new Rng(5);
        for (int i = 0; i < x.length; i++) { s[i] = 0.005; m[i] = mu(x[i]) + s[i] * rng.nextGaussian(); } // 5 meV: a biased-GCMC σ_μ
        FreeEnergy.Result r = FreeEnergy.analyse(T, x, m, s, new FreeEnergy.Options(FreeEnergy.Criterion.CV, 5, true, 20001, 200, 3));
        var gp = r.binodal().get(0);
        System.out.printf("noisy sub-regular: degree %d, binodal %.5f ± %.5f / %.5f ± %.5f (exact %.5f/%.5f), bootstrap used %d%n", r.model().degree(),
                gp.a(), r.sigmaBinodal()[0], gp.b(), r.sigmaBinodal()[1], e[0], e[1], r.bootstrapUsed());
        assertTrue(r.bootstrapUsed() > 100, "most resamples keep the one-gap topology");
        // bounded inside (0, 1), away from the degenerate ends, and within 4 bootstrap σ (+ the noise-free fit's
        // resolution) of the exact points
        assertTrue(gp.a() > 1e-4 && gp.b() < 1 - 1e-4);
        assertEquals(e[0], gp.a(), 4 * r.sigmaBinodal()[0] + 2e-3);
        assertEquals(e[1], gp.b(), 4 * r.sigmaBinodal()[1] + 2e-3);
    }
}
