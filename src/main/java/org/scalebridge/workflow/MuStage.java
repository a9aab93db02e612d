package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.core.Units;
import org.scalebridge.learn.ConfigReader;
import org.scalebridge.learn.StructureSpec;
import org.scalebridge.mc.ExchangeSpecies;
import org.scalebridge.mc.Gcmc;
import org.scalebridge.mc.HarmonicBias;
import org.scalebridge.mc.HybridGcmcMd;
import org.scalebridge.mc.MuScan;
import org.scalebridge.mc.NcmcExchange;
import org.scalebridge.mc.SiteProposal;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Stage 6 of the pipeline: harmonically biased GCMC(–MD) μ(N) over the whole composition range (paper Eqs. 7–17),
 * half-integer targets with a per-target bias stiffness φ from a pilot scan (stability φ > |∂μ/∂N|/2), cage-biased
 * insertion and a Widom start for μ_bias. Split out of {@link Stages}, whose other stages it shares helpers with.
 */
final class MuStage {
    private MuStage() {}

    static ObjectNode muScan(PipelineConfig pc, Path dir, Stages.Model pot, List<String> outputs, Progress pr) {
        ConfigReader c = pc.stage("mu");
        c.rejectUnknown("temperatures", "structure", "targets", "phi", "phi_min", "phi_max", "phi_safety", "pilot_cycles", "chunk_cycles",
                "max_cycles", "min_production_samples", "exchanges", "translations", "md_steps", "timestep_fs", "overlap_cutoff", "resamples",
                "insertion", "ncmc");
        double[] ts = c.positives("temperatures", new double[] {300, 400});
        // "pba-cages": insertions drawn around the 8 cage centres per pseudo-cubic cell (exact Metropolis–Hastings,
        // mc.SiteProposal; 0.6 Å Gaussian + 10 % uniform), several times the uniform acceptance in the dense framework
        boolean cages = c.choice("insertion", "uniform", "uniform", "pba-cages").equals("pba-cages");
        StructureSpec spec = c.has("structure") ? StructureSpec.read(c.section("structure")) : StructureSpec.pba(0.0, new int[] {1, 1, 1}, pc.seed);
        // φ: one stiffness for every target, or "auto": per target from the stability condition of the biased
        // ensemble, φ > −∂μ/∂N / 2 (B = φ(N − N_t)² must keep F(N) + B(N) convex), with ∂μ/∂N from a stiff pilot scan
        boolean auto = "auto".equals(c.stringOrNull("phi"));
        double phiMax = c.positive("phi_max", 0.5), phiMin = c.positive("phi_min", 0.02), safety = c.real("phi_safety", 2.0, 1.0, 100);
        double phiFixed = auto ? Double.NaN : c.positive("phi", 0.05);
        if (auto && !(phiMin <= phiMax)) throw c.error("phi_min", "must not exceed phi_max (" + phiMax + " eV)");
        int chunk = c.integer("chunk_cycles", 50, 1, Integer.MAX_VALUE), max = c.integer("max_cycles", 400, 1, Integer.MAX_VALUE);
        int pilot = c.integer("pilot_cycles", Math.max(40, chunk), 20, Integer.MAX_VALUE);
        int minSamples = c.integer("min_production_samples", 40, 20, Integer.MAX_VALUE), resamples = c.integer("resamples", 50, 10, 100000);
        int ex = c.integer("exchanges", 10, 1, 1_000_000), tr = c.integer("translations", 10, 0, 1_000_000), md = c.integer("md_steps", 0, 0, 1_000_000);
        double dtFs = c.positive("timestep_fs", 1.0), overlap = c.real("overlap_cutoff", 1.6, 0, 10);
        NcmcExchange.Settings ncmc = c.has("ncmc") ? ncmcSettings(c.section("ncmc")) : null;
        Structure proto = spec.build();
        int sites = 2 * proto.count(Stages.FE); // Na sites: 2 per formula unit of Na_xMn[Fe(CN)6]
        if (sites == 0) throw c.error("structure", "the μ scan needs a PBA framework (Fe atoms) to count Na sites");
        double[] targets = c.reals("targets", null);
        if (targets == null) targets = defaultTargets(proto.count(Stages.NA), sites);
        for (double t : targets) if (!(t >= 0 && t <= sites)) throw c.error("targets", "every N_t must lie in [0, " + sites + "] (the Na sites of the cell), got " + t);
        StringBuilder csv = new StringBuilder("T,x,mu,sigma_mu,mean_N,target,phi,stable\n");
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        sum.put("sites", sites).put("phi_mode", auto ? "auto" : "fixed");
        ArrayNode arr = sum.putArray("temperatures");
        final double[] tg = targets;
        for (int ti = 0; ti < ts.length; ti++) {
            double t = ts[ti];
            long seed = pc.seed + ti;
            double[] phis = new double[tg.length], muStart = new double[tg.length];
            java.util.Arrays.fill(muStart, Double.NaN);
            ArrayNode pilotOut = null;
            if (auto) {
                MuScan.Settings ps = new MuScan.Settings(phiMax, tg, 0, pilot, pilot, Math.min(20, pilot), 1, 10, pc.threads, seed + 1000);
                List<MuScan.RunResult> pilotRs = MuScan.run(ps, muRunFactory(spec, pot, t, phiMax, null, sites, ex, tr, md, dtFs, overlap, pilot, cages, ncmc), sub(pr, "T = " + t + " K pilot"));
                double[] nn = pilotRs.stream().mapToDouble(MuScan.RunResult::meanN).toArray(), mm = pilotRs.stream().mapToDouble(MuScan.RunResult::mu).toArray();
                double[] slope = muSlopes(nn, mm);
                pilotOut = StageRecord.JSON.createArrayNode();
                for (int k = 0; k < tg.length; k++) {
                    phis[k] = Math.min(phiMax, Math.max(phiMin, safety * slope[k] / 2));
                    // production starts from a μ_bias that balances the pilot's pair N, N + 1 (self-consistent bias)
                    muStart[k] = balancedMu(pilotRs.get(k), t);
                    pilotOut.addObject().put("target", tg[k]).put("mean_N", nn[k]).put("mu_eV", mm[k]).put("abs_dmu_dN_eV", slope[k]).put("phi_eV", phis[k])
                            .put("mu_bias_eV", pilotRs.get(k).muBias()).put("mu_bias_production_eV", muStart[k]);
                }
            } else {
                java.util.Arrays.fill(phis, phiFixed);
            }
            // one scan with a φ per target (MuScan runs the targets in parallel, one seed split per target index)
            MuScan.Settings st = new MuScan.Settings(phis[0], phis, tg, 0, chunk, max, minSamples, 1, resamples, pc.threads, seed, 0, 0);
            List<MuScan.RunResult> rs = MuScan.run(st, (k, target, rng) ->
                    muRunFactory(spec, pot, t, phis[k], muStart, sites, ex, tr, md, dtFs, overlap, chunk, cages, ncmc).create(k, target, rng),
                    sub(pr, "T = " + t + " K"));
            ObjectNode o = arr.addObject();
            o.put("T_K", t);
            if (pilotOut != null) o.set("pilot", pilotOut);
            ArrayNode pts = o.putArray("points");
            int stable = 0;
            for (int k = 0; k < rs.size(); k++) {
                MuScan.RunResult r = rs.get(k);
                double x = r.meanN() / sites;
                boolean ok = stayedPut(r, sites);
                if (ok) stable++;
                csv.append(String.format(Locale.ROOT, "%.2f,%.8g,%.10g,%.6g,%.6g,%.3f,%.5g,%b%n", t, x, r.mu(), r.seMu(), r.meanN(), r.target(), phis[k], ok));
                pts.addObject().put("x", x).put("mu_eV", r.mu()).put("sigma_mu_eV", r.seMu()).put("cycles", r.cycles()).put("target", r.target())
                        .put("mean_N", r.meanN()).put("phi_eV", phis[k]).put("stable", ok)
                        .put("max_abs_N_minus_target", maxDeviation(r)).put("acceptance_insertion", r.accInsertion());
            }
            o.put("stable_points", stable);
        }
        AtomicFiles.writeString(dir.resolve("mu_x.csv"), csv.toString());
        outputs.add("mu_x.csv");
        return sum;
    }

