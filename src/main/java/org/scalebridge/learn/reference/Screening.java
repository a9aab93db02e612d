package org.scalebridge.learn.reference;

/**
 * Screening of reference results before they enter a training set (the paper discards configurations with any
 * force above 150 eV/Å or an energy above 0 eV: such points come from broken SCF runs or atoms pushed into each
 * other and would spoil the fit). Both thresholds are configurable; non-finite numbers are always rejected.
 *
 * @param maxForce largest allowed force norm on any atom (eV/Å)
 * @param maxEnergy largest allowed total energy (eV)
 */
public record Screening(double maxForce, double maxEnergy) {
    /** The paper's thresholds: 150 eV/Å and 0 eV. */
    public static Screening paper() { return new Screening(150.0, 0.0); }

    /** Outcome: accepted, or rejected with a human-readable reason. */
    public record Verdict(boolean accepted, String reason) {
        static final Verdict OK = new Verdict(true, "");
    }

    /** Checks one result. */
    public Verdict check(ReferenceResult r) {
        if (!Double.isFinite(r.energy())) return new Verdict(false, "non-finite energy");
        for (double f : r.forces()) if (!Double.isFinite(f)) return new Verdict(false, "non-finite force");
        if (r.energy() > maxEnergy) {
            return new Verdict(false, String.format(java.util.Locale.ROOT, "energy %.6g eV above the limit %.6g eV", r.energy(), maxEnergy));
        }
        double[] f = r.forces();
        for (int i = 0; i < r.atoms(); i++) {
            double n = Math.sqrt(f[3 * i] * f[3 * i] + f[3 * i + 1] * f[3 * i + 1] + f[3 * i + 2] * f[3 * i + 2]);
            if (n > maxForce) {
                return new Verdict(false, String.format(java.util.Locale.ROOT, "force %.6g eV/Å on atom %d above the limit %.6g eV/Å", n, i, maxForce));
            }
        }
        return Verdict.OK;
    }
}
