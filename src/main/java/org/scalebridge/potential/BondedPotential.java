package org.scalebridge.potential;

import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Bond and angle energies of a {@link Topology} (LAMMPS {@code bond_style harmonic/morse}, {@code angle_style
 * harmonic}; no factor ½). The harmonic angle uses LAMMPS' force expression with sin θ clamped at 0.001, which keeps
 * near-linear bridges (θ₀ = 180°, e.g. Fe–C≡N and C≡N–Mn) well defined. Per-atom energies: bonds ½–½, angles ⅓ each.
 * Bonded partners are fixed by index; Monte Carlo changes re-evaluate only the terms of the moved atom, and GCMC
 * may insert/delete unbonded ions (Na⁺) only.
 */
public final class BondedPotential extends AbstractPotential {
    private final Topology topo;
    private final double[] bk, balpha, br0, ak, at0;
    private final boolean[] morse;
    private int[] expectedZ;
    private final double[] d = new double[3], d2 = new double[3];

    public BondedPotential(Topology topo) {
        this.topo = topo;
        var bt = topo.bondTypes();
        bk = new double[bt.size()]; balpha = new double[bt.size()]; br0 = new double[bt.size()]; morse = new boolean[bt.size()];
        for (int t = 0; t < bt.size(); t++) {
            bk[t] = bt.get(t).k(); balpha[t] = bt.get(t).alpha(); br0[t] = bt.get(t).r0();
            morse[t] = bt.get(t).style() == Topology.BondStyle.MORSE;
        }
        var an = topo.angleTypes();
        ak = new double[an.size()]; at0 = new double[an.size()];
        for (int t = 0; t < an.size(); t++) { ak[t] = an.get(t).k(); at0[t] = Math.toRadians(an.get(t).theta0Deg()); }
    }

    /** Records the atomic numbers the topology was built for; compute then checks them (catches re-ordered atoms). */
    public BondedPotential expectAtomicNumbers(int[] z) { this.expectedZ = z.clone(); return this; }

    public Topology topology() { return topo; }

    @Override public String name() { return "bonded(" + topo.bondCount() + " bonds, " + topo.angleCount() + " angles)"; }
    /** The longest bonded distance is not bounded a priori; report 0 (no non-bonded range). */
    @Override public double cutoff() { return 0; }
    @Override public boolean isLocal() { return false; }

    /**
     * Monte Carlo changes: a move re-evaluates only the bonds and angles of the moved atom; an inserted atom has no
     * bonded terms (ΔE = 0); deleting an unbonded atom changes nothing. Deleting or renumbering a bonded atom is
     * refused (it would invalidate the topology): GCMC exchanges unbonded ions only.
     */
    @Override
    public LocalChange localChange() {
        return new LocalChange() {
            private int[][] bondsOf, anglesOf;

            private void index() {
                if (bondsOf != null) return;
                int n = topo.atomsReferenced();
                int[] nb = new int[n], na = new int[n];
                int[] bt = topo.bondTable(), at = topo.angleTable();
                for (int b = 0; b < topo.bondCount(); b++) { nb[bt[3 * b + 1]]++; nb[bt[3 * b + 2]]++; }
                for (int a = 0; a < topo.angleCount(); a++) for (int k = 1; k <= 3; k++) na[at[4 * a + k]]++;
                bondsOf = new int[n][]; anglesOf = new int[n][];
                for (int i = 0; i < n; i++) { bondsOf[i] = new int[nb[i]]; anglesOf[i] = new int[na[i]]; nb[i] = 0; na[i] = 0; }
                for (int b = 0; b < topo.bondCount(); b++) for (int k = 1; k <= 2; k++) { int i = bt[3 * b + k]; bondsOf[i][nb[i]++] = b; }
                for (int a = 0; a < topo.angleCount(); a++) for (int k = 1; k <= 3; k++) { int i = at[4 * a + k]; anglesOf[i][na[i]++] = a; }
            }

            private boolean bonded(int i) {
                index();
                return i < bondsOf.length && (bondsOf[i].length > 0 || anglesOf[i].length > 0);
            }

            private double local(Structure s, int i, double x, double y, double z) {
                double[] p = s.positions();
                double ox = p[3 * i], oy = p[3 * i + 1], oz = p[3 * i + 2];
                p[3 * i] = x; p[3 * i + 1] = y; p[3 * i + 2] = z;
                try {
                    double e = 0;
                    for (int b : bondsOf[i]) e += bondEnergy(s, b);
                    for (int a : anglesOf[i]) e += angleEnergy(s, a);
                    return e;
                } finally {
                    p[3 * i] = ox; p[3 * i + 1] = oy; p[3 * i + 2] = oz;
                }
            }

            @Override public double deltaMove(Structure s, int i, double x, double y, double z) {
                if (!bonded(i)) return 0;
                return local(s, i, x, y, z) - local(s, i, s.x(i), s.y(i), s.z(i));
            }
            @Override public double deltaInsert(Structure s, int z, double q, double x, double y, double zc) { return 0; }
            @Override public double deltaDelete(Structure s, int i) {
                if (bonded(i)) throw new IllegalStateException("atom " + i + " is bonded: deleting it would break the topology");
                int last = s.size() - 1;
                if (i != last && bonded(last)) throw new IllegalStateException("deleting atom " + i + " would renumber bonded atom " + last);
                return 0;
            }
        };
    }

