package org.scalebridge.continuum;

/**
 * Linear solver for the BDF iteration matrix of a system with {@link LocalBlocks}: each block D_b is factorised on
 * its own, z_b = D_b⁻¹ c_b (c_b = the block's column of the hinge) is stored, the Schur complement
 * S = A − Σ_b e_h b_bᵀ z_b e_hᵀ (only hinge diagonals change) is factorised as a band over the outer variables,
 * and a solve is w_b = D_b⁻¹ r_b, S x = r − Σ B w, p_b = w_b − z_b x_h. No allocation after construction.
 */
final class ArrowSolver {
    private final int n, nb;
    private final int[] start, size, hinge, outerIndex, outerVars;
    private final int[] owner; // block of each variable (−1: outer), so assembly needs no search
    private final BandedLU outer;
    private final BandedLU[] blocks;
    private final double[][] z, brow, ccol, w;
    private final double[] ro;
    // tridiagonal blocks (Fickian particles): sub-, main and super-diagonal, factorised without pivoting when every
    // pivot stays ≥ 1/8 of its row's off-diagonal sum (diagonally dominant, as α0·M − J of a diffusion block is);
    // otherwise the block falls back to the pivoting band LU for that factorisation
    private final boolean[] tri, triOk;
    private final double[][] lo, di, up;

