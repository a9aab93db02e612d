package org.scalebridge.thermo;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;

/**
 * Average insertion voltage (paper Eq. 31; Aydinol et al., Phys. Rev. B 56, 1354 (1997)):
 * V̄(x1→x2) = −[E(Na_{x2}H) − E(Na_{x1}H) − (x2 − x1) E_Na] / ((x2 − x1) e), energies per formula unit of host H in eV,
 * E_Na the energy per atom of the Na reference (bcc Na metal), so V̄ comes out in volts. The voltage profile of a
 * series of compositions follows the lower convex hull of the formation energies (only stable compositions give
 * plateaus).
 */
public final class InsertionVoltage {
    private InsertionVoltage() {}

    /** One voltage step between compositions x1 &lt; x2, with σ from independent energy errors. */
    public record Step(double x1, double x2, double volts, double sigma) {}

    /** Eq. 31 between two compositions; sigmas may be 0. */
    public static Step average(double x1, double e1, double sigma1, double x2, double e2, double sigma2, double eNa, double sigmaNa) {
        if (!(x2 != x1)) throw InputException.field("voltage", "x", "the two compositions must differ (x1 = x2 = " + x1 + ")");
        double dx = x2 - x1;
        double v = -(e2 - e1 - dx * eNa) / dx;
        double s = Math.sqrt(sigma1 * sigma1 + sigma2 * sigma2 + dx * dx * sigmaNa * sigmaNa) / Math.abs(dx);
        return x1 < x2 ? new Step(x1, x2, v, s) : new Step(x2, x1, v, s);
    }

    /**
     * Voltage profile over a composition series: lower convex hull of E(x) (the Na reference enters only as a linear
     * term and does not change the hull), then Eq. 31 between consecutive hull vertices.
     * @return steps from low to high x; compositions above the hull are skipped (reported by {@link #aboveHull})
     */
    public static List<Step> profile(double[] x, double[] e, double[] sigma, double eNa) {
        int[] hull = lowerHull(x, e);
        List<Step> out = new ArrayList<>();
        for (int k = 0; k + 1 < hull.length; k++) {
            int i = hull[k], j = hull[k + 1];
            out.add(average(x[i], e[i], sigma == null ? 0 : sigma[i], x[j], e[j], sigma == null ? 0 : sigma[j], eNa, 0));
        }
        return out;
    }

    /** Energy above the hull (eV per formula unit) of every composition. */
    public static double[] aboveHull(double[] x, double[] e) {
        int[] hull = lowerHull(x, e);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k + 1 < hull.length; k++) {
                double xa = x[hull[k]], xb = x[hull[k + 1]];
                if (x[i] >= xa && x[i] <= xb) {
                    double t = xb == xa ? 0 : (x[i] - xa) / (xb - xa);
                    d[i] = e[i] - ((1 - t) * e[hull[k]] + t * e[hull[k + 1]]);
                    break;
                }
            }
        }
        return d;
    }

    /** Indices of the lower convex hull vertices, sorted by x (Andrew's monotone chain). */
    static int[] lowerHull(double[] x, double[] e) {
        int n = x.length;
        if (n < 2 || e.length != n) throw InputException.field("voltage", "data", "need ≥ 2 (x, E) pairs of equal length");
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(e[i])) throw InputException.field("voltage", "row " + (i + 1), "x and E must be finite numbers");
            o[i] = i;
        }
        java.util.Arrays.sort(o, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(e[a], e[b]));
        int[] h = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = o[k];
            if (m > 0 && x[h[m - 1]] == x[i]) continue; // keep the lowest energy at equal x
            while (m >= 2) {
                int a = h[m - 2], b = h[m - 1];
                double cross = (x[b] - x[a]) * (e[i] - e[a]) - (e[b] - e[a]) * (x[i] - x[a]);
                if (cross <= 0) m--; else break;
            }
            h[m++] = i;
        }
        return java.util.Arrays.copyOf(h, m);
    }
}
