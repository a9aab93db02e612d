package org.scalebridge.potential;

/**
 * The complementary error function in two flavours.
 *
 * <ul>
 *   <li>{@link #exact}: accurate to ~1e-15 relative. Piecewise Chebyshev interpolants of the scaled function
 *       erfcx(x) = e^{x²} erfc(x) on [0, 6] (96 panels, degree 14), fitted at class load from the Maclaurin series
 *       of erf (x &lt; 1.5) and the Laplace continued fraction of erfc (x ≥ 1.5); beyond 6 the continued fraction.</li>
 *   <li>{@link #abramowitzStegun}: Abramowitz &amp; Stegun 7.1.26 (|error| ≤ 1.5e-7), the polynomial LAMMPS uses in
 *       {@code buck/coul/long} (table 0) and {@code lj/cut/coul/dsf}; needed to reproduce LAMMPS at 1e-8.</li>
 * </ul>
 */
public final class Erfc {
    private Erfc() {}

    /** Which erfc a Coulomb term uses. */
    public enum Mode { EXACT, ABRAMOWITZ_STEGUN }

    private static final double XMAX = 6.0;
    private static final int PANELS = 96;
    private static final int DEG = 14;
    private static final double WIDTH = XMAX / PANELS;
    private static final double[] CHEB = new double[PANELS * (DEG + 1)];
    static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    static {
        double[] fv = new double[DEG + 1];
        for (int p = 0; p < PANELS; p++) {
            double a = p * WIDTH, b = a + WIDTH;
            for (int k = 0; k <= DEG; k++) {
                double t = Math.cos(Math.PI * (k + 0.5) / (DEG + 1));
                double x = 0.5 * (a + b) + 0.5 * (b - a) * t;
                fv[k] = erfcxReference(x);
            }
            for (int j = 0; j <= DEG; j++) {
                double s = 0;
                for (int k = 0; k <= DEG; k++) s += fv[k] * Math.cos(Math.PI * j * (k + 0.5) / (DEG + 1));
                CHEB[p * (DEG + 1) + j] = 2.0 * s / (DEG + 1);
            }
        }
    }

    /** Slow accurate erfcx for the fit: series of erf (A&S 7.1.6) or continued fraction of erfc (A&S 7.1.14). */
    static double erfcxReference(double x) {
        if (x < 1.5) {
            // erf(x) = 2/√π e^{−x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))  (all terms positive)
            double term = x, sum = x;
            for (int n = 1; n < 200; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
                if (term < 1e-18 * sum) break;
            }
            double erf = TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
            return (1 - erf) * Math.exp(x * x);
        }
        return continuedFraction(x);
    }

    /** erfcx(x) = 1/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), modified Lentz. */
    private static double continuedFraction(double x) {
        double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 5000; n++) {
            double an = 0.5 * n;
            d = x + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-17) break;
        }
        return 1 / (Math.sqrt(Math.PI) * f);
    }

    /** e^{x²} erfc(x) for x ≥ 0. */
    public static double erfcx(double x) {
        if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
        if (x >= XMAX) return continuedFraction(x);
        int p = (int) (x / WIDTH);
        if (p >= PANELS) p = PANELS - 1;
        double a = p * WIDTH;
        double t = (2 * (x - a) - WIDTH) / WIDTH;
        int o = p * (DEG + 1);
        // Clenshaw
        double b1 = 0, b2 = 0;
        for (int j = DEG; j >= 1; j--) {
            double b0 = 2 * t * b1 - b2 + CHEB[o + j];
            b2 = b1;
            b1 = b0;
        }
        return t * b1 - b2 + 0.5 * CHEB[o];
    }

    /** Accurate erfc(x). */
    public static double exact(double x) {
        if (x < 0) return 2 - exact(-x);
        if (x > 27) return 0;
        return Math.exp(-x * x) * erfcx(x);
    }

    private static final double P = 0.3275911, A1 = 0.254829592, A2 = -0.284496736, A3 = 1.421413741,
            A4 = -1.453152027, A5 = 1.061405429;

    /** A&S 7.1.26 for x ≥ 0 (as LAMMPS evaluates it), given e^{−x²}. */
    public static double abramowitzStegun(double x, double expMinusX2) {
        double t = 1.0 / (1.0 + P * x);
        return t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * expMinusX2;
    }

    /** A&S 7.1.26 for x ≥ 0. */
    public static double abramowitzStegun(double x) { return abramowitzStegun(x, Math.exp(-x * x)); }

    /** erfc(x) for x ≥ 0 in the given mode, given e^{−x²}. */
    public static double of(Mode mode, double x, double expMinusX2) {
        return mode == Mode.EXACT ? expMinusX2 * erfcx(x) : abramowitzStegun(x, expMinusX2);
    }
}
