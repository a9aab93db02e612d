package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.scalebridge.core.Rng;
import org.scalebridge.learn.StructureSpec;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NoseHooverNvt;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * The production stage's constant-pressure (flexible-cell) equilibration: the builder's x = 1 rhombohedral cell (the paper's DFT
 * lattice, 855 Å³) sits at ~+4 GPa for the surrogate, whose own density at 0 bar is ~1,050 Å³ per 60-atom cell
 * (resources/forcefields/mnfepba-surrogate.toml: 8,705 Å³ per 2×2×2 cell at 0 K). After {@link ProductionStage#equilibrate} the
 * NVT production cell must be near zero pressure.
 */
class ProductionEquilibrationTest {

    @Test
    void constantPressureEquilibrationRelaxesTheBuilderCell() {
        Structure s = StructureSpec.pba(1.0, new int[] {1, 1, 1}, 1).build();
        s.ensureVelocities();
        double v0 = s.cell().volume();
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        MdSystem sys = new MdSystem(s, ff.build(s).potential(), 1e-3);
        Rng rng = new Rng(5);
        Velocities.maxwellBoltzmann(sys, 600, rng);
        sys.setVirialEveryStep(true);
        sys.computeForces();
        double p0 = sys.pressure();
        double v = ProductionStage.equilibrate(sys, 600, 1500, 1.0, rng);
        assertEquals(v, s.cell().volume(), 1e-9 * v, "the returned volume is the cell's");
        // NVT at that volume: the mean pressure of 1 ps (1,000 steps) of Nosé–Hoover dynamics
        NoseHooverNvt nh = new NoseHooverNvt(600, 0.1, 3);
        sys.setVirialEveryStep(true);
        nh.setup(sys);
        sys.computeForces();
        double pSum = 0;
        double[] pt = new double[9], ptSum = new double[9];
        int n = 1000;
        for (int i = 0; i < n; i++) {
            nh.step(sys);
            sys.setStep(sys.step() + 1);
            sys.pressureTensor(pt);
            for (int k = 0; k < 9; k++) ptSum[k] += pt[k] / n;
            pSum += (pt[0] + pt[4] + pt[8]) / 3;
        }
        double pMean = pSum / n; // eV/Å³
        double gpa = org.scalebridge.core.Units.evPerA3ToGPa(1.0);
        // the largest deviatoric component of the mean stress: the shape must be relaxed as well as the volume
        double dev = 0;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                dev = Math.max(dev, Math.abs(0.5 * (ptSum[3 * a + b] + ptSum[3 * b + a]) - (a == b ? pMean : 0)));
        System.out.printf("builder cell %.1f Å³ at %.2f GPa (α = %.2f°) → equilibrated %.1f Å³ (α = %.2f°), NVT mean pressure %.3f GPa, "
                + "largest deviatoric stress %.3f GPa%n", v0, p0 * gpa, alphaDeg(StructureSpec.pba(1.0, new int[] {1, 1, 1}, 1).build()),
                v, alphaDeg(s), pMean * gpa, dev * gpa);
        // the builder cell is several GPa compressed for this potential; the relaxed one expands by > 15 %
        assertTrue(p0 * gpa > 2, "builder cell pressure " + p0 * gpa + " GPa");
        assertTrue(v > 1.15 * v0, "volume " + v0 + " → " + v + " Å³");
        // 60 atoms at 600 K: instantaneous pressure fluctuates by ~1 GPa and the 1-ps mean by ~0.2 GPa (bulk modulus
        // ~30 GPa, V ~ 1,050 Å³: σ_P = sqrt(kT·K/V) ≈ 0.5 GPa per sample, ~20 correlation times in 1 ps), and the
        // volume is the mean of a 0.75-ps window; 0.5 GPa is 8 % of the builder cell's excess pressure
        assertTrue(Math.abs(pMean * gpa) < 0.5, "mean pressure after equilibration " + pMean * gpa + " GPa");
        // the same bound for the deviatoric stress (shear and normal-stress differences) of the flexible-cell relaxation
        assertTrue(dev * gpa < 0.5, "largest deviatoric stress after equilibration " + dev * gpa + " GPa");
    }

    /** The angle between the second and third cell vectors (degrees). */
    static double alphaDeg(Structure s) {
        double[] h = s.cell().matrix();
        double bc = h[3] * h[6] + h[4] * h[7] + h[5] * h[8];
        return Math.toDegrees(Math.acos(bc / (s.cell().len(1) * s.cell().len(2))));
    }
}
