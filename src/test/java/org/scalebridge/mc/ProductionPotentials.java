package org.scalebridge.mc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.Potential;

/** The production (org.scalebridge.potential) potentials the MC tests run against. */
final class ProductionPotentials {
    private ProductionPotentials() {}

    /** Local potentials with Na (exchanged) and Ar (fixed) types, metal units. */
    static List<Supplier<Potential>> localPotentials() {
        List<Supplier<Potential>> l = new ArrayList<>();
        l.add(() -> new LennardJones(LennardJones.table(8.5).mixing(LennardJones.LORENTZ_BERTHELOT)
                .pair("Na", "Na", 0.0045, 3.0).pair("Ar", "Ar", 0.010323, 3.405), false, false));
        l.add(() -> new LennardJones(LennardJones.table(8.5).mixing(LennardJones.LORENTZ_BERTHELOT)
                .pair("Na", "Na", 0.0045, 3.0).pair("Ar", "Ar", 0.010323, 3.405), true, true));
        return l;
    }

    /** The production truncated LJ (ε, σ, r_c, no shift, no tail) for one element (Ar). */
    static Potential ljOrNull(double eps, double sigma, double rc) {
        return new LennardJones(LennardJones.table(rc).pair("Ar", "Ar", eps, sigma), false, false);
    }
}
