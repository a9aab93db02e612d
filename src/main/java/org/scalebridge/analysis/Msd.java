package org.scalebridge.analysis;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;

/**
 * Mean-squared displacement (paper Eq. 2): MSD(τ) = ⟨|r_i(t0+τ) − r_i(t0)|²⟩ averaged over the selected atoms and
 * over time origins t0, from unwrapped positions. Four origin schemes:
 * <ul>
 * <li>{@link #allOriginsFft}: every origin, O(T log T) per atom via the Wiener–Khinchin theorem
 *     (MSD(m) = [S1(m) − 2 S2(m)]/(T−m), S2 the autocorrelation by zero-padded FFT; Calandrini et al.,
 *     Collection SFN 12, 201 (2011), "nMoldyn", Eqs. 11–14);</li>
 * <li>{@link #bruteForce}: every origin, O(T²) direct sum (the reference the FFT path is tested against);</li>
 * <li>{@link #strided}: origins every s frames (windowed averages);</li>
 * <li>{@link #singleOrigin}: origin = first frame (what LAMMPS {@code compute msd} reports).</li>
 * </ul>
 * Optional centre-of-mass drift correction subtracts the displacement of the centre of mass of <i>all</i> atoms
 * (mass-weighted when masses are known). Uncertainty blocks: the selected atoms are split into {@code blocks}
 * contiguous groups, each averaged over the same origins ({@link MsdResult#blockTotal()}).
 */
public final class Msd {
    private Msd() {}

    /** Options shared by all schemes. maxLag ≤ 0 means T−1. */
    public record Options(int[] atoms, boolean comCorrection, int maxLag, int blocks) {
        public static Options all(int blocks) { return new Options(null, false, 0, blocks); }
    }

    // ---------------------------------------------------------------- FFT, all origins

    /**
     * All-origins MSD in O(N T log T). The per-atom series are transformed a tile of {@link #LANES} complex lanes at a
     * time ({@link TiledPowerSpectrum}): each lane holds two atoms of the same block and the same component (z = a + i·b),
     * the tile is filled frame by frame straight from the frame-major trajectory, and the power spectra of all lanes of a
     * block and component are summed, so one inverse FFT per block and component gives S2 (Wiener–Khinchin).
     */
    public static MsdResult allOriginsFft(FrameSeries fs, Options o, Progress progress) {
        return allOriginsFft(fs, o, progress, LANES);
    }

