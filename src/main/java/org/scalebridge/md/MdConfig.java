package org.scalebridge.md;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.PairTable;
import org.scalebridge.potential.Potential;
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
 * coupling = "tri"                # iso | aniso | tri (mtk)
 * compressibility_per_bar = 4.5e-5  # c-rescale / berendsen
 * rescale_every = 10
 *
 * [potential]
 * style = "lj"                    # lj (lj/cut; shift, tail)
 * cutoff_A = 8.5
 * skin_A = 1.0
 * shift = false
 * tail = false
 * pairs = [ { a = "Ar", b = "Ar", epsilon_eV = 0.010323, sigma_A = 3.405 } ]
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
    public double guardMinDistance, guardJump;
    public int guardEvery;
    private Supplier<Potential> potentialFactory;

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
        allowOnly("guard", "min_distance_A", "temperature_jump", "every");
        allowOnly("potential", "style", "cutoff_A", "skin_A", "shift", "tail", "pairs");

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
        parsePotential();
    }

    private void parsePotential() {
        if (!toml.contains("potential")) throw InputException.field(src, "potential", "section is required");
        String style = str("potential.style", null, "lj");
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
        final int th = threads;
        potentialFactory = () -> {
            Potential p = new LennardJones(table, shift, tail).setSkin(skinF);
            p.setThreads(th);
            return p;
        };
        potentialFactory.get(); // validate now
        if (!style.equals("lj")) throw InputException.field(src, "potential.style", "unsupported style " + style);
    }

    /** Builds fresh potentials as configured. */
    public Supplier<Potential> potentialFactory() { return potentialFactory; }

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
                return new StochasticCellRescaling(inner, temperature, pressureBar, tauP, compressibility, rescaleEvery,
                        barostat.equals("c-rescale"), rng.split(2));
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

    public DivergenceGuard guard() { return new DivergenceGuard(guardMinDistance, guardJump, guardEvery); }
}
