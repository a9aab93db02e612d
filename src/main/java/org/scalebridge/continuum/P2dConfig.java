package org.scalebridge.continuum;

import org.scalebridge.core.InputException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A P2D run described in TOML (what {@code scalebridge p2d CONFIG} reads):
 * <pre>
 * parameters = "marquis2019"          # bundled set in resources/p2d, or a path to a JSON parameter file
 * temperature_K = 298.15              # optional override
 * [mesh]    negative = 20  separator = 10  positive = 20  radial_negative = 20  radial_positive = 20  radial_stretch = 1.0
 * [solver]  rtol = 1e-6  atol = 1e-8  max_order = 5
 * [output]  directory = "p2d-out"  interval_s = 10  map_every = 6  csv = true  json = true  binary = true
 * [[step]]  type = "cc"   c_rate = 1.0 (or current_A_per_m2)  duration_s = 3600  v_min = 3.105  v_max = 4.2
 * [[step]]  type = "cv"   voltage = 4.2  duration_s = 3600  until_c = 0.05 (or until_A_per_m2)
 * [[step]]  type = "cp"   power_W_per_m2 = 50  duration_s = 600
 * [[step]]  type = "rest" duration_s = 600
 * [[step]]  type = "cccv" c_rate = -1  voltage = 4.1  until_c = 0.05  duration_s = 7200
 * </pre>
 * radial_stretch > 1 refines the radial meshes of Fickian and Cahn–Hilliard particles towards the surface (ratio of
 * neighbouring spacings). In the parameter JSON any function (OCP, D, μ_hom, κ_e, ...) may be a CSV table:
 * {"table": "mu.csv", "x": "x", "y": "mu_fit_eV", "y_unit": "eV", "log": false, "interpolation": "monotone"}
 * ({@link TableFunction}).
 * Relative paths are resolved against the configuration file's folder. Bad fields raise {@link InputException}
 * naming the file, line and field.
 */
public final class P2dConfig {
    public P2dParameters parameters;
    public int nNeg = 20, nSep = 10, nPos = 20, nrNeg = 20, nrPos = 20;
    public double radialStretch = 1.0;
    public double rtol = 1e-6, atol = 1e-8;
    public int maxOrder = 5;
    public Path outputDir;
    public double interval = 10;
    public int mapEvery = 6;
    public boolean csv = true, json = true, binary = true;
    public Protocol protocol = new Protocol();

