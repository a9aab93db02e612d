package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/**
 * Energy changes (eV) of single-atom Monte Carlo moves, computed without modifying the structure. For a local
 * potential these come from the neighbourhood of the changed atom only and must equal a full recomputation to
 * 1e-9 eV.
 *
 * <p>Implementations may keep an index of the structure (e.g. spatial bins). After an accepted move, tell them with
 * {@link #commitMove}, {@link #commitInsert} or {@link #commitDelete} (O(1) updates); after any other change
 * (an MD segment, a new cell, changed charges) call {@link #sync}. A change of the structure object, of its cell
 * object or of its atom count is detected automatically and triggers a full re-index.
 */
public interface LocalChange {
    /** E(after) − E(before) for moving atom i to (x, y, z). */
    double deltaMove(Structure s, int i, double x, double y, double z);

    /** E(after) − E(before) for inserting an atom of the given atomic number and charge (e) at (x, y, z). */
    double deltaInsert(Structure s, int atomicNumber, double charge, double x, double y, double z);

    /** E(after) − E(before) for deleting atom i. */
    double deltaDelete(Structure s, int i);

    /** Call after {@code s.setPosition(i, …)} applied an accepted move of atom i. */
    default void commitMove(Structure s, int i) {}

    /** Call after {@code i = s.addAtom(…)} (and setting its charge) applied an accepted insertion. */
    default void commitInsert(Structure s, int i) {}

    /**
     * Call after {@code movedFrom = s.removeAtomSwapLast(i)} applied an accepted deletion ({@code movedFrom} is the
     * old index of the atom now at i, or −1).
     */
    default void commitDelete(Structure s, int i, int movedFrom) {}

    /** Re-indexes the structure after arbitrary changes (MD steps, cell change, new charges). */
    default void sync(Structure s) {}
}
