package org.scalebridge.ui.run;

import java.util.concurrent.atomic.AtomicLong;
import org.scalebridge.mc.MuScan;

/**
 * Live data of a μ(N) scan for the run pane, fed by {@link MuScan.Observer} on the scan's worker threads: one
 * {@link TraceBuffer} per target (energy, volume and N every cycle; read min/max-decimated like the run traces) and,
 * per finished target, ⟨N⟩ ± se and μ ± se (paper Eq. 17).
 */
public final class ScanTraces implements MuScan.Observer {
    /** Series of each target's trace buffer. */
    public static final int ENERGY = 0, VOLUME = 1, N = 2;
    private final double[] targets;
    private final TraceBuffer[] traces;
    private final double[][] points;
    private final AtomicLong version = new AtomicLong();
    private int completed;

    public ScanTraces(double[] targets) {
        this.targets = targets.clone();
        traces = new TraceBuffer[targets.length];
        for (int k = 0; k < targets.length; k++) traces[k] = new TraceBuffer();
        points = new double[targets.length][];
    }

    @Override
    public void cycle(int k, double target, long cycle, int n, double volume, double energy) {
        traces[k].add(cycle, energy, volume, n);
        version.incrementAndGet();
    }

    @Override
    public void completed(int k, MuScan.RunResult r) {
        synchronized (this) {
            points[k] = new double[] {r.meanN(), r.seN(), r.mu(), r.seMu()};
            completed++;
        }
        version.incrementAndGet();
    }

    public int size() { return targets.length; }

    public double target(int k) { return targets[k]; }

    public TraceBuffer trace(int k) { return traces[k]; }

    /** {⟨N⟩, se_N, μ (eV), se_μ} of a finished target, or null while it runs. */
    public synchronized double[] point(int k) { return points[k] == null ? null : points[k].clone(); }

    public synchronized int completed() { return completed; }

    /** Increases on every sample and completion (cheap change check for the UI timer). */
    public long version() { return version.get(); }
}
