package org.scalebridge.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.scalebridge.structure.Structure;

/**
 * A scalar observable along a run (coordination number, tilt, lattice parameter, …) with its mean and a block-average
 * standard error (contiguous blocks; Flyvbjerg &amp; Petersen, J. Chem. Phys. 91, 461 (1989)).
 */
public record TimeSeries(String name, double[] time, double[] value, double mean, double standardError, int blocks) {

    /** Evaluates f on every frame; time = frame index × dt. */
    public static TimeSeries of(String name, List<Structure> frames, double dt, ToDoubleFunction<Structure> f, int blocks) {
        double[] t = new double[frames.size()], v = new double[frames.size()];
        for (int k = 0; k < t.length; k++) { t[k] = k * dt; v[k] = f.applyAsDouble(frames.get(k)); }
        return of(name, t, v, blocks);
    }

    public static TimeSeries of(String name, double[] t, double[] v, int blocks) {
        double[] se = blockStats(v, blocks);
        return new TimeSeries(name, t.clone(), v.clone(), se[0], se[1], (int) se[2]);
    }

    /** {mean, SE from contiguous blocks (NaN if &lt; 2 blocks), blocks used}; surplus samples dropped from the start. */
    public static double[] blockStats(double[] v, int blocks) {
        int n = v.length;
        double mean = 0;
        for (double x : v) mean += x / n;
        int nb = Math.min(blocks, n);
        if (nb < 2) return new double[] {mean, Double.NaN, nb};
        int len = n / nb, start = n - nb * len;
        double[] bm = new double[nb];
        for (int b = 0; b < nb; b++) {
            for (int k = 0; k < len; k++) bm[b] += v[start + b * len + k] / len;
        }
        double m = 0, var = 0;
        for (double x : bm) m += x / nb;
        for (double x : bm) var += (x - m) * (x - m);
        return new double[] {mean, Math.sqrt(var / (nb - 1) / nb), nb};
    }
}
