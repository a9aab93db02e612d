package org.scalebridge.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parser and printer for extended-XYZ style {@code key=value} lines: bare values, double-quoted strings with
 * backslash escapes, and {@code {…}} / {@code […]} arrays; a key without "=" means true.
 */
final class KeyValues {
    private KeyValues() {}

    /** Raw value: its text (quotes removed, escapes resolved) and whether it was quoted or bracketed. */
    record Raw(String text, boolean grouped) {}

    /** Thrown for a malformed line; the caller attaches the location. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        Malformed(String m) { super(m, null, false, false); }
    }

    static Map<String, Raw> parse(String s) throws Malformed {
        Map<String, Raw> out = new LinkedHashMap<>();
        int n = s.length(), i = 0;
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n) break;
            StringBuilder key = new StringBuilder();
            i = token(s, i, key, true);
            if (key.length() == 0) throw new Malformed("empty key at column " + (i + 1));
            while (i < n && Character.isWhitespace(s.charAt(i)) && nextNonSpaceIs(s, i, '=')) i++;
            if (i < n && s.charAt(i) == '=') {
                i++;
                while (i < n && Character.isWhitespace(s.charAt(i))) i++;
                if (i >= n) throw new Malformed("key '" + key + "' has '=' but no value");
                char c = s.charAt(i);
                StringBuilder val = new StringBuilder();
                boolean grouped = c == '"' || c == '{' || c == '[';
                i = token(s, i, val, false);
                out.put(key.toString(), new Raw(val.toString(), grouped));
            } else {
                out.put(key.toString(), null);
            }
        }
        return out;
    }

    private static boolean nextNonSpaceIs(String s, int i, char c) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i < s.length() && s.charAt(i) == c;
    }

    /** Reads a quoted string, a bracketed group or a bare word starting at i; returns the index after it. */
    private static int token(String s, int i, StringBuilder out, boolean isKey) throws Malformed {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '"') {
            int start = i;
            i++;
            while (i < n && s.charAt(i) != '"') {
                char d = s.charAt(i);
                if (d == '\\' && i + 1 < n) {
                    char e = s.charAt(i + 1);
                    out.append(e == 'n' ? '\n' : e);
                    i += 2;
                } else {
                    out.append(d);
                    i++;
                }
            }
            if (i >= n) throw new Malformed("unterminated quoted string starting at column " + (start + 1));
            return i + 1;
        }
        if (!isKey && (c == '{' || c == '[')) {
            char close = c == '{' ? '}' : ']';
            int start = i;
            int j = s.indexOf(close, i + 1);
            if (j < 0) throw new Malformed("unterminated '" + c + "' starting at column " + (start + 1));
            out.append(s, i + 1, j);
            return j + 1;
        }
        while (i < n) {
            char d = s.charAt(i);
            if (Character.isWhitespace(d) || d == '=') break;
            if (d == '"' && !isKey) throw new Malformed("unexpected quote inside a bare value at column " + (i + 1));
            out.append(d);
            i++;
        }
        return i;
    }

    /** Quotes a string value when it needs it. */
    static String quote(String v) {
        boolean needs = v.isEmpty();
        for (int i = 0; i < v.length() && !needs; i++) {
            char c = v.charAt(i);
            needs = Character.isWhitespace(c) || c == '=' || c == '"' || c == '\\' || c == '{' || c == '[' || c == ','
                    || c == '}' || c == ']';
        }
        if (!needs) return v;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
