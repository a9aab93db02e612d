package org.scalebridge.io;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;

/**
 * Strict number parsing and whitespace tokenising for the readers. Unlike {@link Double#parseDouble}, a number may
 * contain only digits, one sign, a decimal point and an exponent (Fortran {@code D} exponents are accepted), so
 * "1.0f", "0x1p3" or "Infinity" are rejected; non-finite values are rejected where a finite number is expected.
 */
public final class Num {
    private Num() {}

    /** True when the token looks like a decimal floating-point number. */
    public static boolean isNumber(String t) {
        int n = t.length();
        if (n == 0 || n > 64) return false;
        int i = 0;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') i++;
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (c == '.' && !dot) dot = true;
            else break;
        }
        if (digits == 0) return false;
        if (i == n) return true;
        char c = t.charAt(i);
        if (c != 'e' && c != 'E' && c != 'd' && c != 'D') return false;
        i++;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        int ed = 0;
        for (; i < n; i++) {
            c = t.charAt(i);
            if (c >= '0' && c <= '9') ed++;
            else return false;
        }
        return ed > 0;
    }

    /** True when the token is an optionally signed decimal integer. */
    public static boolean isInteger(String t) {
        int n = t.length();
        if (n == 0 || n > 19) return false;
        int i = (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        if (i == n) return false;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** Parses a double or returns NaN-flagged failure via exception-free check; null when not a number. */
    public static Double tryDouble(String t) {
        if (!isNumber(t)) return null;
        return parseChecked(t);
    }

    /** Parses a token already accepted by {@link #isNumber}; Fortran D exponents become E. */
    private static double parseChecked(String t) {
        for (int i = t.length() - 1; i > 0; i--) {
            char c = t.charAt(i);
            if (c == 'd' || c == 'D') return Double.parseDouble(t.replace(c, 'e'));
            if (c == 'e' || c == 'E' || c == '.') break;
        }
        return Double.parseDouble(t);
    }

    /** A finite decimal number, or an error at (source, line) saying what was expected. */
    public static double real(String t, String source, long line, String what) {
        if (!isNumber(t)) throw InputException.at(source, line, "expected a finite number for " + what + ", found '" + clip(t) + "'");
        double v = parseChecked(t);
        if (!Double.isFinite(v)) {
            throw InputException.at(source, line, "expected a finite number for " + what + ", found '" + clip(t) + "'");
        }
        return v;
    }

    public static double real(String t, LineReader r, String what) {
        return real(t, r.source(), r.line(), what);
    }

    /** An int, or an error at (source, line). */
    public static int integer(String t, String source, long line, String what) {
        if (isInteger(t)) {
            long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return (int) v;
        }
        throw InputException.at(source, line, "expected an integer for " + what + ", found '" + clip(t) + "'");
    }

    public static int integer(String t, LineReader r, String what) {
        return integer(t, r.source(), r.line(), what);
    }

    /** A non-negative count. */
    public static int count(String t, LineReader r, String what) {
        int v = integer(t, r, what);
        if (v < 0) throw r.error("expected a non-negative " + what + ", found " + v);
        return v;
    }

    public static long longInteger(String t, LineReader r, String what) {
        if (isInteger(t)) {
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException ignored) {
                // falls through to the error below (overflow)
            }
        }
        throw r.error("expected an integer for " + what + ", found '" + clip(t) + "'");
    }

    /** Splits on runs of whitespace (no empty tokens). */
    public static String[] split(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length(), i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            int st = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
            if (i > st) out.add(s.substring(st, i));
        }
        return out.toArray(new String[0]);
    }

    /** Splits into a reusable buffer; returns the number of tokens (at most buf.length, then -1 if more). */
    public static int split(String s, String[] buf) {
        int n = s.length(), i = 0, k = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            int st = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
            if (i > st) {
                if (k == buf.length) return -1;
                buf[k++] = s.substring(st, i);
            }
        }
        return k;
    }

    /** Shortens a token for an error message. */
    public static String clip(String t) {
        if (t == null) return "";
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    /** Round-trip text of a double (shortest representation that reads back to the same value). */
    public static String fmt(double v) {
        return Double.toString(v);
    }
}
