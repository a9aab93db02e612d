package org.scalebridge.learn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.learn.reference.JobStatus;
import org.scalebridge.learn.reference.ReferenceCalculator;
import org.scalebridge.learn.reference.ReferenceJobs;
import org.scalebridge.learn.reference.ReferenceResult;
import org.scalebridge.learn.reference.Screening;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.mtp.MtpActiveSet;
import org.scalebridge.potential.mtp.MtpBasisGenerator;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpGrader;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.potential.mtp.MtpTrainer;
import org.scalebridge.structure.Structure;

/**
 * The active-learning loop of the paper's Fig. 1, resumable, with provenance. Iteration 0 builds the pre-training set
 * (an imported dataset, or short MD of a few compositions labelled by the reference calculator) and fits the first
 * MTP. Each further iteration: GCMC–MD samplers on the T × μ grid with the current MTP ({@link Sampler}); candidates
 * (2 &lt; γ &lt; 10, plus the configuration that stopped a sampler) → similarity filter → MaxVol selection
 * (select-add) → reference calculations in job folders → screening → dataset → warm-started retraining. The loop ends
 * when an iteration selects nothing (converged) or the iteration budget is used.
 *
 * <p>Project layout under {@code output/}: {@code iter-NNN/} with {@code gamma.csv}, {@code candidates.extxyz},
 * {@code selected.extxyz}, {@code jobs/NNNN/job-000001/} (reference job folders), {@code dataset.extxyz} (the training
 * set after this iteration, every configuration carrying its provenance: iteration, sampler, T, μ, cycle, γ,
 * calculator and its settings, job folder), {@code mtp.mtp} and {@code mtp.almtp} (potential and active set), and
 * {@code summary.json} (written last: its presence marks the iteration complete). A killed loop resumes at the first
 * incomplete step: finished reference jobs are reused, training continues from its checkpoint.
 */
public final class ActiveLearning {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LearnConfig cfg;
    private final ReferenceCalculator ref;
    private final Path out;

    /** One iteration's numbers (a row of {@code iterations.csv}). */
    public record IterationSummary(int iteration, int samplers, int stopped, int candidates, int distinct, int selected,
            int failed, int screenedOut, int datasetSize, double energyRmse, double forceRmse, double seconds, boolean converged) {}

    /** The loop's result. */
    public record Result(List<IterationSummary> iterations, boolean converged, Path potential, Path dataset) {}

    public ActiveLearning(LearnConfig cfg, ReferenceCalculator ref) {
        this.cfg = cfg;
        this.ref = ref;
        this.out = cfg.output;
    }

    private List<Structure> extra = List.of();
    private int lastIteration;

    /**
     * Configurations from outside the loop, e.g. those a production run's γ watch ({@link GammaMonitor}) saved: the
     * first sampling iteration this run performs grades them with its MTP and adds those above gamma_select to its
     * candidate pool (tagged {@code al_source = "external"}), where MaxVol and the similarity filter select among them
     * and the samplers' candidates alike. Their provenance keys are kept. A loop that had finished (converged or out of
     * budget) continues from its last iteration, with a fresh budget of max_iterations, instead of returning at once.
     */
    public ActiveLearning extraCandidates(List<Structure> configurations) {
        extra = new ArrayList<>(configurations);
        return this;
    }

    public Path iterDir(int k) { return out.resolve(String.format(Locale.ROOT, "iter-%03d", k)); }

