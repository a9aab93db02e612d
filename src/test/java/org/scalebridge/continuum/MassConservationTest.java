package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ∫I dt equals the change of inserted species in each electrode, and the salt in the electrolyte is constant.
 * The finite-volume fluxes telescope and BDF integrates linear invariants exactly for a constant current, so the
 * only error left is Newton's residual on the (linear) current balance and round-off: 1e-8 relative is required.
 */
class MassConservationTest {
    @Test
    void chargePassedEqualsInsertedSpecies() {
        P2dParameters p = P2dParameters.bundled("marquis2019");
        P2dModel m = new P2dModel(p, 10, 5, 10, 10, 10, 1.0);
        P2dSimulation sim = new P2dSimulation(m).outputInterval(100).mapEvery(0);
        double i1 = 2.0 * p.oneCCurrent(), t1 = 900, t2 = 300, i3 = -0.5 * p.oneCCurrent(), t3 = 600;
        P2dResult r = sim.run(new Protocol().constantCurrentC(2.0, t1, 2.0, 4.5).rest(t2).constantCurrentC(-0.5, t3, 2.0, 4.5), null);
        double[] y0 = m.initialState(0);
        double[] y1 = r.finalState;
        double charge = i1 * t1 + i3 * t3; // C/m²
        double dPos = (m.solidInventory(y1, 2) - m.solidInventory(y0, 2)) * p.faraday;
        double dNeg = (m.solidInventory(y1, 0) - m.solidInventory(y0, 0)) * p.faraday;
        System.out.printf("mass conservation: pos %.3e, neg %.3e relative; salt %.3e relative%n", dPos / charge - 1, -dNeg / charge - 1,
                (m.electrolyteInventory(y1) - m.electrolyteInventory(y0)) / m.electrolyteInventory(y0));
        assertEquals(1.0, dPos / charge, 1e-8, "positive electrode gained " + dPos + " C/m², current passed " + charge);
        assertEquals(-1.0, dNeg / charge, 1e-8, "negative electrode lost " + dNeg);
        double salt0 = m.electrolyteInventory(y0), salt1 = m.electrolyteInventory(y1);
        assertEquals(salt0, salt1, 1e-10 * salt0, "salt is conserved");
    }
}
