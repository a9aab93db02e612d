package org.scalebridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;

/**
 * Small CSV/JSON helpers shared by the analysis and thermo subcommands: numeric CSV input with a header line
 * ('#' comments allowed; unit suffixes such as {@code T_K} or {@code D[A2/ps]} are kept in the name and matched by
 * prefix), CSV output with units in the header, pretty JSON, all written atomically.
 */
final class CliTables {
    private CliTables() {}

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    /** A numeric table: column names (lower case) and values. */
    record Table(Path file, List<String> names, double[][] columns, long[] lines) {
        int rows() { return columns.length == 0 ? 0 : columns[0].length; }

        /** Column whose name equals or starts with one of the keys followed by '_', '[' or '(' (case-insensitive); null if absent. */
        double[] column(String... keys) {
            for (String k : keys) {
                String kk = k.toLowerCase(Locale.ROOT);
                for (int c = 0; c < names.size(); c++) {
                    String n = names.get(c);
                    if (n.equals(kk) || n.startsWith(kk + "_") || n.startsWith(kk + "[") || n.startsWith(kk + "(") || n.startsWith(kk + " ")) return columns[c];
                }
            }
            return null;
        }

        double[] require(String what, String... keys) {
            double[] c = column(keys);
            if (c == null) throw InputException.at(file, 1, "missing column '" + what + "' (header has " + names + ")");
            return c;
        }
    }

    static Table readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> names = null;
        List<double[]> rows = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] t = l.split("\\s*[,;\\t]\\s*|\\s+");
            if (names == null) {
                names = new ArrayList<>();
                for (String s : t) names.add(s.trim().toLowerCase(Locale.ROOT));
                continue;
            }
            if (t.length < names.size()) throw InputException.at(file, i + 1, "expected " + names.size() + " values, found " + t.length);
            double[] v = new double[names.size()];
            for (int c = 0; c < v.length; c++) {
                try {
                    v[c] = Double.parseDouble(t[c]);
                } catch (NumberFormatException e) {
                    throw InputException.at(file, i + 1, "column '" + names.get(c) + "': '" + t[c] + "' is not a number");
                }
            }
            rows.add(v);
            at.add((long) i + 1);
        }
        if (names == null || rows.isEmpty()) throw InputException.at(file, 0, "no header line and data rows found");
        double[][] cols = new double[names.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) for (int c = 0; c < names.size(); c++) cols[c][r] = rows.get(r)[c];
        return new Table(file, names, cols, at.stream().mapToLong(Long::longValue).toArray());
    }

    /** Writes a CSV: header (names with units) and equally long columns. */
    static void writeCsv(Path file, List<String> header, List<double[]> columns) {
        AtomicFiles.writeText(file, out -> {
            out.write(String.join(",", header));
            out.write('\n');
            int n = columns.isEmpty() ? 0 : columns.get(0).length;
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < n; r++) {
                sb.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) sb.append(',');
                    double v = r < columns.get(c).length ? columns.get(c)[r] : Double.NaN;
                    sb.append(fmt(v));
                }
                sb.append('\n');
                out.write(sb.toString());
            }
        });
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "nan";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.10e", v);
    }

    static void writeJson(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Replaces NaN/∞ by null for JSON. */
    static Object num(double v) { return Double.isFinite(v) ? v : null; }

    static Path sibling(Path prefix, String suffix) {
        return prefix.resolveSibling(prefix.getFileName() + suffix);
    }
}
