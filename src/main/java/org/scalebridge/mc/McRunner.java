package org.scalebridge.mc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.md.Integrator;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Runs a {@link McConfig} headless (CLI and batch): a GCMC or hybrid GCMC–MD run with a streamed CSV trace,
 * checkpoints and a JSON summary, or a μ(N) scan with per-run traces, a μ(N) CSV and a JSON summary.
 */
public final class McRunner {
    private McRunner() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Output file names inside the output directory. */
    public static final String TRACE = "trace.csv", RESULT = "result.json", CHECKPOINT = "run.ckpt",
            MU_CSV = "mu_of_n.csv";

    /**
     * Lets a caller watch a run live (the studio's run pane): {@link #started} is called once the engine exists and
     * before the first cycle (add {@link GcmcListener}s there), {@link #mdSystem} once the MD system of a hybrid run
     * exists.
     */
    public interface RunObserver {
        default void started(Gcmc mc) {}
        default void mdSystem(MdSystem system) {}
    }

    /** A GCMC or hybrid run; resumes from the checkpoint in the output directory when {@code resume}. */
    public static ObjectNode runGcmc(McConfig cfg, boolean resume, Progress progress) {
        return runGcmc(cfg, resume, progress, null);
    }

    /** As {@link #runGcmc(McConfig, boolean, Progress)}, reporting to an observer (may be null). */
    public static ObjectNode runGcmc(McConfig cfg, boolean resume, Progress progress, RunObserver observer) {
        Progress pr = progress == null ? Progress.NONE : progress;
        Path out = cfg.outputDir;
        Path ck = out.resolve(CHECKPOINT), trace = out.resolve(TRACE);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + out + ": " + e.getMessage(), e);
        }
        Structure s;
        Gcmc mc;
        Potential pot;
        GcmcCheckpoint.Loaded loaded = null;
        if (resume) {
            if (!Files.exists(ck)) throw new org.scalebridge.core.ScaleBridgeException("nothing to resume: " + ck + " does not exist");
            loaded = GcmcCheckpoint.read(ck);
            s = loaded.structure();
            pot = cfg.potential.build(s);
            mc = new Gcmc(s, pot, cfg.temperature, cfg.speciesFor(s), cfg.region, cfg.maxDisplacement, cfg.overlapCutoff,
                    Rng.fromState(loaded.state().rng()));
            mc.restoreState(loaded.state());
            pr.log("resumed from " + ck + " at cycle " + mc.cycle());
        } else {
            s = cfg.buildStructure();
            if (cfg.md != null) s.ensureVelocities();
            pot = cfg.potential.build(s);
            mc = new Gcmc(s, pot, cfg.temperature, cfg.speciesFor(s), cfg.region, cfg.maxDisplacement, cfg.overlapCutoff,
                    new Rng(cfg.seed));
        }
        mc.setTargetAcceptance(cfg.targetAcceptance);
        mc.setInsertionProposal(cfg.proposalFor(s));
        // NCMC: a second instance of the potential evaluates U_N along the switching trajectories
        NcmcExchange nx = cfg.ncmc == null ? null : mc.setNcmc(cfg.ncmc, cfg.potential.build(s.copy()));
        if (observer != null) observer.started(mc);
        long t0 = System.nanoTime();
        int nsp = cfg.species.size();
        SampleCollector col = new SampleCollector(nsp, cfg.equilibrationCycles);
        mc.addListener(col);
        if (cfg.md != null) {
            MdSystem sys = new MdSystem(s, pot, cfg.md.timestepPs());
            if (observer != null) observer.mdSystem(sys);
            Integrator integ = cfg.md.build(cfg.temperature, new Rng(cfg.seed).split(7));
            HybridGcmcMd h = new HybridGcmcMd(mc, sys, integ, cfg.md.steps(), cfg.exchanges, cfg.translations)
                    .traceCsv(trace).checkpoint(ck, cfg.checkpointEvery).progress(pr);
            if (loaded != null) {
                h.restoreMd(loaded.extra());
                h.resumed();
            } else {
                Velocities.maxwellBoltzmann(sys, cfg.temperature, new Rng(cfg.seed).split(3));
            }
            if (mc.cycle() < cfg.equilibrationCycles) {
                mc.setAdapting(true);
                h.runUntil(cfg.equilibrationCycles);
            }
            if (!pr.isCancelled()) {
                mc.setAdapting(false);
                h.runUntil(cfg.cycles);
            }
            h.writeCheckpoint(ck);
        } else {
            try (BufferedWriter w = openTrace(trace, loaded != null, cfg)) {
                GcmcListener line = (cycle, counts, energy, volume, stats) -> writeMcLine(w, cycle, counts, energy, volume, stats, mc);
                mc.addListener(line);
                while (mc.cycle() < cfg.cycles) {
                    if (pr.isCancelled()) { pr.log("GCMC cancelled at cycle " + mc.cycle()); break; }
                    mc.setAdapting(mc.cycle() < cfg.equilibrationCycles);
                    if (nx != null) nx.refreshVelocities(); // no MD: a Gibbs step from Maxwell–Boltzmann per cycle
                    mc.cycle(cfg.exchanges, cfg.translations);
                    if (cfg.checkpointEvery > 0 && mc.cycle() % cfg.checkpointEvery == 0)
                        GcmcCheckpoint.write(ck, s, mc.engineState(), null);
                    if (mc.cycle() % 10 == 0 || mc.cycle() == cfg.cycles)
                        pr.update(mc.cycle(), cfg.cycles, String.format(Locale.ROOT, "cycle %d: N = %d, U = %.5f eV",
                                mc.cycle(), s.size(), mc.energy()));
                }
                GcmcCheckpoint.write(ck, s, mc.engineState(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + trace + ": " + e.getMessage(), e);
            }
        }
        double secs = (System.nanoTime() - t0) * 1e-9;
        ObjectNode r = JSON.createObjectNode();
        r.put("kind", cfg.md != null ? "hybrid-gcmc-md" : "gcmc");
        r.put("config", cfg.source);
        r.put("temperature_K", cfg.temperature);
        r.put("seed", cfg.seed);
        r.put("potential", pot.name());
        r.put("cycles", mc.cycle());
        r.put("equilibration_cycles", cfg.equilibrationCycles);
        r.put("production_samples", col.count());
        ArrayNode sp = r.putArray("species");
        for (int k = 0; k < nsp; k++) {
            ExchangeSpecies e = mc.species().get(k);
            ObjectNode o = sp.addObject();
            o.put("atomic_number", e.atomicNumber());
            o.put("charge_e", e.charge());
            o.put("mu_eV", e.mu());
            o.put("thermal_wavelength_A", e.thermalWavelength(cfg.temperature));
            o.put("activity_per_A3", e.activity(cfg.temperature));
            o.put("mean_N", col.meanN(k));
            o.put("se_N_20_blocks", col.seN(k));
            MoveStats st = mc.stats();
            o.put("insertion_attempts", st.attempts(MoveStats.Type.INSERTION, k));
            o.put("insertion_accepted", st.accepts(MoveStats.Type.INSERTION, k));
            o.put("deletion_attempts", st.attempts(MoveStats.Type.DELETION, k));
            o.put("deletion_accepted", st.accepts(MoveStats.Type.DELETION, k));
            o.put("translation_attempts", st.attempts(MoveStats.Type.TRANSLATION, k));
            o.put("translation_accepted", st.accepts(MoveStats.Type.TRANSLATION, k));
        }
        r.put("mean_energy_eV", col.meanE());
        r.put("mean_volume_A3", col.meanV());
        r.put("final_energy_eV", mc.energy());
        r.put("final_atoms", s.size());
        r.put("overlap_rejections", mc.stats().overlapRejections());
        if (nx != null) putNcmc(r, nx);
        r.put("max_displacement_A", mc.maxDisplacement());
        r.put("runtime_s", secs);
        r.put("trace", trace.toString());
        r.put("checkpoint", ck.toString());
        writeJson(out.resolve(RESULT), r);
        return r;
    }

    /** The NCMC settings and statistics of a run, as an "ncmc" object. */
    static void putNcmc(ObjectNode r, NcmcExchange nx) {
        ObjectNode o = r.putObject("ncmc");
        NcmcExchange.Settings c = nx.settings();
        o.put("fraction", c.fraction());
        o.put("switches", c.switches());
        o.put("steps_per_switch", c.stepsPerSwitch());
        o.put("timestep_fs", c.dt() * 1e3);
        o.put("switching_time_ps", c.switchingTime());
        o.put("ghost", c.ghostMoves() ? "moving" : "held");
        o.put("insertion_attempts", nx.insertionAttempts());
        o.put("insertion_accepted", nx.insertionAccepts());
        o.put("deletion_attempts", nx.deletionAttempts());
        o.put("deletion_accepted", nx.deletionAccepts());
        o.put("acceptance", nx.acceptance());
        o.put("mean_insertion_work_eV", nx.meanInsertionWork());
        o.put("mean_deletion_work_eV", nx.meanDeletionWork());
        o.put("mean_abs_shadow_work_eV", nx.meanAbsShadowWork());
        o.put("force_evaluations", nx.forceEvaluations());
    }

    /** A μ(N) scan: one biased run per target, in parallel. */
    public static ObjectNode runMuScan(McConfig cfg, Progress progress) {
        return runMuScan(cfg, progress, null);
    }

    /** As {@link #runMuScan(McConfig, Progress)}, reporting every cycle and finished target to an observer (may be null). */
    public static ObjectNode runMuScan(McConfig cfg, Progress progress, MuScan.Observer observer) {
        if (cfg.scan == null) throw org.scalebridge.core.InputException.field(cfg.source, "scan", "missing section [scan]");
        McConfig.ScanSpec sc = cfg.scan;
        MuScan.Settings st = new MuScan.Settings(sc.phi(), sc.phiPerTarget(), sc.targets(), cfg.scanPressureEvPerA3(),
                sc.chunkCycles(), sc.maxCycles(), sc.minProductionSamples(), sc.sampleEvery(), sc.resamples(),
                sc.threads(), cfg.seed, sc.pilotCycles(), sc.muBiasIterations());
        long t0 = System.nanoTime();
        List<MuScan.RunResult> rs = MuScan.run(st, (k, target, rng) -> {
            Structure s = cfg.buildStructure();
            Potential pot = cfg.potential.build(s);
            if (cfg.md != null) s.ensureVelocities();
            Gcmc mc = new Gcmc(s, pot, cfg.temperature, cfg.speciesFor(s), cfg.region, cfg.maxDisplacement,
                    cfg.overlapCutoff, rng);
            mc.setTargetAcceptance(cfg.targetAcceptance);
            mc.setInsertionProposal(cfg.proposalFor(s));
            mc.setBias(new HarmonicBias(sc.biasSpecies(), sc.phi(k), target));
            NcmcExchange nx = cfg.ncmc == null ? null : mc.setNcmc(cfg.ncmc, cfg.potential.build(s.copy()));
            if (cfg.md == null) {
                return new MuScan.Run(mc, m -> {
                    m.setAdapting(m.cycle() < cfg.equilibrationCycles);
                    if (nx != null) nx.refreshVelocities(); // no MD: a Gibbs step from Maxwell–Boltzmann per cycle
                    m.cycle(cfg.exchanges, cfg.translations);
                });
            }
            MdSystem sys = new MdSystem(s, pot, cfg.md.timestepPs());
            Velocities.maxwellBoltzmann(sys, cfg.temperature, rng.split(3));
            HybridGcmcMd h = new HybridGcmcMd(mc, sys, cfg.md.build(cfg.temperature, rng.split(7)), cfg.md.steps(),
                    cfg.exchanges, cfg.translations);
            return new MuScan.Run(mc, m -> {
                m.setAdapting(m.cycle() < cfg.equilibrationCycles);
                h.cycle();
            });
        }, progress, observer);
        double secs = (System.nanoTime() - t0) * 1e-9;
        Path out = cfg.outputDir;
        AtomicFiles.writeText(out.resolve(MU_CSV), w -> {
            w.write("target,phi_eV,mean_N,se_N,mu_eV,se_mu_eV,mu_bias_eV,mean_volume_A3,dV_dN_A3,equilibration_sample,cycles,"
                    + "pilot_cycles,acc_insertion,acc_deletion,acc_translation,accepted_exchanges,distinct_N,converged,runtime_s\n");
            for (MuScan.RunResult r : rs) {
                w.write(String.format(Locale.ROOT, "%.6g,%.6g,%.8g,%.6g,%.10g,%.6g,%.10g,%.10g,%.6g,%d,%d,%d,%.6g,%.6g,%.6g,%d,%d,%b,%.4g%n",
                        r.target(), r.phi(), r.meanN(), r.seN(), r.mu(), r.seMu(), r.muBias(), r.meanV(), r.dVdN(),
                        r.equilibrationSample(), r.cycles(), r.pilotCycles(), r.accInsertion(), r.accDeletion(),
                        r.accTranslation(), r.acceptedExchanges(), r.distinctN(), r.converged(), r.seconds()));
            }
        });
        ObjectNode j = JSON.createObjectNode();
        j.put("kind", "mu-scan");
        j.put("config", cfg.source);
        j.put("estimator", "mu(<N>) = mu_bias + P dV/dN - 2 phi (<N> - N_t)  (paper Eq. 17)");
        j.put("equilibration_detector", "MSER-5 on N(t); run extended in chunks until the truncation is in the first half, "
                + "min_production_samples remain and >= " + MuScan.MIN_ACCEPTED_EXCHANGES + " exchanges were accepted; "
                + "converged = detector satisfied, non-zero exchange acceptance and N(t) visiting more than one value");
        j.put("resampling", "moving-block bootstrap of the production N(t) and V(t)");
        if (sc.phiPerTarget() == null) j.put("phi_eV", sc.phi());
        j.put("pilot_cycles", sc.pilotCycles());
        j.put("mu_bias_iterations", sc.muBiasIterations());
        j.put("pressure_eV_per_A3", cfg.scanPressureEvPerA3());
        j.put("runtime_s", secs);
        ArrayNode arr = j.putArray("runs");
        for (int k = 0; k < rs.size(); k++) {
            MuScan.RunResult r = rs.get(k);
            String name = String.format(Locale.ROOT, "run_%03d.csv", k);
            AtomicFiles.writeText(out.resolve(name), w -> {
                w.write("sample,N,volume_A3,energy_eV\n");
                for (int i = 0; i < r.n().length; i++)
                    w.write(String.format(Locale.ROOT, "%d,%.0f,%.10g,%.10g%n", i, r.n()[i], r.v()[i], r.e()[i]));
            });
            ObjectNode o = arr.addObject();
            o.put("target", r.target());
            o.put("phi_eV", r.phi());
            o.put("mu_bias_eV", r.muBias());
            o.put("mu_bias_start_eV", r.muBiasStart());
            o.put("mean_N", r.meanN());
            o.put("se_N", r.seN());
            o.put("mu_eV", r.mu());
            o.put("se_mu_eV", r.seMu());
            o.put("mean_volume_A3", r.meanV());
            o.put("dV_dN_A3", r.dVdN());
            o.put("equilibration_sample", r.equilibrationSample());
            o.put("cycles", r.cycles());
            o.put("pilot_cycles", r.pilotCycles());
            o.put("acc_insertion", r.accInsertion());
            o.put("acc_deletion", r.accDeletion());
            o.put("accepted_exchanges", r.acceptedExchanges());
            o.put("distinct_N", r.distinctN());
            o.put("converged", r.converged());
            o.put("runtime_s", r.seconds());
            o.put("trace", name);
        }
        writeJson(out.resolve(RESULT), j);
        return j;
    }

    private static void writeJson(Path p, ObjectNode n) {
        AtomicFiles.writeText(p, w -> w.write(JSON.writeValueAsString(n)));
    }

    private static BufferedWriter openTrace(Path trace, boolean append, McConfig cfg) throws IOException {
        Path dir = trace.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        boolean exists = Files.exists(trace) && Files.size(trace) > 0;
        BufferedWriter w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        if (!append || !exists) {
            StringBuilder b = new StringBuilder("cycle");
            for (ExchangeSpecies sp : cfg.species) b.append(",N_Z").append(sp.atomicNumber());
            b.append(",energy_eV,volume_A3,acc_insertion,acc_deletion,acc_translation,max_displacement_A");
            w.write(b.toString());
            w.newLine();
        }
        return w;
    }

    private static void writeMcLine(BufferedWriter w, long cycle, int[] counts, double e, double v, MoveStats st, Gcmc mc) {
        try {
            StringBuilder b = new StringBuilder().append(cycle);
            for (int c : counts) b.append(',').append(c);
            b.append(String.format(Locale.ROOT, ",%.10g,%.10g,%.6g,%.6g,%.6g,%.6g", e, v,
                    st.acceptance(MoveStats.Type.INSERTION), st.acceptance(MoveStats.Type.DELETION),
                    st.acceptance(MoveStats.Type.TRANSLATION), mc.maxDisplacement()));
            w.write(b.toString());
            w.newLine();
            w.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Accumulates production samples (cycles after equilibration) for the summary. */
    static final class SampleCollector implements GcmcListener {
        private final int equil;
        private final MuScan.DoubleList e = new MuScan.DoubleList(), v = new MuScan.DoubleList();
        private final MuScan.DoubleList[] n;

        SampleCollector(int species, int equil) {
            this.equil = equil;
            n = new MuScan.DoubleList[species];
            for (int k = 0; k < species; k++) n[k] = new MuScan.DoubleList();
        }

        @Override
        public void sample(long cycle, int[] counts, double energy, double volume, MoveStats stats) {
            if (cycle <= equil) return;
            for (int k = 0; k < counts.length; k++) n[k].add(counts[k]);
            e.add(energy);
            v.add(volume);
        }

        int count() { return e.size(); }
        double meanN(int k) { return n[k].size() == 0 ? Double.NaN : SeriesStatistics.mean(n[k].toArray()); }
        double seN(int k) {
            double[] a = n[k].toArray();
            return SeriesStatistics.blockStandardError(a, 0, a.length, 20);
        }
        double meanE() { return e.size() == 0 ? Double.NaN : SeriesStatistics.mean(e.toArray()); }
        double meanV() { return v.size() == 0 ? Double.NaN : SeriesStatistics.mean(v.toArray()); }
    }
}
