package org.scalebridge.potential.mtp;

import org.scalebridge.potential.FullRecomputeLocalChange;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.structure.Structure;

/** Placeholder. */
final class MtpLocalChange implements LocalChange {
    private final FullRecomputeLocalChange full;
    MtpLocalChange(MtpPotential p) { full = new FullRecomputeLocalChange(p); }
    public double deltaMove(Structure s, int i, double x, double y, double z) { return full.deltaMove(s, i, x, y, z); }
    public double deltaInsert(Structure s, int an, double q, double x, double y, double z) { return full.deltaInsert(s, an, q, x, y, z); }
    public double deltaDelete(Structure s, int i) { return full.deltaDelete(s, i); }
}
