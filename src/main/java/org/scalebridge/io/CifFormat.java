package org.scalebridge.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/**
 * Crystallographic Information File (CIF 1.1 syntax: data blocks, loops, quoted strings, semicolon text fields).
 * Read: one frame per data block holding {@code _atom_site_fract_x/y/z}; cell from {@code _cell_length_*} and
 * {@code _cell_angle_*} (standard orientation, a along x); the asymmetric unit is expanded with the operations of
 * {@code _space_group_symop_operation_xyz} or {@code _symmetry_equiv_pos_as_xyz} (P1 when neither is given and the
 * space group is P 1 or not named); images that land on the same site (within {@value #MERGE_TOL} Å) are merged.
 * Per-atom arrays: "label" (site label), "occupancy"; a site shared by several species keeps the species with the
 * largest occupancy and records all of them in the string array "site_occupancy" (e.g. {@code Na:0.6,K:0.4}).
 * Numbers with standard uncertainties ("5.431(2)") are read without them.
 *
 * <p>Write: P1 CIF with the lattice parameters, the identity operation and fractional coordinates at full
 * precision (the cell's orientation is not part of CIF: reading back gives the standard orientation).
 */
public final class CifFormat implements StructureFormat {
    /** Distance (Å) under which symmetry images are one site. */
    public static final double MERGE_TOL = 0.01;

    @Override public String name() { return "cif"; }

    @Override
    public int nameScore(String fn) { return Formats.lower(fn).endsWith(".cif") ? 9 : 0; }

    @Override
    public int contentScore(String head) {
        boolean data = false;
        for (String l : head.split("\r?\n")) {
            String t = l.trim();
            if (t.startsWith("data_")) data = true;
            if (data && (t.startsWith("_cell_length_a") || t.startsWith("_atom_site_"))) return 9;
        }
        return 0;
    }

    @Override public boolean canWrite() { return true; }

    @Override
    public TrajectoryReader open(Path file, IoOptions options) { return reader(LineReader.open(file)); }

    // ------------------------------------------------------------------ tokenizer

    record Tok(String text, long line, boolean quoted) {}

    private static final class Lexer {
        final LineReader in;
        String cur;
        int pos;
        Tok peeked;

        Lexer(LineReader in) { this.in = in; }

        Tok peek() {
            if (peeked == null) peeked = read();
            return peeked;
        }

        Tok next() {
            Tok t = peek();
            peeked = null;
            return t;
        }

        private Tok read() {
            while (true) {
                if (cur == null || pos >= cur.length()) {
                    cur = in.next();
                    pos = 0;
                    if (cur == null) return null;
                    if (cur.startsWith(";")) {
                        long start = in.line();
                        StringBuilder sb = new StringBuilder(cur.substring(1));
                        while (true) {
                            String l = in.next();
                            if (l == null) throw in.error(start, "text field starting with ';' is never closed by a line starting with ';'");
                            if (l.startsWith(";")) {
                                cur = l;
                                pos = 1;
                                break;
                            }
                            sb.append('\n').append(l);
                        }
                        return new Tok(sb.toString().strip(), start, true);
                    }
                    continue;
                }
                char c = cur.charAt(pos);
                if (Character.isWhitespace(c)) { pos++; continue; }
                if (c == '#') { pos = cur.length(); continue; }
                if (c == '\'' || c == '"') {
                    int st = pos + 1, k = st;
                    while (true) {
                        k = cur.indexOf(c, k);
                        if (k < 0) throw in.error("quoted value starting at column " + pos + " is not closed on this line");
                        if (k + 1 >= cur.length() || Character.isWhitespace(cur.charAt(k + 1))) break;
                        k++;
                    }
                    pos = k + 1;
                    return new Tok(cur.substring(st, k), in.line(), true);
                }
                int st = pos;
                while (pos < cur.length() && !Character.isWhitespace(cur.charAt(pos))) pos++;
                return new Tok(cur.substring(st, pos), in.line(), false);
            }
        }
    }

    /** One data block: tag → values (a loop column or a single value) with line numbers. */
    static final class Block {
        final String name;
        final long line;
        final Map<String, List<Tok>> items = new LinkedHashMap<>();

        Block(String name, long line) { this.name = name; this.line = line; }

        List<Tok> get(String tag) { return items.get(tag); }

