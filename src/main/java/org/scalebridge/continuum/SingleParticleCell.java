package org.scalebridge.continuum;

import java.util.function.DoubleUnaryOperator;

/**
 * One particle in an ideal electrolyte bath against a reference electrode (MPET's single-volume mode): the particle
 * obeys its own radial model, the interfacial current density j(t) [A/m², positive = extraction] is prescribed, and
 * the electrode potential V (vs the reference, electrolyte potential 0) is the algebraic variable that satisfies
 * Butler–Volmer, j = j0 [exp(α_a Fη/RT) − exp(−α_c Fη/RT)], η = V − U_eq,s (paper Eqs. 29–30). The state is
 * [c(r_0..r_N), V].
 */
public final class SingleParticleCell implements DaeSystem {
    private final P2dParameters.Electrode e;
    private final Particle particle;
    private final double faraday, rt, temperature, ce;
    private final DoubleUnaryOperator current;
    private final int n, bw;
    private final double[] a6 = new double[6], a2 = new double[2];

    /**
     * @param current j(t) [A/m² of particle surface], positive when the guest leaves the particle
     * @param ce      electrolyte concentration passed to j0 [mol/m³]
     */
    public SingleParticleCell(P2dParameters.Electrode e, int nodes, double faraday, double gasConstant, double temperature,
                              double ce, DoubleUnaryOperator current) {
        this(e, nodes, faraday, gasConstant, temperature, ce, current, false);
    }

    /** As above; {@code planar} makes a Cahn–Hilliard particle a slab of thickness R. */
    public SingleParticleCell(P2dParameters.Electrode e, int nodes, double faraday, double gasConstant, double temperature,
                              double ce, DoubleUnaryOperator current, boolean planar) {
        this.e = e; this.faraday = faraday; this.rt = gasConstant * temperature; this.temperature = temperature;
        this.ce = ce; this.current = current;
        particle = e.kind == P2dParameters.ParticleKind.FICKIAN
                ? new FickianParticle(nodes, e.radius, e.cMax, e.diffusivity, faraday, temperature, 1.0)
                : new CahnHilliardParticle(nodes, e.radius, e.cMax, e.muHom, e.kappa, e.strainB, e.wettingSlope,
                e.diffusivity, e.latticeMobility, gasConstant, faraday, temperature, planar);
        n = particle.nodes() + 1;
        bw = particle instanceof CahnHilliardParticle ? Math.max(2, ((CahnHilliardParticle) particle).bandwidth()) : 2;
    }

    public Particle particle() { return particle; }

    @Override public int size() { return n; }
    @Override public int lowerBandwidth() { return bw; }
    @Override public int upperBandwidth() { return bw; }

    @Override public void massDiagonal(double[] m) {
        java.util.Arrays.fill(m, 1.0);
        m[n - 1] = 0;
    }

    @Override public void typicalScale(double[] s) {
        java.util.Arrays.fill(s, e.cMax);
        s[n - 1] = 1.0;
    }

    public double[] initialState() {
        double[] y = new double[n];
        java.util.Arrays.fill(y, e.cInit);
        y[n - 1] = equilibriumPotential(y);
        return y;
    }

    /** U_eq at the surface from the current state. */
    public double equilibriumPotential(double[] y) {
        double cs = particle.surfaceConcentration(y, 0, 0);
        double mus = particle.surfaceChemicalPotential(y, 0, 0);
        if (e.kind == P2dParameters.ParticleKind.FICKIAN) { a2[0] = cs / e.cMax; a2[1] = temperature; return e.ocp.eval(a2); }
        return e.e0 - mus / faraday;
    }

    @Override public void rhs(double t, double[] y, double[] f) {
        double j = current.applyAsDouble(t);
        double cs = particle.surfaceConcentration(y, 0, j);
        double mus = particle.surfaceChemicalPotential(y, 0, j);
        double ueq, muRT;
        if (e.kind == P2dParameters.ParticleKind.FICKIAN) { a2[0] = cs / e.cMax; a2[1] = temperature; ueq = e.ocp.eval(a2); muRT = 0; }
        else { ueq = e.e0 - mus / faraday; muRT = mus / rt; }
        a6[0] = ce; a6[1] = cs; a6[2] = e.cMax; a6[3] = temperature; a6[4] = cs / e.cMax; a6[5] = muRT;
        double j0 = e.exchangeCurrent.eval(a6);
        double eta = y[n - 1] - ueq;
        double ft = faraday / rt;
        // scaled by 1/j0 so the algebraic row is O(1)
        f[n - 1] = (j - j0 * (Math.exp((1 - e.alpha) * ft * eta) - Math.exp(-e.alpha * ft * eta))) / j0;
        particle.rhs(y, 0, j, f);
    }
}
