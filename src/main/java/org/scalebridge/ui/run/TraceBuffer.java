package org.scalebridge.ui.run;

import java.util.Arrays;

/**
 * Live run traces (one row per cycle: cycle, energy, volume, N, T, P, acceptance) appended by the run thread and read
 * by the UI. Readers get a min/max-decimated copy ({@link #decimated}) of at most a few thousand points, so a 10⁶-point
 * trace redraws as fast as a short one while keeping every spike visible.
 */
public final class TraceBuffer {
    public static final String[] NAMES = {"Energy (eV)", "Volume (Å³)", "Na count", "Temperature (K)", "Pressure (bar)", "Acceptance"};
    private double[] x = new double[1024];
    private double[][] y = new double[NAMES.length][1024];
    private int n;
    private volatile long version;

    /** Appends a sample (run thread). NaN for a quantity that the run does not have. */
    public synchronized void add(double cycle, double... values) {
        if (n == x.length) {
            x = Arrays.copyOf(x, 2 * n);
            for (int k = 0; k < y.length; k++) y[k] = Arrays.copyOf(y[k], 2 * n);
        }
        x[n] = cycle;
        for (int k = 0; k < y.length; k++) y[k][n] = k < values.length ? values[k] : Double.NaN;
        n++;
        version++;
    }

    public synchronized int size() { return n; }

    /** Increases on every append (cheap change check for the UI timer). */
    public long version() { return version; }

    public synchronized double last(int series) { return n == 0 ? Double.NaN : y[series][n - 1]; }

    /**
     * Series {@code k} reduced to at most 2·buckets points: each bucket of consecutive samples contributes its minimum
     * and maximum (in order), the standard min/max decimation for line plots.
     * @return {xs, ys}
     */
    public synchronized double[][] decimated(int k, int buckets) {
        if (n <= 2 * buckets) return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y[k], n)};
        double[] xs = new double[2 * buckets], ys = new double[2 * buckets];
        int m = 0;
        for (int b = 0; b < buckets; b++) {
            int lo = (int) ((long) b * n / buckets), hi = (int) ((long) (b + 1) * n / buckets);
            int iMin = lo, iMax = lo;
            for (int i = lo; i < hi; i++) {
                if (y[k][i] < y[k][iMin]) iMin = i;
                if (y[k][i] > y[k][iMax]) iMax = i;
            }
            int a = Math.min(iMin, iMax), c = Math.max(iMin, iMax);
            xs[m] = x[a]; ys[m++] = y[k][a];
            xs[m] = x[c]; ys[m++] = y[k][c];
        }
        return new double[][] {Arrays.copyOf(xs, m), Arrays.copyOf(ys, m)};
    }
}