    /**
     * [mu.ncmc]: nonequilibrium candidate MC exchanges (mc.NcmcExchange). Keys: fraction (share of exchange
     * attempts, (0, 1], default 1), switches (λ perturbations, default 200), steps_per_switch (default 5),
     * timestep_fs (≤ 10, default 1), ghost ("held" | "moving", default "moving").
     */
    static NcmcExchange.Settings ncmcSettings(ConfigReader n) {
        n.rejectUnknown("fraction", "switches", "steps_per_switch", "timestep_fs", "ghost");
        double fraction = n.real("fraction", 1.0);
        if (!(fraction > 0 && fraction <= 1)) throw n.error("fraction", "expected a share in (0, 1], got " + fraction);
        int switches = n.integer("switches", 200, 1, 1_000_000), steps = n.integer("steps_per_switch", 5, 1, 1_000_000);
        double dtFs = n.real("timestep_fs", 1.0, 0, 10);
        if (!(dtFs > 0)) throw n.error("timestep_fs", "expected a time step > 0 fs, got " + dtFs);
        boolean moving = n.choice("ghost", "moving", "held", "moving").equals("moving");
        return new NcmcExchange.Settings(switches, steps, dtFs * 1e-3, fraction, moving);
    }

    /**
     * Default N_t list: the half-integers n0 + ½, …, sites − ½, spanning the whole range up to half a site from either
     * end. A half-integer target puts the same bias on N and N + 1 (B(N) = B(N+1) = φ/4), so a stiff bias confines the
     * run to that pair without penalising the exchange between them, and ⟨N⟩ ∈ (N, N + 1) gives μ at N + ½ (Eq. 17).
     */
    static double[] defaultTargets(int n0, int sites) {
        double[] t = new double[sites - n0];
        for (int k = 0; k < t.length; k++) t[k] = n0 + k + 0.5;
        return t;
    }

