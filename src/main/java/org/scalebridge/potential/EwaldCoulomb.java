package org.scalebridge.potential;

import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Ewald summation of the Coulomb energy of a periodic (3D, tin-foil) system of point charges:
 * E = E_real + E_recip + E_self + E_background with
 * E_real = k Σ_{i&lt;j,n} qᵢqⱼ erfc(α r)/r (r &lt; r_c),
 * E_recip = (2πk/V) Σ_{k≠0} e^{−k²/4α²}/k² |S(k)|², S(k) = Σ q_j e^{ik·r_j},
 * E_self = −kα/√π Σ qᵢ², E_background = −kπQ²/(2Vα²) (net charge Q).
 * Reciprocal-space virial W_ab = Σ_k E_k [δ_ab − 2k_a k_b (1/k² + 1/4α²)].
 *
 * <p>Accuracy: with a target relative accuracy ε, α = √(−ln ε)/r_c unless α is given, and the reciprocal sum
 * includes every k with e^{−k²/4α²} &gt; ε² (k_c = 2α√(−2 ln ε)), which makes the truncation error of both sums ~ε.
 * In {@link Erfc.Mode#ABRAMOWITZ_STEGUN} mode the real-space erfc is the A&amp;S polynomial and the force uses
 * LAMMPS' 9-digit 2/√π, to reproduce LAMMPS {@code coul/long} with {@code table 0} at 1e-8.
 * Non-local, but Monte Carlo changes are exact and O(N_k) per move through stored structure factors.
 */
public final class EwaldCoulomb extends AbstractPotential {
    private static final double K = Units.COULOMB_EV_A;
    /** 2/√π as the 9-digit literal of LAMMPS' real-space Ewald force (a published fact of that code's behaviour). */
    static final double LAMMPS_EWALD_F = 1.12837917;
    private final double rc, accuracy;
    private final double alphaGiven;
    private final Erfc.Mode mode;
    private final RealSpace real;
    private double alpha;
    // work arrays
    private double[] cs = new double[0], sn = new double[0];
    private int[] kmax = new int[3];
    private final int[] base = new int[3];
    private final double[] frac = new double[3];

    /**
     * @param types    elements (every pair interacts)
     * @param cutoff   real-space cutoff (Å)
     * @param accuracy target relative accuracy (e.g. 1e-8)
     * @param alpha    splitting parameter (1/Å), or NaN to derive it from cutoff and accuracy
     */
    public EwaldCoulomb(TypeMap types, double cutoff, double accuracy, double alpha, Erfc.Mode mode) {
        if (!(cutoff > 0)) throw new IllegalArgumentException("Ewald real-space cutoff must be > 0");
        if (!(accuracy > 0 && accuracy < 1)) throw new IllegalArgumentException("Ewald accuracy must be in (0, 1)");
        this.rc = cutoff;
        this.accuracy = accuracy;
        this.alphaGiven = alpha;
        this.mode = mode;
        this.alpha = Double.isNaN(alpha) ? Math.sqrt(-Math.log(accuracy)) / cutoff : alpha;
        this.real = new RealSpace(types, cutoff, this.alpha, mode);
    }

    public double alpha() { return alpha; }

    private double kCutoffOverride = Double.NaN;

    /** The k-space cutoff (1/Å). */
    public double kCutoff() {
        return Double.isNaN(kCutoffOverride) ? 2 * alpha * Math.sqrt(-2 * Math.log(accuracy)) : kCutoffOverride;
    }

    /** Overrides the k-space cutoff (1/Å); NaN restores the accuracy-derived value. */
    public EwaldCoulomb setKCutoff(double kc) {
        if (!(kc > 0) && !Double.isNaN(kc)) throw new IllegalArgumentException("k cutoff must be > 0");
        this.kCutoffOverride = kc;
        return this;
    }

    @Override public String name() { return "ewald rc=" + rc + " acc=" + accuracy + (mode == Erfc.Mode.ABRAMOWITZ_STEGUN ? " (A&S erfc)" : ""); }
    @Override public double cutoff() { return rc; }
    @Override public boolean isLocal() { return false; }

    /**
     * Exact Monte Carlo changes from stored structure factors (O(N_k) per move) plus the neighbourhood of the changed
     * atom for the real-space part; see {@link EwaldLocalChange}.
     */
    @Override public LocalChange localChange() { return new EwaldLocalChange(this, real); }
    @Override public void setThreads(int threads) { real.setThreads(threads); }

    @Override
    public void accumulate(Structure s, ForceResult out) {
        int n = s.size();
        if (n == 0) return;
        if (!s.cell().fullyPeriodic()) throw new IllegalArgumentException("Ewald summation needs a cell periodic in 3 directions");
        double[] q = s.charges();
        if (q == null) return;
        real.accumulate(s, out);
        double sumQ2 = 0, sumQ = 0;
        for (int i = 0; i < n; i++) { sumQ2 += q[i] * q[i]; sumQ += q[i]; }
        Cell cell = s.cell();
        double v = cell.volume();
        double eSelf = -K * alpha / Math.sqrt(Math.PI) * sumQ2;
        double eBg = -K * Math.PI * sumQ * sumQ / (2 * v * alpha * alpha);
        out.addEnergy(eSelf + eBg);
        if (out.wantsPerAtom()) {
            double[] pa = out.perAtomEnergy();
            for (int i = 0; i < n; i++) pa[i] += -K * alpha / Math.sqrt(Math.PI) * q[i] * q[i] + eBg / n;
        }
        if (out.wantsVirial()) {
            // background energy scales as 1/V: W_aa = −V ∂E/∂V... per component: −∂E/∂ε_aa = E_bg
            double[] w = out.virial();
            w[0] += eBg; w[4] += eBg; w[8] += eBg;
        }
        reciprocal(s, q, out);
    }

    private void reciprocal(Structure s, double[] q, ForceResult out) {
        int n = s.size();
        Cell cell = s.cell();
        double v = cell.volume();
        double kc = kCutoff(), kc2 = kc * kc;
        double[] hinv = cell.inverse();
        for (int d = 0; d < 3; d++) kmax[d] = (int) Math.floor(kc * cell.len(d) / (2 * Math.PI));
        int w0 = 2 * kmax[0] + 1, w1 = 2 * kmax[1] + 1, w2 = 2 * kmax[2] + 1;
        int stride = w0 + w1 + w2;
        if (cs.length < n * stride) { cs = new double[n * stride]; sn = new double[n * stride]; }
        double[] p = s.positions();
        // e^{i 2π m f_d} by recurrence, stored per atom: [dim0: −k0..k0][dim1: …][dim2: …]
        int[] base = this.base;
        base[0] = 0; base[1] = w0; base[2] = w0 + w1;
        double[] f = this.frac;
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            f[0] = cell.fracX(x, y, z); f[1] = cell.fracY(x, y, z); f[2] = cell.fracZ(x, y, z);
            for (int d = 0; d < 3; d++) {
                int o = i * stride + base[d] + kmax[d];
                double c1 = Math.cos(2 * Math.PI * f[d]), s1 = Math.sin(2 * Math.PI * f[d]);
                cs[o] = 1; sn[o] = 0;
                for (int m = 1; m <= kmax[d]; m++) {
                    double c = cs[o + m - 1] * c1 - sn[o + m - 1] * s1;
                    double sgn = sn[o + m - 1] * c1 + cs[o + m - 1] * s1;
                    // refresh every 16 steps to limit round-off growth
                    if ((m & 15) == 0) { c = Math.cos(2 * Math.PI * m * f[d]); sgn = Math.sin(2 * Math.PI * m * f[d]); }
                    cs[o + m] = c; sn[o + m] = sgn;
                    cs[o - m] = c; sn[o - m] = -sgn;
                }
            }
        }
        double pref = 2 * Math.PI * K / v;
        double inv4a2 = 1 / (4 * alpha * alpha);
        double e = 0, wxx = 0, wyy = 0, wzz = 0, wxy = 0, wxz = 0, wyz = 0;
        boolean wantF = out.wantsForces(), wantPA = out.wantsPerAtom();
        double[] force = out.forces(), pa = out.perAtomEnergy();
        for (int m0 = 0; m0 <= kmax[0]; m0++) {
            for (int m1 = (m0 == 0 ? 0 : -kmax[1]); m1 <= kmax[1]; m1++) {
                for (int m2 = (m0 == 0 && m1 == 0 ? 1 : -kmax[2]); m2 <= kmax[2]; m2++) {
                    // k = 2π H⁻¹ m (column), so k·r = 2π f·m
                    double kx = 2 * Math.PI * (hinv[0] * m0 + hinv[1] * m1 + hinv[2] * m2);
                    double ky = 2 * Math.PI * (hinv[3] * m0 + hinv[4] * m1 + hinv[5] * m2);
                    double kz = 2 * Math.PI * (hinv[6] * m0 + hinv[7] * m1 + hinv[8] * m2);
                    double k2 = kx * kx + ky * ky + kz * kz;
                    if (k2 >= kc2) continue;
                    double g = Math.exp(-k2 * inv4a2) / k2;
                    double re = 0, im = 0;
                    int o0 = base[0] + kmax[0] + m0, o1 = base[1] + kmax[1] + m1, o2 = base[2] + kmax[2] + m2;
                    for (int i = 0; i < n; i++) {
                        int b = i * stride;
                        double ca = cs[b + o0], sa = sn[b + o0], cb = cs[b + o1], sb = sn[b + o1], cc = cs[b + o2], sc = sn[b + o2];
                        double cab = ca * cb - sa * sb, sab = sa * cb + ca * sb;
                        double c = cab * cc - sab * sc, sv = sab * cc + cab * sc;
                        re += q[i] * c;
                        im += q[i] * sv;
                    }
                    // half space: each k stands for ±k
                    double ek = 2 * pref * g * (re * re + im * im);
                    e += ek;
                    double fac = 2 * (1 / k2 + inv4a2);
                    wxx += ek * (1 - fac * kx * kx); wyy += ek * (1 - fac * ky * ky); wzz += ek * (1 - fac * kz * kz);
                    wxy -= ek * fac * kx * ky; wxz -= ek * fac * kx * kz; wyz -= ek * fac * ky * kz;
                    if (wantF || wantPA) {
                        for (int i = 0; i < n; i++) {
                            int b = i * stride;
                            double ca = cs[b + o0], sa = sn[b + o0], cb = cs[b + o1], sb = sn[b + o1], cc = cs[b + o2], sc = sn[b + o2];
                            double cab = ca * cb - sa * sb, sab = sa * cb + ca * sb;
                            double c = cab * cc - sab * sc, sv = sab * cc + cab * sc;
                            if (wantF) {
                                // F_i = 4A g q_i k (sin_i Re S − cos_i Im S), A = 2πk/V
                                double fi = 4 * pref * g * q[i] * (sv * re - c * im);
                                force[3 * i] += fi * kx; force[3 * i + 1] += fi * ky; force[3 * i + 2] += fi * kz;
                            }
                            if (wantPA) pa[i] += 2 * pref * g * q[i] * (c * re + sv * im);
                        }
                    }
                }
            }
        }
        out.addEnergy(e);
        if (out.wantsVirial()) addVirial6(out.virial(), wxx, wyy, wzz, wxy, wxz, wyz);
    }

    /** Real-space part k qᵢqⱼ erfc(αr)/r; with A&amp;S erfc, LAMMPS' force expression. */
    static final class RealSpace extends PairPotential {
        private final double alpha;
        private final Erfc.Mode mode;

        private final double twoOverSqrtPi;

        RealSpace(TypeMap types, double rc, double alpha, Erfc.Mode mode) {
            super(types, DsfCoulomb.uniform(types.size(), rc));
            this.alpha = alpha;
            this.mode = mode;
            // LAMMPS' coul/long force uses 2/√π rounded to 9 digits (EWALD_F = 1.12837917, a 2.9e-9 relative
            // difference that shows as a ~1e-6 eV isotropic virial offset in A2); the LAMMPS-compatible mode keeps it
            this.twoOverSqrtPi = mode == Erfc.Mode.EXACT ? Erfc.TWO_OVER_SQRT_PI : LAMMPS_EWALD_F;
        }

        @Override protected boolean usesCharges() { return true; }

        @Override
        protected double pair(int pt, double r2, double qq, double[] f) {
            if (qq == 0) { f[0] = 0; return 0; }
            double r = Math.sqrt(r2);
            double ex = Math.exp(-alpha * alpha * r2);
            double erfc = Erfc.of(mode, alpha * r, ex);
            double pre = K * qq / r;
            // F = k qq [erfc(αr) + 2αr/√π e^{−α²r²}] / r²
            f[0] = pre * (erfc + twoOverSqrtPi * alpha * r * ex) / r2;
            return pre * erfc;
        }

        @Override public String name() { return "ewald real space"; }
    }
}
