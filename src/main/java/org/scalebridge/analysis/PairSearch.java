package org.scalebridge.analysis;

import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * All neighbour vectors within a radius for every atom, including periodic images of any triclinic cell (and cells
 * thinner than the radius), via the shared binned {@link NeighborList} on a private copy (the input is not wrapped
 * or otherwise modified).
 */
final class PairSearch {
    final Structure s;
    final NeighborList nl;
    final double rmax;

    PairSearch(Structure input, double rmax) {
        this.s = input.copy();
        this.rmax = rmax;
        this.nl = new NeighborList(rmax, 0.0, false);
        nl.build(s);
    }

    /** Visitor of directed pairs (i → j) with displacement d = r_j − r_i (Å) and distance r &lt; rmax. */
    interface Visitor { void pair(int i, int j, double dx, double dy, double dz, double r); }

    void forEach(int i, Visitor v) {
        double[] sv = nl.shiftVectors(), p = s.positions();
        int[] off = nl.offsets(), nb = nl.neighbors(), si = nl.shiftIndex();
        double r2max = rmax * rmax;
        for (int k = off[i]; k < off[i + 1]; k++) {
            int j = nb[k], t = si[k];
            double dx = p[3 * j] - p[3 * i] + sv[3 * t], dy = p[3 * j + 1] - p[3 * i + 1] + sv[3 * t + 1], dz = p[3 * j + 2] - p[3 * i + 2] + sv[3 * t + 2];
            double r2 = dx * dx + dy * dy + dz * dz;
            if (r2 < r2max) v.pair(i, j, dx, dy, dz, Math.sqrt(r2));
        }
    }
}
