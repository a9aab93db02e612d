package org.scalebridge.potential;

import java.util.Arrays;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * A Verlet list of only the pairs that involve an "active" atom, for pair terms in which every interacting type pair
 * contains an active type (e.g. the MnFePBA surrogate's Na–framework and Na–Na terms: framework–framework pairs,
 * most of the structure, are never listed). Rows are the active atoms; a row holds every neighbour within
 * cutoff + skin of any type (active–active pairs once: j &gt; i, or j = i with a positive image shift). Built by
 * binning in fractional coordinates with explicit image shifts (exact for cells thinner than the cutoff).
 *
 * <p>Same contract as {@link org.scalebridge.structure.NeighborList}: {@link #build} wraps the atoms; {@link #update}
 * rebuilds when 2·max|Δr| + (largest image-shift change of the cell) exceeds the skin, or the atom count changed.
 */
final class SparsePairList {
    private final double cutoff, skin;
    private final boolean[] activeType;
    int rows;                          // number of active atoms
    int[] rowAtom = new int[0];        // atom index of each row
    int[] offsets = new int[1];
    int[] nbr = new int[0];
    int[] shiftIdx = new int[0];
    double[] shiftVec = new double[0];
    private int t0, t1, t2;            // shift half-ranges
    private int n = -1;
    private double[] posAtBuild = new double[0];
    private double[] cellAtBuild;
    private int builds;
    // bins
    private int[] head = new int[0], next = new int[0];

    SparsePairList(double cutoff, double skin, boolean[] activeType) {
        this.cutoff = cutoff;
        this.skin = skin;
        this.activeType = activeType;
    }

    int buildCount() { return builds; }

    boolean update(Structure s, int[] ty) {
        if (needsRebuild(s) || typesChanged(ty)) { build(s, ty); return true; }
        refreshShifts(s.cell());
        return false;
    }

    private int[] typesAtBuild = new int[0];

    /** Rows depend on which atoms are active: any change of an atom's type forces a rebuild. */
    private boolean typesChanged(int[] ty) {
        for (int i = 0; i < n; i++) if (ty[i] != typesAtBuild[i]) return true;
        return false;
    }

    private boolean needsRebuild(Structure s) {
        if (builds == 0 || s.size() != n) return true;
        return NeighborList.movedBeyondSkin(s.positions(), n, posAtBuild, s.cell().matrix(), cellAtBuild, t0, t1, t2, skin);
    }

    void build(Structure s, int[] ty) {
        s.wrap();
        Cell cell = s.cell();
        n = s.size();
        double rc = cutoff + skin, rc2 = rc * rc;
        int[] nb = new int[3], st = new int[3];
        NeighborList.binGrid(cell, rc, 512, nb, st);
        int nbins = nb[0] * nb[1] * nb[2];
        if (head.length < nbins) head = new int[nbins];
        Arrays.fill(head, 0, nbins, -1);
        if (next.length < n) next = new int[Math.max(n, 16)];
        double[] p = s.positions();
        int[] binOf = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            int b0 = bin(cell.fracX(x, y, z), nb[0]), b1 = bin(cell.fracY(x, y, z), nb[1]), b2 = bin(cell.fracZ(x, y, z), nb[2]);
            int b = (b0 * nb[1] + b1) * nb[2] + b2;
            binOf[i] = b;
            next[i] = head[b];
            head[b] = i;
        }
        t0 = cell.periodic(0) ? (st[0] + nb[0] - 1) / nb[0] + 1 : 0;
        t1 = cell.periodic(1) ? (st[1] + nb[1] - 1) / nb[1] + 1 : 0;
        t2 = cell.periodic(2) ? (st[2] + nb[2] - 1) / nb[2] + 1 : 0;
        int w1 = 2 * t1 + 1, w2 = 2 * t2 + 1, nShift = (2 * t0 + 1) * w1 * w2;
        if (shiftVec.length < 3 * nShift) shiftVec = new double[3 * nShift];
        refreshShifts(cell);
        rows = 0;
        for (int i = 0; i < n; i++) if (activeType[ty[i]]) rows++;
        if (rowAtom.length < rows) rowAtom = new int[rows + 16];
        if (offsets.length < rows + 1) offsets = new int[rows + 17];
        if (nbr.length < 16) { nbr = new int[1024]; shiftIdx = new int[1024]; }
        double[] h = cell.matrix();
        int count = 0, r = 0;
        for (int i = 0; i < n; i++) {
            if (!activeType[ty[i]]) continue;
            rowAtom[r] = i;
            offsets[r] = count;
            r++;
            int bi = binOf[i];
            int ba = bi / (nb[1] * nb[2]), bb = (bi / nb[2]) % nb[1], bc = bi % nb[2];
            double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            for (int da = -st[0]; da <= st[0]; da++) {
                int ja = ba + da, ia = Math.floorDiv(ja, nb[0]);
                ja -= ia * nb[0];
                for (int db = -st[1]; db <= st[1]; db++) {
                    int jb = bb + db, ib = Math.floorDiv(jb, nb[1]);
                    jb -= ib * nb[1];
                    for (int dc = -st[2]; dc <= st[2]; dc++) {
                        int jc = bc + dc, ic = Math.floorDiv(jc, nb[2]);
                        jc -= ic * nb[2];
                        double sx = ia * h[0] + ib * h[3] + ic * h[6], sy = ia * h[1] + ib * h[4] + ic * h[7], sz = ia * h[2] + ib * h[5] + ic * h[8];
                        boolean zero = ia == 0 && ib == 0 && ic == 0;
                        boolean positive = ia > 0 || (ia == 0 && (ib > 0 || (ib == 0 && ic > 0)));
                        int sIndex = ((ia + t0) * w1 + (ib + t1)) * w2 + (ic + t2);
                        for (int j = head[(ja * nb[1] + jb) * nb[2] + jc]; j >= 0; j = next[j]) {
                            if (j == i && zero) continue;
                            if (activeType[ty[j]] && (j < i || (j == i && !positive))) continue;
                            double dx = p[3 * j] + sx - xi, dy = p[3 * j + 1] + sy - yi, dz = p[3 * j + 2] + sz - zi;
                            if (dx * dx + dy * dy + dz * dz < rc2) {
                                if (count == nbr.length) {
                                    nbr = Arrays.copyOf(nbr, 2 * count);
                                    shiftIdx = Arrays.copyOf(shiftIdx, 2 * count);
                                }
                                nbr[count] = j;
                                shiftIdx[count] = sIndex;
                                count++;
                            }
                        }
                    }
                }
            }
        }
        offsets[rows] = count;
        if (posAtBuild.length < 3 * n) posAtBuild = new double[3 * Math.max(n, 16)];
        System.arraycopy(p, 0, posAtBuild, 0, 3 * n);
        if (typesAtBuild.length < n) typesAtBuild = new int[Math.max(n, 16)];
        System.arraycopy(ty, 0, typesAtBuild, 0, n);
        cellAtBuild = h;
        builds++;
    }

    private static int bin(double f, int nb) {
        if (nb == 1) return 0;
        int k = (int) Math.floor(f * nb);
        return k < 0 ? 0 : (k >= nb ? nb - 1 : k);
    }

    private void refreshShifts(Cell cell) {
        double[] h = cell.matrix();
        int s = 0;
        for (int a = -t0; a <= t0; a++) for (int b = -t1; b <= t1; b++) for (int c = -t2; c <= t2; c++) {
            shiftVec[3 * s] = a * h[0] + b * h[3] + c * h[6];
            shiftVec[3 * s + 1] = a * h[1] + b * h[4] + c * h[7];
            shiftVec[3 * s + 2] = a * h[2] + b * h[5] + c * h[8];
            s++;
        }
    }
}
