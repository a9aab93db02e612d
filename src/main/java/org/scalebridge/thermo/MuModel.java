package org.scalebridge.thermo;

/**
 * Chemical-potential model μ(x) = s·k_BT·ln(x/(1−x)) + Σ_k c_k x^k (eV per Na, x the site fraction), with the
 * ideal-mixing (configurational) term optional (s = 1 or 0). The polynomial is the Redlich–Kister-type excess part;
 * integrating (paper Eq. 18, G(x) = ∫₀^x μ dx') gives G(x) = s·k_BT[x ln x + (1−x) ln(1−x)] + Σ c_k x^{k+1}/(k+1)
 * relative to G(0) (eV per site). Valid on [lo, hi].
 */
public record MuModel(double[] coefficients, double idealKT, double lo, double hi) implements MuFunction {

    @Override
    public int degree() { return coefficients.length - 1; }

    @Override
    public String describe() { return (idealKT == 0 ? "" : "kT ln(x/(1-x)) + ") + "polynomial of degree " + degree(); }

    public double mu(double x) {
        double p = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) p = p * x + coefficients[k];
        return idealKT == 0 ? p : p + idealKT * Math.log(x / (1 - x));
    }

    /** dμ/dx. */
    public double dmu(double x) {
        double p = 0;
        for (int k = coefficients.length - 1; k >= 1; k--) p = p * x + k * coefficients[k];
        return idealKT == 0 ? p : p + idealKT / (x * (1 - x));
    }

    /** G(x) − G(0) = ∫₀^x μ (Eq. 18). */
    public double g(double x) {
        double p = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) p = p * x + coefficients[k] / (k + 1);
        p *= x;
        if (idealKT != 0) p += idealKT * (xlogx(x) + xlogx(1 - x));
        return p;
    }

    private static double xlogx(double x) { return x <= 0 ? 0 : x * Math.log(x); }
}
