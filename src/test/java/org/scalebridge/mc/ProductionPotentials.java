package org.scalebridge.mc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.scalebridge.potential.Potential;

/** The production (org.scalebridge.potential) potentials the MC tests run against, once they exist on the branch. */
final class ProductionPotentials {
    private ProductionPotentials() {}

    static List<Supplier<Potential>> localPotentials() {
        return new ArrayList<>();
    }

    /** The production truncated LJ (ε, σ, r_c, no shift), or null while it is not on this branch. */
    static Potential ljOrNull(double eps, double sigma, double rc) {
        return null;
    }
}