    /** |∂μ/∂N| per run: the larger of the finite differences to its neighbours in ⟨N⟩ (pilot scan). */
    static double[] muSlopes(double[] n, double[] mu) {
        int m = n.length;
        Integer[] o = new Integer[m];
        for (int i = 0; i < m; i++) o[i] = i;
        java.util.Arrays.sort(o, (a, b) -> Double.compare(n[a], n[b]));
        double[] s = new double[m];
        for (int p = 0; p < m; p++) {
            double best = 0;
            for (int q : new int[] {p - 1, p + 1}) {
                if (q < 0 || q >= m) continue;
                double dn = Math.abs(n[o[q]] - n[o[p]]);
                if (dn > 0.05 && Double.isFinite(mu[o[q]]) && Double.isFinite(mu[o[p]])) best = Math.max(best, Math.abs(mu[o[q]] - mu[o[p]]) / dn);
            }
            s[o[p]] = best;
        }
        return s;
    }

    /**
     * μ_bias that balances the two states N = ⌊N_t⌋ and N + 1 of a half-integer target: the bias is the same on both
     * (B = φ/4), so P(N+1)/P(N) = exp(β(μ_bias − ΔF)) and ΔF = F(N+1) − F(N) = μ_bias − kT ln(p/(1−p)), p the share of
     * the pair's samples at N + 1 (exact for any φ; {@link MuScan#twoStateMu(MuScan.RunResult, double)}). A pilot stuck on one state moves μ_bias by 4 kT towards the other;
     * NaN (keep the Widom start) for integer targets or an empty trace.
     */
    static double balancedMu(MuScan.RunResult r, double t) {
        int[] c = MuScan.twoStateCounts(r);
        if (c == null) return Double.NaN;
        double kt = Units.kT(t);
        if (c[0] + c[1] == 0) return r.meanN() < Math.floor(r.target()) ? r.muBias() + 4 * kt : r.muBias() - 4 * kt;
        if (c[1] == 0) return r.muBias() + 4 * kt;
        if (c[0] == 0) return r.muBias() - 4 * kt;
        return MuScan.twoStateMu(r, kt); // μ_bias − kT ln(n_{k+1}/n_k): ΔB = 0 at a half-integer target
    }

