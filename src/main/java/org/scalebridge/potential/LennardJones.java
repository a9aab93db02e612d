package org.scalebridge.potential;

/**
 * Lennard-Jones 12-6: φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶] for r &lt; r_c (LAMMPS {@code lj/cut}); optionally shifted so that
 * φ(r_c) = 0 ({@code pair_modify shift yes}, energy only) and/or with the homogeneous-fluid tail correction
 * ({@code pair_modify tail yes}: E_tail = (2π/V) Σ N_a N_b ∫_rc^∞ r²φ dr, and the matching pressure term).
 * Unlike pairs not given explicitly follow the Lorentz–Berthelot or geometric rule if one is chosen.
 */
public final class LennardJones extends PairPotential {
    private final double[] lj1, lj2, lj3, lj4, offset, tailE, tailW;
    private final boolean shift, tail;
    private final double globalCut;
    /** True when every type pair has the same ε, σ, cutoff and shift (e.g. one type): the kernels use scalars. */
    private final boolean uniform;

    /** Mixing rules for unlike pairs (parameters ε, σ). */
    public static final PairTable.Mixing GEOMETRIC = (a, b) -> new double[] {Math.sqrt(a[0] * b[0]), Math.sqrt(a[1] * b[1])};
    public static final PairTable.Mixing LORENTZ_BERTHELOT = (a, b) -> new double[] {Math.sqrt(a[0] * b[0]), 0.5 * (a[1] + b[1])};

    /** A parameter table for ε (eV), σ (Å) with the given default cutoff. */
    public static PairTable table(double cutoff) { return new PairTable(cutoff, "epsilon", "sigma"); }

    public LennardJones(PairTable table, boolean shift, boolean tail) {
        this(table, table.types(), shift, tail);
    }

    private LennardJones(PairTable table, TypeMap types, boolean shift, boolean tail) {
        super(types, table.cutoffs(types));
        this.shift = shift;
        this.tail = tail;
        this.globalCut = table.defaultCutoff();
        double[][] p = table.params(types);
        int m = nt * nt;
        lj1 = new double[m]; lj2 = new double[m]; lj3 = new double[m]; lj4 = new double[m];
        offset = new double[m]; tailE = new double[m]; tailW = new double[m];
        for (int k = 0; k < m; k++) {
            double eps = p[0][k], sig = p[1][k];
            double s6 = Math.pow(sig, 6), s12 = s6 * s6;
            lj1[k] = 48 * eps * s12;  // F/r = (lj1/r¹² − lj2/r⁶)/r²
            lj2[k] = 24 * eps * s6;
            lj3[k] = 4 * eps * s12;   // φ = lj3/r¹² − lj4/r⁶
            lj4[k] = 4 * eps * s6;
            double rc = Math.sqrt(rc2[k]);
            if (rc > 0) {
                double rc3 = rc * rc * rc, rc9 = rc3 * rc3 * rc3;
                if (shift) offset[k] = lj3[k] / (rc9 * rc3) - lj4[k] / (rc3 * rc3);
                // ∫_rc^∞ r² φ dr = 4ε[σ¹²/(9rc⁹) − σ⁶/(3rc³)];  ∫_rc^∞ r³ φ' dr = 4ε[−(4/3)σ¹²/rc⁹ + 2σ⁶/rc³]
                tailE[k] = 2 * Math.PI * 4 * eps * (s12 / (9 * rc9) - s6 / (3 * rc3));
                tailW[k] = -(2 * Math.PI / 3) * 4 * eps * (-(4.0 / 3.0) * s12 / rc9 + 2 * s6 / rc3);
            }
        }
        boolean u = true;
        for (int q = 1; q < m; q++) {
            u &= lj1[q] == lj1[0] && lj2[q] == lj2[0] && lj3[q] == lj3[0] && lj4[q] == lj4[0] && rc2[q] == rc2[0]
                    && offset[q] == offset[0];
        }
        this.uniform = u;
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double ir2 = 1.0 / r2;
        double ir6 = ir2 * ir2 * ir2;
        f[0] = ir6 * (lj1[pt] * ir6 - lj2[pt]) * ir2;
        return ir6 * (lj3[pt] * ir6 - lj4[pt]) - offset[pt];
    }

    @Override
    protected boolean kernel(int i0, int i1, int[] rowAtom, double[] x, int[] ty, double[] q, int[] off, int[] mid,
                             int[] nb, int[] si, double[] sv, double[] f, boolean energyVirial, double[] acc) {
        if (rowAtom != null || mid == null) return false;
        if (energyVirial) kernelEV(i0, i1, x, ty, off, mid, nb, si, sv, f, acc);
        else {
            if (uniform) kernelF1(i0, i1, x, off, mid, nb, si, sv, f);
            else kernelF(i0, i1, x, ty, off, mid, nb, si, sv, f);
            java.util.Arrays.fill(acc, 0, 7, 0.0);
        }
        return true;
    }

