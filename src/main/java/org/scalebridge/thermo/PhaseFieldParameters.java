package org.scalebridge.thermo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

/**
 * Cahn–Hilliard parameters for the continuum model from atomistic results.
 *
 * <p>Free-energy functional F = ∫ [f(c) + (k/2)|∇c|²] dV with c the Na site fraction and f in eV/Å³ (per-site free
 * energy divided by the volume per site Ω). The equilibrium flat interface between the binodal compositions c_a, c_b
 * satisfies (k/2)(dc/dz)² = Δf(c), Δf = f − common tangent ≥ 0 (Cahn &amp; Hilliard, J. Chem. Phys. 28, 258 (1958)), so
 * <ul>
 * <li>interfacial energy γ = ∫_{c_a}^{c_b} sqrt(2 k Δf(c)) dc (paper Eq. 26 with Δf the barrier p(N) of Eq. 27),
 *     hence k = γ² / (∫ sqrt(2Δf) dc)² [eV/Å];</li>
 * <li>interface width (paper Eq. 28) λ = (c_b − c_a) / max|dc/dz| = (c_b − c_a) sqrt(k / (2 Δf_max)) [Å]
 *     (the tangent-line width; for Δf = W c²(1−c)² this is sqrt(8k/W));</li>
 * <li>mobility per phase (paper Eq. 24, D = M ∂μ/∂N): M = D / (∂μ/∂c) [Å²/(ps·eV)] with μ in eV per Na and N = c per
 *     site; across the miscibility gap M is interpolated log-linearly between the two binodal values
 *     (ln M linear in c), a documented choice: the gap has no homogeneous equilibrium state to measure.</li>
 * </ul>
 * Every input is kept in {@link Result#inputs()} so the continuum run can record where its parameters came from.
 */
public final class PhaseFieldParameters {
    private PhaseFieldParameters() {}

    /** Results in atomistic units (eV, Å, ps) with SI conversions. */
    public record Result(double kappa, double interfaceWidth, double gamma, double integral, double deltaFMax, double ca, double cb,
                         double mobilityA, double mobilityB, double dmuA, double dmuB, Map<String, Object> inputs) {
        public double kappaSI() { return kappa * Units.EV_J / Units.ANGSTROM_M; }               // J/m
        public double interfaceWidthSI() { return Units.aToM(interfaceWidth); }                  // m
        public double gammaSI() { return Units.evPerA2ToJPerM2(gamma); }                           // J/m²
        /** Mobility in m²/(s·J) (μ per particle). */
        public static double mobilitySI(double m) { return m * 1e-20 / 1e-12 / Units.EV_J; }
        /** Mobility with μ in J/mol: m²·mol/(J·s). */
        public static double mobilityMolarSI(double m) { return mobilitySI(m) * Units.AVOGADRO; }

        /** M(c): D_phase/μ'(c) is not known inside the gap, so ln M is interpolated linearly between c_a and c_b. */
        public double mobility(double c) {
            if (c <= ca) return mobilityA;
            if (c >= cb) return mobilityB;
            double s = (c - ca) / (cb - ca);
            return Math.exp((1 - s) * Math.log(mobilityA) + s * Math.log(mobilityB));
        }
    }

    /** ∫_{ca}^{cb} sqrt(2 Δf(c)) dc (Δf in eV/Å³, result in sqrt(eV/Å³)), adaptive Gauss–Legendre to 1e-13 relative. */
    public static double barrierIntegral(DoubleUnaryOperator deltaF, double ca, double cb) {
        if (!(cb > ca)) throw InputException.field("phasefield", "binodal", "need c_a < c_b, got " + ca + ", " + cb);
        IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(16, 1e-14, 1e-300, 3, 64);
        return in.integrate(Integer.MAX_VALUE, c -> Math.sqrt(2 * Math.max(0, deltaF.applyAsDouble(c))), ca, cb);
    }

