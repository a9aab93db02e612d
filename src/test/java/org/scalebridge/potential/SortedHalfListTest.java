package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.md.VelocityVerlet;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * The bin-ordered half list of the dense pair loops ({@link SortedHalfList}) and the economies built on it: the
 * energy/virial flag, the LAMMPS-style rebuild policy and MD's energy on demand.
 */
class SortedHalfListTest {

    static LennardJones lj(double rc) {
        return new LennardJones(LennardJones.table(rc).pair("Ar", "Ar", 0.0103, 3.4).pair("Kr", "Kr", 0.014, 3.6)
                .pair("Ar", "Kr", 0.012, 3.5), true, false);
    }

    static Structure random(Cell cell, int n, long seed) {
        Structure s = new Structure(cell, n);
        Rng rng = new Rng(seed);
        double[] f = new double[3], r = new double[3];
        for (int i = 0; i < n; i++) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            cell.toCartesian(f, r);
            s.addAtom(i % 3 == 0 ? "Kr" : "Ar", r[0], r[1], r[2]);
        }
        return s;
    }

    /** Brute force over every pair and every image within range: E, forces, virial. */
    static double[] bruteForce(LennardJones p, Structure s, double[] f, double[] w) {
        int n = s.size();
        double[] h = s.cell().matrix();
        double rc = p.cutoff();
        double[] wd = s.cell().perpendicularWidths();
        int[] m = new int[3];
        // positions inside the cell: fractional differences lie in (−1, 1), so |n| ≤ ceil(rc/w) images suffice
        for (int d = 0; d < 3; d++) m[d] = s.cell().periodic(d) ? (int) Math.ceil(rc / wd[d]) : 0;
        int[] ty = p.typesOf(s);
        double e = 0;
        double[] sc = new double[4];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) {
            for (int a = -m[0]; a <= m[0]; a++) for (int b = -m[1]; b <= m[1]; b++) for (int c = -m[2]; c <= m[2]; c++) {
                if (i == j && (a > 0 || (a == 0 && (b > 0 || (b == 0 && c >= 0))))) continue; // each self-image once
                double dx = s.x(j) + a * h[0] + b * h[3] + c * h[6] - s.x(i);
                double dy = s.y(j) + a * h[1] + b * h[4] + c * h[7] - s.y(i);
                double dz = s.z(j) + a * h[2] + b * h[5] + c * h[8] - s.z(i);
                double r2 = dx * dx + dy * dy + dz * dz;
                int pt = ty[i] * p.typeCount() + ty[j];
                if (r2 >= p.rc2[pt]) continue;
                e += p.pairFor(pt, r2, 0, sc);
                double fr = sc[0];
                f[3 * i] -= fr * dx; f[3 * i + 1] -= fr * dy; f[3 * i + 2] -= fr * dz;
                f[3 * j] += fr * dx; f[3 * j + 1] += fr * dy; f[3 * j + 2] += fr * dz;
                double[] d = {dx, dy, dz};
                for (int u = 0; u < 3; u++) for (int v = 0; v < 3; v++) w[3 * u + v] += fr * d[u] * d[v];
            }
        }
        return new double[] {e};
    }

    static void checkAgainstBruteForce(Structure s, double rc) {
        for (int threads : new int[] {1, 2}) {
            LennardJones p = lj(rc);
            p.setThreads(threads);
            ForceResult r = new ForceResult().request(true, true, true);
            p.compute(s, r);
            double[] f = new double[3 * s.size()], w = new double[9];
            double e = bruteForce(p, s, f, w)[0];
            // summation order differs: agreement to rounding (1e-12 relative of the largest term)
            double fmax = 0;
            for (double v : f) fmax = Math.max(fmax, Math.abs(v));
            assertEquals(e, r.energy(), 1e-12 * Math.max(1, Math.abs(e)), "energy");
            for (int k = 0; k < 3 * s.size(); k++) assertEquals(f[k], r.forces()[k], 1e-11 * Math.max(1, fmax), "force " + k);
            for (int k = 0; k < 9; k++) assertEquals(w[k], r.virial()[k], 1e-11 * Math.max(1, Math.abs(w[k])), "virial " + k);
            double pa = 0;
            for (int i = 0; i < s.size(); i++) pa += r.perAtomEnergy()[i];
            assertEquals(r.energy(), pa, 1e-12 * Math.max(1, Math.abs(e)), "per-atom energies sum to the energy");
            p.setThreads(1);
        }
    }

    @Test
    void largeTriclinicCellMatchesBruteForce() {
        Cell c = Cell.fromParameters(24, 26, 25, 78, 95, 104);
        checkAgainstBruteForce(random(c, 300, 3), 7.0);
    }

    @Test
    void thinCellsWithSelfImagesMatchBruteForce() {
        // widths below the cutoff: atoms interact with several images of themselves
        Cell c = Cell.fromParameters(5.2, 6.1, 14, 70, 100, 115);
        checkAgainstBruteForce(random(c, 12, 5), 8.5);
    }

    @Test
    void partlyNonPeriodicCellMatchesBruteForce() {
        Cell c = Cell.ofRowMajor(new double[] {20, 0, 0, 3, 22, 0, 0, 0, 30}, new boolean[] {true, true, false});
        checkAgainstBruteForce(random(c, 200, 7), 7.5);
    }

    static Structure fcc(int m) {
        double a = Math.cbrt(4 / 0.8442);
        Structure s = new Structure(Cell.orthorhombic(m * a, m * a, m * a), 4 * m * m * m);
        double[][] basis = {{0, 0, 0}, {.5, .5, 0}, {.5, 0, .5}, {0, .5, .5}};
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) for (int k = 0; k < m; k++) for (double[] b : basis) {
            s.addAtom(18, (i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a, 1 / Units.MVV2E);
        }
        return s;
    }

    static LennardJones reduced() {
        return (LennardJones) new LennardJones(LennardJones.table(2.5).pair("Ar", "Ar", 1, 1), false, false).setSkin(0.3);
    }

    @Test
    void forcesAreBitIdenticalWithAndWithoutEnergy() {
        Structure s = fcc(5);
        Rng rng = new Rng(9);
        for (int k = 0; k < 3 * s.size(); k++) s.positions()[k] += 0.1 * (rng.nextDouble() - 0.5);
        for (int threads : new int[] {1, 2}) {
            LennardJones p = reduced();
            p.setThreads(threads);
            ForceResult full = new ForceResult().request(true, true, false);
            ForceResult forcesOnly = new ForceResult().request(true, false, false).requestEnergy(false);
            p.compute(s, full);
            p.compute(s, forcesOnly);
            assertArrayEquals(full.forcesCopy(), forcesOnly.forcesCopy(), 0.0);
            p.setThreads(1);
        }
    }

    @Test
    void rebuildPolicyEveryNCheckNo() {
        Structure s = fcc(5);
        LennardJones p = reduced();
        p.setRebuildPolicy(20, false);
        MdSystem sys = new MdSystem(s, p, 0.005);
        Velocities.maxwellBoltzmann(sys, 1.44 / Units.KB_EV_PER_K, new Rng(1));
        sys.computeForces();
        VelocityVerlet vv = new VelocityVerlet();
        for (int k = 0; k < 100; k++) vv.step(sys);
        // the setup build plus one every 20 steps (LAMMPS: "Neighbor list builds = 5")
        assertEquals(6, p.listBuilds());
        // evaluations at unchanged positions do not count towards the interval
        for (int k = 0; k < 30; k++) p.compute(s, new ForceResult());
        assertEquals(6, p.listBuilds());
        // the safe default rebuilds on the Verlet criterion (here far more often than every 20 steps at T* = 1.44)
        Structure s2 = fcc(5);
        LennardJones safe = reduced();
        MdSystem sys2 = new MdSystem(s2, safe, 0.005);
        Velocities.maxwellBoltzmann(sys2, 1.44 / Units.KB_EV_PER_K, new Rng(1));
        sys2.computeForces();
        for (int k = 0; k < 100; k++) vv.step(sys2);
        assertTrue(safe.listBuilds() > 6, "Verlet criterion builds: " + safe.listBuilds());
    }

    @Test
    void energyOnDemandGivesTheSameTrajectoryAndEnergies() {
        Structure a = fcc(4), b = fcc(4);
        MdSystem sa = new MdSystem(a, reduced(), 0.005), sb = new MdSystem(b, reduced(), 0.005);
        Velocities.maxwellBoltzmann(sa, 1.2 / Units.KB_EV_PER_K, new Rng(4));
        Velocities.maxwellBoltzmann(sb, 1.2 / Units.KB_EV_PER_K, new Rng(4));
        sa.computeForces();
        sb.computeForces();
        sb.setEnergyOnDemand(true);
        VelocityVerlet vv = new VelocityVerlet();
        for (int k = 1; k <= 60; k++) {
            if (k % 20 == 0) sb.requestEnergyNextCompute();
            vv.step(sa);
            vv.step(sb);
            assertEquals(k % 20 == 0, sb.energyValid(), "energy computed exactly on requested steps");
            if (k % 7 == 0) {
                // reading it anyway recomputes it at the current positions, without disturbing the trajectory
                assertEquals(sa.potentialEnergy(), sb.potentialEnergy(), 0.0);
                assertArrayEquals(sa.virial(), sb.virial(), 0.0);
            }
        }
        assertArrayEquals(a.positions(), b.positions(), 0.0);
        assertArrayEquals(a.velocities(), b.velocities(), 0.0);
        assertEquals(sa.potentialEnergy(), sb.potentialEnergy(), 0.0);
    }
}
