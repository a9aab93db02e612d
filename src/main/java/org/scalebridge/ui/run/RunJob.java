package org.scalebridge.ui.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Units;
import org.scalebridge.io.ExtXyzFormat;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.McConfig;
import org.scalebridge.mc.McRunner;
import org.scalebridge.mc.MoveStats;
import org.scalebridge.md.MdSystem;
import org.scalebridge.structure.Structure;

/**
 * Runs a GCMC or hybrid GCMC–MD configuration (the same {@link McConfig} TOML that {@code scalebridge gcmc} runs)
 * on the calling (worker) thread through {@link McRunner#runGcmc}, feeding a {@link TraceBuffer} every cycle. Every
 * {@code refreshSeconds} the live structure is appended to {@value #FRAMES} in the output folder (the viewer streams
 * it through an {@link org.scalebridge.io.FrameIndex}, so a long run's history is scrubbable without memory growth)
 * and a copy is handed to {@code liveStructure}. Pause blocks the run thread between cycles ({@link PauseGate});
 * Stop = cancel the Progress: the run ends cleanly at the next cycle and writes its checkpoint
 * ({@value McRunner#CHECKPOINT}), from which {@code resume} continues — the same files as the CLI, so either can
 * resume a run the other started (or that crashed: the last periodic checkpoint).
 */
public final class RunJob {
    /** Live frames written by studio runs (extended XYZ, appended). */
    public static final String FRAMES = "frames.extxyz";

    private RunJob() {}

    /** Returns the number of completed cycles. */
    public static long run(McConfig cfg, boolean resume, Progress pr, TraceBuffer trace, Consumer<Structure> liveStructure) {
        return run(cfg, resume, pr, trace, liveStructure, 1.0, new PauseGate());
    }

    public static long run(McConfig cfg, boolean resume, Progress pr, TraceBuffer trace, Consumer<Structure> liveStructure,
                           double refreshSeconds, PauseGate gate) {
        Gcmc[] engine = new Gcmc[1];
        MdSystem[] md = new MdSystem[1];
        Path framesFile = cfg.outputDir.resolve(FRAMES);
        long refreshNs = (long) (Math.max(0.05, refreshSeconds) * 1e9);
        Writer[] frames = new Writer[1];
        McRunner.RunObserver observer = new McRunner.RunObserver() {
            private long lastLive;

            @Override
            public void started(Gcmc mc) {
                engine[0] = mc;
                try {
                    Files.createDirectories(cfg.outputDir);
                    frames[0] = Files.newBufferedWriter(framesFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not open " + framesFile + ": " + e.getMessage(), e);
                }
                mc.addListener((cycle, counts, energy, volume, stats) -> {
                    long acc = stats.accepts(MoveStats.Type.INSERTION) + stats.accepts(MoveStats.Type.DELETION)
                            + stats.accepts(MoveStats.Type.TRANSLATION);
                    long att = stats.attempts(MoveStats.Type.INSERTION) + stats.attempts(MoveStats.Type.DELETION)
                            + stats.attempts(MoveStats.Type.TRANSLATION);
                    MdSystem sys = md[0];
                    double t = sys == null ? cfg.temperature : sys.temperature();
                    double p = sys == null ? Double.NaN : sys.pressure() * Units.BAR_PER_EV_A3;
                    int nTot = 0;
                    for (int c : counts) nTot += c;
                    trace.add(cycle, energy, volume, nTot, t, p, att == 0 ? Double.NaN : (double) acc / att);
                    long now = System.nanoTime();
                    if (now - lastLive > refreshNs || cycle == 1) {
                        lastLive = now;
                        Structure copy = mc.structure().copy();
                        writeFrame(frames[0], copy, framesFile);
                        if (liveStructure != null) liveStructure.accept(copy);
                    }
                    gate.awaitIfPaused(pr, cycle);
                });
            }

            @Override
            public void mdSystem(MdSystem system) { md[0] = system; }
        };
        try {
            McRunner.runGcmc(cfg, resume, pr, observer);
            if (engine[0] != null) {
                Structure last = engine[0].structure().copy();
                writeFrame(frames[0], last, framesFile);
                if (liveStructure != null) liveStructure.accept(last);
            }
        } finally {
            if (frames[0] != null) try { frames[0].close(); } catch (IOException ignored) { }
        }
        return engine[0] == null ? 0 : engine[0].cycle();
    }

    private static void writeFrame(Writer w, Structure s, Path file) {
        if (w == null) return;
        try {
            ExtXyzFormat.writeFrame(w, s);
            w.flush();   // whole frames reach the file, so the viewer's index sees them
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pause for a run: the run thread waits between cycles while paused (no CPU), and wakes on resume or cancel. The
     * run's RNG and state are untouched, so a paused-and-resumed run gives the same numbers as an uninterrupted one.
     */
    public static final class PauseGate {
        private boolean paused;
        private volatile long pausedAt = -1;

        public synchronized void pause() { paused = true; }

        public synchronized void resume() { paused = false; notifyAll(); }

        public synchronized boolean isPaused() { return paused; }

        /** Cycle at which the run thread is waiting, or -1 while it runs. */
        public long waitingAt() { return pausedAt; }

        synchronized void awaitIfPaused(Progress pr, long cycle) {
            if (!paused) return;
            pr.log("paused at cycle " + cycle);
            pausedAt = cycle;
            try {
                while (paused && !pr.isCancelled()) wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pausedAt = -1;
            }
            if (!pr.isCancelled()) pr.log("resumed at cycle " + cycle);
        }
    }
}
