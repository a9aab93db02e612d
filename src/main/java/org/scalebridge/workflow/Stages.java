package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.FrameSeries;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.analysis.TrajectoryFiles;
import org.scalebridge.continuum.P2dConfig;
import org.scalebridge.continuum.P2dOutputWriter;
import org.scalebridge.continuum.P2dResult;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.core.Units;
import org.scalebridge.io.Formats;
import org.scalebridge.learn.ActiveLearning;
import org.scalebridge.learn.ConfigReader;
import org.scalebridge.learn.LearnConfig;
import org.scalebridge.learn.LearnReport;
import org.scalebridge.learn.ReferenceFactory;
import org.scalebridge.learn.StructureSpec;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NoseHooverNvt;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;
import org.scalebridge.thermo.FreeEnergy;
import org.scalebridge.thermo.InterfaceStrainFit;
import org.scalebridge.thermo.PhaseFieldParameters;

/**
 * The stages of the multiscale pipeline, each driving an existing engine API and writing its outputs as files into
 * its own folder of the project. Every method returns the stage's summary (also stored in {@code stage.json}) and
 * adds the files it wrote to {@code outputs}.
 */
final class Stages {
    private Stages() {}

    static final int NA = 11, FE = 26;

    /**
     * The interatomic potential the stages after active learning use: the learned MTP (neutral atoms) or the surrogate
     * itself (built per structure; inserted Na carries the surrogate's x-dependent charge).
     */
    record Model(Function<Structure, Potential> build, java.util.function.ToDoubleFunction<Structure> naCharge) {}

    static Model potential(PipelineConfig pc, Path alDir) {
        if (pc.potential.equals("surrogate")) {
            MnFePbaSurrogate ff = MnFePbaSurrogate.load();
            return new Model(s -> ff.build(s).potential(), s -> ff.charge("Na", ff.build(s.copy()).x()));
        }
        Path mtp = alDir.resolve("final.mtp");
        if (!Files.exists(mtp)) throw new ScaleBridgeException("no trained MTP at " + mtp);
        int[] typeToZ = learnConfig(pc).typeToZ;
        var model = MtpFormat.read(mtp);
        return new Model(s -> new MtpPotential(model.copy(), typeToZ), s -> 0.0);
    }

    static LearnConfig learnConfig(PipelineConfig pc) {
        ConfigReader c = pc.stage("active_learning");
        Path f = c.path("config", true);
        if (f == null) throw c.error("config", "required: the active-learning TOML file");
        return LearnConfig.read(f);
    }

    // ------------------------------------------------------------------ 1 structures

    static ObjectNode structures(PipelineConfig pc, Path dir, List<String> outputs) {
        ConfigReader c = pc.stage("structures");
        c.rejectUnknown("x", "supercell", "seed");
        double[] xs = c.reals("x", new double[] {0.5, 1.0, 1.5});
        int[] sc = c.integers("supercell", new int[] {1, 1, 1});
        long seed = c.longValue("seed", pc.seed);
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        ArrayNode arr = sum.putArray("structures");
        for (double x : xs) {
            if (!(x >= 0 && x <= 2)) throw c.error("x", "Na content must lie in [0, 2], got " + x);
            Structure s = StructureSpec.pba(x, sc, seed).build();
            String f = String.format(Locale.ROOT, "pba-x%.3f.extxyz", x);
            Formats.write(dir.resolve(f), s);
            outputs.add(f);
            arr.addObject().put("file", f).put("x", x).put("atoms", s.size()).put("phase", x < 1 ? "tetragonal" : "rhombohedral")
                    .put("volume_A3", s.cell().volume());
        }
        return sum;
    }

    // ------------------------------------------------------------------ 2 active learning

    static ObjectNode activeLearning(PipelineConfig pc, Path dir, List<String> outputs, Progress pr) {
        LearnConfig lc = learnConfig(pc);
        lc.output = dir;
        ActiveLearning.Result r = new ActiveLearning(lc, ReferenceFactory.build(lc.reference)).run(pr);
        if (pr.isCancelled()) return null;
        LearnReport.Summary rep = LearnReport.write(dir, true);
        outputs.add("final.mtp");
        outputs.add("dataset.extxyz");
        outputs.add("iterations.csv");
        outputs.add("report/report.json");
        ObjectNode s = StageRecord.JSON.createObjectNode();
        s.put("iterations", r.iterations().size()).put("converged", r.converged()).put("dataset", rep.configurations())
                .put("energy_rmse_eV_per_atom", rep.energyPerAtom().rmse()).put("energy_r2", rep.energyPerAtom().r2())
                .put("force_rmse_eV_per_A", rep.forces().rmse()).put("force_r2", rep.forces().r2());
        return s;
    }