        Tok one(String tag) {
            List<Tok> v = items.get(tag);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    static boolean isKeyword(Tok t) {
        if (t == null || t.quoted) return false;
        String s = t.text.toLowerCase(Locale.ROOT);
        return s.startsWith("_") || s.startsWith("data_") || s.equals("loop_") || s.startsWith("save_") || s.equals("global_")
                || s.equals("stop_");
    }

    /** Reads the next data block, or null at the end. */
    static Block block(Lexer lx) {
        Tok t = lx.next();
        while (t != null && !(!t.quoted && t.text.toLowerCase(Locale.ROOT).startsWith("data_"))) {
            if (!t.quoted && t.text.equalsIgnoreCase("global_")) { t = lx.next(); continue; }
            throw lx.in.error(t.line, "expected 'data_' to start a data block, found '" + Num.clip(t.text) + "'");
        }
        if (t == null) return null;
        Block b = new Block(t.text.substring(5), t.line);
        while (true) {
            Tok k = lx.peek();
            if (k == null) return b;
            String lk = k.text.toLowerCase(Locale.ROOT);
            if (!k.quoted && lk.startsWith("data_")) return b;
            lx.next();
            if (k.quoted || !isKeyword(k)) throw lx.in.error(k.line, "expected a _tag or loop_, found the value '" + Num.clip(k.text) + "'");
            if (lk.startsWith("save_")) throw lx.in.error(k.line, "save frames (dictionaries) are not structure data");
            if (lk.equals("global_") || lk.equals("stop_")) throw lx.in.error(k.line, "unexpected '" + k.text + "'");
            if (lk.equals("loop_")) {
                List<String> tags = new ArrayList<>();
                long loopLine = k.line;
                while (lx.peek() != null && !lx.peek().quoted && lx.peek().text.startsWith("_")) tags.add(lx.next().text.toLowerCase(Locale.ROOT));
                if (tags.isEmpty()) throw lx.in.error(loopLine, "loop_ without tags");
                List<List<Tok>> cols = new ArrayList<>();
                for (int c = 0; c < tags.size(); c++) cols.add(new ArrayList<>());
                int n = 0;
                while (lx.peek() != null && !isKeyword(lx.peek())) {
                    cols.get(n % tags.size()).add(lx.next());
                    n++;
                }
                if (n == 0) throw lx.in.error(loopLine, "loop_ of " + tags.get(0) + "… has no values");
                if (n % tags.size() != 0) {
                    throw lx.in.error(lx.in.line(), "loop_ of " + tags.size() + " tags (from line " + loopLine + ") has " + n
                            + " values, not a multiple of " + tags.size());
                }
                for (int c = 0; c < tags.size(); c++) {
                    if (b.items.put(tags.get(c), cols.get(c)) != null) throw lx.in.error(loopLine, "tag " + tags.get(c) + " appears twice");
                }
            } else {
                Tok v = lx.next();
                if (v == null || isKeyword(v)) throw lx.in.error(k.line, "tag " + k.text + " has no value");
                if (b.items.put(lk, new ArrayList<>(List.of(v))) != null) throw lx.in.error(k.line, "tag " + k.text + " appears twice");
            }
        }
    }

    // ------------------------------------------------------------------ reading

    public static TrajectoryReader reader(LineReader in) {
        Lexer lx = new Lexer(in);
        return new TrajectoryReader() {
            @Override
            public Structure next() {
                while (true) {
                    Block b = block(lx);
                    if (b == null) return null;
                    if (b.get("_atom_site_fract_x") == null) {
                        if (b.get("_atom_site_cartn_x") != null) throw in.error(b.line, "data_" + b.name + ": only Cartesian atom sites; fractional coordinates expected");
                        if (b.get("_cell_length_a") != null) throw in.error(b.line, "data_" + b.name + " has a cell but no _atom_site_fract_x/y/z loop");
                        continue; // a block without a structure (e.g. a publication block)
                    }
                    return structure(b, in);
                }
            }

            @Override public String source() { return in.source(); }

            @Override public void close() { in.close(); }
        };
    }

    /** Value without its standard uncertainty "(n)"; "." and "?" give null. */
    static Double number(Tok t, LineReader in, String what) {
        if (t == null) return null;
        String s = t.text;
        if (!t.quoted && (s.equals(".") || s.equals("?"))) return null;
        int p = s.indexOf('(');
        if (p > 0 && s.endsWith(")")) s = s.substring(0, p);
        return Num.real(s, in.source(), t.line, what);
    }

    private static double required(Block b, String tag, LineReader in) {
        Tok t = b.one(tag);
        if (t == null) throw in.error(b.line, "data_" + b.name + ": missing " + tag);
        Double v = number(t, in, tag);
        if (v == null) throw in.error(t.line, tag + " is unknown ('" + t.text + "'), a number is required");
        return v;
    }

    static Structure structure(Block b, LineReader in) {
        double a = required(b, "_cell_length_a", in), bb = required(b, "_cell_length_b", in), c = required(b, "_cell_length_c", in);
        double al = required(b, "_cell_angle_alpha", in), be = required(b, "_cell_angle_beta", in), ga = required(b, "_cell_angle_gamma", in);
        Cell cell;
        try {
            cell = Cell.fromParameters(a, bb, c, al, be, ga);
        } catch (InputException e) {
            throw in.error(b.one("_cell_length_a").line, "data_" + b.name + ": " + e.getMessage());
        }
        // symmetry operations
        List<Tok> ops = b.get("_space_group_symop_operation_xyz");
        if (ops == null) ops = b.get("_symmetry_equiv_pos_as_xyz");
        List<double[]> sym = new ArrayList<>();
        if (ops == null) {
            Tok sg = b.one("_symmetry_space_group_name_h-m");
            if (sg == null) sg = b.one("_space_group_name_h-m_alt");
            String name = sg == null ? "P1" : sg.text.replace(" ", "");
            if (!name.equalsIgnoreCase("P1") && !name.equals("?") && !name.equals(".")) {
                throw in.error(sg.line, "space group '" + sg.text + "' is named but its symmetry operations are not listed "
                        + "(expected a _space_group_symop_operation_xyz or _symmetry_equiv_pos_as_xyz loop)");
            }
            sym.add(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
        } else {
            for (Tok t : ops) sym.add(symop(t, in));
        }
        List<Tok> fx = b.get("_atom_site_fract_x"), fy = b.get("_atom_site_fract_y"), fz = b.get("_atom_site_fract_z");
        if (fy == null || fz == null || fy.size() != fx.size() || fz.size() != fx.size()) {
            throw in.error(fx.get(0).line, "_atom_site_fract_x/y/z must be given together for every site");
        }
        int ns = fx.size();
        List<Tok> labels = column(b, "_atom_site_label", ns, in), types = column(b, "_atom_site_type_symbol", ns, in),
                occ = column(b, "_atom_site_occupancy", ns, in);
        if (labels == null && types == null) throw in.error(fx.get(0).line, "atom sites need _atom_site_type_symbol or _atom_site_label");

        // expand: positions (fractional, wrapped), site index, species, occupancy
        List<double[]> fr = new ArrayList<>();
        List<Map<Integer, Double>> species = new ArrayList<>();
        List<String> siteLabel = new ArrayList<>();
        List<java.util.Set<String>> contributors = new ArrayList<>();
        double[] f = new double[3], g = new double[3], d = new double[3];
        for (int s = 0; s < ns; s++) {
            Tok spTok = types != null ? types.get(s) : labels.get(s);
            int z = element(spTok, in);
            f[0] = number(fx.get(s), in, "fract_x") == null ? nan(fx.get(s), in) : number(fx.get(s), in, "fract_x");
            f[1] = number(fy.get(s), in, "fract_y") == null ? nan(fy.get(s), in) : number(fy.get(s), in, "fract_y");
            f[2] = number(fz.get(s), in, "fract_z") == null ? nan(fz.get(s), in) : number(fz.get(s), in, "fract_z");
            double o = 1.0;
            if (occ != null) {
                Double ov = number(occ.get(s), in, "occupancy");
                if (ov != null) o = ov;
                if (!(o > 0 && o <= 1.0 + 1e-6)) throw in.error(occ.get(s).line, "occupancy " + o + " outside (0, 1]");
            }
            String label = labels != null ? labels.get(s).text : Elements.symbol(z) + (s + 1);
            for (double[] op : sym) {
                for (int r = 0; r < 3; r++) g[r] = op[3 * r] * f[0] + op[3 * r + 1] * f[1] + op[3 * r + 2] * f[2] + op[9 + r];
                for (int r = 0; r < 3; r++) {
                    g[r] -= Math.floor(g[r]);
                    if (g[r] >= 1.0) g[r] = 0.0;
                }
                int found = -1;
                for (int k = 0; k < fr.size() && found < 0; k++) {
                    double[] h = fr.get(k);
                    for (int r = 0; r < 3; r++) d[r] = g[r] - h[r];
                    double[] cart = new double[3];
                    cell.toCartesian(d, cart);
                    if (cell.minimumImage(cart) < MERGE_TOL * MERGE_TOL) found = k;
                }
                if (found < 0) {
                    fr.add(g.clone());
                    Map<Integer, Double> m = new LinkedHashMap<>();
                    m.put(z, o);
                    species.add(m);
                    siteLabel.add(label);
                    contributors.add(new java.util.HashSet<>(List.of(label)));
                } else if (contributors.get(found).add(label)) {
                    // another site on the same position: a different species shares it (mixed Na/K site, occupancies
                    // add up); the same species listed twice (e.g. at x = 0 and x = 1) is one atom
                    Map<Integer, Double> m = species.get(found);
                    if (m.containsKey(z)) m.put(z, Math.max(m.get(z), o));
                    else m.put(z, o);
                }
            }
        }
        int n = fr.size();
        Structure st = new Structure(cell, Math.max(n, 1));
        PerAtomArray lab = st.addArray("label", PerAtomArray.Type.STRING, 1);
        PerAtomArray oc = st.addArray("occupancy", PerAtomArray.Type.REAL, 1);
        boolean mixed = false;
        for (Map<Integer, Double> m : species) mixed |= m.size() > 1;
        PerAtomArray so = mixed ? st.addArray("site_occupancy", PerAtomArray.Type.STRING, 1) : null;
        double[] r = new double[3];
        for (int k = 0; k < n; k++) {
            Map<Integer, Double> m = species.get(k);
            int best = -1;
            double bo = -1, total = 0;
            for (var e : m.entrySet()) {
                total += e.getValue();
                if (e.getValue() > bo) { bo = e.getValue(); best = e.getKey(); }
            }
            if (total > 1.0 + 1e-3) {
                throw in.error(b.line, "site " + siteLabel.get(k) + " has a total occupancy of " + total + " (> 1)");
            }
            cell.toCartesian(fr.get(k), r);
            int i = st.addAtom(best, r[0], r[1], r[2]);
            lab.strings()[i] = siteLabel.get(k).replaceAll("\\s+", "_");
            oc.reals()[i] = bo;
            if (so != null) {
                StringBuilder sb = new StringBuilder();
                for (var e : m.entrySet()) sb.append(sb.length() == 0 ? "" : ",").append(Elements.symbol(e.getKey())).append(':').append(Num.fmt(e.getValue()));
                so.strings()[i] = sb.toString();
            }
        }
        st.info().put("cif.block", b.name);
        Tok sg = b.one("_symmetry_space_group_name_h-m");
        if (sg == null) sg = b.one("_space_group_name_h-m_alt");
        if (sg != null) st.info().put("spacegroup", sg.text);
        return st;
    }

    private static double nan(Tok t, LineReader in) {
        throw in.error(t.line, "atom-site coordinate is unknown ('" + t.text + "'), a number is required");
    }

    private static List<Tok> column(Block b, String tag, int n, LineReader in) {
        List<Tok> v = b.get(tag);
        if (v != null && v.size() != n) throw in.error(v.get(0).line, tag + " has " + v.size() + " values for " + n + " atom sites");
        return v;
    }

    /** Element from a type symbol ("Fe2+", "O2-", "Na") or a label ("Fe1", "Na1a", "OW3"). */
    static int element(Tok t, LineReader in) {
        String s = t.text;
        int k = 0;
        while (k < s.length() && Character.isLetter(s.charAt(k))) k++;
        String letters = s.substring(0, k);
        if (letters.length() >= 2) {
            Element e2 = Elements.bySymbolOrNull(letters.substring(0, 2));
            if (e2 != null && Character.isUpperCase(letters.charAt(0)) && Character.isLowerCase(letters.charAt(1))) return e2.z();
        }
        if (letters.length() >= 1) {
            Element e1 = Elements.bySymbolOrNull(letters.substring(0, 1));
            if (e1 != null) return e1.z();
            if (letters.length() >= 2) {
                Element e2 = Elements.bySymbolOrNull(letters.substring(0, 2));
                if (e2 != null) return e2.z();
            }
        }
        throw in.error(t.line, "cannot tell the element of atom site '" + Num.clip(s) + "'");
    }

    /**
     * Parses an operation such as "-x+1/2, y, z+1/4" or "x-y,x,1/3+z" into a 3×3 rotation (row-major, 9) and a
     * translation (3), packed as 12 numbers.
     */
    static double[] symop(Tok t, LineReader in) {
        String s = t.text.replace(" ", "").toLowerCase(Locale.ROOT);
        String[] parts = s.split(",", -1);
        if (parts.length != 3) throw in.error(t.line, "symmetry operation '" + Num.clip(t.text) + "' needs three comma-separated parts");
        double[] op = new double[12];
        for (int r = 0; r < 3; r++) {
            String p = parts[r];
            if (p.isEmpty()) throw in.error(t.line, "symmetry operation '" + Num.clip(t.text) + "' has an empty part");
            int i = 0;
            while (i < p.length()) {
                double sign = 1;
                char c = p.charAt(i);
                if (c == '+' || c == '-') { sign = c == '-' ? -1 : 1; i++; }
                if (i >= p.length()) throw in.error(t.line, "symmetry operation '" + Num.clip(t.text) + "' ends with a sign");
                int st = i;
                while (i < p.length() && (Character.isDigit(p.charAt(i)) || p.charAt(i) == '.' || p.charAt(i) == '/')) i++;
                double coef = 1;
                boolean hasNum = i > st;
                if (hasNum) coef = fraction(p.substring(st, i), t, in);
                if (i < p.length() && p.charAt(i) == '*') i++;
                if (i < p.length() && (p.charAt(i) == 'x' || p.charAt(i) == 'y' || p.charAt(i) == 'z')) {
                    op[3 * r + (p.charAt(i) - 'x')] += sign * coef;
                    i++;
                } else if (hasNum) {
                    op[9 + r] += sign * coef;
                } else {
                    throw in.error(t.line, "symmetry operation '" + Num.clip(t.text) + "': unexpected '" + p.charAt(i) + "'");
                }
            }
        }
        double det = op[0] * (op[4] * op[8] - op[5] * op[7]) - op[1] * (op[3] * op[8] - op[5] * op[6]) + op[2] * (op[3] * op[7] - op[4] * op[6]);
        if (Math.abs(Math.abs(det) - 1) > 1e-6) {
            throw in.error(t.line, "symmetry operation '" + Num.clip(t.text) + "' is not a rotation/reflection (determinant " + det + ")");
        }
        return op;
    }

    private static double fraction(String s, Tok t, LineReader in) {
        int k = s.indexOf('/');
        try {
            if (k < 0) return Num.real(s, in.source(), t.line, "symmetry operation coefficient");
            double num = Num.real(s.substring(0, k), in.source(), t.line, "numerator"), den = Num.real(s.substring(k + 1), in.source(), t.line, "denominator");
            if (den == 0) throw in.error(t.line, "division by zero in symmetry operation '" + Num.clip(t.text) + "'");
            return num / den;
        } catch (InputException e) {
            throw in.error(t.line, "symmetry operation '" + Num.clip(t.text) + "': bad number '" + Num.clip(s) + "'");
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(Path file, List<Structure> frames, IoOptions options) {
        AtomicFiles.writeText(file, w -> {
            Map<String, Integer> used = new HashMap<>();
            for (Structure s : frames) write(w, s, used);
        });
    }

    static void write(Writer w, Structure s, Map<String, Integer> used) throws IOException {
        String base = s.formula().isEmpty() ? "structure" : s.formula();
        int k = used.merge(base, 1, Integer::sum);
        StringBuilder sb = new StringBuilder();
        sb.append("data_").append(k == 1 ? base : base + "_" + k).append('\n');
        sb.append("_audit_creation_method 'ScaleBridge Studio'\n");
        double[] p = s.cell().parameters();
        sb.append("_cell_length_a ").append(Num.fmt(p[0])).append('\n');
        sb.append("_cell_length_b ").append(Num.fmt(p[1])).append('\n');
        sb.append("_cell_length_c ").append(Num.fmt(p[2])).append('\n');
        sb.append("_cell_angle_alpha ").append(Num.fmt(p[3])).append('\n');
        sb.append("_cell_angle_beta ").append(Num.fmt(p[4])).append('\n');
        sb.append("_cell_angle_gamma ").append(Num.fmt(p[5])).append('\n');
        sb.append("_symmetry_space_group_name_H-M 'P 1'\n_symmetry_Int_Tables_number 1\n\n");
        sb.append("loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n\n");
        sb.append("loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n");
        w.write(sb.toString());
        PerAtomArray oc = s.array("occupancy");
        boolean hasOcc = oc != null && oc.type() == PerAtomArray.Type.REAL && oc.components() == 1;
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            String sym = s.symbol(i);
            int c = count.merge(sym, 1, Integer::sum);
            double[] f = s.fractional(i);
            sb.setLength(0);
            sb.append(sym).append(c).append(' ').append(sym);
            for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(f[d]));
            sb.append(' ').append(Num.fmt(hasOcc ? oc.reals()[i] : 1.0)).append('\n');
            w.write(sb.toString());
        }
        w.write("\n");
    }
}
