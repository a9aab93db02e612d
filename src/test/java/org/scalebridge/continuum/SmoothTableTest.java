package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The tabulated μ_hom(x) and D(x) of the particles against the parameter files' expressions. */
class SmoothTableTest {
    private static final double T = 400, R = 8.31446261815324;

    /** Max |table − f| (or relative) at n random points of [a, b] and at points crowding both ends (log-uniform). */
    private static double maxError(SmoothTable tab, java.util.function.DoubleUnaryOperator f, double a, double b, boolean relative) {
        SplittableRandom rnd = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? a + (b - a) * rnd.nextDouble()
                    : (i % 4 == 1 ? a + Math.pow(10, -7 * rnd.nextDouble()) * 1e-1 : b - Math.pow(10, -7 * rnd.nextDouble()) * 1e-1);
            if (x < a || x > b) continue;
            double fx = f.applyAsDouble(x), e = Math.abs(tab.value(x) - fx);
            worst = Math.max(worst, relative ? e / Math.abs(fx) : e);
        }
        return worst;
    }

    @Test
    void sampleMuMatchesTheExpressionDownToItsLogarithmicEnds() {
        P2dParameters p = P2dParameters.load(Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json"));
        Expr mu = p.positive.muHom.bind(1, T).fast();
        SmoothTable tab = CahnHilliardParticle.tabulateMu(mu, T);
        assertNotNull(tab);
        double[] a = {0, T};
        java.util.function.DoubleUnaryOperator f = x -> { a[0] = x; return mu.eval(a); };
        // bound: 10⁻⁴ J/mol = 1 nV in the potential μ/F, far below the solver tolerances (rtol 1e-4 on ~3 V)
        double err = maxError(tab, f, CahnHilliardParticle.X_MIN, 1 - CahnHilliardParticle.X_MIN, false);
        assertTrue(err <= CahnHilliardParticle.MU_TOL, "max |Δμ| " + err + " J/mol");
        // derivative of the interpolant (used by the analytic Jacobian) against a central difference of the expression:
        // a cubic Hermite derivative errs by O(h³) where the value errs by O(h⁴), ~(1/P)³ relative with P ≥ 16 intervals
        // per binade, so 1e-5 relative (Newton needs ~1e-3)
        for (double x : new double[]{1e-6, 0.013, 0.2, 0.5, 0.77, 0.999}) {
            double hh = 1e-6 * Math.min(x, 1 - x);
            double fd = (f.applyAsDouble(x + hh) - f.applyAsDouble(x - hh)) / (2 * hh);
            assertEquals(fd, tab.derivative(x), 1e-5 * Math.abs(fd) + 1e-3, "dμ/dx at " + x);
        }
    }

    @Test
    void mpetRegularSolutionMuIsTabulatedExactly() {
        Expr mu = Expr.compile(R * T + "*(ln(sto/(1-sto)) + 4.48*(1-2*sto))", "mu", "sto", "T").bind(1, T);
        SmoothTable tab = CahnHilliardParticle.tabulateMu(mu, T);
        assertNotNull(tab);
        double[] a = {0, T};
        assertTrue(maxError(tab, x -> { a[0] = x; return mu.eval(a); }, 1e-7, 1 - 1e-7, false) <= CahnHilliardParticle.MU_TOL);
    }

    @Test
    void phaseDependentDiffusivityWithinTheRelativeBound() {
        P2dParameters p = P2dParameters.load(Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json"));
        Expr d = p.positive.diffusivity.bind(2, T).fast();
        SmoothTable tab = CahnHilliardParticle.tabulateD(d, p.positive.cMax, T);
        assertNotNull(tab);
        double[] a = {0, 0, T};
        java.util.function.DoubleUnaryOperator f = x -> { a[0] = x; a[1] = x * p.positive.cMax; return d.eval(a); };
        // 1.9e-18 … 6.1e-14 m²/s across a tanh step of width 0.05: 10⁻⁸ relative everywhere (10⁻⁸ of the flux)
        double err = maxError(tab, f, 0, 1, true);
        assertTrue(err <= 2 * CahnHilliardParticle.D_RTOL, "max relative ΔD " + err + " with " + tab.intervals() + " intervals");
        for (double x : new double[]{0.1, 0.38, 0.4, 0.43, 0.9}) {
            double hh = 1e-6, fd = (f.applyAsDouble(x + hh) - f.applyAsDouble(x - hh)) / (2 * hh);
            assertEquals(fd, tab.derivative(x), 1e-6 * Math.abs(fd) + 1e-6 * f.applyAsDouble(x), "dD/dx at " + x); // (D/0.05 scale)
        }
    }

    @Test
    void kinkedTablesAreLeftToTheExpression() {
        // a piecewise-linear table has slope jumps that no smooth interpolant meets to 10⁻⁴ J/mol: build gives up
        TableFunction lin = new TableFunction(0, new double[]{0, 0.3, 0.6, 1}, new double[]{0, 3000, -1000, 500}, false, true, "kinks");
        assertNull(CahnHilliardParticle.tabulateMu(lin, T));
        assertNull(CahnHilliardParticle.tabulateD(Expr.constant(1e-14), 1000, T), "constant D needs no table");
    }
}
