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

    /**
     * The same for Cahn–Hilliard cathode particles through their first nucleations (MnFePBA, 1C charge, rest, 0.5C
     * discharge), without and with coherency strain: the fluxes leave the strain term's mean part out of μ (it cancels
     * in their differences), which must not cost conservation.
     */
    @Test
    void cahnHilliardParticlesConserveTheChargePassedWithAndWithoutStrain() {
        for (double strain : new double[]{0, 1.916e8}) {
            P2dParameters p = P2dParameters.load(java.nio.file.Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json"));
            p.positive.strainB = strain;
            P2dModel m = new P2dModel(p, 4, 2, 4, 8, 24, 1.0);
            P2dSimulation sim = new P2dSimulation(m).tolerances(1e-5, 1e-7).outputInterval(100).mapEvery(0);
            P2dResult r = sim.run(new Protocol().constantCurrentC(-1.0, 1200, 1.5, 4.5).rest(300).constantCurrentC(0.5, 600, 1.5, 4.5), null);
            assertEquals(null, r.failure(), "B = " + strain);
            double[] y0 = m.initialState(0), y1 = r.finalState, t = r.time(), cur = r.current();
            double charge = 0; // ∫I dt on the stored outputs is exact here: the current is piecewise constant between them
            for (int k = 1; k < t.length; k++) charge += cur[k] * (t[k] - t[k - 1]);
            double dPos = (m.solidInventory(y1, 2) - m.solidInventory(y0, 2)) * p.faraday;
            double dNeg = (m.solidInventory(y1, 0) - m.solidInventory(y0, 0)) * p.faraday;
            System.out.printf("mass conservation, Cahn–Hilliard cathode (B = %.3g J/m³): pos %.3e, neg %.3e relative%n",
                    strain, dPos / charge - 1, -dNeg / charge - 1);
            assertEquals(1.0, dPos / charge, 1e-8, "B = " + strain + ": positive electrode gained " + dPos + " C/m², current passed " + charge);
            assertEquals(-1.0, dNeg / charge, 1e-8, "B = " + strain + ": negative electrode lost " + dNeg);
        }
    }
}
