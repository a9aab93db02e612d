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
        // the half-space k vectors inside the cutoff
        int count = 0;
        for (int m0 = 0; m0 <= kmax[0]; m0++) {
            for (int m1 = (m0 == 0 ? 0 : -kmax[1]); m1 <= kmax[1]; m1++) {
                for (int m2 = (m0 == 0 && m1 == 0 ? 1 : -kmax[2]); m2 <= kmax[2]; m2++) {
                    // k = 2π H⁻¹ m (column), so k·r = 2π f·m
                    double kx = 2 * Math.PI * (hinv[0] * m0 + hinv[1] * m1 + hinv[2] * m2);
                    double ky = 2 * Math.PI * (hinv[3] * m0 + hinv[4] * m1 + hinv[5] * m2);
                    double kz = 2 * Math.PI * (hinv[6] * m0 + hinv[7] * m1 + hinv[8] * m2);
                    if (kx * kx + ky * ky + kz * kz >= kc2) continue;
                    if (kList.length < 3 * (count + 1)) kList = java.util.Arrays.copyOf(kList, Math.max(96, 2 * kList.length));
                    kList[3 * count] = m0; kList[3 * count + 1] = m1; kList[3 * count + 2] = m2;
                    count++;
                }
            }
        }
        final int nk = count, threads = real.threads();
        final boolean wantF = out.wantsForces(), wantPA = out.wantsPerAtom();
        if (tForce.length != threads) { tForce = new double[threads][0]; tPerAtom = new double[threads][0]; tAcc = new double[7 * threads]; }
        for (int t = 0; t < threads; t++) {
            if (wantF && tForce[t].length < 3 * n) tForce[t] = new double[3 * n];
            if (wantPA && tPerAtom[t].length < n) tPerAtom[t] = new double[n];
        }
        final double pref = 2 * Math.PI * K / v, inv4a2 = 1 / (4 * alpha * alpha);
        final int fStride = stride;
        real.run(t -> kChunk(t, (int) ((long) nk * t / threads), (int) ((long) nk * (t + 1) / threads), n, fStride, q, hinv,
                pref, inv4a2, wantF, wantPA));
        double e = 0, wxx = 0, wyy = 0, wzz = 0, wxy = 0, wxz = 0, wyz = 0;
        double[] force = out.forces(), pa = out.perAtomEnergy();
        for (int t = 0; t < threads; t++) {
            e += tAcc[7 * t]; wxx += tAcc[7 * t + 1]; wyy += tAcc[7 * t + 2]; wzz += tAcc[7 * t + 3];
            wxy += tAcc[7 * t + 4]; wxz += tAcc[7 * t + 5]; wyz += tAcc[7 * t + 6];
            if (wantF) { double[] tf = tForce[t]; for (int k = 0; k < 3 * n; k++) force[k] += tf[k]; }
            if (wantPA) { double[] tp = tPerAtom[t]; for (int k = 0; k < n; k++) pa[k] += tp[k]; }
        }
        out.addEnergy(e);
        if (out.wantsVirial()) addVirial6(out.virial(), wxx, wyy, wzz, wxy, wxz, wyz);
    }

    private int[] kList = new int[0];
    private double[][] tForce = new double[0][], tPerAtom = new double[0][];
    private double[] tAcc = new double[0];

    /** Reciprocal-space sums over k vectors [k0, k1) into thread t's buffers. */
    private void kChunk(int t, int k0, int k1, int n, int stride, double[] q, double[] hinv, double pref, double inv4a2,
                        boolean wantF, boolean wantPA) {
        double[] force = wantF ? tForce[t] : null, pa = wantPA ? tPerAtom[t] : null;
        if (wantF) java.util.Arrays.fill(force, 0, 3 * n, 0.0);
        if (wantPA) java.util.Arrays.fill(pa, 0, n, 0.0);
        double e = 0, wxx = 0, wyy = 0, wzz = 0, wxy = 0, wxz = 0, wyz = 0;
        int w0 = 2 * kmax[0] + 1, w1 = 2 * kmax[1] + 1;
        for (int kk = k0; kk < k1; kk++) {
            int m0 = kList[3 * kk], m1 = kList[3 * kk + 1], m2 = kList[3 * kk + 2];
            double kx = 2 * Math.PI * (hinv[0] * m0 + hinv[1] * m1 + hinv[2] * m2);
            double ky = 2 * Math.PI * (hinv[3] * m0 + hinv[4] * m1 + hinv[5] * m2);
            double kz = 2 * Math.PI * (hinv[6] * m0 + hinv[7] * m1 + hinv[8] * m2);
            double k2 = kx * kx + ky * ky + kz * kz;
            double g = Math.exp(-k2 * inv4a2) / k2;
            double re = 0, im = 0;
            int o0 = kmax[0] + m0, o1 = w0 + kmax[1] + m1, o2 = w0 + w1 + kmax[2] + m2;
            for (int i = 0; i < n; i++) {
                int b = i * stride;
                double ca = cs[b + o0], sa = sn[b + o0], cb = cs[b + o1], sb = sn[b + o1], cc = cs[b + o2], sc = sn[b + o2];
                double cab = ca * cb - sa * sb, sab = sa * cb + ca * sb;
                re += q[i] * (cab * cc - sab * sc);
                im += q[i] * (sab * cc + cab * sc);
            }
            // E_recip = (2πk/V) Σ_{k≠0} g |S|²; the half space counts each ±k pair once, hence the factor 2
            double ek = 2 * pref * g * (re * re + im * im);
            e += ek;
            // W_ab = Σ_k E_k [δ_ab − 2 k_a k_b (1/k² + 1/4α²)]
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
        tAcc[7 * t] = e; tAcc[7 * t + 1] = wxx; tAcc[7 * t + 2] = wyy; tAcc[7 * t + 3] = wzz;
        tAcc[7 * t + 4] = wxy; tAcc[7 * t + 5] = wxz; tAcc[7 * t + 6] = wyz;
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
