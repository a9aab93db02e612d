package org.scalebridge.continuum;

/**
 * Radial discretisation of one representative spherical particle. The state is the concentration c [mol/m³] at
 * {@link #nodes()} radial positions, stored in a slice {@code y[off .. off+nodes)} of the global state vector; j is
 * the interfacial current density [A/m² of particle surface], positive when the guest species leaves the solid.
 */
public interface Particle {
    int nodes();

    /** Radial positions of the state values [m] (for output maps and probes). */
    double[] radii();

    /** Concentration at r = R [mol/m³]. */
    double surfaceConcentration(double[] y, int off, double j);

    /**
     * Surface thermodynamic force μ_s [J/mol] entering Butler–Volmer (δG/δN at the surface, including gradient and
     * strain terms for Cahn–Hilliard), or NaN for a Fickian particle whose equilibrium potential is the OCP.
     */
    double surfaceChemicalPotential(double[] y, int off, double j);

    /** dc/dt at every node into f[off ..]. Must not allocate. */
    void rhs(double[] y, int off, double j, double[] f);

    /**
     * Analytic ∂(dc/dt)/∂c of the block (rows and columns row0 + node) and ∂(dc/dt)/∂j of its rows in column
     * {@code hingeCol}, into {@code sink}. Must not allocate.
     */
    void jacobian(double[] y, int off, double j, AnalyticBlocks.Sink sink, int row0, int hingeCol);

    /**
     * How many outermost nodes {@link #surfaceConcentration} and {@link #surfaceChemicalPotential} read directly (the
     * others can enter μ_s only through the particle mean, see {@link #chemicalPotentialUsesMean}).
     */
    int surfaceNodes();

    /** Whether μ_s depends on the particle mean (a Cahn–Hilliard particle with coherency strain). */
    default boolean chemicalPotentialUsesMean() { return false; }

    /**
     * ∂μ_s/∂c_k [J/mol per mol/m³] through the particle mean, for a node k below the {@link #surfaceNodes()} (0 when
     * {@link #chemicalPotentialUsesMean} is false).
     */
    default double meanChemicalPotentialSlope(int k) { return 0; }

    /** Volume-averaged concentration [mol/m³] (the exact quantity the discretisation conserves). */
    double average(double[] y, int off);
}