    /** {@link #allOriginsFft} with a given number of complex lanes per tile (tests and tuning). */
    static MsdResult allOriginsFft(FrameSeries fs, Options o, Progress progress, int maxLanes) {
        if (maxLanes < 1) throw new IllegalArgumentException("lanes must be ≥ 1: " + maxLanes);
        Prep p = new Prep(fs, o);
        if (maxLanes >= 3 && p.blocksContiguous()) return contiguousTiles(p, progress, maxLanes);
        int t = p.t, maxLag = p.maxLag;
        int n = Fft.nextFast(t + maxLag); // zero padding to ≥ T + maxLag makes the circular correlation exact
        // lanes: per block, consecutive atoms paired, the three components of a pair side by side
        int nLanes = 0;
        for (int b = 0; b < p.nb; b++) nLanes += 3 * ((p.blockStart[b + 1] - p.blockStart[b] + 1) / 2);
        int[] offA = new int[nLanes], offB = new int[nLanes], slotOf = new int[nLanes];
        int[] atomsDone = new int[nLanes];
        for (int b = 0, l = 0; b < p.nb; b++)
            for (int a = p.blockStart[b]; a < p.blockStart[b + 1]; a += 2)
                for (int d = 0; d < 3; d++, l++) {
                    offA[l] = 3 * p.sel[a] + d;
                    offB[l] = a + 1 < p.blockStart[b + 1] ? 3 * p.sel[a + 1] + d : -1;
                    slotOf[l] = 3 * b + d;
                    atomsDone[l] = Math.min(a + 2, p.blockStart[b + 1]);
                }
        // tile rows take 16 bytes per lane and point: at most TILE_BYTES (long runs get narrower tiles)
        int lanes = (int) Math.max(1, Math.min(Math.min(maxLanes, nLanes), TILE_BYTES / (16L * n)));
        TiledPowerSpectrum tiles = new TiledPowerSpectrum(n, lanes);
        PairPowerSpectrum order = new PairPowerSpectrum(n); // same storage order; maps the sums to natural order
        double[][] spec = new double[3 * p.nb][n]; // Σ|Z_k|² per block and component, in the transform's storage order
        double[][] sq = new double[3 * p.nb][t];   // Σ_atoms x_k² per frame, for S1
        double[] first = fs.frame(0);
        double[] firstA = new double[lanes], firstB = new double[lanes];
        int[] a0 = new int[lanes], b0 = new int[lanes], slot = new int[lanes];
        double[] hasB = new double[lanes];
        int[] runStart = new int[lanes + 1], runSlot = new int[lanes], runComp = new int[lanes];
        for (int l0 = 0; l0 < nLanes; l0 += lanes) {
            int cnt = Math.min(lanes, nLanes - l0);
            // the tile's lanes grouped by slot (their order inside a tile is free): runs of one block and component
            int runs = 0, l = 0, slMin = Integer.MAX_VALUE, slMax = -1;
            for (int k = l0; k < l0 + cnt; k++) { slMin = Math.min(slMin, slotOf[k]); slMax = Math.max(slMax, slotOf[k]); }
            for (int sl = slMin; sl <= slMax; sl++) {
                int start = l;
                for (int k = l0; k < l0 + cnt; k++) {
                    if (slotOf[k] != sl) continue;
                    a0[l] = offA[k];
                    b0[l] = offB[k] >= 0 ? offB[k] : offA[k]; // a lone atom: imaginary part × 0
                    hasB[l] = offB[k] >= 0 ? 1 : 0;
                    slot[l] = sl;
                    firstA[l] = first[a0[l]];
                    firstB[l] = first[b0[l]];
                    l++;
                }
                if (l > start) { runStart[runs] = start; runSlot[runs] = sl; runComp[runs] = sl % 3; runs++; }
            }
            runStart[runs] = l;
            for (; l < lanes; l++) slot[l] = -1; // unused lanes of the last tile: zero rows, skipped in the spectra
            fillTile(fs, p.com, t, tiles, a0, b0, hasB, firstA, firstB, runs, runStart, runSlot, runComp, sq);
            tiles.transform(t, spec, slot);
            if (progress != null) {
                progress.update(atomsDone[l0 + cnt - 1], p.sel.length, "MSD (FFT)");
                if (progress.isCancelled()) throw new java.util.concurrent.CancellationException("MSD cancelled");
            }
        }
        return fromSpectra(p, n, t, maxLag, (b, d) -> sq[3 * b + d], (b, d) -> order.symmetrised(spec[3 * b + d]));
    }

