package org.scalebridge.analysis;

/**
 * Summed power spectra of many real signals, a tile of {@code lanes} complex signals at a time (the hot path of the
 * MSD over all time origins, paper Eq. 2 via Wiener–Khinchin). Same transform as {@link PairPowerSpectrum} (two real
 * signals per complex lane, z = a + i·b; an outer decimation-in-frequency step of radix r ∈ {1, 3, 5}; radix-4 DIF
 * stages in place, depth first; |Z|² added by the last stage in the transform's storage order, so
 * {@link PairPowerSpectrum#symmetrised} maps the sums to natural order), but on a "rows" layout: point p of the
 * transform holds the lanes of the whole tile side by side, {@code re[p][lane]}, {@code im[p][lane]}.
 *
 * <p>Why rows: the trajectory is stored frame by frame ({@link FrameSeries}), so filling the tile is one short
 * contiguous read per frame (no per-atom transposition), and every butterfly loads its row pointers and twiddles
 * once for all lanes; the loop over lanes is the innermost loop. Each row is its own array so that the four rows of a
 * radix-4 butterfly are four distinct arrays indexed by the same lane.
 *
 * <p>The caller fills {@code re[f][lane]}, {@code im[f][lane]} for f &lt; len (rows f ≥ len are treated as zero
 * padding and never read) and calls {@link #transform}. Not thread-safe; allocation-free per call.
 */
final class TiledPowerSpectrum {
    private final int n, r, m, lanes;
    private final int[] spans;          // radix-4 stage spans, largest first (as PairPowerSpectrum)
    private final double[][] twiddles;  // per radix-4 stage: for j < q: W^j, W^2j, W^3j (re, im), W = W_{4q}
    private final boolean radix2Last;   // m = 2·4^s: a final radix-2 stage
    private final double[] outerTw;     // W_n^{sj}, s = 1..r−1: (re, im) at 2((r−1)j + s − 1)
    private final int inCache;          // sub-blocks of at most this many points finish all their stages (L1)
    /** Tile rows: re[p][lane], im[p][lane] for the n points of the transform. */
    final double[][] re, im;
    private final double[] zero;        // read in place of rows beyond the signal (zero padding)

    /**
     * @param n     transform length r·2^k with r ∈ {1, 3, 5} and 2^k ≥ 2 (see {@link Fft#nextFast})
     * @param lanes complex signals per tile (two real signals each)
     */
    TiledPowerSpectrum(int n, int lanes) {
        int rr = n % 5 == 0 ? 5 : n % 3 == 0 ? 3 : 1;
        int mm = n / rr;
        if (mm < 2 || Integer.bitCount(mm) != 1)
            throw new IllegalArgumentException("length must be 2^k, 3·2^k or 5·2^k (2^k ≥ 2): " + n);
        if (lanes < 1) throw new IllegalArgumentException("lanes must be ≥ 1: " + lanes);
        this.n = n;
        this.r = rr;
        this.m = mm;
        this.lanes = lanes;
        int log2 = Integer.numberOfTrailingZeros(mm);
        int stages4 = log2 / 2;
        radix2Last = (log2 & 1) == 1;
        spans = new int[stages4];
        twiddles = new double[stages4][];
        int q = mm / 4;
        for (int s = 0; s < stages4; s++, q /= 4) {
            spans[s] = q;
            twiddles[s] = PairPowerSpectrum.radix4Twiddles(q);
        }
        outerTw = PairPowerSpectrum.outerTwiddles(rr, mm, n);
        // 16 bytes per lane and point; sub-blocks of ≤ 24 KiB stay in a 32 KiB L1 through their remaining stages
        inCache = Math.max(4, Integer.highestOneBit(Math.max(1, 24 * 1024 / (16 * lanes))));
        re = new double[n][lanes];
        im = new double[n][lanes];
        zero = new double[lanes];
    }

    int length() { return n; }
    int lanes() { return lanes; }

    /**
     * Transforms the tile (signals of length {@code len}, zero-padded to n) and adds |Z_k|² of lane l to
     * {@code acc[slot[l]][k]} in storage order (lanes with slot −1 are skipped). The rows are overwritten.
     */
    void transform(int len, double[][] acc, int[] slot) {
        if (len > n) throw new IllegalArgumentException("signal length " + len + " exceeds the transform length " + n);
        if (r == 5 && len <= 3 * m) outer5(len);
        else {
            for (int p = len; p < n; p++) { java.util.Arrays.fill(re[p], 0.0); java.util.Arrays.fill(im[p], 0.0); }
            if (r == 5) outer5Of(0, m, 5);
            else if (r == 3) outer3();
        }
        for (int s = 0; s < r; s++) {
            int base = s * m;
            if (spans.length == 0) radix2(base, base + m, acc, slot);
            else dif(base, 0, acc, slot);
        }
    }

