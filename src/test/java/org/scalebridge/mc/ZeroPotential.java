package org.scalebridge.mc;

import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/** Test double: no interactions (ideal gas). */
final class ZeroPotential implements Potential {
    @Override public String name() { return "zero"; }
    @Override public double cutoff() { return 0; }
    @Override public boolean isLocal() { return true; }
    @Override public void compute(Structure s, ForceResult out) { out.reset(s.size()); }
    @Override public LocalChange localChange() {
        return new LocalChange() {
            @Override public double deltaMove(Structure s, int i, double x, double y, double z) { return 0; }
            @Override public double deltaInsert(Structure s, int a, double q, double x, double y, double z) { return 0; }
            @Override public double deltaDelete(Structure s, int i) { return 0; }
        };
    }
}
