package org.scalebridge.analysis;

import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Coordination-number distribution: for every centre atom of a species (Na by default), the number of neighbours
 * of the chosen species (any species when empty) within a radius (3.5 Å by default), histogrammed over centres and
 * frames. Also gives the per-frame mean for time series.
 */
public final class Coordination {
    public static final double DEFAULT_RADIUS = 3.5;
    private final int centre;
    private final int[] neighbours;
    private final double radius;
    private long[] hist = new long[16];
    private long centres;
    private double lastMean = Double.NaN;

    public Coordination(int centre, int[] neighbours, double radius) {
        if (!(radius > 0)) throw InputException.unphysical("coordination radius (Å)", radius, "> 0");
        this.centre = centre;
        this.neighbours = neighbours == null ? new int[0] : neighbours.clone();
        this.radius = radius;
    }

    /** Adds a frame; returns the mean coordination number of this frame (NaN if no centre atom). */
    public double accumulate(Structure s) {
        PairSearch ps = new PairSearch(s, radius);
        int[] z = s.atomicNumbers();
        long sum = 0, c = 0;
        for (int i = 0; i < s.size(); i++) {
            if (z[i] != centre) continue;
            int[] k = {0};
            ps.forEach(i, (ii, j, dx, dy, dz, r) -> {
                if (neighbours.length == 0) { k[0]++; return; }
                for (int w : neighbours) if (z[j] == w) { k[0]++; return; }
            });
            if (k[0] >= hist.length) hist = java.util.Arrays.copyOf(hist, 2 * k[0] + 1);
            hist[k[0]]++;
            sum += k[0];
            c++;
        }
        centres += c;
        lastMean = c == 0 ? Double.NaN : (double) sum / c;
        return lastMean;
    }

    /** Fraction of centres with n neighbours, n = 0..max seen. */
    public double[] distribution() {
        int max = 0;
        for (int k = 0; k < hist.length; k++) if (hist[k] > 0) max = k;
        double[] d = new double[max + 1];
        for (int k = 0; k <= max; k++) d[k] = centres == 0 ? 0 : hist[k] / (double) centres;
        return d;
    }

    public double mean() {
        double[] d = distribution();
        double m = 0;
        for (int k = 0; k < d.length; k++) m += k * d[k];
        return m;
    }

    public long centres() { return centres; }
    public double radius() { return radius; }
}