    /** Runs (or resumes) the loop until convergence, the iteration budget or cancellation. */
    public Result run(Progress progress) {
        Progress pr = progress == null ? Progress.NONE : progress;
        mkdirs(out);
        List<IterationSummary> done = new ArrayList<>();
        int k = 0;
        for (; ; k++) {
            Path sum = iterDir(k).resolve("summary.json");
            if (!Files.exists(sum)) break;
            done.add(readSummary(sum)); // iterations after a converged one exist when it was continued (extraCandidates)
        }
        if (!done.isEmpty()) pr.log("resuming after iteration " + (done.size() - 1));
        boolean converged = !done.isEmpty() && done.get(done.size() - 1).converged();
        lastIteration = cfg.maxIterations;
        if (!done.isEmpty() && !extra.isEmpty()) {
            // a finished loop (converged or out of budget) given new external candidates (e.g. from production runs that
            // extrapolated) goes on from its last MTP: the next iteration grades them, and the loop runs until an
            // iteration selects nothing again, with a fresh budget of max_iterations
            converged = false;
            lastIteration = Math.max(cfg.maxIterations, k + cfg.maxIterations - 1);
            pr.log(String.format(Locale.ROOT, "continuing after iteration %d with %d external candidates (at most %d more iterations)",
                    k - 1, extra.size(), lastIteration - k + 1));
        }
        while (!converged && k <= lastIteration && !pr.isCancelled()) {
            IterationSummary s = k == 0 ? pretrain(pr) : iterate(k, pr);
            if (s == null) break; // cancelled
            done.add(s);
            writeIterationsCsv(done);
            pr.log(String.format(Locale.ROOT, "iteration %d: %d candidates, %d distinct, %d selected, dataset %d, "
                    + "E RMSE %.2f meV/atom, F RMSE %.3f eV/Å (%.0f s)%s", s.iteration(), s.candidates(), s.distinct(), s.selected(),
                    s.datasetSize(), 1e3 * s.energyRmse(), s.forceRmse(), s.seconds(), s.converged() ? " — converged" : ""));
            converged = s.converged();
            k++;
        }
        writeIterationsCsv(done);
        int last = done.size() - 1;
        Path pot = last >= 0 ? iterDir(last).resolve("mtp.mtp") : null, data = last >= 0 ? iterDir(last).resolve("dataset.extxyz") : null;
        if (last >= 0) {
            copy(pot, out.resolve("final.mtp"));
            copy(data, out.resolve("dataset.extxyz"));
        }
        return new Result(done, converged, pot, data);
    }

    // ------------------------------------------------------------------ iteration 0

