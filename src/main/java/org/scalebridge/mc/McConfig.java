package org.scalebridge.mc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.md.Integrator;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.NoseHooverNvt;
import org.scalebridge.md.NptMtk;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.PairTable;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A GCMC / hybrid GCMC–MD / μ-scan run read from a TOML file and validated; every error names the file and the
 * field. Units: Å, eV, K, bar, fs for the MD time step. Example:
 * <pre>
 * temperature = 300.0             # K
 * seed = 42
 * [structure]
 * cell = [20.0, 20.0, 20.0]       # a, b, c (Å) of an orthorhombic cell, or a 3×3 list of lattice rows
 * # file = "start.extxyz"         # or a structure file (any format the io package reads) instead of cell
 * fill = { element = "Na", count = 10, min_distance = 2.5 }   # optional random initial atoms
 * [potential]
 * type = "lj"                     # Lennard-Jones (LAMMPS lj/cut); pairs not listed use Lorentz–Berthelot mixing
 *                                 # or "mnfepba-surrogate" (optional parameters = "file.toml"); Na exchanged
 *                                 # surrogate only: redox = "localised" picks the shipped localised-redox file
 *                                 # (each Na+ reduces one Fe/Mn site; default "mean-field")
 * cutoff = 8.0
 * shift = false
 * tail = false
 * pairs = [ { a = "Na", b = "Na", epsilon = 0.1, sigma = 2.6 } ]
 * [[species]]
 * element = "Na"
 * mu = -1.0                       # eV; or reference_energy (eV/atom) plus delta_mu (eV) or voltage (V vs M/M+)
 * # mass, charge, thermal_wavelength (Å) are optional
 * [mc]
 * cycles = 1000
 * equilibration_cycles = 200      # δ adapts during these only
 * exchanges = 100
 * translations = 100
 * max_displacement = 0.5
 * target_acceptance = 0.5
 * overlap_cutoff = 0.0
 * region = { lo = [0.0, 0.0, 0.0], hi = [1.0, 1.0, 0.5] }   # fractional, optional
 * insertion = "uniform"           # or "pba-cages" / "sites": site-biased insertion (exact Metropolis–Hastings
 * site_sigma = 0.6                #   acceptance, see SiteProposal), Gaussian width (Å) around each site,
 * uniform_fraction = 0.1          #   share of uniform proposals; sites = [[fa, fb, fc], ...] for "sites"
 * [mc.ncmc]                       # optional: nonequilibrium candidate MC exchanges (NcmcExchange; whole cell only)
 * fraction = 1.0                  #   share of exchange attempts done as NCMC, in (0, 1]
 * switches = 200                  #   λ perturbations per move (≥ 1; 1 = instantaneous)
 * steps_per_switch = 5            #   velocity-Verlet steps between perturbations (≥ 1)
 * timestep_fs = 1.0               #   time step of the switching dynamics (fs, ≤ 10)
 * ghost = "moving"                #   the exchanged atom moves with the rest (default), or "held" at its site
 * [md]                            # optional: hybrid GCMC–MD
 * integrator = "npt"              # npt | nvt | langevin
 * steps = 4000
 * timestep_fs = 0.4
 * pressure_bar = 1.0
 * tdamp_ps = 0.1
 * pdamp_ps = 1.0
 * coupling = "tri"                # iso | aniso | tri
 * [output]
 * directory = "gcmc-out"
 * checkpoint_every = 10
 * [scan]                          # mu-scan only
 * phi = 0.002                     # eV; or one per target: phi = [0.25, 0.1, 0.1]
 * targets = [10, 20, 30]          # or { from = 10, to = 100, step = 10 }
 * pilot_cycles = 0                # > 0: refine mu_bias before production from a pilot's Eq. 17 estimate
 * mu_bias_iterations = 1          #   how many pilots (default 1 when pilot_cycles > 0)
 * bias_species = 0
 * threads = 2
 * chunk_cycles = 200
 * max_cycles = 5000
 * min_production_samples = 200
 * sample_every = 1
 * resamples = 200
 * </pre>
 */