    /**
     * The tiled path when every block is a run of consecutive atom indices (the whole system, or a species stored
     * together): a block's coordinates are one contiguous stretch of each frame, x y z x y z ..., cut into pieces of
     * 2L doubles (L lanes, a multiple of 3). Lane l of a tile takes double l of the piece as its real part and double
     * L + l as its imaginary part: both the same component (l mod 3) of two atoms of the block. Filling a row is then
     * two array copies and a subtraction that C2 vectorises, instead of a gather per lane; the lanes of a component
     * are every third lane (the transform's lane groups with step 3).
     */
    private static MsdResult contiguousTiles(Prep p, Progress progress, int maxLanes) {
        int t = p.t, maxLag = p.maxLag;
        int n = Fft.nextFast(t + maxLag); // zero padding to ≥ T + maxLag makes the circular correlation exact
        int maxBlock = 0;
        for (int b = 0; b < p.nb; b++) maxBlock = Math.max(maxBlock, p.blockStart[b + 1] - p.blockStart[b]);
        // lanes: a multiple of 3, no more than half a block's doubles (rounded up), tile rows of at most TILE_BYTES
        long cap = Math.min(Math.min(maxLanes, 3L * ((maxBlock + 1) / 2)), TILE_BYTES / (16L * n));
        int lanes = (int) Math.max(3, cap - cap % 3);
        TiledPowerSpectrum tiles = new TiledPowerSpectrum(n, lanes);
        PairPowerSpectrum order = new PairPowerSpectrum(n); // same storage order; maps the sums to natural order
        double[][] spec = new double[3 * p.nb][n]; // Σ|Z_k|² per block and component, in the transform's storage order
        double[][] sq = new double[3 * p.nb][t];   // Σ_atoms x_k² per frame, for S1
        double[] first = p.fs.frame(0);
        double[] firstA = new double[lanes], firstB = new double[lanes];
        int[] gStart = tiles.groupStart(), gEnd = tiles.groupEnd(), gStep = tiles.groupStep(), gSlot = tiles.groupSlot();
        for (int b = 0; b < p.nb; b++) {
            int a0 = p.blockStart[b], d0 = 3 * p.sel[a0], len = 3 * (p.blockStart[b + 1] - a0);
            for (int k0 = 0; k0 < len; k0 += 2 * lanes) {
                int src = d0 + k0, nRe = Math.min(lanes, len - k0), nIm = Math.max(0, Math.min(lanes, len - k0 - lanes));
                System.arraycopy(first, src, firstA, 0, nRe);
                if (nIm > 0) System.arraycopy(first, src + lanes, firstB, 0, nIm);
                int groups = 0;
                for (int d = 0; d < 3 && d < nRe; d++) { gStart[groups] = d; gEnd[groups] = nRe; gStep[groups] = 3; gSlot[groups++] = 3 * b + d; }
                fillContiguous(p.fs, p.com, t, tiles, src, nRe, nIm, firstA, firstB, sq, 3 * b);
                tiles.transform(t, spec, groups);
                if (progress != null) {
                    progress.update(a0 + Math.min(len, k0 + 2 * lanes) / 3, p.sel.length, "MSD (FFT)");
                    if (progress.isCancelled()) throw new java.util.concurrent.CancellationException("MSD cancelled");
                }
            }
        }
        return fromSpectra(p, n, t, maxLag, (b, d) -> sq[3 * b + d], (b, d) -> order.symmetrised(spec[3 * b + d]));
    }

    /**
     * Rows 0..t−1 of the tile from the frames: lane l < nRe holds x(f) − x(0) − drift(f) of frame double src + l (real
     * part), lane l < nIm that of double src + L + l (imaginary part); the rest is zero. Σ x² per component (l mod 3)
     * is added to sq[slot0 + component][f] (for S1).
     */
    private static void fillContiguous(FrameSeries fs, double[][] com, int t, TiledPowerSpectrum tiles, int src, int nRe, int nIm,
                                       double[] firstA, double[] firstB, double[][] sq, int slot0) {
        int lanes = tiles.lanes(), hi = nIm > 0 ? src + lanes + nIm - 1 : src + nRe - 1;
        double[][] re = tiles.re, im = tiles.im;
        double[] sx = sq[slot0], sy = sq[slot0 + 1], sz = sq[slot0 + 2];
        double touch = 0;
        for (int f = 0; f < t; f++) {
            // frame f + AHEAD touched now, one load per cache line: its memory latency overlaps with this frame
            if (f + AHEAD < t) {
                double[] next = fs.frame(f + AHEAD);
                for (int i = src; i <= hi; i += 8) touch += next[i];
                touch += next[hi];
            }
            double[] fr = fs.frame(f), rr = re[f], ri = im[f];
            System.arraycopy(fr, src, rr, 0, nRe);
            for (int l = 0; l < nRe; l++) rr[l] -= firstA[l];
            if (nRe < lanes) java.util.Arrays.fill(rr, nRe, lanes, 0.0);
            if (nIm > 0) System.arraycopy(fr, src + lanes, ri, 0, nIm);
            for (int l = 0; l < nIm; l++) ri[l] -= firstB[l];
            if (nIm < lanes) java.util.Arrays.fill(ri, nIm, lanes, 0.0);
            if (com != null) {
                double[] drift = com[f];
                for (int d = 0; d < 3; d++) {
                    double dd = drift[d];
                    for (int l = d; l < nRe; l += 3) rr[l] -= dd;
                    for (int l = d; l < nIm; l += 3) ri[l] -= dd;
                }
            }
            double s0 = 0, s1 = 0, s2 = 0, u0 = 0, u1 = 0, u2 = 0;
            int l = 0;
            for (; l + 5 < nRe; l += 6) {
                s0 += rr[l] * rr[l] + ri[l] * ri[l];
                s1 += rr[l + 1] * rr[l + 1] + ri[l + 1] * ri[l + 1];
                s2 += rr[l + 2] * rr[l + 2] + ri[l + 2] * ri[l + 2];
                u0 += rr[l + 3] * rr[l + 3] + ri[l + 3] * ri[l + 3];
                u1 += rr[l + 4] * rr[l + 4] + ri[l + 4] * ri[l + 4];
                u2 += rr[l + 5] * rr[l + 5] + ri[l + 5] * ri[l + 5];
            }
            for (; l < nRe; l++) {
                double v = rr[l] * rr[l] + ri[l] * ri[l];
                if (l % 3 == 0) s0 += v; else if (l % 3 == 1) s1 += v; else s2 += v;
            }
            sx[f] += s0 + u0;
            sy[f] += s1 + u1;
            sz[f] += s2 + u2;
        }
        touchSink = touch; // keeps the early loads alive
    }

