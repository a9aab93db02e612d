package org.scalebridge.structure;

import java.util.Arrays;

/**
 * Verlet neighbour list built by binning (cell lists) in fractional coordinates; O(N) time and memory for any
 * triclinic cell, including cells thinner than the cutoff (periodic replicas of an atom, even of itself, are
 * listed with their image shift).
 *
 * <p>Storage is CSR: the neighbours of atom i are entries k in [{@link #offsets()}[i], offsets[i+1]) of
 * {@link #neighbors()}; the displacement to neighbour k is
 * {@code r_j − r_i + shiftVectors[3·s], s = shiftIndex()[k]} with the image shift vectors of the <em>current</em>
 * cell (refreshed by {@link #update}). A half list holds each pair once: (i, j, n) with j &gt; i, or j = i and n
 * lexicographically positive.
 *
 * <p>Contract: {@link #build} wraps the atoms into the cell (updating their image counters); until the next build,
 * callers move atoms continuously and do not re-wrap them. {@link #update} rebuilds when an atom moved more than
 * half the skin, the cell deformed enough, or the atom count changed.
 */
public final class NeighborList {
    private final double cutoff;
    private final double skin;
    private final boolean half;

    private int n;
    private int[] offsets = new int[1];
    private int[] nbr = new int[0];
    private int[] shiftIdx = new int[0];
    private int pairs;

    // image-shift table: index = ((ta+Ta)*(2Tb+1) + (tb+Tb))*(2Tc+1) + (tc+Tc)
    private int ta0, tb0, tc0; // half-widths Ta, Tb, Tc
    private double[] shiftVec = new double[0];

    // state at the last build
    private double[] posAtBuild = new double[0];
    private double[] cellAtBuild;
    private int builds;

    // bins
    private int[] binStart = new int[0];
    private int[] binAtoms = new int[0];
    private int[] atomBin = new int[0];
    private double[] frac = new double[0];
    private double[] binPos = new double[0];
    private int[] fill = new int[0];

    /**
     * @param cutoff interaction cutoff (Å)
     * @param skin   Verlet skin (Å); the list holds pairs within cutoff + skin
     * @param half   true for a half list (each pair once), false for a full list
     */
    public NeighborList(double cutoff, double skin, boolean half) {
        if (!(cutoff > 0) || !(skin >= 0)) throw new IllegalArgumentException("cutoff must be > 0 and skin ≥ 0");
        this.cutoff = cutoff;
        this.skin = skin;
        this.half = half;
    }

    public double cutoff() { return cutoff; }
    public double skin() { return skin; }
    public boolean isHalf() { return half; }
    /** Number of atoms at the last build. */
    public int atoms() { return n; }
    /** Number of (directed, for full lists) pair entries. */
    public int pairCount() { return pairs; }
    /** How many times the list was built (for statistics and tests). */
    public int buildCount() { return builds; }

    public int[] offsets() { return offsets; }
    public int[] neighbors() { return nbr; }
    public int[] shiftIndex() { return shiftIdx; }
    /** Image shift vectors (Å) of the current cell, 3 per shift index. */
    public double[] shiftVectors() { return shiftVec; }

    /** Integer image shift (na, nb, nc) of a shift index. */
    public int[] shiftOf(int s) {
        int wc = 2 * tc0 + 1, wb = 2 * tb0 + 1;
        int c = s % wc - tc0;
        int b = (s / wc) % wb - tb0;
        int a = s / (wc * wb) - ta0;
        return new int[] {a, b, c};
    }

    /** Rebuilds if needed (displacements, cell change, atom count); refreshes the shift vectors. True if rebuilt. */
    public boolean update(Structure s) {
        if (needsRebuild(s)) {
            build(s);
            return true;
        }
        refreshShifts(s.cell());
        return false;
    }

