package org.scalebridge.structure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

/** CPU time of the optimised neighbour-list build against the original implementation (32,000-atom LJ fcc). */
@Tag("bench")
class NeighborListBuildBench {
    static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    @Test
    void compare() {
        double a = Math.cbrt(4 / 0.8442);
        int n = 20;
        Structure s = new Structure(Cell.orthorhombic(n * a, n * a, n * a), 32000);
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        Rng rng = new Rng(1);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++)
            for (double[] b : basis) s.addAtom(18, (i + b[0]) * a + 0.1 * rng.nextGaussian(), (j + b[1]) * a + 0.1 * rng.nextGaussian(), (k + b[2]) * a + 0.1 * rng.nextGaussian());
        for (int rep = 0; rep < 3; rep++) {
            NeighborList nl = new NeighborList(2.5, 0.3, true);
            NeighborListOriginal ol = new NeighborListOriginal(2.5, 0.3, true);
            nl.build(s); ol.build(s);
            long t0 = cpu();
            for (int k = 0; k < 5; k++) nl.build(s);
            double tn = (cpu() - t0) * 1e-6 / 5;
            t0 = cpu();
            for (int k = 0; k < 5; k++) ol.build(s);
            double to = (cpu() - t0) * 1e-6 / 5;
            System.out.printf("build CPU ms: optimised %.1f, original %.1f%n", tn, to);
        }
    }
}
