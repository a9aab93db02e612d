package org.scalebridge.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

/** FFT against the direct DFT for radix-2, 3·2^k and 5·2^k lengths, and the inverse round trip. */
class FftTest {
    @Test
    void matchesDirectDft() {
        Rng rng = new Rng(1);
        for (int n : new int[] {2, 4, 8, 64, 6, 12, 48, 10, 20, 160}) {
            double[] re = new double[n], im = new double[n];
            for (int i = 0; i < n; i++) { re[i] = rng.nextGaussian(); im[i] = rng.nextGaussian(); }
            double[] r0 = re.clone(), i0 = im.clone();
            Fft f = new Fft(n);
            f.forward(re, im);
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * (long) j * k / n;
                    sr += r0[j] * Math.cos(a) - i0[j] * Math.sin(a);
                    si += r0[j] * Math.sin(a) + i0[j] * Math.cos(a);
                }
                assertEquals(sr, re[k], 1e-10 * n, "n=" + n + " k=" + k);
                assertEquals(si, im[k], 1e-10 * n, "n=" + n + " k=" + k);
            }
            f.inverse(re, im);
            for (int j = 0; j < n; j++) { assertEquals(r0[j], re[j], 1e-12 * n); assertEquals(i0[j], im[j], 1e-12 * n); }
        }
        assertEquals(20480, Fft.nextFast(19999));
        assertThrows(IllegalArgumentException.class, () -> new Fft(7));
    }
}
