package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.io.Formats;
import org.scalebridge.learn.ActiveLearning;
import org.scalebridge.learn.ConfigReader;
import org.scalebridge.learn.LearnConfig;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NoseHooverNvt;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Structure;

/**
 * The production stage (MD at each x and T of the configuration with the learned potential: flexible-cell equilibration
 * at constant pressure, then NVT at the mean cell, under the divergence guard and the MTP's γ watch) and the project's
 * pool of production candidates through which a stopped run sends the chain back to the active learning.
 */
final class ProductionStage {
    private ProductionStage() {}

    /**
     * The project's pool of production configurations the γ watch flagged (γ > gamma_select), kept outside the stage
     * folders so that it survives the reruns it causes: the production stage adds its candidates, and the active-learning
     * stage (an input, by content) hands them to the loop's first sampling iteration. An outer loop: a production run
     * that extrapolates makes the next {@code pipeline run} retrain the MTP with what it found, then rerun production.
     */
    static final String PRODUCTION_CANDIDATES = "production-candidates.extxyz";

    /** [active_learning] production_candidates (default true): whether the AL stage takes the production candidates. */
    static boolean usesProductionCandidates(PipelineConfig pc) {
        return pc.root.has("active_learning") && pc.stage("active_learning").bool("production_candidates", true);
    }

    /** File in the AL stage folder: how many of the pool's configurations the loop has taken (the pool only grows). */
    static final String CONSUMED = "production-candidates-consumed.txt";

