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
 * <p>φ may differ per target. A biased run is stable where the biased free energy F(N) + φ(N − N_t)² is convex,
 * i.e. 2φ > −∂μ/∂N (two-phase regions, where ∂μ/∂N &lt; 0, need the stiffer bias); a larger φ also shrinks the
 * spread of N (var N ≈ k_BT/(∂μ/∂N + 2φ)).
 *
 * <p>μ_bias refinement (optional): a pilot of {@code pilotCycles} cycles, then μ_bias := the pilot's Eq. 17 estimate
 * μ(⟨N⟩) carried to N_t with a fluctuation estimate of the local slope ({@link #pilotEstimate}), repeated
 * {@code muBiasIterations} times. ⟨N⟩ of the biased ensemble increases monotonically with μ_bias
 * (∂⟨N⟩/∂μ_bias = β var N), so the pilots also keep a bracket [μ_lo, μ_hi] (μ_bias values whose pilot ended below /
 * above N_t): a step leaving the bracket is replaced by its midpoint, and while N stays stuck at one value on one
 * side the step doubles (up to 16×); the pilot samples and move statistics are discarded and production starts
 * from the pilot's final state. The estimator itself is unchanged: any μ_bias gives μ(⟨N⟩); the refinement only puts
 * ⟨N⟩ near N_t.
 *
 * <p>A run counts as converged when the detector was satisfied (on production samples and production acceptances)
 * and, in addition, the exchange acceptance is non-zero and the production N(t) visits more than one value;
 * {@link RunResult#converged()} records it. Runs that reach {@code maxCycles} otherwise are returned but flagged.
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

    /**
     * Scan settings. {@code phi} is the bias stiffness φ (eV) of every target unless {@code phiPerTarget} (same
     * length as {@code targets}, or null) gives one per target. {@code pilotCycles} > 0 refines μ_bias before
     * production: {@code muBiasIterations} pilot runs of that many cycles each, after every one of which μ_bias is
     * replaced by the Eq. 17 estimate μ(⟨N⟩) of the pilot (see {@link MuScan}); pilot samples are discarded.
     */
    public record Settings(double phi, double[] phiPerTarget, double[] targets, double pressureEvPerA3, int chunkCycles,
            int maxCycles, int minProductionSamples, int sampleEvery, int resamples, int threads, long seed,
            int pilotCycles, int muBiasIterations) {
        public Settings {
            if (!(phi > 0) || !Double.isFinite(phi)) throw InputException.unphysical("mu_scan.phi", phi, "> 0 eV");
            if (targets == null || targets.length == 0)
                throw InputException.field(null, "mu_scan.targets", "at least one target N_t is needed");
            for (double t : targets) if (!(t >= 0)) throw InputException.unphysical("mu_scan.targets", t, "≥ 0");
            if (phiPerTarget != null) {
                if (phiPerTarget.length != targets.length)
                    throw InputException.field(null, "mu_scan.phi", phiPerTarget.length + " values of φ for "
                            + targets.length + " targets (give one φ, or one per target)");
                for (int k = 0; k < phiPerTarget.length; k++)
                    if (!(phiPerTarget[k] > 0) || !Double.isFinite(phiPerTarget[k]))
                        throw InputException.unphysical("mu_scan.phi[" + k + "]", phiPerTarget[k], "> 0 eV");
            }
            if (chunkCycles < 1) throw InputException.unphysical("mu_scan.chunk_cycles", chunkCycles, "≥ 1");
            if (maxCycles < chunkCycles) throw InputException.field(null, "mu_scan.max_cycles", "must be ≥ chunk_cycles");
            if (minProductionSamples < 20)
                throw InputException.unphysical("mu_scan.min_production_samples", minProductionSamples, "≥ 20");
            if (sampleEvery < 1) throw InputException.unphysical("mu_scan.sample_every", sampleEvery, "≥ 1");
            if (resamples < 10) throw InputException.unphysical("mu_scan.resamples", resamples, "≥ 10");
            if (threads < 1) throw InputException.unphysical("mu_scan.threads", threads, "≥ 1");
            if (pilotCycles < 0) throw InputException.unphysical("mu_scan.pilot_cycles", pilotCycles, "≥ 0");
            if (pilotCycles > 0 && pilotCycles < 2 * sampleEvery)
                throw InputException.field(null, "mu_scan.pilot_cycles", "must give at least 2 samples (≥ 2 × sample_every = "
                        + 2 * sampleEvery + "), got " + pilotCycles);
            if (muBiasIterations < 0) throw InputException.unphysical("mu_scan.mu_bias_iterations", muBiasIterations, "≥ 0");
            if (muBiasIterations > 0 && pilotCycles == 0)
                throw InputException.field(null, "mu_scan.mu_bias_iterations", "needs pilot_cycles > 0");
            phiPerTarget = phiPerTarget == null ? null : phiPerTarget.clone();
            targets = targets.clone();
        }

        /** One φ for all targets, no μ_bias refinement. */
        public Settings(double phi, double[] targets, double pressureEvPerA3, int chunkCycles, int maxCycles,
                int minProductionSamples, int sampleEvery, int resamples, int threads, long seed) {
            this(phi, null, targets, pressureEvPerA3, chunkCycles, maxCycles, minProductionSamples, sampleEvery,
                    resamples, threads, seed, 0, 0);
        }

        /** φ (eV) of target k. */
        public double phi(int k) { return phiPerTarget == null ? phi : phiPerTarget[k]; }
    }

    /**
     * One target's result with its production traces (sampled every {@code sampleEvery} cycles). {@code muBias} is
     * the reservoir μ of production (after any pilot refinement), {@code muBiasStart} the one the run was built
     * with; {@code cycles} counts production cycles only, {@code pilotCycles} the discarded pilot cycles; the
     * acceptances are those of production. {@code converged}: the equilibration detector was satisfied (see
     * {@link MuScan}) with a non-zero exchange acceptance and a production N(t) that visits more than one value;
     * {@code distinctN} is that number of values.
     */
    public record RunResult(double target, double phi, double muBias, double muBiasStart, double meanN, double seN,
            double meanV, double seV, double dVdN, double mu, double seMu, int equilibrationSample, long cycles,
            long pilotCycles, double[] n, double[] v, double[] e, double accInsertion, double accDeletion,
            double accTranslation, long acceptedExchanges, int distinctN, boolean converged, double seconds) {}

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
                    pr.update(d, m, String.format(java.util.Locale.ROOT, "target %.2f (phi %.3g eV): <N> = %.2f, mu = %.5f eV, %s",
                            r.target(), r.phi(), r.meanN(), r.mu(), r.converged() ? "converged" : "NOT converged"));
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
        double target = st.targets()[k], phi = st.phi(k);
        HarmonicBias bias = mc.bias();
        if (bias == null || bias.target() != target || bias.phi() != phi) {
            int sp = bias == null ? 0 : bias.species();
            bias = new HarmonicBias(sp, phi, target);
            mc.setBias(bias);
        }
        int species = bias.species();
        long t0 = System.nanoTime();
        double muStart = mc.species().get(species).mu();
        long pilot = 0;
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY; // μ_bias with ⟨N⟩ below / above N_t
        int stuckSteps = 0;
        for (int it = 0; it < st.muBiasIterations(); it++) {
            DoubleList pn = new DoubleList(), pv = new DoubleList();
            for (int c = 0; c < st.pilotCycles(); c++) {
                run.driver().cycle(mc);
                pilot++;
                if (pilot % st.sampleEvery() == 0) {
                    pn.add(mc.count(species));
                    pv.add(mc.structure().cell().volume());
                }
                if (pr.isCancelled()) throw new ScaleBridgeException("mu scan cancelled");
            }
            double[] ns = pn.toArray();
            double muB = mc.species().get(species).mu();
            double half = SeriesStatistics.mean(ns, ns.length / 2, ns.length);
            if (half < target) lo = Math.max(lo, muB);
            if (half > target) hi = Math.min(hi, muB);
            double next = pilotEstimate(ns, pv.toArray(), muB, st.pressureEvPerA3(), bias,
                    org.scalebridge.core.Units.kT(mc.temperature()));
            boolean stuck = distinctValues(ns, ns.length / 2, ns.length) == 1;
            stuckSteps = stuck && !(Double.isFinite(lo) && Double.isFinite(hi)) ? stuckSteps + 1 : 0;
            if (stuckSteps > 1) next = muB + (next - muB) * (1L << Math.min(stuckSteps - 1, 4)); // widen the search
            if (Double.isFinite(lo) && Double.isFinite(hi) && !(next > lo && next < hi)) next = 0.5 * (lo + hi);
            mc.setMu(species, next);
        }
        mc.stats().reset(); // production acceptances and the detector's exchange count start here
        DoubleList n = new DoubleList(), v = new DoubleList(), e = new DoubleList();
        long cycles = 0;
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
            if (detectorSatisfied(n.toArray(), exchangesAccepted(mc), st)) break;
        }
        double[] ns = n.toArray(), vs = v.toArray(), es = e.toArray();
        int equil = SeriesStatistics.mserTruncation(ns, 5);
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
        double mu = mu0 + st.pressureEvPerA3() * dVdN + bias.muCorrection(meanN); // paper Eq. 17
        long exchanged = exchangesAccepted(mc);
        int distinct = distinctValues(ns, equil, ns.length);
        double accIns = ms.acceptance(MoveStats.Type.INSERTION), accDel = ms.acceptance(MoveStats.Type.DELETION);
        boolean converged = detectorSatisfied(ns, exchanged, st) && accIns + accDel > 0 && distinct > 1;
        return new RunResult(target, phi, mu0, muStart, meanN, bn[1], meanV, bv[1], dVdN, mu, 2 * phi * bn[1], equil,
                cycles, pilot, ns, vs, es, accIns, accDel, ms.acceptance(MoveStats.Type.TRANSLATION), exchanged,
                distinct, converged, (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * The equilibration detector: the MSER-5 truncation of N(t) lies in the first half of the trace, at least
     * {@code minProductionSamples} samples remain after it, and at least {@link #MIN_ACCEPTED_EXCHANGES} exchanges
     * were accepted.
     */
    static boolean detectorSatisfied(double[] ns, long exchanged, Settings st) {
        int equil = SeriesStatistics.mserTruncation(ns, 5);
        return ns.length > 0 && equil <= ns.length / 2 && ns.length - equil >= st.minProductionSamples()
                && exchanged >= MIN_ACCEPTED_EXCHANGES;
    }

    private static long exchangesAccepted(Gcmc mc) {
        return mc.stats().accepts(MoveStats.Type.INSERTION) + mc.stats().accepts(MoveStats.Type.DELETION);
    }

    static int distinctValues(double[] x, int from, int to) {
        double[] c = Arrays.copyOfRange(x, from, to);
        Arrays.sort(c);
        int d = c.length == 0 ? 0 : 1;
        for (int i = 1; i < c.length; i++) if (c[i] != c[i - 1]) d++;
        return d;
    }

    /**
     * The μ_bias refinement after a pilot (on the pilot's second half): μ_bias' = μ(N̄) + ŝ·(N_t − N̄), i.e. the
     * Eq. 17 estimate μ(N̄) = μ_bias + P·∂V/∂N − 2φ(N̄ − N_t) carried from the pilot mean N̄ to the target with a local
     * slope ŝ of μ(N). In the biased ensemble var N ≈ k_BT/(∂μ/∂N + 2φ), so ŝ = k_BT/var N − 2φ; it is used only when
     * negative (ŝ = 0 otherwise, and when N did not move). For a linear μ(N) with ∂μ/∂N ≤ 0 this puts the peak of the
     * biased distribution, where μ(N) = μ_bias − 2φ(N − N_t), on N_t; for ∂μ/∂N > 0 it moves it part of the way (a
     * fraction 2φ/(2φ + ∂μ/∂N)), never past N_t. In a small cell where N is confined to two integers k, k + 1 around
     * a half-integer target, var N = p(1 − p) and the step is −k_BT(p − ½)/(p(1 − p)), the exact −k_BT ln(p/(1 − p))
     * to first order in p − ½ (the plain Eq. 17 step, −2φ(p − ½), would overshoot for φ > 2k_BT and oscillate).
     */
    static double pilotEstimate(double[] ns, double[] vs, double muBias, double pressure, HarmonicBias bias, double kT) {
        int from = ns.length / 2;
        if (ns.length - from < 1) return muBias;
        double meanN = SeriesStatistics.mean(ns, from, ns.length);
        double varN = ns.length - from > 1 ? SeriesStatistics.covariance(ns, ns, from, ns.length) : 0;
        double dVdN = varN > 0 ? SeriesStatistics.covariance(vs, ns, from, ns.length) / varN : 0;
        double muAtMean = muBias + pressure * dVdN + bias.muCorrection(meanN); // paper Eq. 17 on the pilot
        double slope = varN > 0 ? Math.min(0, kT / varN - 2 * bias.phi()) : 0;
        return muAtMean + slope * (bias.target() - meanN);
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
            double mu = r.muBias() + st.pressureEvPerA3() * slope - 2 * r.phi() * (r.meanN() - r.target()); // Eq. 17
            out.set(order[p], new RunResult(r.target(), r.phi(), r.muBias(), r.muBiasStart(), r.meanN(), r.seN(),
                    r.meanV(), r.seV(), slope, mu, r.seMu(), r.equilibrationSample(), r.cycles(), r.pilotCycles(),
                    r.n(), r.v(), r.e(), r.accInsertion(), r.accDeletion(), r.accTranslation(), r.acceptedExchanges(),
                    r.distinctN(), r.converged(), r.seconds()));
        }
        return out;
    }

    /**
     * The exact μ of the step N_k → N_k + 1 from a biased run that visited both states: in the biased grand-canonical
     * ensemble (paper Eq. 7, weight exp(−β[F(N) − μ_bias N + B(N)])) the ratio of the two states' probabilities is
     * P(N_k+1)/P(N_k) = exp(β[μ_bias − ΔF − ΔB]), hence
     * <pre>  μ(N_k + ½) ≡ F(N_k+1) − F(N_k) = μ_bias − [B(N_k+1) − B(N_k)] − k_BT ln(n_{k+1}/n_k)</pre>
     * with n_k, n_{k+1} the numbers of samples at the two states. Exact for the two states whatever φ is (no Gaussian
     * assumption as in Eq. 17); for a half-integer target N_t = N_k + ½ the harmonic bias is the same on both states
     * (ΔB = 0). NaN when either count is zero (the ratio is unknown, not infinite).
     *
     * @param muBias     reservoir chemical potential of the run (eV)
     * @param biasChange B(N_k+1) − B(N_k) (eV), e.g. {@link HarmonicBias#insertionChange(int)}
     * @param nLow       samples at N_k; @param nHigh samples at N_k + 1
     * @param kT         k_BT (eV)
     */
    public static double twoStateMu(double muBias, double biasChange, long nLow, long nHigh, double kT) {
        if (nLow <= 0 || nHigh <= 0) return Double.NaN;
        return muBias - biasChange - kT * Math.log((double) nHigh / nLow);
    }

    /**
     * {@link #twoStateMu(double, double, long, long, double)} of a run's production samples (from
     * {@link RunResult#equilibrationSample()}) at N_k = ⌊N_t⌋ and N_k + 1, with the run's harmonic bias; NaN unless the
     * target is a half-integer and both states were sampled.
     */
    public static double twoStateMu(RunResult r, double kT) {
        int[] c = twoStateCounts(r);
        if (c == null) return Double.NaN;
        int k = (int) Math.floor(r.target());
        return twoStateMu(r.muBias(), new HarmonicBias(0, r.phi(), r.target()).insertionChange(k), c[0], c[1], kT);
    }

    /** {n_k, n_{k+1}}: production samples of a half-integer target's run at N_k = ⌊N_t⌋ and N_k + 1; null otherwise. */
    public static int[] twoStateCounts(RunResult r) {
        double lo = Math.floor(r.target());
        if (r.target() - lo != 0.5) return null;
        int a = 0, b = 0;
        for (int i = Math.max(0, r.equilibrationSample()); i < r.n().length; i++) {
            if (r.n()[i] == lo) a++;
            else if (r.n()[i] == lo + 1) b++;
        }
        return new int[] {a, b};
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