public final class McConfig {
    public final String source;
    public final double temperature;
    public final long seed;
    public final Cell cell;
    /** Initial structure file (extxyz, POSCAR, LAMMPS data, … relative to the config's folder), or null. */
    public Path structureFile;
    private final java.util.Set<Integer> chargeGiven = new java.util.HashSet<>();
    public final String fillElement;
    public final int fillCount;
    public final double fillMinDistance;
    public final PotentialSpec potential;
    public final List<ExchangeSpecies> species;
    public final int cycles, equilibrationCycles, exchanges, translations;
    public final double maxDisplacement, targetAcceptance, overlapCutoff;
    public final InsertionRegion region;
    /** Insertion proposal: "uniform", "pba-cages" (Gaussians at the PBA cage centres) or "sites" (listed). */
    public final String insertion;
    public final double siteSigma, uniformFraction;
    private final double[][] sites;
    /** NCMC exchange settings ([mc.ncmc]), or null for instantaneous exchanges only. */
    public final NcmcExchange.Settings ncmc;
    public final MdSpec md;
    public Path outputDir;
    public final int checkpointEvery;
    public final ScanSpec scan;

    /**
     * The potential: Lennard-Jones (type "lj": cutoff, shift, tail, pairs) or the MnFePBA surrogate (type
     * "mnfepba-surrogate", optional parameter file), which is built for the structure (topology and x-dependent
     * charges from its Na content).
     */
    public record PotentialSpec(String type, double cutoff, boolean shift, boolean tail, List<String[]> pairNames,
            List<double[]> pairParams, Path parameterFile, boolean localisedRedox) {
        public Potential build(Structure s) {
            if (type.equals("mnfepba-surrogate")) return surrogate().build(s).potential();
            PairTable t = LennardJones.table(cutoff).mixing(LennardJones.LORENTZ_BERTHELOT);
            for (int k = 0; k < pairNames.size(); k++)
                t.pair(pairNames.get(k)[0], pairNames.get(k)[1], pairParams.get(k)[0], pairParams.get(k)[1]);
            return new LennardJones(t, shift, tail);
        }

        MnFePbaSurrogate surrogate() {
            try {
                if (parameterFile != null) return MnFePbaSurrogate.load(parameterFile);
                return localisedRedox ? MnFePbaSurrogate.loadLocalised() : MnFePbaSurrogate.load();
            } catch (IOException e) {
                throw InputException.field(null, "potential.parameters", "cannot read " + parameterFile + ": " + e.getMessage());
            }
        }
    }

    /** MD part of a hybrid run. */
    public record MdSpec(String integrator, int steps, double timestepPs, double pressureBar, double tdampPs,
            double pdampPs, NptMtk.Coupling coupling) {
        public Integrator build(double temperature, Rng rng) {
            switch (integrator) {
                case "npt": return new NptMtk(temperature, pressureBar, tdampPs, pdampPs, coupling, 3);
                case "nvt": return new NoseHooverNvt(temperature, tdampPs, 3);
                default: return new LangevinBaoab(temperature, tdampPs, rng);
            }
        }
    }

    /** μ(N) scan part. */
    public record ScanSpec(double phi, double[] phiPerTarget, double[] targets, int biasSpecies, int threads,
            int chunkCycles, int maxCycles, int minProductionSamples, int sampleEvery, int resamples, int pilotCycles,
            int muBiasIterations) {
        /** φ (eV) of target k: the per-target list when given, else the single value. */
        public double phi(int k) { return phiPerTarget == null ? phi : phiPerTarget[k]; }
    }

