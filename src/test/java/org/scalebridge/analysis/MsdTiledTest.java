package org.scalebridge.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;

/**
 * The tiled all-origins FFT path ({@link TiledPowerSpectrum}, many signals side by side) against the per-signal path
 * ({@link PairPowerSpectrum}, two signals per call) and against the direct O(T²) sum, on awkward sizes: prime T, T = 2,
 * transform lengths 2^k, 2·4^k, 3·2^k and 5·2^k (with and without the zero-padding split of the radix-5 step), atom
 * counts that are not a multiple of the tile, odd blocks, a selection, COM drift correction and short maxLag.
 */
class MsdTiledTest {
    /** A drifting random walk with unequal masses (so the COM correction does something). */
    static FrameSeries walk(int atoms, int frames, long seed) {
        Rng rng = new Rng(seed);
        double[] mass = new double[atoms];
        for (int i = 0; i < atoms; i++) mass[i] = 1 + 22 * (i % 3);
        FrameSeries fs = new FrameSeries(new int[atoms], mass);
        double[] r = new double[3 * atoms];
        for (int i = 0; i < r.length; i++) r[i] = 10 * rng.nextDouble();
        for (int f = 0; f < frames; f++) {
            fs.add(0.5 * f, r, null);
            for (int i = 0; i < r.length; i++) r[i] += 0.1 * rng.nextGaussian() + 0.02 * (i % 3 + 1);
        }
        return fs;
    }

    /**
     * Largest difference between two results over every component and block, relative to the largest value of the
     * curve it belongs to. Both paths evaluate (S1 − 2 S2)/(T − m) from the same sums, rounded in a different order,
     * so they agree to a few ulps of S1 ~ T·max MSD; 1e-12 of the curve's maximum leaves room for that, and a wrong
     * lane, pairing, block or padding changes the curves at the 1e-2 level or more.
     */
    static double diff(MsdResult a, MsdResult b) {
        assertEquals(a.size(), b.size());
        double worst = 0;
        for (int d = 0; d < 4; d++) worst = Math.max(worst, curveDiff(a.component(d), b.component(d)));
        assertEquals(a.blockTotal().length, b.blockTotal().length);
        for (int k = 0; k < a.blockTotal().length; k++) worst = Math.max(worst, curveDiff(a.blockTotal()[k], b.blockTotal()[k]));
        assertArrayEquals(a.origins(), b.origins());
        return worst;
    }

