package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event location in {@link BdfIntegrator}: when an event (a voltage cut-off) stops the integration, the returned state
 * must satisfy g = 0 at the returned time. The root is found on the interpolating polynomial of the step that crossed
 * it, and the state is taken from that same polynomial; using the order chosen for the next step for one of the two
 * (the order often changes on that step) leaves g ≈ the local error, ~1e-4 × scale at rtol 1e-4 (a 0.1C MnFePBA
 * charge stopped at 4.4985 V on its 4.5 V cut-off). The bisection stops at 1e-12 relative in t, so |g| ≤ 1e-9 V is a
 * bound with a wide margin over that and far below the old error.
 */
class BdfEventTest {
    /** Damped oscillator x'' + 0.1 x' + x = 0 with an algebraic "voltage" w = 3 + 0.5 x + 0.1 x³ (banded, kl = ku = 2). */
    static final class Oscillator implements DaeSystem {
        @Override public int size() { return 3; }
        @Override public int lowerBandwidth() { return 2; }
        @Override public int upperBandwidth() { return 2; }
        @Override public void massDiagonal(double[] m) { m[0] = 1; m[1] = 1; m[2] = 0; }
        @Override public void typicalScale(double[] s) { s[0] = 1; s[1] = 1; s[2] = 3; }
        @Override public void rhs(double t, double[] y, double[] f) {
            f[0] = y[1];
            f[1] = -y[0] - 0.1 * y[1];
            f[2] = 3 + 0.5 * y[0] + 0.1 * y[0] * y[0] * y[0] - y[2];
        }
    }

    @Test
    void theStoppedStateSitsOnTheCutOff() {
        double worst = 0;
        int hits = 0;
        for (int k = 0; k < 200; k++) {
            double cut = 3.05 + 0.0015 * k; // 3.05 … 3.35, crossed upwards on the first swing (max w ≈ 3.49)
            BdfIntegrator bdf = new BdfIntegrator(new Oscillator(), 1e-4, 1e-6, 5);
            bdf.initialize(0, new double[] {-1, 0, 0}, 1e-4 * (1 + k % 13)); // different step sequences
            BdfIntegrator.Event ev = (tt, y) -> y[2] - cut;
            bdf.advance(20, null, 0, null, ev);
            assertTrue(bdf.eventHit(), "the cut-off " + cut + " is crossed");
            hits++;
            double[] y = bdf.state();
            worst = Math.max(worst, Math.abs(y[2] - cut));
            // and the state is the solution there: x(t) of the damped oscillator to the integration tolerance
            double t = bdf.time(), wd = Math.sqrt(1 - 0.0025);
            double x = -Math.exp(-0.05 * t) * (Math.cos(wd * t) + 0.05 / wd * Math.sin(wd * t));
            assertEquals(x, y[0], 2e-3, "x at the event, cut-off " + cut);
        }
        assertEquals(200, hits);
        assertTrue(worst < 1e-9, "|g| at the returned state: " + worst);
    }
}
