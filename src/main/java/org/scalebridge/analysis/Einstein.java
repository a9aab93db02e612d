package org.scalebridge.analysis;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;

/**
 * Self-diffusion coefficient from the Einstein relation (paper Eq. 1): D = lim_{t→∞} MSD(t)/(2 d t), estimated as
 * slope/(2d) of a least-squares line MSD = a + 2dD t over a window of the diffusive regime (Allen &amp; Tildesley,
 * Computer Simulation of Liquids, 2nd ed., §8.7). d = 3 for the total MSD, 1 for a single component.
 *
 * <p>Automatic window: the local exponent α(t) = d ln MSD / d ln t is evaluated on log-spaced lags (centred
 * differences over a factor {@value #LOG_STEP} in time). The ballistic and sub-diffusive early regime is excluded by
 * starting at the earliest lag from which |α − 1| ≤ tolerance holds up to the end; the noisy tail is excluded by
 * never using lags beyond {@code tailFraction} of the run (fewer independent origins there). If no such range spans
 * at least a factor 2 in time, the fit falls back to the upper half of the usable lags and {@code diffusive} is false.
 *
 * <p>Uncertainty: D is refitted on each independent block (groups of atoms, or time segments), over the same window;
 * σ_D = sd(D_blocks)/√n_blocks (standard error of the mean of independent estimates).
 */
public final class Einstein {
    static final double LOG_STEP = 1.5;

    private Einstein() {}

    /** Result of one Einstein fit. Units: length²/time of the MSD input. */
    public record Fit(double d, double sigmaD, double intercept, double tStart, double tEnd, int kStart, int kEnd,
                      int dimensions, boolean diffusive, double alphaMean, double[] blockD, String blockKind,
                      String windowChoice, List<String> warnings) {}

    /** Window choice: explicit times (both &gt; 0) or automatic (null). */
    public record Window(double tStart, double tEnd) {}

    /** Fit with an explicit window, or the automatic window when {@code window} is null. */
    public static Fit fit(MsdResult msd, int component, Window window, double tolerance, double tailFraction) {
        return fit(msd.time(), msd.component(component), msd.blockTotal(), msd.blockKind(), component == 3 ? 3 : 1,
                component == 3 ? null : "component blocks unavailable", window, tolerance, tailFraction);
    }

    /**
     * Fit with the uncertainty from independent time segments instead of atom blocks: the run is cut into
     * {@code segments} pieces, each analysed with all origins; the window is chosen (or must lie) within the
     * usable lags of one segment (tailFraction × segment length), and D is fitted on the whole-run MSD over it.
     */
    public static Fit fitWithTimeSegments(FrameSeries fs, Msd.Options o, int segments, Window window, double tolerance, double tailFraction) {
        double[][] seg = Msd.timeSegmentBlocks(fs, o, segments);
        int len = seg[0].length;
        MsdResult full = Msd.allOriginsFft(fs, new Msd.Options(o.atoms(), o.comCorrection(), len - 1, 1), null);
        double[] t = java.util.Arrays.copyOf(full.time(), len), m = java.util.Arrays.copyOf(full.total(), len);
        return fit(t, m, seg, "time segments", 3, null, window, tolerance, tailFraction);
    }

    /** Default tolerance 0.1 on α and tail fraction 0.5. */
    public static Fit fit(MsdResult msd) { return fit(msd, 3, null, 0.1, 0.5); }