    private McConfig(Path file, TomlParseResult t) {
        source = file.toString();
        temperature = positive(t, "temperature");
        seed = t.contains("seed") ? integer(t, "seed") : 1L;
        // structure
        TomlTable st = table(t, "structure", true);
        cell = parseCell(st);
        if (st.contains("fill")) {
            TomlTable f = table(st, "fill", "structure.fill");
            fillElement = element(f, "element", "structure.fill.element").symbol();
            fillCount = (int) nonNegativeInt(f, "count", "structure.fill.count");
            fillMinDistance = f.contains("min_distance") ? nonNegative(f, "min_distance", "structure.fill.min_distance") : 2.0;
        } else {
            fillElement = null;
            fillCount = 0;
            fillMinDistance = 0;
        }
        potential = parsePotential(table(t, "potential", true));
        species = parseSpecies(t);
        // mc
        TomlTable mc = table(t, "mc", true);
        cycles = (int) positiveInt(mc, "cycles", "mc.cycles");
        equilibrationCycles = mc.contains("equilibration_cycles")
                ? (int) nonNegativeInt(mc, "equilibration_cycles", "mc.equilibration_cycles") : 0;
        if (equilibrationCycles > cycles)
            throw InputException.field(source, "mc.equilibration_cycles", "must be ≤ mc.cycles (" + cycles + "), got "
                    + equilibrationCycles);
        exchanges = (int) nonNegativeInt(mc, "exchanges", "mc.exchanges");
        translations = (int) nonNegativeInt(mc, "translations", "mc.translations");
        maxDisplacement = mc.contains("max_displacement") ? positive(mc, "max_displacement", "mc.max_displacement") : 0.5;
        targetAcceptance = mc.contains("target_acceptance") ? num(mc, "target_acceptance", "mc.target_acceptance") : 0.5;
        if (!(targetAcceptance > 0 && targetAcceptance < 1))
            throw InputException.field(source, "mc.target_acceptance", "must be in (0, 1), got " + targetAcceptance);
        overlapCutoff = mc.contains("overlap_cutoff") ? nonNegative(mc, "overlap_cutoff", "mc.overlap_cutoff") : 0.0;
        if (mc.contains("region")) {
            TomlTable r = table(mc, "region", "mc.region");
            double[] lo = vector3(r, "lo", "mc.region.lo"), hi = vector3(r, "hi", "mc.region.hi");
            try {
                region = new InsertionRegion(lo, hi);
            } catch (InputException e) {
                throw InputException.field(source, "mc.region", e.getMessage());
            }
        } else {
            region = null;
        }
        insertion = mc.contains("insertion") ? string(mc, "insertion", "mc.insertion") : "uniform";
        if (!List.of("uniform", "pba-cages", "sites").contains(insertion))
            throw InputException.field(source, "mc.insertion", "expected \"uniform\", \"pba-cages\" or \"sites\", got \"" + insertion + "\"");
        siteSigma = mc.contains("site_sigma") ? positive(mc, "site_sigma", "mc.site_sigma") : 0.6;
        uniformFraction = mc.contains("uniform_fraction") ? num(mc, "uniform_fraction", "mc.uniform_fraction") : 0.1;
        if (!(uniformFraction > 0 && uniformFraction <= 1))
            throw InputException.field(source, "mc.uniform_fraction", "must be in (0, 1], got " + uniformFraction);
        if (insertion.equals("sites")) {
            if (!mc.contains("sites")) throw InputException.field(source, "mc.sites", "insertion = \"sites\" needs sites = [[fa, fb, fc], ...] (fractional)");
            TomlArray a = mc.getArray("sites");
            if (a == null || a.isEmpty()) throw InputException.field(source, "mc.sites", "expected a list of [fa, fb, fc]");
            sites = new double[a.size()][];
            for (int k = 0; k < a.size(); k++) {
                if (!(a.get(k) instanceof TomlArray v) || v.size() != 3) throw InputException.field(source, "mc.sites[" + k + "]", "expected [fa, fb, fc]");
                sites[k] = new double[3];
                for (int d = 0; d < 3; d++) {
                    if (!(v.get(d) instanceof Number n)) throw InputException.field(source, "mc.sites[" + k + "]", "expected numbers");
                    sites[k][d] = n.doubleValue();
                }
            }
        } else {
            sites = null;
        }
        if (!insertion.equals("uniform") && region != null)
            throw InputException.field(source, "mc.insertion", "site-biased insertion works on the whole cell: remove mc.region");
        ncmc = mc.contains("ncmc") ? parseNcmc(table(mc, "ncmc", "mc.ncmc")) : null;
        if (ncmc != null && region != null)
            throw InputException.field(source, "mc.ncmc", "NCMC exchanges work on the whole cell: remove mc.region");
        md = t.contains("md") ? parseMd(table(t, "md", true)) : null;
        TomlTable out = t.contains("output") ? table(t, "output", true) : null;
        outputDir = Path.of(out != null && out.contains("directory") ? string(out, "directory", "output.directory") : "gcmc-out");
        checkpointEvery = out != null && out.contains("checkpoint_every")
                ? (int) nonNegativeInt(out, "checkpoint_every", "output.checkpoint_every") : 0;
        scan = t.contains("scan") ? parseScan(table(t, "scan", true)) : null;
    }

