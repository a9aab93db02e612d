package org.scalebridge.continuum;

import java.util.function.DoubleUnaryOperator;

/**
 * Phase-field parameters from thermodynamics (the paper's Eqs. 26–28): the interfacial energy of a flat equilibrium
 * interface γ = ∫ √(2κ Δf(c)) dc between the binodal compositions, where Δf [J/m³] is the free-energy density above
 * the common tangent; its inversion κ = γ² / (2 (∫√Δf dc)²); and the interface width λ = Δc √(κ / (2 Δf_max)),
 * which is exactly the inverse maximum slope of the tanh profile of a quartic double well.
 */
public final class PhaseField {
    private PhaseField() {}

    /** γ [J/m²] for gradient coefficient κ [J/m] (Eq. 26), Simpson's rule with n (even) intervals. */
    public static double interfacialEnergy(double kappa, DoubleUnaryOperator deltaF, double c1, double c2, int n) {
        return Math.sqrt(2 * kappa) * integralSqrt(deltaF, c1, c2, n);
    }

    /** κ [J/m] that gives interfacial energy γ [J/m²] (Eq. 26 inverted). */
    public static double gradientCoefficient(double gamma, DoubleUnaryOperator deltaF, double c1, double c2, int n) {
        double i = integralSqrt(deltaF, c1, c2, n);
        return gamma * gamma / (2 * i * i);
    }

    /** Interface width [m] (Eq. 28 scaling λ ∝ √(κ/Δf_barrier)). */
    public static double interfaceWidth(double kappa, DoubleUnaryOperator deltaF, double c1, double c2, int n) {
        double mx = 0;
        for (int k = 0; k <= n; k++) mx = Math.max(mx, deltaF.applyAsDouble(c1 + (c2 - c1) * k / n));
        return Math.abs(c2 - c1) * Math.sqrt(kappa / (2 * mx));
    }

    /**
     * Δf(y) [J/m³] above the common tangent through the binodals y1, y2, from a molar chemical potential μ(y, T)
     * [J/mol]: Δf = c_max [g(y) − g(y1) − μ_c (y − y1)] with g = ∫μ dy and μ_c the chord slope (equal to μ at the
     * binodals when they are the true common-tangent points).
     */
    public static DoubleUnaryOperator excessFreeEnergy(Expr mu, double temperature, double cMax, double y1, double y2) {
        double[] a = new double[2];
        a[1] = temperature;
        DoubleUnaryOperator m = y -> { a[0] = y; return mu.eval(a); };
        double g2 = integrate(m, y1, y2, 4000);
        double muc = g2 / (y2 - y1);
        return y -> cMax * (integrate(m, y1, y, 400) - muc * (y - y1));
    }

    /** Common-tangent (binodal) compositions of μ(y, T) near the guesses, by Newton on equal μ and equal grand potential. */
    public static double[] binodals(Expr mu, double temperature, double guess1, double guess2) {
        double[] a = new double[2];
        a[1] = temperature;
        DoubleUnaryOperator m = y -> { a[0] = y; return mu.eval(a); };
        double y1 = guess1, y2 = guess2;
        for (int it = 0; it < 100; it++) {
            double m1 = m.applyAsDouble(y1), m2 = m.applyAsDouble(y2);
            double f1 = m1 - m2, f2 = integrate(m, y1, y2, 2000) - m1 * (y2 - y1);
            double h = 1e-7;
            double d1 = (m.applyAsDouble(y1 + h) - m.applyAsDouble(y1 - h)) / (2 * h), d2 = (m.applyAsDouble(y2 + h) - m.applyAsDouble(y2 - h)) / (2 * h);
            // Jacobian of (f1, f2) w.r.t. (y1, y2)
            double j11 = d1, j12 = -d2, j21 = -m1 - d1 * (y2 - y1) + m1, j22 = m2 - m1;
            double det = j11 * j22 - j12 * j21;
            double dy1 = (f1 * j22 - j12 * f2) / det, dy2 = (j11 * f2 - j21 * f1) / det;
            double lam = 1;
            while (lam > 1e-4 && !(y1 - lam * dy1 > 0 && y2 - lam * dy2 < 1 && y2 - lam * dy2 > y1 - lam * dy1)) lam *= 0.5;
            y1 -= lam * dy1; y2 -= lam * dy2;
            if (Math.abs(dy1) + Math.abs(dy2) < 1e-12) break;
        }
        return new double[]{y1, y2};
    }

    static double integrate(DoubleUnaryOperator f, double a, double b, int n) {
        if (n % 2 == 1) n++;
        double h = (b - a) / n, s = 0;
        if (h == 0) return 0;
        for (int k = 0; k <= n; k++) {
            double v = f.applyAsDouble(a + k * h);
            s += (k == 0 || k == n) ? v : (k % 2 == 1 ? 4 * v : 2 * v);
        }
        return s * h / 3;
    }

    private static double integralSqrt(DoubleUnaryOperator f, double a, double b, int n) {
        if (n % 2 == 1) n++;
        double h = (b - a) / n, s = 0;
        for (int k = 0; k <= n; k++) {
            double v = Math.sqrt(Math.max(0, f.applyAsDouble(a + k * h)));
            s += (k == 0 || k == n) ? v : (k % 2 == 1 ? 4 * v : 2 * v);
        }
        return s * h / 3;
    }
}