    static int consumedProductionCandidates(Path alDir) {
        Path f = alDir.resolve(CONSUMED);
        try {
            return Files.exists(f) ? Integer.parseInt(Files.readString(f).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Configurations of the project's pool the active learning has not taken yet, counted only when the last production
     * stage stopped a run (γ or divergence): candidates of runs that finished do not by themselves retrain the MTP (they
     * join the next retraining that a stopped run causes), so a chain whose runs all finish is not rerun.
     */
    static int pendingProductionCandidates(PipelineConfig pc, Path alDir, Path prodDir) {
        if (!usesProductionCandidates(pc)) return 0;
        ObjectNode rec = StageRecord.read(prodDir);
        if (rec == null || rec.path("summary").path("stopped").asInt(0) == 0) return 0;
        Path pool = pc.project.resolve(PRODUCTION_CANDIDATES);
        if (!Files.exists(pool)) return 0;
        return Math.max(0, Formats.read(pool).size() - consumedProductionCandidates(alDir));
    }

    /** [active_learning] production_rounds (default 2): how often one pipeline run goes back from production to the AL. */
    static int productionRounds(PipelineConfig pc) {
        return pc.root.has("active_learning") ? pc.stage("active_learning").integer("production_rounds", 2, 0, 100) : 0;
    }


    /**
     * Adds candidates to the project's pool, skipping those already there (same run, phase, step and γ: a resumed stage
     * reads its finished runs' candidates again). Returns how many were added.
     */
    static int addProductionCandidates(Path pool, List<Structure> cand) {
        List<Structure> all = Files.exists(pool) ? new ArrayList<>(Formats.read(pool)) : new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.function.Function<Structure, String> key = s -> s.info().get("prod_run") + "|" + s.info().get("prod_phase") + "|"
                + s.info().get("prod_step") + "|" + String.format(Locale.ROOT, "%.9g", ((Number) s.info().get("prod_gamma")).doubleValue());
        for (Structure s : all) seen.add(key.apply(s));
        int added = 0;
        for (Structure s : cand) if (seen.add(key.apply(s))) { all.add(s); added++; }
        if (added > 0) Formats.write(pool, all);
        return added;
    }

    /**
     * The MTP's extrapolation watch of the production runs: its grader set-up (the final MTP and the MaxVol active set of
     * the final training set, as the active-learning samplers grade) and the thresholds.
     */
    record GammaWatch(org.scalebridge.potential.mtp.MtpModel model, int[] typeToZ, org.scalebridge.potential.mtp.MtpActiveSet set,
            double select, double stop, int every, String potential) {
        org.scalebridge.learn.GammaMonitor monitor(String run, double t, double x) {
            MtpPotential gp = new MtpPotential(model.copy(), typeToZ); // its own instance: grading moves its neighbour list
            return new org.scalebridge.learn.GammaMonitor(new org.scalebridge.potential.mtp.MtpGrader(gp, set), select, stop, run, t, x, potential);
        }
    }

    static ObjectNode production(PipelineConfig pc, Path dir, Path structDir, Stages.Model pot, List<String> outputs, Progress pr) {
        ConfigReader c = pc.stage("production");
        c.rejectUnknown("temperatures", "x", "steps", "equilibration", "timestep_fs", "every", "pressure_bar", "constant_pressure",
                "gamma_every", "gamma_select", "gamma_stop", "on_extrapolation", "beyond_active_learning");
        double[] ts = c.positives("temperatures", new double[] {600, 800, 1000});
        double[] xs = c.reals("x", new double[] {1.0, 1.5});
        int steps = c.integer("steps", 4000, 10, Integer.MAX_VALUE), eq = c.integer("equilibration", 500, 0, Integer.MAX_VALUE);
        double dtFs = c.positive("timestep_fs", 1.0);
        int every = c.integer("every", 20, 1, Integer.MAX_VALUE);
        // the active learning's sampler thresholds by default (paper: 2 < γ ≤ 10 candidate, γ > 10 stop), graded every
        // gamma_every steps
        LearnConfig lc = pc.potential.equals("mtp") ? Stages.learnConfig(pc) : null;
        int gEvery = c.integer("gamma_every", 100, 1, Integer.MAX_VALUE);
        double gSelect = c.real("gamma_select", lc != null ? lc.gammaSelect : 2.0, 1.0, 1e9);
        double gStop = c.real("gamma_stop", lc != null ? lc.gammaStop : 10.0, 1.0, 1e12);
        if (!(gStop > gSelect)) throw c.error("gamma_stop", "must exceed gamma_select (" + gSelect + ")");
        // "stop-run": an extrapolating or diverging run stops, is recorded as stopped and the stage goes on (the
        // diffusion stage reports it unusable); "fail": the stage fails at the first such run
        String onExt = c.choice("on_extrapolation", "stop-run", "stop-run", "fail");
        String beyond = c.choice("beyond_active_learning", "warn", "warn", "refuse");
        // the structures stage's cells are the builder's (the paper's DFT lattice), not the potential's own density:
        // the surrogate sits at ~+4 GPa in the x = 1 rhombohedral cell (V 855 vs ~1,080 Å³ at 0 bar), which cages the
        // Na. So the equilibration runs at constant pressure and production (NVT, for the MSD) at its mean volume.
        boolean npt = c.bool("constant_pressure", true);
        double pBar = c.real("pressure_bar", 1.0, -1e5, 1e6);
        if (npt && eq < 200) throw c.error("equilibration", "constant-pressure equilibration needs ≥ 200 steps for the volume to relax (got " + eq
                + "); set constant_pressure = false to keep the structures' cells");
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        ArrayNode warnings = sum.putArray("warnings");
        GammaWatch watch = null;
        if (pc.potential.equals("mtp")) {
            Path alDir = dir.resolveSibling(Pipeline.Stage.ACTIVE_LEARNING.folder);
            // production conditions the active learning never sampled: the MTP extrapolates there
            double tMax = lc.maxSamplingTemperature();
            List<String> out = new ArrayList<>();
            for (double t : ts) if (t > tMax) out.add(String.format(Locale.ROOT, "T = %.0f K", t));
            for (double x : xs) {
                boolean near = false;
                for (double cx : lc.canonicalX) near |= Math.abs(cx - x) < 1e-6;
                if (!near) out.add(String.format(Locale.ROOT, "x = %.3g (not among canonical_x %s)", x, java.util.Arrays.toString(lc.canonicalX)));
            }
            if (!out.isEmpty()) {
                String w = String.format(Locale.ROOT, "production visits conditions the active learning did not sample: %s (its samplers reach %.0f K; "
                        + "%s). The MTP may extrapolate there; add them to %s [sampling] (temperatures / canonical_x / canonical_temperatures)",
                        String.join(", ", out), tMax, lc.canonicalX.length == 0 ? "no fixed-N samplers" : "fixed-N samplers at x = "
                                + java.util.Arrays.toString(lc.canonicalX) + ", T = " + java.util.Arrays.toString(lc.canonicalTemperatures),
                        lc.source.getFileName());
                if (beyond.equals("refuse")) throw c.error("beyond_active_learning", "refused: " + w);
                pr.log("WARNING: " + w);
                warnings.add(w);
            }
            var model = MtpFormat.read(alDir.resolve("final.mtp"));
            List<Structure> data = Formats.read(alDir.resolve("dataset.extxyz"));
            var set = ActiveLearning.activeSet(lc, model, data);
            watch = new GammaWatch(model, lc.typeToZ, set, gSelect, gStop, gEvery, Pipeline.Stage.ACTIVE_LEARNING.folder + "/final.mtp");
            sum.put("gamma_select", gSelect).put("gamma_stop", gStop).put("gamma_every", gEvery).put("on_extrapolation", onExt);
        } else {
            sum.put("gamma", "not graded: potential = " + pc.potential + " (no MTP)");
        }
        ArrayNode runs = sum.putArray("runs");
        ArrayNode stops = sum.putArray("stopped_runs");
        int k = 0, nCand = 0;
        List<Structure> allCand = new ArrayList<>();
        for (double x : xs) {
            Path sf = structDir.resolve(String.format(Locale.ROOT, "pba-x%.3f.extxyz", x));
            if (!Files.exists(sf)) throw c.error("x", "x = " + x + " is not among the structures stage's x values");
            for (double t : ts) {
                if (pr.isCancelled()) return null;
                String name = String.format(Locale.ROOT, "md-x%.3f-T%.0f", x, t);
                Path traj = dir.resolve(name + ".extxyz"), done = dir.resolve(name + ".json"), candFile = dir.resolve(name + "-candidates.extxyz");
                if (!Files.exists(done)) { // finished (or stopped) runs are kept when the stage is resumed
                    Structure s = Formats.readFirst(sf);
                    s.ensureVelocities();
                    MdSystem sys = new MdSystem(s, pot.build().apply(s), dtFs * 1e-3);
                    Rng rng = new Rng(pc.seed).split(7000 + k);
                    Velocities.maxwellBoltzmann(sys, t, rng);
                    org.scalebridge.learn.GammaMonitor gm = watch == null ? null : watch.monitor(dir.getFileName() + "/" + name, t, x);
                    ObjectNode o = StageRecord.JSON.createObjectNode();
                    o.put("x", x).put("temperature_K", t).put("steps", steps).put("timestep_fs", dtFs).put("every", every).put("atoms", s.size());
                    String stop = null, phase = "equilibration";
                    long stopStep = -1;
                    try {
                        // equilibrate with Langevin, then sample with a Nosé–Hoover chain (deterministic dynamics for the MSD);
                        // both guarded (the thermostat target is the guard's reference) and graded
                        // (at constant pressure by default; production runs NVT at the equilibration's mean volume)
                        double volume = equilibrate(sys, t, eq, npt ? pBar : Double.NaN, rng, gm == null ? null : gm.phase("equilibration"), gEvery);
                        o.put("volume_A3", volume).put("initial_volume_A3", Formats.readFirst(sf).cell().volume());
                        if (npt) o.put("equilibration_pressure_bar", pBar);
                        sys.setStep(0);
                        phase = "production";
                        try { Files.deleteIfExists(traj); } catch (IOException e) { throw new UncheckedIOException(e); }
                        MdRun run = new MdRun(sys, new NoseHooverNvt(t, 0.1, 3)).trajectoryEvery(every).trajectory(traj);
                        if (gm != null) run.monitor(gEvery, gm.phase("production"));
                        double[] acc = new double[3]; // Σ U, Σ T, samples over the production's thermo samples (every 100 steps)
                        run.listener(th -> { acc[0] += th.potential(); acc[1] += th.temperature(); acc[2]++; });
                        var last = run.runUntil(steps);
                        o.put("final_temperature_K", last.temperature())
                                .put("mean_temperature_K", acc[2] > 0 ? acc[1] / acc[2] : last.temperature())
                                .put("mean_potential_eV", acc[2] > 0 ? acc[0] / acc[2] : last.potential())
                                .put("final_potential_eV", last.potential());
                    } catch (org.scalebridge.learn.GammaMonitor.ExtrapolationException e) {
                        stop = e.getMessage();
                        stopStep = e.step();
                        o.put("stop_reason", "gamma");
                    } catch (org.scalebridge.md.DivergenceException e) {
                        stop = String.format(Locale.ROOT, "run %s/%s diverged at %s step %d: %s", dir.getFileName(), name, phase, e.step(), e.getMessage());
                        stopStep = e.step();
                        o.put("stop_reason", "diverged");
                    }
                    if (stop != null) o.put("stop_phase", phase);
                    if (gm != null) {
                        o.put("gamma_max", gm.maxGamma()).put("gamma_max_step", gm.maxGammaStep()).put("gamma_checks", gm.graded())
                                .put("candidates", gm.candidates().size());
                        AtomicFiles.writeString(dir.resolve(name + "-gamma.csv"), "phase,step,gamma\n" + gm.trace());
                        if (!gm.candidates().isEmpty()) Formats.write(candFile, gm.candidates());
                    }
                    if (stop != null) {
                        o.put("stopped", stop).put("stop_step", stopStep);
                        pr.log("PRODUCTION RUN STOPPED: " + stop);
                        if (onExt.equals("fail")) {
                            Stages.writeJson(done, o); // a rerun with other settings starts afresh (inputs changed), with the same ones resumes
                            throw new ScaleBridgeException(stop + " (on_extrapolation = \"fail\")");
                        }
                    }
                    Stages.writeJson(done, o);
                }
                outputs.add(name + ".json");
                if (Files.exists(traj)) outputs.add(name + ".extxyz");
                if (Files.exists(dir.resolve(name + "-gamma.csv"))) outputs.add(name + "-gamma.csv");
                ObjectNode r = Stages.readJson(done);
                if (Files.exists(candFile)) {
                    outputs.add(name + "-candidates.extxyz");
                    allCand.addAll(Formats.read(candFile));
                }
                nCand += r.path("candidates").asInt(0);
                if (r.has("stopped")) stops.addObject().put("run", name).put("step", r.path("stop_step").asLong())
                        .put("reason", r.path("stop_reason").asText()).put("message", r.get("stopped").asText());
                runs.add(r);
                pr.update(++k, (long) xs.length * ts.length, "production " + name);
            }
        }
        if (!allCand.isEmpty()) { // every run's candidates in one file for the training set, with provenance per configuration
            Formats.write(dir.resolve("candidates.extxyz"), allCand);
            outputs.add("candidates.extxyz");
            if (usesProductionCandidates(pc)) {
                int added = addProductionCandidates(pc.project.resolve(PRODUCTION_CANDIDATES), allCand);
                sum.put("candidates_added_to_project", added);
                if (added > 0) pr.log(String.format(Locale.ROOT, "%d new γ candidates are added to the project's pool %s: when a run was stopped, the "
                        + "active learning continues with them (then production reruns); [active_learning] production_candidates = false turns this off",
                        added, PRODUCTION_CANDIDATES));
            }
        }
        sum.put("candidates", nCand).put("stopped", stops.size());
        if (stops.size() > 0)
            pr.log(String.format(Locale.ROOT, "WARNING: %d of %d production runs stopped (listed in stopped_runs; the diffusion stage reports them unusable)",
                    stops.size(), k));
        return sum;
    }

    /**
     * Langevin equilibration of {@code steps} steps at {@code t}; with a finite {@code pressureBar} under stochastic
     * cell rescaling, after which the cell is scaled (affinely, with the positions) to the mean volume of the second
     * half of the equilibration. Returns the volume production runs at (Å³).
     */
    static double equilibrate(MdSystem sys, double t, int steps, double pressureBar, Rng rng) {
        return equilibrate(sys, t, steps, pressureBar, rng, null, 1);
    }

    /**
     * {@link #equilibrate(MdSystem, double, int, double, Rng)} under the default divergence guard (its reference the
     * target {@code t}: a collapse, a blow-up or an energy jump stops it with {@link org.scalebridge.md.DivergenceException})
     * and, when {@code monitor} is not null, checked by it every {@code monitorEvery} steps (the MTP's γ).
     */
    static double equilibrate(MdSystem sys, double t, int steps, double pressureBar, Rng rng, MdRun.StepMonitor monitor, int monitorEvery) {
        boolean npt = !Double.isNaN(pressureBar);
        org.scalebridge.md.Integrator integ = new LangevinBaoab(t, 0.1, rng.split(1));
        // fully flexible cell: the builder's cell is the paper's DFT lattice, whose shape (e.g. the rhombohedral angle)
        // is not this potential's; an isotropic barostat would keep that shape and its stress
        if (npt) integ = org.scalebridge.md.StochasticCellRescaling.flexibleForEquilibration(integ, t, pressureBar, rng.split(2));
        org.scalebridge.md.DivergenceGuard guard = org.scalebridge.md.DivergenceGuard.defaults();
        guard.setTargetTemperature(t);
        sys.setVirialEveryStep(npt);
        integ.setup(sys);
        sys.computeForces();
        guard.check(sys, true);
        if (monitor != null) monitor.check(sys);
        double[] hSum = new double[9];
        int hn = 0;
        for (int i = 0; i < steps; i++) {
            integ.step(sys);
            sys.setStep(sys.step() + 1); // the barostat acts on its step interval
            guard.check(sys, sys.step() % guard.every() == 0);
            if (monitor != null && sys.step() % monitorEvery == 0) monitor.check(sys);
            if (npt && i >= steps / 2) {
                double[] h = sys.structure().cell().matrix();
                for (int k = 0; k < 9; k++) hSum[k] += h[k];
                hn++;
            }
        }
        Structure s = sys.structure();
        if (npt && hn > 0) {
            // sample at the mean cell of the second half: every atom keeps its fractional coordinates
            for (int k = 0; k < 9; k++) hSum[k] /= hn;
            org.scalebridge.structure.Cell old = s.cell(), mean = org.scalebridge.structure.Cell.ofRowMajor(hSum, old.pbc());
            double[] r = s.positions(), f = new double[3], q = new double[3];
            for (int i = 0, n = s.size(); i < n; i++) {
                q[0] = r[3 * i]; q[1] = r[3 * i + 1]; q[2] = r[3 * i + 2];
                old.toFractional(q, f);
                mean.toCartesian(f, q);
                r[3 * i] = q[0]; r[3 * i + 1] = q[1]; r[3 * i + 2] = q[2];
            }
            s.setCell(mean);
            sys.setVirialEveryStep(false);
        }
        // Langevin does not conserve the total momentum: a drifting crystal would pass for Na diffusion in the MSD
        org.scalebridge.md.Velocities.removeDrift(sys);
        sys.computeForces();
        if (!Double.isFinite(s.cell().volume()))
            throw new ScaleBridgeException("03-production: the equilibration at " + t + " K left a non-finite cell volume");
        return s.cell().volume();
    }
}