    /**
     * The site-biased insertion proposal for a structure (null for uniform insertion). "pba-cages": the 8 cages per
     * pseudo-cubic cell of a Prussian-blue framework, the cell count per axis from the lattice lengths (≈ 10 Å per
     * pseudo-cubic cell), the metal lattice anchored at the first Fe atom.
     */
    public SiteProposal proposalFor(Structure s) {
        try {
            if (insertion.equals("uniform")) return null;
            if (insertion.equals("sites")) return new SiteProposal(sites, siteSigma, uniformFraction);
            int fe = -1;
            for (int i = 0; i < s.size() && fe < 0; i++) if (s.atomicNumber(i) == 26) fe = i;
            if (fe < 0) throw InputException.field(source, "mc.insertion", "\"pba-cages\" needs a framework with Fe atoms");
            int[] reps = new int[3];
            for (int k = 0; k < 3; k++) reps[k] = Math.max(1, (int) Math.round(s.cell().len(k) / 9.9));
            return new SiteProposal(SiteProposal.pbaCages(reps[0], reps[1], reps[2], s.fractional(fe)), siteSigma, uniformFraction);
        } catch (InputException e) {
            if (e.getMessage().contains(source)) throw e;
            throw InputException.field(source, "mc.insertion", e.getMessage());
        }
    }

    /** The same configuration writing to another output directory (a copy). */
    public McConfig withOutputDir(Path dir) {
        McConfig c = read(Path.of(source));
        c.outputDir = dir;
        return c;
    }

    /** Reads and validates a configuration file. */
    public static McConfig read(Path file) {
        return new McConfig(file, org.scalebridge.core.TomlFiles.read(file));
    }

