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
