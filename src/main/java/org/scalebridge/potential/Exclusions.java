package org.scalebridge.potential;

import java.util.Arrays;

/**
 * Pairs of atoms (by index, all periodic images) whose non-bonded interaction is excluded or modified, as the
 * special neighbours of LAMMPS ({@code special_bonds lj/coul 0 0 0}: 1-2, 1-3 and 1-4 partners along bonds).
 * Stored per atom as sorted partner lists (CSR).
 */
public final class Exclusions {
    private final int atoms;
    private final int[] start;
    private final int[] partners;

    /** From per-atom partner arrays (each may be unsorted, no duplicates needed). */
    public Exclusions(int[][] partnersOfAtom) {
        atoms = partnersOfAtom.length;
        start = new int[atoms + 1];
        int total = 0;
        int[][] sorted = new int[atoms][];
        for (int i = 0; i < atoms; i++) {
            int[] p = partnersOfAtom[i] == null ? new int[0] : Arrays.stream(partnersOfAtom[i]).filter(x -> true).distinct().sorted().toArray();
            sorted[i] = p;
            total += p.length;
        }
        partners = new int[total];
        int k = 0;
        for (int i = 0; i < atoms; i++) {
            start[i] = k;
            System.arraycopy(sorted[i], 0, partners, k, sorted[i].length);
            k += sorted[i].length;
        }
        start[atoms] = k;
    }

    /** Number of atoms the exclusion table covers (atoms with higher indices have no partners). */
    public int atoms() { return atoms; }

    /** True when atom i has any excluded partner. */
    public boolean has(int i) { return i < atoms && start[i + 1] > start[i]; }

    /** True when the pair (i, j) is excluded. */
    public boolean excluded(int i, int j) {
        if (i >= atoms || j >= atoms) return false;
        int a = start[i], b = start[i + 1];
        // lists are short (≤ ~30): linear scan is fastest
        for (int k = a; k < b; k++) {
            int p = partners[k];
            if (p == j) return true;
            if (p > j) return false;
        }
        return false;
    }

    /** Partners of atom i (a copy). */
    public int[] partnersOf(int i) {
        if (i >= atoms) return new int[0];
        return Arrays.copyOfRange(partners, start[i], start[i + 1]);
    }

    /** Total number of excluded (unordered) pairs. */
    public int pairCount() { return partners.length / 2; }
}
