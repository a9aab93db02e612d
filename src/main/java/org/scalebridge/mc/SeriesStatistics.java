package org.scalebridge.mc;

import org.scalebridge.core.Rng;

/**
 * Statistics of correlated Monte Carlo time series: mean, block-average standard error, the MSER equilibration
 * detector and a moving-block bootstrap.
 */
public final class SeriesStatistics {
    private SeriesStatistics() {}

    public static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }

    public static double mean(double[] x) { return mean(x, 0, x.length); }

    /** Sample covariance of x and y over [from, to). */
    public static double covariance(double[] x, double[] y, int from, int to) {
        double mx = mean(x, from, to), my = mean(y, from, to), s = 0;
        for (int i = from; i < to; i++) s += (x[i] - mx) * (y[i] - my);
        return s / (to - from - 1);
    }

    /**
     * Standard error of the mean from {@code blocks} contiguous blocks of equal length (surplus samples dropped
     * from the start, as in the shared reference data): std(block means, ddof = 1)/√blocks.
     */
    public static double blockStandardError(double[] x, int from, int to, int blocks) {
        int n = to - from;
        if (blocks < 2 || n < blocks) return Double.NaN;
        int len = n / blocks;
        int start = to - len * blocks;
        double[] bm = new double[blocks];
        for (int b = 0; b < blocks; b++) bm[b] = mean(x, start + b * len, start + (b + 1) * len);
        double m = mean(bm), v = 0;
        for (double b : bm) v += (b - m) * (b - m);
        return Math.sqrt(v / (blocks - 1) / blocks);
    }

    /**
     * MSER-m equilibration detector (White 1997; MSER-5 with m = 5): the series is averaged in batches of m, and
     * the truncation d (in batches) minimising the marginal standard error Σ_{j>d}(b_j − b̄_d)² / (k − d)² over the
     * first half of the batches is chosen. Returns the number of raw samples to discard.
     */
    public static int mserTruncation(double[] x, int m) {
        int k = x.length / m;
        if (k < 4) return 0;
        double[] b = new double[k];
        for (int j = 0; j < k; j++) b[j] = mean(x, j * m, (j + 1) * m);
        // suffix sums for O(k) evaluation
        double[] s1 = new double[k + 1], s2 = new double[k + 1];
        for (int j = k - 1; j >= 0; j--) { s1[j] = s1[j + 1] + b[j]; s2[j] = s2[j + 1] + b[j] * b[j]; }
        int best = 0;
        double bestVal = Double.POSITIVE_INFINITY;
        for (int d = 0; d <= k / 2; d++) {
            int r = k - d;
            double mu = s1[d] / r;
            double ss = s2[d] - r * mu * mu;
            double val = Math.max(ss, 0) / ((double) r * r);
            if (val < bestVal) { bestVal = val; best = d; }
        }
        return best * m;
    }

    /**
     * Moving-block bootstrap of the mean over [from, to): {@code resamples} series built from random blocks of
     * length {@code blockLength}; returns {mean of resampled means, their standard deviation}.
     */
    public static double[] bootstrapMean(double[] x, int from, int to, int blockLength, int resamples, Rng rng) {
        int n = to - from;
        int L = Math.max(1, Math.min(blockLength, n));
        int nb = Math.max(1, n / L);
        int starts = n - L + 1;
        double sum = 0, sum2 = 0;
        for (int r = 0; r < resamples; r++) {
            double acc = 0;
            for (int b = 0; b < nb; b++) {
                int st = from + rng.nextInt(starts);
                for (int i = 0; i < L; i++) acc += x[st + i];
            }
            double m = acc / (nb * L);
            sum += m;
            sum2 += m * m;
        }
        double mm = sum / resamples;
        return new double[] {mm, Math.sqrt(Math.max(0, sum2 / resamples - mm * mm))};
    }
}