    static double curveDiff(double[] a, double[] b) {
        double scale = 0, d = 0;
        for (int k = 0; k < a.length; k++) scale = Math.max(scale, Math.abs(b[k]));
        for (int k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
        return scale == 0 ? d : d / scale;
    }

    @Test
    void tiledEqualsPerSignalPathOnOddSizes() {
        // transform length nextFast(2T − 1): T = 2 → 4, 3 → 6 (radix-2 only), 5 → 10, 17 → 40, ...; together they
        // cover r ∈ {1, 3, 5} with both parities of log2 m (asserted below)
        int[] frames = {2, 3, 4, 5, 6, 16, 17, 23, 31, 97, 130, 257, 401};
        int[] atoms = {1, 2, 7, 13};
        int[] lanes = {1, 2, 5, 12, 64};
        boolean[] seen = new boolean[6]; // r = 1, 3, 5 × (log2 m even, odd)
        double worst = 0;
        for (int t : frames) {
            int n = Fft.nextFast(2 * t - 1);
            int r = n % 5 == 0 ? 5 : n % 3 == 0 ? 3 : 1;
            seen[(r == 1 ? 0 : r == 3 ? 2 : 4) + (Integer.numberOfTrailingZeros(n / r) & 1)] = true;
            for (int na : atoms) {
                FrameSeries fs = walk(na, t, 1000L * t + na);
                for (boolean com : new boolean[] {false, true})
                    for (int blocks : new int[] {1, 3}) {
                        Msd.Options o = new Msd.Options(null, com, 0, blocks);
                        MsdResult ref = Msd.allOriginsFftPerSignal(fs, o);
                        for (int l : lanes) worst = Math.max(worst, diff(Msd.allOriginsFft(fs, o, null, l), ref));
                    }
            }
        }
        for (int i = 0; i < 6; i++) assertTrue(seen[i], "transform shape " + i + " not exercised");
        System.out.printf("tiled vs per-signal all-origins FFT MSD, odd sizes: max difference %.3e of the curve maximum%n", worst);
        assertTrue(worst < 1e-12, "tiled vs per-signal " + worst);
    }

    @Test
    void shortMaxLagAndSelectionsUseTheUnsplitRadix5Step() {
        // maxLag ≪ T: n ≈ T + maxLag, so the signal fills more than 3/5 of a 5·2^k transform (the general radix-5 step)
        FrameSeries fs = walk(11, 157, 7);
        double worst = 0;
        int[] sel = {10, 3, 4, 7, 0};
        for (int maxLag : new int[] {1, 4, 30, 156})
            for (int[] atoms : new int[][] {null, sel})
                for (boolean com : new boolean[] {false, true}) {
                    Msd.Options o = new Msd.Options(atoms, com, maxLag, 2);
                    MsdResult ref = Msd.allOriginsFftPerSignal(fs, o);
                    for (int l : new int[] {1, 3, 7, 16}) worst = Math.max(worst, diff(Msd.allOriginsFft(fs, o, null, l), ref));
                }
        System.out.printf("tiled vs per-signal, short maxLag and selections: max difference %.3e of the curve maximum%n", worst);
        assertTrue(worst < 1e-12, "tiled vs per-signal " + worst);
    }

    @Test
    void contiguousBlocksUseFrameCopiesAndMatchThePerSignalPath() {
        // blocks of consecutive atoms take the copy path (lanes = doubles of the frame, a multiple of 3; components every
        // third lane); a selection that is contiguous only within each block takes it too, one with a gap inside a
        // block the gather path. Lanes 3..96 (cut to the block size), tiles with and without imaginary lanes, odd blocks
        FrameSeries fs = walk(40, 131, 11);
        int[][] selections = {null, {5, 6, 7, 8, 9, 10, 11}, {0, 1, 2, 20, 21, 22, 23}, {3, 4, 6, 7}, {17}};
        double worst = 0;
        for (int[] atoms : selections)
            for (int blocks : new int[] {1, 2, 3})
                for (boolean com : new boolean[] {false, true})
                    for (int maxLag : new int[] {0, 20}) {
                        Msd.Options o = new Msd.Options(atoms, com, maxLag, blocks);
                        MsdResult ref = Msd.allOriginsFftPerSignal(fs, o);
                        for (int l : new int[] {3, 4, 8, 9, 33, 96}) worst = Math.max(worst, diff(Msd.allOriginsFft(fs, o, null, l), ref));
                    }
        System.out.printf("tiled (frame copies) vs per-signal, contiguous blocks: max difference %.3e of the curve maximum%n", worst);
        assertTrue(worst < 1e-12, "tiled vs per-signal " + worst);
    }

    @Test
    void tiledEqualsBruteForceWithComponentsBlocksAndDrift() {
        FrameSeries fs = walk(9, 211, 3); // 211 frames (prime), 9 atoms in 4 blocks (2, 2, 2, 3 atoms)
        for (boolean com : new boolean[] {false, true}) {
            Msd.Options o = new Msd.Options(null, com, 0, 4);
            MsdResult bf = Msd.bruteForce(fs, o);
            for (int l : new int[] {1, 4, 12}) {
                double d = diff(Msd.allOriginsFft(fs, o, null, l), bf);
                // the direct sum rounds differently again (T products per lag); same ulp-level argument as diff()
                assertTrue(d < 1e-12, "lanes " + l + " com " + com + ": " + d);
            }
        }
    }

    @Test
    void oneFrameIsRejectedAndTwoFramesWork() {
        FrameSeries one = walk(3, 1, 5);
        assertThrows(InputException.class, () -> Msd.allOriginsFft(one, Msd.Options.all(1), null));
        FrameSeries two = walk(3, 2, 5);
        MsdResult m = Msd.allOriginsFft(two, Msd.Options.all(1), null);
        double[] r0 = two.frame(0), r1 = two.frame(1);
        double[] want = new double[3];
        for (int i = 0; i < 3; i++) for (int d = 0; d < 3; d++) want[d] += (r1[3 * i + d] - r0[3 * i + d]) * (r1[3 * i + d] - r0[3 * i + d]) / 3;
        for (int d = 0; d < 3; d++) assertEquals(want[d], m.component(d)[1], 1e-12 * want[d]);
        assertEquals(0.0, m.total()[0]);
    }

    @Test
    void progressReportsEveryAtomAndCancelStops() {
        FrameSeries fs = walk(25, 40, 9);
        long[] last = {0, 0};
        Msd.allOriginsFft(fs, Msd.Options.all(2), new org.scalebridge.core.Progress() {
            @Override public void update(long done, long total, String message) {
                assertTrue(done >= last[0], "progress goes forward");
                last[0] = done;
                last[1] = total;
            }
        }, 4);
        assertEquals(25, last[0]);
        assertEquals(25, last[1]);
        assertThrows(java.util.concurrent.CancellationException.class, () -> Msd.allOriginsFft(fs, Msd.Options.all(2), new org.scalebridge.core.Progress() {
            @Override public void update(long done, long total, String message) {}
            @Override public boolean isCancelled() { return true; }
        }, 4));
    }
}
