package org.scalebridge.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.scalebridge.structure.Structure;

/** Velocity Verlet against the LAMMPS B1 NVE reference (reduced LJ mapped to metal units, see {@link LjSystems}). */
class NveTest {
    static Path b1() { return LjSystems.reference().resolve("lammps/B1_lj_md"); }

    /** LAMMPS thermo rows (step, temp, pe, ke, etotal, press) of a log, per atom. */
    static List<double[]> lammpsThermo(Path log, int columns) throws Exception {
        List<double[]> rows = new ArrayList<>();
        boolean in = false;
        for (String l : Files.readAllLines(log)) {
            String t = l.trim();
            if (t.startsWith("Step")) { in = true; continue; }
            if (t.startsWith("Loop time")) { in = false; continue; }
            if (!in) continue;
            String[] f = t.split("\\s+");
            if (f.length != columns) continue;
            double[] row = new double[columns];
            try {
                for (int k = 0; k < columns; k++) row[k] = Double.parseDouble(f[k]);
            } catch (NumberFormatException e) { continue; }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void followsLammpsStepByStepAndConservesEnergy() throws Exception {
        Path data = b1().resolve("nve_start.data");
        Assumptions.assumeTrue(Files.exists(data), "reference data not available");
        Structure s = LjSystems.readLammpsData(data);
        int n = s.size();
        MdSystem sys = new MdSystem(s, new TestLj(1, 1, 2.5, 0.3, true), 0.005);
        VelocityVerlet vv = new VelocityVerlet();
        MdRun run = new MdRun(sys, vv).thermoEvery(10);
        List<Thermo> th = new ArrayList<>();
        run.listener(th::add);
        run.runUntil(2000);
        // columns: step time temp pe ke etotal press
        List<double[]> ref = lammpsThermo(b1().resolve("log.nve.lammps"), 7);
        assertEquals(0, (long) ref.get(0)[0]);
        // identical inputs and algorithm: agreement to round-off at first, then chaotic growth (Lyapunov time ~ τ).
        // Bound: 1e-9 per atom for the first 100 steps (0.5 τ), where round-off (~1e-15) has grown < 1e6 times.
        for (int k = 0; k <= 10; k++) {
            Thermo t = th.get(k);
            double[] r = ref.get(k);
            assertEquals(r[0], t.step());
            assertEquals(r[3], t.potential() / n, 1e-9, "PE/atom at step " + t.step());
            assertEquals(r[2], t.temperature() * org.scalebridge.core.Units.KB_EV_PER_K, 1e-9, "T* at step " + t.step());
            assertEquals(r[6], LjSystems.pStar(t.pressure()), 1e-8, "P* at step " + t.step());
        }
        // energy conservation over 2000 steps (10 τ): dt = 0.005 τ gives O(dt²) fluctuations ~2e-4 ε/atom (LAMMPS:
        // std 1.8e-4, max |E−E0| 7.5e-4 over 50 τ); the LJTS force is discontinuous at rc (shift only fixes energy),
        // which causes a small random-walk drift. Bound: max |E−E0| < 1e-3 ε per atom.
        double e0 = th.get(0).total() / n, maxDev = 0;
        for (Thermo t : th) maxDev = Math.max(maxDev, Math.abs(t.total() / n - e0));
        System.out.printf("NVE 2000 steps: max|E-E0|/N = %.3e eps%n", maxDev);
        assertTrue(maxDev < 1e-3, "energy deviation " + maxDev);
    }
}
