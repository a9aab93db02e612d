package org.scalebridge.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Typed, validated access to a TOML configuration: every getter names the file and the dotted field in its
 * {@link InputException} and states what was expected. Used by the active-learning and pipeline configurations.
 */
public final class ConfigReader {
    private final Path file;
    private final TomlTable table;
    private final String prefix;

    private ConfigReader(Path file, TomlTable table, String prefix) {
        this.file = file;
        this.table = table;
        this.prefix = prefix;
    }

    /** Parses a TOML file; syntax errors name the line. */
    public static ConfigReader parse(Path file) {
        return new ConfigReader(file, org.scalebridge.core.TomlFiles.read(file), "");
    }

    public Path file() { return file; }

    /** The folder of the configuration file (relative paths resolve against it). */
    public Path dir() {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? Path.of(".").toAbsolutePath() : p;
    }

    /** A sub-table; an empty one when absent. */
    public ConfigReader section(String key) {
        Object o = table.get(key);
        if (o == null) return new ConfigReader(file, Toml.parse(""), prefix + key + ".");
        if (!(o instanceof TomlTable t)) throw error(key, "expected a table");
        return new ConfigReader(file, t, prefix + key + ".");
    }

    /** Tables of an array of tables ([[key]]). */
    public List<ConfigReader> sections(String key) {
        List<ConfigReader> out = new ArrayList<>();
        Object o = table.get(key);
        if (o == null) return out;
        if (!(o instanceof TomlArray a)) throw error(key, "expected an array of tables ([[" + prefix + key + "]])");
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof TomlTable t)) throw error(key + "[" + i + "]", "expected a table");
            out.add(new ConfigReader(file, t, prefix + key + "[" + i + "]."));
        }
        return out;
    }

    public boolean has(String key) { return table.contains(key); }

    /** The value if it is a string, else null (never throws). */
    public String stringOrNull(String key) {
        return table.get(key) instanceof String s ? s : null;
    }

    /** The raw TOML value (tables and arrays as TOML text), for hashing. */
    public String raw(String key) {
        Object o = table.get(key);
        if (o instanceof TomlTable t) return t.toToml();
        if (o instanceof TomlArray a) return a.toToml();
        return String.valueOf(o);
    }

    /** Keys of this table, in file order. */
    public java.util.Set<String> keys() { return table.keySet(); }

    public InputException error(String key, String problem) {
        return InputException.field(file.toString(), prefix + key, problem);
    }

    public double real(String key, double def) {
        Object o = table.get(key);
        if (o == null) return def;
        if (o instanceof Number n) return n.doubleValue();
        throw error(key, "expected a number, got " + o);
    }

    /** A number in [lo, hi]. */
    public double real(String key, double def, double lo, double hi) {
        double v = real(key, def);
        if (!(v >= lo && v <= hi)) throw error(key, "expected a value in [" + lo + ", " + hi + "], got " + v);
        return v;
    }

    public double positive(String key, double def) {
        double v = real(key, def);
        if (!(v > 0) || !Double.isFinite(v)) throw error(key, "expected a finite number > 0, got " + v);
        return v;
    }

    public int integer(String key, int def, int lo, int hi) {
        Object o = table.get(key);
        if (o == null) return def;
        if (!(o instanceof Long l)) throw error(key, "expected an integer, got " + o);
        if (l < lo || l > hi) throw error(key, "expected an integer in [" + lo + ", " + hi + "], got " + l);
        return l.intValue();
    }

    public long longValue(String key, long def) {
        Object o = table.get(key);
        if (o == null) return def;
        if (!(o instanceof Long l)) throw error(key, "expected an integer, got " + o);
        return l;
    }

    public boolean bool(String key, boolean def) {
        Object o = table.get(key);
        if (o == null) return def;
        if (!(o instanceof Boolean b)) throw error(key, "expected true or false, got " + o);
        return b;
    }

    public String string(String key, String def) {
        Object o = table.get(key);
        if (o == null) return def;
        if (!(o instanceof String s)) throw error(key, "expected a string, got " + o);
        return s;
    }

    /** One of the allowed strings. */
    public String choice(String key, String def, String... allowed) {
        String v = string(key, def);
        for (String a : allowed) if (a.equals(v)) return v;
        throw error(key, "expected one of " + String.join(", ", allowed) + ", got \"" + v + "\"");
    }

    /** A path relative to the configuration's folder, or null when absent; must exist when {@code mustExist}. */
    public Path path(String key, boolean mustExist) {
        String s = string(key, null);
        if (s == null) return null;
        Path p = Path.of(s);
        if (!p.isAbsolute()) p = dir().resolve(p);
        if (mustExist && !Files.exists(p)) throw error(key, p + " does not exist");
        return p;
    }

    /** An array of numbers; def when absent; must be non-empty when present. */
    public double[] reals(String key, double[] def) {
        Object o = table.get(key);
        if (o == null) return def;
        if (!(o instanceof TomlArray a)) throw error(key, "expected an array of numbers");
        if (a.size() == 0) throw error(key, "expected at least one number");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(a.get(i) instanceof Number n)) throw error(key + "[" + i + "]", "expected a number, got " + a.get(i));
            v[i] = n.doubleValue();
            if (!Double.isFinite(v[i])) throw error(key + "[" + i + "]", "expected a finite number");
        }
        return v;
    }

    /** An array of positive numbers. */
    public double[] positives(String key, double[] def) {
        double[] v = reals(key, def);
        if (v != null) for (int i = 0; i < v.length; i++) if (!(v[i] > 0)) throw error(key + "[" + i + "]", "expected > 0, got " + v[i]);
        return v;
    }

    public int[] integers(String key, int[] def) {
        double[] v = reals(key, null);
        if (v == null) return def;
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) throw error(key + "[" + i + "]", "expected an integer, got " + v[i]);
            r[i] = (int) v[i];
        }
        return r;
    }

    public List<String> strings(String key, List<String> def) {
        Object o = table.get(key);
        if (o == null) return def;
        if (!(o instanceof TomlArray a)) throw error(key, "expected an array of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof String s)) throw error(key + "[" + i + "]", "expected a string, got " + a.get(i));
            out.add(s);
        }
        return out;
    }

    /** Keys present in this table that are not in {@code known}: a misspelt key is an error, never silently ignored. */
    public void rejectUnknown(String... known) {
        java.util.Set<String> k = java.util.Set.of(known);
        for (String key : table.keySet()) if (!k.contains(key)) throw error(key, "unknown key (expected one of " + String.join(", ", known) + ")");
    }
}
