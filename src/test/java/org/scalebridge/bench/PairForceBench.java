package org.scalebridge.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Force-evaluation throughput of the pair framework (not an assertion; run with -Pbench): the LAMMPS in.lj system
 * (32,000 LJ atoms, ρ* = 0.8442, r_c = 2.5σ, skin 0.3σ) in argon units, and the 32k-atom-class MnFePBA surrogate box.
 */
@Tag("bench")
class PairForceBench {

    static double msPerCall(Potential p, Structure s, int threads, int calls) {
        p.setThreads(threads);
        ForceResult r = new ForceResult();
        Rng rng = new Rng(5);
        for (int k = 0; k < 5; k++) p.compute(s, r);
        long t0 = System.nanoTime();
        for (int k = 0; k < calls; k++) {
            // tiny moves so the Verlet list is reused as in MD
            double[] pos = s.positions();
            for (int i = 0; i < 3 * s.size(); i++) pos[i] += 1e-4 * (rng.nextDouble() - 0.5);
            p.compute(s, r);
        }
        return (System.nanoTime() - t0) / 1e6 / calls;
    }

    @Test
    void lennardJonesInLj() {
        double sigma = 3.405, a = sigma * Math.cbrt(4 / 0.8442);
        int m = 20;
        Structure s = new Structure(Cell.orthorhombic(m * a, m * a, m * a), 4 * m * m * m);
        double[][] basis = {{0, 0, 0}, {.5, .5, 0}, {.5, 0, .5}, {0, .5, .5}};
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) for (int k = 0; k < m; k++) for (double[] b : basis) {
            s.addAtom("Ar", (i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a);
        }
        LennardJones lj = new LennardJones(LennardJones.table(2.5 * sigma).pair("Ar", "Ar", 0.0103, sigma), false, false);
        lj.setSkin(0.3 * sigma);
        for (int t : new int[] {1, 2}) {
            double ms = msPerCall(lj, s, t, 40);
            System.out.printf("bench LJ in.lj 32000 atoms, %d thread(s): %.2f ms per force call (%.3g atom-evaluations/s)%n", t, ms, s.size() / ms * 1e3);
        }
    }

    @Test
    void surrogateBox() {
        // 8×8×8 cubic PBA cells with x = 1: 32,768 framework + Na atoms class (the paper's 28–32k boxes)
        Structure s = org.scalebridge.potential.PbaBench.structure(10.35, 8, 1.0);
        var model = MnFePbaSurrogate.load().build(s);
        for (Potential term : ((org.scalebridge.potential.SumPotential) model.potential()).terms()) {
            System.out.printf("bench   term %s: %.1f ms per call (1 thread)%n", term.name(), msPerCall(term, s, 1, 10));
        }
        for (int t : new int[] {1, 2}) {
            double ms = msPerCall(model.potential(), s, t, 10);
            System.out.printf("bench MnFePBA surrogate %d atoms, %d thread(s): %.1f ms per force call%n", s.size(), t, ms);
        }
    }
}
