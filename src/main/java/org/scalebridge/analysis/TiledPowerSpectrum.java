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
 * radix-4 butterfly are four distinct arrays indexed by the same lane: that is also what lets C2 vectorise the lane
 * loops (arrays indexed alike can only overlap at distance 0; one array with row offsets is never vectorised), given
 * loop bodies short enough to be unrolled (see {@link #stage}).
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
    private final double[][] re0, im0;  // the row arrays in their allocation order (the stages swap references)
    @SuppressWarnings("unused") private final double[][] gaps; // spacers between the rows (held: see the constructor)
    private final int[] gStart, gEnd, gStep, gSlot; // the current tile's lanes in groups of one slot
    private int groups;

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
        re = new double[n][];
        im = new double[n][];
        // the rows are allocated in order (adjacent in the heap until a GC moves them; nothing else is allocated while
        // a tile is in use): re and im of a point side by side, and a small gap every 64 points, so that the rows a
        // power of two apart that one butterfly touches do not all start at the same address modulo 4 KiB and compete
        // for the same ways of the L1 sets (with uniform rows of 96 lanes, rows 256 or more apart always do)
        gaps = new double[n / 64 + 1][];
        for (int p = 0; p < n; p++) {
            re[p] = new double[lanes];
            im[p] = new double[lanes];
            if ((p & 63) == 63) gaps[p >> 6] = new double[8];
        }
        zero = new double[lanes];
        re0 = re.clone();
        im0 = im.clone();
        gStart = new int[lanes];
        gEnd = new int[lanes];
        gStep = new int[lanes];
        gSlot = new int[lanes];
    }

    int length() { return n; }
    int lanes() { return lanes; }
    int[] groupStart() { return gStart; }
    int[] groupEnd() { return gEnd; }
    int[] groupStep() { return gStep; }
    int[] groupSlot() { return gSlot; }

    /**
     * Transforms the tile (signals of length {@code len}, zero-padded to n) and adds |Z_k|² of lane l to
     * {@code acc[slot[l]][k]} in storage order (lanes with slot −1 are skipped). The rows are overwritten.
     */
    void transform(int len, double[][] acc, int[] slot) {
        int groups = 0;
        for (int l = 0; l < lanes; ) {
            int e = l + 1;
            while (e < lanes && slot[e] == slot[l]) e++;
            if (slot[l] >= 0) { gStart[groups] = l; gEnd[groups] = e; gStep[groups] = 1; gSlot[groups++] = slot[l]; }
            l = e;
        }
        transform(len, acc, groups);
    }

    /**
     * As {@link #transform(int, double[][], int[])} with the lanes given as groups of one slot each: group g is the
     * lanes gStart[g], gStart[g] + gStep[g], ... &lt; gEnd[g] (arrays of {@link #groupStart()} etc., filled by the
     * caller), summed into acc[gSlot[g]]; lanes in no group are skipped.
     */
    void transform(int len, double[][] acc, int groups) {
        if (len > n) throw new IllegalArgumentException("signal length " + len + " exceeds the transform length " + n);
        if (groups > lanes) throw new IllegalArgumentException("more groups than lanes: " + groups);
        this.groups = groups;
        if (r == 5 && len <= 3 * m) outer5(len);
        else {
            for (int p = len; p < n; p++) { java.util.Arrays.fill(re[p], 0.0); java.util.Arrays.fill(im[p], 0.0); }
            if (r == 5) outer5Of(0, m, 5);
            else if (r == 3) outer3();
        }
        for (int s = 0; s < r; s++) {
            int base = s * m;
            if (spans.length == 0) radix2(base, base + m, acc);
            else dif(base, 0, acc);
        }
        // the stages swapped row references: back to the allocation order, so the next fill writes the same memory
        System.arraycopy(re0, 0, re, 0, n);
        System.arraycopy(im0, 0, im, 0, n);
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
        if (nz <= 3) { outer5Pruned(j0, j1, nz); return; }
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

    /**
     * Radix-5 DIF step for j in [j0, j1) with at most three non-zero inputs (nz ≤ 3; the zero padding rows are only
     * written), as short loops over the lanes that C2 vectorises (see {@link #stage}): the 5-point sums of real and
     * imaginary parts separately ({@link #dft5Real}), then y1, y4 and y2, y3 with their twiddles ({@link #conjPairTw}).
     * Same operations on the same values as the one radix-5 loop (the absent inputs are exact zeros there).
     */
    private void outer5Pruned(int j0, int j1, int nz) {
        double[][] re = this.re, im = this.im;
        double[] tw = outerTw;
        int m = this.m, lanes = this.lanes;
        for (int j = j0; j < j1; j++) {
            double[] r0 = re[j], r1 = re[j + m], r2 = re[j + 2 * m], r3 = re[j + 3 * m], r4 = re[j + 4 * m];
            double[] i0 = im[j], i1 = im[j + m], i2 = im[j + 2 * m], i3 = im[j + 3 * m], i4 = im[j + 4 * m];
            int t = 8 * j;
            if (nz <= 1) {
                if (nz == 0) { java.util.Arrays.fill(r0, 0.0); java.util.Arrays.fill(i0, 0.0); }
                // y_s = x0·W_n^{sj}
                copyTw(r0, i0, r1, i1, tw[t], tw[t + 1], lanes);
                copyTw(r0, i0, r2, i2, tw[t + 2], tw[t + 3], lanes);
                copyTw(r0, i0, r3, i3, tw[t + 4], tw[t + 5], lanes);
                copyTw(r0, i0, r4, i4, tw[t + 6], tw[t + 7], lanes);
                continue;
            }
            // rows 0..4 ← y0, b1, b2, d2, d1 (b1 = a0 + C1 a1 + C2 a2, b2 = a0 + C2 a1 + C1 a2, d1 = S1 a1 + S2 a2, d2 = S2 a1 − S1 a2)
            if (nz == 2) { dft5Real2(r0, r1, r2, r3, r4, lanes); dft5Real2(i0, i1, i2, i3, i4, lanes); }
            else { dft5Real(r0, r1, r2, r3, r4, lanes); dft5Real(i0, i1, i2, i3, i4, lanes); }
            // y1 = b1 − i·d1, y4 = b1 + i·d1, y2 = b2 − i·d2, y3 = b2 + i·d2; then y_s ×= W_n^{sj}
            conjPairTw(r1, i1, r4, i4, tw[t], tw[t + 1], tw[t + 6], tw[t + 7], lanes);
            conjPairTw(r2, i2, r3, i3, tw[t + 2], tw[t + 3], tw[t + 4], tw[t + 5], lanes);
        }
    }

    /** One part (real or imaginary) of the 5-point sums from inputs a0, a1, a2: x0..x4 ← y0, b1, b2, d2, d1. */
    private static void dft5Real(double[] x0, double[] x1, double[] x2, double[] x3, double[] x4, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double a0 = x0[l], a1 = x1[l], a2 = x2[l];
            x0[l] = a0 + a1 + a2;
            x1[l] = a0 + C1 * a1 + C2 * a2;
            x2[l] = a0 + C2 * a1 + C1 * a2;
            x3[l] = S2 * a1 - S1 * a2;
            x4[l] = S1 * a1 + S2 * a2;
        }
    }

    /** {@link #dft5Real} with a2 = 0. */
    private static void dft5Real2(double[] x0, double[] x1, double[] x2, double[] x3, double[] x4, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double a0 = x0[l], a1 = x1[l];
            x0[l] = a0 + a1;
            x1[l] = a0 + C1 * a1;
            x2[l] = a0 + C2 * a1;
            x3[l] = S2 * a1;
            x4[l] = S1 * a1;
        }
    }

    /** a, b ← (a − i·b)·u, (a + i·b)·w (lane-wise). */
    private static void conjPairTw(double[] ar, double[] ai, double[] br, double[] bi, double ur, double ui, double wr, double wi, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l], yr = br[l], yi = bi[l];
            double pr = xr + yi, pi = xi - yr, qr = xr - yi, qi = xi + yr;
            ar[l] = pr * ur - pi * ui; ai[l] = pr * ui + pi * ur;
            br[l] = qr * wr - qi * wi; bi[l] = qr * wi + qi * wr;
        }
    }

    /** b ← a·w (lane-wise). */
    private static void copyTw(double[] ar, double[] ai, double[] br, double[] bi, double wr, double wi, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l];
            br[l] = xr * wr - xi * wi; bi[l] = xr * wi + xi * wr;
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
    private void dif(int off, int st, double[][] acc) {
        int q = spans[st], size = 4 * q;
        if (size <= inCache) {
            int last = spans.length - 1;
            for (int s = st; s < last; s++) stage(off, off + size, s);
            if (radix2Last) { stage(off, off + size, last); radix2(off, off + size, acc); }
            else lastStage(off, off + size, acc);
            return;
        }
        stage(off, off + size, st);
        for (int k = 0; k < 4; k++) dif(off + k * q, st + 1, acc);
    }

    /**
     * Radix-4 DIF stage st on the rows [from, to). Each butterfly runs as two radix-2 layers, four short loops over the
     * lanes ({@link #addSub}, {@link #addSubMinusI}, {@link #sumDiffTw}, {@link #sumDiffTw2}) instead of one long one:
     * C2 unrolls and vectorises (SuperWord) only loop bodies of at most LoopUnrollLimit (60) nodes, which the whole
     * radix-4 body exceeds; the four rows stay in L1 between the loops. Same operations on the same values as the one
     * radix-4 loop, so the result is unchanged to the last bit; y1 and y2 come out in each other's rows and the two
     * row arrays are swapped (a reference swap) to keep the storage order.
     */
    private void stage(int from, int to, int st) {
        double[][] re = this.re, im = this.im;
        int q = spans[st], lanes = this.lanes;
        double[] t = twiddles[st];
        for (int g = from; g < to; g += 4 * q) {
            for (int j = 0; j < q; j++) {
                int p0 = g + j, p1 = p0 + q, p2 = p0 + 2 * q, p3 = p0 + 3 * q;
                double[] r0 = re[p0], r1 = re[p1], r2 = re[p2], r3 = re[p3];
                double[] i0 = im[p0], i1 = im[p1], i2 = im[p2], i3 = im[p3];
                int k = 6 * j;
                addSub(r0, i0, r2, i2, lanes);              // t0 = a0 + a2, t1 = a0 − a2
                addSubMinusI(r1, i1, r3, i3, lanes);        // t2 = a1 + a3, t3 = (a1 − a3)·(−i)
                sumDiffTw(r0, i0, r1, i1, t[k + 2], t[k + 3], lanes);                       // y0 = t0 + t2, y2 = (t0 − t2)·W^2j
                sumDiffTw2(r2, i2, r3, i3, t[k], t[k + 1], t[k + 4], t[k + 5], lanes);      // y1 = (t1 + t3)·W^j, y3 = (t1 − t3)·W^3j
                re[p1] = r2; re[p2] = r1; im[p1] = i2; im[p2] = i1;
            }
        }
    }

    /** a, b ← a + b, a − b (lane-wise). */
    private static void addSub(double[] ar, double[] ai, double[] br, double[] bi, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l], yr = br[l], yi = bi[l];
            ar[l] = xr + yr; ai[l] = xi + yi;
            br[l] = xr - yr; bi[l] = xi - yi;
        }
    }

    /** a, b ← a + b, (a − b)·(−i) (lane-wise). */
    private static void addSubMinusI(double[] ar, double[] ai, double[] br, double[] bi, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l], yr = br[l], yi = bi[l];
            ar[l] = xr + yr; ai[l] = xi + yi;
            br[l] = xi - yi; bi[l] = yr - xr;
        }
    }

    /** a, b ← a + b, (a − b)·w (lane-wise). */
    private static void sumDiffTw(double[] ar, double[] ai, double[] br, double[] bi, double wr, double wi, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l], yr = br[l], yi = bi[l];
            ar[l] = xr + yr; ai[l] = xi + yi;
            double dr = xr - yr, di = xi - yi;
            br[l] = dr * wr - di * wi; bi[l] = dr * wi + di * wr;
        }
    }

    /** a, b ← (a + b)·u, (a − b)·w (lane-wise). */
    private static void sumDiffTw2(double[] ar, double[] ai, double[] br, double[] bi, double ur, double ui, double wr, double wi, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l], yr = br[l], yi = bi[l];
            double sr = xr + yr, si = xi + yi, dr = xr - yr, di = xi - yi;
            ar[l] = sr * ur - si * ui; ai[l] = sr * ui + si * ur;
            br[l] = dr * wr - di * wi; bi[l] = dr * wi + di * wr;
        }
    }

    /** a ← |a|² in the real part (lane-wise). */
    private static void power(double[] ar, double[] ai, int lanes) {
        for (int l = 0; l < lanes; l++) {
            double xr = ar[l], xi = ai[l];
            ar[l] = xr * xr + xi * xi;
        }
    }

    /**
     * The final radix-4 stage (span 1, no twiddles) on [from, to): |output|² summed over the lanes of each run of one
     * slot and added to acc[slot][k].
     */
    private void lastStage(int from, int to, double[][] acc) {
        double[][] re = this.re, im = this.im;
        int lanes = this.lanes;
        for (int g = from; g < to; g += 4) {
            double[] r0 = re[g], r1 = re[g + 1], r2 = re[g + 2], r3 = re[g + 3];
            double[] i0 = im[g], i1 = im[g + 1], i2 = im[g + 2], i3 = im[g + 3];
            addSub(r0, i0, r2, i2, lanes);        // t0, t1
            addSubMinusI(r1, i1, r3, i3, lanes);  // t2, t3
            addSub(r0, i0, r1, i1, lanes);        // y0, y2
            addSub(r2, i2, r3, i3, lanes);        // y1, y3
            power(r0, i0, lanes);
            power(r2, i2, lanes);
            power(r1, i1, lanes);
            power(r3, i3, lanes);
            addRuns(r0, acc, g);
            addRuns(r2, acc, g + 1);
            addRuns(r1, acc, g + 2);
            addRuns(r3, acc, g + 3);
        }
    }

    /** The final radix-2 stage (m = 2·4^k) on [from, to): |output|² summed per run and added to acc[slot][k]. */
    private void radix2(int from, int to, double[][] acc) {
        double[][] re = this.re, im = this.im;
        int lanes = this.lanes;
        for (int g = from; g < to; g += 2) {
            double[] r0 = re[g], r1 = re[g + 1], i0 = im[g], i1 = im[g + 1];
            addSub(r0, i0, r1, i1, lanes);
            power(r0, i0, lanes);
            power(r1, i1, lanes);
            addRuns(r0, acc, g);
            addRuns(r1, acc, g + 1);
        }
    }

    /** acc[gSlot[g]][k0] += Σ over the lanes of group g of pw[lane] (four partial sums: short add chains). */
    private void addRuns(double[] pw, double[][] acc, int k0) {
        int[] gStart = this.gStart, gEnd = this.gEnd, gStep = this.gStep, gSlot = this.gSlot;
        for (int g = 0, ng = groups; g < ng; g++) {
            int l = gStart[g], end = gEnd[g], st = gStep[g];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; l + 3 * st < end; l += 4 * st) { s0 += pw[l]; s1 += pw[l + st]; s2 += pw[l + 2 * st]; s3 += pw[l + 3 * st]; }
            for (; l < end; l += st) s0 += pw[l];
            acc[gSlot[g]][k0] += (s0 + s1) + (s2 + s3);
        }
    }
}
