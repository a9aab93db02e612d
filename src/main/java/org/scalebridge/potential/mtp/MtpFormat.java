package org.scalebridge.potential.mtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;

/**
 * Reads and writes the MLIP-2 {@code .mtp} text format (trained and untrained) and the MTP text part of MLIP-3
 * {@code .almtp} files (the bytes before the {@code #MVS_v1.1} selection-state marker). Numbers are written as MLIP
 * writes them ({@code %.15e}), so a file read and written again is byte-identical.
 */
public final class MtpFormat {
    /** Marker that starts the MaxVol selection state in an .almtp file. */
    public static final String MVS_MARKER = "#MVS_v1.1";

    private MtpFormat() {}

    /** Reads a .mtp or .almtp file (the MTP part). */
    public static MtpModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(textPart(bytes), file.toString());
    }

    /** The text prefix before the selection state (the whole file for a plain .mtp). */
    public static String textPart(byte[] bytes) {
        byte[] m = MVS_MARKER.getBytes(StandardCharsets.US_ASCII);
        int end = bytes.length;
        outer:
        for (int i = 0; i + m.length <= bytes.length; i++) {
            for (int k = 0; k < m.length; k++) if (bytes[i + k] != m[k]) continue outer;
            end = i;
            break;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Parses .mtp text; {@code src} names it in messages. */
    public static MtpModel parse(String text, String src) {
        MtpModel m = new MtpModel();
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].trim().isEmpty()) i++;
        if (i >= lines.length || !lines[i].trim().equals("MTP")) {
            throw InputException.at(src, i + 1, "not an MTP file: the first line must be 'MTP'");
        }
        i++;
        boolean sawSpecies = false, sawK = false, sawBasic = false, sawTimes = false, sawMap = false, sawCount = false;
        int basicCount = -1, timesCount = -1, scalarCount = -1;
        for (; i < lines.length; i++) {
            String raw = lines[i];
            String t = raw.trim();
            int ln = i + 1;
            if (t.isEmpty()) continue;
            if (t.equals("radial_coeffs")) {
                if (!sawSpecies || !sawK) throw InputException.at(src, ln, "radial_coeffs before species_count/radial_funcs_count");
                int c = m.speciesCount, k = m.radialFuncsCount, r = m.radialBasisSize;
                m.radialCoeffs = new double[c * c * k * r];
                List<Integer> labels = new ArrayList<>();
                for (int blk = 0; blk < c * c; blk++) {
                    i++;
                    if (i >= lines.length) throw InputException.at(src, i + 1, "unexpected end of file in radial_coeffs");
                    String lab = lines[i].trim();
                    String[] ab = lab.split("-");
                    if (ab.length != 2) throw InputException.at(src, i + 1, "expected a species pair label like '0-1', found '" + lab + "'");
                    int za = parseInt(ab[0], src, i + 1), zb = parseInt(ab[1], src, i + 1);
                    if (!labels.contains(za)) labels.add(za);
                    if (!labels.contains(zb)) labels.add(zb);
                    for (int mu = 0; mu < k; mu++) {
                        i++;
                        if (i >= lines.length) throw InputException.at(src, i + 1, "unexpected end of file in radial_coeffs");
                        double[] v = parseDoubles(lines[i], src, i + 1);
                        if (v.length != r) throw InputException.at(src, i + 1, "expected " + r + " radial coefficients, found " + v.length);
                        System.arraycopy(v, 0, m.radialCoeffs, (blk * k + mu) * r, r);
                    }
                }
                m.blockSpecies = labels.stream().mapToInt(Integer::intValue).toArray();
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) throw InputException.at(src, ln, "expected 'key = value', found '" + abbreviate(t) + "'");
            String key = t.substring(0, eq).trim();
            String val = t.substring(eq + 1).trim();
            switch (key) {
                case "version": m.version = val; break;
                case "potential_name": m.potentialName = val; break;
                case "potential_tag": m.potentialTag = val; break;
                case "scaling": m.scaling = parseDouble(val, src, ln); break;
                case "species_count":
                    m.speciesCount = parseInt(val, src, ln);
                    if (m.speciesCount < 1 || m.speciesCount > 200) throw InputException.at(src, ln, "species_count must be 1..200");
                    sawSpecies = true;
                    break;
                case "radial_basis_type":
                    if (!val.equals("RBChebyshev")) throw InputException.at(src, ln, "only RBChebyshev radial bases are supported, found '" + val + "'");
                    m.radialBasisType = val;
                    break;
                case "min_dist": m.minDist = parseDouble(val, src, ln); break;
                case "max_dist": m.maxDist = parseDouble(val, src, ln); break;
                case "radial_basis_size":
                    m.radialBasisSize = parseInt(val, src, ln);
                    if (m.radialBasisSize < 1 || m.radialBasisSize > 1000) throw InputException.at(src, ln, "radial_basis_size must be 1..1000");
                    break;
                case "radial_funcs_count":
                    m.radialFuncsCount = parseInt(val, src, ln);
                    if (m.radialFuncsCount < 1 || m.radialFuncsCount > 1000) throw InputException.at(src, ln, "radial_funcs_count must be 1..1000");
                    sawK = true;
                    break;
                case "alpha_moments_count":
                    m.alphaMomentsCount = parseInt(val, src, ln);
                    m.alphaCountIndent = raw.substring(0, raw.indexOf('a'));
                    if (m.alphaMomentsCount < 1) throw InputException.at(src, ln, "alpha_moments_count must be ≥ 1");
                    sawCount = true;
                    break;
                case "alpha_index_basic_count": basicCount = parseInt(val, src, ln); break;
                case "alpha_index_basic":
                    m.alphaIndexBasic = parseTuples(val, 4, src, ln);
                    sawBasic = true;
                    break;
                case "alpha_index_times_count": timesCount = parseInt(val, src, ln); break;
                case "alpha_index_times":
                    m.alphaIndexTimes = parseTuples(val, 4, src, ln);
                    sawTimes = true;
                    break;
                case "alpha_scalar_moments": scalarCount = parseInt(val, src, ln); break;
                case "alpha_moment_mapping":
                    m.alphaMomentMapping = toInts(parseDoubles(val, src, ln), src, ln);
                    sawMap = true;
                    break;
                case "species_coeffs": m.speciesCoeffs = parseDoubles(val, src, ln); break;
                case "moment_coeffs": m.momentCoeffs = parseDoubles(val, src, ln); break;
                default:
                    throw InputException.at(src, ln, "unknown MTP key '" + abbreviate(key) + "'");
            }
        }
        if (!sawCount || !sawBasic || !sawMap || !sawK) {
            throw InputException.at(src, 0, "incomplete MTP file: needs radial_funcs_count, alpha_moments_count, "
                    + "alpha_index_basic and alpha_moment_mapping");
        }
        if (!sawTimes) m.alphaIndexTimes = new int[0][];
        if (basicCount >= 0 && basicCount != m.alphaIndexBasic.length) {
            throw InputException.at(src, 0, "alpha_index_basic_count = " + basicCount + " but " + m.alphaIndexBasic.length + " entries");
        }
        if (timesCount >= 0 && timesCount != m.alphaIndexTimes.length) {
            throw InputException.at(src, 0, "alpha_index_times_count = " + timesCount + " but " + m.alphaIndexTimes.length + " entries");
        }
        if (scalarCount >= 0 && scalarCount != m.alphaMomentMapping.length) {
            throw InputException.at(src, 0, "alpha_scalar_moments = " + scalarCount + " but " + m.alphaMomentMapping.length + " entries");
        }
        try {
            m.validate();
        } catch (IllegalStateException e) {
            throw InputException.at(src, 0, e.getMessage());
        }
        return m;
    }

    private static String abbreviate(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }

    private static int parseInt(String s, String src, int ln) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw InputException.at(src, ln, "expected an integer, found '" + abbreviate(s.trim()) + "'");
        }
    }

    private static double parseDouble(String s, String src, int ln) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) throw InputException.at(src, ln, "number is not finite: '" + s.trim() + "'");
            return v;
        } catch (NumberFormatException e) {
            throw InputException.at(src, ln, "expected a number, found '" + abbreviate(s.trim()) + "'");
        }
    }

    private static double[] parseDoubles(String s, String src, int ln) {
        String t = s.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) throw InputException.at(src, ln, "expected a list in braces {…}");
        t = t.substring(1, t.length() - 1).trim();
        if (t.isEmpty()) return new double[0];
        String[] f = t.split(",");
        double[] v = new double[f.length];
        for (int k = 0; k < f.length; k++) v[k] = parseDouble(f[k], src, ln);
        return v;
    }

    private static int[] toInts(double[] v, String src, int ln) {
        int[] r = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            if (v[k] != Math.rint(v[k]) || Math.abs(v[k]) > 1e9) throw InputException.at(src, ln, "expected integers, found " + v[k]);
            r[k] = (int) v[k];
        }
        return r;
    }

    private static int[][] parseTuples(String s, int width, String src, int ln) {
        String t = s.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) throw InputException.at(src, ln, "expected a list of tuples {{…}, …}");
        t = t.substring(1, t.length() - 1).trim();
        List<int[]> out = new ArrayList<>();
        int p = 0;
        while (p < t.length()) {
            int a = t.indexOf('{', p);
            if (a < 0) {
                if (!t.substring(p).replace(",", "").trim().isEmpty()) throw InputException.at(src, ln, "stray text in tuple list");
                break;
            }
            int b = t.indexOf('}', a);
            if (b < 0) throw InputException.at(src, ln, "unclosed '{' in tuple list");
            int[] v = toInts(parseDoubles(t.substring(a, b + 1), src, ln), src, ln);
            if (v.length != width) throw InputException.at(src, ln, "expected tuples of " + width + " integers, found " + v.length);
            out.add(v);
            p = b + 1;
        }
        return out.toArray(new int[0][]);
    }

    /** Formats a model as .mtp text (MLIP layout). */
    public static String format(MtpModel m) {
        StringBuilder b = new StringBuilder();
        b.append("MTP\n");
        b.append("version = ").append(m.version).append('\n');
        b.append("potential_name = ").append(m.potentialName).append('\n');
        if (m.scaling != null) b.append("scaling = ").append(e(m.scaling)).append('\n');
        b.append("species_count = ").append(m.speciesCount).append('\n');
        b.append("potential_tag = ").append(m.potentialTag == null ? "" : m.potentialTag).append('\n');
        b.append("radial_basis_type = ").append(m.radialBasisType).append('\n');
        boolean trained = m.radialCoeffs != null;
        b.append("\tmin_dist = ").append(trained ? e(m.minDist) : g(m.minDist)).append('\n');
        b.append("\tmax_dist = ").append(trained ? e(m.maxDist) : g(m.maxDist)).append('\n');
        b.append("\tradial_basis_size = ").append(m.radialBasisSize).append('\n');
        b.append("\tradial_funcs_count = ").append(m.radialFuncsCount).append('\n');
        if (trained) {
            b.append("\tradial_coeffs\n");
            int c = m.speciesCount, k = m.radialFuncsCount, r = m.radialBasisSize;
            for (int zi = 0; zi < c; zi++) {
                for (int zj = 0; zj < c; zj++) {
                    int li = m.blockSpecies != null && m.blockSpecies.length == c ? m.blockSpecies[zi] : zi;
                    int lj = m.blockSpecies != null && m.blockSpecies.length == c ? m.blockSpecies[zj] : zj;
                    b.append("\t\t").append(li).append('-').append(lj).append('\n');
                    for (int mu = 0; mu < k; mu++) {
                        b.append("\t\t\t{");
                        for (int beta = 0; beta < r; beta++) {
                            if (beta > 0) b.append(", ");
                            b.append(e(m.radialCoeffs[((zi * c + zj) * k + mu) * r + beta]));
                        }
                        b.append("}\n");
                    }
                }
            }
        }
        b.append(m.alphaCountIndent == null ? "" : m.alphaCountIndent).append("alpha_moments_count = ").append(m.alphaMomentsCount).append('\n');
        b.append("alpha_index_basic_count = ").append(m.alphaIndexBasic.length).append('\n');
        b.append("alpha_index_basic = ").append(tuples(m.alphaIndexBasic)).append('\n');
        b.append("alpha_index_times_count = ").append(m.alphaIndexTimes.length).append('\n');
        b.append("alpha_index_times = ").append(tuples(m.alphaIndexTimes)).append('\n');
        b.append("alpha_scalar_moments = ").append(m.alphaMomentMapping.length).append('\n');
        b.append("alpha_moment_mapping = {");
        for (int q = 0; q < m.alphaMomentMapping.length; q++) {
            if (q > 0) b.append(", ");
            b.append(m.alphaMomentMapping[q]);
        }
        b.append("}\n");
        if (m.speciesCoeffs != null) b.append("species_coeffs = ").append(list(m.speciesCoeffs)).append('\n');
        if (m.momentCoeffs != null) b.append("moment_coeffs = ").append(list(m.momentCoeffs)).append('\n');
        return b.toString();
    }

    /** Writes a model as .mtp text, atomically. */
    public static void write(Path file, MtpModel m) {
        AtomicFiles.writeString(file, format(m));
    }

    /** C's %.15e: the exact binary value rounded half-even to 16 significant digits (Java's %e rounds the shortest decimal). */
    static String e(double v) {
        if (v == 0) return (1 / v < 0 ? "-" : "") + "0.000000000000000e+00";
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(16, java.math.RoundingMode.HALF_EVEN));
        String digits = d.unscaledValue().abs().toString();
        while (digits.length() < 16) digits += "0";
        if (digits.length() > 16) digits = digits.substring(0, 16); // trailing zeros only
        int exp = d.precision() - d.scale() - 1;
        StringBuilder b = new StringBuilder(24);
        if (v < 0) b.append('-');
        b.append(digits.charAt(0)).append('.').append(digits, 1, 16).append('e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) b.append('0');
        return b.append(ae).toString();
    }

    private static String g(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("{");
        for (int q = 0; q < v.length; q++) {
            if (q > 0) b.append(", ");
            b.append(e(v[q]));
        }
        return b.append('}').toString();
    }

    private static String tuples(int[][] t) {
        StringBuilder b = new StringBuilder("{");
        for (int q = 0; q < t.length; q++) {
            if (q > 0) b.append(", ");
            b.append('{');
            for (int k = 0; k < t[q].length; k++) {
                if (k > 0) b.append(", ");
                b.append(t[q][k]);
            }
            b.append('}');
        }
        return b.append('}').toString();
    }
}