    /**
     * Core fit. blocks may be null (then σ_D is NaN).
     * @param dims spatial dimensions d in MSD = 2dDt
     */
    public static Fit fit(double[] time, double[] msd, double[][] blocks, String blockKind, int dims, String blockNote,
                          Window window, double tolerance, double tailFraction) {
        int n = time.length;
        if (n < 4) throw InputException.field("einstein", "lags", "at least 4 lags are needed, got " + n);
        List<String> warn = new ArrayList<>();
        int kMaxUsable = Math.max(3, Math.min(n - 1, (int) Math.floor(tailFraction * (n - 1))));
        int ks, ke;
        String choice;
        boolean diffusive = true;
        if (window != null) {
            if (!(window.tStart() >= 0) || !(window.tEnd() > window.tStart()))
                throw InputException.field("einstein", "window", "need 0 ≤ t_start < t_end, got " + window.tStart() + ".." + window.tEnd());
            ks = indexAtOrAfter(time, window.tStart());
            ke = indexAtOrBefore(time, window.tEnd());
            if (ke - ks < 2) throw InputException.field("einstein", "window", "fewer than 3 MSD points in " + window.tStart() + ".." + window.tEnd());
            choice = "user";
        } else {
            int[] w = autoWindow(time, msd, kMaxUsable, tolerance);
            if (w == null) {
                diffusive = false;
                ks = Math.max(1, kMaxUsable / 2);
                ke = kMaxUsable;
                warn.add("no diffusive regime (|d ln MSD/d ln t − 1| ≤ " + tolerance + " over a factor 2 in time) found; fitted the upper half of the usable lags — the run is probably too short or the species does not diffuse");
                choice = "fallback upper half";
            } else {
                ks = w[0];
                ke = w[1];
                choice = "auto |alpha-1|<=" + tolerance;
            }
        }
        double[] line = lineFit(time, msd, ks, ke);
        double dEst = line[1] / (2.0 * dims);
        double[] bd = null;
        double sigma = Double.NaN;
        if (blocks != null && blocks.length >= 2 && dims == 3) {
            bd = new double[blocks.length];
            double mean = 0;
            for (int b = 0; b < blocks.length; b++) {
                if (blocks[b].length <= ke) throw new IllegalArgumentException("block curve shorter than the fit window");
                bd[b] = lineFit(time, blocks[b], ks, ke)[1] / (2.0 * dims);
                mean += bd[b] / blocks.length;
            }
            double var = 0;
            for (double v : bd) var += (v - mean) * (v - mean);
            sigma = Math.sqrt(var / (blocks.length - 1) / blocks.length);
        } else {
            warn.add(blockNote != null && dims != 3 ? blockNote : "fewer than 2 independent blocks: no uncertainty");
        }
        double alphaMean = (Math.log(msd[ke]) - Math.log(Math.max(msd[ks], 1e-300))) / (Math.log(time[ke]) - Math.log(Math.max(time[ks], 1e-300)));
        if (!(dEst > 0)) warn.add("fitted slope is not positive (D = " + dEst + ")");
        return new Fit(dEst, sigma, line[0], time[ks], time[ke], ks, ke, dims, diffusive, alphaMean, bd, blockKind, choice, warn);
    }

    /** Least squares y = a + b t over indices ks..ke inclusive; returns {a, b}. */
    static double[] lineFit(double[] t, double[] y, int ks, int ke) {
        int m = ke - ks + 1;
        double st = 0, sy = 0;
        for (int k = ks; k <= ke; k++) { st += t[k]; sy += y[k]; }
        double mt = st / m, my = sy / m, sxx = 0, sxy = 0;
        for (int k = ks; k <= ke; k++) { sxx += (t[k] - mt) * (t[k] - mt); sxy += (t[k] - mt) * (y[k] - my); }
        double b = sxy / sxx;
        return new double[] {my - b * mt, b};
    }

    /** {kStart, kEnd} of the automatic window, or null. */
    static int[] autoWindow(double[] time, double[] msd, int kMax, double tol) {
        // log-spaced lag indices from 1 to kMax
        List<Integer> ks = new ArrayList<>();
        double g = 1;
        while (g <= kMax) {
            int k = (int) Math.round(g);
            if (ks.isEmpty() || ks.get(ks.size() - 1) != k) ks.add(k);
            g *= Math.sqrt(LOG_STEP);
        }
        if (ks.get(ks.size() - 1) != kMax) ks.add(kMax);
        int m = ks.size();
        if (m < 3) return null;
        // local exponent at interior points by centred differences
        boolean[] ok = new boolean[m];
        for (int j = 1; j < m - 1; j++) {
            int a = ks.get(j - 1), b = ks.get(j + 1);
            if (!(msd[a] > 0) || !(msd[b] > 0) || !(time[a] > 0)) continue;
            double alpha = (Math.log(msd[b]) - Math.log(msd[a])) / (Math.log(time[b]) - Math.log(time[a]));
            ok[j] = Math.abs(alpha - 1) <= tol;
        }
        ok[m - 1] = ok[m - 2];
        if (!ok[m - 1]) return null;
        int j0 = m - 1;
        while (j0 - 1 >= 1 && ok[j0 - 1]) j0--;
        int kS = ks.get(j0), kE = kMax;
        if (time[kE] < 2 * time[kS] || kE - kS < 3) return null;
        return new int[] {kS, kE};
    }

    static int indexAtOrAfter(double[] t, double v) {
        for (int k = 0; k < t.length; k++) if (t[k] >= v - 1e-12 * Math.abs(v)) return k;
        return t.length - 1;
    }

    static int indexAtOrBefore(double[] t, double v) {
        for (int k = t.length - 1; k >= 0; k--) if (t[k] <= v + 1e-12 * Math.abs(v)) return k;
        return 0;
    }
}