    /** A run stayed put when ⟨N⟩ lies on the lattice (0 ≤ ⟨N⟩ ≤ sites) within 1 Na of its target. */
    static boolean stayedPut(MuScan.RunResult r, int sites) {
        boolean moved = false; // a constant N(t) sampled nothing: Eq. 17 then only restates the start
        for (int i = r.equilibrationSample() + 1; i < r.n().length && !moved; i++) moved = r.n()[i] != r.n()[r.equilibrationSample()];
        return moved && Double.isFinite(r.mu()) && r.meanN() >= 0 && r.meanN() <= sites && Math.abs(r.meanN() - r.target()) <= 1.0;
    }

    static double maxDeviation(MuScan.RunResult r) {
        double m = 0;
        for (int i = r.equilibrationSample(); i < r.n().length; i++) m = Math.max(m, Math.abs(r.n()[i] - r.target()));
        return m;
    }

    private static Progress sub(Progress pr, String prefix) {
        return new Progress() {
            @Override public void update(long done, long total, String message) { pr.update(done, total, prefix + ": " + message); }
            @Override public boolean isCancelled() { return pr.isCancelled(); }
            @Override public void log(String line) { pr.log(line); }
        };
    }

    /** The biased GCMC(–MD) run of one target (paper Eq. 17 with B = φ(N − N_t)²). */
    static MuScan.RunFactory muRunFactory(StructureSpec spec, Stages.Model pot, double t, double phi, double[] muStart, int sites, int ex, int tr, int md, double dtFs,
                                          double overlap, int adaptCycles, boolean cages, NcmcExchange.Settings ncmc) {
        return (k, target, rng) -> {
            // start at N_t: Na placed greedily at the lowest-energy of 60 random points ≥ 1.8 Å from every atom,
            // and μ_bias from that start (midpoint of the best insertion and the weakest-bound deletion energy),
            // so that the bias keeps N near N_t even when few exchanges are accepted in the dense framework
            Structure s = spec.build();
            Rng place = rng.split(1);
            while (s.count(Stages.NA) < (int) Math.floor(target)) { // a half-integer N + ½ starts at N
                Potential p0 = pot.build().apply(s);
                double q0 = pot.naCharge().applyAsDouble(s);
                double[] best = bestInsertion(s, p0, q0, place);
                s.addAtom(Stages.NA, best[1], best[2], best[3]);
            }
            s.ensureCapacity(sites * 2 + s.size());
            Potential p = pot.build().apply(s);
            double q = pot.naCharge().applyAsDouble(s);
            SiteProposal prop = null;
            if (cages) {
                int fe = -1;
                for (int i = 0; i < s.size() && fe < 0; i++) if (s.atomicNumber(i) == Stages.FE) fe = i;
                int[] reps = new int[3];
                for (int a = 0; a < 3; a++) reps[a] = Math.max(1, (int) Math.round(s.cell().len(a) / 9.9)); // ≈ 10 Å per pseudo-cubic cell
                prop = new SiteProposal(SiteProposal.pbaCages(reps[0], reps[1], reps[2], s.fractional(fe)), 0.6, 0.1);
            }
            ExchangeSpecies na0 = ExchangeSpecies.ofMu(Stages.NA, 22.98976928, q, 0.0);
            // μ_bias: the pilot's estimate when given; else the Widom estimate of the N → N + 1 step at the start
            // (the pair a half-integer target confines the run to), so the biased run starts balanced between N and N + 1
            double muB = muStart != null && Double.isFinite(muStart[k]) ? muStart[k]
                    : widomMu(s, p, q, na0.activity(t), t, prop, overlap, 2000, rng.split(2));
            ExchangeSpecies na = ExchangeSpecies.ofMu(Stages.NA, 22.98976928, q, muB);
            Gcmc mc = new Gcmc(s, p, t, List.of(na), null, 0.3, overlap, rng);
            mc.setBias(new HarmonicBias(0, phi, target)); // harmonic bias on N (paper Eq. 17)
            if (prop != null) mc.setInsertionProposal(prop);
            // NCMC exchanges: a second instance of the potential evaluates U_N along the switching trajectories
            NcmcExchange nx = ncmc == null ? null : mc.setNcmc(ncmc, pot.build().apply(s.copy()));
            if (md == 0) return new MuScan.Run(mc, m -> {
                m.setAdapting(m.cycle() < adaptCycles);
                if (nx != null) nx.refreshVelocities(); // no MD: a Gibbs step from Maxwell–Boltzmann per cycle
                m.cycle(ex, tr);
            });
            s.ensureVelocities();
            MdSystem sys = new MdSystem(s, p, dtFs * 1e-3);
            Velocities.maxwellBoltzmann(sys, t, rng.split(3));
            sys.computeForces();
            HybridGcmcMd h = new HybridGcmcMd(mc, sys, new LangevinBaoab(t, 0.1, rng.split(7)), md, ex, tr);
            return new MuScan.Run(mc, m -> { m.setAdapting(m.cycle() < adaptCycles); h.cycle(); });
        };
    }

