package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/**
 * Base of the classical terms: {@link #compute} resets the result and calls {@link #accumulate}, which adds this
 * term's energy, forces, virial and per-atom energies to whatever is already in the result. {@link SumPotential}
 * uses {@code accumulate} to build force fields from terms without extra buffers.
 */
public abstract class AbstractPotential implements Potential {
    @Override
    public final void compute(Structure s, ForceResult out) {
        out.reset(s.size());
        accumulate(s, out);
    }

    /** Adds this term's contributions to {@code out} (already reset for {@code s.size()} atoms). */
    public abstract void accumulate(Structure s, ForceResult out);

    /** Adds a symmetric virial given as xx, yy, zz, xy, xz, yz to the 3×3 row-major virial. */
    static void addVirial6(double[] w9, double xx, double yy, double zz, double xy, double xz, double yz) {
        w9[0] += xx; w9[4] += yy; w9[8] += zz;
        w9[1] += xy; w9[3] += xy;
        w9[2] += xz; w9[6] += xz;
        w9[5] += yz; w9[7] += yz;
    }
}
