package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.scalebridge.structure.Structure;

/** Compares a potential's energy, forces and virial with a LAMMPS reference frame; returns the relative errors. */
final class RefCompare {
    /** {relative energy error, max force error / max |F|, max virial error / max |W|}. */
    static double[] compare(Potential p, Structure s, RefXyz ref) {
        ForceResult r = new ForceResult().request(true, true, true);
        p.compute(s, r);
        int n = s.size();
        double eRel = Math.abs(r.energy() - ref.energy) / Math.abs(ref.energy);
        double fmax = 0, dfmax = 0;
        for (int k = 0; k < 3 * n; k++) {
            fmax = Math.max(fmax, Math.abs(ref.forces[k]));
            dfmax = Math.max(dfmax, Math.abs(r.forces()[k] - ref.forces[k]));
        }
        double wmax = 0, dwmax = 0;
        for (int k = 0; k < 9; k++) {
            wmax = Math.max(wmax, Math.abs(ref.virial[k]));
            dwmax = Math.max(dwmax, Math.abs(r.virial()[k] - ref.virial[k]));
        }
        double pa = 0;
        for (int i = 0; i < n; i++) pa += r.perAtomEnergy()[i];
        assertTrue(Math.abs(pa - r.energy()) < 1e-9 * Math.max(1, Math.abs(r.energy())), "per-atom energies sum to the energy");
        return new double[] {eRel, dfmax / fmax, dwmax / wmax, Math.abs(r.energy() - ref.energy), dfmax, dwmax};
    }
}
