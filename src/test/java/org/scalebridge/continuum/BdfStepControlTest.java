package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step control of {@link BdfIntegrator}. A singular iteration matrix α0·M − ∂f/∂y is what a step meets when α0 ≈ 1/h
 * hits a positive eigenvalue of the Jacobian (the spinodal region of a Cahn–Hilliard particle is anti-diffusive);
 * like IDA's recoverable linear-setup failure it must shorten the step, not end the run.
 */
class BdfStepControlTest {
    /** y' = y (one positive eigenvalue, λ = 1) and an algebraic copy w = 2y. */
    static final class Growth implements DaeSystem {
        @Override public int size() { return 2; }
        @Override public int lowerBandwidth() { return 1; }
        @Override public int upperBandwidth() { return 1; }
        @Override public void massDiagonal(double[] m) { m[0] = 1; m[1] = 0; }
        @Override public void typicalScale(double[] s) { s[0] = 1; s[1] = 1; }
        @Override public void rhs(double t, double[] y, double[] f) { f[0] = y[0]; f[1] = 2 * y[0] - y[1]; }
    }

    @Test
    void aSingularIterationMatrixShortensTheStep() {
        BdfIntegrator bdf = new BdfIntegrator(new Growth(), 1e-6, 1e-8, 5);
        // h0 = 1: BDF1's α0 = 1/h = 1 = λ, so the first iteration matrix is exactly singular (the finite-difference
        // Jacobian of f = y is exactly 1: the increment is formed as (y + d) − y on both sides)
        bdf.initialize(0, new double[] {1, 2}, 1.0);
        bdf.advance(2, null, 0, null, null);
        assertEquals(2, bdf.time(), 0);
        // rtol 1e-6 over a growth of e² with ~100 steps: 1e-4 relative is the global error with a wide margin
        assertEquals(Math.exp(2), bdf.state()[0], 1e-4 * Math.exp(2));
        // the algebraic variable is Newton's: converged to within a fraction of its error weight, rtol·|w| ≈ 3e-5
        assertEquals(2 * bdf.state()[0], bdf.state()[1], 1e-6 * Math.abs(bdf.state()[1]));
        String st = bdf.statistics();
        assertTrue(st.contains("singular=1"), st);
    }
}
