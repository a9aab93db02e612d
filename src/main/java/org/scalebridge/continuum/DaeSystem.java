package org.scalebridge.continuum;

/**
 * A semi-explicit index-1 DAE in mass-matrix form M y' = f(t, y) with a diagonal M (zero rows are algebraic), whose
 * Jacobian ∂f/∂y is banded with the declared bandwidths. This is what the method of lines turns the P2D model into.
 */
public interface DaeSystem {
    int size();

    int lowerBandwidth();

    int upperBandwidth();

    /** Fills the diagonal of M (0 marks an algebraic variable). */
    void massDiagonal(double[] m);

    /** f(t, y); must not allocate. */
    void rhs(double t, double[] y, double[] f);

    /** Typical magnitude of each variable (used for finite-difference increments and absolute tolerances). */
    void typicalScale(double[] scale);

    /**
     * Identifies the Jacobian's sparsity pattern: equal keys promise equal patterns, so an integrator may reuse the
     * pattern it probed (and its colouring) on a later restart. null (the default) means "probe every time".
     */
    default Object structureKey() { return null; }

    /** What variable i is, in words a user recognises (for error messages). */
    default String describe(int i) { return "variable " + i; }
}