    /**
     * Complex lanes per tile (two real signals each). Tuning knob (system property {@code scalebridge.msd.lanes});
     * the results do not depend on it beyond rounding. 96: a multiple of 3 (the copy path's lanes) and of the 32 doubles
     * per iteration of C2's unrolled vector loops (no scalar tail); measured faster than 33, 66, 99, 144 and 192.
     */
    static final int LANES = Math.max(1, Integer.getInteger("scalebridge.msd.lanes", 96));
    /** Memory cap of a tile's rows (96 lanes up to ~10,900 frames with all lags; longer runs get narrower tiles). */
    static final long TILE_BYTES = 32L << 20;

    /**
     * Fills the tile rows 0..t−1 from the frames: lane l holds r(t) − r(0) − drift(t) at position offsets a0[l] (real
     * part) and b0[l] (imaginary part, times hasB[l]); lanes of run k (runStart[k]..runStart[k+1]−1) share the slot
     * runSlot[k] and component runComp[k], and their squares are added to sq[slot][frame] (for S1). Lanes from
     * runStart[runs] on are set to zero.
     */
    private static void fillTile(FrameSeries fs, double[][] com, int t, TiledPowerSpectrum tiles, int[] a0, int[] b0, double[] hasB,
                                 double[] firstA, double[] firstB, int runs, int[] runStart, int[] runSlot, int[] runComp, double[][] sq) {
        int lanes = tiles.lanes(), used = runStart[runs];
        double[][] re = tiles.re, im = tiles.im;
        // the tile's positions in a frame: [lo, hi]; touched AHEAD frames early (one load per cache line) so that the
        // memory latency of the next frames (each a separate array far apart in the heap) overlaps with this one
        int lo = Integer.MAX_VALUE, hi = -1;
        for (int l = 0; l < used; l++) {
            lo = Math.min(lo, Math.min(a0[l], b0[l]));
            hi = Math.max(hi, Math.max(a0[l], b0[l]));
        }
        double touch = 0;
        for (int f = 0; f < t; f++) {
            if (f + AHEAD < t) {
                double[] next = fs.frame(f + AHEAD);
                for (int i = lo; i <= hi; i += 8) touch += next[i];
                touch += next[hi];
            }
            double[] fr = fs.frame(f), rr = re[f], ri = im[f];
            double[] drift = com == null ? null : com[f];
            for (int k = 0; k < runs; k++) {
                double dd = drift == null ? 0 : drift[runComp[k]], sum = 0;
                for (int l = runStart[k], end = runStart[k + 1]; l < end; l++) {
                    double xa = fr[a0[l]] - firstA[l] - dd;
                    double xb = hasB[l] * (fr[b0[l]] - firstB[l] - dd);
                    rr[l] = xa;
                    ri[l] = xb;
                    sum += xa * xa + xb * xb;
                }
                sq[runSlot[k]][f] += sum;
            }
            for (int l = used; l < lanes; l++) { rr[l] = 0; ri[l] = 0; }
        }
        touchSink = touch; // keeps the early loads alive
    }

