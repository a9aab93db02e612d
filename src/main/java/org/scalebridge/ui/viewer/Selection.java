package org.scalebridge.ui.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Atom selection by a small expression language, e.g. {@code species == Na && z > 10} or
 * {@code (element == Fe || element == Mn) && fc < 0.5}. Operands: {@code species} / {@code element} (chemical symbol),
 * {@code index} (0-based), {@code x y z} (Å), {@code fa fb fc} (fractional coordinates, wrapped into [0, 1)), any
 * numeric per-atom array of the structure by name (first component), numbers, and symbols (bare or quoted).
 * Operators: {@code == != < <= > >=}, {@code && ||} (or {@code and or}), {@code !} (or {@code not}), parentheses.
 * Compiled once per structure; evaluating an atom allocates nothing. No JavaFX.
 */
public final class Selection {
    /** A compiled selection over one structure. */
    public interface Predicate { boolean test(int atom); }

    private final String text;
    private final List<String> tok = new ArrayList<>();
    private final List<Integer> col = new ArrayList<>();
    private int p;
    private Structure s;
    private double[] frac;

    private Selection(String text) { this.text = text; }

    /** Compiles {@code expr} for {@code structure}; a syntax error is an InputException naming the column. */
    public static Predicate compile(String expr, Structure structure) {
        Selection c = new Selection(expr);
        c.s = structure;
        c.lex();
        if (c.tok.isEmpty()) return i -> true;
        Predicate r = c.or();
        if (c.p < c.tok.size()) throw c.error("unexpected '" + c.tok.get(c.p) + "'");
        return r;
    }

    /** Indices of the atoms of {@code s} that the expression selects. */
    public static int[] select(String expr, Structure s) {
        Predicate pr = compile(expr, s);
        int[] out = new int[s.size()];
        int m = 0;
        for (int i = 0; i < s.size(); i++) if (pr.test(i)) out[m++] = i;
        return java.util.Arrays.copyOf(out, m);
    }

    private InputException error(String problem) {
        int c = p < col.size() ? col.get(p) + 1 : text.length() + 1;
        return InputException.at("selection \"" + text + "\"", 1, "column " + c + ": " + problem
                + " (e.g. species == Na && z > 10)");
    }

