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
 *     the power-of-two length m (y_s[j] = W_n^{sj} Σ_q x[j+qm] W_r^{sq}, X[r·f+s] = DFT_m(y_s)[f]); it reads the
 *     signals in place and never reads the zero padding (the range of j is split by the number of non-zero
 *     x[j+qm]);</li>
 * <li>each block is transformed in place by radix-4 decimation-in-frequency stages (one radix-2 stage when m is not a
 *     power of four) with contiguous per-stage twiddle tables, depth first: a sub-block that fits in L1 finishes all
 *     its stages before the next one starts; the output stays in digit-reversed order;</li>
 * <li>the last stage adds |Z|² to the accumulator in that permuted order instead of storing Z;
 *     {@link #symmetrised} maps the sum to natural order once at the end.</li>
 * </ul>
 * The blocks' real and imaginary parts live in one scratch array, each block padded so that the power-of-two strides
 * of the butterflies (block to block, re to im) do not all fall into the same L1 cache sets: with plain
 * {@code new double[n]} arrays the same code ran up to 30% slower or faster depending on where the heap put them.
 * Not thread-safe (scratch arrays); allocation-free per call.
 */
public final class PairPowerSpectrum {
    private static final int PAD = 72;  // doubles between blocks (9 cache lines: an odd line offset per block)
    private final int n, r, m;
    private final int[] spans;          // radix-4 stage spans q (block length 4q), largest first
    private final double[][] twiddles;  // per radix-4 stage: for j < q: W^j, W^2j, W^3j (re, im) with W = W_{4q}
    private final boolean radix2Last;   // m = 2·4^s: a final span-1 radix-2 stage
    private final double[] outerTw;     // W_n^{sj} for s = 1..r−1, j < m: (re, im) at 2((r−1)j + s − 1)
    private final int[] naturalIndex;   // frequency index of each storage position s·m + p
    private final int stride, imOff;    // block s: re at w[s·stride + p], im at w[imOff + s·stride + p]
    private final double[] w;
    private double[] zeros;             // stands in for a missing second signal

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
            twiddles[s] = radix4Twiddles(span);
        }
        outerTw = outerTwiddles(rr, mm, n);
        int[] block = blockOrder(mm, stages4, radix2Last);
        naturalIndex = new int[n];
        for (int s = 0; s < rr; s++)
            for (int p = 0; p < mm; p++) naturalIndex[s * mm + p] = rr * block[p] + s;
        stride = mm + PAD;
        imOff = rr * stride;
        w = new double[2 * rr * stride];
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
        if (b == null) {
            if (zeros == null || zeros.length < len) zeros = new double[len];
            b = zeros;
        }
        if (r == 5) outer5(a, b, len);
        else if (r == 3) outer3(a, b, len);
        else outer1(a, b, len);
        for (int s = 0; s < r; s++) blockDif(s, acc); // |Z|² added by the last stage
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

    /**
     * Radix-5 DIF step on z = a + i·b zero-padded to n. The range of j is split by the number of non-zero terms
     * x[j + qm] (for the MSD, n ≥ 2·len − 1 leaves at most three), so no padding is read or tested for.
     */
    private void outer5(double[] a, double[] b, int len) {
        int m = this.m;
        if (len > 3 * m) { outer5General(a, b, len); return; }
        int e2 = Math.max(0, Math.min(m, len - 2 * m)); // j < e2: x0, x1, x2 non-zero
        int e1 = Math.max(0, Math.min(m, len - m));     // j < e1: x0, x1
        int e0 = Math.min(m, len);                      // j < e0: x0
        outer5Of3(a, b, 0, e2);
        outer5Of2(a, b, e2, e1);
        outer5Of1(a, b, e1, e0);
        for (int s = 0; s < 5; s++) {
            java.util.Arrays.fill(w, s * stride + e0, s * stride + m, 0.0);
            java.util.Arrays.fill(w, imOff + s * stride + e0, imOff + s * stride + m, 0.0);
        }
    }

    private void outer5Of3(double[] a, double[] b, int j0, int j1) {
        double[] w = this.w, tw = outerTw;
        int m = this.m, m2 = 2 * m, d = stride, im = imOff;
        for (int j = j0; j < j1; j++) {
            double x0r = a[j], x1r = a[j + m], x2r = a[j + m2], x0i = b[j], x1i = b[j + m], x2i = b[j + m2];
            // the radix-5 butterfly of outer5General with x3 = x4 = 0 (t1 = t3 = x1, t2 = t4 = x2)
            double b1r = x0r + C1 * x1r + C2 * x2r, b1i = x0i + C1 * x1i + C2 * x2i;
            double b2r = x0r + C2 * x1r + C1 * x2r, b2i = x0i + C2 * x1i + C1 * x2i;
            double d1r = S1 * x1r + S2 * x2r, d1i = S1 * x1i + S2 * x2i;
            double d2r = S2 * x1r - S1 * x2r, d2i = S2 * x1i - S1 * x2i;
            w[j] = x0r + x1r + x2r;
            w[im + j] = x0i + x1i + x2i;
            int t = 8 * j;
            store(w, j + d, im, b1r + d1i, b1i - d1r, tw, t);
            store(w, j + 2 * d, im, b2r + d2i, b2i - d2r, tw, t + 2);
            store(w, j + 3 * d, im, b2r - d2i, b2i + d2r, tw, t + 4);
            store(w, j + 4 * d, im, b1r - d1i, b1i + d1r, tw, t + 6);
        }
    }

    private void outer5Of2(double[] a, double[] b, int j0, int j1) {
        double[] w = this.w, tw = outerTw;
        int m = this.m, d = stride, im = imOff;
        for (int j = j0; j < j1; j++) {
            double x0r = a[j], x1r = a[j + m], x0i = b[j], x1i = b[j + m];
            double b1r = x0r + C1 * x1r, b1i = x0i + C1 * x1i;
            double b2r = x0r + C2 * x1r, b2i = x0i + C2 * x1i;
            double d1r = S1 * x1r, d1i = S1 * x1i;
            double d2r = S2 * x1r, d2i = S2 * x1i;
            w[j] = x0r + x1r;
            w[im + j] = x0i + x1i;
            int t = 8 * j;
            store(w, j + d, im, b1r + d1i, b1i - d1r, tw, t);
            store(w, j + 2 * d, im, b2r + d2i, b2i - d2r, tw, t + 2);
            store(w, j + 3 * d, im, b2r - d2i, b2i + d2r, tw, t + 4);
            store(w, j + 4 * d, im, b1r - d1i, b1i + d1r, tw, t + 6);
        }
    }

    private void outer5Of1(double[] a, double[] b, int j0, int j1) {
        double[] w = this.w, tw = outerTw;
        int d = stride, im = imOff;
        for (int j = j0; j < j1; j++) {
            double xr = a[j], xi = b[j];
            w[j] = xr;
            w[im + j] = xi;
            for (int s = 1; s < 5; s++) store(w, j + s * d, im, xr, xi, tw, 8 * j + 2 * (s - 1));
        }
    }

    /** w[i] + i·w[im + i] = y·W with W = tw[t] + i·tw[t + 1]. */
    private static void store(double[] w, int i, int im, double yr, double yi, double[] tw, int t) {
        double wr = tw[t], wi = tw[t + 1];
        w[i] = yr * wr - yi * wi;
        w[im + i] = yr * wi + yi * wr;
    }

    private static double at(double[] x, int i, int len) { return i < len ? x[i] : 0; }

    /** Radix-5 DIF step for signals longer than 3m (not the MSD case). */
    private void outer5General(double[] a, double[] b, int len) {
        double[] w = this.w, tw = outerTw;
        int m = this.m, d = stride, im = imOff;
        for (int j = 0; j < m; j++) {
            double a0r = at(a, j, len), a1r = at(a, j + m, len), a2r = at(a, j + 2 * m, len);
            double a3r = at(a, j + 3 * m, len), a4r = at(a, j + 4 * m, len);
            double a0i = at(b, j, len), a1i = at(b, j + m, len), a2i = at(b, j + 2 * m, len);
            double a3i = at(b, j + 3 * m, len), a4i = at(b, j + 4 * m, len);
            double t1r = a1r + a4r, t1i = a1i + a4i;
            double t2r = a2r + a3r, t2i = a2i + a3i;
            double t3r = a1r - a4r, t3i = a1i - a4i;
            double t4r = a2r - a3r, t4i = a2i - a3i;
            double b1r = a0r + C1 * t1r + C2 * t2r, b1i = a0i + C1 * t1i + C2 * t2i;
            double b2r = a0r + C2 * t1r + C1 * t2r, b2i = a0i + C2 * t1i + C1 * t2i;
            double d1r = S1 * t3r + S2 * t4r, d1i = S1 * t3i + S2 * t4i;
            double d2r = S2 * t3r - S1 * t4r, d2i = S2 * t3i - S1 * t4i;
            w[j] = a0r + t1r + t2r;
            w[im + j] = a0i + t1i + t2i;
            // y1 = b1 − i·d1, y4 = b1 + i·d1, y2 = b2 − i·d2, y3 = b2 + i·d2; then y_s ×= W_n^{sj}
            int t = 8 * j;
            store(w, j + d, im, b1r + d1i, b1i - d1r, tw, t);
            store(w, j + 2 * d, im, b2r + d2i, b2i - d2r, tw, t + 2);
            store(w, j + 3 * d, im, b2r - d2i, b2i + d2r, tw, t + 4);
            store(w, j + 4 * d, im, b1r - d1i, b1i + d1r, tw, t + 6);
        }
    }

    /** Radix-3 DIF step on z = a + i·b zero-padded to n. */
    private void outer3(double[] a, double[] b, int len) {
        double[] w = this.w, tw = outerTw;
        int m = this.m, d = stride, im = imOff;
        for (int j = 0; j < m; j++) {
            double a0r = at(a, j, len), a0i = at(b, j, len);
            double a1r = at(a, j + m, len), a1i = at(b, j + m, len), a2r = at(a, j + 2 * m, len), a2i = at(b, j + 2 * m, len);
            double sr = a1r + a2r, si = a1i + a2i;
            double dr = a1r - a2r, di = a1i - a2i;
            double br = a0r - 0.5 * sr, bi = a0i - 0.5 * si;
            w[j] = a0r + sr;
            w[im + j] = a0i + si;
            // y1 = b − i·(√3/2)d, y2 = b + i·(√3/2)d
            store(w, j + d, im, br + S3 * di, bi - S3 * dr, tw, 4 * j);
            store(w, j + 2 * d, im, br - S3 * di, bi + S3 * dr, tw, 4 * j + 2);
        }
    }

    /** n = m: the zero-padded signals themselves are the single block. */
    private void outer1(double[] a, double[] b, int len) {
        System.arraycopy(a, 0, w, 0, len);
        java.util.Arrays.fill(w, len, m, 0.0);
        System.arraycopy(b, 0, w, imOff, len);
        java.util.Arrays.fill(w, imOff + len, imOff + m, 0.0);
    }

    /** Sub-blocks of at most this many points (16 KiB of re + im) finish all their stages while in L1. */
    private static final int IN_CACHE = 1024;

    /**
     * In-place DIF transform of block s, |Z|² of its outputs added to acc[s·m + p] by the last stage. Depth first: a
     * sub-block larger than {@link #IN_CACHE} gets one radix-4 stage and then each quarter is finished in turn, so the
     * last stages run on cache-resident data instead of streaming the whole block once per stage.
     */
    private void blockDif(int s, double[] acc) {
        int base = s * stride, shift = s * m - base; // acc index = work index + shift
        if (spans.length == 0) radix2(base, base + m, acc, shift);
        else dif(base, 0, acc, shift);
    }

    private void dif(int off, int st, double[] acc, int shift) {
        int q = spans[st], size = 4 * q;
        if (size <= IN_CACHE) {
            int last = spans.length - 1;
            for (int s = st; s < last; s++) stage(off, off + size, s);
            if (radix2Last) { stage(off, off + size, last); radix2(off, off + size, acc, shift); }
            else lastStage(off, off + size, acc, shift);
            return;
        }
        stage(off, off + size, st);
        for (int k = 0; k < 4; k++) dif(off + k * q, st + 1, acc, shift);
    }

    /** Radix-4 DIF stage st on [from, to). */
    private void stage(int from, int to, int st) {
        double[] w = this.w;
        int im = imOff, q = spans[st];
        double[] t = twiddles[st];
        for (int g = from; g < to; g += 4 * q) {
            for (int j = 0; j < q; j++) {
                int i0 = g + j, i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
                double a0r = w[i0], a0i = w[im + i0], a1r = w[i1], a1i = w[im + i1];
                double a2r = w[i2], a2i = w[im + i2], a3r = w[i3], a3i = w[im + i3];
                double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1i - a3i, t3i = a3r - a1r; // (a1−a3)·(−i)
                w[i0] = t0r + t2r; w[im + i0] = t0i + t2i;
                int k = 6 * j;
                double yr = t1r + t3r, yi = t1i + t3i;
                w[i1] = yr * t[k] - yi * t[k + 1]; w[im + i1] = yr * t[k + 1] + yi * t[k];
                yr = t0r - t2r; yi = t0i - t2i;
                w[i2] = yr * t[k + 2] - yi * t[k + 3]; w[im + i2] = yr * t[k + 3] + yi * t[k + 2];
                yr = t1r - t3r; yi = t1i - t3i;
                w[i3] = yr * t[k + 4] - yi * t[k + 5]; w[im + i3] = yr * t[k + 5] + yi * t[k + 4];
            }
        }
    }

    /** The final radix-4 stage (span 1, no twiddles) on [from, to): |output|² added to acc[i + shift]. */
    private void lastStage(int from, int to, double[] acc, int shift) {
        double[] w = this.w;
        int im = imOff;
        for (int g = from; g < to; g += 4) {
            double a0r = w[g], a0i = w[im + g], a1r = w[g + 1], a1i = w[im + g + 1];
            double a2r = w[g + 2], a2i = w[im + g + 2], a3r = w[g + 3], a3i = w[im + g + 3];
            double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
            double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1i - a3i, t3i = a3r - a1r; // (a1−a3)·(−i)
            double y0r = t0r + t2r, y0i = t0i + t2i, y1r = t1r + t3r, y1i = t1i + t3i;
            double y2r = t0r - t2r, y2i = t0i - t2i, y3r = t1r - t3r, y3i = t1i - t3i;
            int k = g + shift;
            acc[k] += y0r * y0r + y0i * y0i;
            acc[k + 1] += y1r * y1r + y1i * y1i;
            acc[k + 2] += y2r * y2r + y2i * y2i;
            acc[k + 3] += y3r * y3r + y3i * y3i;
        }
    }

    /** The final radix-2 stage (m = 2·4^k) on [from, to): |output|² added to acc[i + shift]. */
    private void radix2(int from, int to, double[] acc, int shift) {
        double[] w = this.w;
        int im = imOff;
        for (int g = from; g < to; g += 2) {
            double ar = w[g], ai = w[im + g], br = w[g + 1], bi = w[im + g + 1];
            double sr = ar + br, si = ai + bi, dr = ar - br, di = ai - bi;
            acc[g + shift] += sr * sr + si * si;
            acc[g + shift + 1] += dr * dr + di * di;
        }
    }

    /** Twiddles of one radix-4 stage of span q: (cos, sin) of −2π p j / (4q) for j < q, p = 1…3, interleaved. */
    static double[] radix4Twiddles(int q) {
        double[] t = new double[6 * q];
        for (int j = 0; j < q; j++) {
            for (int p = 1; p <= 3; p++) {
                double a = -2 * Math.PI * p * j / (4.0 * q);
                t[6 * j + 2 * (p - 1)] = Math.cos(a);
                t[6 * j + 2 * (p - 1) + 1] = Math.sin(a);
            }
        }
        return t;
    }

    /** Twiddles of the outer radix-r step of an n = r·m transform: (cos, sin) of −2π s j / n, s = 1…r−1, j < m. */
    static double[] outerTwiddles(int r, int m, int n) {
        double[] tw = new double[2 * Math.max(0, r - 1) * m];
        for (int s = 1; s < r; s++)
            for (int j = 0; j < m; j++) {
                double a = -2 * Math.PI * (double) s * j / n;
                tw[2 * ((r - 1) * j + s - 1)] = Math.cos(a);
                tw[2 * ((r - 1) * j + s - 1) + 1] = Math.sin(a);
            }
        return tw;
    }
}
