package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Analytic limit of the Cahn–Hilliard particle: a flat interface of the quartic double well f = W x²(1−x)² relaxed
 * by our own CH dynamics (planar slab, no current) must carry the interfacial energy γ = ∫√(2κΔf) dx = √(2κW)/6
 * (Eq. 26) and have the width λ = √(κ/(2Δf_max)) = √(8κ/W) (Eq. 28; exact for the tanh profile). With 0.25 nm spacing
 * and λ ≈ 9–18 nm the second-order discretisation error is ~(h/λ)² ≈ 1e-3, so 1 % (γ) and 1 % (λ) are safe.
 */
class PlanarInterfaceTest {
    static final double W = 1e7, CMAX = 1000;

    static double[] relax(double kappa) {
        P2dParameters.Electrode el = new P2dParameters.Electrode();
        el.kind = P2dParameters.ParticleKind.CAHN_HILLIARD;
        el.radius = 100e-9; el.cMax = CMAX; el.cInit = 0.5 * CMAX; el.e0 = 0;
        el.muHom = Expr.compile((W / CMAX) + "*2*sto*(1-sto)*(1-2*sto)", "mu", "sto", "T");
        el.kappa = kappa; el.strainB = 0; el.wettingSlope = 0;
        el.diffusivity = Expr.constant(1e-15); el.latticeMobility = true; el.alpha = 0.5;
        el.exchangeCurrent = Expr.constant(1.0);
        int nodes = 401;
        SingleParticleCell cell = new SingleParticleCell(el, nodes, 96485.0, 8.314, 298.15, 1000, t -> 0.0, true);
        CahnHilliardParticle part = (CahnHilliardParticle) cell.particle();
        double[] r = part.radii();
        double[] y = cell.initialState();
        double ell0 = 2 * Math.sqrt(kappa / (2 * W)); // twice the equilibrium tanh length: the shape has to relax
        for (int i = 0; i < nodes; i++) y[i] = CMAX * 0.5 * (1 + Math.tanh((r[i] - 50e-9) / (2 * ell0)));
        BdfIntegrator bdf = new BdfIntegrator(cell, 1e-8, 1e-8, 5);
        bdf.initialize(0, y, 1e-8);
        bdf.advance(200.0, null, 0, null, null);
        double[] s = bdf.state();
        DoubleUnaryOperator g = x -> (W / CMAX) * x * x * (1 - x) * (1 - x);
        double gamma = part.freeEnergy(s, 0, g);
        double maxSlope = 0, dr = r[1] - r[0];
        for (int i = 1; i < nodes - 1; i++) maxSlope = Math.max(maxSlope, (s[i + 1] - s[i - 1]) / CMAX / (2 * dr));
        return new double[]{gamma, 1 / maxSlope};
    }

    @Test
    void interfacialEnergyAndWidth() {
        DoubleUnaryOperator df = x -> W * x * x * (1 - x) * (1 - x);
        double[] ks = {1e-10, 4e-10};
        double[][] res = new double[2][];
        for (int k = 0; k < 2; k++) {
            res[k] = relax(ks[k]);
            double gTheory = PhaseField.interfacialEnergy(ks[k], df, 0, 1, 2000);
            double wTheory = PhaseField.interfaceWidth(ks[k], df, 0, 1, 2000);
            System.out.printf("planar interface kappa=%.1e: gamma %.6e J/m2 (Eq.26 %.6e, closed form %.6e), width %.4e m (Eq.28 %.4e)%n",
                    ks[k], res[k][0], gTheory, Math.sqrt(2 * ks[k] * W) / 6, res[k][1], wTheory);
            assertEquals(Math.sqrt(2 * ks[k] * W) / 6, gTheory, 1e-6 * gTheory, "quadrature of Eq. 26");
            assertEquals(gTheory, res[k][0], 0.01 * gTheory, "relaxed interface energy vs Eq. 26");
            assertEquals(wTheory, res[k][1], 0.01 * wTheory, "relaxed interface width vs Eq. 28");
        }
        assertEquals(2.0, res[1][1] / res[0][1], 0.01, "width ∝ √κ");
        double kInv = PhaseField.gradientCoefficient(res[0][0], df, 0, 1, 2000);
        assertEquals(ks[0], kInv, 0.02 * ks[0], "κ recovered from γ");
    }
}
