package org.scalebridge.analysis;

/**
 * In-place iterative radix-2 complex FFT on primitive arrays (no allocation per call), with a precomputed twiddle
 * table for one power-of-two length. Used for O(T log T) time correlations (MSD over all origins). Standard
 * Cooley–Tukey decimation in time (Cooley &amp; Tukey, Math. Comp. 19, 297 (1965)).
 */
public final class Fft {
    private final int n;
    private final int logN;
    private final double[] cos;
    private final double[] sin;
    private final int[] rev;

    /** @param n transform length, a power of two ≥ 2 */
    public Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("FFT length must be a power of two ≥ 2: " + n);
        this.n = n;
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

    /** Forward transform X_k = Σ x_j exp(−2πi jk/n), in place. */
    public void forward(double[] re, double[] im) { transform(re, im, false); }

    /** Inverse transform including the 1/n factor, in place. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, true);
        double s = 1.0 / n;
        for (int i = 0; i < n; i++) { re[i] *= s; im[i] *= s; }
    }

    private void transform(double[] re, double[] im, boolean inv) {
        for (int i = 0; i < n; i++) {
            int j = rev[i];
            if (j > i) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        double sg = inv ? -1 : 1;
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >>> 1, step = n / size;
            for (int start = 0; start < n; start += size) {
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
