package org.scalebridge.mc;

import org.scalebridge.core.InputException;

/**
 * The harmonic bias on the count of one exchange species, B(N) = φ(N − N_t)² (eV), added to the energy in the
 * acceptance of exchange moves (paper Eq. 7: the biased grand-canonical weight exp(−β[U − μN + B(N)])). It confines
 * N near the target N_t, so the whole composition range can be sampled through two-phase regions.
 */
public final class HarmonicBias {
    private final int species;
    private final double phi;
    private final double target;

    /** Bias on exchange species index {@code species} with stiffness φ (eV) and target N_t. */
    public HarmonicBias(int species, double phi, double target) {
        if (species < 0) throw InputException.unphysical("bias.species", species, "≥ 0");
        if (!(phi >= 0) || !Double.isFinite(phi)) throw InputException.unphysical("bias.phi", phi, "≥ 0 eV");
        if (!(target >= 0) || !Double.isFinite(target)) throw InputException.unphysical("bias.target", target, "≥ 0");
        this.species = species;
        this.phi = phi;
        this.target = target;
    }

    public int species() { return species; }
    public double phi() { return phi; }
    public double target() { return target; }

    /** B(N) = φ(N − N_t)² in eV. */
    public double energy(int n) { double d = n - target; return phi * d * d; }

    /** B(N+1) − B(N) = φ(2(N − N_t) + 1). */
    public double insertionChange(int n) { return energy(n + 1) - energy(n); }

    /** B(N−1) − B(N) = φ(1 − 2(N − N_t)). */
    public double deletionChange(int n) { return energy(n - 1) - energy(n); }

    /** The bias's contribution to μ at ⟨N⟩: −2φ(⟨N⟩ − N_t) (last term of paper Eq. 17). */
    public double muCorrection(double meanN) { return -2.0 * phi * (meanN - target); }
}
