package org.scalebridge.io;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.scalebridge.structure.Elements;

/**
 * Options for readers and writers that need information the file does not carry: the LAMMPS type → element map,
 * the LAMMPS atom style to write, and the element order of typed formats. Mutable; chain the setters.
 */
public final class IoOptions {
    private final Map<Integer, Integer> typeToZ = new HashMap<>();
    private String atomStyle;
    private String[] speciesOrder;

    public static IoOptions defaults() { return new IoOptions(); }

    /** Maps LAMMPS atom type {@code type} (1-based) to an element. */
    public IoOptions type(int type, String symbol) {
        typeToZ.put(type, Elements.bySymbol(symbol).z());
        return this;
    }

    /** Types in order 1, 2, 3… (as LAMMPS' pair_coeff element lists), e.g. {@code types("Na", "Cl")}. */
    public IoOptions types(String... symbols) {
        for (int i = 0; i < symbols.length; i++) type(i + 1, symbols[i]);
        speciesOrder = symbols.clone();
        return this;
    }

    public Map<Integer, Integer> typeToZ() { return typeToZ; }

    /** LAMMPS atom style for writing data files: atomic, charge or full (default: charge if charges exist). */
    public IoOptions atomStyle(String style) {
        this.atomStyle = style;
        return this;
    }

    public String atomStyle() { return atomStyle; }

    /** Element order for formats that number species (LAMMPS types, POSCAR species line). */
    public IoOptions speciesOrder(String... symbols) {
        this.speciesOrder = symbols.clone();
        return this;
    }

    public String[] speciesOrder() { return speciesOrder == null ? null : Arrays.copyOf(speciesOrder, speciesOrder.length); }
}
