package org.scalebridge.mc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.core.ScaleBridgeException;

/**
 * The chemical potential μ(N) over a composition range from biased grand-canonical runs (paper Eqs. 7–17).
 *
 * <p>Each target N_t gets its own run with the harmonic bias B(N) = φ(N − N_t)² at the fixed reservoir chemical
 * potential μ_bias. The biased distribution peaks where the system's μ(N) equals μ_bias − B'(N), so
 * <pre>  μ(⟨N⟩) = μ_bias + P·∂V/∂N − 2φ(⟨N⟩ − N_t)      (paper Eq. 17)</pre>
 * with P the (barostat) pressure and ∂V/∂N the partial volume per exchanged atom. ∂V/∂N is taken from the sampled
 * volumes: the slope of ⟨V⟩ against ⟨N⟩ over the scan (least squares over the run and its neighbours in N; the
 * within-run regression slope cov(V, N)/var(N) when the scan has a single run). At constant volume it is zero.
 *
 * <p>Equilibration detector: MSER-5 on the N(t) trace (the truncation minimising the marginal standard error).
 * A run continues in chunks until the MSER truncation lies in the first half of the trace, at least
 * {@code minProductionSamples} samples remain after it and at least {@link #MIN_ACCEPTED_EXCHANGES} exchanges were
 * accepted (a constant N(t) has not sampled anything), or until {@code maxCycles}. The production part is then
 * resampled by a moving-block bootstrap (block length = ¼ of the 20-block average length; the paper's repeated
 * resampling), which gives ⟨N⟩, ⟨V⟩ and their errors; σ_μ = 2φ·σ_⟨N⟩ (the error of μ_bias is zero and the P·∂V/∂N
 * term's error is neglected; at zero pressure it vanishes).
 *
 * <p>Runs of different targets go in parallel on a fixed pool; each has its own RNG stream (seed split by target
 * index), so the results do not depend on the number of threads.
 */
public final class MuScan {

    /** Drives one cycle of a run: MC moves (and MD steps for hybrid runs). */
    @FunctionalInterface
    public interface CycleDriver {
        void cycle(Gcmc mc);
    }

    /** Builds the engine of the run for target index k (fresh structure and potential per run; seeded by rng). */
    @FunctionalInterface
    public interface RunFactory {
        Run create(int k, double target, Rng rng);
    }

    /**
     * Watches a scan live (the studio's run pane). Called on the scan's worker threads (several targets at once), so
     * implementations must be thread-safe and cheap; an exception thrown here fails the scan.
     */
    public interface Observer {
        /** After every cycle of target k's run: N of the biased species, cell volume (Å³), potential energy (eV). */
        default void cycle(int k, double target, long cycle, int n, double volume, double energy) {}

        /**
         * Target k's run has finished. Its μ uses the run's own ∂V/∂N; the scan's returned list refines ∂V/∂N over
         * neighbouring targets (identical at zero pressure or constant volume).
         */
        default void completed(int k, RunResult result) {}
    }

    /** An engine plus the way to advance it one cycle. */
    public record Run(Gcmc mc, CycleDriver driver) {}

    /** Scan settings. */
    public record Settings(double phi, double[] targets, double pressureEvPerA3, int chunkCycles, int maxCycles,
            int minProductionSamples, int sampleEvery, int resamples, int threads, long seed) {
        public Settings {
            if (!(phi > 0)) throw InputException.unphysical("mu_scan.phi", phi, "> 0 eV");
            if (targets == null || targets.length == 0)
                throw InputException.field(null, "mu_scan.targets", "at least one target N_t is needed");
            for (double t : targets) if (!(t >= 0)) throw InputException.unphysical("mu_scan.targets", t, "≥ 0");
            if (chunkCycles < 1) throw InputException.unphysical("mu_scan.chunk_cycles", chunkCycles, "≥ 1");
            if (maxCycles < chunkCycles) throw InputException.field(null, "mu_scan.max_cycles", "must be ≥ chunk_cycles");
            if (minProductionSamples < 20)
                throw InputException.unphysical("mu_scan.min_production_samples", minProductionSamples, "≥ 20");
            if (sampleEvery < 1) throw InputException.unphysical("mu_scan.sample_every", sampleEvery, "≥ 1");
            if (resamples < 10) throw InputException.unphysical("mu_scan.resamples", resamples, "≥ 10");
            if (threads < 1) throw InputException.unphysical("mu_scan.threads", threads, "≥ 1");
        }
    }

