package org.scalebridge.learn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;
import org.scalebridge.learn.reference.Screening;
import org.scalebridge.structure.Elements;

/**
 * The active-learning run, read from TOML and validated (every error names the file and field). Units: K, eV, Å, fs.
 * <pre>
 * seed = 1
 * output = "al"                          # project folder of the loop (relative to this file)
 * [mtp]
 * species = ["Na", "Mn", "Fe", "C", "N"]  # MTP type order
 * level = 6
 * min_dist = 1.0
 * max_dist = 5.0
 * radial_basis_size = 8
 * train_iterations = 300                  # first fit
 * retrain_iterations = 150                # warm-started refits
 * final_iterations = 0                    # &gt; 0: when an iteration selects nothing, one more warm-started fit of this
 *                                         # many iterations on the final dataset (0: keep the last fit); also the
 *                                         # fit of the last iteration max_iterations allows
 * tolerance = 1e-3
 * threads = 2
 * grade_mode = "nbh"                      # nbh (per-neighbourhood grade; needed for local cells) or cfg
 * energy_weight = 1.0                     # loss weights (MLIP's defaults 1 / 0.01 / 0.001): w_E/N^s (E − E*)²
 * force_weight = 0.01                     #   + w_F Σ|F − F*|² + w_S/N^s ‖W − W*‖², s = weight_scaling
 * stress_weight = 0.001
 * weight_scaling = 1.0                    # s: 0 weights per-cell energy errors, 1 (MLIP) per atom × N, 2 per atom
 * [pretrain]
 * dataset = "train.extxyz"                # extxyz, MLIP .cfg, OUTCAR or vasprun.xml with energies and forces
 * compositions = [0.0, 1.0, 2.0]          # or short reference MD of PBA cells at these x
 * supercell = [1, 1, 1]
 * temperature = 600.0
 * steps = 300
 * every = 50                              # snapshot stride
 * pairs = false                           # also label each snapshot's N ± 1 partner (one Na added at the emptiest
 *                                         # cage centre, or removed at random when all cages are full)
 * timestep_fs = 1.0
 * pressure_bar = 1.0                      # optional: MD under stochastic cell rescaling at this pressure (default:
 *                                         # the built cell, NVT); the builder's cells are the paper's DFT lattice,
 *                                         # not the reference potential's density
 * [sampling]
 * structure = { x = 1.0 }                 # or { file = "start.extxyz" }
 * temperatures = [300.0, 600.0]
 * mu = [-3.0, -2.0]                       # Na chemical potentials (eV): the sampler grid is T × μ
 * canonical_x = [1.0, 1.5]                # optional fixed-N samplers (no exchanges) at these x …
 * canonical_temperatures = [800.0, 1200.0] # … and temperatures (default: temperatures), e.g. production's conditions
 * exchange = "Na"
 * cycles = 20                             # GCMC–MD cycles per sampler and iteration
 * md_steps = 20
 * timestep_fs = 1.0
 * exchanges = 5
 * translations = 5
 * overlap_cutoff = 1.6
 * pressure_bar = 1.0                      # optional: the GCMC–MD segments at constant pressure (default: NVT)
 * [selection]
 * gamma_select = 2.0                      # 2 &lt; γ &lt; 10: candidate
 * gamma_stop = 10.0                       # γ &gt; 10: stop that sampler
 * maxvol_threshold = 1.001
 * similarity = 0.02                       # candidates closer than this (relative descriptor distance) are duplicates
 * max_per_iteration = 30
 * max_iterations = 12
 * [local]                                 # local active learning for large boxes
 * enabled = false
 * min_atoms = 300                         # cut only boxes with more atoms
 * radius = 6.0                            # half edge of the cubic cell cut around the highest-γ atom (Å)
 * core = 3.5                              # atoms within this distance are never removed (Å)
 * min_distance = 1.2                      # atoms closer across the new boundary are removed (Å)
 * [reference]
 * calculator = "surrogate"                # surrogate | cp2k | qe | vasp | lammps (external codes: see ReferenceFactory)
 * threads = 1
 * max_force = 150.0                       # screening (eV/Å)
 * max_energy = 0.0                        # screening (eV)
 * </pre>
 */