    /** Builds from the column pattern; returns null if the pattern does not have the declared structure. */
    static ArrowSolver create(LocalBlocks lb, int n, int[] colPtr, int[] colRows) {
        int nb = lb.blockCount();
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        for (int b = 0; b < nb; b++) for (int k = 0; k < lb.blockSize(b); k++) owner[lb.blockStart(b) + k] = b;
        int[] bkl = new int[nb], bku = new int[nb];
        int okl = 0, oku = 0;
        int[] outerIndex = new int[n];
        int no = 0;
        for (int i = 0; i < n; i++) outerIndex[i] = owner[i] < 0 ? no++ : -1;
        for (int c = 0; c < n; c++) {
            for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                int r = colRows[k];
                int bc = owner[c], br = owner[r];
                if (bc >= 0) {
                    if (br == bc) { bkl[bc] = Math.max(bkl[bc], r - c); bku[bc] = Math.max(bku[bc], c - r); }
                    else if (r != lb.blockHinge(bc)) return null;
                } else if (br >= 0) {
                    if (c != lb.blockHinge(br)) return null;
                } else {
                    int oc = outerIndex[c], or = outerIndex[r];
                    okl = Math.max(okl, or - oc); oku = Math.max(oku, oc - or);
                }
            }
        }
        return new ArrowSolver(lb, n, no, outerIndex, owner, okl, oku, bkl, bku);
    }

    private ArrowSolver(LocalBlocks lb, int n, int no, int[] outerIndex, int[] owner, int okl, int oku, int[] bkl, int[] bku) {
        this.n = n; this.nb = lb.blockCount();
        this.owner = owner;
        this.outerIndex = outerIndex;
        outerVars = new int[no];
        for (int i = 0; i < n; i++) if (outerIndex[i] >= 0) outerVars[outerIndex[i]] = i;
        start = new int[nb]; size = new int[nb]; hinge = new int[nb];
        blocks = new BandedLU[nb]; z = new double[nb][]; brow = new double[nb][]; ccol = new double[nb][]; w = new double[nb][];
        for (int b = 0; b < nb; b++) {
            start[b] = lb.blockStart(b); size[b] = lb.blockSize(b); hinge[b] = lb.blockHinge(b);
            blocks[b] = new BandedLU(size[b], Math.max(bkl[b], 1), Math.max(bku[b], 1));
            z[b] = new double[size[b]]; brow[b] = new double[size[b]]; ccol[b] = new double[size[b]]; w[b] = new double[size[b]];
        }
        outer = new BandedLU(no, Math.max(okl, 1), Math.max(oku, 1));
        ro = new double[no];
        tri = new boolean[nb]; triOk = new boolean[nb]; lo = new double[nb][]; di = new double[nb][]; up = new double[nb][];
        for (int b = 0; b < nb; b++) if (bkl[b] <= 1 && bku[b] <= 1 && size[b] >= 2) {
            tri[b] = true; lo[b] = new double[size[b]]; di[b] = new double[size[b]]; up[b] = new double[size[b]];
        }
    }

    /** Entry source: the iteration matrix G(r, c) for the pattern entries. */
    interface Matrix { double get(int r, int c); }

    /** Assembles and factorises; pattern given as CSR columns. */
    boolean factor(Matrix g, int[] colPtr, int[] colRows) {
        outer.clear();
        for (int b = 0; b < nb; b++) {
            blocks[b].clear(); java.util.Arrays.fill(brow[b], 0); java.util.Arrays.fill(ccol[b], 0);
            if (tri[b]) { java.util.Arrays.fill(lo[b], 0); java.util.Arrays.fill(di[b], 0); java.util.Arrays.fill(up[b], 0); }
        }
        for (int c = 0; c < n; c++) {
            int oc = outerIndex[c];
            for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                int r = colRows[k];
                double v = g.get(r, c);
                int or = outerIndex[r];
                if (oc >= 0 && or >= 0) outer.set(or, oc, v);
                else if (oc < 0) {
                    int b = owner[c];
                    if (or < 0) {
                        int i = r - start[b], kc = c - start[b];
                        blocks[b].set(i, kc, v);
                        if (tri[b]) { if (i == kc) di[b][i] = v; else if (i == kc + 1) lo[b][i] = v; else up[b][i] = v; }
                    }
                    else brow[b][c - start[b]] = v; // hinge row
                } else {
                    int b = owner[r];
                    ccol[b][r - start[b]] = v; // hinge column
                }
            }
        }
        for (int b = 0; b < nb; b++) {
            triOk[b] = tri[b] && factorTri(b);
            if (!triOk[b] && !blocks[b].factor()) return false;
            double[] zb = z[b];
            System.arraycopy(ccol[b], 0, zb, 0, zb.length);
            solveBlock(b, zb);
            double s = 0;
            for (int k = 0; k < zb.length; k++) s += brow[b][k] * zb[k];
            int oh = outerIndex[hinge[b]];
            outer.add(oh, oh, -s);
        }
        return outer.factor();
    }

    /** Thomas LU in place: di ← reciprocal pivots 1/u_i, lo ← multipliers l_i = a_i/u_{i−1}; false if a pivot is too small. */
    private boolean factorTri(int b) {
        double[] l = lo[b], d = di[b], u = up[b];
        int m = size[b];
        for (int i = 0; i < m; i++) {
            if (i > 0) { l[i] /= d[i - 1]; d[i] -= l[i] * u[i - 1]; }
            double off = (i > 0 ? Math.abs(l[i] * d[i - 1]) : 0) + (i < m - 1 ? Math.abs(u[i]) : 0);
            if (!(Math.abs(d[i]) * 8 >= off) || d[i] == 0) return false;
        }
        for (int i = 0; i < m; i++) d[i] = 1.0 / d[i]; // the solve multiplies by the reciprocal pivots
        return true;
    }

    private void solveBlock(int b, double[] v) {
        if (!triOk[b]) { blocks[b].solve(v); return; }
        double[] l = lo[b], d = di[b], u = up[b];
        int m = v.length;
        for (int i = 1; i < m; i++) v[i] -= l[i] * v[i - 1];
        v[m - 1] *= d[m - 1];
        for (int i = m - 2; i >= 0; i--) v[i] = (v[i] - u[i] * v[i + 1]) * d[i];
    }

    void solve(double[] x) {
        for (int i = 0; i < ro.length; i++) ro[i] = x[outerVars[i]];
        for (int b = 0; b < nb; b++) {
            double[] wb = w[b];
            System.arraycopy(x, start[b], wb, 0, wb.length);
            solveBlock(b, wb);
            double s = 0;
            for (int k = 0; k < wb.length; k++) s += brow[b][k] * wb[k];
            ro[outerIndex[hinge[b]]] -= s;
        }
        outer.solve(ro);
        for (int i = 0; i < ro.length; i++) x[outerVars[i]] = ro[i];
        for (int b = 0; b < nb; b++) {
            double xh = x[hinge[b]];
            double[] wb = w[b], zb = z[b];
            for (int k = 0; k < wb.length; k++) x[start[b] + k] = wb[k] - zb[k] * xh;
        }
    }
}
