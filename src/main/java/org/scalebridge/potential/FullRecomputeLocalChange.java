package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/** The exact but O(N) fallback: recompute the whole energy before and after the change on a copy. */
public final class FullRecomputeLocalChange implements LocalChange {
    private final Potential potential;

    public FullRecomputeLocalChange(Potential potential) { this.potential = potential; }

    @Override
    public double deltaMove(Structure s, int i, double x, double y, double z) {
        double e0 = potential.energy(s);
        Structure t = s.copy();
        t.setPosition(i, x, y, z);
        return potential.energy(t) - e0;
    }

    @Override
    public double deltaInsert(Structure s, int atomicNumber, double charge, double x, double y, double z) {
        double e0 = potential.energy(s);
        Structure t = s.copy();
        int k = t.addAtom(atomicNumber, x, y, z);
        if (t.hasCharges() || charge != 0) t.ensureCharges()[k] = charge;
        return potential.energy(t) - e0;
    }

    @Override
    public double deltaDelete(Structure s, int i) {
        double e0 = potential.energy(s);
        Structure t = s.copy();
        t.removeAtomSwapLast(i);
        return potential.energy(t) - e0;
    }
}
