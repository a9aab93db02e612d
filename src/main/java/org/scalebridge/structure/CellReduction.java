package org.scalebridge.structure;

/**
 * Niggli reduction of a lattice: the unique reduced basis of the lattice spanned by a cell's vectors, with the
 * integer unimodular matrix that produces it.
 *
 * <p>Algorithm of Křivý &amp; Gruber, Acta Cryst. A32 (1976) 297, steps A1–A8, with the relative tolerance
 * ε of Grosse-Kunstleve, Sauter &amp; Adams, Acta Cryst. A60 (2004) 1 for the floating-point comparisons. The
 * steps are applied to the lattice vectors themselves (not only to the metric A, B, C, ξ, η, ζ), so the reduced
 * vectors and the transformation come out together; handedness is restored at the end by negating all three
 * vectors, which leaves every scalar product unchanged.
 *
 * <p>Reduced cells are short and as orthogonal as the lattice allows: the minimum image of a reduced cell is found
 * among few neighbours, and two cells describe the same lattice iff their Niggli metrics agree.
 */
public final class CellReduction {

    /** The reduced cell and M (row-major, integer, det = +1) with reduced rows = M · original rows. */
    public record Result(Cell cell, int[] transform, int iterations) {
        /** The Niggli metric A, B, C, ξ, η, ζ (Å²): squared lengths and twice the scalar products b·c, a·c, a·b. */
        public double[] metric() { return CellReduction.metric(cell.matrix()); }
    }

    private static final int MAX_ITERATIONS = 10_000;

    private CellReduction() {}

    /** Niggli-reduces the lattice of {@code cell} (periodicity flags are kept; all three directions are reduced). */
    public static Result niggli(Cell cell) {
        double[] v = cell.matrix();                // rows a, b, c (row-major), mutated in place
        int[] m = {1, 0, 0, 0, 1, 0, 0, 0, 1};     // rows of M, mutated alongside v
        double eps = 1e-5 * Math.pow(cell.volume(), 2.0 / 3.0);
        int it = 0;
        while (true) {
            if (++it > MAX_ITERATIONS) {
                throw new IllegalStateException("Niggli reduction did not converge for " + cell);
            }
            double[] g = metric(v);
            double A = g[0], B = g[1], C = g[2], xi = g[3], eta = g[4], zeta = g[5];
            // A1: order A ≤ B (ties: |ξ| ≤ |η|)
            if (A > B + eps || (Math.abs(A - B) <= eps && Math.abs(xi) > Math.abs(eta) + eps)) {
                swapRows(v, m, 0, 1);
                continue;
            }
            // A2: order B ≤ C (ties: |η| ≤ |ζ|), then back to A1
            if (B > C + eps || (Math.abs(B - C) <= eps && Math.abs(eta) > Math.abs(zeta) + eps)) {
                swapRows(v, m, 1, 2);
                continue;
            }
            int sx = sign(xi, eps), se = sign(eta, eps), sz = sign(zeta, eps);
            if (sx * se * sz > 0) {
                // A3: all of ξ, η, ζ positive (type I cell): flip vectors so that they are
                int i = sx, j = se, k = sz;  // with two negatives, negate the two vectors opposite them
                negateRows(v, m, j * k < 0, i * k < 0, i * j < 0);
            } else {
                // A4: all of ξ, η, ζ ≤ 0 (type II cell)
                int i = 1, j = 1, k = 1, p = -1;
                if (sx > 0) i = -1; else if (sx == 0) p = 0;
                if (se > 0) j = -1; else if (se == 0) p = 1;
                if (sz > 0) k = -1; else if (sz == 0) p = 2;
                if (i * j * k < 0) {
                    if (p == 0) i = -1; else if (p == 1) j = -1; else if (p == 2) k = -1;
                }
                // diag(i, j, k) acting on the scalar products: ξ' = jkξ, η' = ikη, ζ' = ijζ
                negateRows(v, m, i < 0, j < 0, k < 0);
            }
            g = metric(v);
            A = g[0]; B = g[1]; C = g[2]; xi = g[3]; eta = g[4]; zeta = g[5];
            // A5: |ξ| ≤ B
            if (Math.abs(xi) > B + eps || (Math.abs(xi - B) <= eps && 2 * eta < zeta - eps)
                    || (Math.abs(xi + B) <= eps && zeta < -eps)) {
                addRow(v, m, 2, 1, -Math.signum(xi));  // c ← c − sign(ξ)·b
                continue;
            }
            // A6: |η| ≤ A
            if (Math.abs(eta) > A + eps || (Math.abs(eta - A) <= eps && 2 * xi < zeta - eps)
                    || (Math.abs(eta + A) <= eps && zeta < -eps)) {
                addRow(v, m, 2, 0, -Math.signum(eta)); // c ← c − sign(η)·a
                continue;
            }
            // A7: |ζ| ≤ A
            if (Math.abs(zeta) > A + eps || (Math.abs(zeta - A) <= eps && 2 * xi < eta - eps)
                    || (Math.abs(zeta + A) <= eps && eta < -eps)) {
                addRow(v, m, 1, 0, -Math.signum(zeta)); // b ← b − sign(ζ)·a
                continue;
            }
            // A8: ξ + η + ζ + A + B ≥ 0
            double s = xi + eta + zeta + A + B;
            if (s < -eps || (Math.abs(s) <= eps && 2 * (A + eta) + zeta > eps)) {
                addRow(v, m, 2, 0, 1);                 // c ← c + a + b
                addRow(v, m, 2, 1, 1);
                continue;
            }
            break;
        }
        if (det(m) < 0) negateRows(v, m, true, true, true);
        Cell reduced = Cell.ofRowMajor(v, cell.pbc());
        return new Result(reduced, m, it);
    }

