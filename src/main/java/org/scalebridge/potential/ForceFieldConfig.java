package org.scalebridge.potential;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A force field described in TOML, as the CLI and the studio read it: an array of terms summed like LAMMPS
 * hybrid/overlay. Every field is validated with a message naming it.
 *
 * <pre>
 * [[terms]]
 * style = "lj/cut"              # lj/cut | buck | born | morse | coul/dsf | ewald | mnfepba-surrogate
 * cutoff = 8.5                  # Å (default cutoff of the pairs)
 * shift = false                 # energy shift at the cutoff (pair styles)
 * tail = false                  # lj/cut only: long-range tail correction
 * mixing = "geometric"          # lj/cut only, optional: geometric | lorentz-berthelot
 * skin = 1.0                    # Verlet skin, optional
 * pairs = [ { i = "Ar", j = "Ar", epsilon = 0.0103, sigma = 3.405 } ]
 *           # buck: A, rho, C; born: A, rho, sigma, C, D; morse: D0, alpha, r0; optional per-pair cutoff
 *
 * [[terms]]
 * style = "coul/dsf"            # also "ewald" (with accuracy = 1e-8 and optional alpha)
 * elements = ["Na", "Cl"]
 * alpha = 0.2
 * cutoff = 10.0
 * erfc = "exact"                # or "lammps" (A&amp;S 7.1.26, as LAMMPS)
 *
 * [[terms]]
 * style = "mnfepba-surrogate"   # optional file = "my-parameters.toml"; topology from the structure
 * </pre>
 */
public final class ForceFieldConfig {
    private final List<TomlTable> terms = new ArrayList<>();
    private final String source;

    private ForceFieldConfig(TomlArray arr, String source) {
        this.source = source;
        for (int k = 0; k < arr.size(); k++) {
            if (!(arr.get(k) instanceof TomlTable t)) throw InputException.field(source, "terms[" + k + "]", "expected a table");
            terms.add(t);
        }
        if (terms.isEmpty()) throw InputException.field(source, "terms", "at least one [[terms]] entry is needed");
        // validate eagerly (everything except what needs the structure)
        for (int k = 0; k < terms.size(); k++) style(k);
    }

    /** From a table holding a {@code terms} array (e.g. the [potential] table of a run configuration). */
    public static ForceFieldConfig of(TomlTable table, String source) {
        TomlArray arr = table.getArray("terms");
        if (arr == null) throw InputException.field(source, "terms", "missing [[terms]] array of force-field terms");
        return new ForceFieldConfig(arr, source);
    }

    public static ForceFieldConfig read(Path file) throws IOException {
        TomlParseResult r = Toml.parse(file);
        if (r.hasErrors()) {
            var e = r.errors().get(0);
            throw InputException.at(file, e.position() == null ? 0 : e.position().line(), e.getMessage());
        }
        return of(r, file.toString());
    }

    public static ForceFieldConfig parse(String toml, String source) {
        TomlParseResult r = Toml.parse(toml);
        if (r.hasErrors()) {
            var e = r.errors().get(0);
            throw InputException.at(source, e.position() == null ? 0 : e.position().line(), e.getMessage());
        }
        return of(r, source);
    }

    private static final Set<String> STYLES = Set.of("lj/cut", "buck", "born", "morse", "coul/dsf", "ewald", "mnfepba-surrogate");

    private String style(int k) {
        String st = terms.get(k).getString("style");
        if (st == null || !STYLES.contains(st)) {
            throw InputException.field(source, "terms[" + k + "].style", "expected one of " + STYLES + ", got " + st);
        }
        return st;
    }

