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
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double ir2 = 1.0 / r2;
        double ir6 = ir2 * ir2 * ir2;
        f[0] = ir6 * (lj1[pt] * ir6 - lj2[pt]) * ir2;
        return ir6 * (lj3[pt] * ir6 - lj4[pt]) - offset[pt];
    }

    @Override
    protected boolean fastLoop(int i0, int i1, double[] p, int[] ty, int[] off, int[] nb, int[] si, double[] sv,
                               double[] f, double[] pa, boolean wantV, double[] sc, double[] acc, int o) {
        final double[] c1 = lj1, c2 = lj2, c3 = lj3, c4 = lj4, off0 = offset, cut2 = rc2;
        final int ntypes = nt;
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int i = i0; i < i1; i++) {
            final double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            final int row = ty[i] * ntypes;
            double fxi = 0, fyi = 0, fzi = 0;
            for (int k = off[i], ke = off[i + 1]; k < ke; k++) {
                final int j = nb[k];
                final int s3 = 3 * si[k];
                final double dx = p[3 * j] + sv[s3] - xi;
                final double dy = p[3 * j + 1] + sv[s3 + 1] - yi;
                final double dz = p[3 * j + 2] + sv[s3 + 2] - zi;
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = row + ty[j];
                if (r2 >= cut2[pt]) continue;
                final double ir2 = 1.0 / r2, ir6 = ir2 * ir2 * ir2;
                final double fr = ir6 * (c1[pt] * ir6 - c2[pt]) * ir2;
                final double ep = ir6 * (c3[pt] * ir6 - c4[pt]) - off0[pt];
                e += ep;
                if (pa != null) { pa[i] += 0.5 * ep; pa[j] += 0.5 * ep; }
                final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                fxi -= fx; fyi -= fy; fzi -= fz;
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                vxx += fx * dx; vyy += fy * dy; vzz += fz * dz;
                vxy += fx * dy; vxz += fx * dz; vyz += fy * dz;
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
        sc[1] = e;
        acc[o] = vxx; acc[o + 1] = vyy; acc[o + 2] = vzz; acc[o + 3] = vxy; acc[o + 4] = vxz; acc[o + 5] = vyz;
        return true;
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
