package org.scalebridge.analysis;

/**
 * Mean-squared displacement as a function of the lag: per Cartesian component and total (length² units of the input),
 * the number of time origins averaged at each lag, and the same curve for independent blocks (of atoms or of time
 * segments) used for uncertainties. {@code lag[k]} is in frames, {@code time[k]} in the input time unit.
 */
public record MsdResult(int[] lag, double[] time, double[] x, double[] y, double[] z, double[] total, int[] origins,
                        double[][] blockTotal, String blockKind, int atoms, String method) {
    /** Number of lags. */
    public int size() { return lag.length; }

    /** Component d (0,1,2) or 3 = total. */
    public double[] component(int d) {
        return switch (d) { case 0 -> x; case 1 -> y; case 2 -> z; default -> total; };
    }
}