    /** True when the list is no longer guaranteed to hold every pair within the cutoff. */
    public boolean needsRebuild(Structure s) {
        if (builds == 0 || s.size() != n) return true;
        return movedBeyondSkin(s.positions(), n, posAtBuild, s.cell().matrix(), cellAtBuild, ta0, tb0, tc0, skin);
    }

    /**
     * The Verlet rebuild rule shared by every list built with a skin: a pair's distance changes by at most
     * 2·max|Δr| + max|n·ΔH|, the largest change of an image shift n·H over the image range in use (±(range+1)
     * cells along each vector), so the list stays complete while that stays within the skin. Allocation-free: it
     * runs every MD step.
     *
     * @param h           current cell (row-major)
     * @param cellAtBuild cell at the last build (row-major), or null when unknown
     */
    public static boolean movedBeyondSkin(double[] pos, int n, double[] posAtBuild, double[] h, double[] cellAtBuild,
                                          int rangeA, int rangeB, int rangeC, double skin) {
        double cellChange = 0;
        if (cellAtBuild != null && !Arrays.equals(h, cellAtBuild)) {
            for (int ca = -1; ca <= 1; ca += 2) {
                for (int cb = -1; cb <= 1; cb += 2) {
                    for (int cc = -1; cc <= 1; cc += 2) {
                        double a = ca * (rangeA + 1), b = cb * (rangeB + 1), c = cc * (rangeC + 1);
                        double x = a * (h[0] - cellAtBuild[0]) + b * (h[3] - cellAtBuild[3]) + c * (h[6] - cellAtBuild[6]);
                        double y = a * (h[1] - cellAtBuild[1]) + b * (h[4] - cellAtBuild[4]) + c * (h[7] - cellAtBuild[7]);
                        double z = a * (h[2] - cellAtBuild[2]) + b * (h[5] - cellAtBuild[5]) + c * (h[8] - cellAtBuild[8]);
                        cellChange = Math.max(cellChange, Math.sqrt(x * x + y * y + z * z));
                    }
                }
            }
        }
        double max2 = 0;
        for (int i = 0; i < 3 * n; i += 3) {
            double dx = pos[i] - posAtBuild[i], dy = pos[i + 1] - posAtBuild[i + 1], dz = pos[i + 2] - posAtBuild[i + 2];
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 > max2) max2 = d2;
        }
        return 2 * Math.sqrt(max2) + cellChange > skin;
    }

    /**
     * Bin grid for a periodic cell: nb[d] bins along lattice vector d, each at least {@code range} thick
     * (perpendicular), at most {@code maxBins}; st[d] is the stencil half-width in bins so that every point within
     * {@code range} lies in the stencil. Non-periodic directions get one bin and no stencil.
     */
    public static void binGrid(Cell cell, double range, int maxBins, int[] nb, int[] st) {
        double[] w = cell.perpendicularWidths();
        for (int d = 0; d < 3; d++) {
            if (cell.periodic(d)) {
                nb[d] = Math.max(1, Math.min((int) Math.floor(w[d] / range), maxBins));
                st[d] = (int) Math.ceil(range / w[d] * nb[d] - 1e-12);
            } else {
                nb[d] = 1;
                st[d] = 0;
            }
        }
    }

    /** Builds the list from scratch (wraps the atoms first). */
    public void build(Structure s) {
        s.wrap();
        Cell cell = s.cell();
        n = s.size();
        double rc = cutoff + skin;
        double rc2 = rc * rc;
        double[] w = cell.perpendicularWidths();
        int[] nb = new int[3];
        int[] st = new int[3];      // stencil half-width in bins
        double[] fmin = new double[3], fspan = new double[3];
        if (frac.length < 3 * n) frac = new double[3 * n];
        double[] p = s.positions();
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            frac[3 * i] = cell.fracX(x, y, z);
            frac[3 * i + 1] = cell.fracY(x, y, z);
            frac[3 * i + 2] = cell.fracZ(x, y, z);
        }
        for (int d = 0; d < 3; d++) {
            if (cell.periodic(d)) {
                fmin[d] = 0;
                fspan[d] = 1;
                nb[d] = Math.max(1, Math.min((int) Math.floor(w[d] / rc), 1 << 10));
                // a neighbour within rc differs in fractional coordinate d by at most rc / w_d
                st[d] = (int) Math.ceil(rc / w[d] * nb[d] - 1e-12);
            } else {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) { lo = Math.min(lo, frac[3 * i + d]); hi = Math.max(hi, frac[3 * i + d]); }
                if (n == 0) { lo = 0; hi = 1; }
                fmin[d] = lo;
                fspan[d] = Math.max(hi - lo, 1e-12) * (1 + 1e-9);
                double extent = fspan[d] * w[d];
                nb[d] = Math.max(1, Math.min((int) Math.floor(extent / rc), 1 << 10));
                st[d] = nb[d] == 1 ? 0 : 1;
                if (nb[d] > 1) st[d] = (int) Math.ceil(rc / (extent / nb[d]) - 1e-12);
            }
        }
        int nbins = nb[0] * nb[1] * nb[2];
        if (atomBin.length < n) atomBin = new int[Math.max(n, 16)];
        if (binStart.length < nbins + 1) binStart = new int[nbins + 1];
        Arrays.fill(binStart, 0, nbins + 1, 0);
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int d = 0; d < 3; d++) {
                int k = (int) Math.floor((frac[3 * i + d] - fmin[d]) / fspan[d] * nb[d]);
                if (k < 0) k = 0;
                if (k >= nb[d]) k = nb[d] - 1;
                b = b * nb[d] + k;
            }
            atomBin[i] = b;
            binStart[b + 1]++;
        }
        for (int b = 0; b < nbins; b++) binStart[b + 1] += binStart[b];
        if (binAtoms.length < n) binAtoms = new int[Math.max(n, 16)];
        if (fill.length < nbins) fill = new int[nbins];
        Arrays.fill(fill, 0, nbins, 0);
        for (int i = 0; i < n; i++) {
            int b = atomBin[i];
            binAtoms[binStart[b] + fill[b]++] = i;
        }
        // positions in bin order (contiguous candidate scans); binAtoms of a bin are ascending atom indices
        if (binPos.length < 3 * n) binPos = new double[3 * Math.max(n, 16)];
        for (int q = 0; q < n; q++) {
            int j = binAtoms[q];
            binPos[3 * q] = p[3 * j]; binPos[3 * q + 1] = p[3 * j + 1]; binPos[3 * q + 2] = p[3 * j + 2];
        }
        final boolean per0 = cell.periodic(0), per1 = cell.periodic(1), per2 = cell.periodic(2);
        // image-shift table ranges
        ta0 = per0 ? (st[0] + nb[0] - 1) / nb[0] + 1 : 0;
        tb0 = per1 ? (st[1] + nb[1] - 1) / nb[1] + 1 : 0;
        tc0 = per2 ? (st[2] + nb[2] - 1) / nb[2] + 1 : 0;
        int wb = 2 * tb0 + 1, wc = 2 * tc0 + 1;
        int nShift = (2 * ta0 + 1) * wb * wc;
        if (shiftVec.length < 3 * nShift) shiftVec = new double[3 * nShift];
        refreshShifts(cell);

        if (offsets.length < n + 1) offsets = new int[n + 1];
        int cap = Math.max(nbr.length, 16);
        if (nbr.length < cap) { nbr = new int[cap]; shiftIdx = new int[cap]; }
        int[] nbrL = nbr, shiftL = shiftIdx;
        final int[] bStart = binStart, bAtoms = binAtoms;
        final double[] bp = binPos;
        int count = 0;
        double[] h = cell.matrix();
        final int nb0 = nb[0], nb1 = nb[1], nb2 = nb[2], st0 = st[0], st1 = st[1], st2 = st[2];
        for (int i = 0; i < n; i++) {
            offsets[i] = count;
            int bi = atomBin[i];
            int ba = bi / (nb1 * nb2), bb = (bi / nb2) % nb1, bc = bi % nb2;
            double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            for (int da = -st0; da <= st0; da++) {
                int ja = ba + da, ia = 0;
                if (per0) { ia = Math.floorDiv(ja, nb0); ja -= ia * nb0; }
                else if (ja < 0 || ja >= nb0) continue;
                for (int db = -st1; db <= st1; db++) {
                    int jb = bb + db, ib = 0;
                    if (per1) { ib = Math.floorDiv(jb, nb1); jb -= ib * nb1; }
                    else if (jb < 0 || jb >= nb1) continue;
                    for (int dc = -st2; dc <= st2; dc++) {
                        int jc = bc + dc, ic = 0;
                        if (per2) { ic = Math.floorDiv(jc, nb2); jc -= ic * nb2; }
                        else if (jc < 0 || jc >= nb2) continue;
                        int b = (ja * nb1 + jb) * nb2 + jc;
                        double sx = ia * h[0] + ib * h[3] + ic * h[6];
                        double sy = ia * h[1] + ib * h[4] + ic * h[7];
                        double sz = ia * h[2] + ib * h[5] + ic * h[8];
                        boolean zeroShift = ia == 0 && ib == 0 && ic == 0;
                        boolean positiveShift = ia > 0 || (ia == 0 && (ib > 0 || (ib == 0 && ic > 0)));
                        int sIndex = ((ia + ta0) * wb + (ib + tb0)) * wc + (ic + tc0);
                        int q = bStart[b];
                        final int qe = bStart[b + 1];
                        if (half) {
                            // atoms of a bin are ascending: skip j < i (and j = i unless the shift is positive)
                            int lo = q, hi = qe;
                            while (lo < hi) {
                                int mid = (lo + hi) >>> 1;
                                if (bAtoms[mid] < i) lo = mid + 1; else hi = mid;
                            }
                            q = lo;
                            if (q < qe && bAtoms[q] == i && !positiveShift) q++;
                        }
                        for (; q < qe; q++) {
                            int j = bAtoms[q];
                            if (j == i && zeroShift) continue;
                            double dx = bp[3 * q] + sx - xi, dy = bp[3 * q + 1] + sy - yi, dz = bp[3 * q + 2] + sz - zi;
                            if (dx * dx + dy * dy + dz * dz < rc2) {
                                if (count == nbrL.length) {
                                    int nc = nbrL.length * 2;
                                    nbrL = Arrays.copyOf(nbrL, nc);
                                    shiftL = Arrays.copyOf(shiftL, nc);
                                }
                                nbrL[count] = j;
                                shiftL[count] = sIndex;
                                count++;
                            }
                        }
                    }
                }
            }
        }
        nbr = nbrL;
        shiftIdx = shiftL;
        offsets[n] = count;
        pairs = count;
        if (posAtBuild.length < 3 * n) posAtBuild = new double[3 * Math.max(n, 16)];
        System.arraycopy(p, 0, posAtBuild, 0, 3 * n);
        cellAtBuild = h;
        builds++;
    }

    /** Recomputes the image shift vectors for the given (possibly deformed) cell. */
    public void refreshShifts(Cell cell) {
        double[] h = cell.matrix();
        int wa = 2 * ta0 + 1, wb = 2 * tb0 + 1, wc = 2 * tc0 + 1;
        int s = 0;
        for (int a = 0; a < wa; a++) {
            for (int b = 0; b < wb; b++) {
                for (int c = 0; c < wc; c++) {
                    double ia = a - ta0, ib = b - tb0, ic = c - tc0;
                    shiftVec[3 * s] = ia * h[0] + ib * h[3] + ic * h[6];
                    shiftVec[3 * s + 1] = ia * h[1] + ib * h[4] + ic * h[7];
                    shiftVec[3 * s + 2] = ia * h[2] + ib * h[5] + ic * h[8];
                    s++;
                }
            }
        }
    }
}
