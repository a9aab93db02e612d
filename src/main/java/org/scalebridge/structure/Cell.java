package org.scalebridge.structure;

import org.scalebridge.core.InputException;

/**
 * A periodic (or partly periodic) simulation cell. The rows of the 3×3 matrix are the lattice vectors a, b, c in
 * Cartesian Å; a Cartesian position is r = f·H (f fractional, row vector). Immutable.
 *
 * <p>Minimum-image displacements are exact for any cell, however skewed: the naive rounding of fractional
 * coordinates is refined by a search over neighbouring images (see {@link #minimumImage(double[])}).
 */
public final class Cell {
    private final double[] h = new double[9];      // row-major, rows = lattice vectors
    private final double[] hinv = new double[9];   // inverse of H (so f = r·Hinv)
    private final boolean[] pbc;
    private final double volume;
    /** true when rounding of fractional coordinates alone may not give the minimum image. */
    private final boolean skewed;

    public Cell(double[][] rows, boolean[] pbc) {
        if (rows.length != 3) throw new IllegalArgumentException("cell needs 3 lattice vectors");
        for (int i = 0; i < 3; i++) {
            if (rows[i].length != 3) throw new IllegalArgumentException("lattice vector " + i + " needs 3 components");
            System.arraycopy(rows[i], 0, h, 3 * i, 3);
        }
        this.pbc = pbc == null ? new boolean[] {true, true, true} : pbc.clone();
        for (double v : h) {
            if (!Double.isFinite(v)) throw InputException.field(null, "cell", "lattice vectors must be finite numbers");
        }
        double det = det3(h);
        if (!(Math.abs(det) > 1e-12)) {
            throw InputException.field(null, "cell", "lattice vectors are (nearly) linearly dependent, volume " + det + " Å³");
        }
        this.volume = Math.abs(det);
        invert3(h, hinv, det);
        // Rounding is exact when the cell is orthogonal; otherwise minimumImage searches the images exactly.
        double[] w = perpendicularWidths();
        double maxLen = 0;
        for (int i = 0; i < 3; i++) maxLen = Math.max(maxLen, len(i));
        double minW = Math.min(w[0], Math.min(w[1], w[2]));
        this.skewed = maxLen > minW * 1.0000001;
    }

    public Cell(double[][] rows) { this(rows, null); }

    /** Orthorhombic cell. */
    public static Cell orthorhombic(double a, double b, double c) {
        return new Cell(new double[][] {{a, 0, 0}, {0, b, 0}, {0, 0, c}});
    }

    /** From a row-major 9-array (a, b, c rows). */
    public static Cell ofRowMajor(double[] m, boolean[] pbc) {
        return new Cell(new double[][] {{m[0], m[1], m[2]}, {m[3], m[4], m[5]}, {m[6], m[7], m[8]}}, pbc);
    }

