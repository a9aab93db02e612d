package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** Lennard-Jones against the LAMMPS A1 cases (ortho/tric, shift/noshift) and analytic limits. */
class LennardJonesTest {

    static LennardJones argon(boolean shift, boolean tail) {
        return new LennardJones(LennardJones.table(8.5).pair("Ar", "Ar", 0.010323, 3.405), shift, tail);
    }

    @ParameterizedTest
    @CsvSource({"ortho,noshift", "ortho,shift", "tric,noshift", "tric,shift"})
    void matchesLammpsA1(String cell, String shift) throws Exception {
        Path dir = RefXyz.reference().resolve("lammps/A1_lj_argon/" + cell);
        RefXyz in = RefXyz.read(dir.resolve("structure.extxyz"));
        RefXyz ref = RefXyz.read(dir.resolve("results.A1_" + cell + "_" + shift + ".extxyz"));
        for (int threads : new int[] {1, 2}) {
            LennardJones lj = argon(shift.equals("shift"), false);
            lj.setThreads(threads);
            double[] err = RefCompare.compare(lj, in.structure, ref);
            System.out.printf("A1 %s %s threads=%d: dE/E=%.2e dF/Fmax=%.2e dW/Wmax=%.2e (abs %.2e eV, %.2e eV/A, %.2e eV)%n",
                    cell, shift, threads, err[0], err[1], err[2], err[3], err[4], err[5]);
            // the bar: 1e-8 relative (the reference is written with 13 significant digits)
            assertTrue(err[0] < 1e-8 && err[1] < 1e-8 && err[2] < 1e-8, "A1 agreement");
        }
    }

    @Test
    void dimerEnergyAndShift() {
        Structure s = new Structure(Cell.orthorhombic(30, 30, 30));
        s.addAtom("Ar", 1, 1, 1);
        s.addAtom("Ar", 1 + Math.pow(2, 1.0 / 6) * 3.405, 1, 1);
        assertEquals(-0.010323, argon(false, false).energy(s), 1e-15);
        double rc = 8.5, x = 3.405 / rc, phiRc = 4 * 0.010323 * (Math.pow(x, 12) - Math.pow(x, 6));
        assertEquals(-0.010323 - phiRc, argon(true, false).energy(s), 1e-15);
    }

    @Test
    void tailCorrectionMatchesClosedForm() {
        // single-component: E_tail = (8/3)π N ρ ε σ³ [(1/3)(σ/rc)⁹ − (σ/rc)³]; P_tail = (16/3)π ρ² ε σ³ [(2/3)(σ/rc)⁹ − (σ/rc)³]
        Structure s = new Structure(Cell.orthorhombic(40, 41, 42));
        s.addAtom("Ar", 1, 1, 1);
        s.addAtom("Ar", 20, 20, 20);
        s.addAtom("Ar", 30, 10, 5);
        LennardJones with = argon(false, true), without = argon(false, false);
        ForceResult a = new ForceResult(), b = new ForceResult();
        with.compute(s, a);
        without.compute(s, b);
        double v = s.cell().volume(), rho = 3 / v, e = 0.010323, sg = 3.405, x = sg / 8.5;
        double eTail = 8.0 / 3 * Math.PI * 3 * rho * e * Math.pow(sg, 3) * (Math.pow(x, 9) / 3 - Math.pow(x, 3));
        double pTail = 16.0 / 3 * Math.PI * rho * rho * e * Math.pow(sg, 3) * (2.0 / 3 * Math.pow(x, 9) - Math.pow(x, 3));
        assertEquals(eTail, a.energy() - b.energy(), 1e-15);
        assertEquals(pTail * v, a.virial()[0] - b.virial()[0], 1e-14);
        assertEquals(0, a.virial()[1] - b.virial()[1], 0);
    }

    @Test
    void pressureMatchesLammpsThermo() throws Exception {
        // LAMMPS' thermo pressure tensor (bar) of A1 ortho, from the virial and the LAMMPS nktv2p constant
        Path dir = RefXyz.reference().resolve("lammps/A1_lj_argon/ortho");
        RefXyz in = RefXyz.read(dir.resolve("structure.extxyz"));
        RefXyz ref = RefXyz.read(dir.resolve("results.A1_ortho_noshift.extxyz"));
        ForceResult r = new ForceResult();
        argon(false, false).compute(in.structure, r);
        double[] pb = RefXyz.nums(ref.header.get("lammps_pressure_bar"));  // xx yy zz xy xz yz
        double[] mine = r.pressureBar(in.structure.cell().volume());
        int[] idx = {0, 4, 8, 1, 2, 5};
        for (int k = 0; k < 6; k++) assertEquals(pb[k], mine[idx[k]], 1e-8 * Math.abs(pb[0]));
        assertEquals(-pb[0] * 1e-4, r.stressGPa(in.structure.cell().volume())[0], 1e-8 * Math.abs(pb[0]) * 1e-4);
    }
}
