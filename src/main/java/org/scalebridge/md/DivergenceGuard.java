package org.scalebridge.md;

import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * Detects a diverging run: non-finite energy, positions, velocities or forces (checked every step, cheap); a pair
 * of atoms closer than {@code minDistance} Å and a temperature above {@code maxTemperatureFactor} × max(reference
 * temperature, temperature at the previous check) (checked every {@code every} steps).
 */
public final class DivergenceGuard {
    private final double minDistance;
    private final double maxTemperatureFactor;
    private final int every;
    private double referenceT = 0, lastT = -1;
    private Structure scratch;
    private NeighborList list;

    /**
     * @param minDistance          smallest allowed interatomic distance (Å); ≤ 0 disables the check
     * @param maxTemperatureFactor allowed temperature jump factor between checks (e.g. 10); ≤ 0 disables
     * @param every                steps between the distance/temperature checks
     */
    public DivergenceGuard(double minDistance, double maxTemperatureFactor, int every) {
        if (every < 1) throw new IllegalArgumentException("guard interval must be ≥ 1");
        this.minDistance = minDistance;
        this.maxTemperatureFactor = maxTemperatureFactor;
        this.every = every;
    }

    /** Default: 0.5 Å floor, ×10 temperature jump, checks every 10 steps. */
    public static DivergenceGuard defaults() { return new DivergenceGuard(0.5, 10, 10); }

    public int every() { return every; }

    /** Temperature the jump test is relative to (the target or initial temperature). */
    public void setReferenceTemperature(double t) { referenceT = t; }

    /** Throws {@link DivergenceException} when the state is unusable. */
    public void check(MdSystem sys, boolean full) {
        Structure s = sys.structure();
        int n = s.size();
        if (!Double.isFinite(sys.potentialEnergy())) {
            throw new DivergenceException(sys.step(), new int[0], "potential energy is " + sys.potentialEnergy()
                    + " at step " + sys.step());
        }
        double[] r = s.positions(), v = s.velocities(), f = sys.forces();
        for (int k = 0; k < 3 * n; k++) {
            if (!Double.isFinite(r[k]) || !Double.isFinite(v[k]) || !Double.isFinite(f[k])) {
                int i = k / 3;
                throw new DivergenceException(sys.step(), new int[] {i}, "non-finite position, velocity or force of atom "
                        + i + " at step " + sys.step());
            }
        }
        if (!full) return;
        double t = sys.temperature();
        if (maxTemperatureFactor > 0) {
            double ref = Math.max(referenceT, lastT);
            if (ref > 0 && t > maxTemperatureFactor * ref) {
                throw new DivergenceException(sys.step(), hottest(sys), String.format(
                        "temperature jumped to %.4g K (reference %.4g K) at step %d", t, ref, sys.step()));
            }
        }
        lastT = t;
        if (minDistance > 0 && n > 1) closestPair(sys);
    }

    private int[] hottest(MdSystem sys) {
        Structure s = sys.structure();
        double[] v = s.velocities(), m = s.masses();
        int best = 0;
        double bk = -1;
        for (int i = 0; i < s.size(); i++) {
            double k = m[i] * (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
            if (k > bk) { bk = k; best = i; }
        }
        return new int[] {best};
    }

    private void closestPair(MdSystem sys) {
        Structure s = sys.structure();
        int n = s.size();
        if (scratch == null || scratch.size() != n) {
            scratch = new Structure(s.cell(), n);
            for (int i = 0; i < n; i++) scratch.addAtom(s.atomicNumbers()[i], 0, 0, 0, 1.0);
            list = new NeighborList(minDistance, 0, true);
        }
        scratch.setCell(s.cell());
        System.arraycopy(s.positions(), 0, scratch.positions(), 0, 3 * n);
        list.build(scratch); // wraps the scratch copy only; the run's positions are untouched
        int[] off = list.offsets(), nb = list.neighbors();
        for (int i = 0; i < n; i++) {
            if (off[i + 1] > off[i]) {
                int j = nb[off[i]];
                throw new DivergenceException(sys.step(), new int[] {i, j}, String.format(
                        "atoms %d and %d are closer than %.3g Å at step %d", i, j, minDistance, sys.step()));
            }
        }
    }
}
