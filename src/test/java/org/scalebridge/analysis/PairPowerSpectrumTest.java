package org.scalebridge.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalebridge.core.Rng;

class PairPowerSpectrumTest {

    /** The symmetrised storage-order sum equals Σ(|A_k|² + |B_k|²) from the in-order reference FFT. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 32, 64, 128, 6, 12, 24, 48, 10, 20, 40, 80, 160, 320, 1280, 20480})
    void matchesReferenceFft(int n) {
        Rng rng = new Rng(n);
        int len = Math.max(1, n / 2 + 1 > n ? n : (3 * n) / 5);
        PairPowerSpectrum pps = new PairPowerSpectrum(n);
        Fft fft = new Fft(n);
        double[] acc = new double[n], want = new double[n];
        for (int pair = 0; pair < 3; pair++) {
            double[] a = new double[len], b = new double[len];
            for (int i = 0; i < len; i++) { a[i] = rng.nextGaussian(); b[i] = rng.nextGaussian(); }
            pps.accumulate(a, pair == 2 ? null : b, len, acc);
            for (double[] x : pair == 2 ? new double[][] {a} : new double[][] {a, b}) {
                double[] re = new double[n], im = new double[n];
                System.arraycopy(x, 0, re, 0, len);
                fft.forward(re, im);
                for (int k = 0; k < n; k++) want[k] += re[k] * re[k] + im[k] * im[k];
            }
        }
        double[] got = pps.symmetrised(acc);
        double scale = 0;
        for (double w : want) scale = Math.max(scale, w);
        // both are O(n log n) double-precision transforms of O(1) data: agreement to ~1e-13 of the largest power
        for (int k = 0; k < n; k++) assertEquals(want[k], got[k], 1e-12 * scale, "n=" + n + " k=" + k);
    }

    /**
     * Every split of the outer radix-5/3 step (1, 2 or 3 non-zero terms x[j + qm]; the general step for signals
     * longer than 3m) and the depth-first block path (m = 4096 > the in-cache size), against the reference FFT.
     */
    @ParameterizedTest
    @CsvSource({"20480,10000", "20480,4096", "20480,4097", "20480,1000", "20480,8193", "20480,12289", "20480,20480",
            "5120,2560", "5120,5120", "12288,6144", "12288,12288", "8192,4096", "8192,8192", "2,1", "2,2", "10,3", "6,4", "24,20", "48,48", "32,17"})
    void everyOuterSplitMatchesReferenceFft(int n, int len) {
        Rng rng = new Rng(31L * n + len);
        PairPowerSpectrum pps = new PairPowerSpectrum(n);
        Fft fft = new Fft(n);
        double[] acc = new double[n], want = new double[n];
        for (int pair = 0; pair < 2; pair++) {
            double[] a = new double[len], b = new double[len];
            for (int i = 0; i < len; i++) { a[i] = 1 + rng.nextGaussian(); b[i] = rng.nextGaussian(); }
            pps.accumulate(a, pair == 1 ? null : b, len, acc);
            for (double[] x : pair == 1 ? new double[][] {a} : new double[][] {a, b}) {
                double[] re = new double[n], im = new double[n];
                System.arraycopy(x, 0, re, 0, len);
                fft.forward(re, im);
                for (int k = 0; k < n; k++) want[k] += re[k] * re[k] + im[k] * im[k];
            }
        }
        double[] got = pps.symmetrised(acc);
        double scale = 0;
        for (double w : want) scale = Math.max(scale, w);
        // as above: two double-precision O(n log n) transforms of O(1) data agree to ~1e-13 of the peak
        for (int k = 0; k < n; k++) assertEquals(want[k], got[k], 1e-12 * scale, "n=" + n + " len=" + len + " k=" + k);
    }

    @Test
    void rejectsUnsupportedLength() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new PairPowerSpectrum(7));
    }
}
