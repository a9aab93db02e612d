package org.scalebridge.potential;

import java.util.Arrays;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Elements;

/**
 * Maps atomic numbers to the dense type indices 0..n−1 of a potential's parameter tables (LAMMPS "atom types").
 * Types are assigned in the order elements are first named.
 */
public final class TypeMap {
    private final int[] typeOfZ = new int[128];
    private int[] zOfType = new int[0];

    public TypeMap() { Arrays.fill(typeOfZ, -1); }

    /** Builds a map from element symbols in type order (type 0 = first symbol). */
    public static TypeMap of(String... symbols) {
        TypeMap m = new TypeMap();
        for (String s : symbols) m.add(s);
        return m;
    }

    /** Adds an element (if new) and returns its type. */
    public int add(String symbol) { return add(Elements.bySymbol(symbol).z()); }

    public int add(int z) {
        if (z < 0 || z >= typeOfZ.length) throw new IllegalArgumentException("atomic number out of range: " + z);
        if (typeOfZ[z] >= 0) return typeOfZ[z];
        int t = zOfType.length;
        zOfType = Arrays.copyOf(zOfType, t + 1);
        zOfType[t] = z;
        typeOfZ[z] = t;
        return t;
    }

    /** Type of an atomic number, or −1 if the element is unknown to the potential. */
    public int typeOrNegative(int z) { return z >= 0 && z < typeOfZ.length ? typeOfZ[z] : -1; }

    /** Type of an element symbol, failing with a clear message if the potential does not know it. */
    public int type(String symbol) {
        int t = typeOrNegative(Elements.bySymbol(symbol).z());
        if (t < 0) throw InputException.field(null, "species", "element " + symbol + " has no parameters in this potential");
        return t;
    }

    public int size() { return zOfType.length; }

    public int atomicNumber(int type) { return zOfType[type]; }

    public String symbol(int type) { return Elements.symbol(zOfType[type]); }

    /** Fills {@code out[i]} with the type of each atom, failing clearly on an element without parameters. */
    public int[] typesOf(int[] atomicNumbers, int n, int[] out, String potentialName) {
        if (out.length < n) out = new int[Math.max(n, 16)];
        for (int i = 0; i < n; i++) {
            int t = typeOrNegative(atomicNumbers[i]);
            if (t < 0) {
                throw InputException.field(null, "species", "atom " + i + " is " + Elements.symbol(atomicNumbers[i])
                        + ", which has no parameters in potential " + potentialName + " (known: " + known() + ")");
            }
            out[i] = t;
        }
        return out;
    }

    public String known() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < zOfType.length; t++) sb.append(t == 0 ? "" : ", ").append(symbol(t));
        return sb.toString();
    }
}
