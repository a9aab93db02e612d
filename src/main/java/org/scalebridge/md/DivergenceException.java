package org.scalebridge.md;

import org.scalebridge.core.ScaleBridgeException;

/**
 * An MD run stopped because the dynamics diverged (non-finite numbers, atoms closer than the safety floor, or a
 * temperature jump). Carries the step and the atoms involved; the driver has saved the last good state.
 */
public final class DivergenceException extends ScaleBridgeException {
    private final long step;
    private final int[] atoms;

    public DivergenceException(long step, int[] atoms, String message) {
        super(message);
        this.step = step;
        this.atoms = atoms.clone();
    }

    /** Step at which the divergence was detected. */
    public long step() { return step; }

    /** Indices (0-based) of the atoms involved (may be empty). */
    public int[] atoms() { return atoms.clone(); }
}
