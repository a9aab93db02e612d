package org.scalebridge.continuum;

import org.scalebridge.core.Progress;
import org.scalebridge.core.ScaleBridgeException;

/**
 * Runs a {@link Protocol} on a {@link P2dModel} with the {@link BdfIntegrator}: each step restarts the integrator
 * with consistent algebraic variables (current jumps are discontinuities), cut-offs are located as events, and the
 * state is sampled on a uniform output grid into a {@link P2dResult}.
 */
public final class P2dSimulation {
    private final P2dModel model;
    private double rtol = 1e-6, atol = 1e-8;
    private int maxOrder = 5;
    private double outputInterval = 10.0;
    private int mapEvery = 1;

    public P2dSimulation(P2dModel model) { this.model = model; }

    public P2dSimulation tolerances(double rtol, double atolFactor) { this.rtol = rtol; this.atol = atolFactor; return this; }
    public P2dSimulation maxOrder(int q) { this.maxOrder = q; return this; }
    /** Sampling interval of V, I, SOC, probes [s]. */
    public P2dSimulation outputInterval(double dt) { this.outputInterval = dt; return this; }
    /** Store the c(x, r), c_e(x), φ_e(x), j(x) maps every k-th output (0 = never). */
    public P2dSimulation mapEvery(int k) { this.mapEvery = k; return this; }

    public P2dModel model() { return model; }

    private BdfIntegrator bdf;
    private double bdfRtol, bdfAtol;
    private int bdfOrder;

    /** The integrator of the last run when the tolerances are unchanged (it keeps its probed Jacobian patterns and work
     *  arrays), else a new one. Runs of one simulation are sequential, as the model's work arrays require anyway. */
    private BdfIntegrator integrator() {
        if (bdf == null || bdfRtol != rtol || bdfAtol != atol || bdfOrder != maxOrder) {
            bdf = new BdfIntegrator(model, rtol, atol, maxOrder);
            bdfRtol = rtol; bdfAtol = atol; bdfOrder = maxOrder;
        } else bdf.resetStatistics();
        return bdf;
    }

    /** Runs the protocol from the uniform initial state of the parameter set. */
    public P2dResult run(Protocol protocol, Progress progress) {
        return run(protocol, null, progress);
    }

    /** Runs from a given state (null = the parameter set's uniform initial state). */
    public P2dResult run(Protocol protocol, double[] y0, Progress progress) {
        P2dParameters p = model.parameters();
        double oneC = p.oneCCurrent();
        double[] y = y0 != null ? y0.clone() : model.initialState(0.0);
        P2dResult res = new P2dResult(model, mapEvery);
        BdfIntegrator bdf = integrator();
        double t = 0;
        double tot = 0;
        for (Protocol.Step s : protocol.steps()) tot += s.duration;
        final double total = tot;
        double[] times = new double[0];
        int stepIndex = 0;
        for (Protocol.Step s : protocol.steps()) {
            if (progress != null && progress.isCancelled()) break;
            stepIndex++;
            final double tStart = t;
            Protocol.Step step = s;
            double iGuess;
            switch (s.kind) {
                case CURRENT: {
                    double i = Double.isNaN(s.currentDensity) ? s.value * oneC : s.currentDensity;
                    model.setCurrent(tt -> i);
                    iGuess = i;
                    break;
                }
                case REST: model.setCurrent(tt -> 0.0); iGuess = 0; break;
                case VOLTAGE: model.setVoltage(s.value); iGuess = y[model.currentIndex()]; break;
                default: model.setPower(s.value); iGuess = s.value / Math.max(0.1, model.voltage(y)); break;
            }
            y[model.currentIndex()] = iGuess;
            try {
                bdf.initialize(t, y, 0);
            } catch (BdfIntegrator.Failure f) {
                if (res.size() == 0) throw f; // nothing computed yet that could be kept
                res.fail(t, y, stopped(stepIndex, s, t, Double.NaN, f));
                break;
            }
            if (stepIndex == 1) res.record(0.0, bdf.state());
            double tEnd = t + s.duration;
            // output grid points strictly inside (t, tEnd]
            int k0 = (int) Math.floor(t / outputInterval + 1e-9) + 1;
            int k1 = (int) Math.floor(tEnd / outputInterval + 1e-9);
            times = new double[Math.max(0, k1 - k0 + 1)];
            for (int k = k0; k <= k1; k++) times[k - k0] = k * outputInterval;
            final double cl = s.currentLimit < 0 ? Math.abs(s.currentLimit) * oneC : s.currentLimit;
            BdfIntegrator.Event ev = (tt, yy) -> {
                double v = model.voltage(yy);
                double g = Math.min(v - step.vMin, step.vMax - v);
                if (step.kind == Protocol.Kind.VOLTAGE && cl > 0) g = Math.min(g, Math.abs(yy[model.currentIndex()]) - cl);
                return g;
            };
            if (ev.g(t, bdf.state()) <= 0) {
                if (progress != null) progress.log("step " + stepIndex + " (" + s.describe() + ") skipped: limit already reached");
                continue;
            }
            final int si = stepIndex;
            BdfIntegrator.Failure failure = null;
            try {
                bdf.advance(tEnd, times, 0, (tt, yy) -> {
                    res.record(tt, yy);
                    if (progress != null && progress.isCancelled()) bdf.requestStop();
                    if (progress != null) progress.update((long) tt, (long) total, String.format("step %d %s  t = %.1f s  V = %.4f V", si, step.describe(), tt, model.voltage(yy)));
                }, ev);
            } catch (BdfIntegrator.Failure f) { failure = f; }
            t = bdf.time(); // after a failure: the last accepted step, whose outputs are kept
            System.arraycopy(bdf.state(), 0, y, 0, y.length);
            if (failure != null) {
                res.fail(t, y, stopped(stepIndex, s, t, model.voltage(y), failure));
                res.addStepStats(bdf.statistics());
                break;
            }
            if (bdf.eventHit()) res.recordEnd(t, y, "step " + stepIndex + " (" + s.describe() + ") cut-off at t = " + String.format("%.2f", t) + " s");
            else res.recordEnd(t, y, null);
            res.addStepStats(bdf.statistics());
            if (t < tStart) throw new ScaleBridgeException("time went backwards");
            if (bdf.stopped()) { res.events.add("cancelled at t = " + String.format("%.1f", t) + " s"); break; }
        }
        res.finalState = y.clone();
        return res;
    }

    private static String stopped(int stepIndex, Protocol.Step s, double t, double v, BdfIntegrator.Failure f) {
        return String.format(java.util.Locale.ROOT, "step %d (%s) stopped at t = %.2f s%s: %s. The outputs up to there are kept."
                + " At the end of a charge or discharge this is usually the cell unable to carry the set current any longer"
                + " (an electrode's surface or the electrolyte exhausted) before the cut-off voltage: a cut-off closer to the"
                + " plateau ends the step cleanly; otherwise tighter tolerances (rtol, atol) or a finer mesh may help",
                stepIndex, s.describe(), t, Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, " (V = %.4f V)", v), f.reason);
    }
}