    public static P2dConfig load(Path file) {
        TomlParseResult t;
        try { t = Toml.parse(file); }
        catch (IOException e) { throw InputException.at(file, 0, "cannot read: " + e.getMessage()); }
        if (t.hasErrors()) {
            var e = t.errors().get(0);
            throw InputException.at(file, e.position() == null ? 0 : e.position().line(), e.getMessage());
        }
        String src = file.toString();
        Path base = file.toAbsolutePath().getParent();
        P2dConfig c = new P2dConfig();
        String ps = t.getString("parameters");
        if (ps == null) throw InputException.field(src, "parameters", "missing: a bundled name (e.g. \"marquis2019\") or a JSON file path");
        Path pf = base.resolve(ps);
        c.parameters = java.nio.file.Files.isRegularFile(pf) ? P2dParameters.load(pf) : P2dParameters.bundled(ps);
        if (t.contains("temperature_K")) {
            double T = num(t, src, "temperature_K");
            if (!(T > 0)) throw InputException.field(src, "temperature_K", "must be > 0 K");
            c.parameters.temperature = T;
        }
        c.nNeg = intv(t, src, "mesh.negative", c.nNeg, 1);
        c.nSep = intv(t, src, "mesh.separator", c.nSep, 1);
        c.nPos = intv(t, src, "mesh.positive", c.nPos, 1);
        c.nrNeg = intv(t, src, "mesh.radial_negative", c.nrNeg, 3);
        c.nrPos = intv(t, src, "mesh.radial_positive", c.nrPos, 3);
        if (t.contains("mesh.radial_stretch")) c.radialStretch = num(t, src, "mesh.radial_stretch");
        if (t.contains("solver.rtol")) c.rtol = num(t, src, "solver.rtol");
        if (t.contains("solver.atol")) c.atol = num(t, src, "solver.atol");
        if (!(c.rtol > 0 && c.rtol < 0.1)) throw InputException.field(src, "solver.rtol", "must lie in (0, 0.1)");
        c.maxOrder = intv(t, src, "solver.max_order", c.maxOrder, 1);
        if (c.maxOrder > 5) throw InputException.field(src, "solver.max_order", "must be 1..5");
        c.outputDir = base.resolve(t.getString("output.directory", () -> "p2d-out"));
        if (t.contains("output.interval_s")) c.interval = num(t, src, "output.interval_s");
        if (!(c.interval > 0)) throw InputException.field(src, "output.interval_s", "must be > 0 s");
        c.mapEvery = intv(t, src, "output.map_every", c.mapEvery, 0);
        c.csv = t.getBoolean("output.csv", () -> true);
        c.json = t.getBoolean("output.json", () -> true);
        c.binary = t.getBoolean("output.binary", () -> true);
        TomlArray steps = t.getArray("step");
        if (steps == null || steps.isEmpty()) throw InputException.field(src, "step", "no [[step]] given: the protocol is empty");
        for (int i = 0; i < steps.size(); i++) {
            TomlTable s = steps.getTable(i);
            String f = "step[" + (i + 1) + "]";
            String type = s.getString("type", () -> "");
            double dur = s.contains("duration_s") ? d(s, src, f, "duration_s") : Double.NaN;
            if (!(dur > 0)) throw InputException.field(src, f + ".duration_s", "missing or not > 0");
            double vmin = s.contains("v_min") ? d(s, src, f, "v_min") : c.parameters.cutoffLower;
            double vmax = s.contains("v_max") ? d(s, src, f, "v_max") : c.parameters.cutoffUpper;
            switch (type) {
                case "cc":
                    if (s.contains("c_rate")) c.protocol.constantCurrentC(d(s, src, f, "c_rate"), dur, vmin, vmax);
                    else if (s.contains("current_A_per_m2")) c.protocol.constantCurrent(d(s, src, f, "current_A_per_m2"), dur, vmin, vmax);
                    else throw InputException.field(src, f + ".c_rate", "a cc step needs c_rate or current_A_per_m2");
                    break;
                case "cv": {
                    if (!s.contains("voltage")) throw InputException.field(src, f + ".voltage", "missing");
                    double lim = s.contains("until_c") ? -Math.abs(d(s, src, f, "until_c")) : s.contains("until_A_per_m2") ? d(s, src, f, "until_A_per_m2") : 0;
                    c.protocol.constantVoltage(d(s, src, f, "voltage"), dur, lim);
                    break;
                }
                case "cp":
                    if (!s.contains("power_W_per_m2")) throw InputException.field(src, f + ".power_W_per_m2", "missing");
                    c.protocol.constantPower(d(s, src, f, "power_W_per_m2"), dur, vmin, vmax);
                    break;
                case "rest":
                    c.protocol.rest(dur);
                    break;
                case "cccv":
                    if (!s.contains("c_rate") || !s.contains("voltage")) throw InputException.field(src, f, "a cccv step needs c_rate and voltage");
                    c.protocol.ccCv(d(s, src, f, "c_rate"), d(s, src, f, "voltage"), s.contains("until_c") ? d(s, src, f, "until_c") : 0.05, dur);
                    break;
                default:
                    throw InputException.field(src, f + ".type", "expected cc, cv, cp, rest or cccv, got \"" + type + "\"");
            }
        }
        return c;
    }

    private static double d(TomlTable s, String src, String f, String key) {
        Object o = s.get(key);
        if (o instanceof Number) return ((Number) o).doubleValue();
        throw InputException.field(src, f + "." + key, "expected a number, got " + o);
    }

    private static double num(TomlParseResult t, String src, String key) {
        Object o = t.get(key);
        if (o instanceof Number) return ((Number) o).doubleValue();
        throw InputException.field(src, key, "expected a number, got " + o);
    }

    private static int intv(TomlParseResult t, String src, String key, int dflt, int min) {
        if (!t.contains(key)) return dflt;
        Object o = t.get(key);
        if (!(o instanceof Long)) throw InputException.field(src, key, "expected an integer, got " + o);
        long v = (Long) o;
        if (v < min || v > 100000) throw InputException.field(src, key, "must be ≥ " + min + ", got " + v);
        return (int) v;
    }

    public P2dModel buildModel() { return new P2dModel(parameters, nNeg, nSep, nPos, nrNeg, nrPos, radialStretch); }

    public P2dSimulation buildSimulation() {
        return new P2dSimulation(buildModel()).tolerances(rtol, atol).maxOrder(maxOrder).outputInterval(interval).mapEvery(mapEvery);
    }
}
