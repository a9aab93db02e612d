package org.scalebridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NptMtk;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.SumPotential;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * The 32k-atom MnFePBA surrogate box of issue 3: rhombohedral Na₂Mn[Fe(CN)₆], 8×8×8 pseudo-cubic cells
 * (32,768 atoms: 28,672 framework + 4,096 Na), the surrogate force field (bonded framework, Na–framework and Na–Na
 * Buckingham, DSF Coulomb), MTK NPT with a fully flexible cell (tri coupling) at 300 K and 1 bar, dt = 0.5 fs.
 * Prints ms per NPT step on one and two threads (best of three 10-step blocks after a warm-up; CPU time of the
 * calling thread next to the wall time), the cost of each force-field term, and the peak heap of the same run in a
 * forked JVM limited to {@code -Xmx1g} (issue goal: under 1 GB). No peer: LAMMPS cannot run this force field
 * faster in this configuration without the same model file; the LAMMPS deck is written by the model itself.
 *
 * <p>Run: {@code mvn -B -Pbench verify -Dtest=PbaNptBench -Dsurefire.failIfNoSpecifiedTests=false}; the memory part
 * alone: {@code java -Xmx1g -cp target/classes:target/test-classes:<deps> org.scalebridge.bench.PbaNptBench 100}.
 */
@Tag("bench")
class PbaNptBench {
    static final double DT_PS = 0.0005;

    static Structure box() {
        return new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(2.0).supercell(8, 8, 8).seed(1).build();
    }

    static MdSystem system(Structure s, int threads) {
        Potential p = MnFePbaSurrogate.load().build(s).potential();
        p.setThreads(threads);
        MdSystem sys = new MdSystem(s, p, DT_PS);
        Velocities.maxwellBoltzmann(sys, 300, new Rng(2026));
        return sys;
    }

    static NptMtk npt() { return new NptMtk(300, 1.0, 0.1, 1.0, NptMtk.Coupling.TRI, 3); }

    static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    /** {best wall ms/step, best CPU ms/step of the calling thread} over blocks of 10 NPT steps after a warm-up. */
    static double[] msPerStep(int threads, int warm, int blocks) {
        Structure s = box();
        MdSystem sys = system(s, threads);
        NptMtk integ = npt();
        sys.computeForces();
        integ.setup(sys);
        sys.setEnergyOnDemand(true);
        sys.setVirialEveryStep(integ.needsVirialEveryStep());
        for (int k = 0; k < warm; k++) integ.step(sys);
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        for (int b = 0; b < blocks; b++) {
            long c0 = cpu(), t0 = System.nanoTime();
            for (int k = 0; k < 10; k++) integ.step(sys);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / 10);
            bestCpu = Math.min(bestCpu, (cpu() - c0) / 1e6 / 10);
        }
        sys.potential().setThreads(1);
        return new double[] {best, bestCpu};
    }

    @Test
    void nptStep() throws Exception {
        Structure s = box();
        System.out.printf("MnFePBA surrogate box: %d atoms (x = 2, 8x8x8 rhombohedral cells), MTK NPT tri, dt = 0.5 fs%n", s.size());
        // per-term cost of one force evaluation (forces + virial, as in NPT), lists already built
        MdSystem one = system(s, 1);
        for (Potential term : ((SumPotential) one.potential()).terms()) {
            ForceResult r = new ForceResult();
            r.request(true, true, false).requestEnergy(false);
            for (int k = 0; k < 3; k++) term.compute(s, r);
            long c0 = cpu();
            for (int k = 0; k < 10; k++) term.compute(s, r);
            System.out.printf("  term %-28s %7.2f ms per evaluation (CPU, 1 thread)%n", term.name(), (cpu() - c0) / 1e6 / 10);
        }
        double[] t1 = msPerStep(1, 10, 3);
        double[] t2 = msPerStep(2, 10, 3);
        System.out.printf("  1 thread:  %.1f ms per NPT step wall (%.1f ms CPU)%n", t1[0], t1[1]);
        System.out.printf("  2 threads: %.1f ms per NPT step wall (%.2fx one thread)%n", t2[0], t1[0] / t2[0]);
        System.out.printf("  load average %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // peak heap in a fresh JVM capped at 1 GB: the run itself proves it fits
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                PbaNptBench.class.getName(), "50"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.MINUTES);
        System.out.print(out.lines().map(l -> "  [forked -Xmx1g] " + l + "\n").reduce("", String::concat));
        System.out.printf("  forked JVM exit code %d%n", p.exitValue());
    }

    /** Memory run: builds the box and runs {@code args[0]} NPT steps (1 thread), then prints the heap peaks. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        for (MemoryPoolMXBean mp : ManagementFactory.getMemoryPoolMXBeans()) mp.resetPeakUsage();
        Structure s = box();
        MdSystem sys = system(s, 1);
        NptMtk integ = npt();
        sys.computeForces();
        integ.setup(sys);
        sys.setEnergyOnDemand(true);
        sys.setVirialEveryStep(true);
        long maxUsed = 0;
        for (int k = 0; k < steps; k++) {
            if ((k + 1) % 50 == 0) sys.requestEnergyNextCompute();
            integ.step(sys);
            maxUsed = Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        long sumPeaks = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean mp : ManagementFactory.getMemoryPoolMXBeans()) {
            if (mp.getType() != MemoryType.HEAP) continue;
            long peak = mp.getPeakUsage().getUsed();
            sumPeaks += peak;
            pools.append(String.format(" %s %.0f MB;", mp.getName(), peak / 1048576.0));
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%d atoms, %d NPT steps, PE %.3f eV, V %.1f A^3%n", s.size(), steps, sys.potentialEnergy(),
                s.cell().volume());
        System.out.printf("peak heap: sum of pool peaks %.0f MB (upper bound;%s), max used after a step %.0f MB,"
                + " live after GC %.0f MB, max heap %.0f MB%n", sumPeaks / 1048576.0, pools, maxUsed / 1048576.0,
                live / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