    private double bondEnergy(Structure s, int b) {
        int[] bt = topo.bondTable();
        int t = bt[3 * b], i = bt[3 * b + 1], j = bt[3 * b + 2];
        double[] d = {s.x(j) - s.x(i), s.y(j) - s.y(i), s.z(j) - s.z(i)};
        double r = Math.sqrt(s.cell().minimumImage(d));
        if (morse[t]) { double ex = Math.exp(-balpha[t] * (r - br0[t])); return bk[t] * (1 - ex) * (1 - ex); }
        return bk[t] * (r - br0[t]) * (r - br0[t]);
    }

    private double angleEnergy(Structure s, int a) {
        int[] an = topo.angleTable();
        int t = an[4 * a], i = an[4 * a + 1], j = an[4 * a + 2], k = an[4 * a + 3];
        double[] d1 = {s.x(i) - s.x(j), s.y(i) - s.y(j), s.z(i) - s.z(j)}, d2 = {s.x(k) - s.x(j), s.y(k) - s.y(j), s.z(k) - s.z(j)};
        double r1 = Math.sqrt(s.cell().minimumImage(d1)), r2 = Math.sqrt(s.cell().minimumImage(d2));
        double c = Math.max(-1, Math.min(1, (d1[0] * d2[0] + d1[1] * d2[1] + d1[2] * d2[2]) / (r1 * r2)));
        double dt = Math.acos(c) - at0[t];
        return ak[t] * dt * dt;
    }

    // minimum-image fast path (see mic): the cell and its inverse, periodicity, (half the smallest width)²
    private final double[] mh = new double[9], mhi = new double[9];
    private final boolean[] mper = new boolean[3];
    private double mHalf2;

