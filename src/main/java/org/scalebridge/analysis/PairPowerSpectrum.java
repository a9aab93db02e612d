package org.scalebridge.analysis;

/**
 * Summed power spectra of real signals, two at a time, for all-origins correlations (the hot path of the MSD over all
 * time origins, paper Eq. 2 via Wiener–Khinchin).
 *
 * <p>For two real signals a and b (zero-padded to the length n) the complex sequence z = a + i·b is transformed once
 * and |Z_k|² is accumulated. Because a and b are real, (|Z_k|² + |Z_{n−k}|²)/2 = |A_k|² + |B_k|², so the symmetrised
 * sum of |Z|² over all pairs is the summed power spectrum of all signals ({@link #symmetrised}). Only this sum is
 * ever inverse-transformed, so the forward transforms never need their outputs in natural order:
 *
 * <ul>
 * <li>an outer decimation-in-frequency step of radix r ∈ {1, 3, 5} (n = r·m) splits the sequence into r blocks of
 *     the power-of-two length m (y_s[j] = W_n^{sj} Σ_q x[j+qm] W_r^{sq}, X[r·f+s] = DFT_m(y_s)[f]);</li>
 * <li>each block is transformed in place by radix-4 decimation-in-frequency stages (one radix-2 stage when m is not a
 *     power of four) with contiguous per-stage twiddle tables, leaving its output in digit-reversed order;</li>
 * <li>|Z|² is accumulated in that permuted order; {@link #symmetrised} maps it to natural order once at the end.</li>
 * </ul>
 * Compared with a general in-order FFT this skips the bit-reversal pass, keeps each block (≤ 64 KiB for m = 4096) in
 * cache and halves the butterfly count of radix-2. Not thread-safe (scratch arrays); allocation-free per call.
 */
public final class PairPowerSpectrum {
    private final int n, r, m;
    private final int[] spans;          // radix-4 stage spans q (block length 4q), largest first
    private final double[][] twiddles;  // per radix-4 stage: for j < q: W^j, W^2j, W^3j (re, im) with W = W_{4q}
    private final boolean radix2Last;   // m = 2·4^s: a final span-1 radix-2 stage
    private final double[] outerTw;     // W_n^{sj} for s = 1..r−1, j < m: (re, im) at 2((s−1)m + j)
    private final int[] naturalIndex;   // frequency index of each storage position
    private final double[] re, im;

    /** @param n transform length r·2^k with r ∈ {1, 3, 5} and 2^k ≥ 2 (see {@link Fft#nextFast}) */
    public PairPowerSpectrum(int n) {
        int rr = n % 5 == 0 ? 5 : n % 3 == 0 ? 3 : 1;
        int mm = n / rr;
        if (mm < 2 || Integer.bitCount(mm) != 1)
            throw new IllegalArgumentException("length must be 2^k, 3·2^k or 5·2^k (2^k ≥ 2): " + n);
        this.n = n;
        this.r = rr;
        this.m = mm;
        int log2 = Integer.numberOfTrailingZeros(mm);
        int stages4 = log2 / 2;
        radix2Last = (log2 & 1) == 1;
        spans = new int[stages4];
        twiddles = new double[stages4][];
        int q = mm / 4;
        for (int s = 0; s < stages4; s++, q /= 4) {
            int span = q; // m/4, m/16, …: down to 1 (m = 4^k) or 2 (m = 2·4^k, then the radix-2 stage)
            spans[s] = span;
            double[] t = new double[6 * span];
            for (int j = 0; j < span; j++) {
                for (int p = 1; p <= 3; p++) {
                    double a = -2 * Math.PI * p * j / (4.0 * span);
                    t[6 * j + 2 * (p - 1)] = Math.cos(a);
                    t[6 * j + 2 * (p - 1) + 1] = Math.sin(a);
                }
            }
            twiddles[s] = t;
        }
        outerTw = new double[2 * Math.max(0, rr - 1) * mm];
        for (int s = 1; s < rr; s++)
            for (int j = 0; j < mm; j++) {
                double a = -2 * Math.PI * (double) s * j / n;
                outerTw[2 * ((s - 1) * mm + j)] = Math.cos(a);
                outerTw[2 * ((s - 1) * mm + j) + 1] = Math.sin(a);
            }
        int[] block = blockOrder(mm, stages4, radix2Last);
        naturalIndex = new int[n];
        for (int s = 0; s < rr; s++)
            for (int p = 0; p < mm; p++) naturalIndex[s * mm + p] = rr * block[p] + s;
        re = new double[n];
        im = new double[n];
    }

