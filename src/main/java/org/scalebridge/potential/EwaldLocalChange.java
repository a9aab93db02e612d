package org.scalebridge.potential;

import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Exact Monte Carlo energy changes for {@link EwaldCoulomb} without full recomputation: the real-space part from the
 * changed atom's neighbourhood ({@link PairLocalChange} on the real-space term), the reciprocal part from the stored
 * structure factors S(k) updated by δS(k) = q(e^{ik·r'} − e^{ik·r}) — ΔE_recip = (4πk/V) Σ_{half} g(k)
 * [2 Re(S* δS) + |δS|²] — and the self and neutralising-background terms from the charge change. O(N_k) per move
 * instead of O(N·N_k). S(k) is rebuilt on {@link #sync} and every 2000 committed changes (bounding round-off drift).
 */
final class EwaldLocalChange implements LocalChange {
    private static final double K = Units.COULOMB_EV_A;
    private final EwaldCoulomb ew;
    private final PairLocalChange real;
    private Structure indexed;
    private Cell cell;
    private int n = -1;
    private int nk;
    private int[] km = new int[0];          // m0, m1, m2 per k
    private double[] g = new double[0];     // e^{−k²/4α²}/k²
    private double[] sRe = new double[0], sIm = new double[0];
    private double[] dRe = new double[0], dIm = new double[0];
    private int[] kmax = new int[3];
    private double[][] ec = new double[3][], es = new double[3][];
    private double sumQ;
    private int commits;

    EwaldLocalChange(EwaldCoulomb ew, PairPotential realSpace) {
        this.ew = ew;
        this.real = new PairLocalChange(realSpace);
    }

    private void ensure(Structure s) {
        if (s != indexed || s.cell() != cell || s.size() != n) sync(s);
    }

    @Override
    public void sync(Structure s) {
        indexed = s;
        cell = s.cell();
        n = s.size();
        commits = 0;
        real.sync(s);
        double kc = ew.kCutoff(), kc2 = kc * kc, alpha = ew.alpha();
        double[] hinv = cell.inverse();
        for (int d = 0; d < 3; d++) {
            kmax[d] = (int) Math.floor(kc * cell.len(d) / (2 * Math.PI));
            ec[d] = new double[2 * kmax[d] + 1];
            es[d] = new double[2 * kmax[d] + 1];
        }
        nk = 0;
        for (int pass = 0; pass < 2; pass++) {
            int c = 0;
            for (int m0 = 0; m0 <= kmax[0]; m0++) {
                for (int m1 = (m0 == 0 ? 0 : -kmax[1]); m1 <= kmax[1]; m1++) {
                    for (int m2 = (m0 == 0 && m1 == 0 ? 1 : -kmax[2]); m2 <= kmax[2]; m2++) {
                        double kx = 2 * Math.PI * (hinv[0] * m0 + hinv[1] * m1 + hinv[2] * m2);
                        double ky = 2 * Math.PI * (hinv[3] * m0 + hinv[4] * m1 + hinv[5] * m2);
                        double kz = 2 * Math.PI * (hinv[6] * m0 + hinv[7] * m1 + hinv[8] * m2);
                        double k2 = kx * kx + ky * ky + kz * kz;
                        if (k2 >= kc2) continue;
                        if (pass == 1) {
                            km[3 * c] = m0; km[3 * c + 1] = m1; km[3 * c + 2] = m2;
                            g[c] = Math.exp(-k2 / (4 * alpha * alpha)) / k2;
                        }
                        c++;
                    }
                }
            }
            if (pass == 0) {
                nk = c;
                km = new int[3 * nk];
                g = new double[nk];
                sRe = new double[nk]; sIm = new double[nk]; dRe = new double[nk]; dIm = new double[nk];
            }
        }
        java.util.Arrays.fill(sRe, 0);
        java.util.Arrays.fill(sIm, 0);
        double[] q = s.charges();
        sumQ = 0;
        if (q == null) return;
        for (int i = 0; i < n; i++) {
            sumQ += q[i];
            phases(s.x(i), s.y(i), s.z(i));
            for (int k = 0; k < nk; k++) {
                double c = cosK(k), sn = sinK(k);
                sRe[k] += q[i] * c;
                sIm[k] += q[i] * sn;
            }
        }
    }

    /** e^{i2π m f_d} for every m of the three directions at the point. */
    private void phases(double x, double y, double z) {
        double[] f = {cell.fracX(x, y, z), cell.fracY(x, y, z), cell.fracZ(x, y, z)};
        for (int d = 0; d < 3; d++) {
            int o = kmax[d];
            double[] c = ec[d], s = es[d];
            c[o] = 1; s[o] = 0;
            for (int m = 1; m <= kmax[d]; m++) {
                double cm = Math.cos(2 * Math.PI * m * f[d]), sm = Math.sin(2 * Math.PI * m * f[d]);
                c[o + m] = cm; s[o + m] = sm;
                c[o - m] = cm; s[o - m] = -sm;
            }
        }
    }

    private double cosK(int k) {
        int a = km[3 * k] + kmax[0], b = km[3 * k + 1] + kmax[1], c = km[3 * k + 2] + kmax[2];
        double cab = ec[0][a] * ec[1][b] - es[0][a] * es[1][b], sab = es[0][a] * ec[1][b] + ec[0][a] * es[1][b];
        return cab * ec[2][c] - sab * es[2][c];
    }

    private double sinK(int k) {
        int a = km[3 * k] + kmax[0], b = km[3 * k + 1] + kmax[1], c = km[3 * k + 2] + kmax[2];
        double cab = ec[0][a] * ec[1][b] - es[0][a] * es[1][b], sab = es[0][a] * ec[1][b] + ec[0][a] * es[1][b];
        return sab * ec[2][c] + cab * es[2][c];
    }

    /** Adds q·e^{ik·r} to δS (all k). */
    private void addToDelta(double q, double x, double y, double z) {
        phases(x, y, z);
        for (int k = 0; k < nk; k++) { dRe[k] += q * cosK(k); dIm[k] += q * sinK(k); }
    }

    private double recipDelta() {
        double e = 0;
        for (int k = 0; k < nk; k++) e += g[k] * (2 * (sRe[k] * dRe[k] + sIm[k] * dIm[k]) + dRe[k] * dRe[k] + dIm[k] * dIm[k]);
        return 4 * Math.PI * K / cell.volume() * e;
    }

    private double chargeTerms(double dq2, double qAfter) {
        double alpha = ew.alpha(), v = cell.volume();
        double self = -K * alpha / Math.sqrt(Math.PI) * dq2;
        double bg = -K * Math.PI / (2 * v * alpha * alpha) * (qAfter * qAfter - sumQ * sumQ);
        return self + bg;
    }

    private double charge(Structure s, int i) { return s.charges() == null ? 0 : s.charges()[i]; }

    @Override
    public double deltaMove(Structure s, int i, double x, double y, double z) {
        ensure(s);
        double q = charge(s, i);
        if (q == 0) return 0;
        java.util.Arrays.fill(dRe, 0, nk, 0);
        java.util.Arrays.fill(dIm, 0, nk, 0);
        addToDelta(q, x, y, z);
        addToDelta(-q, s.x(i), s.y(i), s.z(i));
        return real.deltaMove(s, i, x, y, z) + recipDelta();
    }

    @Override
    public double deltaInsert(Structure s, int atomicNumber, double q, double x, double y, double z) {
        ensure(s);
        if (q == 0) return 0;
        java.util.Arrays.fill(dRe, 0, nk, 0);
        java.util.Arrays.fill(dIm, 0, nk, 0);
        addToDelta(q, x, y, z);
        return real.deltaInsert(s, atomicNumber, q, x, y, z) + recipDelta() + chargeTerms(q * q, sumQ + q);
    }

    @Override
    public double deltaDelete(Structure s, int i) {
        ensure(s);
        double q = charge(s, i);
        if (q == 0) return 0;
        java.util.Arrays.fill(dRe, 0, nk, 0);
        java.util.Arrays.fill(dIm, 0, nk, 0);
        addToDelta(-q, s.x(i), s.y(i), s.z(i));
        return real.deltaDelete(s, i) + recipDelta() + chargeTerms(-q * q, sumQ - q);
    }

    private boolean consistent(Structure s, int expectedSize) {
        return s == indexed && s.cell() == cell && s.size() == expectedSize && ++commits < 2000;
    }

    private double[] oldPos = new double[3];

    @Override
    public void commitMove(Structure s, int i) {
        // the old position is only known to the real-space index: take it from there before updating it
        if (!consistent(s, n)) { sync(s); return; }
        real.positionOf(i, oldPos);
        double q = charge(s, i);
        if (q != 0) {
            phases(oldPos[0], oldPos[1], oldPos[2]);
            for (int k = 0; k < nk; k++) { sRe[k] -= q * cosK(k); sIm[k] -= q * sinK(k); }
            phases(s.x(i), s.y(i), s.z(i));
            for (int k = 0; k < nk; k++) { sRe[k] += q * cosK(k); sIm[k] += q * sinK(k); }
        }
        real.commitMove(s, i);
    }

    @Override
    public void commitInsert(Structure s, int i) {
        if (!consistent(s, n + 1) || i != n) { sync(s); return; }
        double q = charge(s, i);
        phases(s.x(i), s.y(i), s.z(i));
        for (int k = 0; k < nk; k++) { sRe[k] += q * cosK(k); sIm[k] += q * sinK(k); }
        sumQ += q;
        n++;
        real.commitInsert(s, i);
    }

    @Override
    public void commitDelete(Structure s, int i, int movedFrom) {
        if (!consistent(s, n - 1)) { sync(s); return; }
        real.positionOf(i, oldPos);
        double q = real.chargeOf(i);
        phases(oldPos[0], oldPos[1], oldPos[2]);
        for (int k = 0; k < nk; k++) { sRe[k] -= q * cosK(k); sIm[k] -= q * sinK(k); }
        sumQ -= q;
        n--;
        real.commitDelete(s, i, movedFrom);
    }
}
