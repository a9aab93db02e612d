package org.scalebridge.md;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.ForceFieldConfig;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.PairTable;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A validated MD run configuration read from TOML. Every problem is reported with the file and the dotted field
 * name. Example:
 * <pre>
 * [run]
 * steps = 10000
 * dt_fs = 1.0
 * seed = 42
 * threads = 1
 * initial_temperature_K = 300     # Maxwell–Boltzmann velocities (omit to keep the structure's velocities)
 *
 * [integrator]
 * ensemble = "npt"                # nve | nvt | npt
 * thermostat = "nose-hoover"      # nose-hoover | langevin (nvt); npt uses Nosé–Hoover chains
 * barostat = "mtk"                # mtk | c-rescale | berendsen (npt)
 * temperature_K = 300
 * tau_T_ps = 0.1
 * chain_length = 3
 * pressure_bar = 1.0
 * tau_P_ps = 1.0
 * coupling = "tri"                # iso | aniso | tri (mtk); iso | tri = flexible cell (c-rescale, berendsen)
 * compressibility_per_bar = 4.5e-5  # c-rescale / berendsen
 * rescale_every = 10
 *
 * [potential]
 * style = "lj"                    # lj | mnfepba-surrogate | forcefield | mtp
 * cutoff_A = 8.5                  # lj: lj/cut with optional shift and tail
 * skin_A = 1.0
 * shift = false
 * tail = false
 * pairs = [ { a = "Ar", b = "Ar", epsilon_eV = 0.010323, sigma_A = 3.405 } ]
 *
 * # or: the MnFePBA surrogate (topology and charges from the structure), optional own parameter file
 * # [potential]
 * # style = "mnfepba-surrogate"
 * # parameters = "my-surrogate.toml"
 *
 * # or: any force field of the engine as a ForceFieldConfig TOML file (or inline [[potential.terms]])
 * # [potential]
 * # style = "forcefield"
 * # file = "nacl-buck-dsf.toml"
 *
 * # or: a Moment Tensor Potential (MLIP .mtp/.almtp) with the element of each species type, in type order
 * # [potential]
 * # style = "mtp"                 # style may be omitted: inferred from file's .mtp / .toml extension
 * # file = "pot.mtp"
 * # species = ["Na", "Mn", "Fe", "C", "N"]
 *
 * [output]
 * thermo_every = 100
 * thermo_csv = "thermo.csv"
 * trajectory = ["traj.extxyz", "traj.dump"]
 * trajectory_every = 1000
 * checkpoint = "run.ckpt"
 * checkpoint_every = 10000
 *
 * [frozen]                        # optional
 * indices = [0, 1]                # 0-based
 * elements = ["Fe"]
 *
 * [guard]                         # optional divergence checks
 * min_distance_A = 0.5
 * temperature_jump = 10
 * energy_jump_eV_per_atom = 0.5   # floor of the |ΔE_pot|/N limit between checks (the limit is max(this, 4 k_B T))
 * collapse_fraction = 0.01        # thermostatted T below this fraction of the target (after reaching half) stops the run
 * every = 100
 * </pre>
 * Output paths are relative to the configuration file's folder.
 */
public final class MdConfig {
    private final String src;
    private final TomlParseResult toml;
    private final Path baseDir;

    public long steps;
    public double dtPs;
    public long seed;
    public int threads;
    public Double initialTemperature;
    public String ensemble, thermostat, barostat;
    public double temperature, tauT, pressureBar, tauP, compressibility;
    public int chainLength, rescaleEvery;
    public NptMtk.Coupling coupling;
    public int thermoEvery, trajectoryEvery;
    public long checkpointEvery;
    public Path thermoCsv, checkpoint;
    public final List<Path> trajectories = new ArrayList<>();
    public final List<Integer> frozenIndices = new ArrayList<>();
    public final List<String> frozenElements = new ArrayList<>();
    public double guardMinDistance, guardJump, guardEnergyJump, guardCollapse;
    public int guardEvery;
    private java.util.function.Function<Structure, Potential> potentialBuilder;
    private String potentialStyle;