    /** Frequency held at each position of a block after the DIF stages (radix-4 digits reversed, radix-2 last). */
    private static int[] blockOrder(int m, int stages4, boolean radix2Last) {
        int[] f = new int[m];
        for (int p = 0; p < m; p++) {
            // position digits, most significant first: stages4 base-4 digits then (optionally) one base-2 digit;
            // the frequency has the same digits in reverse significance (DIF: X[4r+k] sits in sub-block k)
            int rem = p, freq = 0, weight = 1;
            int div = m;
            for (int s = 0; s < stages4; s++) {
                div /= 4;
                int digit = rem / div;
                rem %= div;
                freq += digit * weight;
                weight *= 4;
            }
            if (radix2Last) freq += rem * weight;
            f[p] = freq;
        }
        return f;
    }

    public int length() { return n; }

    /**
     * Adds |Z_k|² of z = a + i·b (each real, the first {@code len} samples used, zero-padded to n) to acc, in storage
     * order. b may be null (a single signal).
     */
    public void accumulate(double[] a, double[] b, int len, double[] acc) {
        if (len > n) throw new IllegalArgumentException("signal length " + len + " exceeds the transform length " + n);
        if (r == 5) {
            outer5(a, b, len); // reads the signals directly: no copy, no zero fill
        } else {
            System.arraycopy(a, 0, re, 0, len);
            java.util.Arrays.fill(re, len, n, 0.0);
            if (b != null) System.arraycopy(b, 0, im, 0, len); else java.util.Arrays.fill(im, 0, len, 0.0);
            java.util.Arrays.fill(im, len, n, 0.0);
            if (r == 3) outer3();
        }
        for (int s = 0; s < r; s++) blockDif(s * m);
        for (int k = 0; k < n; k++) acc[k] += re[k] * re[k] + im[k] * im[k];
    }

    /**
     * Natural-order summed power spectrum of the real signals: P_k = (S_k + S_{n−k})/2 from the storage-order sums S
     * of {@link #accumulate}.
     */
    public double[] symmetrised(double[] acc) {
        double[] nat = new double[n];
        for (int p = 0; p < n; p++) nat[naturalIndex[p]] = acc[p];
        double[] out = new double[n];
        for (int k = 0; k < n; k++) out[k] = 0.5 * (nat[k] + nat[k == 0 ? 0 : n - k]);
        return out;
    }

