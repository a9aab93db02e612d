package org.scalebridge.md;

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
    private int[] binOf = new int[0], order = new int[0], start = new int[1];

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

    /** Default: 0.5 Å floor, ×10 temperature jump, distance/temperature checks every 100 steps (non-finite values every step). */
    public static DivergenceGuard defaults() { return new DivergenceGuard(0.5, 10, 100); }

    public int every() { return every; }

    /** Temperature the jump test is relative to (the target or initial temperature). */
    public void setReferenceTemperature(double t) { referenceT = t; }

    /** Throws {@link DivergenceException} when the state is unusable. */
    public void check(MdSystem sys, boolean full) {
        Structure s = sys.structure();
        int n = s.size();
        // the energy only when this step computed it (on-demand mode); non-finite forces are caught below
        if (sys.energyValid() && !Double.isFinite(sys.potentialEnergy())) {
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

    /**
     * O(N) search for a pair closer than the floor: atoms binned in fractional coordinates with bins at least
     * max(floor, mean spacing) wide perpendicular to each face, so partners lie in the ±1 neighbouring bins; the
     * distance is the exact minimum image. The run's positions are not modified.
     */
    private void closestPair(MdSystem sys) {
        Structure s = sys.structure();
        int n = s.size();
        org.scalebridge.structure.Cell c = s.cell();
        double[] w = c.perpendicularWidths();
        double spacing = Math.max(minDistance, Math.cbrt(c.volume() / n));
        int[] nb = new int[3];
        long total = 1;
        for (int d = 0; d < 3; d++) {
            nb[d] = (int) Math.max(1, Math.min(Math.floor(w[d] / spacing), 1024));
            total *= nb[d];
        }
        int nbins = (int) total;
        if (binOf.length < n) { binOf = new int[n]; order = new int[n]; }
        if (start.length < nbins + 1) start = new int[nbins + 1];
        java.util.Arrays.fill(start, 0, nbins + 1, 0);
        double[] r = s.positions();
        for (int i = 0; i < n; i++) {
            double x = r[3 * i], y = r[3 * i + 1], z = r[3 * i + 2];
            double[] f = {c.fracX(x, y, z), c.fracY(x, y, z), c.fracZ(x, y, z)};
            int b = 0;
            for (int d = 0; d < 3; d++) {
                double fd = f[d] - Math.floor(f[d]);
                int k = Math.min((int) (fd * nb[d]), nb[d] - 1);
                if (!c.periodic(d)) k = Math.max(0, Math.min(nb[d] - 1, (int) Math.floor(f[d] * nb[d])));
                b = b * nb[d] + k;
            }
            binOf[i] = b;
            start[b + 1]++;
        }
        for (int b = 0; b < nbins; b++) start[b + 1] += start[b];
        int[] fill = new int[nbins];
        for (int i = 0; i < n; i++) order[start[binOf[i]] + fill[binOf[i]]++] = i;
        double floor2 = minDistance * minDistance;
        double[] dv = new double[3];
        int[] lo = new int[3], hi = new int[3];
        for (int i = 0; i < n; i++) {
            int b = binOf[i];
            int[] bi = {b / (nb[1] * nb[2]), (b / nb[2]) % nb[1], b % nb[2]};
            for (int d = 0; d < 3; d++) {
                if (nb[d] < 3) { lo[d] = 0; hi[d] = nb[d] - 1; } else { lo[d] = bi[d] - 1; hi[d] = bi[d] + 1; }
            }
            for (int a = lo[0]; a <= hi[0]; a++) {
                int ja = Math.floorMod(a, nb[0]);
                for (int bb = lo[1]; bb <= hi[1]; bb++) {
                    int jb = Math.floorMod(bb, nb[1]);
                    for (int cc = lo[2]; cc <= hi[2]; cc++) {
                        int jc = Math.floorMod(cc, nb[2]);
                        int q = (ja * nb[1] + jb) * nb[2] + jc;
                        for (int k = start[q]; k < start[q + 1]; k++) {
                            int j = order[k];
                            if (j <= i) continue;
                            dv[0] = r[3 * j] - r[3 * i]; dv[1] = r[3 * j + 1] - r[3 * i + 1]; dv[2] = r[3 * j + 2] - r[3 * i + 2];
                            if (c.minimumImage(dv) < floor2) {
                                throw new DivergenceException(sys.step(), new int[] {i, j}, String.format(
                                        "atoms %d and %d are closer than %.3g Å at step %d", i, j, minDistance, sys.step()));
                            }
                        }
                    }
                }
            }
        }
    }
}