    private MdConfig(Path file, TomlParseResult toml) {
        this.src = file.toString();
        this.toml = toml;
        Path parent = file.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of(".") : parent;
    }

    /** Reads and validates a configuration file. */
    public static MdConfig read(Path file) {
        TomlParseResult t;
        try {
            t = Toml.parse(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (t.hasErrors()) {
            var err = t.errors().get(0);
            throw InputException.at(file, err.position() == null ? 0 : err.position().line(), err.getMessage());
        }
        MdConfig c = new MdConfig(file, t);
        c.parse();
        return c;
    }

    private void allowOnly(String table, String... keys) {
        TomlTable tt = toml.getTable(table);
        if (tt == null) return;
        Set<String> ok = Set.of(keys);
        for (String k : tt.keySet()) {
            if (!ok.contains(k)) throw InputException.field(src, table + "." + k, "unknown setting (allowed: " + String.join(", ", keys) + ")");
        }
    }

    private double num(String key, Double def, double min, double max) {
        Object v = toml.get(key);
        if (v == null) {
            if (def == null) throw InputException.field(src, key, "is required");
            return def;
        }
        if (!(v instanceof Number)) throw InputException.field(src, key, "expected a number, got " + v);
        double d = ((Number) v).doubleValue();
        if (!(d >= min && d <= max)) throw InputException.field(src, key, "must be in [" + min + ", " + max + "], got " + d);
        return d;
    }

    private long integer(String key, Long def, long min, long max) {
        Object v = toml.get(key);
        if (v == null) {
            if (def == null) throw InputException.field(src, key, "is required");
            return def;
        }
        if (!(v instanceof Long)) throw InputException.field(src, key, "expected an integer, got " + v);
        long d = (Long) v;
        if (d < min || d > max) throw InputException.field(src, key, "must be in [" + min + ", " + max + "], got " + d);
        return d;
    }

    private String str(String key, String def, String... allowed) {
        Object v = toml.get(key);
        if (v == null) {
            if (def == null) throw InputException.field(src, key, "is required");
            return def;
        }
        if (!(v instanceof String)) throw InputException.field(src, key, "expected a string, got " + v);
        String s = ((String) v).toLowerCase(Locale.ROOT);
        if (allowed.length > 0 && !List.of(allowed).contains(s)) {
            throw InputException.field(src, key, "expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return s;
    }

    private boolean bool(String key, boolean def) {
        Object v = toml.get(key);
        if (v == null) return def;
        if (!(v instanceof Boolean)) throw InputException.field(src, key, "expected true or false, got " + v);
        return (Boolean) v;
    }

    private Path path(String key) {
        Object v = toml.get(key);
        if (v == null) return null;
        if (!(v instanceof String) || ((String) v).isBlank()) throw InputException.field(src, key, "expected a file name");
        return baseDir.resolve((String) v);
    }

    private void parse() {
        for (String k : toml.keySet()) {
            if (!Set.of("run", "integrator", "potential", "output", "frozen", "guard").contains(k)) {
                throw InputException.field(src, k, "unknown section (allowed: run, integrator, potential, output, frozen, guard)");
            }
        }
        allowOnly("run", "steps", "dt_fs", "dt_ps", "seed", "threads", "initial_temperature_K");
        allowOnly("integrator", "ensemble", "thermostat", "barostat", "temperature_K", "tau_T_ps", "chain_length",
                "pressure_bar", "tau_P_ps", "coupling", "compressibility_per_bar", "rescale_every");
        allowOnly("output", "thermo_every", "thermo_csv", "trajectory", "trajectory_every", "checkpoint", "checkpoint_every");
        allowOnly("frozen", "indices", "elements");
        allowOnly("guard", "min_distance_A", "temperature_jump", "every", "energy_jump_eV_per_atom", "collapse_fraction");

        steps = integer("run.steps", null, 0, Long.MAX_VALUE / 2);
        if (toml.contains("run.dt_fs") && toml.contains("run.dt_ps")) throw InputException.field(src, "run.dt_fs", "give dt_fs or dt_ps, not both");
        dtPs = toml.contains("run.dt_ps") ? num("run.dt_ps", null, 1e-6, 0.1) : num("run.dt_fs", 1.0, 1e-3, 100) * 1e-3;
        seed = integer("run.seed", 12345L, Long.MIN_VALUE, Long.MAX_VALUE);
        threads = (int) integer("run.threads", 1L, 1, 1024);
        initialTemperature = toml.contains("run.initial_temperature_K") ? num("run.initial_temperature_K", null, 0, 1e6) : null;

        ensemble = str("integrator.ensemble", "nve", "nve", "nvt", "npt");
        thermostat = str("integrator.thermostat", "nose-hoover", "nose-hoover", "langevin");
        barostat = str("integrator.barostat", "mtk", "mtk", "c-rescale", "berendsen");
        boolean needT = !ensemble.equals("nve");
        temperature = needT ? num("integrator.temperature_K", null, 1e-6, 1e6) : num("integrator.temperature_K", 0.0, 0, 1e6);
        tauT = num("integrator.tau_T_ps", 100 * dtPs, 1e-6, 1e6);
        chainLength = (int) integer("integrator.chain_length", 3L, 1, 20);
        pressureBar = num("integrator.pressure_bar", ensemble.equals("npt") ? null : 0.0, -1e7, 1e7);
        tauP = num("integrator.tau_P_ps", 1000 * dtPs, 1e-6, 1e6);
        coupling = NptMtk.Coupling.valueOf(str("integrator.coupling", "iso", "iso", "aniso", "tri").toUpperCase(Locale.ROOT));
        if (coupling == NptMtk.Coupling.ANISO && ensemble.equals("npt") && !barostat.equals("mtk"))
            throw InputException.field(src, "integrator.coupling", "\"iso\" or \"tri\" (flexible cell) for the " + barostat
                    + " barostat; \"aniso\" needs barostat = \"mtk\"");
        compressibility = num("integrator.compressibility_per_bar", 4.5e-5, 1e-12, 1);
        rescaleEvery = (int) integer("integrator.rescale_every", 10L, 1, 1_000_000);

        thermoEvery = (int) integer("output.thermo_every", 100L, 1, Integer.MAX_VALUE);
        trajectoryEvery = (int) integer("output.trajectory_every", 1000L, 1, Integer.MAX_VALUE);
        checkpointEvery = integer("output.checkpoint_every", 0L, 0, Long.MAX_VALUE / 2);
        thermoCsv = toml.contains("output.thermo_csv") ? path("output.thermo_csv") : baseDir.resolve("thermo.csv");
        checkpoint = toml.contains("output.checkpoint") ? path("output.checkpoint") : baseDir.resolve("md.ckpt");
        Object tr = toml.get("output.trajectory");
        if (tr instanceof String) trajectories.add(path("output.trajectory"));
        else if (tr instanceof TomlArray a) {
            for (int k = 0; k < a.size(); k++) {
                if (!(a.get(k) instanceof String sv)) throw InputException.field(src, "output.trajectory[" + k + "]", "expected a file name");
                trajectories.add(baseDir.resolve(sv));
            }
        } else if (tr != null) throw InputException.field(src, "output.trajectory", "expected a file name or a list of file names");
        for (Path p : trajectories) {
            try { TrajectoryWriter.formatOf(p); } catch (IllegalArgumentException e) {
                throw InputException.field(src, "output.trajectory", e.getMessage());
            }
        }

        TomlArray fi = toml.getArray("frozen.indices");
        if (fi != null) for (int k = 0; k < fi.size(); k++) {
            if (!(fi.get(k) instanceof Long l) || l < 0) throw InputException.field(src, "frozen.indices[" + k + "]", "expected a 0-based atom index");
            frozenIndices.add((int) (long) l);
        }
        TomlArray fe = toml.getArray("frozen.elements");
        if (fe != null) for (int k = 0; k < fe.size(); k++) {
            if (!(fe.get(k) instanceof String sv)) throw InputException.field(src, "frozen.elements[" + k + "]", "expected an element symbol");
            frozenElements.add(sv);
        }
        guardMinDistance = num("guard.min_distance_A", 0.5, 0, 10);
        guardJump = num("guard.temperature_jump", 10.0, 0, 1e6);
        guardEvery = (int) integer("guard.every", 100L, 1, 1_000_000);
        guardEnergyJump = num("guard.energy_jump_eV_per_atom", DivergenceGuard.DEFAULT_ENERGY_JUMP, 0, 1e6);
        guardCollapse = num("guard.collapse_fraction", DivergenceGuard.DEFAULT_COLLAPSE, 0, 0.49);
        parsePotential();
    }

    private static final Set<String> LJ_KEYS = Set.of("style", "cutoff_A", "skin_A", "shift", "tail", "pairs");

    private void parsePotential() {
        if (!toml.contains("potential")) throw InputException.field(src, "potential", "section is required");
        TomlTable pt = toml.getTable("potential");
        if (pt == null) throw InputException.field(src, "potential", "expected a table [potential]");
        String style;
        if (pt.contains("style")) {
            style = str("potential.style", null, "lj", "mnfepba-surrogate", "forcefield", "mtp");
        } else if (pt.get("file") instanceof String f) {
            String lf = f.toLowerCase(Locale.ROOT);
            if (lf.endsWith(".mtp") || lf.endsWith(".almtp")) style = "mtp";
            else if (lf.endsWith(".toml")) style = "forcefield";
            else throw InputException.field(src, "potential.style", "is required (lj, mnfepba-surrogate, forcefield or mtp): "
                    + "cannot tell the style from the file name " + f);
        } else {
            throw InputException.field(src, "potential.style", "is required (lj, mnfepba-surrogate, forcefield or mtp)");
        }
        potentialStyle = style;
        switch (style) {
            case "lj" -> parseLennardJones();
            case "mnfepba-surrogate" -> parseSurrogate();
            case "forcefield" -> parseForceField(pt);
            default -> parseMtp();
        }
    }

    private void parseLennardJones() {
        allowOnly("potential", LJ_KEYS.toArray(new String[0]));
        double rc = num("potential.cutoff_A", null, 0.1, 100);
        double skin = num("potential.skin_A", 1.0, 0, 10);
        boolean shift = bool("potential.shift", false), tail = bool("potential.tail", false);
        TomlArray pairs = toml.getArray("potential.pairs");
        if (pairs == null || pairs.isEmpty()) throw InputException.field(src, "potential.pairs", "give at least one pair { a, b, epsilon_eV, sigma_A }");
        PairTable table = LennardJones.table(rc);
        for (int k = 0; k < pairs.size(); k++) {
            String f = "potential.pairs[" + k + "]";
            if (!(pairs.get(k) instanceof TomlTable pt)) throw InputException.field(src, f, "expected { a, b, epsilon_eV, sigma_A }");
            for (String key : pt.keySet()) {
                if (!Set.of("a", "b", "epsilon_eV", "sigma_A", "cutoff_A").contains(key)) {
                    throw InputException.field(src, f + "." + key, "unknown setting (allowed: a, b, epsilon_eV, sigma_A, cutoff_A)");
                }
            }
            String a = pt.getString("a"), b = pt.getString("b");
            if (a == null || b == null) throw InputException.field(src, f, "needs element symbols a and b");
            Object e = pt.get("epsilon_eV"), s = pt.get("sigma_A"), c = pt.get("cutoff_A");
            if (!(e instanceof Number en) || en.doubleValue() < 0) throw InputException.field(src, f + ".epsilon_eV", "expected a number ≥ 0 (eV)");
            if (!(s instanceof Number sn) || sn.doubleValue() <= 0) throw InputException.field(src, f + ".sigma_A", "expected a number > 0 (Å)");
            try {
                if (c instanceof Number cn) table.pairCut(a, b, cn.doubleValue(), en.doubleValue(), sn.doubleValue());
                else table.pair(a, b, en.doubleValue(), sn.doubleValue());
            } catch (RuntimeException ex) {
                throw InputException.field(src, f, ex.getMessage());
            }
        }
        final double skinF = skin;
        potentialBuilder = st -> new LennardJones(table, shift, tail).setSkin(skinF);
        potentialBuilder.apply(null); // validate now (the LJ term does not depend on the structure)
    }

    /** The MnFePBA surrogate: built-in parameters or {@code parameters = "file.toml"}; topology from the structure. */
    private void parseSurrogate() {
        allowOnly("potential", "style", "parameters");
        Path file = path("potential.parameters");
        MnFePbaSurrogate ff;
        if (file == null) {
            ff = MnFePbaSurrogate.load();
        } else {
            if (!Files.isRegularFile(file)) throw InputException.field(src, "potential.parameters", "file not found: " + file);
            try {
                ff = MnFePbaSurrogate.load(file);
            } catch (IOException e) {
                throw InputException.field(src, "potential.parameters", "cannot read " + file + ": " + e.getMessage());
            }
        }
        potentialBuilder = st -> ff.build(st).potential();
    }

    /** Any force field of the engine as a {@link ForceFieldConfig}: a TOML file, or inline [[potential.terms]]. */
    private void parseForceField(TomlTable pt) {
        allowOnly("potential", "style", "file", "terms");
        boolean hasFile = pt.contains("file"), hasTerms = pt.contains("terms");
        if (hasFile == hasTerms) {
            throw InputException.field(src, "potential.file", "give either file = \"forcefield.toml\" or inline [[potential.terms]], not "
                    + (hasFile ? "both" : "neither"));
        }
        ForceFieldConfig ffc;
        if (hasFile) {
            Path file = path("potential.file");
            if (!Files.isRegularFile(file)) throw InputException.field(src, "potential.file", "file not found: " + file);
            try {
                ffc = ForceFieldConfig.read(file);
            } catch (IOException e) {
                throw InputException.field(src, "potential.file", "cannot read " + file + ": " + e.getMessage());
            }
        } else {
            ffc = ForceFieldConfig.of(pt, src + " [potential]");
        }
        potentialBuilder = ffc::build;
    }

    /** A Moment Tensor Potential file (.mtp/.almtp, MLIP format) with the element of each MTP species type. */
    private void parseMtp() {
        allowOnly("potential", "style", "file", "species");
        Path file = path("potential.file");
        if (file == null) throw InputException.field(src, "potential.file", "is required: the .mtp file");
        if (!Files.isRegularFile(file)) throw InputException.field(src, "potential.file", "file not found: " + file);
        MtpModel model = MtpFormat.read(file);
        if (!model.isTrained()) throw InputException.field(src, "potential.file", file + " is an untrained MTP (no coefficients): train it first");
        TomlArray sp = toml.getArray("potential.species");
        if (sp == null || sp.isEmpty()) {
            throw InputException.field(src, "potential.species", "list the element of each of the " + model.speciesCount
                    + " MTP species types in type order, e.g. species = [\"Na\", \"Mn\", \"Fe\", \"C\", \"N\"]");
        }
        if (sp.size() != model.speciesCount) {
            throw InputException.field(src, "potential.species", file.getFileName() + " has " + model.speciesCount
                    + " species types but " + sp.size() + " elements are listed");
        }
        int[] typeToZ = new int[sp.size()];
        for (int k = 0; k < sp.size(); k++) {
            Object o = sp.get(k);
            if (!(o instanceof String sym) || Elements.bySymbolOrNull(sym) == null) {
                throw InputException.field(src, "potential.species[" + k + "]", "expected an element symbol, got " + o);
            }
            typeToZ[k] = Elements.bySymbol(sym).z();
            for (int q = 0; q < k; q++) {
                if (typeToZ[q] == typeToZ[k]) throw InputException.field(src, "potential.species[" + k + "]", sym + " is listed twice");
            }
        }
        potentialBuilder = st -> {
            if (st != null) {
                java.util.Set<Integer> known = new java.util.HashSet<>();
                for (int z : typeToZ) known.add(z);
                for (int i = 0; i < st.size(); i++) {
                    if (!known.contains(st.atomicNumber(i))) {
                        throw InputException.field(src, "potential.species", "the structure has " + st.symbol(i) + " (atom " + i
                                + ") but the MTP species are " + sp.toList());
                    }
                }
            }
            return new MtpPotential(model, typeToZ);
        };
    }

    /** The potential style: lj, mnfepba-surrogate, forcefield or mtp. */
    public String potentialStyle() { return potentialStyle; }

    /**
     * Builds a fresh potential for a structure (the surrogate and charged force fields need it for their topology
     * and charges), with the configured thread count. Problems that show only with the structure (an element the
     * potential does not know, a framework the surrogate cannot bond) are reported against the [potential] section.
     */
    public Potential potential(Structure s) {
        Potential p;
        try {
            p = potentialBuilder.apply(s);
        } catch (InputException e) {
            if (e.getMessage() != null && e.getMessage().contains(src)) throw e;
            throw InputException.field(src, "potential", "cannot be used with this structure: " + e.getMessage());
        }
        p.setThreads(threads);
        return p;
    }

    /** Builds the configured integrator (random streams derived from the seed). */
    public Integrator integrator() {
        Rng rng = new Rng(seed);
        switch (ensemble) {
            case "nve": return new VelocityVerlet();
            case "nvt":
                return thermostat.equals("langevin") ? new LangevinBaoab(temperature, tauT, rng.split(1))
                        : new NoseHooverNvt(temperature, tauT, chainLength);
            default:
                if (barostat.equals("mtk")) return new NptMtk(temperature, pressureBar, tauT, tauP, coupling, chainLength);
                Integrator inner = thermostat.equals("langevin") ? new LangevinBaoab(temperature, tauT, rng.split(1))
                        : new NoseHooverNvt(temperature, tauT, chainLength);
                StochasticCellRescaling scr = new StochasticCellRescaling(inner, temperature, pressureBar, tauP, compressibility,
                        rescaleEvery, barostat.equals("c-rescale"), rng.split(2));
                return coupling == NptMtk.Coupling.TRI ? StochasticCellRescaling.flexibleWith(scr) : scr;
        }
    }

    /** Frozen-atom mask for a structure (null when nothing is frozen); indices are checked against its size. */
    public boolean[] frozenMask(Structure s) {
        if (frozenIndices.isEmpty() && frozenElements.isEmpty()) return null;
        boolean[] m = new boolean[s.size()];
        for (int i : frozenIndices) {
            if (i >= s.size()) throw InputException.field(src, "frozen.indices", "atom index " + i + " ≥ atom count " + s.size());
            m[i] = true;
        }
        for (String e : frozenElements) {
            int z;
            try { z = org.scalebridge.structure.Elements.bySymbol(e).z(); } catch (RuntimeException ex) {
                throw InputException.field(src, "frozen.elements", "unknown element '" + e + "'");
            }
            for (int i = 0; i < s.size(); i++) if (s.atomicNumbers()[i] == z) m[i] = true;
        }
        return m;
    }

    public DivergenceGuard guard() { return new DivergenceGuard(guardMinDistance, guardJump, guardEvery, guardEnergyJump, guardCollapse); }
}
