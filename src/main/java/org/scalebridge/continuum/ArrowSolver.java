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
    /**
     * First block-local column of each block's hinge row in the pattern (the kinetics row reads only the surface
     * nodes): the products b_bᵀ w start there. The entries before it are structural zeros, whose terms would add
     * exact zeros to a sum that starts at +0, so the result has the same bits — without a 50-term dependent chain of
     * additions per block and solve.
     */
    private final int[] browFrom;
    private final double[] schur; // b_bᵀ z_b per block, kept so that a partial refactorisation reuses the others'
    // tridiagonal blocks (Fickian particles): sub-, main and super-diagonal, factorised without pivoting when every
    // pivot stays ≥ 1/8 of its row's off-diagonal sum (diagonally dominant, as α0·M − J of a diffusion block is);
    // otherwise the block falls back to the pivoting band LU for that factorisation
    private final boolean[] tri, triOk;
    private final double[][] lo, di, up, loB, diB, upB; // *B: as assembled, the others factorised
    private final double[] outerBase;
    private final double[][] blockBase; // assembled band of each block that is neither tri- nor five-diagonal
    // five-diagonal blocks (Cahn–Hilliard particles): diagonals (i, i−2), (i, i−1), (i, i), (i, i+1), (i, i+2),
    // factorised without row exchanges when every multiplier stays ≤ 8 in magnitude (threshold pivoting that keeps the
    // diagonal, accepted far more often than dominance would be: α0·M − J of the fourth-order operator is not
    // diagonally dominant); otherwise that factorisation falls back to the pivoting band LU. pa* hold the assembled
    // entries, pf* the factors.
    private final boolean[] penta, pentaOk;
    private final double[][] pa2, pa1, pa0, pp1, pp2, pf2, pf1, pf0, pg1, pg2;

    /** Builds from the column pattern; returns null if the pattern does not have the declared structure. */
    static ArrowSolver create(LocalBlocks lb, int n, int[] colPtr, int[] colRows) {
        int nb = lb.blockCount();
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        for (int b = 0; b < nb; b++) for (int k = 0; k < lb.blockSize(b); k++) owner[lb.blockStart(b) + k] = b;
        int[] bkl = new int[nb], bku = new int[nb], browFrom = new int[nb];
        for (int b = 0; b < nb; b++) browFrom[b] = lb.blockSize(b);
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
                    else browFrom[bc] = Math.min(browFrom[bc], c - lb.blockStart(bc));
                } else if (br >= 0) {
                    if (c != lb.blockHinge(br)) return null;
                } else {
                    int oc = outerIndex[c], or = outerIndex[r];
                    okl = Math.max(okl, or - oc); oku = Math.max(oku, oc - or);
                }
            }
        }
        return new ArrowSolver(lb, n, no, outerIndex, owner, okl, oku, bkl, bku, browFrom);
    }

    private ArrowSolver(LocalBlocks lb, int n, int no, int[] outerIndex, int[] owner, int okl, int oku, int[] bkl, int[] bku,
                        int[] browFrom) {
        this.n = n; this.nb = lb.blockCount();
        this.browFrom = browFrom;
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
        schur = new double[nb];
        outerBase = new double[outer.storageLength()];
        tri = new boolean[nb]; triOk = new boolean[nb]; lo = new double[nb][]; di = new double[nb][]; up = new double[nb][];
        loB = new double[nb][]; diB = new double[nb][]; upB = new double[nb][];
        for (int b = 0; b < nb; b++) if (bkl[b] <= 1 && bku[b] <= 1 && size[b] >= 2) {
            tri[b] = true; lo[b] = new double[size[b]]; di[b] = new double[size[b]]; up[b] = new double[size[b]];
            loB[b] = new double[size[b]]; diB[b] = new double[size[b]]; upB[b] = new double[size[b]];
        }
        penta = new boolean[nb]; pentaOk = new boolean[nb];
        pa2 = new double[nb][]; pa1 = new double[nb][]; pa0 = new double[nb][]; pp1 = new double[nb][]; pp2 = new double[nb][];
        pf2 = new double[nb][]; pf1 = new double[nb][]; pf0 = new double[nb][]; pg1 = new double[nb][]; pg2 = new double[nb][];
        for (int b = 0; b < nb; b++) if (!tri[b] && bkl[b] <= 2 && bku[b] <= 2 && size[b] >= 3) {
            int m = size[b];
            penta[b] = true;
            pa2[b] = new double[m]; pa1[b] = new double[m]; pa0[b] = new double[m]; pp1[b] = new double[m]; pp2[b] = new double[m];
            pf2[b] = new double[m]; pf1[b] = new double[m]; pf0[b] = new double[m]; pg1[b] = new double[m]; pg2[b] = new double[m];
        }
        blockBase = new double[nb][];
        for (int b = 0; b < nb; b++) if (!tri[b] && !penta[b]) blockBase[b] = new double[blocks[b].storageLength()];
    }

    /** Entry source: the matrix entry G(r, c) at pattern position k (the index into the CSC rows). */
    interface Matrix { double get(int k, int r, int c); }

    /** Assembles and factorises; pattern given as CSR columns. */
    boolean factor(Matrix g, int[] colPtr, int[] colRows) {
        assemble(g, colPtr, colRows);
        return factorAssembled(0, null);
    }

    /**
     * Scatters the pattern entries of g into the block, hinge and outer storage, kept unfactorised so that
     * {@link #factorAssembled} can refactorise after a change of the diagonal alone: the BDF iteration matrix
     * α0·M − ∂f/∂y changes with α0 far more often than ∂f/∂y does (MnFePBA 0.1C: 26,000 factorisations, 7,400
     * Jacobians), and the scatter was half of a factorisation's cost.
     */
    void assemble(Matrix g, int[] colPtr, int[] colRows) {
        outer.clear();
        for (int b = 0; b < nb; b++) clearBlock(b);
        for (int c = 0; c < n; c++) {
            int oc = outerIndex[c];
            for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                int r = colRows[k];
                double v = g.get(k, r, c);
                int or = outerIndex[r];
                if (oc >= 0 && or >= 0) outer.set(or, oc, v);
                else if (oc < 0) {
                    int b = owner[c];
                    if (or < 0) placeBlockEntry(b, r - start[b], c - start[b], v);
                    else brow[b][c - start[b]] = v; // hinge row
                } else {
                    int b = owner[r];
                    ccol[b][r - start[b]] = v; // hinge column
                }
            }
        }
        outer.saveTo(outerBase);
        for (int b = 0; b < nb; b++) if (!penta[b] && !tri[b]) blocks[b].saveTo(blockBase[b]);
    }

    /** Zeroes block b's assembled entries and its hinge row and column. */
    private void clearBlock(int b) {
        java.util.Arrays.fill(brow[b], 0); java.util.Arrays.fill(ccol[b], 0);
        if (penta[b]) { // (the band LU is filled only if the fast factorisation is refused)
            java.util.Arrays.fill(pa2[b], 0); java.util.Arrays.fill(pa1[b], 0); java.util.Arrays.fill(pa0[b], 0);
            java.util.Arrays.fill(pp1[b], 0); java.util.Arrays.fill(pp2[b], 0);
        } else if (tri[b]) { java.util.Arrays.fill(loB[b], 0); java.util.Arrays.fill(diB[b], 0); java.util.Arrays.fill(upB[b], 0); }
        else blocks[b].clear();
    }

    /** Stores the assembled entry (i, kc) of block b (block-local row and column). */
    private void placeBlockEntry(int b, int i, int kc, double v) {
        if (penta[b]) {
            switch (kc - i) {
                case -2 -> pa2[b][i] = v;
                case -1 -> pa1[b][i] = v;
                case 0 -> pa0[b][i] = v;
                case 1 -> pp1[b][i] = v;
                default -> pp2[b][i] = v;
            }
        } else if (tri[b]) { if (i == kc) diB[b][i] = v; else if (i == kc + 1) loB[b][i] = v; else upB[b][i] = v; }
        else blocks[b].set(i, kc, v);
    }

    /**
     * Re-scatters the entries of block b alone (its own columns, its hinge-row entries and its rows of the hinge
     * column) after the caller refreshed them in g; the rest of the assembly is kept. Then {@link #refactorBlocks}
     * (or {@link #factorAssembled}).
     */
    void assembleBlock(int b, Matrix g, int[] colPtr, int[] colRows) {
        int s0 = start[b], m = size[b];
        clearBlock(b);
        for (int c = s0; c < s0 + m; c++) {
            for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                int r = colRows[k];
                double v = g.get(k, r, c);
                if (owner[r] == b) placeBlockEntry(b, r - s0, c - s0, v);
                else brow[b][c - s0] = v; // the hinge row, the only other row of a block column
            }
        }
        int h = hinge[b];
        for (int k = colPtr[h]; k < colPtr[h + 1]; k++) {
            int r = colRows[k];
            if (owner[r] == b) ccol[b][r - s0] = g.get(k, r, h);
        }
        if (!penta[b] && !tri[b]) blocks[b].saveTo(blockBase[b]);
    }

    /**
     * Factorises the assembled matrix plus a0·diag(mass) (mass null: as assembled). The diagonal is added to the
     * assembled entry exactly as an assembly of the sum would have formed it, so the factors are the same bits.
     */
    boolean factorAssembled(double a0, double[] mass) {
        for (int b = 0; b < nb; b++) if (!factorBlock(b, a0, mass)) return false;
        return factorOuter(a0, mass);
    }

    /**
     * Refactorises the blocks marked in {@code which} (after {@link #assembleBlock}) at the α0 of the last
     * factorisation, keeping the others' factors and Schur terms, then the outer band: the result is the same
     * as a full {@link #factorAssembled} with that α0.
     */
    boolean refactorBlocks(boolean[] which, double a0, double[] mass) {
        for (int b = 0; b < nb; b++) if (which[b] && !factorBlock(b, a0, mass)) return false;
        return factorOuter(a0, mass);
    }

    /** Factorises block b (its diagonal plus a0·mass), z_b = D_b⁻¹ c_b, and its Schur term b_bᵀ z_b; false: singular. */
    private boolean factorBlock(int b, double a0, double[] mass) {
        int s0 = start[b], m = size[b];
        if (penta[b]) {
            pentaOk[b] = factorPenta(b, a0, mass);
            if (!pentaOk[b]) { // refused: the pivoting band LU from the assembled diagonals
                BandedLU lu = blocks[b];
                lu.clear();
                for (int i = 0; i < m; i++) {
                    if (i >= 2) lu.set(i, i - 2, pa2[b][i]);
                    if (i >= 1) lu.set(i, i - 1, pa1[b][i]);
                    lu.set(i, i, mass == null ? pa0[b][i] : pa0[b][i] + a0 * mass[s0 + i]);
                    if (i + 1 < m) lu.set(i, i + 1, pp1[b][i]);
                    if (i + 2 < m) lu.set(i, i + 2, pp2[b][i]);
                }
            }
        } else if (tri[b]) {
            System.arraycopy(loB[b], 0, lo[b], 0, m); System.arraycopy(upB[b], 0, up[b], 0, m);
            double[] d = di[b], d0 = diB[b];
            if (mass == null) System.arraycopy(d0, 0, d, 0, m);
            else for (int i = 0; i < m; i++) d[i] = d0[i] + a0 * mass[s0 + i];
            triOk[b] = factorTri(b);
            if (!triOk[b]) { // refused: the pivoting band LU
                BandedLU lu = blocks[b];
                lu.clear();
                for (int i = 0; i < m; i++) {
                    if (i >= 1) lu.set(i, i - 1, loB[b][i]);
                    lu.set(i, i, mass == null ? d0[i] : d0[i] + a0 * mass[s0 + i]);
                    if (i + 1 < m) lu.set(i, i + 1, upB[b][i]);
                }
            }
        } else {
            blocks[b].loadFrom(blockBase[b]);
            if (mass != null) for (int i = 0; i < m; i++) blocks[b].add(i, i, a0 * mass[s0 + i]);
        }
        if (!triOk[b] && !pentaOk[b] && !blocks[b].factor()) return false;
        double[] zb = z[b];
        System.arraycopy(ccol[b], 0, zb, 0, zb.length);
        solveBlock(b, zb);
        double s = 0;
        for (int k = browFrom[b]; k < zb.length; k++) s += brow[b][k] * zb[k];
        schur[b] = s;
        return true;
    }

    /** The outer band plus a0·mass minus the blocks' Schur terms (in block order), factorised. */
    private boolean factorOuter(double a0, double[] mass) {
        outer.loadFrom(outerBase);
        if (mass != null) for (int o = 0; o < outerVars.length; o++) outer.add(o, o, a0 * mass[outerVars[o]]);
        for (int b = 0; b < nb; b++) outer.add(outerIndex[hinge[b]], outerIndex[hinge[b]], -schur[b]);
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

    /**
     * LU of a five-diagonal block without row exchanges (Doolittle, in place in the pf and pg arrays); false when a multiplier
     * exceeds 8 in magnitude or a pivot is zero or not finite (the caller then pivots).
     */
    private boolean factorPenta(int b, double a0, double[] mass) {
        int m = size[b];
        double[] l2 = pf2[b], l1 = pf1[b], d = pf0[b], u1 = pg1[b], u2 = pg2[b];
        System.arraycopy(pa2[b], 0, l2, 0, m); System.arraycopy(pa1[b], 0, l1, 0, m);
        if (mass == null) System.arraycopy(pa0[b], 0, d, 0, m);
        else { double[] d0 = pa0[b]; int s0 = start[b]; for (int i = 0; i < m; i++) d[i] = d0[i] + a0 * mass[s0 + i]; }
        System.arraycopy(pp1[b], 0, u1, 0, m); System.arraycopy(pp2[b], 0, u2, 0, m);
        for (int i = 0; i < m; i++) {
            if (i >= 2) { // eliminate (i, i−2) with row i−2
                double l = l2[i] * d[i - 2];
                if (!(Math.abs(l) <= 8)) return false;
                l2[i] = l; l1[i] -= l * u1[i - 2]; d[i] -= l * u2[i - 2];
            }
            if (i >= 1) { // eliminate (i, i−1) with row i−1
                double l = l1[i] * d[i - 1];
                if (!(Math.abs(l) <= 8)) return false;
                l1[i] = l; d[i] -= l * u1[i - 1]; u1[i] -= l * u2[i - 1];
            }
            if (d[i] == 0 || !Double.isFinite(d[i])) return false;
            d[i] = 1.0 / d[i]; // reciprocal pivots: the elimination above and the solve multiply by them
        }
        return true;
    }

    /** Five-diagonal blocks of the last {@link #factor} that needed row exchanges (for tests and diagnostics). */
    int pivotedFiveDiagonalBlocks() {
        int k = 0;
        for (int b = 0; b < nb; b++) if (penta[b] && !pentaOk[b]) k++;
        return k;
    }

    /**
     * {@link #solveBlock} of two five-diagonal blocks of equal size, interleaved: each substitution is one chain of
     * dependent multiply–adds, and two independent chains run in the time of one (the same operations per block, so
     * the same bits). The previous entries are carried in locals rather than re-read from the array.
     */
    private void solvePentaPair(int b, int c) {
        double[] va = w[b], la2 = pf2[b], la1 = pf1[b], da = pf0[b], ua1 = pg1[b], ua2 = pg2[b];
        double[] vb = w[c], lb2 = pf2[c], lb1 = pf1[c], db = pf0[c], ub1 = pg1[c], ub2 = pg2[c];
        int m = va.length;
        double a2 = va[0], a1 = va[1] - la1[1] * a2, b2 = vb[0], b1 = vb[1] - lb1[1] * b2;
        va[1] = a1; vb[1] = b1;
        for (int i = 2; i < m; i++) {
            double ai = va[i] - (la1[i] * a1 + la2[i] * a2), bi = vb[i] - (lb1[i] * b1 + lb2[i] * b2);
            va[i] = ai; vb[i] = bi;
            a2 = a1; a1 = ai; b2 = b1; b1 = bi;
        }
        a2 = va[m - 1] * da[m - 1]; b2 = vb[m - 1] * db[m - 1];
        a1 = (va[m - 2] - ua1[m - 2] * a2) * da[m - 2]; b1 = (vb[m - 2] - ub1[m - 2] * b2) * db[m - 2];
        va[m - 1] = a2; vb[m - 1] = b2; va[m - 2] = a1; vb[m - 2] = b1;
        for (int i = m - 3; i >= 0; i--) {
            double ai = (va[i] - ua1[i] * a1 - ua2[i] * a2) * da[i], bi = (vb[i] - ub1[i] * b1 - ub2[i] * b2) * db[i];
            va[i] = ai; vb[i] = bi;
            a2 = a1; a1 = ai; b2 = b1; b1 = bi;
        }
    }

    /** {@link #solveBlock} of two tridiagonal blocks of equal size, interleaved as in {@link #solvePentaPair}. */
    private void solveTriPair(int b, int c) {
        double[] va = w[b], la = lo[b], da = di[b], ua = up[b], vb = w[c], lb = lo[c], db = di[c], ub = up[c];
        int m = va.length;
        double a = va[0], bb = vb[0];
        for (int i = 1; i < m; i++) {
            a = va[i] - la[i] * a; bb = vb[i] - lb[i] * bb;
            va[i] = a; vb[i] = bb;
        }
        a = va[m - 1] * da[m - 1]; bb = vb[m - 1] * db[m - 1];
        va[m - 1] = a; vb[m - 1] = bb;
        for (int i = m - 2; i >= 0; i--) {
            a = (va[i] - ua[i] * a) * da[i]; bb = (vb[i] - ub[i] * bb) * db[i];
            va[i] = a; vb[i] = bb;
        }
    }

    private void solveBlock(int b, double[] v) {
        if (pentaOk[b]) {
            double[] l2 = pf2[b], l1 = pf1[b], d = pf0[b], u1 = pg1[b], u2 = pg2[b];
            int m = v.length;
            v[1] -= l1[1] * v[0];
            for (int i = 2; i < m; i++) v[i] -= l1[i] * v[i - 1] + l2[i] * v[i - 2];
            v[m - 1] *= d[m - 1];
            v[m - 2] = (v[m - 2] - u1[m - 2] * v[m - 1]) * d[m - 2];
            for (int i = m - 3; i >= 0; i--) v[i] = (v[i] - u1[i] * v[i + 1] - u2[i] * v[i + 2]) * d[i];
            return;
        }
        if (!triOk[b]) { blocks[b].solve(v); return; }
        double[] l = lo[b], d = di[b], u = up[b];
        int m = v.length;
        for (int i = 1; i < m; i++) v[i] -= l[i] * v[i - 1];
        v[m - 1] *= d[m - 1];
        for (int i = m - 2; i >= 0; i--) v[i] = (v[i] - u[i] * v[i + 1]) * d[i];
    }

    void solve(double[] x) {
        for (int i = 0; i < ro.length; i++) ro[i] = x[outerVars[i]];
        for (int b = 0; b < nb; b++) System.arraycopy(x, start[b], w[b], 0, size[b]);
        for (int b = 0; b < nb; b++) {
            if (b + 1 < nb && pentaOk[b] && pentaOk[b + 1] && size[b] == size[b + 1]) { solvePentaPair(b, b + 1); b++; }
            else if (b + 1 < nb && triOk[b] && triOk[b + 1] && size[b] == size[b + 1]) { solveTriPair(b, b + 1); b++; }
            else solveBlock(b, w[b]);
        }
        for (int b = 0; b < nb; b++) {
            double[] wb = w[b];
            double s = 0;
            for (int k = browFrom[b]; k < wb.length; k++) s += brow[b][k] * wb[k];
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