    /** The initial structure: the cell, optionally filled with random non-overlapping atoms (seeded). */
    public Structure buildStructure() {
        Structure s;
        if (structureFile != null) {
            s = Formats.readFirst(structureFile);
            s.ensureCapacity(s.size() + Math.max(64, 2 * fillCount));
        } else {
            s = new Structure(cell, Math.max(64, 2 * fillCount));
        }
        Cell cell = s.cell();
        if (fillCount > 0) {
            Rng rng = new Rng(seed).split(99);
            double[] f = new double[3], r = new double[3], d = new double[3];
            int z = Elements.bySymbol(fillElement).z();
            int tries = 0, goal = s.size() + fillCount; // count = atoms added (also to a structure read from a file)
            while (s.size() < goal) {
                if (++tries > 1000 * fillCount + 10000)
                    throw InputException.field(source, "structure.fill", "could not place " + fillCount + " atoms "
                            + fillMinDistance + " Å apart in the cell");
                f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
                cell.toCartesian(f, r);
                boolean ok = true;
                for (int j = 0; j < s.size() && ok; j++) {
                    d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
                    ok = cell.minimumImage(d) >= fillMinDistance * fillMinDistance;
                }
                if (ok) {
                    int i = s.addAtom(z, r[0], r[1], r[2]);
                    for (ExchangeSpecies sp : species) if (sp.atomicNumber() == z) s.setMass(i, sp.mass());
                }
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ sections

    private Path resolve(String f) {
        Path p = Path.of(f);
        if (p.isAbsolute()) return p;
        Path dir = Path.of(source).toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p);
    }

    private Cell parseCell(TomlTable st) {
        if (st.contains("file")) {
            if (st.contains("cell")) throw InputException.field(source, "structure", "give either file or cell, not both");
            structureFile = resolve(string(st, "file", "structure.file"));
            if (!Files.exists(structureFile))
                throw InputException.field(source, "structure.file", structureFile + " does not exist");
            return null;
        }
        if (!st.contains("cell")) throw InputException.field(source, "structure.cell", "missing (3 lengths in Å or 3×3 lattice rows)");
        TomlArray a = array(st, "cell", "structure.cell");
        try {
            if (a.size() == 3 && !(a.get(0) instanceof TomlArray)) {
                double[] l = new double[3];
                for (int k = 0; k < 3; k++) {
                    l[k] = toDouble(a.get(k), "structure.cell[" + k + "]");
                    if (!(l[k] > 0)) throw InputException.field(source, "structure.cell", "lengths must be > 0 Å, got " + l[k]);
                }
                return Cell.orthorhombic(l[0], l[1], l[2]);
            }
            if (a.size() == 3) {
                double[][] rows = new double[3][3];
                for (int i = 0; i < 3; i++) {
                    Object o = a.get(i);
                    if (!(o instanceof TomlArray row) || row.size() != 3)
                        throw InputException.field(source, "structure.cell[" + i + "]", "expected 3 numbers");
                    for (int j = 0; j < 3; j++) rows[i][j] = toDouble(row.get(j), "structure.cell[" + i + "][" + j + "]");
                }
                Cell c = new Cell(rows);
                if (!(c.volume() > 1e-6)) throw InputException.field(source, "structure.cell", "lattice rows are degenerate or left-handed");
                return c;
            }
        } catch (IllegalArgumentException e) {
            throw InputException.field(source, "structure.cell", e.getMessage());
        }
        throw InputException.field(source, "structure.cell", "expected 3 lengths or 3 rows of 3 numbers");
    }

    private PotentialSpec parsePotential(TomlTable p) {
        String type = p.contains("type") ? string(p, "type", "potential.type") : "";
        if (type.equals("mnfepba-surrogate")) {
            Path pf = p.contains("parameters") ? resolve(string(p, "parameters", "potential.parameters")) : null;
            if (pf != null && !Files.exists(pf)) throw InputException.field(source, "potential.parameters", pf + " does not exist");
            String redox = p.contains("redox") ? string(p, "redox", "potential.redox") : "mean-field";
            if (!redox.equals("mean-field") && !redox.equals("localised"))
                throw InputException.field(source, "potential.redox", "expected \"mean-field\" or \"localised\", got \"" + redox + "\"");
            if (pf != null && p.contains("redox"))
                throw InputException.field(source, "potential.redox", "give either redox (a shipped parameter set) or parameters (a file with its own [redox] table), not both");
            return new PotentialSpec(type, 0, false, false, List.of(), List.of(), pf, redox.equals("localised"));
        }
        if (!type.equals("lj"))
            throw InputException.field(source, "potential.type", "supported: \"lj\" or \"mnfepba-surrogate\" (got \"" + type + "\")");
        double rc = positive(p, "cutoff", "potential.cutoff");
        boolean shift = p.contains("shift") && bool(p, "shift", "potential.shift");
        boolean tail = p.contains("tail") && bool(p, "tail", "potential.tail");
        TomlArray pairs = array(p, "pairs", "potential.pairs");
        List<String[]> names = new ArrayList<>();
        List<double[]> par = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            String f = "potential.pairs[" + k + "]";
            if (!(pairs.get(k) instanceof TomlTable pt)) throw InputException.field(source, f, "expected { a, b, epsilon, sigma }");
            String a = element(pt, "a", f + ".a").symbol(), b = element(pt, "b", f + ".b").symbol();
            names.add(new String[] {a, b});
            par.add(new double[] {nonNegative(pt, "epsilon", f + ".epsilon"), positive(pt, "sigma", f + ".sigma")});
        }
        if (names.isEmpty()) throw InputException.field(source, "potential.pairs", "at least one pair is needed");
        return new PotentialSpec(type, rc, shift, tail, names, par, null, false);
    }

    private List<ExchangeSpecies> parseSpecies(TomlParseResult t) {
        if (!t.contains("species")) throw InputException.field(source, "species", "missing: at least one [[species]] table");
        TomlArray a = array(t, "species", "species");
        List<ExchangeSpecies> out = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            String f = "species[" + k + "]";
            if (!(a.get(k) instanceof TomlTable s)) throw InputException.field(source, f, "expected a table");
            Element e = element(s, "element", f + ".element");
            double mass = s.contains("mass") ? positive(s, "mass", f + ".mass") : e.mass();
            double q = s.contains("charge") ? num(s, "charge", f + ".charge") : 0.0;
            if (s.contains("charge")) chargeGiven.add(k);
            ExchangeSpecies sp;
            if (s.contains("mu")) {
                if (s.contains("reference_energy"))
                    throw InputException.field(source, f, "give either mu or reference_energy with delta_mu/voltage, not both");
                sp = ExchangeSpecies.ofMu(e.z(), mass, q, num(s, "mu", f + ".mu"));
            } else if (s.contains("reference_energy")) {
                double ref = num(s, "reference_energy", f + ".reference_energy");
                if (s.contains("voltage") == s.contains("delta_mu"))
                    throw InputException.field(source, f, "with reference_energy give exactly one of delta_mu (eV) or voltage (V)");
                sp = s.contains("voltage") ? ExchangeSpecies.atVoltage(e.z(), mass, q, ref, num(s, "voltage", f + ".voltage"))
                        : ExchangeSpecies.relativeTo(e.z(), mass, q, ref, num(s, "delta_mu", f + ".delta_mu"));
            } else {
                throw InputException.field(source, f + ".mu", "missing: give mu (eV) or reference_energy with delta_mu or voltage");
            }
            if (s.contains("thermal_wavelength")) sp = sp.withThermalWavelength(positive(s, "thermal_wavelength", f + ".thermal_wavelength"));
            for (ExchangeSpecies o : out)
                if (o.atomicNumber() == sp.atomicNumber()) throw InputException.field(source, f + ".element", e.symbol() + " is listed twice");
            out.add(sp);
        }
        if (out.isEmpty()) throw InputException.field(source, "species", "at least one [[species]] table is needed");
        return out;
    }

