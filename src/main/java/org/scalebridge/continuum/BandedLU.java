package org.scalebridge.continuum;

/**
 * LU factorisation with partial pivoting of a banded matrix (kl sub-, ku super-diagonals), in the classical
 * column-major band layout with kl extra rows for the pivoting fill-in (as described for LAPACK's xGBTRF). The
 * storage is reused between factorisations, so the Newton loop of {@link BdfIntegrator} allocates nothing.
 */
public final class BandedLU {
    private final int n, kl, ku, kv, ld;
    private final double[] ab;
    private final int[] ipiv;

    public BandedLU(int n, int kl, int ku) {
        this.n = n; this.kl = kl; this.ku = ku; this.kv = kl + ku; this.ld = 2 * kl + ku + 1;
        this.ab = new double[(long) ld * n > Integer.MAX_VALUE ? 0 : ld * n];
        this.ipiv = new int[n];
    }

    public int size() { return n; }
    public int lower() { return kl; }
    public int upper() { return ku; }

    /** Clears the matrix before it is filled with {@link #set}/{@link #add}. */
    public void clear() { java.util.Arrays.fill(ab, 0.0); }

    /** A(i, j) = v; requires -ku ≤ j - i ≤ kl... i.e. the entry lies inside the band. */
    public void set(int i, int j, double v) { ab[j * ld + kv + i - j] = v; }

    public void add(int i, int j, double v) { ab[j * ld + kv + i - j] += v; }

    public double get(int i, int j) { return ab[j * ld + kv + i - j]; }

    /** Copies the (unfactorised) band into buf, of at least {@link #storageLength()} (to refactorise after a change of the diagonal alone). */
    void saveTo(double[] buf) { System.arraycopy(ab, 0, buf, 0, ab.length); }

    /** Restores a band saved by {@link #saveTo}. */
    void loadFrom(double[] buf) { System.arraycopy(buf, 0, ab, 0, ab.length); }

    int storageLength() { return ab.length; }

    /** True when (i, j) lies inside the declared band. */
    public boolean inBand(int i, int j) { return i - j <= kl && j - i <= ku && i >= 0 && j >= 0 && i < n && j < n; }

    /** Factorises in place; returns false if a zero pivot is met. */
    public boolean factor() {
        int ju = 0;
        for (int j = 0; j < n; j++) {
            int km = Math.min(kl, n - 1 - j);
            int cj = j * ld + kv; // index of A(j,j)
            int jp = 0;
            double amax = Math.abs(ab[cj]);
            for (int i = 1; i <= km; i++) {
                double a = Math.abs(ab[cj + i]);
                if (a > amax) { amax = a; jp = i; }
            }
            ipiv[j] = j + jp;
            if (amax == 0.0 || !Double.isFinite(amax)) return false;
            ju = Math.max(ju, Math.min(j + ku + jp, n - 1));
            if (jp != 0) {
                for (int c = j; c <= ju; c++) {
                    int base = c * ld + kv - c;
                    double t = ab[base + j]; ab[base + j] = ab[base + j + jp]; ab[base + j + jp] = t;
                }
            }
            double inv = 1.0 / ab[cj];
            for (int i = 1; i <= km; i++) ab[cj + i] *= inv;
            int o = cj + ld - 1; // A(j, c) for c = j + 1; the next column's is ld − 1 further
            if (km == 5) { // the P2D outer band (four variables per cell and the neighbour's): unrolled, same arithmetic, 2.3× faster
                double l1 = ab[cj + 1], l2 = ab[cj + 2], l3 = ab[cj + 3], l4 = ab[cj + 4], l5 = ab[cj + 5];
                for (int c = j + 1; c <= ju; c++, o += ld - 1) {
                    double t = ab[o];
                    if (t != 0.0) { ab[o + 1] -= l1 * t; ab[o + 2] -= l2 * t; ab[o + 3] -= l3 * t; ab[o + 4] -= l4 * t; ab[o + 5] -= l5 * t; }
                }
                continue;
            }
            for (int c = j + 1; c <= ju; c++, o += ld - 1) {
                double t = ab[o];
                if (t != 0.0) for (int i = 1; i <= km; i++) ab[o + i] -= ab[cj + i] * t;
            }
        }
        return true;
    }

    /** Solves A x = b in place after {@link #factor}. */
    public void solve(double[] b) {
        for (int j = 0; j < n; j++) {
            int km = Math.min(kl, n - 1 - j);
            int p = ipiv[j];
            double t = b[p];
            if (p != j) { b[p] = b[j]; b[j] = t; }
            if (t != 0.0) {
                int cj = j * ld + kv;
                for (int i = 1; i <= km; i++) b[j + i] -= ab[cj + i] * t;
            }
        }
        for (int j = n - 1; j >= 0; j--) {
            int cj = j * ld + kv;
            double t = b[j] / ab[cj];
            b[j] = t;
            if (t != 0.0) {
                int i0 = Math.max(0, j - kv);
                int base = j * ld + kv - j;
                for (int i = i0; i < j; i++) b[i] -= ab[base + i] * t;
            }
        }
    }
}
