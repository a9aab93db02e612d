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
        // Comparisons use a tolerance relative to the magnitudes compared (ε = 1e-9 of them), so that cells of any
        // scale and aspect ratio (a needle of 10⁹ Å × 3 Å) reduce without cycling on round-off.
        int it = 0;
        while (true) {
            if (++it > MAX_ITERATIONS) {
                throw new IllegalStateException("Niggli reduction did not converge for " + cell);
            }
            double[] g = metric(v);
            double A = g[0], B = g[1], C = g[2], xi = g[3], eta = g[4], zeta = g[5];
            // A1: order A ≤ B (ties: |ξ| ≤ |η|)
            if (gt(A, B) || (eq(A, B) && gt(Math.abs(xi), Math.abs(eta)))) {
                swapRows(v, m, 0, 1);
                continue;
            }
            // A2: order B ≤ C (ties: |η| ≤ |ζ|), then back to A1
            if (gt(B, C) || (eq(B, C) && gt(Math.abs(eta), Math.abs(zeta)))) {
                swapRows(v, m, 1, 2);
                continue;
            }
            int sx = sign(xi, B, C), se = sign(eta, A, C), sz = sign(zeta, A, B);
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
            if (gt(Math.abs(xi), B) || (eq(xi, B) && gt(zeta, 2 * eta)) || (eq(xi, -B) && sign(zeta, A, B) < 0)) {
                addRow(v, m, 2, 1, -multiple(xi, B));  // c ← c − k·b (k = sign(ξ) in K&G; the full multiple at once)
                continue;
            }
            // A6: |η| ≤ A
            if (gt(Math.abs(eta), A) || (eq(eta, A) && gt(zeta, 2 * xi)) || (eq(eta, -A) && sign(zeta, A, B) < 0)) {
                addRow(v, m, 2, 0, -multiple(eta, A)); // c ← c − k·a
                continue;
            }
            // A7: |ζ| ≤ A
            if (gt(Math.abs(zeta), A) || (eq(zeta, A) && gt(eta, 2 * xi)) || (eq(zeta, -A) && sign(eta, A, C) < 0)) {
                addRow(v, m, 1, 0, -multiple(zeta, A)); // b ← b − k·a
                continue;
            }
            // A8: ξ + η + ζ + A + B ≥ 0
            double sum = xi + eta + zeta + A + B;
            double scale = A + B + Math.abs(xi) + Math.abs(eta) + Math.abs(zeta);
            if (sum < -REL * scale || (Math.abs(sum) <= REL * scale && gt(2 * (A + eta) + zeta, 0, scale))) {
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

    /** Relative tolerance of the comparisons. */
    private static final double REL = 1e-9;

    private static boolean gt(double x, double y) { return x > y + REL * (Math.abs(x) + Math.abs(y)); }

    private static boolean gt(double x, double y, double scale) { return x > y + REL * scale; }

    private static boolean eq(double x, double y) { return Math.abs(x - y) <= REL * (Math.abs(x) + Math.abs(y)); }

    /** Sign of a scalar product 2u·v, zero within REL of 2|u||v| (squared lengths p = u·u, q = v·v). */
    private static int sign(double x, double p, double q) {
        double tol = REL * 2 * Math.sqrt(p * q);
        return x > tol ? 1 : x < -tol ? -1 : 0;
    }

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

    /**
     * How many times to subtract: the integer k with |x − 2kP| ≤ P (Grosse-Kunstleve et al. 2004's acceleration of
     * steps A5–A7, which K&G perform one unit at a time); at least ±1 so that the boundary cases still move.
     */
    private static double multiple(double x, double p) {
        double k = Math.floor((x + p) / (2 * p));
        if (k == 0) k = Math.signum(x);
        if (Math.abs(k) > 1e9) throw new IllegalStateException("lattice too ill-conditioned to reduce (step multiple " + k + ")");
        return k;
    }

    /** row i ← row i + s · row j (s integer-valued). */
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