public final class LearnConfig {
    public final Path source;
    /** The loop's project folder (the pipeline points it into its own project). */
    public Path output;
    public final long seed;
    // mtp
    public final int[] typeToZ;
    public final int level, radialBasisSize, trainIterations, retrainIterations, finalIterations, threads;
    public final double minDist, maxDist, tolerance;
    public final boolean nbhGrades;
    public final double energyWeight, forceWeight, stressWeight, weightScaling;
    // pretraining
    public final Path dataset;
    public final double[] compositions;
    public final int[] pretrainSupercell;
    public final double pretrainTemperature, pretrainTimestepFs;
    public final int pretrainSteps, pretrainEvery;
    public final boolean pretrainPairs;
    /** Pressure (bar) of the pre-training / sampling MD under stochastic cell rescaling; NaN: fixed cell (NVT). */
    public final double pretrainPressureBar, samplingPressureBar;
    // sampling
    public final StructureSpec start;
    public final double[] temperatures, mus;
    /**
     * Fixed-N samplers (no exchange moves): Na contents x of PBA cells and their temperatures, so that the conditions a
     * production run visits (fixed x, high T) are sampled too; the grand-canonical samplers drift to their own N.
     */
    public final double[] canonicalX, canonicalTemperatures;
    public final int exchangeZ, cycles, mdSteps, exchanges, translations;
    public final double timestepFs, overlapCutoff;
    // selection
    public final double gammaSelect, gammaStop, maxvolThreshold, similarity;
    public final int maxPerIteration, maxIterations;
    // local
    public final boolean local;
    public final int localMinAtoms;
    public final double localRadius, localCore, localMinDistance;
    // reference
    public final ConfigReader reference;
    public final int referenceThreads;
    public final Screening screening;

