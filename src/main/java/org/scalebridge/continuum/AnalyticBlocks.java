package org.scalebridge.continuum;

/**
 * {@link LocalBlocks} whose Jacobian entries in the block columns (block rows and the hinge row) and in the block rows
 * of the hinge column the system computes itself. {@link BdfIntegrator} then finite-differences only the outer
 * columns, and with {@link #rhsOuter}, which skips the blocks' own rows: a Jacobian costs the block formulas plus a
 * few cheap outer residuals instead of (colours) full residuals.
 */
public interface AnalyticBlocks extends LocalBlocks {
    /** Receives one Jacobian entry ∂f_r/∂y_c (global indices, inside the probed pattern). */
    interface Sink { void set(int r, int c, double v); }

    /** False: use coloured finite differences for everything (e.g. to check the analytic entries). */
    default boolean analyticBlocks() { return true; }

    /**
     * ∂f/∂y of block b at (t, y): every entry in a column of the block (its rows and the hinge row) and the block rows'
     * entries in the hinge column. y must be restored unchanged if it is perturbed internally.
     */
    void blockJacobian(int b, double t, double[] y, Sink sink);

    /** f(t, y) on every row outside the blocks, identical to {@link DaeSystem#rhs}'s there; block rows may be left as they were. */
    void rhsOuter(double t, double[] y, double[] f);
}
