package org.scalebridge.potential;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scalebridge.core.InputException;

/**
 * Bonds and angles between atoms (by index) with their parameter types, in LAMMPS conventions (no factor ½):
 * harmonic bond E = K(r − r₀)², Morse bond E = D₀[1 − e^{−α(r−r₀)}]², harmonic angle E = K(θ − θ₀)².
 * Geometry uses minimum-image bond vectors, as LAMMPS does.
 */
public final class Topology {
    /** Bond functional forms. */
    public enum BondStyle { HARMONIC, MORSE }

    /** A bond type: harmonic (K eV/Å², r₀ Å) or Morse (D₀ eV, α 1/Å, r₀ Å). */
    public record BondType(BondStyle style, double k, double alpha, double r0, String label) {
        public static BondType harmonic(double k, double r0, String label) { return new BondType(BondStyle.HARMONIC, k, 0, r0, label); }
        public static BondType morse(double d0, double alpha, double r0, String label) { return new BondType(BondStyle.MORSE, d0, alpha, r0, label); }
    }

    /** A harmonic angle type: K (eV/rad²), θ₀ (degrees). */
    public record AngleType(double k, double theta0Deg, String label) {}

    private final List<BondType> bondTypes = new ArrayList<>();
    private final List<AngleType> angleTypes = new ArrayList<>();
    private int[] bonds = new int[0];   // type, i, j
    private int[] angles = new int[0];  // type, i, j (centre), k
    private int nBonds, nAngles;

    public int addBondType(BondType t) { bondTypes.add(t); return bondTypes.size() - 1; }
    public int addAngleType(AngleType t) { angleTypes.add(t); return angleTypes.size() - 1; }

    public void addBond(int type, int i, int j) {
        if (type < 0 || type >= bondTypes.size()) throw InputException.field(null, "bond type", "unknown bond type " + type);
        if (i == j || i < 0 || j < 0) throw InputException.field(null, "bond", "invalid atoms " + i + "-" + j);
        if (bonds.length < 3 * (nBonds + 1)) bonds = Arrays.copyOf(bonds, Math.max(48, bonds.length * 2));
        bonds[3 * nBonds] = type; bonds[3 * nBonds + 1] = i; bonds[3 * nBonds + 2] = j;
        nBonds++;
    }

    public void addAngle(int type, int i, int j, int k) {
        if (type < 0 || type >= angleTypes.size()) throw InputException.field(null, "angle type", "unknown angle type " + type);
        if (i == j || j == k || i == k || i < 0 || j < 0 || k < 0) throw InputException.field(null, "angle", "invalid atoms " + i + "-" + j + "-" + k);
        if (angles.length < 4 * (nAngles + 1)) angles = Arrays.copyOf(angles, Math.max(64, angles.length * 2));
        angles[4 * nAngles] = type; angles[4 * nAngles + 1] = i; angles[4 * nAngles + 2] = j; angles[4 * nAngles + 3] = k;
        nAngles++;
    }

    public int bondCount() { return nBonds; }
    public int angleCount() { return nAngles; }
    public List<BondType> bondTypes() { return List.copyOf(bondTypes); }
    public List<AngleType> angleTypes() { return List.copyOf(angleTypes); }
    /** Flat bond table (type, i, j) × bondCount; do not modify. */
    int[] bondTable() { return bonds; }
    /**
     * Re-types bond b (same atoms). For models whose bond parameters follow a per-site state (the localised-redox
     * MnFePBA surrogate switches a Mn's six Mn–N bonds between its Mn(III) and Mn(II) types); the bonded potential
     * reads the table at every evaluation.
     */
    void setBondType(int b, int type) {
        if (type < 0 || type >= bondTypes.size()) throw new IllegalArgumentException("unknown bond type " + type);
        if (b < 0 || b >= nBonds) throw new IllegalArgumentException("no bond " + b);
        bonds[3 * b] = type;
    }
    /** Flat angle table (type, i, centre, k) × angleCount; do not modify. */
    int[] angleTable() { return angles; }

    public int[] bond(int b) { return new int[] {bonds[3 * b], bonds[3 * b + 1], bonds[3 * b + 2]}; }
    public int[] angle(int a) { return new int[] {angles[4 * a], angles[4 * a + 1], angles[4 * a + 2], angles[4 * a + 3]}; }

    /** Largest atom index used + 1. */
    public int atomsReferenced() {
        int m = 0;
        for (int b = 0; b < nBonds; b++) m = Math.max(m, Math.max(bonds[3 * b + 1], bonds[3 * b + 2]) + 1);
        for (int a = 0; a < nAngles; a++) {
            m = Math.max(m, Math.max(angles[4 * a + 1], Math.max(angles[4 * a + 2], angles[4 * a + 3])) + 1);
        }
        return m;
    }

    /**
     * The special neighbours of LAMMPS: every atom within {@code depth} bonds (1-2, 1-3, 1-4 for depth 3) of each
     * atom, found by breadth-first search over the bond graph (self excluded).
     */
    public Exclusions exclusions(int atoms, int depth) {
        int n = Math.max(atoms, atomsReferenced());
        int[] deg = new int[n];
        for (int b = 0; b < nBonds; b++) { deg[bonds[3 * b + 1]]++; deg[bonds[3 * b + 2]]++; }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) adj[i] = new int[deg[i]];
        int[] fill = new int[n];
        for (int b = 0; b < nBonds; b++) {
            int i = bonds[3 * b + 1], j = bonds[3 * b + 2];
            adj[i][fill[i]++] = j;
            adj[j][fill[j]++] = i;
        }
        int[][] partners = new int[n][];
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        List<Integer> seen = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (deg[s] == 0) { partners[s] = new int[0]; continue; }
            seen.clear();
            dist[s] = 0;
            queue.add(s);
            seen.add(s);
            while (!queue.isEmpty()) {
                int u = queue.poll();
                if (dist[u] == depth) continue;
                for (int v : adj[u]) {
                    if (dist[v] < 0) { dist[v] = dist[u] + 1; seen.add(v); queue.add(v); }
                }
            }
            int[] p = new int[seen.size() - 1];
            int k = 0;
            for (int v : seen) { if (v != s) p[k++] = v; dist[v] = -1; }
            partners[s] = p;
        }
        return new Exclusions(partners);
    }
}