    /** Builds the potential for a structure (the surrogate needs it for its topology and charges). */
    public Potential build(Structure s) {
        List<Potential> out = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) out.add(term(k, s));
        return out.size() == 1 ? out.get(0) : new SumPotential(out);
    }

    private Potential term(int k, Structure s) {
        TomlTable t = terms.get(k);
        String f = "terms[" + k + "]";
        String st = style(k);
        switch (st) {
            case "mnfepba-surrogate": {
                String file = t.getString("file");
                try {
                    MnFePbaSurrogate ff = file == null ? MnFePbaSurrogate.load() : MnFePbaSurrogate.load(Path.of(file));
                    return ff.build(s).potential();
                } catch (IOException e) {
                    throw InputException.field(source, f + ".file", "cannot read " + file + ": " + e.getMessage());
                }
            }
            case "coul/dsf":
            case "ewald": {
                TypeMap types = elements(t, f);
                double rc = positive(t, f, "cutoff");
                Erfc.Mode mode = erfc(t, f);
                if (st.equals("coul/dsf")) {
                    return new DsfCoulomb(types, nonNegative(t, f, "alpha"), rc, mode, DsfCoulomb.ExclusionStyle.OMIT);
                }
                double acc = t.contains("accuracy") ? positive(t, f, "accuracy") : 1e-8;
                if (!(acc < 1)) throw InputException.field(source, f + ".accuracy", "must be < 1");
                double alpha = t.contains("alpha") ? positive(t, f, "alpha") : Double.NaN;
                return new EwaldCoulomb(types, rc, acc, alpha, mode);
            }
            default: {
                double rc = positive(t, f, "cutoff");
                boolean shift = bool(t, f, "shift", false);
                String[] names = switch (st) {
                    case "lj/cut" -> new String[] {"epsilon", "sigma"};
                    case "buck" -> new String[] {"A", "rho", "C"};
                    case "born" -> new String[] {"A", "rho", "sigma", "C", "D"};
                    default -> new String[] {"D0", "alpha", "r0"};
                };
                PairTable table = new PairTable(rc, names);
                TomlArray pairs = t.getArray("pairs");
                if (pairs == null || pairs.size() == 0) throw InputException.field(source, f + ".pairs", "needs at least one pair");
                for (int q = 0; q < pairs.size(); q++) {
                    String pf = f + ".pairs[" + q + "]";
                    if (!(pairs.get(q) instanceof TomlTable pt)) throw InputException.field(source, pf, "expected { i = ..., j = ..., ... }");
                    String a = element(pt, pf, "i"), b = element(pt, pf, "j");
                    double[] v = new double[names.length];
                    for (int m = 0; m < names.length; m++) v[m] = number(pt, pf, names[m]);
                    double prc = pt.contains("cutoff") ? positive(pt, pf, "cutoff") : rc;
                    table.pairCut(a, b, prc, v);
                }
                PairPotential p;
                switch (st) {
                    case "lj/cut" -> {
                        String mix = t.getString("mixing");
                        if (mix != null) {
                            switch (mix.toLowerCase(Locale.ROOT)) {
                                case "geometric" -> table.mixing(LennardJones.GEOMETRIC);
                                case "lorentz-berthelot", "arithmetic" -> table.mixing(LennardJones.LORENTZ_BERTHELOT);
                                default -> throw InputException.field(source, f + ".mixing", "expected geometric or lorentz-berthelot, got " + mix);
                            }
                        }
                        p = new LennardJones(table, shift, bool(t, f, "tail", false));
                    }
                    case "buck" -> p = new Buckingham(table, shift);
                    case "born" -> p = new BornMayerHuggins(table, shift);
                    default -> p = new MorsePair(table, shift);
                }
                if (t.contains("skin")) p.setSkin(nonNegative(t, f, "skin"));
                return p;
            }
        }
    }

    private TypeMap elements(TomlTable t, String f) {
        TomlArray a = t.getArray("elements");
        if (a == null || a.size() == 0) throw InputException.field(source, f + ".elements", "list the elements, e.g. [\"Na\", \"Cl\"]");
        TypeMap m = new TypeMap();
        for (int k = 0; k < a.size(); k++) {
            Object o = a.get(k);
            if (!(o instanceof String sym) || Elements.bySymbolOrNull(sym) == null) throw InputException.field(source, f + ".elements[" + k + "]", "not an element symbol: " + o);
            m.add(sym);
        }
        return m;
    }

    private String element(TomlTable t, String f, String key) {
        String v = t.getString(key);
        if (v == null || Elements.bySymbolOrNull(v) == null) throw InputException.field(source, f + "." + key, "expected an element symbol, got " + t.get(key));
        return v;
    }

    private Erfc.Mode erfc(TomlTable t, String f) {
        String e = t.getString("erfc");
        if (e == null || e.equals("exact")) return Erfc.Mode.EXACT;
        if (e.equals("lammps") || e.equals("abramowitz-stegun")) return Erfc.Mode.ABRAMOWITZ_STEGUN;
        throw InputException.field(source, f + ".erfc", "expected \"exact\" or \"lammps\", got " + e);
    }

    private double number(TomlTable t, String f, String key) {
        Object o = t.get(key);
        if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) throw InputException.field(source, f + "." + key, "expected a finite number, got " + o);
        return n.doubleValue();
    }

    private double positive(TomlTable t, String f, String key) {
        double v = number(t, f, key);
        if (!(v > 0)) throw InputException.field(source, f + "." + key, "must be > 0, got " + v);
        return v;
    }

    private double nonNegative(TomlTable t, String f, String key) {
        double v = number(t, f, key);
        if (!(v >= 0)) throw InputException.field(source, f + "." + key, "must be ≥ 0, got " + v);
        return v;
    }

    private boolean bool(TomlTable t, String f, String key, boolean def) {
        Object o = t.get(key);
        if (o == null) return def;
        if (!(o instanceof Boolean b)) throw InputException.field(source, f + "." + key, "expected true or false, got " + o);
        return b;
    }
}