    private void prepareMic(Cell cell) {
        double[] h = cell.matrix(), hi = cell.inverse(), w = cell.perpendicularWidths();
        System.arraycopy(h, 0, mh, 0, 9);
        System.arraycopy(hi, 0, mhi, 0, 9);
        double wmin = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            mper[a] = cell.periodic(a);
            if (mper[a]) wmin = Math.min(wmin, w[a]);
        }
        mHalf2 = 0.25 * wmin * wmin;
    }

    /**
     * Minimum image of d in place, returning |d|². Rounds the fractional components; if the result is shorter than
     * half the smallest periodic width it is the minimum image (the minimum image m then has |m_a| &lt; ½ in every
     * fractional component, so rounding any image yields m). Otherwise falls back to the exact
     * {@link Cell#minimumImage} (cells thinner than twice a bond, strongly skewed cells).
     */
    private double mic(Cell cell, double[] d) {
        final double[] h = mh, hi = mhi;
        double fa = d[0] * hi[0] + d[1] * hi[3] + d[2] * hi[6];
        double fb = d[0] * hi[1] + d[1] * hi[4] + d[2] * hi[7];
        double fc = d[0] * hi[2] + d[1] * hi[5] + d[2] * hi[8];
        if (mper[0]) fa -= Math.rint(fa);
        if (mper[1]) fb -= Math.rint(fb);
        if (mper[2]) fc -= Math.rint(fc);
        double x = fa * h[0] + fb * h[3] + fc * h[6];
        double y = fa * h[1] + fb * h[4] + fc * h[7];
        double z = fa * h[2] + fb * h[5] + fc * h[8];
        double r2 = x * x + y * y + z * z;
        if (r2 < mHalf2) {
            d[0] = x; d[1] = y; d[2] = z;
            return r2;
        }
        return cell.minimumImage(d);
    }

    @Override
    public void accumulate(Structure s, ForceResult out) {
        int n = s.size();
        if (topo.atomsReferenced() > n) {
            throw new IllegalStateException("topology refers to atom " + (topo.atomsReferenced() - 1) + " but the structure has " + n + " atoms");
        }
        if (expectedZ != null) {
            int[] z = s.atomicNumbers();
            for (int i = 0; i < Math.min(expectedZ.length, n); i++) {
                if (z[i] != expectedZ[i]) throw new IllegalStateException("bonded atom " + i + " changed element since the topology was built");
            }
        }
        Cell cell = s.cell();
        prepareMic(cell);
        double[] p = s.positions();
        double[] f = out.forces();
        double[] pa = out.perAtomEnergy();
        boolean wantF = out.wantsForces(), wantPA = out.wantsPerAtom();
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        double[] d = this.d, d2 = this.d2;
        int[] bt = topo.bondTable();
        for (int b = 0; b < topo.bondCount(); b++) {
            int t = bt[3 * b], i = bt[3 * b + 1], j = bt[3 * b + 2];
            d[0] = p[3 * j] - p[3 * i]; d[1] = p[3 * j + 1] - p[3 * i + 1]; d[2] = p[3 * j + 2] - p[3 * i + 2];
            double r = Math.sqrt(mic(cell, d));
            double eb, fr;
            if (morse[t]) {
                // E = D₀[1 − e^{−α(r−r₀)}]², dE/dr = 2D₀α(1 − e)e
                double ex = Math.exp(-balpha[t] * (r - br0[t]));
                eb = bk[t] * (1 - ex) * (1 - ex);
                fr = -2 * bk[t] * balpha[t] * (1 - ex) * ex / r;
            } else {
                double dr = r - br0[t];
                eb = bk[t] * dr * dr;
                fr = -2 * bk[t] * dr / r;
            }
            e += eb;
            if (wantPA) { pa[i] += 0.5 * eb; pa[j] += 0.5 * eb; }
            double fx = fr * d[0], fy = fr * d[1], fz = fr * d[2];
            if (wantF) {
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                f[3 * i] -= fx; f[3 * i + 1] -= fy; f[3 * i + 2] -= fz;
            }
            vxx += d[0] * fx; vyy += d[1] * fy; vzz += d[2] * fz;
            vxy += d[0] * fy; vxz += d[0] * fz; vyz += d[1] * fz;
        }
        int[] an = topo.angleTable();
        for (int a = 0; a < topo.angleCount(); a++) {
            int t = an[4 * a], i = an[4 * a + 1], j = an[4 * a + 2], k = an[4 * a + 3];
            d[0] = p[3 * i] - p[3 * j]; d[1] = p[3 * i + 1] - p[3 * j + 1]; d[2] = p[3 * i + 2] - p[3 * j + 2];
            d2[0] = p[3 * k] - p[3 * j]; d2[1] = p[3 * k + 1] - p[3 * j + 1]; d2[2] = p[3 * k + 2] - p[3 * j + 2];
            double r1s = mic(cell, d), r2s = mic(cell, d2);
            double r1 = Math.sqrt(r1s), r2 = Math.sqrt(r2s);
            double c = (d[0] * d2[0] + d[1] * d2[1] + d[2] * d2[2]) / (r1 * r2);
            if (c > 1) c = 1;
            if (c < -1) c = -1;
            double sn = Math.sqrt(1 - c * c);
            if (sn < 0.001) sn = 0.001;
            double dtheta = Math.acos(c) - at0[t];
            double ea = ak[t] * dtheta * dtheta;
            e += ea;
            if (wantPA) { pa[i] += ea / 3; pa[j] += ea / 3; pa[k] += ea / 3; }
            // dE/dc = 2K Δθ · dθ/dc = −2K Δθ / sin θ;  F_i = −dE/dc · ∂c/∂r_i
            double g = 2 * ak[t] * dtheta / sn;  // = −dE/dc
            double a11 = g * c / r1s, a12 = -g / (r1 * r2), a22 = g * c / r2s;
            double f1x = a11 * d[0] + a12 * d2[0], f1y = a11 * d[1] + a12 * d2[1], f1z = a11 * d[2] + a12 * d2[2];
            double f3x = a22 * d2[0] + a12 * d[0], f3y = a22 * d2[1] + a12 * d[1], f3z = a22 * d2[2] + a12 * d[2];
            // sign: F_i = −dE/dr_i = (dE/dc)(−∂c/∂r_i) with ∂c/∂r_i = d2/(r1 r2) − c d/r1²
            f1x = -f1x; f1y = -f1y; f1z = -f1z; f3x = -f3x; f3y = -f3y; f3z = -f3z;
            if (wantF) {
                f[3 * i] += f1x; f[3 * i + 1] += f1y; f[3 * i + 2] += f1z;
                f[3 * k] += f3x; f[3 * k + 1] += f3y; f[3 * k + 2] += f3z;
                f[3 * j] -= f1x + f3x; f[3 * j + 1] -= f1y + f3y; f[3 * j + 2] -= f1z + f3z;
            }
            vxx += d[0] * f1x + d2[0] * f3x; vyy += d[1] * f1y + d2[1] * f3y; vzz += d[2] * f1z + d2[2] * f3z;
            vxy += d[0] * f1y + d2[0] * f3y; vxz += d[0] * f1z + d2[0] * f3z; vyz += d[1] * f1z + d2[1] * f3z;
        }
        out.addEnergy(e);
        if (out.wantsVirial()) addVirial6(out.virial(), vxx, vyy, vzz, vxy, vxz, vyz);
    }
}