    private static final int AHEAD = 6; // frames touched ahead in fillTile and fillContiguous
    @SuppressWarnings("unused") private static volatile double touchSink;

    /** The per-signal path (two real signals per {@link PairPowerSpectrum} call), kept as the tiled path's reference in tests. */
    static MsdResult allOriginsFftPerSignal(FrameSeries fs, Options o) {
        Prep p = new Prep(fs, o);
        int t = p.t, maxLag = p.maxLag;
        int n = Fft.nextFast(t + maxLag); // zero padding to ≥ T + maxLag makes the circular correlation exact
        PairPowerSpectrum spectra = new PairPowerSpectrum(n);
        double[][][] spec = new double[p.nb][3][n]; // Σ|Z_k|² in the transform's storage order
        double[][][] sq = new double[p.nb][3][t]; // Σ_atoms x_k² per frame, for S1
        double[][] chunk = null;
        for (int b = 0; b < p.nb; b++) {
            int from = p.blockStart[b], to = p.blockStart[b + 1];
            for (int c0 = from; c0 < to; c0 += CHUNK) {
                int c1 = Math.min(to, c0 + CHUNK);
                chunk = p.series(c0, c1, chunk);
                for (int d = 0; d < 3; d++) {
                    for (int a = c0; a < c1; a += 2) {
                        double[] xa = chunk[3 * (a - c0) + d];
                        double[] xb = a + 1 < c1 ? chunk[3 * (a + 1 - c0) + d] : null;
                        // two real signals per complex transform; symmetrised into Σ(|A_k|² + |B_k|²) at the end
                        spectra.accumulate(xa, xb, t, spec[b][d]);
                        addSquares(xa, t, sq[b][d]);
                        if (xb != null) addSquares(xb, t, sq[b][d]);
                    }
                }
            }
        }
        return fromSpectra(p, n, t, maxLag, (b, d) -> sq[b][d], (b, d) -> spectra.symmetrised(spec[b][d]));
    }

    private static final int CHUNK = 64; // atoms per series extraction (and per pass over the frames): 15 MB of series

    private static void addSquares(double[] x, int t, double[] sq) {
        for (int k = 0; k < t; k++) sq[k] += x[k] * x[k];
    }

    /** S1(m) = Σ_{k=0}^{T−1−m} x_k² + Σ_{k=m}^{T−1} x_k² (summed over atoms), from the per-frame sums of squares. */
    private static double[] s1(double[] sq, int t, int maxLag) {
        double[] prefix = new double[t + 1];
        for (int k = 0; k < t; k++) prefix[k + 1] = prefix[k] + sq[k];
        double total = prefix[t];
        double[] s1 = new double[maxLag + 1];
        for (int m = 0; m <= maxLag; m++) s1[m] = prefix[t - m] + (total - prefix[m]);
        return s1;
    }

    // ---------------------------------------------------------------- direct sums

    /** All-origins MSD by the direct O(N T²) double loop. */
    public static MsdResult bruteForce(FrameSeries fs, Options o) {
        return direct(fs, o, 1, "all-origins direct O(T²)");
    }

    /** MSD with time origins every {@code stride} frames. */
    public static MsdResult strided(FrameSeries fs, Options o, int stride) {
        if (stride < 1) throw InputException.unphysical("origin stride", stride, "≥ 1 frame");
        return direct(fs, o, stride, "origins every " + stride + " frames");
    }

    /** MSD relative to the first frame only (LAMMPS {@code compute msd}, com no/yes). */
    public static MsdResult singleOrigin(FrameSeries fs, Options o) {
        return direct(fs, o, Integer.MAX_VALUE, "single origin (first frame)");
    }