    /**
     * Widom estimate of μ for the step N → N + 1 in the frozen configuration: with insertion points r drawn from the
     * proposal density p(r) (uniform, p = 1/V, when {@code prop} is null), P(N+1)/P(N) = z ⟨e^{−βΔU}/p(r)⟩/(N + 1)
     * (Frenkel &amp; Smit, Eq. 7.1.5 with the proposal's importance weight), which is 1 at
     * μ = k_BT ln[(N + 1) / (z0 ⟨e^{−βΔU}/p⟩)], z0 the activity at μ = 0. Points within {@code overlap} of an atom
     * are rejected as GCMC rejects them (weight 0). Summed as log-sum-exp.
     */
    static double widomMu(Structure s, Potential p, double charge, double z0, double t, SiteProposal prop, double overlap, int samples, Rng rng) {
        var lc = p.localChange();
        double beta = 1 / Units.kT(t), vol = s.cell().volume(), ov2 = overlap * overlap;
        double[] r = new double[3], f = new double[3], d = new double[3], w = new double[samples];
        double wmax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < samples; k++) {
            if (prop != null) prop.sample(s.cell(), rng, r);
            else { f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble(); s.cell().toCartesian(f, r); }
            boolean clear = true;
            for (int j = 0; j < s.size() && clear; j++) {
                d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
                clear = s.cell().minimumImage(d) >= ov2;
            }
            double du = clear ? lc.deltaInsert(s, Stages.NA, charge, r[0], r[1], r[2]) : Double.POSITIVE_INFINITY;
            double dens = prop != null ? prop.density(s.cell(), r[0], r[1], r[2]) : 1 / vol;
            w[k] = Double.isFinite(du) ? -beta * du - Math.log(dens) : Double.NEGATIVE_INFINITY;
            wmax = Math.max(wmax, w[k]);
        }
        if (wmax == Double.NEGATIVE_INFINITY) throw new ScaleBridgeException("Widom insertion found no room for Na in the μ-scan cell");
        double sum = 0;
        for (double v : w) sum += Math.exp(v - wmax);
        double logI = wmax + Math.log(sum / samples);
        return (Math.log(s.count(Stages.NA) + 1.0) - logI - Math.log(z0)) / beta;
    }

    /** {ΔU, x, y, z} of the lowest-energy insertion among 60 random points at least 1.8 Å from every atom. */
    static double[] bestInsertion(Structure s, Potential p, double charge, Rng rng) {
        var lc = p.localChange();
        double[] f = new double[3], r = new double[3], d = new double[3], best = {Double.POSITIVE_INFINITY, 0, 0, 0};
        int found = 0;
        for (int t = 0; found < 60 && t < 100_000; t++) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            s.cell().toCartesian(f, r);
            boolean clear = true;
            for (int j = 0; j < s.size() && clear; j++) {
                d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
                clear = s.cell().minimumImage(d) >= 1.8 * 1.8;
            }
            if (!clear) continue;
            found++;
            double du = lc.deltaInsert(s, Stages.NA, charge, r[0], r[1], r[2]);
            if (du < best[0]) { best[0] = du; best[1] = r[0]; best[2] = r[1]; best[3] = r[2]; }
        }
        if (found == 0) throw new ScaleBridgeException("no room for another Na atom (1.8 Å from every atom) in the μ-scan cell");
        return best;
    }
}
