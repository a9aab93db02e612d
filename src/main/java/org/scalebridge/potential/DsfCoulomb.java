package org.scalebridge.potential;

import org.scalebridge.core.Units;

/**
 * Damped shifted-force Coulomb (Fennell &amp; Gezelter, J. Chem. Phys. 124, 234104 (2006), eq. 19), in the form of
 * LAMMPS {@code coul/dsf}: for r &lt; r_c
 * E = k·qᵢqⱼ[erfc(αr)/r − e_shift − r·f_shift], f_shift = −(erfc(αr_c)/r_c² + 2α/√π·e^{−α²r_c²}/r_c),
 * e_shift = erfc(αr_c)/r_c − f_shift·r_c, plus a self term E_self,i = −(e_shift/2 + α/√π)·k·qᵢ² per atom.
 * Both energy and force go smoothly to zero at r_c; the term is local, so Monte Carlo changes are neighbourhood-only.
 *
 * <p>erfc is either exact or the A&amp;S 7.1.26 polynomial ({@link Erfc.Mode}); with the polynomial, the force is
 * LAMMPS' force expression (not the exact derivative of the polynomial energy), as in {@code lj/cut/coul/dsf}.
 * The shift constants always use the exact erfc (LAMMPS uses libm there).
 *
 * <p>Excluded (special) pairs: {@link ExclusionStyle#SUBTRACT_BARE} reproduces LAMMPS {@code lj/cut/coul/dsf} with
 * special_bonds coul 0 (the DSF term minus the bare Coulomb k·qᵢqⱼ/r); {@link ExclusionStyle#OMIT} drops them.
 */
public final class DsfCoulomb extends PairPotential {
    /** Treatment of topology-excluded pairs. */
    public enum ExclusionStyle { OMIT, SUBTRACT_BARE }

    private final double alpha, rc, fShift, eShift, selfPrefactor;
    private final Erfc.Mode mode;
    private final ExclusionStyle exclusionStyle;
    private static final double K = Units.COULOMB_EV_A;

    /**
     * @param types  the elements (all pairs interact; charges come from the structure)
     * @param alpha  damping parameter α (1/Å), ≥ 0
     * @param cutoff r_c (Å)
     */
    public DsfCoulomb(TypeMap types, double alpha, double cutoff, Erfc.Mode mode, ExclusionStyle exclusionStyle) {
        this(types, alpha, cutoff, mode, exclusionStyle, uniform(types.size(), cutoff));
    }

    /**
     * DSF restricted to some type pairs ({@code pairCutoff[ti·nt+tj]} = cutoff or 0 for no Coulomb between those
     * types), as LAMMPS {@code hybrid/overlay ... coul/dsf} with {@code pair_coeff} for selected pairs. The shift
     * constants use {@code cutoff}; the self term applies to every atom (as LAMMPS does when every type takes part
     * in at least one coul/dsf pair).
     */
    public DsfCoulomb(TypeMap types, double alpha, double cutoff, Erfc.Mode mode, ExclusionStyle exclusionStyle, double[] pairCutoff) {
        super(types, checked(pairCutoff, cutoff));
        if (!(alpha >= 0)) throw new IllegalArgumentException("DSF alpha must be ≥ 0");
        this.alpha = alpha;
        this.rc = cutoff;
        this.mode = mode;
        this.exclusionStyle = exclusionStyle;
        double erfcRc = Erfc.exact(alpha * cutoff);
        double expRc = Math.exp(-alpha * alpha * cutoff * cutoff);
        fShift = -(erfcRc / (cutoff * cutoff) + Erfc.TWO_OVER_SQRT_PI * alpha * expRc / cutoff);
        eShift = erfcRc / cutoff - fShift * cutoff;
        selfPrefactor = -(eShift / 2 + alpha / Math.sqrt(Math.PI)) * K;
    }

    private static double[] checked(double[] pc, double rc) {
        for (double c : pc) {
            if (c != 0 && c != rc) throw new IllegalArgumentException("DSF pair cutoffs must be 0 or the global cutoff " + rc);
        }
        return pc;
    }

    static double[] uniform(int nt, double rc) {
        double[] c = new double[nt * nt];
        java.util.Arrays.fill(c, rc);
        return c;
    }

    @Override protected boolean usesCharges() { return true; }
    @Override protected boolean hasSelfEnergy() { return true; }
    @Override protected double selfEnergy(int t, double q) { return selfPrefactor * q * q; }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        if (qq == 0) { f[0] = 0; return 0; }
        double r = Math.sqrt(r2);
        double ex = Math.exp(-alpha * alpha * r2);
        double erfc = Erfc.of(mode, alpha * r, ex);
        double pre = K * qq;
        // F = k qq [erfc(αr)/r² + 2α/√π e^{−α²r²}/r + f_shift]
        f[0] = pre * (erfc / r2 + Erfc.TWO_OVER_SQRT_PI * alpha * ex / r + fShift) / r;
        return pre * (erfc / r - eShift - r * fShift);
    }

    @Override
    protected double excludedPair(int pt, double r2, double qq, double[] f) {
        if (exclusionStyle == ExclusionStyle.OMIT || qq == 0) { f[0] = 0; return 0; }
        double e = pair(pt, r2, qq, f);
        double r = Math.sqrt(r2);
        double bare = K * qq / r;
        f[0] -= bare / r2;   // bare Coulomb F/r = k qq / r³
        return e - bare;
    }

    /** The loop of {@link #pair} inlined (same arithmetic, so the same forces as the generic loop). */
    @Override
    protected boolean kernel(int r0, int r1, int[] rowAtom, double[] x, int[] ty, double[] q, int[] off, int[] mid,
                             int[] nb, int[] si, double[] sv, double[] f, boolean ev, double[] acc) {
        if (q == null) return false;
        final double[] cut2 = rc2;
        final int ntypes = nt;
        final boolean as = mode == Erfc.Mode.ABRAMOWITZ_STEGUN;
        final double al = alpha, fs = fShift, es = eShift;
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int r = r0; r < r1; r++) {
            final int i = rowAtom == null ? r : rowAtom[r];
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            final double qi = q[i];
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
                final double qq = qi * q[j];
                if (qq == 0) continue;
                final double rr = Math.sqrt(r2);
                final double ex = Math.exp(-al * al * r2);
                final double erfc = as ? Erfc.abramowitzStegun(al * rr, ex) : Erfc.of(mode, al * rr, ex);
                final double pre = K * qq;
                // F = k qq [erfc(αr)/r² + 2α/√π e^{−α²r²}/r + f_shift]  (as in pair)
                final double fr = pre * (erfc / r2 + Erfc.TWO_OVER_SQRT_PI * al * ex / rr + fs) / rr;
                final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                fxi -= fx; fyi -= fy; fzi -= fz;
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                if (ev) {
                    e += pre * (erfc / rr - es - rr * fs);
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

    public double alpha() { return alpha; }

    @Override
    public String name() {
        return "coul/dsf α=" + alpha + " rc=" + rc + (mode == Erfc.Mode.ABRAMOWITZ_STEGUN ? " (A&S erfc)" : "");
    }
}