    private void lex() {
        int i = 0, n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) { i++; continue; }
            int st = i;
            if (ch == '"' || ch == '\'') {
                int e = text.indexOf(ch, i + 1);
                if (e < 0) { p = tok.size(); col.add(i); tok.add("?"); throw error("unclosed quote"); }
                tok.add("\"" + text.substring(i + 1, e)); col.add(st); i = e + 1; continue;
            }
            String two = i + 1 < n ? text.substring(i, i + 2) : "";
            if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) { tok.add(two); col.add(st); i += 2; continue; }
            if ("()<>!=".indexOf(ch) >= 0) { tok.add(ch == '=' ? "==" : String.valueOf(ch)); col.add(st); i++; continue; }
            if (Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-' || ch == '+') {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || "._-+".indexOf(text.charAt(i)) >= 0)) {
                    // a sign is part of a number only right after an exponent 'e'
                    char c = text.charAt(i);
                    if ((c == '-' || c == '+') && i > st && Character.toLowerCase(text.charAt(i - 1)) != 'e') break;
                    i++;
                }
                tok.add(text.substring(st, i)); col.add(st); continue;
            }
            p = tok.size(); col.add(i); tok.add(String.valueOf(ch));
            throw error("unexpected character '" + ch + "'");
        }
    }

    private String peek() { return p < tok.size() ? tok.get(p) : null; }

    private boolean eat(String... any) {
        String t = peek();
        if (t == null) return false;
        for (String a : any) if (t.equalsIgnoreCase(a)) { p++; return true; }
        return false;
    }

    private Predicate or() {
        Predicate a = and();
        while (eat("||", "or")) { Predicate l = a, r = and(); a = i -> l.test(i) || r.test(i); }
        return a;
    }

    private Predicate and() {
        Predicate a = not();
        while (eat("&&", "and")) { Predicate l = a, r = not(); a = i -> l.test(i) && r.test(i); }
        return a;
    }

    private Predicate not() {
        if (eat("!", "not")) { Predicate a = not(); return i -> !a.test(i); }
        if (eat("(")) {
            Predicate a = or();
            if (!eat(")")) throw error("expected ')'");
            return a;
        }
        return comparison();
    }

    /** A numeric or symbolic operand: returns a function of the atom, or a constant. */
    private interface Num { double at(int i); }

    private Predicate comparison() {
        String a = peek();
        if (a == null) throw error("expected a comparison");
        p++;
        String op = peek();
        if (op == null || !List.of("==", "!=", "<", "<=", ">", ">=").contains(op)) throw error("expected a comparison operator after '" + a + "'");
        p++;
        String b = peek();
        if (b == null) throw error("expected a value after '" + op + "'");
        p++;
        boolean symA = isSpecies(a), symB = isSpecies(b);
        if (symA || symB) {
            if (!op.equals("==") && !op.equals("!=")) { p--; throw error("species compare with == or != only"); }
            String sym = symA ? literal(b) : literal(a);
            int z;
            try { z = org.scalebridge.structure.Elements.bySymbol(sym).z(); }
            catch (RuntimeException e) { p--; throw error("unknown element '" + sym + "'"); }
            int[] zs = s.atomicNumbers();
            boolean eq = op.equals("==");
            return i -> (zs[i] == z) == eq;
        }
        Num x = number(a, p - 3), y = number(b, p - 1);
        switch (op) {
            case "==": return i -> x.at(i) == y.at(i);
            case "!=": return i -> x.at(i) != y.at(i);
            case "<": return i -> x.at(i) < y.at(i);
            case "<=": return i -> x.at(i) <= y.at(i);
            case ">": return i -> x.at(i) > y.at(i);
            default: return i -> x.at(i) >= y.at(i);
        }
    }

    private static boolean isSpecies(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        return l.equals("species") || l.equals("element") || l.equals("type");
    }

    private static String literal(String t) { return t.startsWith("\"") ? t.substring(1) : t; }

    private Num number(String t, int at) {
        double[] pos = s.positions();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "index": case "id": return i -> i;
            case "x": return i -> pos[3 * i];
            case "y": return i -> pos[3 * i + 1];
            case "z": return i -> pos[3 * i + 2];
            case "fa": return i -> frac()[3 * i];
            case "fb": return i -> frac()[3 * i + 1];
            case "fc": return i -> frac()[3 * i + 2];
            default:
        }
        var arr = s.array(t);
        if (arr != null) {
            int c = arr.components();
            if (arr.reals() != null) { double[] v = arr.reals(); return i -> v[i * c]; }
            if (arr.ints() != null) { int[] v = arr.ints(); return i -> v[i * c]; }
        }
        try {
            double v = Double.parseDouble(t);
            return i -> v;
        } catch (NumberFormatException e) {
            p = at;
            throw error("'" + literal(t) + "' is neither a number nor a property (species, index, x, y, z, fa, fb, fc"
                    + (s.arrays().isEmpty() ? "" : ", " + String.join(", ", s.arrays().keySet())) + ")");
        }
    }

    private double[] frac() {
        if (frac == null) {
            int n = s.size();
            double[] f = new double[3 * n], pos = s.positions(), one = new double[3], out = new double[3];
            for (int i = 0; i < n; i++) {
                System.arraycopy(pos, 3 * i, one, 0, 3);
                s.cell().toFractional(one, out);
                for (int d = 0; d < 3; d++) f[3 * i + d] = out[d] - Math.floor(out[d]);
            }
            frac = f;
        }
        return frac;
    }
}
