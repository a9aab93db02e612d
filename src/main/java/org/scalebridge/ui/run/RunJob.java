package org.scalebridge.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.core.Units;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.GcmcCheckpoint;
import org.scalebridge.mc.HybridGcmcMd;
import org.scalebridge.mc.McConfig;
import org.scalebridge.mc.McRunner;
import org.scalebridge.mc.MoveStats;
import org.scalebridge.md.Integrator;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Runs a GCMC or hybrid GCMC–MD configuration (the same {@link McConfig} TOML that {@code scalebridge gcmc} runs)
 * on the calling (worker) thread, feeding a {@link TraceBuffer} every cycle and handing a copy of the live structure
 * to {@code liveStructure} at most once a second. Stop = cancel the Progress: the run ends cleanly at the next cycle
 * and writes its checkpoint ({@value McRunner#CHECKPOINT}), from which {@code resume} continues — same files and
 * same engine calls as {@link McRunner#runGcmc}, so the CLI can resume a run started in the studio and vice versa.
 */
public final class RunJob {
    private RunJob() {}

    /** Returns the number of completed cycles. */
    public static long run(McConfig cfg, boolean resume, Progress pr, TraceBuffer trace, Consumer<Structure> liveStructure) {
        Path out = cfg.outputDir;
        Path ck = out.resolve(McRunner.CHECKPOINT), traceCsv = out.resolve(McRunner.TRACE);
        try { Files.createDirectories(out); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
        Structure s;
        Gcmc mc;
        Potential pot;
        GcmcCheckpoint.Loaded loaded = null;
        if (resume) {
            if (!Files.exists(ck)) throw new ScaleBridgeException("nothing to resume: " + ck + " does not exist");
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
        final Gcmc g = mc;
        final MdSystem[] sysRef = new MdSystem[1];
        long[] lastLive = {0};
        mc.addListener((cycle, counts, energy, volume, stats) -> {
            long acc = stats.accepts(MoveStats.Type.INSERTION) + stats.accepts(MoveStats.Type.DELETION) + stats.accepts(MoveStats.Type.TRANSLATION);
            long att = stats.attempts(MoveStats.Type.INSERTION) + stats.attempts(MoveStats.Type.DELETION) + stats.attempts(MoveStats.Type.TRANSLATION);
            MdSystem sys = sysRef[0];
            double t = sys == null ? cfg.temperature : sys.temperature();
            double p = sys == null ? Double.NaN : sys.pressure() * Units.BAR_PER_EV_A3;
            int nTot = 0;
            for (int c : counts) nTot += c;
            trace.add(cycle, energy, volume, nTot, t, p, att == 0 ? Double.NaN : (double) acc / att);
            long now = System.nanoTime();
            if (liveStructure != null && now - lastLive[0] > 1_000_000_000L) {
                lastLive[0] = now;
                liveStructure.accept(g.structure().copy());
            }
        });
        if (cfg.md != null) {
            MdSystem sys = new MdSystem(s, pot, cfg.md.timestepPs());
            sysRef[0] = sys;
            Integrator integ = cfg.md.build(cfg.temperature, new Rng(cfg.seed).split(7));
            HybridGcmcMd h = new HybridGcmcMd(mc, sys, integ, cfg.md.steps(), cfg.exchanges, cfg.translations)
                    .traceCsv(traceCsv).checkpoint(ck, cfg.checkpointEvery).progress(pr);
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
            while (mc.cycle() < cfg.cycles) {
                if (pr.isCancelled()) { pr.log("GCMC stopped at cycle " + mc.cycle() + "; checkpoint " + ck); break; }
                mc.setAdapting(mc.cycle() < cfg.equilibrationCycles);
                mc.cycle(cfg.exchanges, cfg.translations);
                if (cfg.checkpointEvery > 0 && mc.cycle() % cfg.checkpointEvery == 0) GcmcCheckpoint.write(ck, s, mc.engineState(), null);
                pr.update(mc.cycle(), cfg.cycles, String.format(java.util.Locale.ROOT, "cycle %d: N = %d, U = %.5f eV",
                        mc.cycle(), s.size(), mc.energy()));
            }
            GcmcCheckpoint.write(ck, s, mc.engineState(), null);
        }
        if (liveStructure != null) liveStructure.accept(s.copy());
        return mc.cycle();
    }
}