    // ------------------------------------------------------------------ 3 production MD

    static ObjectNode production(PipelineConfig pc, Path dir, Path structDir, Model pot, List<String> outputs, Progress pr) {
        ConfigReader c = pc.stage("production");
        c.rejectUnknown("temperatures", "x", "steps", "equilibration", "timestep_fs", "every");
        double[] ts = c.positives("temperatures", new double[] {600, 800, 1000});
        double[] xs = c.reals("x", new double[] {1.0, 1.5});
        int steps = c.integer("steps", 4000, 10, Integer.MAX_VALUE), eq = c.integer("equilibration", 500, 0, Integer.MAX_VALUE);
        double dtFs = c.positive("timestep_fs", 1.0);
        int every = c.integer("every", 20, 1, Integer.MAX_VALUE);
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        ArrayNode runs = sum.putArray("runs");
        int k = 0;
        for (double x : xs) {
            Path sf = structDir.resolve(String.format(Locale.ROOT, "pba-x%.3f.extxyz", x));
            if (!Files.exists(sf)) throw c.error("x", "x = " + x + " is not among the structures stage's x values");
            for (double t : ts) {
                if (pr.isCancelled()) return null;
                String name = String.format(Locale.ROOT, "md-x%.3f-T%.0f", x, t);
                Path traj = dir.resolve(name + ".extxyz"), done = dir.resolve(name + ".json");
                if (!Files.exists(done)) { // finished runs are kept when the stage is resumed
                    Structure s = Formats.readFirst(sf);
                    s.ensureVelocities();
                    MdSystem sys = new MdSystem(s, pot.build().apply(s), dtFs * 1e-3);
                    Rng rng = new Rng(pc.seed).split(7000 + k);
                    Velocities.maxwellBoltzmann(sys, t, rng);
                    // equilibrate with Langevin, then sample with a Nosé–Hoover chain (deterministic dynamics for the MSD)
                    LangevinBaoab lg = new LangevinBaoab(t, 0.1, rng.split(1));
                    lg.setup(sys);
                    sys.computeForces();
                    for (int i = 0; i < eq; i++) lg.step(sys);
                    sys.setStep(0);
                    try { Files.deleteIfExists(traj); } catch (IOException e) { throw new UncheckedIOException(e); }
                    MdRun run = new MdRun(sys, new NoseHooverNvt(t, 0.1, 3)).trajectoryEvery(every).trajectory(traj);
                    var last = run.runUntil(steps);
                    ObjectNode o = StageRecord.JSON.createObjectNode();
                    o.put("x", x).put("temperature_K", t).put("steps", steps).put("timestep_fs", dtFs).put("every", every)
                            .put("atoms", s.size()).put("final_temperature_K", last.temperature()).put("mean_potential_eV", last.potential());
                    writeJson(done, o);
                }
                outputs.add(name + ".extxyz");
                outputs.add(name + ".json");
                runs.add(readJson(done));
                pr.update(++k, (long) xs.length * ts.length, "production " + name);
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------ 4 MSD / Arrhenius

    static ObjectNode diffusion(PipelineConfig pc, Path dir, Path prodDir, List<String> outputs) {
        ConfigReader c = pc.stage("diffusion");
        c.rejectUnknown("blocks", "extrapolate_K");
        int blocks = c.integer("blocks", 4, 2, 1000);
        double tx = c.positive("extrapolate_K", 300);
        ObjectNode prod = StageRecord.read(prodDir);
        java.util.TreeMap<Double, List<double[]>> byX = new java.util.TreeMap<>();
        StringBuilder csv = new StringBuilder("x,T (K),D,sigma_D,window_start_ps,window_end_ps\n");
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        for (JsonNode run : prod.path("summary").path("runs")) {
            double x = run.get("x").asDouble(), t = run.get("temperature_K").asDouble();
            Path traj = prodDir.resolve(String.format(Locale.ROOT, "md-x%.3f-T%.0f.extxyz", x, t));
            double dtPs = run.get("timestep_fs").asDouble() * 1e-3;
            FrameSeries fs = TrajectoryFiles.readSeries(traj, dtPs, 1);
            int[] na = fs.select(new int[] {NA});
            if (na.length == 0) continue;
            Msd.Options o = new Msd.Options(na, true, 0, blocks);
            MsdResult m = Msd.allOriginsFft(fs, o, null);
            Einstein.Fit f = Einstein.fit(m, 3, null, 0.1, 0.5);
            csv.append(String.format(Locale.ROOT, "%.4f,%.2f,%.8g,%.8g,%.5g,%.5g%n", x, t, f.d(), f.sigmaD(), f.tStart(), f.tEnd()));
            byX.computeIfAbsent(x, k -> new ArrayList<>()).add(new double[] {t, f.d(), f.sigmaD()});
        }
        AtomicFiles.writeString(dir.resolve("diffusion.csv"), csv.toString());
        outputs.add("diffusion.csv");
        ArrayNode arr = sum.putArray("arrhenius");
        for (var e : byX.entrySet()) {
            List<double[]> pts = e.getValue();
            ObjectNode o = arr.addObject();
            o.put("x", e.getKey());
            ArrayNode dv = o.putArray("points");
            for (double[] p : pts) dv.addObject().put("T_K", p[0]).put("D_A2_per_ps", p[1]).put("sigma_D", p[2]);
            boolean positive = pts.stream().allMatch(p -> p[1] > 0 && Double.isFinite(p[1]));
            if (pts.size() >= 2 && positive) {
                double[] t = pts.stream().mapToDouble(p -> p[0]).toArray(), d = pts.stream().mapToDouble(p -> p[1]).toArray();
                double[] s = pts.stream().mapToDouble(p -> p[2] > 0 && Double.isFinite(p[2]) ? p[2] : 0.1 * p[1]).toArray();
                Arrhenius.Fit f = Arrhenius.fit(t, d, s, 0.05); // D = D0 exp(-Ea/kT), Eq. 3
                o.put("Ea_eV", f.ea()).put("sigma_Ea_eV", f.sigmaEa()).put("D0_A2_per_ps", f.d0())
                        .put("D_extrapolated_A2_per_ps", f.predict(tx)).put("extrapolated_T_K", tx)
                        .put("D_extrapolated_m2_per_s", Units.a2psToM2s(f.predict(tx)));
            } else {
                o.put("note", "Arrhenius fit needs ≥ 2 temperatures with D > 0");
            }
        }
        return sum;
    }

    /** D (Å²/ps) of the Arrhenius fit at T for the composition closest to x, or NaN. */
    static double diffusivityAt(ObjectNode diff, double x, double t) {
        JsonNode best = null;
        for (JsonNode o : diff.path("summary").path("arrhenius"))
            if (o.has("Ea_eV") && (best == null || Math.abs(o.get("x").asDouble() - x) < Math.abs(best.get("x").asDouble() - x))) best = o;
        if (best == null) return Double.NaN;
        double d0 = best.get("D0_A2_per_ps").asDouble(), ea = best.get("Ea_eV").asDouble();
        return d0 * Math.exp(-ea / (Units.KB_EV_PER_K * t));
    }

    // ------------------------------------------------------------------ 5 interface series

    static ObjectNode interfaceSeries(PipelineConfig pc, Path dir, Model pot, List<String> outputs, Progress pr) {
        ConfigReader c = pc.stage("interface");
        c.rejectUnknown("repeats", "phase", "quench_steps", "seed");
        int reps = c.integer("repeats", 4, 3, 50);
        PbaPhase phase = PbaPhase.valueOf(c.choice("phase", "rhombohedral", "rhombohedral", "tetragonal").toUpperCase(Locale.ROOT));
        int quench = c.integer("quench_steps", 200, 0, 10_000_000);
        long seed = c.longValue("seed", pc.seed);
        Structure rich = new PbaBuilder(phase).x(2.0).seed(seed).build();
        Structure poor = new PbaBuilder(phase).x(0.0).seed(seed).displacedSodium(phase.displacedNaByDefault).build();
        double eRich = quenchedEnergy(rich, pot.build(), quench, seed) / 4, ePoor = quenchedEnergy(poor, pot.build(), quench, seed) / 4; // 4 f.u. per cell
        List<Structure> series = new PbaBuilder(phase).x(2.0).seed(seed).interfaceSeries(reps);
        double[] n = new double[reps], e = new double[reps], v = new double[reps];
        StringBuilder csv = new StringBuilder("N,E,V\n");
        for (int i = 0; i < reps; i++) {
            Structure s = series.get(i);
            n[i] = 4.0 * (i + 1);
            e[i] = quenchedEnergy(s, pot.build(), quench, seed + i);
            v[i] = s.cell().volume();
            csv.append(String.format(Locale.ROOT, "%.1f,%.10g,%.10g%n", n[i], e[i], v[i]));
            pr.update(i + 1, reps, "interface cell " + (i + 1) + "/" + reps);
        }
        AtomicFiles.writeString(dir.resolve("interface.csv"), csv.toString());
        outputs.add("interface.csv");
        Structure first = series.get(0);
        double[] b = {first.cell().get(1, 0), first.cell().get(1, 1), first.cell().get(1, 2)}, cc = {first.cell().get(2, 0), first.cell().get(2, 1), first.cell().get(2, 2)};
        double area = Math.sqrt(sq(b[1] * cc[2] - b[2] * cc[1]) + sq(b[2] * cc[0] - b[0] * cc[2]) + sq(b[0] * cc[1] - b[1] * cc[0]));
        InterfaceStrainFit.Result r = InterfaceStrainFit.fit(n, e, v, eRich, ePoor, area, null); // Eqs. 4–5
        ObjectNode s = StageRecord.JSON.createObjectNode();
        s.put("E_rich_eV_per_fu", eRich).put("E_poor_eV_per_fu", ePoor).put("area_A2", area)
                .put("gamma_eV_per_A2", r.gamma()).put("sigma_gamma_eV_per_A2", r.sigmaGamma()).put("gamma_J_per_m2", r.gammaJPerM2())
                .put("strain_eV_per_A3", r.strain()).put("strain_GPa", r.strainGPa()).put("quench_steps", quench);
        return s;
    }

    private static double sq(double a) { return a * a; }

    /** Potential energy after a damped-dynamics quench at fixed cell (Langevin at 1 K, strong friction). */
    static double quenchedEnergy(Structure s0, Function<Structure, Potential> pot, int steps, long seed) {
        Structure s = s0.copy();
        s.ensureVelocities();
        Potential p = pot.apply(s);
        MdSystem sys = new MdSystem(s, p, 0.5e-3);
        LangevinBaoab lg = new LangevinBaoab(1.0, 0.02, new Rng(seed).split(11));
        lg.setup(sys);
        sys.computeForces();
        for (int i = 0; i < steps; i++) lg.step(sys);
        ForceResult r = new ForceResult();
        p.compute(s, r);
        return r.energy();
    }

    // ------------------------------------------------------------------ 7 free energy

    static ObjectNode freeEnergy(PipelineConfig pc, Path dir, Path muDir, List<String> outputs) {
        ConfigReader c = pc.stage("free_energy");
        FitChoice fc = FitChoice.read(c);
        int boot = c.integer("bootstrap", 0, 0, 100000);
        ObjectNode mu = StageRecord.read(muDir);
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        ArrayNode arr = sum.putArray("temperatures");
        StringBuilder csv = new StringBuilder("T,x,mu_fit_eV,G_eV_per_site,G_minus_hull_eV_per_site\n");
        for (JsonNode tn : mu.path("summary").path("temperatures")) {
            double t = tn.get("T_K").asDouble();
            double[][] p = muPoints(tn);
            ObjectNode o = arr.addObject();
            o.put("T_K", t).put("points", p[0].length);
            if (p[0].length < 3) { o.put("note", "fewer than 3 usable μ(x) points"); continue; }
            FreeEnergy.Result r = fc.analyse(t, p[0], p[1], p[2], 2001, boot, pc.seed);
            o.put("model", r.model().describe()).put("degree", r.model().degree()).put("rms_residual_eV", r.rmsResidual());
            ArrayNode gaps = o.putArray("binodal");
            for (int k = 0; k < r.binodal().size(); k++) {
                var g = r.binodal().get(k);
                gaps.addObject().put("x_poor", g.a()).put("x_rich", g.b()).put("mu_coexistence_eV", g.muCoexistence())
                        .put("sigma_x_poor", r.sigmaBinodal()[2 * k]).put("sigma_x_rich", r.sigmaBinodal()[2 * k + 1]);
            }
            ArrayNode sp = o.putArray("spinodal");
            for (double v : r.spinodal()) sp.add(v);
            for (int k = 0; k < r.gridX().length; k += 20)
                csv.append(String.format(Locale.ROOT, "%.2f,%.6f,%.10g,%.10g,%.6g%n", t, r.gridX()[k], r.mu()[k], r.g()[k], r.g()[k] - r.hull()[k]));
        }
        AtomicFiles.writeString(dir.resolve("free_energy.csv"), csv.toString());
        outputs.add("free_energy.csv");
        return sum;
    }

    /**
     * The μ(x) fit of the free-energy stage ({@code [free_energy]}): {@code model = "lattice-gas"} (default:
     * μ = μ0 + kT ln(x/(1−x)) + polynomial excess, the configurational entropy of the Na sites plus a Redlich–Kister-type
     * excess, x the site fraction), {@code "polynomial"} (no ideal term) or {@code "spline"} (GCV smoothing spline on
     * top of the ideal term); the polynomial degree up to {@code max_degree} by {@code criterion} (cv, aic, bic, fixed).
     */
    record FitChoice(boolean ideal, FreeEnergy.Criterion criterion, int maxDegree) {
        static FitChoice read(ConfigReader c) {
            c.rejectUnknown("max_degree", "bootstrap", "model", "criterion");
            String model = c.choice("model", "lattice-gas", "lattice-gas", "polynomial", "spline");
            String crit = c.choice("criterion", "cv", "cv", "aic", "bic", "fixed");
            FreeEnergy.Criterion cr = model.equals("spline") ? FreeEnergy.Criterion.SPLINE : FreeEnergy.Criterion.valueOf(crit.toUpperCase(Locale.ROOT));
            return new FitChoice(!model.equals("polynomial"), cr, c.integer("max_degree", 6, 1, 20));
        }

        FreeEnergy.Result analyse(double t, double[] x, double[] m, double[] s, int grid, int boot, long seed) {
            int d = criterion == FreeEnergy.Criterion.SPLINE ? 0 : Math.max(1, Math.min(maxDegree, x.length - 2));
            return FreeEnergy.analyse(t, x, m, s, new FreeEnergy.Options(criterion, d, ideal, grid, boot, seed));
        }
    }

    /** {x, μ, σ_μ} of the usable points of one temperature of the μ stage: 0 < x < 1, finite μ, the run stayed put. */
    static double[][] muPoints(JsonNode tn) {
        List<double[]> p = new ArrayList<>();
        for (JsonNode q : tn.path("points")) {
            double x = q.get("x").asDouble(), m = q.get("mu_eV").asDouble();
            if (x > 0 && x < 1 && Double.isFinite(m) && q.path("stable").asBoolean(true)) p.add(new double[] {x, m, q.get("sigma_mu_eV").asDouble()});
        }
        p.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] x = p.stream().mapToDouble(a -> a[0]).toArray(), m = p.stream().mapToDouble(a -> a[1]).toArray();
        double[] s = p.stream().mapToDouble(a -> a[2] > 0 && Double.isFinite(a[2]) ? a[2] : 1e-3).toArray();
        return new double[][] {x, m, s};
    }

    // ------------------------------------------------------------------ 8 phase-field parameters

    static ObjectNode phaseField(PipelineConfig pc, Path dir, Path muDir, Path ifDir, Path diffDir, List<String> outputs) {
        ConfigReader c = pc.stage("phase_field");
        c.rejectUnknown("temperature");
        double t = c.positive("temperature", 400);
        FitChoice fc = FitChoice.read(pc.stage("free_energy")); // the same μ(x) model as the free-energy stage
        ObjectNode mu = StageRecord.read(muDir), itf = StageRecord.read(ifDir), diff = StageRecord.read(diffDir);
        JsonNode tn = null;
        for (JsonNode q : mu.path("summary").path("temperatures")) if (Math.abs(q.get("T_K").asDouble() - t) < 1e-6) tn = q;
        if (tn == null) throw c.error("temperature", t + " K is not one of the μ stage's temperatures");
        double[][] p = muPoints(tn);
        double[] x = p[0], m = p[1], s = p[2];
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        sum.put("T_K", t);
        double gamma = itf.path("summary").path("gamma_eV_per_A2").asDouble();
        double dPoor = diffusivityAt(diff, 0.0, t), dRich = diffusivityAt(diff, 2.0, t);
        sum.put("gamma_eV_per_A2", gamma).put("D_poor_A2_per_ps", dPoor).put("D_rich_A2_per_ps", dRich);
        if (x.length < 3) { sum.put("gap", false).put("note", "fewer than 3 μ(x) points"); return sum; }
        FreeEnergy.Result fe = fc.analyse(t, x, m, s, 20001, 0, 1);
        Structure proto = StructureSpec.pba(0.0, new int[] {1, 1, 1}, 1).build();
        double siteVolume = proto.cell().volume() / (2.0 * proto.count(FE)); // Å³ per Na site
        sum.put("site_volume_A3", siteVolume).put("model", fe.model().describe());
        // a "gap" spanning the whole range (μ falling everywhere) has no end phases to build an interface between
        boolean degenerate = !fe.binodal().isEmpty() && (fe.binodal().get(0).a() < 1e-4 || fe.binodal().get(0).b() > 1 - 1e-4);
        if (fe.binodal().isEmpty() || degenerate || !(gamma > 0) || !(dPoor > 0) || !(dRich > 0)) {
            sum.put("gap", !fe.binodal().isEmpty());
            if (degenerate) {
                sum.put("note", "the fitted μ(x) decreases over the whole range (binodal " + fe.binodal().get(0).a() + "–" + fe.binodal().get(0).b()
                        + "): no bounded two-phase region; the P2D stage keeps the template's inputs");
                return sum;
            }
            sum.put("note", fe.binodal().isEmpty() ? "no miscibility gap at " + t + " K: no two-phase interface; the P2D stage keeps the template's phase-field inputs"
                    : "interfacial energy or diffusivities unusable (γ = " + gamma + ", D = " + dPoor + ", " + dRich + "); the P2D stage keeps the template's inputs");
            return sum;
        }
        var gap = fe.binodal().get(0);
        PhaseFieldParameters.Result r = PhaseFieldParameters.fromModel(fe.model(), gap, siteVolume, gamma, dPoor, dRich, java.util.Map.of("pipeline", pc.name));
        // the μ_hom table of the P2D cathode: the fitted μ(x) − μ_coex at this temperature
        PhaseFieldToP2d.writeMuTable(dir.resolve("mu_table.csv"), fe.model(), gap.muCoexistence(), t, "pipeline " + pc.name);
        outputs.add("mu_table.csv");
        sum.put("gap", true).put("parameters", true).put("binodal_poor", r.ca()).put("binodal_rich", r.cb()).put("mu_coexistence_eV", gap.muCoexistence())
                .put("kappa_eV_per_A", r.kappa()).put("kappa_J_per_m", r.kappaSI())
                .put("interface_width_A", r.interfaceWidth()).put("gamma_J_per_m2", r.gammaSI()).put("c_max_mol_per_m3", PhaseFieldToP2d.cMax(siteVolume))
                .put("mobility_poor_m2_per_s_J", PhaseFieldParameters.Result.mobilitySI(r.mobilityA()))
                .put("mobility_rich_m2_per_s_J", PhaseFieldParameters.Result.mobilitySI(r.mobilityB()))
                .put("spinodal_low", fe.spinodal().length > 0 ? fe.spinodal()[0] : Double.NaN)
                .put("spinodal_high", fe.spinodal().length > 0 ? fe.spinodal()[fe.spinodal().length - 1] : Double.NaN);
        return sum;
    }

    // ------------------------------------------------------------------ 9 P2D

    static ObjectNode p2d(PipelineConfig pc, Path dir, Path pfDir, Path diffDir, List<String> outputs, Progress pr) {
        ConfigReader c = pc.stage("p2d");
        c.rejectUnknown("template", "c_rates", "use_atomistic", "particle", "fickian_diffusivity", "duration_fraction", "settle_s", "max_voltage_drop_V");
        double settle = c.real("settle_s", 60, 0, 1e9), maxDrop = c.real("max_voltage_drop_V", 0.1, 0, 10);
        String particleModel = c.choice("particle", "template", "template", "fickian");
        double fickD = c.positive("fickian_diffusivity", 1e-14);
        double durationFraction = c.real("duration_fraction", 1.0, 1e-3, 10);
        Path template = c.path("template", true);
        if (template == null) throw c.error("template", "required: a P2D run file (see samples/mnfepba_p2d)");
        double[] rates = c.positives("c_rates", new double[] {0.1, 0.5, 1.0});
        boolean useAtomistic = c.bool("use_atomistic", true);
        String text;
        try {
            text = Files.readString(template);
        } catch (IOException e) {
            throw c.error("template", "cannot read " + template + ": " + e.getMessage());
        }
        var pm = java.util.regex.Pattern.compile("(?m)^\\s*parameters\\s*=\\s*\"([^\"]+)\"").matcher(text);
        if (!pm.find()) throw c.error("template", template + " has no parameters = \"file.json\" line");
        Path paramFile = template.toAbsolutePath().getParent().resolve(pm.group(1));
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        ObjectNode params;
        try {
            params = (ObjectNode) StageRecord.JSON.readTree(paramFile.toFile());
        } catch (IOException e) {
            throw c.error("template", "cannot read its parameters " + paramFile + ": " + e.getMessage());
        }
        ObjectNode pf = StageRecord.read(pfDir);
        ObjectNode particle = (ObjectNode) params.path("positive").path("particle");
        boolean applied = false, ch = particleModel.equals("template") && "cahn_hilliard".equals(particle.path("model").asText());
        double atomisticD = Double.NaN;
        JsonNode pq = pf == null ? null : pf.path("summary");
        if (useAtomistic && pq != null && pq.path("parameters").asBoolean(false) && particle.isObject()) {
            double dA = Units.a2psToM2s(pq.get("D_poor_A2_per_ps").asDouble()), dB = Units.a2psToM2s(pq.get("D_rich_A2_per_ps").asDouble());
            atomisticD = Math.sqrt(dA * dB);
            if (ch) {
                // the atomistic Cahn–Hilliard cathode: μ_hom = fitted μ(x) − μ_coex (table), γ and binodals (κ by Eq. 26),
                // c_max = 1/(Ω N_A), D(x) from the Arrhenius fits (mobility by Eq. 24), at the phase-field temperature
                try {
                    Files.copy(pfDir.resolve("mu_table.csv"), dir.resolve("mu_table.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                outputs.add("mu_table.csv");
                PhaseFieldToP2d.applyCathode(params, paramFile.toString(), "mu_table.csv", pq.get("binodal_poor").asDouble(), pq.get("binodal_rich").asDouble(),
                        pq.get("gamma_J_per_m2").asDouble(), pq.get("site_volume_A3").asDouble(), dA, dB, pq.get("T_K").asDouble());
                particle = (ObjectNode) params.path("positive").path("particle");
                sum.put("binodals", pq.get("binodal_poor").asDouble() + " – " + pq.get("binodal_rich").asDouble())
                        .put("c_max_mol_per_m3", params.path("positive").path("c_max").asDouble()).put("temperature_K", pq.get("T_K").asDouble());
            } else {
                particle.put("interfacial_energy_J_per_m2", pq.get("gamma_J_per_m2").asDouble());
                double mid = 0.5 * (pq.get("binodal_poor").asDouble() + pq.get("binodal_rich").asDouble());
                // log-linear switch of D across the gap (as the template's form), from the atomistic Arrhenius fits
                particle.put("diffusivity", String.format(Locale.ROOT, "exp(%.10g + (%.10g - %.10g)*0.5*(1 + tanh((sto - %.6f)/0.05)))",
                        Math.log(dA), Math.log(dB), Math.log(dA), mid));
            }
            applied = true;
        }
        if (particleModel.equals("fickian") && particle.isObject() && particle.has("mu_homogeneous")) {
            // homogeneous cathode: OCP U(sto) = E0 − μ_hom(sto)/F (the Cahn–Hilliard model's equilibrium potential)
            // with Fickian transport; much cheaper than resolving the moving interface
            double f = params.path("constants").path("F").asDouble(Units.FARADAY);
            ((ObjectNode) params.path("positive")).put("ocp", String.format(Locale.ROOT, "%.12g - (%s)/%.12g",
                    particle.get("E0").asDouble(), particle.get("mu_homogeneous").asText(), f));
            particle.put("model", "fickian");
            // one effective chemical diffusivity (m²/s): the template's D(x) is a Cahn–Hilliard tracer-like input
            // (down to 1e-18 m²/s in the rich phase), which a homogeneous particle cannot use
            particle.put("diffusivity", Double.toString(applied ? atomisticD : fickD)); // atomistic: geometric mean of D_poor, D_rich
            sum.put("particle", "fickian (homogeneous OCP from the template's mu_homogeneous)");
        } else {
            sum.put("particle", particle.path("model").asText("template") + (applied && ch ? " (atomistic μ(x), γ, c_max, D(x))" : ""));
        }
        sum.put("atomistic_inputs_applied", applied);
        if (!applied) sum.put("note", "template's continuum inputs used unchanged (no usable phase-field parameters upstream or use_atomistic = false)");
        Path pjson = dir.resolve("parameters.json");
        writeJson(pjson, params);
        outputs.add("parameters.json");
        ArrayNode arr = sum.putArray("runs");
        JsonNode posJ = params.path("positive");
        // Na the cathode can give up on charge (Ah/m²): L ε_am c_max sto_0 F / 3600
        double cathodeCap = posJ.path("thickness").asDouble() * posJ.path("active_fraction").asDouble() * posJ.path("c_max").asDouble()
                * posJ.path("initial_stoichiometry").asDouble(1) * params.path("constants").path("F").asDouble(Units.FARADAY) / 3600;
        for (double rate : rates) {
            String tag = String.format(Locale.ROOT, "C%.3g", rate).replace('.', 'p');
            Path runDir = dir.resolve(tag);
            String t2 = pm.replaceFirst("parameters = \"" + pjson.toAbsolutePath().toString().replace("\\", "/") + "\"");
            t2 = scaleRates(t2, rate, durationFraction);
            t2 = t2.replaceAll("(?m)^(\\s*directory\\s*=\\s*)\"[^\"]*\"", "$1\"" + tag + "\"");
            Path runFile = dir.resolve(tag + ".toml");
            AtomicFiles.writeString(runFile, t2);
            P2dConfig pc2 = P2dConfig.load(runFile);
            P2dResult r = pc2.buildSimulation().run(pc2.protocol, pr);
            P2dOutputWriter.writeAll(r, runDir, true, true, false);
            double[] v = r.voltage(), q = r.throughput();
            double vmin = Double.MAX_VALUE, vmax = -Double.MAX_VALUE, vq = 0;
            for (int i = 0; i < v.length; i++) {
                vmin = Math.min(vmin, v[i]); vmax = Math.max(vmax, v[i]);
                if (i > 0) vq += 0.5 * (v[i] + v[i - 1]) * Math.abs(q[i] - q[i - 1]);
            }
            double cap = Math.abs(q[q.length - 1]);
            double drop = maxVoltageDrop(r.time(), v, settle);
            ObjectNode ro = arr.addObject().put("c_rate", rate).put("capacity_Ah_per_m2", cap).put("mean_voltage_V", cap > 0 ? vq / cap : Double.NaN)
                    .put("v_min_V", vmin).put("v_max_V", vmax).put("outputs", r.size()).put("max_voltage_drop_V", drop)
                    .put("cathode_capacity_Ah_per_m2", cathodeCap);
            // sanity (the stage fails rather than hand on nonsense): a charge raises the voltage — beyond the first
            // settle seconds it may dip only by the nucleation overshoot of Cahn–Hilliard particles that transform one
            // after another (68 mV at 3C in the quick sample; default bound 0.1 V) — and the charge passed is positive
            // and at most the Na the cathode holds
            if (!(cap > 0) || cap > 1.001 * cathodeCap || !(drop <= maxDrop) || !Double.isFinite(vmin) || !Double.isFinite(vmax))
                throw new ScaleBridgeException(String.format(Locale.ROOT, "P2D run at %.3g C is not sane: capacity %.5g Ah/m² (cathode holds %.5g), "
                        + "largest voltage drop after %.0f s %.4g V (allowed %.3g V), V in [%.4f, %.4f]; see %s", rate, cap, cathodeCap, settle, drop, maxDrop, vmin, vmax, runDir));
            ro.put("sane", true);
            outputs.add(tag + ".toml");
            try (var st = Files.list(runDir)) {
                for (Path f : st.filter(Files::isRegularFile).sorted().toList()) outputs.add(dir.relativize(f).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum;
    }

    /** Largest fall of V below its running maximum after t = settle (a monotone charging curve gives 0). */
    static double maxVoltageDrop(double[] t, double[] v, double settle) {
        double top = -Double.MAX_VALUE, drop = 0;
        for (int i = 0; i < v.length; i++) {
            if (t[i] < t[0] + settle) continue;
            top = Math.max(top, v[i]);
            drop = Math.max(drop, top - v[i]);
        }
        return drop;
    }

    /** Every {@code c_rate = v} becomes sign(v)·rate; every {@code duration_s = d} is scaled by fraction·|v_first|/rate. */
    static String scaleRates(String text, double rate, double fraction) {
        var m = java.util.regex.Pattern.compile("(?m)^(\\s*c_rate\\s*=\\s*)([-+0-9.eE]+)").matcher(text);
        double first = Double.NaN;
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            if (Double.isNaN(first)) first = Math.abs(v);
            m.appendReplacement(b, m.group(1) + Math.copySign(rate, v));
        }
        m.appendTail(b);
        if (Double.isNaN(first) || first == 0) return b.toString();
        double f = fraction * first / rate;
        var d = java.util.regex.Pattern.compile("(?m)^(\\s*duration_s\\s*=\\s*)([-+0-9.eE]+)").matcher(b.toString());
        StringBuilder b2 = new StringBuilder();
        while (d.find()) d.appendReplacement(b2, d.group(1) + Double.parseDouble(d.group(2)) * f);
        d.appendTail(b2);
        return b2.toString();
    }

    // ------------------------------------------------------------------ json helpers

    static void writeJson(Path f, JsonNode o) {
        try {
            AtomicFiles.writeString(f, StageRecord.JSON.writeValueAsString(o) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode readJson(Path f) {
        try {
            return (ObjectNode) StageRecord.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
