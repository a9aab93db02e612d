package org.scalebridge.ui.run;

import java.util.function.Consumer;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Units;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.McConfig;
import org.scalebridge.mc.McRunner;
import org.scalebridge.mc.MoveStats;
import org.scalebridge.md.MdSystem;
import org.scalebridge.structure.Structure;

/**
 * Runs a GCMC or hybrid GCMC–MD configuration (the same {@link McConfig} TOML that {@code scalebridge gcmc} runs)
 * on the calling (worker) thread through {@link McRunner#runGcmc}, feeding a {@link TraceBuffer} every cycle and
 * handing a copy of the live structure to {@code liveStructure} at most once a second. Stop = cancel the Progress:
 * the run ends cleanly at the next cycle and writes its checkpoint ({@value McRunner#CHECKPOINT}), from which
 * {@code resume} continues — the same files as the CLI, so either can resume a run the other started.
 */
public final class RunJob {
    private RunJob() {}

    /** Returns the number of completed cycles. */
    public static long run(McConfig cfg, boolean resume, Progress pr, TraceBuffer trace, Consumer<Structure> liveStructure) {
        Gcmc[] engine = new Gcmc[1];
        MdSystem[] md = new MdSystem[1];
        McRunner.RunObserver observer = new McRunner.RunObserver() {
            private long lastLive;

            @Override
            public void started(Gcmc mc) {
                engine[0] = mc;
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
                    if (liveStructure != null && now - lastLive > 1_000_000_000L) {
                        lastLive = now;
                        liveStructure.accept(mc.structure().copy());
                    }
                });
            }

            @Override
            public void mdSystem(MdSystem system) { md[0] = system; }
        };
        McRunner.runGcmc(cfg, resume, pr, observer);
        if (liveStructure != null && engine[0] != null) liveStructure.accept(engine[0].structure().copy());
        return engine[0] == null ? 0 : engine[0].cycle();
    }
}