    private static MsdResult direct(FrameSeries fs, Options o, int stride, String method) {
        Prep p = new Prep(fs, o);
        int t = p.t, maxLag = p.maxLag;
        double[][][] msd = new double[p.nb][3][maxLag + 1];
        int[] origins = new int[maxLag + 1];
        for (int m = 0; m <= maxLag; m++) {
            int c = 0;
            for (int k = 0; k + m < t; k = (stride == Integer.MAX_VALUE) ? t : k + stride) c++;
            origins[m] = c;
        }
        double[][] chunk = null;
        for (int b = 0; b < p.nb; b++) {
            int from = p.blockStart[b], to = p.blockStart[b + 1];
            for (int c0 = from; c0 < to; c0 += CHUNK) {
                int c1 = Math.min(to, c0 + CHUNK);
                chunk = p.series(c0, c1, chunk);
                for (int d = 0; d < 3; d++) {
                    double[] acc = msd[b][d];
                    for (int a = c0; a < c1; a++) {
                        double[] x = chunk[3 * (a - c0) + d];
                        for (int m = 1; m <= maxLag; m++) {
                            double s = 0;
                            for (int k = 0; k + m < t; k = (stride == Integer.MAX_VALUE) ? t : k + stride) {
                                double dx = x[k + m] - x[k];
                                s += dx * dx;
                            }
                            acc[m] += s;
                        }
                    }
                }
            }
            int na = to - from;
            for (int d = 0; d < 3; d++) for (int m = 0; m <= maxLag; m++) msd[b][d][m] /= (double) origins[m] * na;
        }
        return p.assemble(msd, origins, method);
    }

    // ---------------------------------------------------------------- shared preparation

    /** Validated inputs, atom blocks, drift and per-atom series extraction. */
    private static final class Prep {
        final FrameSeries fs;
        final int[] sel;
        final int t, maxLag, nb;
        final int[] blockStart;
        final double[][] com; // COM displacement per frame (or null)

        /** Every block is a run of consecutive atom indices (its coordinates are contiguous in a frame). */
        boolean blocksContiguous() {
            for (int b = 0; b < nb; b++)
                for (int a = blockStart[b] + 1; a < blockStart[b + 1]; a++) if (sel[a] != sel[a - 1] + 1) return false;
            return true;
        }

        Prep(FrameSeries fs, Options o) {
            this.fs = fs;
            t = fs.frames();
            if (t < 2) throw InputException.field("trajectory", "frames", "MSD needs at least 2 frames, got " + t);
            fs.uniformTimestep();
            sel = o.atoms() == null ? fs.select() : o.atoms().clone();
            if (sel.length == 0) throw InputException.field("msd", "atoms", "the selection is empty");
            for (int a : sel) if (a < 0 || a >= fs.atoms()) throw InputException.field("msd", "atoms", "atom index " + a + " outside 0.." + (fs.atoms() - 1));
            maxLag = o.maxLag() <= 0 ? t - 1 : Math.min(o.maxLag(), t - 1);
            nb = Math.max(1, Math.min(o.blocks(), sel.length));
            blockStart = new int[nb + 1];
            for (int b = 0; b <= nb; b++) blockStart[b] = (int) ((long) b * sel.length / nb);
            com = o.comCorrection() ? centreOfMassDrift(fs) : null;
        }

        /** Series of selected atoms c0..c1−1: out[3(a−c0)+d][frame] = r_d(t) − r_d(0) − drift_d(t). */
        double[][] series(int c0, int c1, double[][] reuse) {
            int rows = 3 * (c1 - c0);
            double[][] out = reuse != null && reuse.length >= rows && reuse[0].length == t ? reuse : new double[Math.max(rows, 3 * CHUNK)][t];
            double[] first = fs.frame(0);
            // frame by frame: the chunk's atoms are a short run of each frame (contiguous when the selection is), and
            // the chunk's series stay in cache for the transforms that follow (CHUNK is small for that reason)
            for (int f = 0; f < t; f++) {
                double[] fr = fs.frame(f);
                double dx = 0, dy = 0, dz = 0;
                if (com != null) { dx = com[f][0]; dy = com[f][1]; dz = com[f][2]; }
                for (int a = c0, row = 0; a < c1; a++, row += 3) {
                    int i = 3 * sel[a];
                    out[row][f] = fr[i] - first[i] - dx;
                    out[row + 1][f] = fr[i + 1] - first[i + 1] - dy;
                    out[row + 2][f] = fr[i + 2] - first[i + 2] - dz;
                }
            }
            return out;
        }