    private IterationSummary pretrain(Progress pr) {
        long t0 = System.nanoTime();
        Path dir = iterDir(0);
        mkdirs(dir);
        List<Structure> data;
        int failed = 0, screened = 0, candidates;
        if (cfg.dataset != null) {
            List<Structure> raw = Formats.read(cfg.dataset);
            data = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Structure s = raw.get(i);
                if (s.energy() == null || s.forces() == null)
                    throw InputException.at(cfg.dataset, 0, "configuration " + (i + 1) + " has no energy or forces: a training set needs both");
                for (int a = 0; a < s.size(); a++) cfg.requireSpecies(s.atomicNumber(a), cfg.dataset.getFileName() + " (configuration " + (i + 1) + ")");
                Screening.Verdict v = cfg.screening.check(new ReferenceResult(s.energy(), s.forces(), s.virial()));
                if (!v.accepted()) { screened++; continue; }
                s.info().put("al_iteration", 0L);
                s.info().put("al_source", "imported " + cfg.dataset.getFileName() + " #" + (i + 1));
                data.add(s);
            }
            candidates = raw.size();
        } else {
            List<Structure> snaps = pretrainSnapshots(pr);
            candidates = snaps.size();
            Labelled l = label(dir, snaps, pr);
            if (l == null) return null;
            data = l.accepted;
            failed = l.failed;
            screened = l.screened;
        }
        if (data.isEmpty()) throw new org.scalebridge.core.ScaleBridgeException("pre-training produced no usable configuration (all failed or screened out)");
        MtpModel m = MtpBasisGenerator.generate(cfg.level, cfg.typeToZ.length, cfg.radialBasisSize, cfg.minDist, cfg.maxDist);
        TrainOutcome tr = train(dir, m, data, cfg.trainIterations, pr);
        if (tr == null) return null;
        return finish(dir, 0, 0, 0, candidates, candidates, candidates, failed, screened, data, tr, t0, false);
    }

    /** Short MD (surrogate force field as the driver) of PBA cells at the configured compositions; snapshots to label. */
    private List<Structure> pretrainSnapshots(Progress pr) {
        MnFePbaSurrogate ff = MnFePbaSurrogate.load();
        List<Structure> snaps = new ArrayList<>();
        for (int c = 0; c < cfg.compositions.length; c++) {
            double x = cfg.compositions[c];
            Structure s = StructureSpec.pba(x, cfg.pretrainSupercell, cfg.seed + c).build();
            for (int a = 0; a < s.size(); a++) cfg.requireSpecies(s.atomicNumber(a), "the pre-training cell at x = " + x);
            s.ensureVelocities();
            Potential p = ff.build(s).potential();
            MdSystem sys = new MdSystem(s, p, cfg.pretrainTimestepFs * 1e-3);
            Rng rng = new Rng(cfg.seed).split(500 + c);
            Velocities.maxwellBoltzmann(sys, cfg.pretrainTemperature, rng.split(1));
            org.scalebridge.md.Integrator integ = new LangevinBaoab(cfg.pretrainTemperature, 0.1, rng.split(2));
            if (!Double.isNaN(cfg.pretrainPressureBar)) {
                integ = org.scalebridge.md.StochasticCellRescaling.flexibleForEquilibration(integ, cfg.pretrainTemperature, cfg.pretrainPressureBar, rng.split(3));
                sys.setVirialEveryStep(true);
            }
            integ.setup(sys);
            sys.computeForces();
            for (int step = 1; step <= cfg.pretrainSteps; step++) {
                integ.step(sys);
                sys.setStep(step); // the barostat acts on its step interval
                if (step % cfg.pretrainEvery == 0) {
                    Structure snap = s.copy();
                    snap.clearVelocities();
                    snap.info().put("al_iteration", 0L);
                    snap.info().put("al_source", String.format(Locale.ROOT, "pretrain MD x=%.3f T=%.0f K step %d", x, cfg.pretrainTemperature, step));
                    snaps.add(snap);
                    if (cfg.pretrainPairs) { // the N ± 1 partner pins the insertion energy E(N+1) − E(N)
                        Rng pick = rng.split(1000 + step);
                        Structure[] pair = NaPartner.pair(snap, pick.nextDouble() < 0.5, pick);
                        Structure other = pair[0] == snap ? pair[1] : pair[0];
                        other.info().put("al_source", snap.info().get("al_source") + (pair[0] == snap ? " + 1 Na at the emptiest cage" : " − 1 Na"));
                        snaps.add(other);
                    }
                }
            }
            pr.log(String.format(Locale.ROOT, "pre-training MD at x = %.3f: %d atoms, %d snapshots%s", x, s.size(), cfg.pretrainSteps / cfg.pretrainEvery,
                    cfg.pretrainPairs ? " and their N ± 1 partners" : ""));
        }
        return snaps;
    }

    // ------------------------------------------------------------------ iterations ≥ 1

    private IterationSummary iterate(int k, Progress pr) {
        long t0 = System.nanoTime();
        Path dir = iterDir(k), prev = iterDir(k - 1);
        mkdirs(dir);
        List<Structure> data = Formats.read(prev.resolve("dataset.extxyz"));
        MtpModel model = MtpFormat.read(prev.resolve("mtp.mtp"));
        MtpActiveSet set = activeSet(model, data);
        set.writeAlmtp(prev.resolve("mtp.almtp"), model);
        int samplers, stopped, candidates, distinct;
        List<Structure> selected;
        Path selFile = dir.resolve("selected.extxyz"), sampFile = dir.resolve("sampling.json");
        if (Files.exists(sampFile)) { // sampling and selection already done before an interruption
            ObjectNode o = readJson(sampFile);
            samplers = o.get("samplers").asInt();
            stopped = o.get("stopped").asInt();
            candidates = o.get("candidates").asInt();
            distinct = o.get("distinct").asInt();
            selected = Files.exists(selFile) ? Formats.read(selFile) : new ArrayList<>();
        } else {
            List<Sampler.Outcome> res = sample(k, model, set, pr);
            if (res == null) return null;
            writeGammaCsv(dir.resolve("gamma.csv"), res);
            List<Structure> pool = new ArrayList<>();
            stopped = 0;
            for (Sampler.Outcome o : res) {
                pool.addAll(o.candidates());
                if (!o.stop().equals("completed")) stopped++;
            }
            samplers = res.size();
            MtpPotential pot = new MtpPotential(model, cfg.typeToZ);
            MtpGrader grader = new MtpGrader(pot, set);
            int external = 0;
            for (Structure e : extra) { // graded by this iteration's MTP, as the samplers grade theirs
                Structure w = e.copy();
                w.clearVelocities();
                double g = grader.grade(w, null);
                if (g > cfg.gammaSelect) {
                    w.info().put("al_iteration", (long) k);
                    w.info().put("al_source", "external");
                    w.info().put("al_gamma", g);
                    pool.add(w);
                    external++;
                }
            }
            if (!extra.isEmpty()) pr.log(String.format(Locale.ROOT, "iteration %d: %d of %d external configurations have γ > %.3g (candidates)",
                    k, external, extra.size(), cfg.gammaSelect));
            extra = List.of();
            candidates = pool.size();
            if (!pool.isEmpty()) Formats.write(dir.resolve("candidates.extxyz"), pool);
            List<Structure> distinctPool = similarityFilter(pool, grader);
            distinct = distinctPool.size();
            selected = new ArrayList<>();
            if (!distinctPool.isEmpty()) {
                List<Integer> idx = grader.select(distinctPool, cfg.maxvolThreshold);
                for (int i : idx) selected.add(distinctPool.get(i));
                selected.sort(Comparator.comparingDouble((Structure s) -> -gammaOf(s)));
                if (selected.size() > cfg.maxPerIteration) selected = new ArrayList<>(selected.subList(0, cfg.maxPerIteration));
            }
            pot.close();
            if (!selected.isEmpty()) Formats.write(selFile, selected);
            ObjectNode o = JSON.createObjectNode();
            o.put("samplers", samplers).put("stopped", stopped).put("candidates", candidates).put("distinct", distinct).put("selected", selected.size())
                    .put("external_candidates", external);
            ArrayNode arr = o.putArray("sampler_outcomes");
            for (Sampler.Outcome so : res) {
                ObjectNode e = arr.addObject();
                e.put("index", so.index()).put("temperature_K", so.temperature());
                if (so.canonical()) e.put("fixed_N", true); else e.put("mu_eV", so.mu());
                e.put("cycles", so.trace().size())
                        .put("candidates", so.candidates().size()).put("stop", so.stop());
            }
            writeJson(sampFile, o);
        }
        if (selected.isEmpty() && cfg.finalIterations > 0) {
            // converged: one longer warm-started fit on the final dataset (the loop's intermediate fits only need to be
            // good enough to grade; the production potential gets the training budget)
            TrainOutcome tr = train(dir, model.copy(), data, cfg.finalIterations, pr);
            if (tr == null) return null;
            return finish(dir, k, samplers, stopped, candidates, distinct, 0, 0, 0, data, tr, t0, true);
        }
        if (selected.isEmpty()) {
            // nothing new: the MTP is not retrained; this iteration's potential is the previous one
            copy(prev.resolve("mtp.mtp"), dir.resolve("mtp.mtp"));
            copy(prev.resolve("dataset.extxyz"), dir.resolve("dataset.extxyz"));
            double[] err = MtpTrainer.errors(new MtpPotential(model, cfg.typeToZ), data);
            return finish(dir, k, samplers, stopped, candidates, distinct, 0, 0, 0, data, new TrainOutcome(model, err, 0), t0, true);
        }
        Labelled l = label(dir, selected, pr);
        if (l == null) return null;
        List<Structure> all = new ArrayList<>(data);
        all.addAll(l.accepted);
        // the last iteration the budget allows also gets the final fit (its potential is the loop's result)
        int its = k >= lastIteration && cfg.finalIterations > 0 ? cfg.finalIterations : cfg.retrainIterations;
        TrainOutcome tr = train(dir, model.copy(), all, its, pr);
        if (tr == null) return null;
        return finish(dir, k, samplers, stopped, candidates, distinct, selected.size(), l.failed, l.screened, all, tr, t0, false);
    }

    private List<Sampler.Outcome> sample(int k, MtpModel model, MtpActiveSet set, Progress pr) {
        List<double[]> grid = cfg.grid();
        int threads = Math.max(1, Math.min(cfg.threads, grid.size()));
        ExecutorService ex = Executors.newFixedThreadPool(threads, r -> { Thread t = new Thread(r, "al-sampler"); t.setDaemon(true); return t; });
        try {
            List<Future<Sampler.Outcome>> fs = new ArrayList<>();
            for (int j = 0; j < grid.size(); j++) {
                final int jj = j;
                fs.add(ex.submit(() -> {
                    MtpPotential pot = new MtpPotential(model.copy(), cfg.typeToZ);
                    try {
                        MtpGrader g = new MtpGrader(pot, set);
                        return Sampler.run(cfg, k, jj, grid.get(jj)[0], grid.get(jj)[1], grid.get(jj)[2], pot, g, pr);
                    } finally {
                        pot.close();
                    }
                }));
            }
            List<Sampler.Outcome> res = new ArrayList<>();
            for (int j = 0; j < fs.size(); j++) {
                Sampler.Outcome o = fs.get(j).get();
                res.add(o);
                pr.update(j + 1, fs.size(), String.format(Locale.ROOT, "iteration %d sampler %d (T = %.0f K, %s): %d cycles, %d candidates, %s",
                        k, j, o.temperature(), o.canonical() ? "fixed N" : String.format(Locale.ROOT, "μ = %.3f eV", o.mu()), o.trace().size(), o.candidates().size(), o.stop()));
            }
            return pr.isCancelled() ? null : res;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c);
        } finally {
            ex.shutdownNow();
        }
    }

    /** The MaxVol active set of the training set for this MTP (rebuilt after every fit, as MLIP's train does). */
    MtpActiveSet activeSet(MtpModel model, List<Structure> data) { return activeSet(cfg, model, data); }

    /**
     * The MaxVol active set of a training set for an MTP, as the loop builds it (grade mode and species of {@code cfg}):
     * what production runs grade their configurations against.
     */
    public static MtpActiveSet activeSet(LearnConfig cfg, MtpModel model, List<Structure> data) {
        MtpActiveSet set = MtpActiveSet.initial(model.parameterCount(), 1e-6, cfg.nbhGrades);
        MtpPotential pot = new MtpPotential(model, cfg.typeToZ);
        try {
            List<org.scalebridge.io.MlipCfg.Configuration> cfgs = new ArrayList<>();
            for (Structure s : data) cfgs.add(org.scalebridge.io.MlipCfg.Configuration.fromStructure(s, cfg.typeToZ));
            new MtpGrader(pot, set).buildFrom(data, cfgs, 1.001);
        } finally {
            pot.close();
        }
        return set;
    }

    /**
     * Drops near-duplicates: candidates in descending γ order are kept unless their configuration descriptor (the
     * MTP's ∂E/∂θ row per atom^{w/2}) lies within {@code similarity} (relative Euclidean distance) of one already kept.
     */
    List<Structure> similarityFilter(List<Structure> pool, MtpGrader g) {
        List<Structure> sorted = new ArrayList<>(pool);
        sorted.sort(Comparator.comparingDouble((Structure s) -> -gammaOf(s)));
        List<Structure> kept = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Structure s : sorted) {
            double[] r = g.cfgRow(s.copy());
            boolean dup = false;
            for (double[] q : rows) {
                if (q.length != r.length) continue;
                double d = 0, nr = 0, nq = 0;
                for (int i = 0; i < r.length; i++) { double t = r[i] - q[i]; d += t * t; nr += r[i] * r[i]; nq += q[i] * q[i]; }
                if (Math.sqrt(d) <= cfg.similarity * Math.sqrt(Math.max(nr, nq))) { dup = true; break; }
            }
            if (!dup) { kept.add(s); rows.add(r); }
        }
        return kept;
    }

    static double gammaOf(Structure s) {
        Object g = s.info().get("al_gamma");
        return g instanceof Number n ? n.doubleValue() : 0;
    }

    // ------------------------------------------------------------------ reference calculations

    private record Labelled(List<Structure> accepted, int failed, int screened) {}

    /** Labels configurations in job folders {@code jobs/NNNN/} (finished jobs are reused on resume), then screens them. */
    private Labelled label(Path dir, List<Structure> configs, Progress pr) {
        Path jobsRoot = dir.resolve("jobs");
        ExecutorService ex = Executors.newFixedThreadPool(cfg.referenceThreads, r -> { Thread t = new Thread(r, "al-reference"); t.setDaemon(true); return t; });
        try {
            List<Object> pending = new ArrayList<>(); // Path (reused) or Job
            for (int i = 0; i < configs.size(); i++) {
                Path root = jobsRoot.resolve(String.format(Locale.ROOT, "%04d", i + 1));
                Path job = root.resolve("job-000001");
                if (Files.isDirectory(job) && (ReferenceJobs.status(job) == JobStatus.DONE || ReferenceJobs.status(job) == JobStatus.FAILED)) {
                    pending.add(job);
                    continue;
                }
                deleteTree(root); // an interrupted job is redone from scratch
                pending.add(new ReferenceJobs(root, ex).submit(configs.get(i), ref));
            }
            List<Structure> accepted = new ArrayList<>();
            int failed = 0, screened = 0;
            String settings = settingsString(ref.settings());
            for (int i = 0; i < configs.size(); i++) {
                if (pr.isCancelled()) { for (Object o : pending) if (o instanceof ReferenceJobs.Job j) j.cancel(); return null; }
                Object o = pending.get(i);
                Path jobDir = o instanceof Path p ? p : ((ReferenceJobs.Job) o).dir();
                ReferenceResult r;
                try {
                    if (o instanceof ReferenceJobs.Job j) j.result().join();
                    r = ReferenceJobs.loadResult(jobDir);
                } catch (RuntimeException e) {
                    failed++;
                    pr.log("reference job " + out.relativize(jobDir) + " failed: " + ReferenceJobs.statusMessage(jobDir));
                    continue;
                }
                Screening.Verdict v = cfg.screening.check(r);
                Structure s = r.applyTo(configs.get(i));
                s.info().put("al_calculator", ref.name());
                s.info().put("al_settings", settings);
                s.info().put("al_job", out.relativize(jobDir).toString());
                if (!v.accepted()) {
                    screened++;
                    pr.log("screened out " + out.relativize(jobDir) + ": " + v.reason());
                    continue;
                }
                accepted.add(s);
                pr.update(i + 1, configs.size(), "reference " + (i + 1) + "/" + configs.size());
            }
            return new Labelled(accepted, failed, screened);
        } finally {
            ex.shutdownNow();
        }
    }

    static String settingsString(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        for (var e : new java.util.TreeMap<>(m).entrySet()) {
            if (b.length() > 0) b.append("; ");
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ training

    private record TrainOutcome(MtpModel model, double[] errors, int iterations) {}

    private TrainOutcome train(Path dir, MtpModel model, List<Structure> data, int iterations, Progress pr) {
        Formats.write(dir.resolve("dataset.extxyz"), data);
        Path ck = dir.resolve("mtp.partial.mtp");
        if (Files.exists(ck)) {
            model = MtpFormat.read(ck); // warm start from the interrupted fit
            pr.log("training resumes from " + out.relativize(ck));
        }
        MtpTrainer t = new MtpTrainer(model, cfg.typeToZ, data, null, cfg.seed);
        t.threads = cfg.threads;
        t.energyWeight = cfg.energyWeight;
        t.forceWeight = cfg.forceWeight;
        t.stressWeight = cfg.stressWeight;
        t.weightScaling = cfg.weightScaling;
        t.checkpoint = ck;
        t.checkpointEvery = 10;
        MtpTrainer.Result r = t.train(iterations, cfg.tolerance, new Progress() {
            @Override public void update(long d, long tot, String msg) { pr.update(d, tot, "training: " + msg); }
            @Override public boolean isCancelled() { return pr.isCancelled(); }
        });
        if (pr.isCancelled()) { MtpFormat.write(ck, model); return null; }
        MtpFormat.write(dir.resolve("mtp.mtp"), model);
        try { Files.deleteIfExists(ck); } catch (IOException e) { throw new UncheckedIOException(e); }
        MtpPotential p = new MtpPotential(model, cfg.typeToZ);
        double[] err = MtpTrainer.errors(p, data);
        p.close();
        return new TrainOutcome(model, err, r.iterations);
    }

    private IterationSummary finish(Path dir, int k, int samplers, int stopped, int candidates, int distinct, int selected, int failed,
            int screened, List<Structure> data, TrainOutcome tr, long t0, boolean converged) {
        IterationSummary s = new IterationSummary(k, samplers, stopped, candidates, distinct, selected, failed, screened, data.size(),
                tr.errors[0], tr.errors[1], (System.nanoTime() - t0) * 1e-9, converged);
        ObjectNode o = JSON.valueToTree(s);
        o.put("training_iterations", tr.iterations);
        o.put("calculator", ref.name());
        o.put("calculator_settings", settingsString(ref.settings()));
        o.put("config", cfg.source.toString());
        writeJson(dir.resolve("summary.json"), o);
        return s;
    }

    // ------------------------------------------------------------------ files

    private static void writeGammaCsv(Path f, List<Sampler.Outcome> res) {
        AtomicFiles.writeText(f, w -> {
            w.write("sampler,temperature_K,mu_eV,cycle,atoms,exchanged,energy_eV,gamma\n");
            for (Sampler.Outcome o : res)
                for (Sampler.Point p : o.trace())
                    w.write(String.format(Locale.ROOT, "%d,%.6g,%s,%d,%d,%d,%.10g,%.6g%n", o.index(), o.temperature(),
                            o.canonical() ? "" : String.format(Locale.ROOT, "%.6g", o.mu()), p.cycle(),
                            p.atoms(), p.exchanged(), p.energy(), p.gamma()));
        });
    }

    private void writeIterationsCsv(List<IterationSummary> it) {
        AtomicFiles.writeText(out.resolve("iterations.csv"), w -> {
            w.write("iteration,samplers,stopped,candidates,distinct,selected,failed,screened_out,dataset,energy_rmse_eV_per_atom,force_rmse_eV_per_A,seconds,converged\n");
            for (IterationSummary s : it)
                w.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%.6g,%.6g,%.3f,%b%n", s.iteration(), s.samplers(), s.stopped(),
                        s.candidates(), s.distinct(), s.selected(), s.failed(), s.screenedOut(), s.datasetSize(), s.energyRmse(), s.forceRmse(),
                        s.seconds(), s.converged()));
        });
    }

    static IterationSummary readSummary(Path f) {
        try {
            return JSON.readerFor(IterationSummary.class).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode readJson(Path f) {
        try {
            return (ObjectNode) JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static void writeJson(Path f, Object o) {
        AtomicFiles.writeString(f, toJson(o));
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path d) {
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + d + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            AtomicFiles.writeBytes(to, os -> Files.copy(from, os));
        } catch (RuntimeException e) {
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (var st = Files.walk(root)) {
            for (Path p : st.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root + ": " + e.getMessage(), e);
        }
    }
}
