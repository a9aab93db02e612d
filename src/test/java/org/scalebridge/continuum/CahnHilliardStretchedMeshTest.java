package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cahn–Hilliard particle on a radial mesh refined towards the surface (finite-volume variational form): a relaxed flat
 * interface of the quartic double well still carries γ of Eq. 26 (as {@link PlanarInterfaceTest} on a uniform mesh;
 * the spacing at the interface, ≈ 0.25 nm, against λ ≈ 9 nm gives a discretisation error ~1e-3, so 1 % is safe), and
 * in a sphere the discrete dynamics conserve Σ V_i c_i to round-off (1e-10 relative) and never raise the discrete
 * free energy (a gradient flow on any spacing; 1e-9 relative slack for the integrator's tolerance).
 */
class CahnHilliardStretchedMeshTest {
    static final double W = 1e7, CMAX = 1000;

    /** The particle alone, no reaction current. */
    static final class Alone implements DaeSystem {
        final CahnHilliardParticle p;
        Alone(CahnHilliardParticle p) { this.p = p; }
        @Override public int size() { return p.nodes(); }
        @Override public int lowerBandwidth() { return 2; }
        @Override public int upperBandwidth() { return 2; }
        @Override public void massDiagonal(double[] m) { java.util.Arrays.fill(m, 1.0); }
        @Override public void typicalScale(double[] s) { java.util.Arrays.fill(s, CMAX); }
        @Override public void rhs(double t, double[] y, double[] f) { p.rhs(y, 0, 0.0, f); }
    }

    static CahnHilliardParticle particle(int nodes, double size, double kappa, boolean planar, double stretch) {
        Expr mu = Expr.compile((W / CMAX) + "*2*sto*(1-sto)*(1-2*sto)", "mu", "sto", "T");
        return new CahnHilliardParticle(nodes, size, CMAX, mu, kappa, 0, 0, Expr.constant(1e-15), true, 8.314, 96485.0,
                298.15, planar, stretch);
    }

    @Test
    void flatInterfaceEnergyOnAStretchedMesh() {
        double kappa = 1e-10;
        CahnHilliardParticle part = particle(401, 100e-9, kappa, true, 1.004);
        double[] r = part.radii();
        assertTrue((r[1] - r[0]) / (r[400] - r[399]) > 4, "the mesh is refined towards the surface");
        double[] y = new double[401];
        double ell0 = 2 * Math.sqrt(kappa / (2 * W));
        for (int i = 0; i < 401; i++) y[i] = CMAX * 0.5 * (1 + Math.tanh((r[i] - 50e-9) / (2 * ell0)));
        BdfIntegrator bdf = new BdfIntegrator(new Alone(part), 1e-8, 1e-8, 5);
        bdf.initialize(0, y, 1e-8);
        bdf.advance(200.0, null, 0, null, null);
        DoubleUnaryOperator g = x -> (W / CMAX) * x * x * (1 - x) * (1 - x);
        double gamma = part.freeEnergy(bdf.state(), 0, g), theory = Math.sqrt(2 * kappa * W) / 6;
        System.out.printf("stretched planar interface: gamma %.6e J/m2 vs Eq. 26 %.6e (%.3f%%)%n", gamma, theory, 100 * (gamma / theory - 1));
        assertEquals(theory, gamma, 0.01 * theory);
    }

    @Test
    void sphereConservesMassAndLowersFreeEnergy() {
        // regular solution Ω = 3RT (phase-separating, logarithms keep 0 < x < 1), κ = 1e-9 J/m: λ ≈ 12 nm
        double rt = 8.314 * 298.15, omega = 3 * rt, kappa = 1e-9;
        Expr mu = Expr.compile(rt + "*ln(sto/(1-sto)) + " + omega + "*(1-2*sto)", "mu", "sto", "T");
        CahnHilliardParticle part = new CahnHilliardParticle(60, 200e-9, CMAX, mu, kappa, 0, 0, Expr.constant(1e-15), true,
                8.314, 96485.0, 298.15, false, 1.05);
        double[] r = part.radii();
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) y[i] = CMAX * (0.5 + 0.05 * Math.cos(3 * Math.PI * r[i] / 200e-9)); // spinodal start
        double m0 = part.average(y, 0);
        DoubleUnaryOperator g = x -> rt * (x * Math.log(x) + (1 - x) * Math.log(1 - x)) + omega * x * (1 - x);
        BdfIntegrator bdf = new BdfIntegrator(new Alone(part), 1e-8, 1e-8, 5);
        bdf.initialize(0, y, 1e-6);
        double prev = part.freeEnergy(y, 0, g), first = prev;
        for (double t = 0.01; t <= 100; t *= 2) {
            bdf.advance(t, null, 0, null, null);
            double e = part.freeEnergy(bdf.state(), 0, g);
            assertTrue(e <= prev + 1e-9 * Math.abs(first), "free energy rose at t = " + t + ": " + prev + " -> " + e);
            prev = e;
            assertEquals(m0, part.average(bdf.state(), 0), 1e-10 * m0, "mass at t = " + t);
        }
        assertTrue(prev < first, "the spinodal start relaxes");
    }
}
