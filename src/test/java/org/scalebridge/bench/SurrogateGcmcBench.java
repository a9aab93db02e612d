package org.scalebridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.mc.ExchangeSpecies;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.MoveStats;
import org.scalebridge.mc.SiteProposal;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * GCMC exchange and translation moves per second of our engine on the MnFePBA surrogate (LAMMPS cannot run the
 * surrogate's local-change GCMC; its fix gcmc would need full_energy with the bonded terms). x = 1 (half the cages
 * filled), 300 K, overlap 1.2 Å, uniform and site-biased insertion. Rates per CPU second of the benchmark thread
 * (ThreadMXBean), so a loaded machine does not distort them; wall-clock rates printed beside.
 * Run: {@code mvn -B -Pbench test -Dtest=SurrogateGcmcBench} or the main method.
 */
@Tag("bench")
class SurrogateGcmcBench {
    static String measure(int rep, boolean sites, double cpuSeconds) {
        Structure s = new PbaBuilder(PbaPhase.TETRAGONAL).x(1.0).supercell(rep, rep, rep).seed(3).build();
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        var model = ff.build(s);
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, ff.charge("Na", model.x()), -2.0);
        Gcmc mc = new Gcmc(s, model.potential(), 300, List.of(na), null, 0.3, 1.2, new Rng(5));
        if (sites) mc.setInsertionProposal(new SiteProposal(SiteProposal.pbaCages(rep, rep, rep, s.fractional(0)), 0.6, 0.1));
        for (int k = 0; k < 2000; k++) mc.attemptExchange();
        mc.stats().reset();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
        long n = 0;
        while (mx.getCurrentThreadCpuTime() - c0 < cpuSeconds * 1e9) {
            for (int k = 0; k < 500; k++) mc.attemptExchange();
            n += 500;
        }
        double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9, wall = (System.nanoTime() - w0) * 1e-9;
        long c1 = mx.getCurrentThreadCpuTime();
        long nt = 0;
        while (mx.getCurrentThreadCpuTime() - c1 < cpuSeconds * 1e9) {
            for (int k = 0; k < 500; k++) mc.attemptTranslation();
            nt += 500;
        }
        double cpuT = (mx.getCurrentThreadCpuTime() - c1) * 1e-9;
        return String.format(Locale.ROOT, "surrogate %dx%dx%d (%d atoms, x = 1), %s insertion: %.4g exchange moves/CPU-s (%.4g/wall-s), "
                        + "acc ins %.4f del %.4f; %.4g translations/CPU-s; energy drift %.1e eV",
                rep, rep, rep, s.size(), sites ? "site-biased" : "uniform", n / cpu, n / wall,
                mc.stats().acceptance(MoveStats.Type.INSERTION), mc.stats().acceptance(MoveStats.Type.DELETION), nt / cpuT,
                mc.recomputeEnergy());
    }

    @Test
    void surrogateMovesPerSecond() {
        for (int rep : new int[] {1, 2}) {
            for (boolean sites : new boolean[] {false, true}) System.out.println(measure(rep, sites, 5.0));
        }
    }

    public static void main(String[] args) { new SurrogateGcmcBench().surrogateMovesPerSecond(); }
}