    // 5-point DFT constants (W_5 = exp(−2πi/5)), 3-point: sin(2π/3)
    private static final double C1 = Math.cos(2 * Math.PI / 5), C2 = Math.cos(4 * Math.PI / 5);
    private static final double S1 = Math.sin(2 * Math.PI / 5), S2 = Math.sin(4 * Math.PI / 5);
    private static final double S3 = Math.sin(2 * Math.PI / 3);

    /** Radix-5 step for len ≤ 3m: at most three non-zero inputs x[j], x[j+m], x[j+2m]; the range of j is split by their number. */
    private void outer5(int len) {
        int e2 = Math.max(0, Math.min(m, len - 2 * m)); // j < e2: x0, x1, x2 non-zero
        int e1 = Math.max(0, Math.min(m, len - m));     // j < e1: x0, x1
        int e0 = Math.min(m, len);                      // j < e0: x0
        outer5Of(0, e2, 3);
        outer5Of(e2, e1, 2);
        outer5Of(e1, e0, 1);
        outer5Of(e0, m, 0);
    }

    /** Radix-5 DIF step for j in [j0, j1) in place on the rows j + qm, with inputs q ≥ nz read as zero. */
    private void outer5Of(int j0, int j1, int nz) {
        double[][] re = this.re, im = this.im;
        double[] tw = outerTw, zero = this.zero;
        int m = this.m, lanes = this.lanes;
        for (int j = j0; j < j1; j++) {
            double[] r0 = re[j], r1 = re[j + m], r2 = re[j + 2 * m], r3 = re[j + 3 * m], r4 = re[j + 4 * m];
            double[] i0 = im[j], i1 = im[j + m], i2 = im[j + 2 * m], i3 = im[j + 3 * m], i4 = im[j + 4 * m];
            // inputs (the zero row for padding), outputs (always the rows themselves)
            double[] x0r = nz > 0 ? r0 : zero, x0i = nz > 0 ? i0 : zero, x1r = nz > 1 ? r1 : zero, x1i = nz > 1 ? i1 : zero;
            double[] x2r = nz > 2 ? r2 : zero, x2i = nz > 2 ? i2 : zero, x3r = nz > 3 ? r3 : zero, x3i = nz > 3 ? i3 : zero;
            double[] x4r = nz > 4 ? r4 : zero, x4i = nz > 4 ? i4 : zero;
            int t = 8 * j;
            double w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3];
            double w3r = tw[t + 4], w3i = tw[t + 5], w4r = tw[t + 6], w4i = tw[t + 7];
            if (nz <= 1) {
                for (int l = 0; l < lanes; l++) {
                    double xr = x0r[l], xi = x0i[l];
                    r0[l] = xr; i0[l] = xi;
                    r1[l] = xr * w1r - xi * w1i; i1[l] = xr * w1i + xi * w1r;
                    r2[l] = xr * w2r - xi * w2i; i2[l] = xr * w2i + xi * w2r;
                    r3[l] = xr * w3r - xi * w3i; i3[l] = xr * w3i + xi * w3r;
                    r4[l] = xr * w4r - xi * w4i; i4[l] = xr * w4i + xi * w4r;
                }
                continue;
            }
            if (nz == 2) {
                for (int l = 0; l < lanes; l++) {
                    double a0r = x0r[l], a1r = x1r[l], a0i = x0i[l], a1i = x1i[l];
                    double b1r = a0r + C1 * a1r, b1i = a0i + C1 * a1i;
                    double b2r = a0r + C2 * a1r, b2i = a0i + C2 * a1i;
                    double d1r = S1 * a1r, d1i = S1 * a1i;
                    double d2r = S2 * a1r, d2i = S2 * a1i;
                    r0[l] = a0r + a1r; i0[l] = a0i + a1i;
                    double yr = b1r + d1i, yi = b1i - d1r;
                    r1[l] = yr * w1r - yi * w1i; i1[l] = yr * w1i + yi * w1r;
                    yr = b2r + d2i; yi = b2i - d2r;
                    r2[l] = yr * w2r - yi * w2i; i2[l] = yr * w2i + yi * w2r;
                    yr = b2r - d2i; yi = b2i + d2r;
                    r3[l] = yr * w3r - yi * w3i; i3[l] = yr * w3i + yi * w3r;
                    yr = b1r - d1i; yi = b1i + d1r;
                    r4[l] = yr * w4r - yi * w4i; i4[l] = yr * w4i + yi * w4r;
                }
                continue;
            }
            for (int l = 0; l < lanes; l++) {
                double a0r = x0r[l], a1r = x1r[l], a2r = x2r[l], a3r = x3r[l], a4r = x4r[l];
                double a0i = x0i[l], a1i = x1i[l], a2i = x2i[l], a3i = x3i[l], a4i = x4i[l];
                double t1r = a1r + a4r, t1i = a1i + a4i;
                double t2r = a2r + a3r, t2i = a2i + a3i;
                double t3r = a1r - a4r, t3i = a1i - a4i;
                double t4r = a2r - a3r, t4i = a2i - a3i;
                double b1r = a0r + C1 * t1r + C2 * t2r, b1i = a0i + C1 * t1i + C2 * t2i;
                double b2r = a0r + C2 * t1r + C1 * t2r, b2i = a0i + C2 * t1i + C1 * t2i;
                double d1r = S1 * t3r + S2 * t4r, d1i = S1 * t3i + S2 * t4i;
                double d2r = S2 * t3r - S1 * t4r, d2i = S2 * t3i - S1 * t4i;
                r0[l] = a0r + t1r + t2r; i0[l] = a0i + t1i + t2i;
                // y1 = b1 − i·d1, y4 = b1 + i·d1, y2 = b2 − i·d2, y3 = b2 + i·d2; then y_s ×= W_n^{sj}
                double yr = b1r + d1i, yi = b1i - d1r;
                r1[l] = yr * w1r - yi * w1i; i1[l] = yr * w1i + yi * w1r;
                yr = b2r + d2i; yi = b2i - d2r;
                r2[l] = yr * w2r - yi * w2i; i2[l] = yr * w2i + yi * w2r;
                yr = b2r - d2i; yi = b2i + d2r;
                r3[l] = yr * w3r - yi * w3i; i3[l] = yr * w3i + yi * w3r;
                yr = b1r - d1i; yi = b1i + d1r;
                r4[l] = yr * w4r - yi * w4i; i4[l] = yr * w4i + yi * w4r;
            }
        }
    }

    /** Radix-3 DIF step in place on the rows j, j+m, j+2m (padding rows already zeroed). */
    private void outer3() {
        double[][] re = this.re, im = this.im;
        double[] tw = outerTw;
        int m = this.m, lanes = this.lanes;
        for (int j = 0; j < m; j++) {
            double[] r0 = re[j], r1 = re[j + m], r2 = re[j + 2 * m], i0 = im[j], i1 = im[j + m], i2 = im[j + 2 * m];
            double w1r = tw[4 * j], w1i = tw[4 * j + 1], w2r = tw[4 * j + 2], w2i = tw[4 * j + 3];
            for (int l = 0; l < lanes; l++) {
                double a0r = r0[l], a0i = i0[l], a1r = r1[l], a1i = i1[l], a2r = r2[l], a2i = i2[l];
                double sr = a1r + a2r, si = a1i + a2i, dr = a1r - a2r, di = a1i - a2i;
                double br = a0r - 0.5 * sr, bi = a0i - 0.5 * si;
                r0[l] = a0r + sr; i0[l] = a0i + si;
                // y1 = b − i·(√3/2)d, y2 = b + i·(√3/2)d
                double yr = br + S3 * di, yi = bi - S3 * dr;
                r1[l] = yr * w1r - yi * w1i; i1[l] = yr * w1i + yi * w1r;
                yr = br - S3 * di; yi = bi + S3 * dr;
                r2[l] = yr * w2r - yi * w2i; i2[l] = yr * w2i + yi * w2r;
            }
        }
    }

    /** Depth first: a sub-block larger than {@link #inCache} points gets one stage, then each quarter in turn. */
    private void dif(int off, int st, double[][] acc, int[] slot) {
        int q = spans[st], size = 4 * q;
        if (size <= inCache) {
            int last = spans.length - 1;
            for (int s = st; s < last; s++) stage(off, off + size, s);
            if (radix2Last) { stage(off, off + size, last); radix2(off, off + size, acc, slot); }
            else lastStage(off, off + size, acc, slot);
            return;
        }
        stage(off, off + size, st);
        for (int k = 0; k < 4; k++) dif(off + k * q, st + 1, acc, slot);
    }

    /** Radix-4 DIF stage st on the rows [from, to). */
    private void stage(int from, int to, int st) {
        double[][] re = this.re, im = this.im;
        int q = spans[st], lanes = this.lanes;
        double[] t = twiddles[st];
        for (int g = from; g < to; g += 4 * q) {
            for (int j = 0; j < q; j++) {
                int p0 = g + j;
                double[] r0 = re[p0], r1 = re[p0 + q], r2 = re[p0 + 2 * q], r3 = re[p0 + 3 * q];
                double[] i0 = im[p0], i1 = im[p0 + q], i2 = im[p0 + 2 * q], i3 = im[p0 + 3 * q];
                int k = 6 * j;
                double w1r = t[k], w1i = t[k + 1], w2r = t[k + 2], w2i = t[k + 3], w3r = t[k + 4], w3i = t[k + 5];
                for (int l = 0; l < lanes; l++) {
                    double a0r = r0[l], a0i = i0[l], a1r = r1[l], a1i = i1[l];
                    double a2r = r2[l], a2i = i2[l], a3r = r3[l], a3i = i3[l];
                    double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                    double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1i - a3i, t3i = a3r - a1r; // (a1−a3)·(−i)
                    r0[l] = t0r + t2r; i0[l] = t0i + t2i;
                    double yr = t1r + t3r, yi = t1i + t3i;
                    r1[l] = yr * w1r - yi * w1i; i1[l] = yr * w1i + yi * w1r;
                    yr = t0r - t2r; yi = t0i - t2i;
                    r2[l] = yr * w2r - yi * w2i; i2[l] = yr * w2i + yi * w2r;
                    yr = t1r - t3r; yi = t1i - t3i;
                    r3[l] = yr * w3r - yi * w3i; i3[l] = yr * w3i + yi * w3r;
                }
            }
        }
    }

    /** The final radix-4 stage (span 1, no twiddles) on [from, to): |output|² of lane l added to acc[slot[l]]. */
    private void lastStage(int from, int to, double[][] acc, int[] slot) {
        double[][] re = this.re, im = this.im;
        int lanes = this.lanes;
        for (int g = from; g < to; g += 4) {
            double[] r0 = re[g], r1 = re[g + 1], r2 = re[g + 2], r3 = re[g + 3];
            double[] i0 = im[g], i1 = im[g + 1], i2 = im[g + 2], i3 = im[g + 3];
            for (int l = 0; l < lanes; l++) {
                int sl = slot[l];
                if (sl < 0) continue;
                double a0r = r0[l], a0i = i0[l], a1r = r1[l], a1i = i1[l];
                double a2r = r2[l], a2i = i2[l], a3r = r3[l], a3i = i3[l];
                double t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                double t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1i - a3i, t3i = a3r - a1r; // (a1−a3)·(−i)
                double y0r = t0r + t2r, y0i = t0i + t2i, y1r = t1r + t3r, y1i = t1i + t3i;
                double y2r = t0r - t2r, y2i = t0i - t2i, y3r = t1r - t3r, y3i = t1i - t3i;
                double[] a = acc[sl];
                a[g] += y0r * y0r + y0i * y0i;
                a[g + 1] += y1r * y1r + y1i * y1i;
                a[g + 2] += y2r * y2r + y2i * y2i;
                a[g + 3] += y3r * y3r + y3i * y3i;
            }
        }
    }

    /** The final radix-2 stage (m = 2·4^k) on [from, to): |output|² of lane l added to acc[slot[l]]. */
    private void radix2(int from, int to, double[][] acc, int[] slot) {
        double[][] re = this.re, im = this.im;
        int lanes = this.lanes;
        for (int g = from; g < to; g += 2) {
            double[] r0 = re[g], r1 = re[g + 1], i0 = im[g], i1 = im[g + 1];
            for (int l = 0; l < lanes; l++) {
                int sl = slot[l];
                if (sl < 0) continue;
                double ar = r0[l], ai = i0[l], br = r1[l], bi = i1[l];
                double sr = ar + br, si = ai + bi, dr = ar - br, di = ai - bi;
                double[] a = acc[sl];
                a[g] += sr * sr + si * si;
                a[g + 1] += dr * dr + di * di;
            }
        }
    }
}
