package org.scalebridge.structure;

import java.util.Arrays;

/**
 * A named per-atom column (as extended XYZ's {@code Properties=}): real (R), integer (I), string (S) or logical (L)
 * values with a fixed number of components per atom, stored flat (atom-major). Grows with the structure.
 */
public final class PerAtomArray {
    /** Column type, with the extended-XYZ letter. */
    public enum Type { REAL('R'), INT('I'), STRING('S'), LOGICAL('L');
        public final char letter;
        Type(char c) { letter = c; }
        public static Type of(char c) {
            for (Type t : values()) if (t.letter == Character.toUpperCase(c)) return t;
            return null;
        }
    }

    private final String name;
    private final Type type;
    private final int components;
    private double[] reals;
    private int[] ints;
    private String[] strings;
    private boolean[] logicals;

    public PerAtomArray(String name, Type type, int components, int capacityAtoms) {
        if (components < 1) throw new IllegalArgumentException("components must be ≥ 1");
        this.name = name;
        this.type = type;
        this.components = components;
        int n = Math.max(1, capacityAtoms) * components;
        switch (type) {
            case REAL -> reals = new double[n];
            case INT -> ints = new int[n];
            case STRING -> strings = new String[n];
            case LOGICAL -> logicals = new boolean[n];
        }
    }

    public String name() { return name; }
    public Type type() { return type; }
    public int components() { return components; }

    /** Backing arrays (atom-major, length ≥ n·components); only the one matching {@link #type()} is non-null. */
    public double[] reals() { return reals; }
    public int[] ints() { return ints; }
    public String[] strings() { return strings; }
    public boolean[] logicals() { return logicals; }

    void ensureCapacity(int atoms) {
        int need = atoms * components;
        switch (type) {
            case REAL -> { if (reals.length < need) reals = Arrays.copyOf(reals, Math.max(need, reals.length * 2)); }
            case INT -> { if (ints.length < need) ints = Arrays.copyOf(ints, Math.max(need, ints.length * 2)); }
            case STRING -> { if (strings.length < need) strings = Arrays.copyOf(strings, Math.max(need, strings.length * 2)); }
            case LOGICAL -> { if (logicals.length < need) logicals = Arrays.copyOf(logicals, Math.max(need, logicals.length * 2)); }
        }
    }

    /** Copies atom {@code from} into slot {@code to} (used by removal and reordering). */
    void copyAtom(int from, int to) {
        int c = components;
        switch (type) {
            case REAL -> System.arraycopy(reals, from * c, reals, to * c, c);
            case INT -> System.arraycopy(ints, from * c, ints, to * c, c);
            case STRING -> System.arraycopy(strings, from * c, strings, to * c, c);
            case LOGICAL -> System.arraycopy(logicals, from * c, logicals, to * c, c);
        }
    }

    /** Clears atom slot i to the neutral value. */
    void clearAtom(int i) {
        int c = components;
        switch (type) {
            case REAL -> Arrays.fill(reals, i * c, i * c + c, 0.0);
            case INT -> Arrays.fill(ints, i * c, i * c + c, 0);
            case STRING -> Arrays.fill(strings, i * c, i * c + c, null);
            case LOGICAL -> Arrays.fill(logicals, i * c, i * c + c, false);
        }
    }

    PerAtomArray copy(int atoms) {
        PerAtomArray p = new PerAtomArray(name, type, components, atoms);
        int len = atoms * components;
        switch (type) {
            case REAL -> System.arraycopy(reals, 0, p.reals, 0, len);
            case INT -> System.arraycopy(ints, 0, p.ints, 0, len);
            case STRING -> System.arraycopy(strings, 0, p.strings, 0, len);
            case LOGICAL -> System.arraycopy(logicals, 0, p.logicals, 0, len);
        }
        return p;
    }
}
