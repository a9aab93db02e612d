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
        double[] cr = new double[r * r], ci = new double[r * r]; // W_r^{sq}
        for (int s = 0; s < r; s++) for (int q = 0; q < r; q++) { int e = ((s * q) % r) * m; cr[s * r + q] = tw[2 * e]; ci[s * r + q] = sg * tw[2 * e + 1]; }
        for (int k = 0; k < m; k++) {
            tr[0] = br[k]; ti[0] = bi[k];
            for (int s = 1; s < r; s++) {
                int e = s * k; // < r·m = n
                double wr = tw[2 * e], wi = sg * tw[2 * e + 1];
                double yr = br[s * m + k], yi = bi[s * m + k];
                tr[s] = yr * wr - yi * wi;
                ti[s] = yr * wi + yi * wr;
            }
            for (int q = 0; q < r; q++) {
                double sr = tr[0], si = ti[0];
                for (int s = 1; s < r; s++) {
                    double wr = cr[s * r + q], wi = ci[s * r + q]; // W_r^{sq} = W_n^{sq·m}
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
        // remaining stages in fused pairs (radix-2² butterflies: half the passes over memory), then a last single stage
        int len = 2; // current sub-transform length already done
        while (4 * len <= n) {
            int l = len, step1 = n / (2 * l), step2 = n / (4 * l);
            for (int start = off; start < off + n; start += 4 * l) {
                for (int k = 0; k < l; k++) {
                    double w1r = cos[k * step1], w1i = sg * sin[k * step1];
                    double w2r = cos[k * step2], w2i = sg * sin[k * step2];
                    // W_{4l}^{k+l} = W_{4l}^k · W_4^1 = w2 · (∓i)
                    double w3r = sg * w2i, w3i = -sg * w2r;
                    int a0 = start + k, a1 = a0 + l, a2 = a1 + l, a3 = a2 + l;
                    double t1r = re[a1] * w1r - im[a1] * w1i, t1i = re[a1] * w1i + im[a1] * w1r;
                    double b0r = re[a0] + t1r, b0i = im[a0] + t1i, b1r = re[a0] - t1r, b1i = im[a0] - t1i;
                    double t3r = re[a3] * w1r - im[a3] * w1i, t3i = re[a3] * w1i + im[a3] * w1r;
                    double b2r = re[a2] + t3r, b2i = im[a2] + t3i, b3r = re[a2] - t3r, b3i = im[a2] - t3i;
                    double ur = b2r * w2r - b2i * w2i, ui = b2r * w2i + b2i * w2r;
                    double vr = b3r * w3r - b3i * w3i, vi = b3r * w3i + b3i * w3r;
                    re[a0] = b0r + ur; im[a0] = b0i + ui;
                    re[a2] = b0r - ur; im[a2] = b0i - ui;
                    re[a1] = b1r + vr; im[a1] = b1i + vi;
                    re[a3] = b1r - vr; im[a3] = b1i - vi;
                }
            }
            len *= 4;
        }
        if (2 * len == n) {
            int half = len, step = n / (2 * len);
            for (int start = off; start < off + n; start += 2 * half) {
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
