package org.scalebridge.continuum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A complete, validated P2D parameter set (SI units), read from a JSON file (see {@code resources/p2d/*.json}).
 * Functions (OCPs, D(c), κ(c,T), j0, μ(c)) are given as expressions compiled by {@link Expr}; every field is checked
 * on load and a bad one raises an {@link InputException} naming the file and the field.
 */
public final class P2dParameters {
    /** Which particle model an electrode uses. */
    public enum ParticleKind { FICKIAN, CAHN_HILLIARD }

    /** Electrolyte: concentrated binary electrolyte (Newman). Expressions of (c [mol/m³], T [K]). */
    public static final class Electrolyte {
        public double cInit;
        public Expr diffusivity, conductivity, transference, thermodynamicFactor;
    }

    /** Separator geometry. */
    public static final class Separator {
        /** Film resistance R_film [Ω m²]: η = φ_s − φ_e − U − j R_film. */
        public double filmResistance;
        public double thickness, porosity, bruggeman;
    }

    /** One porous electrode and its particle model. */
    public static final class Electrode {
        public String name;
        /** Film resistance R_film [Ω m²]: η = φ_s − φ_e − U − j R_film. */
        public double filmResistance;
        public double thickness, porosity, activeFraction, bruggemanElectrolyte, bruggemanSolid, radius, cMax, cInit,
                conductivity, alpha;
        /** OCP U(sto, T) [V] (Fickian), or E0 [V] and μ_hom(sto, T) [J/mol] (Cahn–Hilliard: U = E0 − μ/F). */
        public Expr ocp;
        /** j0(ce, cs, cmax, T, sto, mu_RT) [A/m²]; mu_RT = μ_s/(RT) is the surface thermodynamic force. */
        public Expr exchangeCurrent;
        public ParticleKind kind = ParticleKind.FICKIAN;
        /** D(sto, c, T) [m²/s]. */
        public Expr diffusivity;
        // Cahn–Hilliard only
        public double e0;
        public Expr muHom;
        /** Gradient-energy coefficient κ [J/m] (free-energy density ½κ|∇sto|²). */
        public double kappa;
        /** Binodal filling fractions and interfacial energy [J/m²] when κ was derived from them (else null/NaN). */
        public double[] binodals;
        public double interfacialEnergy = Double.NaN;
        /** Coherency-strain coefficient B [J/m³] (adds B(sto − mean sto)/c_max to μ). */
        public double strainB;
        /** Surface wetting: d(sto)/dr at r = R [1/m] (0 = natural boundary condition). */
        public double wettingSlope;
        /** "lattice" mobility c(1−c) or "dilute" mobility c (Eq. 22–24: M = D/RT times this factor). */
        public boolean latticeMobility = true;

        /** Specific interfacial area a = 3 ε_am / R [1/m]. */
        public double specificArea() { return 3 * activeFraction / radius; }

        /** Capacity of the electrode's host sites per unit area [C/m²]. */
        public double siteCapacity(double faraday) { return thickness * activeFraction * cMax * faraday; }
    }

    public String name = "";
    public String source = "<parameters>";
    public double faraday = Units.FARADAY, gasConstant = Units.GAS_CONSTANT, temperature = 298.15;
    public double nominalCapacityAhPerM2 = Double.NaN;
    public double cutoffLower = Double.NEGATIVE_INFINITY, cutoffUpper = Double.POSITIVE_INFINITY;
    public Electrolyte electrolyte = new Electrolyte();
    public Electrode negative = new Electrode(), positive = new Electrode();
    public Separator separator = new Separator();

    /** 1C current density [A/m²] from the nominal capacity, or the smaller electrode's site capacity. */
    public double oneCCurrent() {
        if (Double.isFinite(nominalCapacityAhPerM2)) return nominalCapacityAhPerM2;
        return Math.min(negative.siteCapacity(faraday), positive.siteCapacity(faraday)) / 3600.0;
    }

    public double thermalVoltage() { return gasConstant * temperature / faraday; }

    // ------------------------------------------------------------------ loading
    public static P2dParameters load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read P2D parameter file: " + e.getMessage());
        }
    }

    /** Loads a parameter set shipped under {@code resources/p2d/} (e.g. "marquis2019"), looked up relative to the working directory or the classpath. */
    public static P2dParameters bundled(String name) {
        for (Path base : new Path[]{Path.of("resources", "p2d"), Path.of("..", "resources", "p2d")}) {
            Path f = base.resolve(name + ".json");
            if (Files.isRegularFile(f)) return load(f);
        }
        InputStream in = P2dParameters.class.getResourceAsStream("/p2d/" + name + ".json");
        if (in == null) throw InputException.at(name, 0, "no bundled P2D parameter set of that name in resources/p2d/");
        try (in) { return parse(in, "resources/p2d/" + name + ".json"); }
        catch (IOException e) { throw InputException.at(name, 0, e.getMessage()); }
    }

    public static P2dParameters parse(InputStream in, String source) {
        JsonNode root;
        try { root = new ObjectMapper().readTree(in); }
        catch (IOException e) { throw InputException.at(source, 0, "not valid JSON: " + e.getMessage()); }
        return fromJson(root, source);
    }

    public static P2dParameters fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw InputException.at(source, 0, "expected a JSON object");
        P2dParameters p = new P2dParameters();
        p.source = source;
        R r = new R(source);
        p.name = root.path("name").asText("");
        JsonNode c = root.path("constants");
        if (c.isObject()) {
            p.faraday = r.pos(c, "constants.", "F", Units.FARADAY);
            p.gasConstant = r.pos(c, "constants.", "R", Units.GAS_CONSTANT);
        }
        p.temperature = r.pos(root, "", "temperature_K", Double.NaN);
        if (root.has("nominal_capacity_Ah_per_m2")) p.nominalCapacityAhPerM2 = r.pos(root, "", "nominal_capacity_Ah_per_m2", Double.NaN);
        if (root.has("cutoff_lower_V")) p.cutoffLower = r.num(root, "", "cutoff_lower_V", Double.NaN);
        if (root.has("cutoff_upper_V")) p.cutoffUpper = r.num(root, "", "cutoff_upper_V", Double.NaN);
        if (p.cutoffLower >= p.cutoffUpper) throw InputException.field(source, "cutoff_lower_V", "must be below cutoff_upper_V");

        JsonNode e = r.obj(root, "", "electrolyte");
        p.electrolyte.cInit = r.pos(e, "electrolyte.", "c_init", Double.NaN);
        p.electrolyte.diffusivity = r.expr(e, "electrolyte.", "diffusivity", null, "c", "T");
        p.electrolyte.conductivity = r.expr(e, "electrolyte.", "conductivity", null, "c", "T");
        p.electrolyte.transference = r.expr(e, "electrolyte.", "transference_number", null, "c", "T");
        p.electrolyte.thermodynamicFactor = r.expr(e, "electrolyte.", "thermodynamic_factor", "1", "c", "T");
        double tp = p.electrolyte.transference.eval(new double[]{p.electrolyte.cInit, p.temperature});
        if (!(tp > 0 && tp < 1)) throw InputException.field(source, "electrolyte.transference_number", "must lie in (0, 1), got " + tp);
        checkPositive(source, "electrolyte.diffusivity", p.electrolyte.diffusivity.eval(new double[]{p.electrolyte.cInit, p.temperature}));
        checkPositive(source, "electrolyte.conductivity", p.electrolyte.conductivity.eval(new double[]{p.electrolyte.cInit, p.temperature}));

        JsonNode s = r.obj(root, "", "separator");
        p.separator.thickness = r.pos(s, "separator.", "thickness", Double.NaN);
        p.separator.porosity = r.frac(s, "separator.", "porosity");
        p.separator.bruggeman = r.pos(s, "separator.", "bruggeman_electrolyte", 1.5);

        p.negative = electrode(r, r.obj(root, "", "negative"), "negative", p);
        p.positive = electrode(r, r.obj(root, "", "positive"), "positive", p);
        return p;
    }

    private static void checkPositive(String source, String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw InputException.field(source, field, "evaluates to " + v + " at the initial state; expected a positive finite value");
    }

    private static Electrode electrode(R r, JsonNode n, String name, P2dParameters p) {
        String pre = name + ".";
        Electrode e = new Electrode();
        e.name = name;
        e.thickness = r.pos(n, pre, "thickness", Double.NaN);
        e.porosity = r.frac(n, pre, "porosity");
        e.activeFraction = r.frac(n, pre, "active_fraction");
        if (e.porosity + e.activeFraction > 1 + 1e-12)
            throw InputException.field(r.src, pre + "active_fraction", "porosity + active_fraction = " + (e.porosity + e.activeFraction) + " exceeds 1");
        e.bruggemanElectrolyte = r.pos(n, pre, "bruggeman_electrolyte", 1.5);
        e.bruggemanSolid = r.pos(n, pre, "bruggeman_solid", 1.5);
        e.radius = r.pos(n, pre, "particle_radius", Double.NaN);
        e.cMax = r.pos(n, pre, "c_max", Double.NaN);
        if (n.has("c_init")) e.cInit = r.pos(n, pre, "c_init", Double.NaN);
        else e.cInit = r.frac(n, pre, "initial_stoichiometry") * e.cMax;
        if (!(e.cInit > 0 && e.cInit < e.cMax)) throw InputException.field(r.src, pre + "c_init", "must lie in (0, c_max = " + e.cMax + "), got " + e.cInit);
        e.conductivity = r.pos(n, pre, "conductivity", Double.NaN);
        e.alpha = r.frac(n, pre, "alpha");
        e.filmResistance = n.has("film_resistance") ? r.num(n, pre, "film_resistance", 0.0) : 0.0;
        if (e.filmResistance < 0) throw InputException.field(r.src, pre + "film_resistance", "must be ≥ 0 ohm m²");
        e.exchangeCurrent = r.expr(n, pre, "exchange_current_density", null, "ce", "cs", "cmax", "T", "sto", "mu_RT");
        JsonNode part = r.obj(n, pre, "particle");
        String model = part.path("model").asText("fickian").toLowerCase();
        String pp = pre + "particle.";
        e.diffusivity = r.expr(part, pp, "diffusivity", null, "sto", "c", "T");
        double sto0 = e.cInit / e.cMax;
        checkPositive(r.src, pp + "diffusivity", e.diffusivity.eval(new double[]{sto0, e.cInit, p.temperature}));
        switch (model) {
            case "fickian":
                e.kind = ParticleKind.FICKIAN;
                e.ocp = r.expr(n, pre, "ocp", null, "sto", "T");
                break;
            case "cahn_hilliard":
            case "cahn-hilliard":
                e.kind = ParticleKind.CAHN_HILLIARD;
                e.e0 = r.num(part, pp, "E0", Double.NaN);
                e.muHom = r.expr(part, pp, "mu_homogeneous", null, "sto", "T");
                if (part.has("kappa")) e.kappa = r.pos(part, pp, "kappa", Double.NaN);
                else { // κ from the interfacial energy (Eq. 26) and the binodals of μ_hom at T
                    double gamma = r.pos(part, pp, "interfacial_energy_J_per_m2", Double.NaN);
                    JsonNode b = part.get("binodals");
                    if (b == null || !b.isArray() || b.size() != 2)
                        throw InputException.field(r.src, pp + "binodals", "give kappa, or interfacial_energy_J_per_m2 with binodals [x1, x2] (filling fractions)");
                    double y1 = b.get(0).asDouble(), y2 = b.get(1).asDouble();
                    if (!(y1 > 0 && y2 > y1 && y2 < 1)) throw InputException.field(r.src, pp + "binodals", "need 0 < x1 < x2 < 1");
                    e.binodals = new double[]{y1, y2};
                    e.kappa = PhaseField.gradientCoefficient(gamma, PhaseField.excessFreeEnergy(e.muHom, p.temperature, e.cMax, y1, y2), y1, y2, 2000);
                    e.interfacialEnergy = gamma;
                }
                e.strainB = r.num(part, pp, "strain_B", 0.0);
                if (e.strainB < 0) // an elastic (coherency-strain) energy B(x − x̄)²/2 per volume is never negative
                    throw InputException.field(r.src, pp + "strain_B", "must be ≥ 0 J/m³ (coherency-strain coefficient), got " + e.strainB);
                e.wettingSlope = r.num(part, pp, "wetting_slope", 0.0);
                String mob = part.path("mobility").asText("lattice");
                if (!mob.equals("lattice") && !mob.equals("dilute"))
                    throw InputException.field(r.src, pp + "mobility", "expected \"lattice\" or \"dilute\", got \"" + mob + "\"");
                e.latticeMobility = mob.equals("lattice");
                break;
            default:
                throw InputException.field(r.src, pp + "model", "expected \"fickian\" or \"cahn_hilliard\", got \"" + model + "\"");
        }
        double j0 = e.exchangeCurrent.eval(new double[]{p.electrolyte.cInit, e.cInit, e.cMax, p.temperature, sto0, 0});
        checkPositive(r.src, pre + "exchange_current_density", j0);
        return e;
    }

    /** Small typed reader that names the field in every error. */
    private static final class R {
        final String src;
        R(String src) { this.src = src; }

        JsonNode obj(JsonNode n, String pre, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isObject()) throw InputException.field(src, pre + f, "missing or not an object");
            return v;
        }

        double num(JsonNode n, String pre, String f, double dflt) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                if (Double.isNaN(dflt)) throw InputException.field(src, pre + f, "missing (required number)");
                return dflt;
            }
            if (!v.isNumber()) throw InputException.field(src, pre + f, "expected a number, got " + v);
            double d = v.asDouble();
            if (!Double.isFinite(d)) throw InputException.field(src, pre + f, "not finite");
            return d;
        }

        double pos(JsonNode n, String pre, String f, double dflt) {
            double d = num(n, pre, f, dflt);
            if (!(d > 0)) throw InputException.field(src, pre + f, "must be > 0, got " + d);
            return d;
        }

        double frac(JsonNode n, String pre, String f) {
            double d = num(n, pre, f, Double.NaN);
            if (!(d > 0 && d <= 1)) throw InputException.field(src, pre + f, "must lie in (0, 1], got " + d);
            return d;
        }

        Expr expr(JsonNode n, String pre, String f, String dflt, String... vars) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                if (dflt == null) throw InputException.field(src, pre + f, "missing (number or expression in " + String.join(", ", vars) + ")");
                return Expr.compile(dflt, pre + f, vars);
            }
            if (v.isNumber()) return Expr.constant(v.asDouble());
            if (v.isTextual()) {
                try { return Expr.compile(v.asText(), pre + f, vars); }
                catch (InputException ex) { throw InputException.field(src, pre + f, ex.getMessage()); }
            }
            if (v.isArray()) { // concatenated string pieces, for readability of long formulas
                StringBuilder sb = new StringBuilder();
                for (JsonNode x : v) sb.append(x.asText()).append(' ');
                try { return Expr.compile(sb.toString(), pre + f, vars); }
                catch (InputException ex) { throw InputException.field(src, pre + f, ex.getMessage()); }
            }
            if (v.isObject() && v.has("table")) return table(v, pre + f, vars);
            throw InputException.field(src, pre + f, "expected a number, an expression string or {\"table\": \"file.csv\", ...}");
        }

        /** A CSV table ({@link TableFunction}); the path is relative to the parameter file's folder. */
        Expr table(JsonNode v, String field, String... vars) {
            String file = v.path("table").asText("");
            if (file.isEmpty()) throw InputException.field(src, field + ".table", "expected a CSV file name");
            Path base = Path.of(src).toAbsolutePath().getParent();
            Path pf = base == null ? Path.of(file) : base.resolve(file);
            if (!Files.isRegularFile(pf)) throw InputException.field(src, field + ".table", "no such file: " + pf);
            String variable = v.path("variable").asText(vars[0]);
            int var = java.util.Arrays.asList(vars).indexOf(variable);
            if (var < 0) throw InputException.field(src, field + ".variable", "expected one of " + String.join(", ", vars) + ", got \"" + variable + "\"");
            String interp = v.path("interpolation").asText("monotone");
            if (!interp.equals("monotone") && !interp.equals("linear"))
                throw InputException.field(src, field + ".interpolation", "expected \"monotone\" or \"linear\", got \"" + interp + "\"");
            double xs = v.has("x_scale") ? pos(v, field + ".", "x_scale", Double.NaN) : 1.0;
            double ys = v.has("y_scale") ? num(v, field + ".", "y_scale", Double.NaN) : 1.0;
            return TableFunction.load(pf, v.path("x").asText(variable), v.path("y").asText("y"), xs, ys,
                    v.path("y_unit").asText(""), v.path("log").asBoolean(false), interp.equals("linear"), var);
        }
    }
}
