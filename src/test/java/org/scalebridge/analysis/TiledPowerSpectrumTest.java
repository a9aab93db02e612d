package org.scalebridge.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

/**
 * {@link TiledPowerSpectrum} on its own against {@link PairPowerSpectrum} (the per-signal transform with the same
 * storage order), lane by lane: every signal length T = 2…401 with the all-lags padding (n = nextFast(2T − 1), so the
 * pruned radix-5 step with one, two or three non-zero inputs and the radix-3 and power-of-two shapes with both parities
 * of log₂ m all occur), the same lengths with short padding (n = nextFast(T + T/8): the unpruned radix-5 step), lane
 * counts that are not multiples of the vector width, lane groups as runs (step 1) and as every third lane (step 3),
 * and lanes in no group. The tile is used twice per length, so the row-reference swaps of the stages must be undone.
 */
class TiledPowerSpectrumTest {
    /**
     * Both transforms add the same |Z_k|² in the same storage order; the tiled one runs each radix-4 butterfly as two
     * radix-2 layers (the same operations, so bit-identical per lane) but sums the lanes of a group in a different
     * order. Round-off is then a few ulps of the largest bin; 1e-12 of the largest bin leaves room for that, and a
     * wrong row, twiddle, pruning or lane group changes bins at the 1e-2 level or more.
     */
    private static final double TOL = 1e-12;

    @Test
    void tileSpectraEqualPerSignalSpectraForEveryLengthUpTo401() {
        Rng rng = new Rng(61);
        boolean[] seen = new boolean[8]; // r = 1, 3, 5 × (log2 m even, odd); radix-5 pruned / unpruned
        double worst = 0;
        for (int len = 2; len <= 401; len++) {
            for (int n : new int[] {Fft.nextFast(2 * len - 1), Fft.nextFast(len + len / 8)}) {
                if (n < len) continue;
                int r = n % 5 == 0 ? 5 : n % 3 == 0 ? 3 : 1;
                seen[(r == 1 ? 0 : r == 3 ? 2 : 4) + (Integer.numberOfTrailingZeros(n / r) & 1)] = true;
                if (r == 5) seen[len <= 3 * (n / 5) ? 6 : 7] = true;
                int lanes = 1 + (len * 7) % 11; // 1..11
                worst = Math.max(worst, compare(n, lanes, len, rng, len % 2 == 0));
            }
        }
        for (int i = 0; i < seen.length; i++) assertTrue(seen[i], "transform shape " + i + " not exercised");
        System.out.printf("tiled vs per-signal power spectra, T = 2..401: max difference %.3e of the largest bin%n", worst);
        assertTrue(worst < TOL, "tiled vs per-signal " + worst);
    }

    @Test
    void wideTilesOfTheBenchmarkShape() {
        // 96 lanes (the default) and 99 (not a multiple of the vector width) on 5·2^k transforms with half the input zero
        Rng rng = new Rng(62);
        double worst = 0;
        for (int len : new int[] {157, 400, 1000})
            for (int lanes : new int[] {96, 99}) worst = Math.max(worst, compare(Fft.nextFast(2 * len - 1), lanes, len, rng, true));
        assertTrue(worst < TOL, "tiled vs per-signal " + worst);
    }

    /**
     * One tile of random signals (two real ones per lane), transformed twice with fresh signals: lanes in groups of
     * every third lane (strided) or in runs, the last lane of the tile left out of every group; max difference of the
     * summed spectra from the per-signal sums, relative to the largest bin.
     */
    private static double compare(int n, int lanes, int len, Rng rng, boolean strided) {
        TiledPowerSpectrum tile = new TiledPowerSpectrum(n, lanes);
        PairPowerSpectrum ref = new PairPowerSpectrum(n);
        int slots = 3;
        double[][] acc = new double[slots][n], want = new double[slots][n];
        int used = Math.max(1, lanes - 1); // the last lane is in no group (when there are two or more)
        int[] slotOf = new int[lanes];
        for (int l = 0; l < lanes; l++) slotOf[l] = l >= used ? -1 : strided ? l % 3 : l * slots / used;
        for (int round = 0; round < 2; round++) {
            double[][] a = new double[lanes][len], b = new double[lanes][len];
            for (int l = 0; l < lanes; l++)
                for (int f = 0; f < len; f++) {
                    a[l][f] = rng.nextGaussian() + 0.01 * f;
                    b[l][f] = rng.nextGaussian() - 0.02 * f;
                    tile.re[f][l] = a[l][f];
                    tile.im[f][l] = b[l][f];
                }
            // rows ≥ len hold garbage from the last round: the transform must treat them as zero padding
            if (strided) {
                int[] gs = tile.groupStart(), ge = tile.groupEnd(), st = tile.groupStep(), sl = tile.groupSlot();
                int groups = 0;
                for (int d = 0; d < 3 && d < used; d++) { gs[groups] = d; ge[groups] = used; st[groups] = 3; sl[groups++] = d; }
                tile.transform(len, acc, groups);
            } else tile.transform(len, acc, slotOf);
            for (int l = 0; l < used; l++) ref.accumulate(a[l], b[l], len, want[slotOf[l]]);
        }
        double scale = 0, d = 0;
        for (int s = 0; s < slots; s++)
            for (int k = 0; k < n; k++) {
                scale = Math.max(scale, Math.abs(want[s][k]));
                d = Math.max(d, Math.abs(acc[s][k] - want[s][k]));
            }
        return d / scale;
    }
}