        MsdResult assemble(double[][][] msd, int[] origins, String method) {
            int l = maxLag + 1;
            double dt = fs.uniformTimestep();
            int[] lag = new int[l];
            double[] time = new double[l], x = new double[l], y = new double[l], z = new double[l], tot = new double[l];
            double[][] bt = new double[nb][l];
            for (int m = 0; m < l; m++) {
                lag[m] = m;
                time[m] = m * dt;
                for (int b = 0; b < nb; b++) {
                    double w = (double) (blockStart[b + 1] - blockStart[b]) / sel.length;
                    x[m] += w * msd[b][0][m];
                    y[m] += w * msd[b][1][m];
                    z[m] += w * msd[b][2][m];
                    bt[b][m] = msd[b][0][m] + msd[b][1][m] + msd[b][2][m];
                }
                tot[m] = x[m] + y[m] + z[m];
            }
            return new MsdResult(lag, time, x, y, z, tot, origins, bt, "atoms", sel.length, method);
        }
    }

    /** Displacement of the centre of mass of all atoms relative to frame 0, per frame. */
    static double[][] centreOfMassDrift(FrameSeries fs) {
        double[] m = fs.masses();
        int n = fs.atoms();
        double mt = 0;
        for (int i = 0; i < n; i++) mt += m == null ? 1 : m[i];
        double[][] out = new double[fs.frames()][3];
        double[] r0 = fs.frame(0);
        for (int f = 0; f < fs.frames(); f++) {
            double[] r = fs.frame(f);
            for (int i = 0; i < n; i++) {
                double w = (m == null ? 1 : m[i]) / mt;
                for (int d = 0; d < 3; d++) out[f][d] += w * (r[3 * i + d] - r0[3 * i + d]);
            }
        }
        return out;
    }

    /**
     * Uncertainty blocks from time segments: the run is cut into {@code segments} contiguous pieces, each analysed
     * with all origins (FFT); lags up to the segment length − 1. Returns per-segment total MSD curves.
     */
    public static double[][] timeSegmentBlocks(FrameSeries fs, Options o, int segments) {
        int t = fs.frames();
        int len = t / segments;
        if (segments < 2 || len < 3) throw InputException.field("msd", "segments", segments + " segments of a " + t + "-frame run leave fewer than 3 frames each");
        double[][] out = new double[segments][];
        for (int s = 0; s < segments; s++) {
            FrameSeries part = new FrameSeries(fs.types(), fs.masses());
            for (int f = s * len; f < (s + 1) * len; f++) part.add(fs.time(f), fs.frame(f), fs.cell(f));
            out[s] = allOriginsFft(part, new Options(o.atoms(), o.comCorrection(), Math.min(o.maxLag() <= 0 ? len - 1 : o.maxLag(), len - 1), 1), null).total();
        }
        return out;
    }

    /** Per block and component: the summed squares and the summed power spectrum in natural order. */
    private interface BlockArrays { double[] get(int block, int component); }

    /**
     * Eq. 2 over all origins from the summed power spectra of each block and component: S2 by one inverse FFT
     * (Wiener–Khinchin), MSD(m) = (S1(m) − 2 S2(m)) / ((T − m) N_block); both FFT paths end here.
     */
    private static MsdResult fromSpectra(Prep p, int n, int t, int maxLag, BlockArrays squares, BlockArrays spectra) {
        double[][][] msd = new double[p.nb][3][maxLag + 1];
        Fft fft = new Fft(n);
        double[] im = new double[n];
        for (int b = 0; b < p.nb; b++) {
            int na = p.blockStart[b + 1] - p.blockStart[b];
            for (int d = 0; d < 3; d++) {
                double[] s1 = s1(squares.get(b, d), t, maxLag);
                double[] re = spectra.get(b, d); // summed power spectrum → S2 (Wiener–Khinchin)
                java.util.Arrays.fill(im, 0.0);
                fft.inverse(re, im);
                for (int m = 1; m <= maxLag; m++) msd[b][d][m] = (s1[m] - 2 * re[m]) / ((double) (t - m) * na); // MSD(0) = 0 exactly
            }
        }
        int[] origins = new int[maxLag + 1];
        for (int m = 0; m <= maxLag; m++) origins[m] = t - m;
        return p.assemble(msd, origins, "all-origins FFT");
    }
}