    /** k from γ (Eq. 26 inverted): k = (γ / ∫ sqrt(2Δf) dc)². */
    public static double kappaFromGamma(double gamma, DoubleUnaryOperator deltaF, double ca, double cb) {
        if (!(gamma > 0)) throw InputException.unphysical("interfacial energy γ (eV/Å²)", gamma, "> 0");
        double i = barrierIntegral(deltaF, ca, cb);
        if (!(i > 0)) throw InputException.field("phasefield", "free energy", "no barrier between the binodal points (Δf ≤ 0): no interface");
        return Math.pow(gamma / i, 2);
    }

    /** γ from k (Eq. 26): γ = sqrt(k) ∫ sqrt(2Δf) dc. */
    public static double gammaFromKappa(double kappa, DoubleUnaryOperator deltaF, double ca, double cb) {
        return Math.sqrt(kappa) * barrierIntegral(deltaF, ca, cb);
    }

    /** Maximum of Δf on [ca, cb] (grid search + Brent refinement of dΔf = 0 by golden section). */
    public static double maxBarrier(DoubleUnaryOperator deltaF, double ca, double cb) {
        int n = 2001;
        double best = -1, bx = ca;
        for (int k = 0; k < n; k++) {
            double c = ca + (cb - ca) * k / (n - 1), v = deltaF.applyAsDouble(c);
            if (v > best) { best = v; bx = c; }
        }
        double h = (cb - ca) / (n - 1), lo = Math.max(ca, bx - h), hi = Math.min(cb, bx + h);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 200 && hi - lo > 1e-15; it++) {
            double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
            if (deltaF.applyAsDouble(x1) > deltaF.applyAsDouble(x2)) hi = x2; else lo = x1;
        }
        return Math.max(best, deltaF.applyAsDouble(0.5 * (lo + hi)));
    }

    /** Interface width (Eq. 28): (c_b − c_a) sqrt(k / (2 Δf_max)). */
    public static double interfaceWidth(double kappa, double deltaFMax, double ca, double cb) {
        return (cb - ca) * Math.sqrt(kappa / (2 * deltaFMax));
    }

    /**
     * All parameters from a fitted μ(x) model.
     * @param model         μ(x) fit (eV per Na); the gap is the first binodal gap of {@code fe}
     * @param gap           binodal gap (common tangent) from {@link FreeEnergy}
     * @param siteVolume    volume per Na site Ω (Å³) converting per-site energies to densities
     * @param gamma         interfacial energy (eV/Å²)
     * @param dA, dB        tracer/chemical diffusivities of the Na-poor and Na-rich phases (Å²/ps)
     */
    public static Result fromModel(MuFunction model, FreeEnergy.Gap gap, double siteVolume, double gamma, double dA, double dB,
                                   Map<String, Object> provenance) {
        if (!(siteVolume > 0)) throw InputException.unphysical("volume per site Ω (Å³)", siteVolume, "> 0");
        if (!(dA > 0) || !(dB > 0)) throw InputException.unphysical("diffusivity (Å²/ps)", Math.min(dA, dB), "> 0 in both phases");
        double ca = gap.a(), cb = gap.b(), ga = model.g(ca), s = gap.muCoexistence();
        DoubleUnaryOperator df = c -> (model.g(c) - ga - s * (c - ca)) / siteVolume;
        double k = kappaFromGamma(gamma, df, ca, cb);
        double i = barrierIntegral(df, ca, cb), fmax = maxBarrier(df, ca, cb);
        double w = interfaceWidth(k, fmax, ca, cb);
        double muA = model.dmu(ca), muB = model.dmu(cb);
        if (!(muA > 0) || !(muB > 0)) throw InputException.field("phasefield", "mu(x)", "∂μ/∂c ≤ 0 at a binodal point: the phases are not stable there");
        Map<String, Object> in = new LinkedHashMap<>();
        if (provenance != null) in.putAll(provenance);
        in.put("gamma_eV_per_A2", gamma);
        in.put("site_volume_A3", siteVolume);
        in.put("D_poor_A2_per_ps", dA);
        in.put("D_rich_A2_per_ps", dB);
        in.put("binodal", new double[] {ca, cb});
        in.put("mu_model_coefficients_eV", model.coefficients());
        in.put("mu_model_ideal_kT_eV", model.idealKT());
        in.put("mu_model", model.describe());
        return new Result(k, w, gamma, i, fmax, ca, cb, dA / muA, dB / muB, muA, muB, in);
    }
}