    private LearnConfig(ConfigReader c) {
        source = c.file();
        c.rejectUnknown("seed", "output", "mtp", "pretrain", "sampling", "selection", "local", "reference");
        seed = c.longValue("seed", 1);
        String out = c.string("output", "active-learning");
        output = c.dir().resolve(out);

        ConfigReader m = c.section("mtp");
        m.rejectUnknown("species", "level", "min_dist", "max_dist", "radial_basis_size", "train_iterations", "retrain_iterations", "final_iterations",
                "tolerance", "threads", "grade_mode", "energy_weight", "force_weight", "stress_weight", "weight_scaling");
        List<String> sp = m.strings("species", List.of("Na", "Mn", "Fe", "C", "N"));
        typeToZ = new int[sp.size()];
        for (int i = 0; i < sp.size(); i++) {
            var el = Elements.bySymbolOrNull(sp.get(i));
            if (el == null) throw m.error("species[" + i + "]", "unknown element " + sp.get(i));
            typeToZ[i] = el.z();
        }
        level = m.integer("level", 6, 2, 28);
        minDist = m.positive("min_dist", 1.0);
        maxDist = m.positive("max_dist", 5.0);
        if (!(maxDist > minDist)) throw m.error("max_dist", "must exceed min_dist (" + minDist + " Å)");
        radialBasisSize = m.integer("radial_basis_size", 8, 2, 40);
        trainIterations = m.integer("train_iterations", 300, 1, 1_000_000);
        retrainIterations = m.integer("retrain_iterations", 150, 1, 1_000_000);
        finalIterations = m.integer("final_iterations", 0, 0, 1_000_000);
        tolerance = m.positive("tolerance", 1e-3);
        threads = m.integer("threads", 2, 1, 1024);
        nbhGrades = m.choice("grade_mode", "nbh", "nbh", "cfg").equals("nbh");
        energyWeight = m.real("energy_weight", 1.0, 0, 1e12);
        forceWeight = m.real("force_weight", 0.01, 0, 1e12);
        stressWeight = m.real("stress_weight", 0.001, 0, 1e12);
        weightScaling = m.real("weight_scaling", 1.0, 0, 2);
        if (!(energyWeight + forceWeight + stressWeight > 0)) throw m.error("energy_weight", "at least one loss weight must be positive");

        ConfigReader p = c.section("pretrain");
        p.rejectUnknown("dataset", "compositions", "supercell", "temperature", "steps", "every", "timestep_fs", "pairs", "pressure_bar");
        dataset = p.path("dataset", true);
        compositions = p.reals("compositions", dataset == null ? new double[] {0.0, 1.0, 2.0} : new double[0]);
        for (int i = 0; i < compositions.length; i++)
            if (!(compositions[i] >= 0 && compositions[i] <= 2)) throw p.error("compositions[" + i + "]", "expected x in [0, 2]");
        pretrainSupercell = p.integers("supercell", new int[] {1, 1, 1});
        if (pretrainSupercell.length != 3) throw p.error("supercell", "expected three repetitions");
        pretrainTemperature = p.positive("temperature", 600);
        pretrainSteps = p.integer("steps", 300, 1, 100_000_000);
        pretrainEvery = p.integer("every", 50, 1, 100_000_000);
        pretrainTimestepFs = p.positive("timestep_fs", 1.0);
        pretrainPairs = p.bool("pairs", false);
        pretrainPressureBar = p.has("pressure_bar") ? p.real("pressure_bar", 1.0, -1e5, 1e6) : Double.NaN;
        if (dataset == null && pretrainSteps / pretrainEvery < 1) throw p.error("every", "no snapshot within steps");

        ConfigReader s = c.section("sampling");
        s.rejectUnknown("structure", "temperatures", "mu", "exchange", "cycles", "md_steps", "timestep_fs", "exchanges", "translations", "overlap_cutoff",
                "canonical_x", "canonical_temperatures", "pressure_bar");
        start = s.has("structure") ? StructureSpec.read(s.section("structure")) : StructureSpec.pba(1.0, new int[] {1, 1, 1}, 1);
        temperatures = s.positives("temperatures", new double[] {300, 600});
        mus = s.reals("mu", new double[] {-3.0, -2.0});
        String ex = s.string("exchange", "Na");
        var exEl = Elements.bySymbolOrNull(ex);
        if (exEl == null) throw s.error("exchange", "unknown element " + ex);
        exchangeZ = exEl.z();
        boolean found = false;
        for (int z : typeToZ) found |= z == exchangeZ;
        if (!found) throw s.error("exchange", ex + " is not one of the MTP species");
        cycles = s.integer("cycles", 20, 1, 100_000_000);
        mdSteps = s.integer("md_steps", 20, 0, 100_000_000);
        timestepFs = s.positive("timestep_fs", 1.0);
        exchanges = s.integer("exchanges", 5, 0, 1_000_000);
        translations = s.integer("translations", 5, 0, 1_000_000);
        overlapCutoff = s.real("overlap_cutoff", 1.6, 0, 10);
        canonicalX = s.reals("canonical_x", new double[0]);
        for (double x : canonicalX) if (!(x >= 0 && x <= 2)) throw s.error("canonical_x", "Na content must lie in [0, 2], got " + x);
        canonicalTemperatures = s.positives("canonical_temperatures", temperatures);
        if (canonicalX.length > 0 && start.file() != null)
            throw s.error("canonical_x", "fixed-N samplers build PBA cells; they need structure = { x = … } rather than a file");
        samplingPressureBar = s.has("pressure_bar") ? s.real("pressure_bar", 1.0, -1e5, 1e6) : Double.NaN;

        ConfigReader sel = c.section("selection");
        sel.rejectUnknown("gamma_select", "gamma_stop", "maxvol_threshold", "similarity", "max_per_iteration", "max_iterations");
        gammaSelect = sel.real("gamma_select", 2.0, 1.0, 1e9);
        gammaStop = sel.real("gamma_stop", 10.0, 1.0, 1e12);
        if (!(gammaStop > gammaSelect)) throw sel.error("gamma_stop", "must exceed gamma_select (" + gammaSelect + ")");
        maxvolThreshold = sel.real("maxvol_threshold", 1.001, 1.0, 1e6);
        similarity = sel.real("similarity", 0.02, 0, 10);
        maxPerIteration = sel.integer("max_per_iteration", 30, 1, 1_000_000);
        maxIterations = sel.integer("max_iterations", 12, 1, 10_000);

        ConfigReader l = c.section("local");
        l.rejectUnknown("enabled", "min_atoms", "radius", "core", "min_distance");
        local = l.bool("enabled", false);
        localMinAtoms = l.integer("min_atoms", 300, 1, Integer.MAX_VALUE);
        localRadius = l.positive("radius", 6.0);
        localCore = l.positive("core", 3.5);
        localMinDistance = l.positive("min_distance", 1.2);
        if (!(localCore < localRadius)) throw l.error("core", "must be smaller than radius (" + localRadius + " Å)");
        if (local && !nbhGrades) throw l.error("enabled", "local active learning needs per-neighbourhood grades (mtp.grade_mode = \"nbh\")");

        reference = c.section("reference");
        referenceThreads = reference.integer("threads", 1, 1, 1024);
        screening = new Screening(reference.positive("max_force", 150.0), reference.real("max_energy", 0.0));
    }

    public static LearnConfig read(Path file) {
        return new LearnConfig(ConfigReader.parse(file));
    }

    /**
     * The sampler grid: one {T, μ, x} per sampler. The grand-canonical samplers come first (T outer, μ inner; x = NaN:
     * the start structure), then the fixed-N samplers (x outer, T inner; μ = NaN: no exchange moves).
     */
    public List<double[]> grid() {
        List<double[]> g = new ArrayList<>();
        for (double t : temperatures) for (double mu : mus) g.add(new double[] {t, mu, Double.NaN});
        for (double x : canonicalX) for (double t : canonicalTemperatures) g.add(new double[] {t, Double.NaN, x});
        return g;
    }

    /** Highest temperature any sampler visits (K). */
    public double maxSamplingTemperature() {
        double m = 0;
        for (double t : temperatures) m = Math.max(m, t);
        if (canonicalX.length > 0) for (double t : canonicalTemperatures) m = Math.max(m, t);
        return m;
    }

    /** Checks that the pretraining species are covered by the MTP species. */
    public void requireSpecies(int z, String where) {
        for (int t : typeToZ) if (t == z) return;
        throw InputException.field(source.toString(), "mtp.species", where + " contains " + Elements.symbol(z) + ", which is not an MTP species");
    }
}
