package org.scalebridge.potential;

/** Buckingham: φ(r) = A·exp(−r/ρ) − C/r⁶ for r &lt; r_c (LAMMPS {@code buck}); optional energy shift at r_c. */
public final class Buckingham extends PairPotential {
    private final double[] a, rho, c, offset;
    private final boolean shift;
    private final double globalCut;

    /** Parameter table for A (eV), ρ (Å), C (eV·Å⁶). */
    public static PairTable table(double cutoff) { return new PairTable(cutoff, "A", "rho", "C"); }

    public Buckingham(PairTable table, boolean shift) { this(table, table.types(), shift); }

    private Buckingham(PairTable table, TypeMap types, boolean shift) {
        super(types, table.cutoffs(types));
        double[][] p = table.params(types);
        a = p[0]; rho = p[1]; c = p[2];
        this.shift = shift;
        this.globalCut = table.defaultCutoff();
        offset = new double[nt * nt];
        for (int k = 0; k < nt * nt; k++) {
            if (rc2[k] > 0 && !(rho[k] > 0) && a[k] != 0) throw new IllegalArgumentException("Buckingham rho must be > 0");
            if (shift && rc2[k] > 0) {
                double r = Math.sqrt(rc2[k]);
                offset[k] = (a[k] != 0 ? a[k] * Math.exp(-r / rho[k]) : 0) - c[k] / (rc2[k] * rc2[k] * rc2[k]);
            }
        }
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double r = Math.sqrt(r2);
        double ir2 = 1 / r2, ir6 = ir2 * ir2 * ir2;
        double rexp = a[pt] != 0 ? a[pt] * Math.exp(-r / rho[pt]) : 0;
        // F/r = [A/ρ e^{−r/ρ} r − 6C/r⁶] / r²
        f[0] = (rexp / rho[pt] * r - 6 * c[pt] * ir6) * ir2;
        return rexp - c[pt] * ir6 - offset[pt];
    }

    /** The loop of {@link #pair} inlined (same arithmetic, so the same forces as the generic loop). */
    @Override
    protected boolean kernel(int r0, int r1, int[] rowAtom, double[] x, int[] ty, double[] q, int[] off, int[] mid,
                             int[] nb, int[] si, double[] sv, double[] f, boolean ev, double[] acc) {
        final double[] ca = a, cr = rho, cc = c, co = offset, cut2 = rc2;
        final int ntypes = nt;
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int r = r0; r < r1; r++) {
            final int i = rowAtom == null ? r : rowAtom[r];
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            final int row = ty[i] * ntypes;
            final int km = mid == null ? off[r] : mid[r], ke = off[r + 1];
            double fxi = 0, fyi = 0, fzi = 0;
            for (int k = off[r]; k < ke; k++) {
                final int j = nb[k];
                double dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
                if (k >= km) {
                    final int s3 = 3 * si[k];
                    dx += sv[s3]; dy += sv[s3 + 1]; dz += sv[s3 + 2];
                }
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = row + ty[j];
                if (r2 >= cut2[pt]) continue;
                final double rr = Math.sqrt(r2);
                final double ir2 = 1 / r2, ir6 = ir2 * ir2 * ir2;
                final double rexp = ca[pt] != 0 ? ca[pt] * Math.exp(-rr / cr[pt]) : 0;
                final double fr = (rexp / cr[pt] * rr - 6 * cc[pt] * ir6) * ir2;
                final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                fxi -= fx; fyi -= fy; fzi -= fz;
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                if (ev) {
                    e += rexp - cc[pt] * ir6 - co[pt];
                    vxx += fx * dx; vyy += fy * dy; vzz += fz * dz;
                    vxy += fx * dy; vxz += fx * dz; vyz += fy * dz;
                }
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
        acc[0] = e;
        acc[1] = vxx; acc[2] = vyy; acc[3] = vzz; acc[4] = vxy; acc[5] = vxz; acc[6] = vyz;
        return true;
    }

    @Override
    public String name() { return "buck " + globalCut + (shift ? " shift" : ""); }
}
