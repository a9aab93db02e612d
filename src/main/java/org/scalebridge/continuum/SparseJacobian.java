package org.scalebridge.continuum;

import java.util.Arrays;

/**
 * ∂f/∂y of a {@link DaeSystem} on its probed sparsity pattern, as the BDF integrator uses it: the pattern (CSC: the
 * rows of each column), found once by NaN probing; a distance-2 colouring of the columns that are differenced, so a
 * Jacobian costs one residual per colour instead of one per band column; the particle blocks (and their hinge rows)
 * taken from the system's analytic block Jacobians when it offers them ({@link AnalyticBlocks}); and the block
 * (Schur-complement) solver that the pattern admits, if the system declares {@link LocalBlocks}. Values are stored at
 * the pattern entries: {@code values[k]} is ∂f_r/∂y_c for {@code r = colRows[k]}, k in [colPtr[c], colPtr[c + 1]).
 */
final class SparseJacobian {
    final int[] colPtr, colRows;
    final double[] values;
    /** Colours of the differenced columns: colour g holds colorCols[colorPtr[g] .. colorPtr[g + 1]). */
    private final int[] colorPtr, colorCols;
    final int nColors;
    /** Non-null: block columns (and block rows of the hinges) come from the system. */
    final AnalyticBlocks analytic;
    /** Rows (and columns) inside an analytic particle block. */
    private final boolean[] blockRow;
    /** The block solver for this pattern, or null (then a band LU). */
    final ArrowSolver arrow;
    /** Residual evaluations the probing took. */
    final int probeResiduals;
    /** Receives analytic entries. */
    final AnalyticBlocks.Sink sink = this::set;
    /** −∂f/∂y, the form the iteration matrix α0·M − ∂f/∂y is assembled from. */
    final ArrowSolver.Matrix negative = this::negativeEntry;

    private final DaeSystem sys;
    private final int n;
    private final double[] scale;
    private final double[] ypert, fpert, increment; // work

    private SparseJacobian(DaeSystem sys, double[] scale, int[] colPtr, int[] colRows, int[] colorPtr, int[] colorCols,
                           int nColors, AnalyticBlocks analytic, boolean[] blockRow, int probeResiduals) {
        this.sys = sys; this.n = sys.size(); this.scale = scale;
        this.colPtr = colPtr; this.colRows = colRows; this.colorPtr = colorPtr; this.colorCols = colorCols;
        this.nColors = nColors; this.analytic = analytic; this.blockRow = blockRow; this.probeResiduals = probeResiduals;
        values = new double[colRows.length];
        arrow = sys instanceof LocalBlocks ? ArrowSolver.create((LocalBlocks) sys, n, colPtr, colRows) : null;
        ypert = new double[n]; fpert = new double[n]; increment = new double[n];
    }