    /**
     * From lattice parameters (Å, degrees), in the standard orientation: a along x, b in the xy plane, c completing
     * a right-handed set (the orientation LAMMPS and most codes use).
     */
    public static Cell fromParameters(double a, double b, double c, double alphaDeg, double betaDeg, double gammaDeg) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw InputException.field(null, "lattice parameters", "lengths must be positive, got a=" + a + " b=" + b + " c=" + c);
        }
        double al = Math.toRadians(alphaDeg), be = Math.toRadians(betaDeg), ga = Math.toRadians(gammaDeg);
        double cosA = cleanCos(al), cosB = cleanCos(be), cosG = cleanCos(ga), sinG = Math.sin(ga);
        double cx = c * cosB;
        double cy = c * (cosA - cosB * cosG) / sinG;
        double cz2 = c * c - cx * cx - cy * cy;
        if (!(cz2 > 0)) {
            throw InputException.field(null, "lattice parameters",
                    "angles α=" + alphaDeg + "° β=" + betaDeg + "° γ=" + gammaDeg + "° do not form a cell");
        }
        return new Cell(new double[][] {{a, 0, 0}, {b * cosG, b * sinG, 0}, {cx, cy, Math.sqrt(cz2)}});
    }

    private static double cleanCos(double x) {
        double c = Math.cos(x);
        return Math.abs(c) < 1e-15 ? 0.0 : c;
    }

    public double get(int row, int col) { return h[3 * row + col]; }

    /** Lattice vector i as a new array. */
    public double[] vector(int i) { return new double[] {h[3 * i], h[3 * i + 1], h[3 * i + 2]}; }

    /** Row-major copy of H. */
    public double[] matrix() { return h.clone(); }

    /** Row-major copy of H⁻¹. */
    public double[] inverse() { return hinv.clone(); }

    public double[][] rows() {
        return new double[][] {vector(0), vector(1), vector(2)};
    }

    public boolean periodic(int dim) { return pbc[dim]; }

    public boolean[] pbc() { return pbc.clone(); }

    public boolean fullyPeriodic() { return pbc[0] && pbc[1] && pbc[2]; }

    public double volume() { return volume; }

    /** Determinant of H (signed; negative for a left-handed set). */
    public double determinant() { return det3(h); }

    public double len(int i) {
        return Math.sqrt(h[3 * i] * h[3 * i] + h[3 * i + 1] * h[3 * i + 1] + h[3 * i + 2] * h[3 * i + 2]);
    }

    /** a, b, c (Å) and α, β, γ (degrees). */
    public double[] parameters() {
        double a = len(0), b = len(1), c = len(2);
        double alpha = Math.toDegrees(Math.acos(clamp(dotRows(1, 2) / (b * c))));
        double beta = Math.toDegrees(Math.acos(clamp(dotRows(0, 2) / (a * c))));
        double gamma = Math.toDegrees(Math.acos(clamp(dotRows(0, 1) / (a * b))));
        return new double[] {a, b, c, alpha, beta, gamma};
    }

    private static double clamp(double x) { return Math.max(-1, Math.min(1, x)); }

    private double dotRows(int i, int j) {
        return h[3 * i] * h[3 * j] + h[3 * i + 1] * h[3 * j + 1] + h[3 * i + 2] * h[3 * j + 2];
    }

    /** Distances between opposite faces: V / |b×c|, V / |c×a|, V / |a×b|. */
    public double[] perpendicularWidths() {
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            int j = (i + 1) % 3, k = (i + 2) % 3;
            double cx = h[3 * j + 1] * h[3 * k + 2] - h[3 * j + 2] * h[3 * k + 1];
            double cy = h[3 * j + 2] * h[3 * k] - h[3 * j] * h[3 * k + 2];
            double cz = h[3 * j] * h[3 * k + 1] - h[3 * j + 1] * h[3 * k];
            w[i] = volume / Math.sqrt(cx * cx + cy * cy + cz * cz);
        }
        return w;
    }

    /** Cartesian → fractional, in place on a 3-vector. */
    public void toFractional(double[] r, double[] out) {
        double x = r[0], y = r[1], z = r[2];
        out[0] = x * hinv[0] + y * hinv[3] + z * hinv[6];
        out[1] = x * hinv[1] + y * hinv[4] + z * hinv[7];
        out[2] = x * hinv[2] + y * hinv[5] + z * hinv[8];
    }

    /** Fractional → Cartesian. */
    public void toCartesian(double[] f, double[] out) {
        double a = f[0], b = f[1], c = f[2];
        out[0] = a * h[0] + b * h[3] + c * h[6];
        out[1] = a * h[1] + b * h[4] + c * h[7];
        out[2] = a * h[2] + b * h[5] + c * h[8];
    }

    public double fracX(double x, double y, double z) { return x * hinv[0] + y * hinv[3] + z * hinv[6]; }
    public double fracY(double x, double y, double z) { return x * hinv[1] + y * hinv[4] + z * hinv[7]; }
    public double fracZ(double x, double y, double z) { return x * hinv[2] + y * hinv[5] + z * hinv[8]; }

    /**
     * Replaces the displacement d (Cartesian, 3-vector, in place) by its shortest periodic image and returns its
     * squared length. Exact for any triclinic cell: after rounding the fractional components, skewed cells are
     * re-rounded in a Niggli-reduced basis, then shifted by ±1 reduced vectors while that shortens the vector.
     */
    public double minimumImage(double[] d) {
        double fa = fracX(d[0], d[1], d[2]), fb = fracY(d[0], d[1], d[2]), fc = fracZ(d[0], d[1], d[2]);
        if (pbc[0]) fa -= Math.rint(fa);
        if (pbc[1]) fb -= Math.rint(fb);
        if (pbc[2]) fc -= Math.rint(fc);
        double x = fa * h[0] + fb * h[3] + fc * h[6];
        double y = fa * h[1] + fb * h[4] + fc * h[7];
        double z = fa * h[2] + fb * h[5] + fc * h[8];
        double best = x * x + y * y + z * z;
        if (skewed) {
            Basis bs = searchBasis();
            // the same displacement, first rounded in the search basis (a Niggli-reduced one when fully periodic)
            double[] sh = bs.h, si = bs.hinv;
            double ga = x * si[0] + y * si[3] + z * si[6];
            double gb = x * si[1] + y * si[4] + z * si[7];
            double gc = x * si[2] + y * si[5] + z * si[8];
            if (bs.pbc[0]) ga -= Math.rint(ga);
            if (bs.pbc[1]) gb -= Math.rint(gb);
            if (bs.pbc[2]) gc -= Math.rint(gc);
            double rx = ga * sh[0] + gb * sh[3] + gc * sh[6];
            double ry = ga * sh[1] + gb * sh[4] + gc * sh[7];
            double rz = ga * sh[2] + gb * sh[5] + gc * sh[8];
            double r2 = rx * rx + ry * ry + rz * rz;
            if (r2 < best) { best = r2; x = rx; y = ry; z = rz; }
            // descent over the 26 shifts by ±1 of each reduced vector: with a reduced basis these include every
            // Voronoi-relevant lattice vector, so when none of them shortens the vector it is the minimum image
            // (checked against exhaustive search in StructureModelTest); each step strictly shortens it
            int ra = bs.pbc[0] ? 1 : 0, rb = bs.pbc[1] ? 1 : 0, rc = bs.pbc[2] ? 1 : 0;
            for (int guard = 0; guard < 1000; guard++) {
                double bx = x, by = y, bz = z, b2 = best;
                for (int i = -ra; i <= ra; i++) {
                    for (int j = -rb; j <= rb; j++) {
                        for (int k = -rc; k <= rc; k++) {
                            if (i == 0 && j == 0 && k == 0) continue;
                            double tx = x + i * sh[0] + j * sh[3] + k * sh[6];
                            double ty = y + i * sh[1] + j * sh[4] + k * sh[7];
                            double tz = z + i * sh[2] + j * sh[5] + k * sh[8];
                            double t2 = tx * tx + ty * ty + tz * tz;
                            if (t2 < b2) { b2 = t2; bx = tx; by = ty; bz = tz; }
                        }
                    }
                }
                if (!(b2 < best)) break;
                best = b2; x = bx; y = by; z = bz;
            }
        }
        d[0] = x; d[1] = y; d[2] = z;
        return best;
    }

    /** Lattice basis used for the exact minimum-image search of skewed cells (immutable once built). */
    private static final class Basis {
        final double[] h, hinv, widths;
        final boolean[] pbc;

        Basis(double[] h, boolean[] pbc) {
            this.h = h;
            this.pbc = pbc;
            double det = det3(h);
            this.hinv = new double[9];
            invert3(h, hinv, det);
            this.widths = new double[3];
            for (int i = 0; i < 3; i++) {
                int j = (i + 1) % 3, k = (i + 2) % 3;
                double cx = h[3 * j + 1] * h[3 * k + 2] - h[3 * j + 2] * h[3 * k + 1];
                double cy = h[3 * j + 2] * h[3 * k] - h[3 * j] * h[3 * k + 2];
                double cz = h[3 * j] * h[3 * k + 1] - h[3 * j + 1] * h[3 * k];
                widths[i] = Math.abs(det) / Math.sqrt(cx * cx + cy * cy + cz * cz);
            }
        }
    }

    private volatile Basis searchBasis;

    /**
     * The basis in which skewed minimum images are searched: the Niggli-reduced basis of the same lattice when all
     * three directions are periodic (few candidate shifts), otherwise the cell's own vectors (reduction would mix
     * periodic and non-periodic directions).
     */
    private Basis searchBasis() {
        Basis b = searchBasis;
        if (b == null) {
            double[] basis = h.clone();
            if (fullyPeriodic()) {
                try {
                    basis = CellReduction.niggli(this).cell().matrix();
                } catch (IllegalStateException notReduced) {
                    // keep the cell's own vectors: the descent below is then still a valid (if longer) search
                }
            } else {
                int[] per = new int[3];
                int np = 0;
                for (int k = 0; k < 3; k++) if (pbc[k]) per[np++] = k;
                if (np == 2) lagrangeReduce(basis, per[0], per[1]); // the periodic plane only; the other row stays
            }
            b = new Basis(basis, pbc.clone());
            searchBasis = b;
        }
        return b;
    }

    /** Lagrange–Gauss reduction of rows i and j of a row-major basis (2D lattice reduction), in place. */
    private static void lagrangeReduce(double[] v, int i, int j) {
        for (int it = 0; it < 10_000; it++) {
            double uu = 0, vv = 0, uv = 0;
            for (int d = 0; d < 3; d++) {
                uu += v[3 * i + d] * v[3 * i + d];
                vv += v[3 * j + d] * v[3 * j + d];
                uv += v[3 * i + d] * v[3 * j + d];
            }
            if (uu > vv) { int t = i; i = j; j = t; double w = uu; uu = vv; vv = w; }
            double m = Math.rint(uv / uu);
            if (m == 0) return;
            for (int d = 0; d < 3; d++) v[3 * j + d] -= m * v[3 * i + d];
        }
    }

    /** A new cell with H' = H·(I + strain)ᵀ applied to each row, i.e. each lattice vector v → (I+ε)v. */
    public Cell deformed(double[] strain3x3) {
        double[][] rows = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int a = 0; a < 3; a++) {
                double s = h[3 * i + a];
                for (int b = 0; b < 3; b++) s += strain3x3[3 * a + b] * h[3 * i + b];
                rows[i][a] = s;
            }
        }
        return new Cell(rows, pbc);
    }

    /** Supercell with rows H' = M·H, M an integer 3×3 matrix (row-major) with non-zero determinant. */
    public Cell supercell(int[] m) {
        double[][] rows = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int a = 0; a < 3; a++) {
                rows[i][a] = m[3 * i] * h[a] + m[3 * i + 1] * h[3 + a] + m[3 * i + 2] * h[6 + a];
            }
        }
        return new Cell(rows, pbc);
    }

    /** Rows of v (n row 3-vectors stored flat) ← v·t in place, t a row-major 3×3 matrix (a cell, position or velocity transform). */
    public static void transformRows(double[] v, int n, double[] t) {
        for (int i = 0; i < n; i++) {
            double x = v[3 * i], y = v[3 * i + 1], z = v[3 * i + 2];
            v[3 * i] = x * t[0] + y * t[3] + z * t[6];
            v[3 * i + 1] = x * t[1] + y * t[4] + z * t[7];
            v[3 * i + 2] = x * t[2] + y * t[5] + z * t[8];
        }
    }

    /** Inverse of a row-major 3×3 matrix into out (no check for singularity). */
    public static void invert3(double[] m, double[] out) { invert3(m, out, det3(m)); }

    static double det3(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    static void invert3(double[] m, double[] out, double det) {
        double id = 1.0 / det;
        out[0] = (m[4] * m[8] - m[5] * m[7]) * id;
        out[1] = (m[2] * m[7] - m[1] * m[8]) * id;
        out[2] = (m[1] * m[5] - m[2] * m[4]) * id;
        out[3] = (m[5] * m[6] - m[3] * m[8]) * id;
        out[4] = (m[0] * m[8] - m[2] * m[6]) * id;
        out[5] = (m[2] * m[3] - m[0] * m[5]) * id;
        out[6] = (m[3] * m[7] - m[4] * m[6]) * id;
        out[7] = (m[1] * m[6] - m[0] * m[7]) * id;
        out[8] = (m[0] * m[4] - m[1] * m[3]) * id;
    }

    @Override
    public String toString() {
        double[] p = parameters();
        return String.format("Cell[a=%.5f b=%.5f c=%.5f α=%.4f β=%.4f γ=%.4f V=%.4f]", p[0], p[1], p[2], p[3], p[4], p[5], volume);
    }
}