    /** One target's result with its traces (sampled every {@code sampleEvery} cycles). */
    public record RunResult(double target, double muBias, double meanN, double seN, double meanV, double seV,
            double dVdN, double mu, double seMu, int equilibrationSample, long cycles, double[] n, double[] v,
            double[] e, double accInsertion, double accDeletion, double accTranslation, double seconds) {}

    /** A run is not considered equilibrated before this many exchanges were accepted (N must have moved). */
    public static final int MIN_ACCEPTED_EXCHANGES = 20;

    private MuScan() {}

    /** Runs the scan and returns the results in target order, with ∂V/∂N and μ filled in. */
    public static List<RunResult> run(Settings st, RunFactory factory, Progress progress) {
        return run(st, factory, progress, null);
    }

    /** As {@link #run(Settings, RunFactory, Progress)}, reporting every cycle and every finished target to an observer (may be null). */
    public static List<RunResult> run(Settings st, RunFactory factory, Progress progress, Observer observer) {
        Progress pr = progress == null ? Progress.NONE : progress;
        int m = st.targets().length;
        ExecutorService ex = Executors.newFixedThreadPool(Math.min(st.threads(), m), r -> {
            Thread t = new Thread(r, "mu-scan");
            t.setDaemon(true);
            return t;
        });
        Rng master = new Rng(st.seed());
        List<Future<RunResult>> fs = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int k = 0; k < m; k++) {
                final int kk = k;
                final Rng rng = master.split(k);
                fs.add(ex.submit(() -> {
                    RunResult r = runOne(st, kk, factory.create(kk, st.targets()[kk], rng), rng, pr, observer);
                    if (observer != null) observer.completed(kk, r);
                    int d = done.incrementAndGet();
                    pr.update(d, m, String.format("target %.1f: <N> = %.2f, mu = %.5f eV", r.target(), r.meanN(), r.mu()));
                    return r;
                }));
            }
            List<RunResult> out = new ArrayList<>();
            for (Future<RunResult> f : fs) out.add(f.get());
            return withPartialVolumes(out, st);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleBridgeException("mu scan interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new ScaleBridgeException("mu scan run failed: " + c, c);
        } finally {
            ex.shutdownNow();
        }
    }

    static RunResult runOne(Settings st, int k, Run run, Rng rng, Progress pr) {
        return runOne(st, k, run, rng, pr, null);
    }

    static RunResult runOne(Settings st, int k, Run run, Rng rng, Progress pr, Observer observer) {
        Gcmc mc = run.mc();
        double target = st.targets()[k];
        HarmonicBias bias = mc.bias();
        if (bias == null || bias.target() != target || bias.phi() != st.phi()) {
            int sp = bias == null ? 0 : bias.species();
            bias = new HarmonicBias(sp, st.phi(), target);
            mc.setBias(bias);
        }
        int species = bias.species();
        long t0 = System.nanoTime();
        DoubleList n = new DoubleList(), v = new DoubleList(), e = new DoubleList();
        long cycles = 0;
        int equil = 0;
        while (cycles < st.maxCycles()) {
            for (int c = 0; c < st.chunkCycles() && cycles < st.maxCycles(); c++) {
                run.driver().cycle(mc);
                cycles++;
                if (observer != null)
                    observer.cycle(k, target, cycles, mc.count(species), mc.structure().cell().volume(), mc.energy());
                if (cycles % st.sampleEvery() == 0) {
                    n.add(mc.count(species));
                    v.add(mc.structure().cell().volume());
                    e.add(mc.energy());
                }
                if (pr.isCancelled()) throw new ScaleBridgeException("mu scan cancelled");
            }
            double[] ns = n.toArray();
            equil = SeriesStatistics.mserTruncation(ns, 5);
            long exchanged = mc.stats().accepts(MoveStats.Type.INSERTION) + mc.stats().accepts(MoveStats.Type.DELETION);
            if (equil <= ns.length / 2 && ns.length - equil >= st.minProductionSamples()
                    && exchanged >= MIN_ACCEPTED_EXCHANGES) break;
        }
        double[] ns = n.toArray(), vs = v.toArray(), es = e.toArray();
        equil = SeriesStatistics.mserTruncation(ns, 5);
        int len = ns.length - equil;
        if (len < 2) throw new ScaleBridgeException("run for target " + target + " produced no production samples");
        int block = Math.max(1, len / 20 / 4);
        double[] bn = SeriesStatistics.bootstrapMean(ns, equil, ns.length, block, st.resamples(), rng.split(1000 + k));
        double[] bv = SeriesStatistics.bootstrapMean(vs, equil, vs.length, block, st.resamples(), rng.split(2000 + k));
        double meanN = SeriesStatistics.mean(ns, equil, ns.length);
        double meanV = SeriesStatistics.mean(vs, equil, vs.length);
        double varN = len > 1 ? SeriesStatistics.covariance(ns, ns, equil, ns.length) : 0;
        double dVdN = varN > 0 ? SeriesStatistics.covariance(vs, ns, equil, ns.length) / varN : 0;
        MoveStats ms = mc.stats();
        double mu0 = mc.species().get(species).mu();
        double mu = mu0 + st.pressureEvPerA3() * dVdN + bias.muCorrection(meanN);
        return new RunResult(target, mu0, meanN, bn[1], meanV, bv[1], dVdN, mu, 2 * st.phi() * bn[1], equil, cycles,
                ns, vs, es, ms.acceptance(MoveStats.Type.INSERTION), ms.acceptance(MoveStats.Type.DELETION),
                ms.acceptance(MoveStats.Type.TRANSLATION), (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * Replaces each run's within-run ∂V/∂N by the least-squares slope of ⟨V⟩ vs ⟨N⟩ over the run and its nearest
     * neighbours in ⟨N⟩ (three points; two at the ends) and recomputes μ (Eq. 17).
     */
    static List<RunResult> withPartialVolumes(List<RunResult> rs, Settings st) {
        if (rs.size() < 2) return rs;
        Integer[] order = new Integer[rs.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(rs.get(a).meanN(), rs.get(b).meanN()));
        List<RunResult> out = new ArrayList<>(rs);
        for (int p = 0; p < order.length; p++) {
            int lo = Math.max(0, p - 1), hi = Math.min(order.length - 1, p + 1);
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int c = 0;
            for (int q = lo; q <= hi; q++) {
                RunResult r = rs.get(order[q]);
                sx += r.meanN(); sy += r.meanV(); sxx += r.meanN() * r.meanN(); sxy += r.meanN() * r.meanV();
                c++;
            }
            double den = c * sxx - sx * sx;
            RunResult r = rs.get(order[p]);
            double slope = den > 1e-12 ? (c * sxy - sx * sy) / den : r.dVdN();
            double mu = r.muBias() + st.pressureEvPerA3() * slope - 2 * st.phi() * (r.meanN() - r.target());
            out.set(order[p], new RunResult(r.target(), r.muBias(), r.meanN(), r.seN(), r.meanV(), r.seV(), slope, mu,
                    r.seMu(), r.equilibrationSample(), r.cycles(), r.n(), r.v(), r.e(), r.accInsertion(),
                    r.accDeletion(), r.accTranslation(), r.seconds()));
        }
        return out;
    }

    /** Growable primitive list (no boxing in the sampling loop). */
    static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        void add(double x) {
            if (n == a.length) a = Arrays.copyOf(a, 2 * n);
            a[n++] = x;
        }

        double[] toArray() { return Arrays.copyOf(a, n); }

        int size() { return n; }
    }
}
