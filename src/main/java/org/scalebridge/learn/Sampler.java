package org.scalebridge.learn;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.mc.ExchangeSpecies;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.HybridGcmcMd;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.mtp.MtpGrader;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * One active-learning sampler: hybrid GCMC–MD ({@link HybridGcmcMd}) at one (T, μ) with the current MTP, grading
 * every cycle's configuration with the extrapolation grade γ. γ above the selection threshold makes the configuration
 * a candidate; γ above the stop threshold (or a diverging MD segment) stops the sampler, and the configuration that
 * broke it is kept as a candidate too (it is the most informative one, as MLIP's break mode saves it). For large boxes
 * with local active learning, the candidate is the {@link LocalCell} cut around the highest-γ atom.
 */
public final class Sampler {
    /** One graded cycle. */
    public record Point(int cycle, int atoms, int exchanged, double energy, double gamma) {}

    /** What a sampler produced. */
    public record Outcome(int index, double temperature, double mu, List<Point> trace, List<Structure> candidates, String stop) {
        /** True for a fixed-N sampler (no exchange moves, μ = NaN). */
        public boolean canonical() { return Double.isNaN(mu); }
    }

    private Sampler() {}

    /**
     * Runs {@code cfg.cycles} cycles from the configured start structure; with μ = NaN a fixed-N sampler (no exchange
     * moves) from a PBA cell at content {@code x} (the start structure's supercell and seed).
     *
     * @param pot    the sampler's own MTP instance (potentials are not shared between threads)
     * @param grader grader bound to {@code pot} and the current active set
     */
    public static Outcome run(LearnConfig cfg, int iteration, int index, double temperature, double mu, double x, MtpPotential pot,
            MtpGrader grader, Progress progress) {
        Rng rng = new Rng(cfg.seed).split(1000L * iteration + index);
        boolean canonical = Double.isNaN(mu);
        Structure s = canonical ? StructureSpec.pba(x, cfg.start.supercell(), cfg.start.seed()).build() : cfg.start.build();
        s.ensureCapacity(s.size() + 64);
        s.ensureVelocities();
        int z = cfg.exchangeZ;
        ExchangeSpecies sp = ExchangeSpecies.ofMu(z, Elements.byZ(z).mass(), 0.0, canonical ? 0.0 : mu);
        Gcmc mc = new Gcmc(s, pot, temperature, List.of(sp), null, 0.3, cfg.overlapCutoff, rng.split(1));
        MdSystem sys = new MdSystem(s, pot, cfg.timestepFs * 1e-3);
        Velocities.maxwellBoltzmann(sys, temperature, rng.split(2));
        sys.computeForces();
        org.scalebridge.md.Integrator integ = new LangevinBaoab(temperature, 0.1, rng.split(3));
        if (!Double.isNaN(cfg.samplingPressureBar)) { // GCMC–NPT-MD, the paper's protocol
            integ = org.scalebridge.md.StochasticCellRescaling.flexibleForEquilibration(integ, temperature, cfg.samplingPressureBar, rng.split(4));
            sys.setVirialEveryStep(true);
        }
        HybridGcmcMd h = new HybridGcmcMd(mc, sys, integ, cfg.mdSteps, canonical ? 0 : cfg.exchanges, cfg.translations);
        List<Point> trace = new ArrayList<>();
        List<Structure> cand = new ArrayList<>();
        double[] per = new double[s.size() + 64];
        String stop = "completed";
        boolean local = cfg.local && s.size() >= cfg.localMinAtoms && LocalCell.fits(s, cfg.localRadius);
        for (int c = 1; c <= cfg.cycles; c++) {
            if (progress.isCancelled()) { stop = "cancelled"; break; }
            try {
                h.cycle();
            } catch (RuntimeException e) {
                // diverged MD (HybridGcmcMd restored the last good state): the MTP is outside its domain here
                stop = "diverged at cycle " + c + ": " + e.getMessage();
                Structure bad = s.copy();
                double g = grade(grader, bad, per);
                tag(bad, iteration, index, temperature, mu, x, c, g);
                trace.add(new Point(c, s.size(), s.count(z), Double.NaN, g));
                if (g > cfg.gammaSelect) cand.add(bad);
                break;
            }
            if (per.length < s.size()) per = new double[s.size() + 64];
            double g = grade(grader, s, per);
            trace.add(new Point(c, s.size(), s.count(z), mc.energy(), g));
            if (g > cfg.gammaSelect) {
                Structure snap;
                if (local) {
                    int best = 0;
                    for (int i = 1; i < s.size(); i++) if (per[i] > per[best]) best = i;
                    snap = LocalCell.cut(s, best, cfg.localRadius, cfg.localCore, cfg.localMinDistance);
                    snap.info().put("local_gamma", per[best]);
                } else {
                    snap = s.copy();
                }
                snap.clearVelocities();
                tag(snap, iteration, index, temperature, mu, x, c, g);
                cand.add(snap);
            }
            if (g > cfg.gammaStop) { stop = String.format(java.util.Locale.ROOT, "gamma %.3g > %.3g at cycle %d", g, cfg.gammaStop, c); break; }
        }
        return new Outcome(index, temperature, mu, trace, cand, stop);
    }

    private static double grade(MtpGrader g, Structure s, double[] per) {
        Structure w = s.copy();
        return g.grade(w, per);
    }

    private static void tag(Structure s, int iteration, int index, double t, double mu, double x, int cycle, double gamma) {
        s.info().put("al_iteration", (long) iteration);
        s.info().put("al_sampler", (long) index);
        s.info().put("al_temperature_K", t);
        if (Double.isNaN(mu)) s.info().put("al_fixed_x", x); // fixed-N sampler
        else s.info().put("al_mu_eV", mu);
        s.info().put("al_cycle", (long) cycle);
        s.info().put("al_gamma", gamma);
    }
}
