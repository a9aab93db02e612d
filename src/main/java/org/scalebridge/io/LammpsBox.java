package org.scalebridge.io;

import org.scalebridge.structure.Cell;

/**
 * LAMMPS' restricted-triclinic box: a = (lx, 0, 0), b = (xy, ly, 0), c = (xz, yz, lz) with lx, ly, lz &gt; 0, and the
 * rotation of any cell into it and back. Per the LAMMPS "Howto triclinic" page: lx = |A|, xy = B·Â, ly = |Â×B|,
 * xz = C·Â, yz = (B·C − xy·xz)/ly, lz = √(|C|² − xz² − yz²).
 */
public final class LammpsBox {
    private LammpsBox() {}

    /** Lower-triangular rows (row-major 9) of the LAMMPS box with the same lattice parameters as the cell. */
    public static double[] lowerTriangular(Cell cell) {
        double[] h = cell.matrix();
        double[] a = {h[0], h[1], h[2]}, b = {h[3], h[4], h[5]}, c = {h[6], h[7], h[8]};
        double lx = norm(a);
        double[] ah = {a[0] / lx, a[1] / lx, a[2] / lx};
        double xy = dot(b, ah);
        double[] axb = cross(ah, b);
        double ly = norm(axb);
        double xz = dot(c, ah);
        double yz = (dot(b, c) - xy * xz) / ly;
        double lz2 = dot(c, c) - xz * xz - yz * yz;
        double lz = Math.sqrt(Math.max(lz2, 0));
        return new double[] {lx, 0, 0, xy, ly, 0, xz, yz, lz};
    }

    /** True when the cell already is lower triangular with a positive diagonal. */
    public static boolean isLowerTriangular(Cell cell) {
        double[] h = cell.matrix();
        return h[1] == 0 && h[2] == 0 && h[5] == 0 && h[0] > 0 && h[4] > 0 && h[8] > 0;
    }

    /**
     * The 3×3 matrix T (row-major) with r_lammps = r·T, T = H⁻¹·H_lammps: it keeps fractional coordinates and is a
     * rotation for a right-handed cell (a reflection for a left-handed one, whose mirror image LAMMPS then holds).
     */
    public static double[] toLammps(Cell cell) {
        double[] hi = cell.inverse();
        double[] hl = lowerTriangular(cell);
        return mul(hi, hl);
    }

    /** r·T for 3-vectors stored flat (n of them) in place. */
    public static void apply(double[] v, int n, double[] t) { Cell.transformRows(v, n, t); }

    /** Tᵀ·W·T: a tensor such as the virial W_ab = Σ r_a f_b under r → r·T. */
    public static double[] applyTensor(double[] w, double[] t) {
        double[] tt = transpose(t);
        return mul(mul(tt, w), t);
    }

    /**
     * Rotates a structure read in LAMMPS' frame back into the orientation of {@code original} (the cell it was
     * written from): positions, velocities, forces and the virial are mapped by T⁻¹ = H_lammps⁻¹·H and the cell
     * becomes {@code original}. The LAMMPS frame must have the same lattice parameters as {@code original}.
     */
    public static void rotateBack(org.scalebridge.structure.Structure s, Cell original) {
        double[] hlInv = s.cell().inverse();
        double[] back = mul(hlInv, original.matrix());
        int n = s.size();
        LammpsBox.apply(s.positions(), n, back);
        if (s.velocities() != null) apply(s.velocities(), n, back);
        if (s.forces() != null) apply(s.forces(), n, back);
        if (s.virial() != null) s.setVirial(applyTensor(s.virial(), back));
        s.setCell(new Cell(original.rows(), s.cell().pbc()));
    }

    /**
     * For a lower-triangular box whose tilt factors exceed LAMMPS' limits (|xy|, |xz| ≤ lx/2, |yz| ≤ ly/2), the
     * equivalent box of the same lattice with reduced tilts (c − k·b, c − m·a, b − j·a); null when already within.
     */
    public static double[] reduceTilt(double[] h) {
        double lx = h[0], ly = h[4];
        double xy = h[3], xz = h[6], yz = h[7];
        double eps = 1e-10;
        if (Math.abs(xy) <= 0.5 * lx * (1 + eps) && Math.abs(xz) <= 0.5 * lx * (1 + eps) && Math.abs(yz) <= 0.5 * ly * (1 + eps)) {
            return null;
        }
        double k = Math.rint(yz / ly);
        yz -= k * ly;
        xz -= k * xy;
        double m = Math.rint(xz / lx);
        xz -= m * lx;
        double j = Math.rint(xy / lx);
        xy -= j * lx;
        return new double[] {lx, 0, 0, xy, ly, 0, xz, yz, h[8]};
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return c;
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    private static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
