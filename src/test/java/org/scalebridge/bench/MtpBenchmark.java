package org.scalebridge.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Structure;

/**
 * MTP evaluation cost in µs per atom per energy+force+stress call on the reference pack's 27,648-atom Mo input
 * (Mo_test configuration 3 repeated 8×8×8), net of I/O (the neighbour list is built once before timing, then only
 * checked each call, as in MD). Printed next to the peers' figures of the pack's timing.md (best of 15, this
 * machine kind). Not asserted.
 */
@Tag("bench")
class MtpBenchmark {
    static Path ref() {
        return Path.of(System.getProperty("scalebridge.reference", "../shared/reference")).resolve("mtp");
    }

    @Test
    void evaluationCost() {
        Structure base = MlipCfg.read(ref().resolve("mo/Mo_test.cfg")).get(3).toStructure(new int[] {42});
        Structure big = base.repeat(8, 8, 8);
        System.out.println("MTP benchmark: " + big.size() + " Mo atoms");
        double[][] peers = {{9.8, 15.2}, {58.2, 90.4}};
        String[] files = {"mo/Mo_l10.mtp", "mo/Mo_l16.mtp"};
        for (int l = 0; l < 2; l++) {
            MtpModel m = MtpFormat.read(ref().resolve(files[l]));
            MtpPotential p = new MtpPotential(m, 42);
            ForceResult r = new ForceResult();
            for (int threads : new int[] {1, 2}) {
                p.setThreads(threads);
                for (int w = 0; w < 3; w++) p.compute(big, r); // JIT warm-up
                double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
                int reps = 15;
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int k = 0; k < reps; k++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    p.compute(big, r);
                    best = Math.min(best, (System.nanoTime() - t0) * 1e-3 / big.size());
                    bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - c0) * 1e-3 / big.size());
                }
                // on a shared machine the wall time includes waiting for a core; with one thread the compute runs on
                // the calling thread, so its CPU time is the cost net of that waiting
                System.out.printf("MTP level %d, %d thread(s): wall %.2f us/atom%s per E+F+S call (best of %d); MLIP-2 %.1f, "
                        + "MLIP-3 %.1f (one core, timing.md) -> %.2fx MLIP-2 speed%n", m.level(), threads, best,
                        threads == 1 ? String.format(", CPU %.2f us/atom", bestCpu) : "", reps, peers[l][0], peers[l][1],
                        peers[l][0] / (threads == 1 ? bestCpu : best));
                System.out.printf("  (load average during the run: %.1f on %d cores)%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
            }
            p.close();
        }
    }
}