    /**
     * Finds the structural pattern of ∂f/∂y at (tt, y) by NaN probing with banded column groups (inside one group every
     * row of the band belongs to exactly one column), then colours the columns greedily so that no two columns of a
     * colour share a row. {@code scale} (typical magnitudes) sets the difference increments.
     */
    static SparseJacobian probe(DaeSystem sys, double[] scale, double tt, double[] y) {
        int n = sys.size(), kl = sys.lowerBandwidth(), ku = sys.upperBandwidth();
        int ng = Math.min(kl + ku + 1, n);
        int[][] rowsOf = new int[n][];
        int[] tmp = new int[kl + ku + 1];
        double[] ypert = y.clone(), f = new double[n];
        for (int g = 0; g < ng; g++) {
            for (int c = g; c < n; c += ng) ypert[c] = Double.NaN;
            sys.rhs(tt, ypert, f);
            for (int c = g; c < n; c += ng) {
                int r0 = Math.max(0, c - ku), r1 = Math.min(n - 1, c + kl), k = 0;
                for (int r = r0; r <= r1; r++) if (Double.isNaN(f[r])) tmp[k++] = r;
                rowsOf[c] = Arrays.copyOf(tmp, k);
                if (k == 0 || rowsOf[c][0] > c || rowsOf[c][k - 1] < c) { // keep the diagonal (mass term) in the pattern
                    int[] w = Arrays.copyOf(rowsOf[c], k + 1); w[k] = c; Arrays.sort(w); rowsOf[c] = w;
                }
                ypert[c] = y[c];
            }
        }
        int[] colPtr = new int[n + 1];
        for (int c = 0; c < n; c++) colPtr[c + 1] = colPtr[c] + rowsOf[c].length;
        int[] colRows = new int[colPtr[n]];
        for (int c = 0; c < n; c++) System.arraycopy(rowsOf[c], 0, colRows, colPtr[c], rowsOf[c].length);
        // rows -> columns
        int[] rp = new int[n + 1];
        for (int v : colRows) rp[v + 1]++;
        for (int r = 0; r < n; r++) rp[r + 1] += rp[r];
        int[] rc = new int[colRows.length], fill = rp.clone();
        for (int c = 0; c < n; c++) for (int k = colPtr[c]; k < colPtr[c + 1]; k++) rc[fill[colRows[k]]++] = c;
        AnalyticBlocks analytic = sys instanceof AnalyticBlocks && ((AnalyticBlocks) sys).analyticBlocks() ? (AnalyticBlocks) sys : null;
        boolean[] blockRow = new boolean[n];
        if (analytic != null) for (int b = 0; b < analytic.blockCount(); b++)
            for (int k = 0; k < analytic.blockSize(b); k++) blockRow[analytic.blockStart(b) + k] = true;
        int[] color = new int[n];
        Arrays.fill(color, -1);
        int[] mark = new int[n + 1];
        Arrays.fill(mark, -1);
        int nColors = 0;
        for (int c = 0; c < n; c++) {
            if (blockRow[c]) continue; // analytic block column: not differenced
            for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                int r = colRows[k];
                if (blockRow[r]) continue; // rows of the blocks come from the analytic block Jacobian
                for (int q = rp[r]; q < rp[r + 1]; q++) { int o = rc[q]; if (color[o] >= 0) mark[color[o]] = c; }
            }
            int col = 0;
            while (mark[col] == c) col++;
            color[c] = col;
            nColors = Math.max(nColors, col + 1);
        }
        int[] colorPtr = new int[nColors + 1];
        for (int c = 0; c < n; c++) if (color[c] >= 0) colorPtr[color[c] + 1]++;
        for (int k = 0; k < nColors; k++) colorPtr[k + 1] += colorPtr[k];
        int[] colorCols = new int[colorPtr[nColors]];
        int[] f2 = colorPtr.clone();
        for (int c = 0; c < n; c++) if (color[c] >= 0) colorCols[f2[color[c]]++] = c;
        return new SparseJacobian(sys, scale, colPtr, colRows, colorPtr, colorCols, nColors, analytic, blockRow, ng);
    }

    /** Zeroes the values (a pattern taken up again after another). */
    void clear() { Arrays.fill(values, 0.0); }

    /**
     * Evaluates ∂f/∂y at (tt, y), fy = f(tt, y): forward differences of the coloured columns (of the outer rows only
     * when the blocks are analytic), then the analytic blocks. Returns the residual evaluations it made (outer-row
     * ones, {@link AnalyticBlocks#rhsOuter}, when {@link #analytic} is non-null).
     */
    int evaluate(double tt, double[] y, double[] fy) {
        System.arraycopy(y, 0, ypert, 0, n);
        for (int g = 0; g < nColors; g++) {
            for (int k = colorPtr[g]; k < colorPtr[g + 1]; k++) {
                int c = colorCols[k];
                double d = 1.4901161193847656e-8 * Math.max(Math.abs(y[c]), scale[c]);
                ypert[c] = y[c] + d;
                increment[c] = ypert[c] - y[c];
            }
            if (analytic != null) analytic.rhsOuter(tt, ypert, fpert); else sys.rhs(tt, ypert, fpert);
            for (int k = colorPtr[g]; k < colorPtr[g + 1]; k++) {
                int c = colorCols[k];
                double inv = 1.0 / increment[c];
                for (int q = colPtr[c]; q < colPtr[c + 1]; q++) {
                    int r = colRows[q];
                    if (!blockRow[r]) values[q] = (fpert[r] - fy[r]) * inv;
                }
                ypert[c] = y[c];
            }
        }
        if (analytic != null) for (int b = 0; b < analytic.blockCount(); b++) analytic.blockJacobian(b, tt, y, sink);
        return nColors;
    }

    private double negativeEntry(int k, int r, int c) { return -values[k]; }

    /** Stores an analytic entry; one outside the probed pattern is an error unless it is zero. */
    private void set(int r, int c, double v) {
        for (int k = colPtr[c], e = colPtr[c + 1]; k < e; k++) if (colRows[k] == r) { values[k] = v; return; }
        if (v != 0) throw new IllegalStateException("analytic Jacobian entry (" + r + ", " + c + ") lies outside the probed sparsity pattern");
    }
}
