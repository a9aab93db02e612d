package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/** Exposes the test PBA generator to the bench package. */
public final class PbaBench {
    private PbaBench() {}

    public static Structure structure(double a, int rep, double x) {
        return PbaTestStructures.build(a, rep, x, 0.0, 0.05, 3);
    }
}
