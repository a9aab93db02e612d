package org.scalebridge.learn.reference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real CP2K through the adapter (skipped when no cp2k executable is installed): an 8-atom rock-salt NaCl cell with
 * displaced atoms, Γ point, SZV-GTH/GTH-PBE. The analytic forces must equal a central finite difference of the
 * adapter's own energies, and the analytic stress the strain derivative of the energy.
 */
@Tag("integration")
class Cp2kIntegrationTest {
    static final double A = 5.64;

    static Structure nacl(double sx) {
        Structure s = new Structure(Cell.orthorhombic(A * sx, A, A));
        double[][] na = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        double[][] cl = {{.5, 0, 0}, {0, .5, 0}, {0, 0, .5}, {.5, .5, .5}};
        for (double[] f : na) s.addAtom("Na", f[0] * A * sx, f[1] * A, f[2] * A);
        for (double[] f : cl) s.addAtom("Cl", f[0] * A * sx, f[1] * A, f[2] * A);
        // break the symmetry so that forces are not zero by symmetry
        s.setPosition(0, s.x(0) + 0.08 * sx, s.y(0) + 0.03, s.z(0));
        s.setPosition(7, s.x(7), s.y(7), s.z(7) - 0.05);
        return s;
    }

    @Test
    void forcesAndStressMatchFiniteDifferencesOfTheEnergy(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Cp2kCalculator.available(), "cp2k is not installed");
        // minutes of DFT: runs only on request (-Dscalebridge.cp2k=true or SCALEBRIDGE_CP2K=1), as CI decides
        Assumptions.assumeTrue(Boolean.getBoolean("scalebridge.cp2k") || "1".equals(System.getenv("SCALEBRIDGE_CP2K")),
                "CP2K integration test not requested (-Dscalebridge.cp2k=true)");
        Cp2kCalculator.Options o = new Cp2kCalculator.Options().basis("SZV-GTH").cutoff(500, 60).epsScf(1e-8)
                .timeout(Duration.ofMinutes(10));
        Cp2kCalculator calc = new Cp2kCalculator(o);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            ReferenceJobs jobs = new ReferenceJobs(dir, ex);
            long t0 = System.nanoTime();
            Structure s = nacl(1.0);
            ReferenceResult r0 = jobs.submit(s, calc).result().get();
            double t1 = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("CP2K NaCl 8 atoms: E = %.6f eV, one single point %.1f s%n", r0.energy(), t1);

            double h = 0.01; // Å; central FD error ~ h² F''' / 6, far below the tolerance
            int[][] comps = {{0, 0}};
            double maxDiff = 0;
            for (int[] c : comps) {
                double[] e = new double[2];
                for (int k = 0; k < 2; k++) {
                    Structure d = s.copy();
                    double[] p = d.positions();
                    p[3 * c[0] + c[1]] += (k == 0 ? h : -h);
                    e[k] = jobs.submit(d, calc).result().get().energy();
                }
                double fd = -(e[0] - e[1]) / (2 * h);
                double an = r0.forces()[3 * c[0] + c[1]];
                System.out.printf("atom %d comp %d: analytic %.5f eV/Å, FD %.5f eV/Å, diff %.2e%n", c[0], c[1], an, fd, an - fd);
                maxDiff = Math.max(maxDiff, Math.abs(an - fd));
                // SCF to 1e-8 Ha gives energy noise ~1e-6 eV, i.e. ~1e-4 eV/Å in the FD quotient; 0.02 eV/Å allows for
                // GPW grid (egg-box) effects at this small cutoff.
                assertEquals(fd, an, 0.02, "force vs FD of the energy");
            }
            // stress: σ_xx (tensile positive) = (1/V) ∂E/∂ε_xx at fixed fractional coordinates
            double d = 0.002;
            double ep = jobs.submit(nacl(1 + d), calc).result().get().energy();
            double em = jobs.submit(nacl(1 - d), calc).result().get().energy();
            double sigmaFd = Units.evPerA3ToGPa((ep - em) / (2 * d) / s.cell().volume());
            double sigmaAn = -Units.evPerA3ToGPa(r0.virial()[0] / s.cell().volume());
            System.out.printf("sigma_xx: analytic %.4f GPa, FD %.4f GPa; total wall %.1f s%n", sigmaAn, sigmaFd,
                    (System.nanoTime() - t0) * 1e-9);
            // The strain FD changes the cell at a fixed number of grid points (effective cutoff changes with the
            // strain) and SZV-GTH is far from basis-complete, so analytic and FD stress differ by ~15 % here
            // (measured +3.70 vs +3.23 GPa); the test checks sign and magnitude within 25 %.
            assertTrue(Math.signum(sigmaAn) == Math.signum(sigmaFd) && Math.abs(sigmaAn - sigmaFd) < 0.25 * Math.abs(sigmaFd) + 0.2,
                    "stress vs strain FD: " + sigmaAn + " vs " + sigmaFd);
        } finally {
            ex.shutdownNow();
        }
    }
}