    // 5-point DFT constants (W_5 = exp(−2πi/5))
    private static final double C1 = Math.cos(2 * Math.PI / 5), C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5), S2 = Math.sin(4 * Math.PI / 5);
    private static final double S3 = Math.sin(2 * Math.PI / 3);

    /** Radix-5 DIF step on z = a + i·b zero-padded to n (inputs past len are zero and never read). */
    private void outer5(double[] a, double[] b, int len) {
        double[] re = this.re, im = this.im, tw = outerTw;
        int m = this.m;
        for (int j = 0; j < m; j++) {
            int i0 = j, i1 = j + m, i2 = j + 2 * m, i3 = j + 3 * m, i4 = j + 4 * m;
            double a0r = i0 < len ? a[i0] : 0, a1r = i1 < len ? a[i1] : 0, a2r = i2 < len ? a[i2] : 0;
            double a3r = i3 < len ? a[i3] : 0, a4r = i4 < len ? a[i4] : 0;
            double a0i = 0, a1i = 0, a2i = 0, a3i = 0, a4i = 0;
            if (b != null) {
                a0i = i0 < len ? b[i0] : 0; a1i = i1 < len ? b[i1] : 0; a2i = i2 < len ? b[i2] : 0;
                a3i = i3 < len ? b[i3] : 0; a4i = i4 < len ? b[i4] : 0;
            }
            double t1r = a1r + a4r, t1i = a1i + a4i;
            double t2r = a2r + a3r, t2i = a2i + a3i;
            double t3r = a1r - a4r, t3i = a1i - a4i;
            double t4r = a2r - a3r, t4i = a2i - a3i;
            double b1r = a0r + C1 * t1r + C2 * t2r, b1i = a0i + C1 * t1i + C2 * t2i;
            double b2r = a0r + C2 * t1r + C1 * t2r, b2i = a0i + C2 * t1i + C1 * t2i;
            double d1r = S1 * t3r + S2 * t4r, d1i = S1 * t3i + S2 * t4i;
            double d2r = S2 * t3r - S1 * t4r, d2i = S2 * t3i - S1 * t4i;
            re[i0] = a0r + t1r + t2r;
            im[i0] = a0i + t1i + t2i;
            // y1 = b1 − i·d1, y4 = b1 + i·d1, y2 = b2 − i·d2, y3 = b2 + i·d2; then y_s ×= W_n^{sj}
            twiddle(i1, b1r + d1i, b1i - d1r, tw, 2 * j);
            twiddle(i2, b2r + d2i, b2i - d2r, tw, 2 * (m + j));
            twiddle(i3, b2r - d2i, b2i + d2r, tw, 2 * (2 * m + j));
            twiddle(i4, b1r - d1i, b1i + d1r, tw, 2 * (3 * m + j));
        }
    }

    private void outer3() {
        double[] re = this.re, im = this.im, tw = outerTw;
        int m = this.m;
        for (int j = 0; j < m; j++) {
            int i0 = j, i1 = j + m, i2 = j + 2 * m;
            double a0r = re[i0], a0i = im[i0];
            double sr = re[i1] + re[i2], si = im[i1] + im[i2];
            double dr = re[i1] - re[i2], di = im[i1] - im[i2];
            double br = a0r - 0.5 * sr, bi = a0i - 0.5 * si;
            re[i0] = a0r + sr;
            im[i0] = a0i + si;
            // y1 = b − i·(√3/2)d, y2 = b + i·(√3/2)d
            twiddle(i1, br + S3 * di, bi - S3 * dr, tw, 2 * j);
            twiddle(i2, br - S3 * di, bi + S3 * dr, tw, 2 * (m + j));
        }
    }

    private void twiddle(int i, double yr, double yi, double[] tw, int t) {
        double wr = tw[t], wi = tw[t + 1];
        re[i] = yr * wr - yi * wi;
        im[i] = yr * wi + yi * wr;
    }

    /** In-place DIF transform of the block [off, off+m): radix-4 stages, then a radix-2 stage when needed. */
    private void blockDif(int off) {
        double[] re = this.re, im = this.im;
        int end = off + m;
        for (int st = 0; st < spans.length; st++) {
            int q = spans[st];
            double[] t = twiddles[st];
            if (q == 1) {
                for (int g = off; g < end; g += 4) {
                    double a0r = re[g], a0i = im[g], a1r = re[g + 1], a1i = im[g + 1];
                    double a2r = re[g + 2], a2i = im[g + 2], a3r = re[g + 3], a3i = im[g + 3];
                    double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1i - a3i, t3i = a3r - a1r; // (a1−a3)·(−i)
                    re[g] = t0r + t2r; im[g] = t0i + t2i;
                    re[g + 1] = t1r + t3r; im[g + 1] = t1i + t3i;
                    re[g + 2] = t0r - t2r; im[g + 2] = t0i - t2i;
                    re[g + 3] = t1r - t3r; im[g + 3] = t1i - t3i;
                }
                continue;
            }
            for (int g = off; g < end; g += 4 * q) {
                for (int j = 0; j < q; j++) {
                    int i0 = g + j, i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
                    double a0r = re[i0], a0i = im[i0], a1r = re[i1], a1i = im[i1];
                    double a2r = re[i2], a2i = im[i2], a3r = re[i3], a3i = im[i3];
                    double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1i - a3i, t3i = a3r - a1r; // (a1−a3)·(−i)
                    re[i0] = t0r + t2r; im[i0] = t0i + t2i;
                    int k = 6 * j;
                    double yr = t1r + t3r, yi = t1i + t3i;
                    re[i1] = yr * t[k] - yi * t[k + 1]; im[i1] = yr * t[k + 1] + yi * t[k];
                    yr = t0r - t2r; yi = t0i - t2i;
                    re[i2] = yr * t[k + 2] - yi * t[k + 3]; im[i2] = yr * t[k + 3] + yi * t[k + 2];
                    yr = t1r - t3r; yi = t1i - t3i;
                    re[i3] = yr * t[k + 4] - yi * t[k + 5]; im[i3] = yr * t[k + 5] + yi * t[k + 4];
                }
            }
        }
        if (radix2Last) {
            for (int g = off; g < end; g += 2) {
                double xr = re[g + 1], xi = im[g + 1];
                re[g + 1] = re[g] - xr; im[g + 1] = im[g] - xi;
                re[g] += xr; im[g] += xi;
            }
        }
    }
}