    /**
     * The same crystal described in its Niggli-reduced cell: a copy of {@code s} whose cell is the reduced one
     * (the same lattice, so Cartesian positions are unchanged) with every atom wrapped into it. Image counters are
     * reset because they refer to the old basis.
     */
    public static Structure niggli(Structure s) {
        Structure out = s.copy();
        out.setCell(niggli(s.cell()).cell());
        int[] img = out.images();
        java.util.Arrays.fill(img, 0, 3 * out.size(), 0);
        out.wrap();
        java.util.Arrays.fill(img, 0, 3 * out.size(), 0);
        return out;
    }

    /** Niggli metric of row-major lattice vectors: A, B, C, ξ = 2b·c, η = 2a·c, ζ = 2a·b. */
    public static double[] metric(double[] v) {
        return new double[] {dot(v, 0, 0), dot(v, 1, 1), dot(v, 2, 2), 2 * dot(v, 1, 2), 2 * dot(v, 0, 2), 2 * dot(v, 0, 1)};
    }

    private static double dot(double[] v, int i, int j) {
        return v[3 * i] * v[3 * j] + v[3 * i + 1] * v[3 * j + 1] + v[3 * i + 2] * v[3 * j + 2];
    }

    private static int sign(double x, double eps) { return x > eps ? 1 : x < -eps ? -1 : 0; }

    private static void swapRows(double[] v, int[] m, int i, int j) {
        for (int d = 0; d < 3; d++) {
            double t = v[3 * i + d]; v[3 * i + d] = v[3 * j + d]; v[3 * j + d] = t;
            int u = m[3 * i + d]; m[3 * i + d] = m[3 * j + d]; m[3 * j + d] = u;
        }
    }

    private static void negateRows(double[] v, int[] m, boolean a, boolean b, boolean c) {
        boolean[] f = {a, b, c};
        for (int i = 0; i < 3; i++) {
            if (!f[i]) continue;
            for (int d = 0; d < 3; d++) { v[3 * i + d] = -v[3 * i + d]; m[3 * i + d] = -m[3 * i + d]; }
        }
    }

    /** row i ← row i + s · row j (s = ±1). */
    private static void addRow(double[] v, int[] m, int i, int j, double s) {
        int si = (int) s;
        for (int d = 0; d < 3; d++) { v[3 * i + d] += s * v[3 * j + d]; m[3 * i + d] += si * m[3 * j + d]; }
    }

    static long det(int[] m) {
        return (long) m[0] * ((long) m[4] * m[8] - (long) m[5] * m[7])
                - (long) m[1] * ((long) m[3] * m[8] - (long) m[5] * m[6])
                + (long) m[2] * ((long) m[3] * m[7] - (long) m[4] * m[6]);
    }
}
