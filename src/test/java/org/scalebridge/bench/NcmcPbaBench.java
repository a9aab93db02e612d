package org.scalebridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.mc.ExchangeSpecies;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.HarmonicBias;
import org.scalebridge.mc.HybridGcmcMd;
import org.scalebridge.mc.MoveStats;
import org.scalebridge.mc.NcmcExchange;
import org.scalebridge.mc.SeriesStatistics;
import org.scalebridge.mc.SiteProposal;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NptMtk;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * Instantaneous vs nonequilibrium-candidate (NCMC) Na exchanges on the LOCALISED-REDOX MnFePBA surrogate at equal
 * CPU time: one rhombohedral cell Mn₄Fe₄(CN)₂₄ (8 Na cages), 300 K, harmonically biased hybrid GCMC–MD as in the μ
 * scan (PbaMuScanRunner / samples/gcmc/mnfepba-redox-mu-scan-out: half-integer target N_t, φ = 0.6 eV, site-biased
 * insertion σ 0.6 Å + 10 % uniform, overlap 1.2 Å, cycle = 100 NPT steps (MTK tri, 1 bar, 0.5 fs) + X exchanges + 50
 * translations). The instantaneous chain makes 400 exchange attempts per cycle (the scan's setting); the NCMC chain
 * makes {@code -Dncmc.exchanges} (default 2) NCMC attempts per cycle. Both start from the same equilibrated structure
 * with the same μ_bias (the 300 K energy ladder's ΔE(N → N+1) of the scan's README, so N and N + 1 are roughly
 * balanced) and are run interleaved in 10 slices until each has used the same CPU time of its thread (ThreadMXBean).
 *
 * <p>Printed per target and chain: exchange attempts and acceptance, accepted exchanges per CPU minute, the number of
 * N ↔ N ± 1 transitions seen by the per-cycle trace, the share of cycles at N_t ± ½, ⟨N⟩ ± its blocked standard
 * error over the second half, and for NCMC ⟨W⟩ and the mean |shadow work|. Never asserts on time.
 *
 * <p>Measured (defaults, 150 CPU-s per chain, load 9–11 on 2 cores, 2026-12-07): N_t = 2.5: acceptance 1.1e-5
 * instantaneous vs 1.7e-2 NCMC, N changes between cycles 0.4 vs 3.6 per CPU-min; N_t = 5.5: 4.2e-5 vs 2.6e-2,
 * 6.8 vs 2.8 per CPU-min; ⟨N⟩ converged in neither (see samples/gcmc/mnfepba-redox-mu-scan-out/README.md).
 *
 * <p>Run: {@code mvn -B -o -Pbench test -Dtest=NcmcPbaBench} (defaults: targets 2.5, 5.5; 180 CPU-s per chain per
 * target; NCMC 200 switches × 5 steps × 1 fs = 1 ps, moving ghost, 2 attempts per cycle), or the main method with
 * -Dncmc.targets=…, -Dncmc.cpu_s=…, -Dncmc.switches=…, -Dncmc.steps=…, -Dncmc.dt_fs=…, -Dncmc.ghost=held|moving,
 * -Dncmc.exchanges=…, -Dncmc.only=true (the NCMC chain alone, for protocol probes).
 */
@Tag("bench")
class NcmcPbaBench {
    static final double T = 300, PHI = 0.6, SIGMA = 0.6, UNIFORM = 0.1, OVERLAP = 1.2, DT_PS = 0.0005;
    static final int MD_STEPS = 100, TRANSLATIONS = 50, INSTANT_EXCHANGES = 400;
    /** ΔE(N → N+1) of the 300 K energy ladder (samples/gcmc/mnfepba-redox-mu-scan-out/energy-ladder-T300.csv), eV. */
    static final double[] LADDER = {-2.83784, -3.48016, -3.81441, -3.89891, -3.71973, -3.28731, -3.18186, -3.30440};

    static double[] list(String prop, String def) {
        return Arrays.stream(System.getProperty(prop, def).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
    }

    /** One biased hybrid GCMC–MD chain and its trace. */
    static final class Chain {
        final String name;
        final Gcmc mc;
        final HybridGcmcMd h;
        final NcmcExchange ncmc;
        final List<Integer> trace = new ArrayList<>();
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpuNs;

        Chain(String name, Gcmc mc, HybridGcmcMd h, NcmcExchange ncmc) { this.name = name; this.mc = mc; this.h = h; this.ncmc = ncmc; }

        void runUntil(double cpuSeconds) {
            while (cpuNs < cpuSeconds * 1e9) {
                long c0 = mx.getCurrentThreadCpuTime();
                h.cycle();
                cpuNs += mx.getCurrentThreadCpuTime() - c0;
                trace.add(mc.count(0));
            }
        }

        String report(double target) {
            int n = trace.size();
            double[] x = new double[n];
            int transitions = 0, onPair = 0;
            for (int i = 0; i < n; i++) {
                x[i] = trace.get(i);
                if (i > 0 && trace.get(i) != trace.get(i - 1).intValue()) transitions++;
                if (Math.abs(x[i] - target) <= 0.5 + 1e-9) onPair++;
            }
            double mean = SeriesStatistics.mean(x, n / 2, n);
            double se = n / 2 >= 20 ? SeriesStatistics.blockStandardError(x, n / 2, n, 10) : Double.NaN;
            long att = mc.stats().attempts(MoveStats.Type.INSERTION) + mc.stats().attempts(MoveStats.Type.DELETION);
            long acc = mc.stats().accepts(MoveStats.Type.INSERTION) + mc.stats().accepts(MoveStats.Type.DELETION);
            double cpuMin = cpuNs * 1e-9 / 60;
            return String.format(Locale.ROOT, "  %-13s cycles %5d, CPU %6.1f s, exchange attempts %8d, accepted %5d (acceptance %.2e, %.2f per CPU min), "
                            + "N changes between cycles %4d (%.2f per CPU min), cycles on {N_t ± 1/2} %.3f, <N> (2nd half) = %.3f ± %.3f%s",
                    name, n, cpuNs * 1e-9, att, acc, att == 0 ? Double.NaN : (double) acc / att, acc / cpuMin, transitions, transitions / cpuMin,
                    (double) onPair / n, mean, se, ncmc == null ? "" : "\n                " + ncmc);
        }
    }

    /** The equilibrated start at floor(N_t) Na: the scan's builder (seeded), 1 ps NPT. */
    static Structure start(MnFePbaSurrogate ff, double target, long seed) {
        int n0 = (int) Math.floor(target);
        Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(n0 / 4.0).supercell(1, 1, 1).seed(seed).build();
        Potential pot = ff.build(s).potential();
        s.ensureVelocities();
        MdSystem sys = new MdSystem(s, pot, DT_PS);
        Velocities.maxwellBoltzmann(sys, T, new Rng(seed + 1));
        new MdRun(sys, new NptMtk(T, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3)).thermoEvery(1000).runUntil(2000);
        return s;
    }

    static Chain chain(MnFePbaSurrogate ff, Structure start, double target, NcmcExchange.Settings ncmcSettings, int exchanges, long seed) {
        Structure s = start.copy();
        s.ensureCapacity(s.size() + 16);
        Potential pot = ff.build(s).potential();
        double muBias = LADDER[(int) Math.floor(target)];
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, ff.charge("Na", target / 4), muBias);
        Rng rng = new Rng(seed);
        Gcmc mc = new Gcmc(s, pot, T, List.of(na), null, 0.3, OVERLAP, rng);
        mc.setInsertionProposal(new SiteProposal(SiteProposal.pbaCages(1, 1, 1, s.fractional(0)), SIGMA, UNIFORM));
        mc.setTargetAcceptance(0.4);
        mc.setBias(new HarmonicBias(0, PHI, target));
        NcmcExchange nx = ncmcSettings == null ? null : mc.setNcmc(ncmcSettings, ff.build(s.copy()).potential());
        MdSystem sys = new MdSystem(s, pot, DT_PS);
        HybridGcmcMd h = new HybridGcmcMd(mc, sys, new NptMtk(T, 1.0, 0.05, 0.5, NptMtk.Coupling.TRI, 3), MD_STEPS, exchanges, TRANSLATIONS);
        return new Chain(ncmcSettings == null ? "instantaneous" : "NCMC", mc, h, nx);
    }

    static String compare(double target, double cpuSeconds, NcmcExchange.Settings cfg, int ncmcExchanges) {
        MnFePbaSurrogate ff = MnFePbaSurrogate.loadLocalised();
        Structure s0 = start(ff, target, 10 + (long) (2 * target));
        Chain a = chain(ff, s0, target, null, INSTANT_EXCHANGES, 2026);
        Chain b = chain(ff, s0, target, cfg, ncmcExchanges, 2027);
        for (Chain c : new Chain[] {a, b}) { c.mc.setAdapting(true); c.h.cycle(); c.mc.setAdapting(false); }
        a.mc.stats().reset();
        b.mc.stats().reset();
        int slices = 10;
        boolean only = Boolean.getBoolean("ncmc.only"); // a probe of the NCMC chain alone (no comparison)
        for (int k = 1; k <= slices; k++) {
            if (!only) a.runUntil(cpuSeconds * k / slices);
            b.runUntil(cpuSeconds * k / slices);
        }
        return String.format(Locale.ROOT, "N_t = %.1f (start N = %d, mu_bias %.4f eV, phi %.2f eV), %.0f CPU-s per chain; NCMC: %d switches × %d steps × %.2f fs "
                        + "(%.3f ps, ghost %s), %d NCMC attempts per cycle; load %s%n%s%n%s",
                target, (int) Math.floor(target), LADDER[(int) Math.floor(target)], PHI, cpuSeconds, cfg.switches(), cfg.stepsPerSwitch(), cfg.dt() * 1e3,
                cfg.switchingTime(), cfg.ghostMoves() ? "moving" : "held", ncmcExchanges, load(), a.report(target), b.report(target));
    }

    static String load() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static void runAll() {
        double[] targets = list("ncmc.targets", "2.5,5.5");
        double cpu = Double.parseDouble(System.getProperty("ncmc.cpu_s", "180"));
        NcmcExchange.Settings cfg = new NcmcExchange.Settings(Integer.getInteger("ncmc.switches", 200), Integer.getInteger("ncmc.steps", 5),
                Double.parseDouble(System.getProperty("ncmc.dt_fs", "1.0")) * 1e-3, 1.0, "moving".equals(System.getProperty("ncmc.ghost", "moving")));
        int ex = Integer.getInteger("ncmc.exchanges", 2);
        for (double t : targets) System.out.println(compare(t, cpu, cfg, ex));
    }

    @Test
    void instantaneousVsNcmcAtEqualCpu() { runAll(); }

    public static void main(String[] args) { runAll(); }
}
