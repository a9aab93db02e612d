package org.scalebridge.continuum;

/**
 * Optional structure of a {@link DaeSystem}: contiguous blocks of variables (e.g. one particle's radial nodes) that
 * couple to the rest of the system only through one "hinge" variable (e.g. that particle's reaction rate j): block
 * rows depend on block variables and the hinge; block variables appear outside the block only in the hinge's row.
 * {@link BdfIntegrator} then eliminates the blocks (Schur complement on the hinge diagonal) and factorises only the
 * small outer band, which is far cheaper than one wide band.
 */
public interface LocalBlocks {
    int blockCount();
    int blockStart(int b);
    int blockSize(int b);
    int blockHinge(int b);
}
