package org.scalebridge.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.potential.mtp.MtpGrader;
import org.scalebridge.structure.Structure;

/**
 * Watches an MD run driven by an MTP through its MaxVol extrapolation grade γ (the same grade the active-learning
 * samplers compute, {@link MtpGrader}), as an {@link MdRun.StepMonitor}: every call grades the current configuration;
 * γ above {@code gammaSelect} saves a copy as a candidate (tagged with its provenance: run, phase, step, γ, T, x,
 * potential), γ above {@code gammaStop} saves it too and stops the run with an {@link ExtrapolationException}. This is
 * the paper's sampler rule (2 &lt; γ &lt; 10 candidate, γ &gt; 10 stop) applied to production runs.
 *
 * <p>The grader must be bound to its own MTP instance (grading updates that instance's neighbour list), not the one
 * that drives the run.
 */
public final class GammaMonitor implements MdRun.StepMonitor {
    /** A run stopped because the MTP extrapolates (γ above the stop threshold). */
    public static final class ExtrapolationException extends ScaleBridgeException {
        private static final long serialVersionUID = 1L;
        private final long step;
        private final double gamma;

        public ExtrapolationException(long step, double gamma, String message) {
            super(message);
            this.step = step;
            this.gamma = gamma;
        }

        public long step() { return step; }
        public double gamma() { return gamma; }
    }

    private final MtpGrader grader;
    private final double gammaSelect, gammaStop;
    private final String run, potential;
    private final double temperature, x;
    private String phase = "production";
    private double[] per = new double[0];
    private final List<Structure> candidates = new ArrayList<>();
    private final StringBuilder trace = new StringBuilder();
    private double maxGamma = 0;
    private long maxGammaStep = -1;
    private int graded;

    /**
     * @param run        name of the run (provenance and messages)
     * @param potential  what the MTP is (file), for provenance
     */
    public GammaMonitor(MtpGrader grader, double gammaSelect, double gammaStop, String run, double temperature, double x, String potential) {
        if (!(gammaStop > gammaSelect && gammaSelect >= 1)) throw new IllegalArgumentException("need 1 ≤ gamma_select < gamma_stop");
        this.grader = grader;
        this.gammaSelect = gammaSelect;
        this.gammaStop = gammaStop;
        this.run = run;
        this.temperature = temperature;
        this.x = x;
        this.potential = potential;
    }

    /** Names the part of the run the next grades belong to (e.g. "equilibration", "production"). */
    public GammaMonitor phase(String p) { phase = p; return this; }

    @Override
    public void check(MdSystem sys) {
        Structure s = sys.structure();
        if (per.length < s.size()) per = new double[s.size()];
        Structure w = s.copy();
        double g = grader.grade(w, per);
        graded++;
        long step = sys.step();
        trace.append(String.format(Locale.ROOT, "%s,%d,%.6g%n", phase, step, g));
        if (g > maxGamma || maxGammaStep < 0) { maxGamma = g; maxGammaStep = step; }
        if (g > gammaSelect) {
            w.clearVelocities();
            w.info().put("prod_run", run);
            w.info().put("prod_phase", phase);
            w.info().put("prod_step", step);
            w.info().put("prod_temperature_K", temperature);
            w.info().put("prod_x", x);
            w.info().put("prod_gamma", g);
            w.info().put("prod_potential", potential);
            int worst = 0;
            for (int i = 1; i < s.size(); i++) if (per[i] > per[worst]) worst = i;
            if (grader.activeSet().nbhMode()) w.info().put("prod_worst_atom", (long) worst);
            candidates.add(w);
        }
        if (g > gammaStop) {
            throw new ExtrapolationException(step, g, String.format(Locale.ROOT,
                    "run %s stopped at %s step %d: the MTP's extrapolation grade γ = %.3g exceeds gamma_stop = %.3g (T = %.0f K, x = %.3g). "
                            + "The MTP is extrapolating: this configuration is unlike its training set and its forces are not to be trusted "
                            + "(such runs collapse or blow up). The run's %d configurations with γ > %.3g are kept as candidates for the "
                            + "training set; the active learning should sample these conditions ([sampling] canonical_x / canonical_temperatures).",
                    run, phase, step, g, gammaStop, temperature, x, candidates.size(), gammaSelect));
        }
    }

    /** Configurations with γ above gamma_select (including the one that stopped the run), in order. */
    public List<Structure> candidates() { return candidates; }

    /** "phase,step,gamma" lines of every grade taken. */
    public String trace() { return trace.toString(); }

    public double maxGamma() { return maxGamma; }
    public long maxGammaStep() { return maxGammaStep; }
    public int graded() { return graded; }
    public double gammaSelect() { return gammaSelect; }
    public double gammaStop() { return gammaStop; }
}
