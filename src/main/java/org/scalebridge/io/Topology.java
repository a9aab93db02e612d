package org.scalebridge.io;

import java.util.Arrays;

/**
 * Molecular topology read from (or written to) a LAMMPS data file: bonds and angles with their types, as 0-based
 * indices into the structure's atoms (the atoms are ordered by LAMMPS id). Kept in {@code Structure.info()} under
 * {@link #KEY}. Immutable.
 *
 * @param bondTypes  type of each bond (1-based as in LAMMPS)
 * @param bonds      atom pairs, flat (i0, j0, i1, j1, …)
 * @param angleTypes type of each angle
 * @param angles     atom triples i–j–k with j the vertex, flat
 */
public record Topology(int[] bondTypes, int[] bonds, int[] angleTypes, int[] angles) {
    /** The info key under which readers store the topology. */
    public static final String KEY = "topology";

    public int bondCount() { return bondTypes.length; }

    public int angleCount() { return angleTypes.length; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && Arrays.equals(bondTypes, t.bondTypes) && Arrays.equals(bonds, t.bonds)
                && Arrays.equals(angleTypes, t.angleTypes) && Arrays.equals(angles, t.angles);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(bonds) * 31 + Arrays.hashCode(angles); }

    @Override
    public String toString() { return "Topology[" + bondCount() + " bonds, " + angleCount() + " angles]"; }
}
