package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ArrowSolver} against a dense Gaussian elimination with partial pivoting, on an arrow system with tridiagonal
 * (Fickian-like) and five-diagonal (Cahn–Hilliard-like) blocks: the five-diagonal blocks take the unpivoted path when
 * every multiplier stays ≤ 8 and fall back to the pivoting band LU otherwise (a block with a tiny leading pivot);
 * both must give the dense solution to round-off (1e-10 relative: the systems are built well conditioned).
 */
class ArrowSolverTest {
    /** Outer chain of 3 variables per block (c, φ, j = hinge) plus one closing variable; blocks hang on the hinges. */
    static final class Layout implements LocalBlocks {
        final int[] start, size, hinge;
        final int n;
        Layout(int[] sizes) {
            int nb = sizes.length;
            start = new int[nb]; size = sizes.clone(); hinge = new int[nb];
            int o = 0;
            for (int b = 0; b < nb; b++) { hinge[b] = o + 2; start[b] = o + 3; o += 3 + sizes[b]; }
            n = o + 1;
        }
        @Override public int blockCount() { return start.length; }
        @Override public int blockStart(int b) { return start[b]; }
        @Override public int blockSize(int b) { return size[b]; }
        @Override public int blockHinge(int b) { return hinge[b]; }
    }

    private static double[][] matrix(Layout l, int[] bw, boolean tinyPivot, SplittableRandom rnd) {
        int n = l.n;
        double[][] a = new double[n][n];
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        for (int b = 0; b < l.blockCount(); b++) for (int k = 0; k < l.size[b]; k++) owner[l.start[b] + k] = b;
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) {
            int br = owner[r], bc = owner[c];
            boolean nz;
            if (br >= 0 && bc >= 0) nz = br == bc && Math.abs(r - c) <= bw[br];
            else if (br >= 0) nz = c == l.hinge[br] && r == l.start[br] + l.size[br] - 1; // last node ← hinge
            else if (bc >= 0) nz = r == l.hinge[bc] && c >= l.start[bc] + l.size[bc] - 2; // hinge ← surface nodes
            else nz = Math.abs(outerPos(l, owner, r) - outerPos(l, owner, c)) <= 3;
            if (!nz) continue;
            a[r][c] = r == c ? 0 : rnd.nextDouble() - 0.5;
        }
        for (int r = 0; r < n; r++) { // a fourth-order-like stencil in the five-diagonal blocks, dominant diagonals elsewhere
            int b = owner[r];
            if (b >= 0 && bw[b] == 2) {
                int i = r - l.start[b];
                a[r][r] = 6 + rnd.nextDouble();
                if (i >= 1) a[r][r - 1] = -4; if (i + 1 < l.size[b]) a[r][r + 1] = -4;
                if (i >= 2) a[r][r - 2] = 1; if (i + 2 < l.size[b]) a[r][r + 2] = 1;
                if (tinyPivot && b == firstFiveDiagonal(bw) && i == 0) a[r][r] = 1e-3; // forces row exchanges in that block
            } else {
                double s = 0;
                for (int c = 0; c < n; c++) if (c != r) s += Math.abs(a[r][c]);
                a[r][r] = s + 1;
            }
        }
        return a;
    }

    private static int firstFiveDiagonal(int[] bw) {
        int b = 0;
        while (bw[b] != 2) b++;
        return b;
    }

    private static int outerPos(Layout l, int[] owner, int v) {
        int p = 0;
        for (int i = 0; i < v; i++) if (owner[i] < 0) p++;
        return p;
    }

    private static double[] dense(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        double[] b = b0.clone();
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
            double[] t = a[k]; a[k] = a[p]; a[p] = t;
            double tb = b[k]; b[k] = b[p]; b[p] = tb;
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] / a[k][k];
                if (f == 0) continue;
                for (int j = k; j < n; j++) a[i][j] -= f * a[k][j];
                b[i] -= f * b[k];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) s -= a[i][j] * b[j];
            b[i] = s / a[i][i];
        }
        return b;
    }

    /** Column pattern (CSC) of the non-zeros of a, with every diagonal entry if asked; fills colPtr, returns the rows. */
    private static int[] pattern(double[][] a, boolean withDiagonal, int[] colPtr) {
        int n = a.length;
        java.util.List<Integer> rows = new java.util.ArrayList<>();
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < n; r++) if (a[r][c] != 0 || withDiagonal && r == c) rows.add(r);
            colPtr[c + 1] = rows.size();
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void check(boolean tinyPivot) {
        SplittableRandom rnd = new SplittableRandom(tinyPivot ? 3 : 2);
        // equal neighbours of each kind: the solve takes them in interleaved pairs (one pair pivoted with a tiny pivot)
        Layout l = new Layout(new int[]{6, 6, 12, 12, 5});
        int[] bw = {1, 1, 2, 2, 1};
        double[][] a = matrix(l, bw, tinyPivot, rnd);
        int n = l.n;
        int[] colPtr = new int[n + 1], colRows = pattern(a, false, colPtr);
        ArrowSolver s = ArrowSolver.create(l, n, colPtr, colRows);
        assertNotNull(s, "arrow structure recognised");
        assertTrue(s.factor((k, r, c) -> a[r][c], colPtr, colRows));
        assertEquals(tinyPivot ? 1 : 0, s.pivotedFiveDiagonalBlocks(), "five-diagonal blocks that needed row exchanges");
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = rnd.nextDouble() - 0.5;
        double[] x = b.clone();
        s.solve(x);
        double[] ref = dense(a, b);
        double scale = 0;
        for (double v : ref) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < n; i++) assertEquals(ref[i], x[i], 1e-10 * scale, "x[" + i + "] tiny pivot " + tinyPivot);
    }

    /**
     * The BDF path: −J assembled once, factorised with a0·M added to the diagonal, then one block's entries changed and
     * that block alone re-assembled and refactorised. Every solve must equal, bit for bit, a fresh solver that assembled
     * the sum (the partial path forms each factor with the same operations), and the dense solution to round-off.
     */
    @Test
    void partialRefactorisationOfOneBlockEqualsAFullOne() {
        SplittableRandom rnd = new SplittableRandom(5);
        Layout l = new Layout(new int[]{6, 12, 12, 5});
        int[] bw = {1, 2, 2, 1};
        double[][] a = matrix(l, bw, false, rnd);
        int n = l.n;
        int[] colPtr = new int[n + 1], colRows = pattern(a, true, colPtr);
        double[] mass = new double[n];
        for (int b = 0; b < l.blockCount(); b++) for (int k = 0; k < l.size[b]; k++) mass[l.start[b] + k] = 1.0;
        for (int r = 0; r < n; r += 3) if (mass[r] == 0) mass[r] = 0.5; // some outer variables are differential too
        double a0 = 0.75;
        ArrowSolver s = ArrowSolver.create(l, n, colPtr, colRows);
        assertNotNull(s);
        s.assemble((k, r, c) -> a[r][c], colPtr, colRows);
        assertTrue(s.factorAssembled(a0, mass));
        // change block 2 (five-diagonal), its hinge-row entries and its rows of the hinge column
        int blk = 2;
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) {
            boolean inBlock = r >= l.start[blk] && r < l.start[blk] + l.size[blk], colInBlock = c >= l.start[blk] && c < l.start[blk] + l.size[blk];
            if (a[r][c] != 0 && r != c && (inBlock && (colInBlock || c == l.hinge[blk]) || r == l.hinge[blk] && colInBlock)) a[r][c] *= 1.1;
            if (r == c && inBlock) a[r][c] += 0.3;
        }
        s.assembleBlock(blk, (k, r, c) -> a[r][c], colPtr, colRows);
        boolean[] which = new boolean[l.blockCount()];
        which[blk] = true;
        assertTrue(s.refactorBlocks(which, a0, mass));
        ArrowSolver full = ArrowSolver.create(l, n, colPtr, colRows);
        full.assemble((k, r, c) -> a[r][c], colPtr, colRows);
        assertTrue(full.factorAssembled(a0, mass));
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = rnd.nextDouble() - 0.5;
        double[] x = b.clone(), y = b.clone();
        s.solve(x);
        full.solve(y);
        assertArrayEquals(y, x, 0.0, "partial and full refactorisation give the same bits");
        double[][] g = new double[n][];
        for (int r = 0; r < n; r++) { g[r] = a[r].clone(); g[r][r] += a0 * mass[r]; }
        double[] ref = dense(g, b);
        double scale = 0;
        for (double v : ref) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < n; i++) assertEquals(ref[i], x[i], 1e-10 * scale, "x[" + i + "]");
    }

    @Test
    void fiveDiagonalBlocksWithoutRowExchanges() { check(false); }

    @Test
    void fiveDiagonalBlockFallsBackToPivotingOnATinyPivot() { check(true); }
}
