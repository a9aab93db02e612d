package org.scalebridge.thermo;

/**
 * A fitted chemical potential μ(x) (eV per Na, x the site fraction) with its derivative and its integral
 * G(x) = ∫ μ dx (paper Eq. 18, up to a constant), valid on [lo, hi]. Implemented by the polynomial model
 * {@link MuModel} and the smoothing spline {@link MuSpline}.
 */
public interface MuFunction {
    double mu(double x);

    double dmu(double x);

    /** G(x) up to an additive constant (eV per site). */
    double g(double x);

    double lo();

    double hi();

    /** k_BT of the ideal-mixing term (0 when absent). */
    double idealKT();

    /** Polynomial degree, or −1 for non-polynomial models. */
    default int degree() { return -1; }

    /** Polynomial coefficients c_0..c_d, or empty. */
    default double[] coefficients() { return new double[0]; }

    /** Short description for reports. */
    String describe();
}