    private MdSpec parseMd(TomlTable m) {
        String integ = string(m, "integrator", "md.integrator");
        if (!List.of("npt", "nvt", "langevin").contains(integ))
            throw InputException.field(source, "md.integrator", "expected npt, nvt or langevin, got \"" + integ + "\"");
        int steps = (int) nonNegativeInt(m, "steps", "md.steps");
        double dt = positive(m, "timestep_fs", "md.timestep_fs") * 1e-3;
        double p = integ.equals("npt") ? num(m, "pressure_bar", "md.pressure_bar") : 0.0;
        double td = m.contains("tdamp_ps") ? positive(m, "tdamp_ps", "md.tdamp_ps") : 100 * dt;
        double pd = m.contains("pdamp_ps") ? positive(m, "pdamp_ps", "md.pdamp_ps") : 1000 * dt;
        NptMtk.Coupling c = NptMtk.Coupling.TRI;
        if (m.contains("coupling")) {
            String cs = string(m, "coupling", "md.coupling");
            try {
                c = NptMtk.Coupling.valueOf(cs.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InputException.field(source, "md.coupling", "expected iso, aniso or tri, got \"" + cs + "\"");
            }
        }
        return new MdSpec(integ, steps, dt, p, td, pd, c);
    }

    private ScanSpec parseScan(TomlTable s) {
        Object pv = s.get("phi");
        double phi;
        double[] phiList = null;
        if (pv instanceof TomlArray pa) { // one φ per target
            if (pa.isEmpty()) throw InputException.field(source, "scan.phi", "expected a number (eV) or one number per target, got []");
            phiList = new double[pa.size()];
            for (int k = 0; k < pa.size(); k++) {
                phiList[k] = toDouble(pa.get(k), "scan.phi[" + k + "]");
                if (!(phiList[k] > 0)) throw InputException.field(source, "scan.phi[" + k + "]", "must be > 0 eV, got " + phiList[k]);
            }
            phi = phiList[0];
        } else {
            phi = positive(s, "phi", "scan.phi");
        }
        double[] targets;
        Object tv = s.get("targets");
        if (tv instanceof TomlArray ta) {
            targets = new double[ta.size()];
            for (int k = 0; k < ta.size(); k++) {
                targets[k] = toDouble(ta.get(k), "scan.targets[" + k + "]");
                if (!(targets[k] >= 0)) throw InputException.field(source, "scan.targets[" + k + "]", "must be ≥ 0");
            }
        } else if (tv instanceof TomlTable tt) {
            double from = nonNegative(tt, "from", "scan.targets.from"), to = nonNegative(tt, "to", "scan.targets.to"),
                    step = positive(tt, "step", "scan.targets.step");
            if (to < from) throw InputException.field(source, "scan.targets.to", "must be ≥ from");
            int m = (int) Math.floor((to - from) / step + 1e-9) + 1;
            targets = new double[m];
            for (int k = 0; k < m; k++) targets[k] = from + k * step;
        } else {
            throw InputException.field(source, "scan.targets", "expected a list of N_t or { from, to, step }");
        }
        if (targets.length == 0) throw InputException.field(source, "scan.targets", "at least one target is needed");
        if (phiList != null && phiList.length != targets.length)
            throw InputException.field(source, "scan.phi", "has " + phiList.length + " values but scan.targets has "
                    + targets.length + " (give one φ for all targets or one per target)");
        int bs = s.contains("bias_species") ? (int) nonNegativeInt(s, "bias_species", "scan.bias_species") : 0;
        if (bs >= species.size()) throw InputException.field(source, "scan.bias_species", "index " + bs + " but only "
                + species.size() + " species");
        int threads = s.contains("threads") ? (int) positiveInt(s, "threads", "scan.threads")
                : Math.max(1, Runtime.getRuntime().availableProcessors());
        int chunk = s.contains("chunk_cycles") ? (int) positiveInt(s, "chunk_cycles", "scan.chunk_cycles") : 200;
        int max = s.contains("max_cycles") ? (int) positiveInt(s, "max_cycles", "scan.max_cycles") : 20 * chunk;
        if (max < chunk) throw InputException.field(source, "scan.max_cycles", "must be ≥ chunk_cycles (" + chunk + ")");
        int minProd = s.contains("min_production_samples") ? (int) positiveInt(s, "min_production_samples", "scan.min_production_samples") : 200;
        if (minProd < 20) throw InputException.field(source, "scan.min_production_samples", "must be ≥ 20");
        int every = s.contains("sample_every") ? (int) positiveInt(s, "sample_every", "scan.sample_every") : 1;
        int res = s.contains("resamples") ? (int) positiveInt(s, "resamples", "scan.resamples") : 200;
        if (res < 10) throw InputException.field(source, "scan.resamples", "must be ≥ 10");
        int pilot = s.contains("pilot_cycles") ? (int) nonNegativeInt(s, "pilot_cycles", "scan.pilot_cycles") : 0;
        if (pilot > 0 && pilot < 2 * every)
            throw InputException.field(source, "scan.pilot_cycles", "must give at least 2 samples (≥ 2 × sample_every = "
                    + 2 * every + "), got " + pilot);
        int iters = s.contains("mu_bias_iterations")
                ? (int) nonNegativeInt(s, "mu_bias_iterations", "scan.mu_bias_iterations") : (pilot > 0 ? 1 : 0);
        if (iters > 0 && pilot == 0)
            throw InputException.field(source, "scan.mu_bias_iterations", "needs scan.pilot_cycles > 0 (the length of each pilot run)");
        if (pilot > 0 && iters == 0)
            throw InputException.field(source, "scan.pilot_cycles", "is set but scan.mu_bias_iterations = 0 (drop pilot_cycles or use ≥ 1 iteration)");
        return new ScanSpec(phi, phiList, targets, bs, threads, chunk, max, minProd, every, res, pilot, iters);
    }

    /**
     * The exchange species for a structure: with the MnFePBA surrogate, species without an explicit charge get the
     * surrogate's charge at the structure's Na content x = N(Na)/N(Fe).
     */
    public List<ExchangeSpecies> speciesFor(Structure s) {
        if (!potential.type().equals("mnfepba-surrogate")) return species;
        MnFePbaSurrogate ff = potential.surrogate();
        double x = s.count(26) == 0 ? 0 : (double) s.count(11) / s.count(26);
        List<ExchangeSpecies> out = new ArrayList<>();
        for (int k = 0; k < species.size(); k++) {
            ExchangeSpecies e = species.get(k);
            if (chargeGiven.contains(k)) { out.add(e); continue; }
            double q = ff.charge(Elements.symbol(e.atomicNumber()), x);
            ExchangeSpecies c = ExchangeSpecies.ofMu(e.atomicNumber(), e.mass(), q, e.mu());
            out.add(e.hasThermalWavelengthOverride() ? c.withThermalWavelength(e.thermalWavelength(1.0)) : c);
        }
        return out;
    }

    /** [mc.ncmc]: every key checked, unknown keys rejected (a typo would otherwise silently fall back to a default). */
    private NcmcExchange.Settings parseNcmc(TomlTable n) {
        for (String key : n.keySet())
            if (!List.of("fraction", "switches", "steps_per_switch", "timestep_fs", "ghost").contains(key))
                throw InputException.field(source, "mc.ncmc." + key, "unknown key (expected fraction, switches, steps_per_switch, timestep_fs, ghost)");
        double fraction = n.contains("fraction") ? num(n, "fraction", "mc.ncmc.fraction") : 1.0;
        if (!(fraction > 0 && fraction <= 1)) throw InputException.field(source, "mc.ncmc.fraction", "must be in (0, 1], got " + fraction);
        int switches = n.contains("switches") ? (int) positiveInt(n, "switches", "mc.ncmc.switches") : 200;
        int steps = n.contains("steps_per_switch") ? (int) positiveInt(n, "steps_per_switch", "mc.ncmc.steps_per_switch") : 5;
        double dtFs = n.contains("timestep_fs") ? positive(n, "timestep_fs", "mc.ncmc.timestep_fs") : 1.0;
        // above ~10 fs velocity-Verlet is unstable for any atomistic potential (the work stays exact, the acceptance collapses)
        if (dtFs > 10) throw InputException.field(source, "mc.ncmc.timestep_fs", "must be ≤ 10 fs, got " + dtFs);
        String ghost = n.contains("ghost") ? string(n, "ghost", "mc.ncmc.ghost") : "moving";
        if (!ghost.equals("held") && !ghost.equals("moving"))
            throw InputException.field(source, "mc.ncmc.ghost", "expected \"held\" or \"moving\", got \"" + ghost + "\"");
        return new NcmcExchange.Settings(switches, steps, dtFs * 1e-3, fraction, ghost.equals("moving"));
    }

    /** Pressure for Eq. 17 (eV/Å³): the NPT target pressure, zero at constant volume. */
    public double scanPressureEvPerA3() {
        return md != null && md.integrator().equals("npt") ? Units.barToEvPerA3(md.pressureBar()) : 0.0;
    }

    // ------------------------------------------------------------------ typed access with field names

    private TomlTable table(TomlTable t, String key, boolean required) {
        if (!t.contains(key)) {
            if (required) throw InputException.field(source, key, "missing section [" + key + "]");
            return null;
        }
        return table(t, key, key);
    }

    private TomlTable table(TomlTable t, String key, String field) {
        Object o = t.get(List.of(key));
        if (!(o instanceof TomlTable tt)) throw InputException.field(source, field, "expected a table");
        return tt;
    }

    private TomlArray array(TomlTable t, String key, String field) {
        Object o = t.get(List.of(key));
        if (o == null) throw InputException.field(source, field, "missing");
        if (!(o instanceof TomlArray a)) throw InputException.field(source, field, "expected a list");
        return a;
    }

    private double toDouble(Object o, String field) {
        if (o instanceof Double d) {
            if (!Double.isFinite(d)) throw InputException.field(source, field, "must be finite");
            return d;
        }
        if (o instanceof Long l) return l;
        throw InputException.field(source, field, "expected a number, got " + (o == null ? "nothing" : "\"" + o + "\""));
    }

    private double num(TomlTable t, String key) { return num(t, key, key); }

    private double num(TomlTable t, String key, String field) {
        Object o = t.get(List.of(key));
        if (o == null) throw InputException.field(source, field, "missing");
        return toDouble(o, field);
    }

    private double positive(TomlTable t, String key) { return positive(t, key, key); }

    private double positive(TomlTable t, String key, String field) {
        double v = num(t, key, field);
        if (!(v > 0)) throw InputException.field(source, field, "must be > 0, got " + v);
        return v;
    }

    private double nonNegative(TomlTable t, String key, String field) {
        double v = num(t, key, field);
        if (!(v >= 0)) throw InputException.field(source, field, "must be ≥ 0, got " + v);
        return v;
    }

    private long integer(TomlTable t, String key) {
        Object o = t.get(List.of(key));
        if (!(o instanceof Long l)) throw InputException.field(source, key, "expected an integer");
        return l;
    }

    private long nonNegativeInt(TomlTable t, String key, String field) {
        Object o = t.get(List.of(key));
        if (o == null) throw InputException.field(source, field, "missing");
        if (!(o instanceof Long l)) throw InputException.field(source, field, "expected an integer, got \"" + o + "\"");
        if (l < 0 || l > Integer.MAX_VALUE) throw InputException.field(source, field, "must be in 0.." + Integer.MAX_VALUE + ", got " + l);
        return l;
    }

    private long positiveInt(TomlTable t, String key, String field) {
        long v = nonNegativeInt(t, key, field);
        if (v < 1) throw InputException.field(source, field, "must be ≥ 1, got " + v);
        return v;
    }

    private String string(TomlTable t, String key, String field) {
        Object o = t.get(List.of(key));
        if (!(o instanceof String s)) throw InputException.field(source, field, o == null ? "missing" : "expected a string");
        return s;
    }

    private boolean bool(TomlTable t, String key, String field) {
        Object o = t.get(List.of(key));
        if (!(o instanceof Boolean b)) throw InputException.field(source, field, "expected true or false");
        return b;
    }

    private double[] vector3(TomlTable t, String key, String field) {
        TomlArray a = array(t, key, field);
        if (a.size() != 3) throw InputException.field(source, field, "expected 3 numbers");
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) v[k] = toDouble(a.get(k), field + "[" + k + "]");
        return v;
    }

    private Element element(TomlTable t, String key, String field) {
        String s = string(t, key, field);
        try {
            return Elements.bySymbol(s);
        } catch (RuntimeException e) {
            throw InputException.field(source, field, "unknown element \"" + s + "\"");
        }
    }
}
