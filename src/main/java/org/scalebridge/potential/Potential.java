package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/**
 * An interatomic potential: energy, forces, the full 3×3 virial and per-atom energies of a structure, in metal
 * units (eV, eV/Å; virial W_ab = Σ r_a f_b in eV, positive = compressive, as LAMMPS and MLIP's PlusStress).
 *
 * <p>Implementations keep whatever neighbour lists they need and reuse their buffers between calls: no allocation
 * per MD step. Multi-threaded implementations must give the same numbers for a fixed thread count.
 */
public interface Potential {
    /** Short human-readable name (e.g. "lj/cut 8.5", "mtp level 10"). */
    String name();

    /** Interaction range in Å: atoms farther apart than this do not interact directly. */
    double cutoff();

    /**
     * True when the energy is a sum of terms each depending only on atoms within {@link #cutoff()} of some atom
     * (pair terms with a cutoff, many-body terms with a cutoff, MTP). Then {@link #localChange()} can compute
     * Monte Carlo energy changes from the neighbourhood of the changed atom. False for Ewald and other long-range
     * terms.
     */
    boolean isLocal();

    /**
     * Computes what {@code out} asks for (see {@link ForceResult#request}) for the first {@code s.size()} atoms.
     * Forces are −∂E/∂r. The structure's positions are not modified (apart from wrapping by neighbour-list builds).
     */
    void compute(Structure s, ForceResult out);

    /** Convenience: the potential energy only. */
    default double energy(Structure s) {
        ForceResult r = new ForceResult();
        r.request(false, false, false);
        compute(s, r);
        return r.energy();
    }

    /**
     * Energy changes of single-atom Monte Carlo moves. Local potentials return an implementation that works from
     * the changed atom's neighbourhood; the default recomputes the whole energy (exact, slow).
     */
    default LocalChange localChange() {
        return new FullRecomputeLocalChange(this);
    }

    /** Sets the number of worker threads used by {@link #compute}; 1 = serial. */
    default void setThreads(int threads) {}

    /**
     * Forgets cached state that depends on the history of calls (neighbour lists, their last-build positions), so
     * that the next {@link #compute} behaves exactly as on a freshly constructed potential. MD checkpoints call it so
     * that a resumed run and an uninterrupted one evaluate forces bit-identically. Default: nothing cached.
     */
    default void resetCaches() {}
}