    /** Forces only (MD steps between thermo outputs); F/r = r⁻⁸(lj1·r⁻⁶ − lj2) without a square root. */
    private void kernelF(int i0, int i1, double[] x, int[] ty, int[] off, int[] mid, int[] nb, int[] si, double[] sv,
                         double[] f) {
        final double[] c1 = lj1, c2 = lj2, cut2 = rc2;
        final int ntypes = nt;
        for (int i = i0; i < i1; i++) {
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            final int row = ty[i] * ntypes;
            double fxi = 0, fyi = 0, fzi = 0;
            final int km = mid[i], ke = off[i + 1];
            for (int k = off[i]; k < km; k++) {
                final int j = nb[k];
                final double dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = row + ty[j];
                if (r2 < cut2[pt]) {
                    final double ir2 = 1.0 / r2, ir6 = ir2 * ir2 * ir2;
                    final double fr = ir6 * (c1[pt] * ir6 - c2[pt]) * ir2;
                    final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                    fxi -= fx; fyi -= fy; fzi -= fz;
                    f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                }
            }
            for (int k = km; k < ke; k++) {
                final int j = nb[k];
                final int s3 = 3 * si[k];
                final double dx = x[3 * j] - xi + sv[s3], dy = x[3 * j + 1] - yi + sv[s3 + 1], dz = x[3 * j + 2] - zi + sv[s3 + 2];
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = row + ty[j];
                if (r2 < cut2[pt]) {
                    final double ir2 = 1.0 / r2, ir6 = ir2 * ir2 * ir2;
                    final double fr = ir6 * (c1[pt] * ir6 - c2[pt]) * ir2;
                    final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                    fxi -= fx; fyi -= fy; fzi -= fz;
                    f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                }
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
    }

    /** {@link #kernelF} when all type pairs are alike: no type look-ups, parameters in registers. */
    private void kernelF1(int i0, int i1, double[] x, int[] off, int[] mid, int[] nb, int[] si, double[] sv, double[] f) {
        final double c1 = lj1[0], c2 = lj2[0], cut2 = rc2[0];
        for (int i = i0; i < i1; i++) {
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            double fxi = 0, fyi = 0, fzi = 0;
            final int km = mid[i], ke = off[i + 1];
            for (int k = off[i]; k < km; k++) {
                final int j3 = 3 * nb[k];
                final double dx = x[j3] - xi, dy = x[j3 + 1] - yi, dz = x[j3 + 2] - zi;
                final double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < cut2) {
                    final double ir2 = 1.0 / r2, ir6 = ir2 * ir2 * ir2;
                    final double fr = ir6 * (c1 * ir6 - c2) * ir2;
                    final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                    fxi -= fx; fyi -= fy; fzi -= fz;
                    f[j3] += fx; f[j3 + 1] += fy; f[j3 + 2] += fz;
                }
            }
            for (int k = km; k < ke; k++) {
                final int j3 = 3 * nb[k];
                final int s3 = 3 * si[k];
                final double dx = x[j3] - xi + sv[s3], dy = x[j3 + 1] - yi + sv[s3 + 1], dz = x[j3 + 2] - zi + sv[s3 + 2];
                final double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < cut2) {
                    final double ir2 = 1.0 / r2, ir6 = ir2 * ir2 * ir2;
                    final double fr = ir6 * (c1 * ir6 - c2) * ir2;
                    final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                    fxi -= fx; fyi -= fy; fzi -= fz;
                    f[j3] += fx; f[j3 + 1] += fy; f[j3 + 2] += fz;
                }
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
    }

    /** Forces, energy and virial (thermo steps, barostats); the force arithmetic is that of {@link #kernelF}. */
    private void kernelEV(int i0, int i1, double[] x, int[] ty, int[] off, int[] mid, int[] nb, int[] si, double[] sv,
                          double[] f, double[] acc) {
        final double[] c1 = lj1, c2 = lj2, c3 = lj3, c4 = lj4, off0 = offset, cut2 = rc2;
        final int ntypes = nt;
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int i = i0; i < i1; i++) {
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            final int row = ty[i] * ntypes;
            double fxi = 0, fyi = 0, fzi = 0;
            final int km = mid[i], ke = off[i + 1];
            for (int k = off[i]; k < ke; k++) {
                final int j = nb[k];
                double dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
                if (k >= km) {
                    final int s3 = 3 * si[k];
                    dx += sv[s3]; dy += sv[s3 + 1]; dz += sv[s3 + 2];
                }
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = row + ty[j];
                if (r2 < cut2[pt]) {
                    final double ir2 = 1.0 / r2, ir6 = ir2 * ir2 * ir2;
                    final double fr = ir6 * (c1[pt] * ir6 - c2[pt]) * ir2;
                    e += ir6 * (c3[pt] * ir6 - c4[pt]) - off0[pt];
                    final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                    fxi -= fx; fyi -= fy; fzi -= fz;
                    f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                    vxx += fx * dx; vyy += fy * dy; vzz += fz * dz;
                    vxy += fx * dy; vxz += fx * dz; vyz += fy * dz;
                }
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
        acc[0] = e;
        acc[1] = vxx; acc[2] = vyy; acc[3] = vzz; acc[4] = vxy; acc[5] = vxz; acc[6] = vyz;
    }

    @Override protected double tailEnergyCoefficient(int pt) { return tail ? tailE[pt] : 0; }
    @Override protected double tailVirialCoefficient(int pt) { return tail ? tailW[pt] : 0; }
    @Override public boolean hasTail() { return tail; }

    public boolean shifted() { return shift; }

    @Override
    public String name() {
        return "lj/cut " + globalCut + (shift ? " shift" : "") + (tail ? " tail" : "");
    }
}
