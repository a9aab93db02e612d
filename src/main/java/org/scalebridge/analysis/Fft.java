package org.scalebridge.analysis;

/**
 * In-place complex FFT on primitive arrays (no allocation per call) for lengths n = r·2^k with r ∈ {1, 3, 5}: an
 * iterative radix-2 Cooley–Tukey transform of length 2^k, plus for r &gt; 1 one outer decimation-in-time step of radix r
 * (n = r·M: r transforms of length M on the decimated sequences, then r-point DFTs with twiddles W_n^{sk}; Cooley &amp;
 * Tukey, Math. Comp. 19, 297 (1965)). The non-power-of-two lengths cut the zero padding of correlations
 * (O(T log T) MSD over all origins) from up to 4T to about 2T.
 */
public final class Fft {
    private final int n;      // total length r·m
    private final int r;      // outer radix 1, 3 or 5
    private final int m;      // power-of-two inner length
    private final double[] tw; // W_n^{j} for the outer step, interleaved cos/sin, j < n
    private final double[] br, bi; // scratch for the outer step
    private final int logN;
    private final double[] cos;
    private final double[] sin;
    private final int[] rev;

    /** @param n transform length r·2^k, r ∈ {1, 3, 5}, 2^k ≥ 2 */
    public Fft(int n) {
        int rr = n % 5 == 0 ? 5 : n % 3 == 0 ? 3 : 1;
        int mm = n / rr;
        if (mm < 2 || Integer.bitCount(mm) != 1) throw new IllegalArgumentException("FFT length must be 2^k, 3·2^k or 5·2^k (2^k ≥ 2): " + n);
        this.n = n;
        this.r = rr;
        this.m = mm;
        if (rr > 1) {
            tw = new double[2 * n];
            for (int j = 0; j < n; j++) { tw[2 * j] = Math.cos(-2 * Math.PI * j / n); tw[2 * j + 1] = Math.sin(-2 * Math.PI * j / n); }
            br = new double[n];
            bi = new double[n];
        } else {
            tw = null; br = null; bi = null;
        }
        n = mm; // the radix-2 tables below are for the inner length
        this.logN = Integer.numberOfTrailingZeros(n);
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
        rev = new int[n];
        for (int i = 0; i < n; i++) rev[i] = Integer.reverse(i) >>> (32 - logN);
    }

    public int length() { return n; }

    /** Smallest power of two ≥ m. */
    public static int nextPow2(int m) {
        int p = 2;
        while (p < m) p <<= 1;
        return p;
    }

    /** Smallest supported length (2^k, 3·2^k or 5·2^k) ≥ m. */
    public static int nextFast(int m) {
        int best = nextPow2(m);
        for (int rr : new int[] {3, 5}) {
            int p = 2;
            while (rr * p < m) p <<= 1;
            best = Math.min(best, rr * p);
        }
        return best;
    }

    /** Forward transform X_k = Σ x_j exp(−2πi jk/n), in place. */
    public void forward(double[] re, double[] im) { transform(re, im, false); }

    /** Inverse transform including the 1/n factor, in place. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, true);
        double s = 1.0 / n;
        for (int i = 0; i < n; i++) { re[i] *= s; im[i] *= s; }
    }

    private void transform(double[] re, double[] im, boolean inv) {
        if (r == 1) { radix2(re, im, 0, inv); return; }
        // decimate: block s holds x[s], x[s+r], …  (length m each)
        for (int s = 0; s < r; s++) for (int j = 0; j < m; j++) { br[s * m + j] = re[j * r + s]; bi[s * m + j] = im[j * r + s]; }
        for (int s = 0; s < r; s++) radix2(br, bi, s * m, inv);
        double sg = inv ? -1 : 1;
        double[] tr = new double[5], ti = new double[5];
        for (int k = 0; k < m; k++) {
            for (int s = 0; s < r; s++) {
                int e = (s * k) % n;
                double wr = tw[2 * e], wi = sg * tw[2 * e + 1];
                double yr = br[s * m + k], yi = bi[s * m + k];
                tr[s] = yr * wr - yi * wi;
                ti[s] = yr * wi + yi * wr;
            }
            for (int q = 0; q < r; q++) {
                double sr = 0, si = 0;
                for (int s = 0; s < r; s++) {
                    int e = ((s * q) % r) * m; // W_r^{sq} = W_n^{sq·m}
                    double wr = tw[2 * e], wi = sg * tw[2 * e + 1];
                    sr += tr[s] * wr - ti[s] * wi;
                    si += tr[s] * wi + ti[s] * wr;
                }
                re[k + m * q] = sr;
                im[k + m * q] = si;
            }
        }
    }

    /** Radix-2 transform of length m on re/im[off .. off+m−1]. */
    private void radix2(double[] re, double[] im, int off, boolean inv) {
        int n = m;
        for (int i = 0; i < n; i++) {
            int j = rev[i];
            if (j > i) {
                double t = re[off + i]; re[off + i] = re[off + j]; re[off + j] = t;
                t = im[off + i]; im[off + i] = im[off + j]; im[off + j] = t;
            }
        }
        double sg = inv ? -1 : 1;
        for (int a = off; a < off + n; a += 2) { // size-2 stage: trivial twiddle
            double xr = re[a + 1], xi = im[a + 1];
            re[a + 1] = re[a] - xr; im[a + 1] = im[a] - xi;
            re[a] += xr; im[a] += xi;
        }
        for (int size = 4; size <= n; size <<= 1) {
            int half = size >>> 1, step = n / size;
            for (int start = off; start < off + n; start += size) {
                for (int k = 0, t = 0; k < half; k++, t += step) {
                    double wr = cos[t], wi = sg * sin[t];
                    int a = start + k, b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }
}
