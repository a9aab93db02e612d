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
import org.scalebridge.md.MdSystem;
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
 * adds the files it wrote to {@code outputs}. The larger stages have their own classes: {@link ProductionStage} (with the
 * production-candidate pool of the outer loop), {@link MuStage} and {@link P2dStage}.
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
        c.rejectUnknown("config", "production_candidates", "production_rounds");
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
        ActiveLearning al = new ActiveLearning(lc, ReferenceFactory.build(lc.reference));
        Path pcf = pc.project.resolve(ProductionStage.PRODUCTION_CANDIDATES);
        List<Structure> pool = ProductionStage.usesProductionCandidates(pc) && Files.exists(pcf) ? Formats.read(pcf) : List.of();
        int consumed = Math.min(ProductionStage.consumedProductionCandidates(dir), pool.size());
        List<Structure> fromProduction = pool.subList(consumed, pool.size());
        if (!fromProduction.isEmpty()) {
            pr.log(String.format(Locale.ROOT, "%d configurations flagged by the production runs' γ watch (%s) join the next sampling iteration's candidates",
                    fromProduction.size(), ProductionStage.PRODUCTION_CANDIDATES));
            al.extraCandidates(fromProduction);
        }
        ActiveLearning.Result r = al.run(pr);
        if (pr.isCancelled()) return null;
        AtomicFiles.writeString(dir.resolve(ProductionStage.CONSUMED), pool.size() + "\n");
        if (pr.isCancelled()) return null;
        LearnReport.Summary rep = LearnReport.write(dir, true);
        outputs.add("final.mtp");
        outputs.add("dataset.extxyz");
        outputs.add("iterations.csv");
        outputs.add("report/report.json");
        ObjectNode s = StageRecord.JSON.createObjectNode();
        s.put("production_candidates", fromProduction.size()).put("production_candidates_total", pool.size());
        s.put("iterations", r.iterations().size()).put("converged", r.converged()).put("dataset", rep.configurations())
                .put("energy_rmse_eV_per_atom", rep.energyPerAtom().rmse()).put("energy_r2", rep.energyPerAtom().r2())
                .put("force_rmse_eV_per_A", rep.forces().rmse()).put("force_r2", rep.forces().r2());
        return s;
    }


    // ------------------------------------------------------------------ 4 MSD / Arrhenius

    /** Plausible range of an ion-hopping activation energy (eV): outside it an Arrhenius fit is reported but flagged unusable. */
    static final double EA_MIN = 0.02, EA_MAX = 2.0;

    static ObjectNode diffusion(PipelineConfig pc, Path dir, Path prodDir, List<String> outputs) {
        ConfigReader c = pc.stage("diffusion");
        c.rejectUnknown("blocks", "extrapolate_K");
        int blocks = c.integer("blocks", 4, 2, 1000);
        double tx = c.positive("extrapolate_K", 300);
        ObjectNode prod = StageRecord.read(prodDir);
        java.util.TreeMap<Double, List<double[]>> byX = new java.util.TreeMap<>();
        java.util.TreeMap<Double, ArrayNode> pointsByX = new java.util.TreeMap<>();
        StringBuilder csv = new StringBuilder("x,T (K),D,sigma_D,window_start_ps,window_end_ps,usable,diffusive,note\n");
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        for (JsonNode run : prod.path("summary").path("runs")) {
            double x = run.get("x").asDouble(), t = run.get("temperature_K").asDouble();
            if (run.has("stopped")) { // an extrapolating or diverging run: no trajectory to trust
                String why = "03-production stopped this run (" + run.path("stop_reason").asText() + " at step " + run.path("stop_step").asLong()
                        + "): " + run.get("stopped").asText();
                pointsByX.computeIfAbsent(x, kk -> StageRecord.JSON.createArrayNode()).addObject().put("T_K", t).put("usable", false)
                        .putNull("D_A2_per_ps").put("reason", why);
                csv.append(String.format(Locale.ROOT, "%.4f,%.2f,,,,,false,false,\"%s\"%n", x, t, why.replace('"', '\'')));
                continue;
            }
            Path traj = prodDir.resolve(String.format(Locale.ROOT, "md-x%.3f-T%.0f.extxyz", x, t));
            double dtPs = run.get("timestep_fs").asDouble() * 1e-3;
            FrameSeries fs = TrajectoryFiles.readSeries(traj, dtPs, 1);
            int[] na = fs.select(new int[] {NA});
            if (na.length == 0) continue;
            Msd.Options o = new Msd.Options(na, true, 0, blocks);
            MsdResult m = Msd.allOriginsFft(fs, o, null);
            Einstein.Fit f = Einstein.fit(m, 3, null, 0.1, 0.5);
            ObjectNode q = pointsByX.computeIfAbsent(x, k -> StageRecord.JSON.createArrayNode()).addObject();
            q.put("T_K", t);
            // a D from the Einstein slope is a diffusivity only when it is positive with a finite block error: a slope
            // ≤ 0 means MSD did not grow over the window — Na rattles in its cage, no diffusive regime was sampled
            String problem = null;
            if (!(f.d() > 0) || !Double.isFinite(f.d()))
                problem = String.format(Locale.ROOT, "no diffusive regime: the Einstein slope of the Na MSD over %.3g–%.3g ps is %.3g Å²/ps (≤ 0); Na did not leave its cage "
                        + "in this run (longer run or higher T needed)", f.tStart(), f.tEnd(), f.d());
            else if (!(f.sigmaD() > 0) || !Double.isFinite(f.sigmaD()))
                problem = "D = " + f.d() + " Å²/ps has no finite block error (σ_D = " + f.sigmaD() + ")";
            boolean usable = problem == null;
            q.put("usable", usable).put("diffusive", f.diffusive()).put("window_start_ps", f.tStart()).put("window_end_ps", f.tEnd());
            String note = problem;
            if (usable) {
                q.put("D_A2_per_ps", f.d()).put("sigma_D", f.sigmaD()).put("D_m2_per_s", Units.a2psToM2s(f.d()));
                List<String> w = new ArrayList<>();
                if (!f.diffusive()) w.add("no window with MSD ∝ t was found (fitted the upper half of the lags): D is a rough estimate");
                if (f.sigmaD() >= f.d()) w.add("σ_D ≥ D: not resolved from zero");
                if (!w.isEmpty()) q.put("warning", note = String.join("; ", w));
                byX.computeIfAbsent(x, k -> new ArrayList<>()).add(new double[] {t, f.d(), f.sigmaD()});
            } else {
                q.putNull("D_A2_per_ps").put("reason", problem);
            }
            csv.append(String.format(Locale.ROOT, "%.4f,%.2f,%s,%s,%.5g,%.5g,%b,%b,\"%s\"%n", x, t, usable ? String.format(Locale.ROOT, "%.8g", f.d()) : "",
                    usable ? String.format(Locale.ROOT, "%.8g", f.sigmaD()) : "", f.tStart(), f.tEnd(), usable, f.diffusive(), note == null ? "" : note.replace('"', '\'')));
        }
        AtomicFiles.writeString(dir.resolve("diffusion.csv"), csv.toString());
        outputs.add("diffusion.csv");
        ArrayNode arr = sum.putArray("arrhenius");
        for (var e : pointsByX.entrySet()) {
            List<double[]> pts = byX.getOrDefault(e.getKey(), List.of());
            ObjectNode o = arr.addObject();
            o.put("x", e.getKey());
            o.set("points", e.getValue());
            long temps = pts.stream().mapToDouble(p -> p[0]).distinct().count();
            if (temps >= 2) {
                double[] t = pts.stream().mapToDouble(p -> p[0]).toArray(), d = pts.stream().mapToDouble(p -> p[1]).toArray();
                double[] s = pts.stream().mapToDouble(p -> p[2]).toArray();
                Arrhenius.Fit f = Arrhenius.fit(t, d, s, 0.05); // D = D0 exp(-Ea/kT), Eq. 3
                o.put("Ea_eV", f.ea()).put("sigma_Ea_eV", f.sigmaEa()).put("D0_A2_per_ps", f.d0())
                        .put("D_extrapolated_A2_per_ps", f.predict(tx)).put("extrapolated_T_K", tx)
                        .put("D_extrapolated_m2_per_s", Units.a2psToM2s(f.predict(tx)));
                // hopping barriers of Na in PBAs are tenths of an eV; a fit outside [EA_MIN, EA_MAX] (e.g. D falling
                // with T) is no activation energy, and an unresolved one (σ > Ea) is flagged
                // with σ_Ea ≥ Ea the extrapolation to the cell temperature is uncertain by orders of magnitude: not used either
                boolean plausible = f.ea() >= EA_MIN && f.ea() <= EA_MAX && Double.isFinite(f.sigmaEa()) && Double.isFinite(f.d0()) && f.d0() > 0;
                boolean resolved = f.sigmaEa() < f.ea();
                o.put("usable", plausible && resolved);
                if (!plausible)
                    o.put("reason", String.format(Locale.ROOT, "Ea = %.4g ± %.3g eV outside the plausible range [%.2f, %.1f] eV of ion hopping (D does not rise with T as an activated process)",
                            f.ea(), f.sigmaEa(), EA_MIN, EA_MAX));
                else if (!resolved)
                    o.put("reason", String.format(Locale.ROOT, "Ea = %.3g ± %.3g eV not resolved (σ_Ea ≥ Ea): D at the cell temperature would be uncertain by a factor e^(σ/kT)",
                            f.ea(), f.sigmaEa()));
                else {
                    List<String> w = new ArrayList<>();
                    long rough = java.util.stream.StreamSupport.stream(e.getValue().spliterator(), false)
                            .filter(q -> q.path("usable").asBoolean() && !q.path("diffusive").asBoolean(true)).count();
                    if (rough > 0) w.add(rough + " of its points had no window with MSD ∝ t");
                    if (!w.isEmpty()) o.put("warning", String.join("; ", w));
                }
            } else {
                o.put("usable", false).put("reason", "Arrhenius fit needs usable D at ≥ 2 temperatures, got " + temps
                        + (pts.size() < e.getValue().size() ? " (the others: " + reasons(e.getValue()) + ")" : ""));
            }
        }
        return sum;
    }

    private static String reasons(ArrayNode points) {
        StringBuilder b = new StringBuilder();
        for (JsonNode q : points)
            if (!q.path("usable").asBoolean()) b.append(b.length() > 0 ? "; " : "").append(q.path("T_K").asDouble()).append(" K: ").append(q.path("reason").asText());
        return b.toString();
    }

    /** True for an Arrhenius entry the P2D may use (older records without the flag: when it has an Ea). */
    static boolean usableFit(JsonNode o) { return o.has("Ea_eV") && o.path("usable").asBoolean(true); }

    /** D (Å²/ps) of the usable Arrhenius fit at T for the composition closest to x, or NaN. */
    static double diffusivityAt(ObjectNode diff, double x, double t) {
        JsonNode best = null;
        for (JsonNode o : diff.path("summary").path("arrhenius"))
            if (usableFit(o) && (best == null || Math.abs(o.get("x").asDouble() - x) < Math.abs(best.get("x").asDouble() - x))) best = o;
        if (best == null) return Double.NaN;
        double d0 = best.get("D0_A2_per_ps").asDouble(), ea = best.get("Ea_eV").asDouble();
        return d0 * Math.exp(-ea / (Units.KB_EV_PER_K * t));
    }

    /** Why the diffusion stage gave no usable Arrhenius fit (names the stage and the numbers). */
    static String diffusionProblem(ObjectNode diff) {
        if (diff == null) return "04-diffusion has no record";
        StringBuilder b = new StringBuilder("04-diffusion has no usable Arrhenius fit");
        for (JsonNode o : diff.path("summary").path("arrhenius"))
            b.append("; x = ").append(o.path("x").asDouble()).append(": ").append(o.path("reason").asText(o.has("Ea_eV") ? "Ea = " + o.get("Ea_eV").asDouble() + " eV" : "no fit"));
        return b.toString();
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
        // an interfacial energy is a penalty: γ ≤ 0 (or not finite) means the fit resolved no interface — the excess of
        // the two-phase cells is then dominated by the volume (coherency/charge-state) term — and it is no input for κ
        String problem = interfaceProblem(r.gammaJPerM2(), r.sigmaGammaJPerM2(), r.strainGPa());
        s.put("usable", problem == null);
        if (problem != null) s.put("reason", problem);
        return s;
    }

    private static double sq(double a) { return a * a; }

    /** Null when γ (J/m²) is a usable interfacial energy, else why not (names the stage and the numbers). */
    static String interfaceProblem(double gammaSI, double sigmaSI, double strainGPa) {
        if (Double.isFinite(gammaSI) && gammaSI > 0) return null;
        return String.format(Locale.ROOT, "05-interface: γ = %.4g ± %.2g J/m² is not a positive interfacial energy (Eqs. 4–5 intercept; the volume term, "
                + "ε = %.3g GPa, carries the two-phase cells' excess): no interface penalty resolved with this potential", gammaSI, sigmaSI, strainGPa);
    }

    /** {@link #interfaceProblem(double, double, double)} of an interface stage record (null record: missing). */
    static String interfaceProblem(ObjectNode itf) {
        if (itf == null) return "05-interface has no record";
        JsonNode s = itf.path("summary");
        double g = s.path("gamma_J_per_m2").asDouble(Units.evPerA2ToJPerM2(s.path("gamma_eV_per_A2").asDouble(Double.NaN)));
        return interfaceProblem(g, s.path("sigma_gamma_eV_per_A2").isNumber() ? Units.evPerA2ToJPerM2(s.get("sigma_gamma_eV_per_A2").asDouble()) : Double.NaN,
                s.path("strain_GPa").asDouble(Double.NaN));
    }

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

    /**
     * Stage 8: decides what the atomistic stages can give the P2D cathode and records it as {@code cathode}:
     * <ul>
     * <li>{@code "cahn_hilliard"}: the fitted μ(x) has a bounded miscibility gap and γ &gt; 0, D &gt; 0 are usable —
     *     μ − μ_coex table ({@code mu_table.csv}), binodals, κ (Eq. 26), mobilities (Eq. 24), c_max;</li>
     * <li>{@code "homogeneous"}: no gap and the fitted μ(x) rises monotonically over the whole site range, with usable
     *     Arrhenius fits — the absolute μ(x) table ({@code mu_fit.csv}) and D(x) at this temperature for a Fickian
     *     particle whose OCP is that μ(x) (the P2D stage converts it with the Na reference);</li>
     * <li>{@code "unusable"} otherwise, with {@code unusable_reason} naming the upstream stage and the offending number.</li>
     * </ul>
     */
    static ObjectNode phaseField(PipelineConfig pc, Path dir, Path muDir, Path ifDir, Path diffDir, List<String> outputs) {
        ConfigReader c = pc.stage("phase_field");
        c.rejectUnknown("temperature");
        double t = c.positive("temperature", 400);
        FitChoice fc = FitChoice.read(pc.stage("free_energy")); // the same μ(x) model as the free-energy stage
        ObjectNode mu = StageRecord.read(muDir), itf = StageRecord.read(ifDir), diff = StageRecord.read(diffDir);
        if (mu == null) throw new ScaleBridgeException("phase-field stage: the μ stage (" + muDir + ") has no record");
        JsonNode tn = null;
        for (JsonNode q : mu.path("summary").path("temperatures")) if (Math.abs(q.get("T_K").asDouble() - t) < 1e-6) tn = q;
        if (tn == null) throw c.error("temperature", t + " K is not one of the μ stage's temperatures");
        double[][] p = muPoints(tn);
        double[] x = p[0], m = p[1], s = p[2];
        ObjectNode sum = StageRecord.JSON.createObjectNode();
        sum.put("T_K", t);
        double gamma = itf == null ? Double.NaN : itf.path("summary").path("gamma_eV_per_A2").asDouble(Double.NaN);
        String gammaProblem = interfaceProblem(itf);
        double dPoor = diff == null ? Double.NaN : diffusivityAt(diff, 0.0, t), dRich = diff == null ? Double.NaN : diffusivityAt(diff, 2.0, t);
        ArrayNode dTable = StageRecord.JSON.createArrayNode();
        if (diff != null)
            for (JsonNode o : diff.path("summary").path("arrhenius")) {
                if (!usableFit(o)) continue;
                double d = o.get("D0_A2_per_ps").asDouble() * Math.exp(-o.get("Ea_eV").asDouble() / (Units.KB_EV_PER_K * t));
                dTable.addObject().put("x", o.get("x").asDouble()).put("site_fraction", o.get("x").asDouble() / 2) // 2 Na sites per formula unit
                        .put("D_A2_per_ps", d).put("D_m2_per_s", Units.a2psToM2s(d)).put("Ea_eV", o.get("Ea_eV").asDouble());
            }
        String dProblem = dTable.isEmpty() ? diffusionProblem(diff) : null;
        sum.put("gamma_eV_per_A2", gamma).put("gamma_usable", gammaProblem == null).put("D_poor_A2_per_ps", dPoor).put("D_rich_A2_per_ps", dRich);
        // every upstream problem, also those the decision below does not need to name
        if (gammaProblem != null) sum.put("gamma_problem", gammaProblem);
        if (dProblem != null) sum.put("diffusion_problem", dProblem);
        sum.set("diffusivities", dTable);
        Structure proto = StructureSpec.pba(0.0, new int[] {1, 1, 1}, 1).build();
        double siteVolume = proto.cell().volume() / (2.0 * proto.count(FE)); // Å³ per Na site
        sum.put("site_volume_A3", siteVolume).put("c_max_mol_per_m3", PhaseFieldToP2d.cMax(siteVolume)).put("stable_mu_points", x.length);
        if (x.length < 3) return unusable(sum, "06-mu: only " + x.length + " stable μ(x) points at " + t + " K (the fit needs ≥ 3)");
        FreeEnergy.Result fe = fc.analyse(t, x, m, s, 20001, 0, 1);
        sum.put("model", fe.model().describe());
        boolean hasGap = !fe.binodal().isEmpty();
        // a "gap" spanning the whole range (μ falling everywhere) has no end phases to build an interface between
        boolean degenerate = hasGap && (fe.binodal().get(0).a() < 1e-4 || fe.binodal().get(0).b() > 1 - 1e-4);
        if (hasGap && !degenerate) {
            var gap = fe.binodal().get(0);
            sum.put("gap", true).put("binodal_poor", gap.a()).put("binodal_rich", gap.b()).put("mu_coexistence_eV", gap.muCoexistence());
            if (gammaProblem != null) return unusable(sum, gammaProblem);
            if (!(dPoor > 0) || !(dRich > 0)) return unusable(sum, dProblem != null ? dProblem : "04-diffusion: D_poor = " + dPoor + ", D_rich = " + dRich + " Å²/ps at " + t + " K");
            PhaseFieldParameters.Result r = PhaseFieldParameters.fromModel(fe.model(), gap, siteVolume, gamma, dPoor, dRich, java.util.Map.of("pipeline", pc.name));
            // the μ_hom table of the P2D cathode: the fitted μ(x) − μ_coex at this temperature
            PhaseFieldToP2d.writeMuTable(dir.resolve("mu_table.csv"), fe.model(), gap.muCoexistence(), t, "pipeline " + pc.name);
            outputs.add("mu_table.csv");
            sum.put("cathode", "cahn_hilliard").put("parameters", true).put("binodal_poor", r.ca()).put("binodal_rich", r.cb())
                    .put("kappa_eV_per_A", r.kappa()).put("kappa_J_per_m", r.kappaSI())
                    .put("interface_width_A", r.interfaceWidth()).put("gamma_J_per_m2", r.gammaSI())
                    .put("mobility_poor_m2_per_s_J", PhaseFieldParameters.Result.mobilitySI(r.mobilityA()))
                    .put("mobility_rich_m2_per_s_J", PhaseFieldParameters.Result.mobilitySI(r.mobilityB()))
                    .put("spinodal_low", fe.spinodal().length > 0 ? fe.spinodal()[0] : Double.NaN)
                    .put("spinodal_high", fe.spinodal().length > 0 ? fe.spinodal()[fe.spinodal().length - 1] : Double.NaN);
            return sum;
        }
        sum.put("gap", false);
        if (degenerate)
            return unusable(sum, String.format(Locale.ROOT, "06-mu/07-free-energy: the fitted μ(x) falls over the whole range (common tangent %.3g–%.3g, μ_coex = %.4g eV): "
                    + "no bounded two-phase region and no rising OCP", fe.binodal().get(0).a(), fe.binodal().get(0).b(), fe.binodal().get(0).muCoexistence()));
        // no gap: a homogeneous cathode needs μ(x) rising everywhere on the table grid (a falling stretch without a
        // bounded gap is an unstable OCP the P2D cannot use)
        double minSlope = Double.POSITIVE_INFINITY, xMin = Double.NaN;
        int n = PhaseFieldToP2d.TABLE_POINTS - 1;
        for (int k = 0; k <= n; k++) {
            double xi = 1e-4 + (1 - 2e-4) * k / n, d = fe.model().dmu(xi);
            if (!(d >= minSlope)) { minSlope = d; xMin = xi; }
        }
        sum.put("min_dmu_dx_eV", minSlope).put("x_at_min_dmu_dx", xMin);
        if (!(minSlope > 0))
            return unusable(sum, String.format(Locale.ROOT, "06-mu/07-free-energy: the fitted μ(x) falls (dμ/dx = %.4g eV at x = %.3f) without a bounded miscibility gap", minSlope, xMin));
        if (dProblem != null) return unusable(sum, dProblem);
        PhaseFieldToP2d.writeMuTable(dir.resolve("mu_fit.csv"), fe.model(), 0.0, t, "pipeline " + pc.name + " (absolute μ, no gap)");
        outputs.add("mu_fit.csv");
        sum.put("cathode", "homogeneous").put("parameters", false).put("mu_low_eV", fe.model().mu(1e-4)).put("mu_high_eV", fe.model().mu(1 - 1e-4));
        return sum;
    }

    private static ObjectNode unusable(ObjectNode sum, String reason) {
        sum.put("cathode", "unusable").put("parameters", false).put("unusable_reason", reason);
        return sum;
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
