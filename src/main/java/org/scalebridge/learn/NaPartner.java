package org.scalebridge.learn;

import org.scalebridge.core.Rng;
import org.scalebridge.mc.SiteProposal;
import org.scalebridge.structure.Structure;

/**
 * The N ± 1 partner of a PBA configuration: the same framework with one Na more (at the centre of the cage whose
 * nearest Na is farthest away) or one Na less (a random Na). A training set that holds such pairs pins the insertion
 * energy E(N+1) − E(N), from which the chemical potential μ(N) of a GCMC run is made; MD snapshots alone constrain it
 * only through the differences between compositions.
 */
public final class NaPartner {
    static final int NA = 11, FE = 26;

    private NaPartner() {}

    /** Pseudo-cubic cells (≈ 10 Å each, 8 cages per cell) along each lattice vector, as the GCMC cage proposal counts them. */
    static int[] cells(Structure s) {
        int[] reps = new int[3];
        for (int k = 0; k < 3; k++) reps[k] = Math.max(1, (int) Math.round(s.cell().len(k) / 9.9));
        return reps;
    }

    /** Number of cage sites of the framework. */
    public static int cages(Structure s) {
        int[] r = cells(s);
        return 8 * r[0] * r[1] * r[2];
    }

    /**
     * {N, N+1}: when {@code add} (and a cage is free, or there is no Na to remove) a Na is added to a copy of snap at
     * the emptiest cage centre, else a random Na is removed from a copy; the other member is snap itself.
     */
    public static Structure[] pair(Structure snap, boolean add, Rng rng) {
        int na = snap.count(NA);
        if ((add && na < cages(snap)) || na == 0) {
            Structure big = snap.copy();
            double[] site = emptiestCage(snap);
            big.addAtom(NA, site[0], site[1], site[2]);
            return new Structure[] {snap, big};
        }
        Structure small = snap.copy();
        int k = (int) (rng.nextDouble() * na), seen = 0;
        for (int i = 0; i < small.size(); i++) {
            if (small.atomicNumber(i) != NA) continue;
            if (seen++ == k) {
                boolean[] rm = new boolean[small.size()];
                rm[i] = true;
                small.removeAtoms(rm);
                break;
            }
        }
        return new Structure[] {small, snap};
    }

    /** Cartesian centre of the cage (sub-cube of the Fe/Mn lattice, anchored at the first Fe) whose nearest Na is farthest away. */
    public static double[] emptiestCage(Structure s) {
        int fe = -1;
        for (int i = 0; i < s.size() && fe < 0; i++) if (s.atomicNumber(i) == FE) fe = i;
        if (fe < 0) throw new IllegalArgumentException("a PBA framework needs an Fe atom to place the cages");
        int[] reps = cells(s);
        double[][] cages = SiteProposal.pbaCages(reps[0], reps[1], reps[2], s.fractional(fe));
        double best = -1;
        double[] out = null, c = new double[3], d = new double[3], pos = s.positions();
        for (double[] f : cages) {
            s.cell().toCartesian(f, c);
            double dmin = Double.MAX_VALUE;
            for (int i = 0; i < s.size(); i++) {
                if (s.atomicNumber(i) != NA) continue;
                for (int q = 0; q < 3; q++) d[q] = pos[3 * i + q] - c[q];
                dmin = Math.min(dmin, Math.sqrt(s.cell().minimumImage(d)));
            }
            if (dmin > best) { best = dmin; out = c.clone(); }
        }
        return out;
    }
}
