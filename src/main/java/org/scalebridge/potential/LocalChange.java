package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/**
 * Energy changes (eV) of single-atom Monte Carlo moves, computed without modifying the structure. For a local
 * potential these come from the neighbourhood of the changed atom only and must equal a full recomputation to
 * 1e-9 eV.
 */
public interface LocalChange {
    /** E(after) − E(before) for moving atom i to (x, y, z). */
    double deltaMove(Structure s, int i, double x, double y, double z);

    /** E(after) − E(before) for inserting an atom of the given atomic number and charge (e) at (x, y, z). */
    double deltaInsert(Structure s, int atomicNumber, double charge, double x, double y, double z);

    /** E(after) − E(before) for deleting atom i. */
    double deltaDelete(Structure s, int i);
}
