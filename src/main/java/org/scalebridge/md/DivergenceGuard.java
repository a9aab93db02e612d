package org.scalebridge.md;

import org.scalebridge.structure.Structure;

/**
 * Detects a diverging run and stops it at once with a message that says what happened:
 * <ul>
 *   <li>non-finite energy, positions, velocities or forces (checked every step, cheap);</li>
 *   <li>every {@code every} steps: a pair of atoms closer than {@code minDistance} Å;</li>
 *   <li>a temperature above {@code maxTemperatureFactor} × max(reference, thermostat target, previous check);</li>
 *   <li>a jump of the potential energy per atom between two checks larger than max({@code maxEnergyJump},
 *       {@link #JUMP_KT} k_B T) (T: the largest of reference, target and previous temperature), when the atom count is
 *       unchanged;</li>
 *   <li>a thermostatted temperature collapsing below {@code collapseFraction} × the target after the run had reached
 *       half the target (equilibration), for systems of ≥ {@link #MIN_COLLAPSE_DOF} degrees of freedom.</li>
 * </ul>
 *
 * <p>Energy-jump threshold: in equilibrium the potential energy per atom changes between checks by O(k_B T/√N), and
 * even a cold lattice heating to T raises it by about (3/2) k_B T per atom spread over many checks; so 4 k_B T per atom
 * (≈ 2.7 × the kinetic energy per atom) is never reached by a physical run, while the MTP failure that motivated the
 * check (PE −13 → +71 eV in a 60-atom cell, 1.4 eV/atom) exceeds it. The 0.5 eV/atom floor keeps low-temperature runs
 * (where 4 k_B T is 0.1 eV at 300 K) from stopping on the relaxation of a strained start structure.
 *
 * <p>Collapse threshold: for f degrees of freedom the canonical probability of T &lt; 0.01 T₀ is about
 * (0.005 f)^{f/2}/Γ(f/2 + 1), below 1e-10 for f ≥ 12; a thermostat cannot reach it unless the potential energy falls
 * steadily (the thermostat then drains the kinetic energy it gains), i.e. the potential is outside its domain.
 */
public final class DivergenceGuard {
    /** Energy-jump threshold in units of k_B T per atom (see the class comment). */
    public static final double JUMP_KT = 4.0;
    /** Default floor of the energy-jump threshold (eV/atom). */
    public static final double DEFAULT_ENERGY_JUMP = 0.5;
    /** Default collapse fraction of the thermostat target. */
    public static final double DEFAULT_COLLAPSE = 0.01;
    /** Smallest number of degrees of freedom for which a collapse cannot be a thermal fluctuation (class comment). */
    public static final int MIN_COLLAPSE_DOF = 12;

    private final double minDistance;
    private final double maxTemperatureFactor;
    private final double maxEnergyJump;
    private final double collapseFraction;
    private final int every;
    private double referenceT = 0, targetT = 0, lastT = -1;
    private double lastEPerAtom = Double.NaN;
    private int lastN = -1;
    private long lastEStep = -1;
    private boolean equilibrated;
    private int[] binOf = new int[0], order = new int[0], start = new int[1];

    /**
     * Guard with the default energy-jump floor (0.5 eV/atom) and collapse fraction (1 %).
     *
     * @param minDistance          smallest allowed interatomic distance (Å); ≤ 0 disables the check
     * @param maxTemperatureFactor allowed temperature jump factor between checks (e.g. 10); ≤ 0 disables
     * @param every                steps between the distance/temperature/energy checks
     */
    public DivergenceGuard(double minDistance, double maxTemperatureFactor, int every) {
        this(minDistance, maxTemperatureFactor, every, DEFAULT_ENERGY_JUMP, DEFAULT_COLLAPSE);
    }

    /**
     * @param maxEnergyJump    floor of the allowed |ΔE_pot|/N between checks (eV/atom); ≤ 0 disables the check
     * @param collapseFraction a thermostatted T below this fraction of the target stops the run; ≤ 0 disables
     */
    public DivergenceGuard(double minDistance, double maxTemperatureFactor, int every, double maxEnergyJump, double collapseFraction) {
        if (every < 1) throw new IllegalArgumentException("guard interval must be ≥ 1");
        if (!(collapseFraction < 0.5)) throw new IllegalArgumentException("collapse fraction must be < 0.5, got " + collapseFraction);
        this.minDistance = minDistance;
        this.maxTemperatureFactor = maxTemperatureFactor;
        this.every = every;
        this.maxEnergyJump = maxEnergyJump;
        this.collapseFraction = collapseFraction;
    }

    /**
     * Default: 0.5 Å floor, ×10 temperature jump, energy jump max(0.5 eV, 4 k_B T) per atom, collapse below 1 % of
     * the thermostat target; distance/temperature/energy checks every 100 steps (non-finite values every step).
     */
    public static DivergenceGuard defaults() { return new DivergenceGuard(0.5, 10, 100); }

    public int every() { return every; }

    /** Temperature the jump tests are relative to (the target or initial temperature). */
    public void setReferenceTemperature(double t) { referenceT = t; }

    /**
     * The thermostat's target temperature (K): also a reference of the jump tests, and arms the collapse test once
     * the run has reached half of it. {@link MdRun} sets it from {@link Integrator#targetTemperature()}.
     */
    public void setTargetTemperature(double t) { targetT = Double.isFinite(t) && t > 0 ? t : 0; }

    public double targetTemperature() { return targetT; }

    /** Throws {@link DivergenceException} when the state is unusable. */
    public void check(MdSystem sys, boolean full) {
        Structure s = sys.structure();
        int n = s.size();
        // the energy only when this step computed it (on-demand mode); non-finite forces are caught below
        if (sys.energyValid() && !Double.isFinite(sys.potentialEnergy())) {
            throw new DivergenceException(sys.step(), new int[0], "potential energy is " + sys.potentialEnergy()
                    + " at step " + sys.step() + " (the potential is outside its domain or the time step is too large)");
        }
        double[] r = s.positions(), v = s.velocities(), f = sys.forces();
        for (int k = 0; k < 3 * n; k++) {
            if (!Double.isFinite(r[k]) || !Double.isFinite(v[k]) || !Double.isFinite(f[k])) {
                int i = k / 3;
                String what = !Double.isFinite(r[k]) ? "position" : !Double.isFinite(v[k]) ? "velocity" : "force";
                throw new DivergenceException(sys.step(), new int[] {i}, "non-finite " + what + " of atom "
                        + i + " at step " + sys.step() + " (the potential is outside its domain or the time step is too large)");
            }
        }
        if (!full) return;
        double t = sys.temperature();
        double scaleT = Math.max(Math.max(referenceT, targetT), Math.max(lastT, 0));
        if (maxTemperatureFactor > 0) {
            double ref = Math.max(Math.max(referenceT, targetT), lastT);
            if (ref > 0 && t > maxTemperatureFactor * ref) {
                throw new DivergenceException(sys.step(), hottest(sys), String.format(java.util.Locale.ROOT,
                        "temperature jumped to %.4g K (more than %.3g × the reference %.4g K) at step %d: the dynamics are blowing up "
                                + "(potential outside its domain or time step too large)", t, maxTemperatureFactor, ref, sys.step()));
            }
        }
        if (targetT > 0 && collapseFraction > 0 && sys.degreesOfFreedom() >= MIN_COLLAPSE_DOF) {
            if (t >= 0.5 * targetT) equilibrated = true;
            else if (equilibrated && t < collapseFraction * targetT) {
                String pe = sys.energyValid() ? String.format(java.util.Locale.ROOT, "; potential energy %.6g eV (%.4g eV/atom)%s",
                        sys.potentialEnergy(), sys.potentialEnergy() / n,
                        Double.isFinite(lastEPerAtom) && lastN == n ? String.format(java.util.Locale.ROOT, ", %.4g eV/atom at step %d",
                                lastEPerAtom, lastEStep) : "") : "";
                throw new DivergenceException(sys.step(), hottest(sys), String.format(java.util.Locale.ROOT,
                        "thermostatted temperature collapsed to %.3g K at step %d (target %.4g K, stop below %.3g %% of it)%s: the thermostat "
                                + "drains the kinetic energy that a falling potential energy releases, i.e. the potential is outside its "
                                + "domain (for an MTP: its extrapolation grade γ is large here; add such configurations to the training set)",
                        t, sys.step(), targetT, 100 * collapseFraction, pe));
            }
        }
        if (maxEnergyJump > 0 && sys.energyValid()) {
            double e = sys.potentialEnergy() / Math.max(n, 1);
            if (lastN == n && Double.isFinite(lastEPerAtom)) {
                double limit = Math.max(maxEnergyJump, JUMP_KT * org.scalebridge.core.Units.KB_EV_PER_K * scaleT);
                double d = e - lastEPerAtom;
                if (Math.abs(d) > limit) {
                    throw new DivergenceException(sys.step(), hottest(sys), String.format(java.util.Locale.ROOT,
                            "potential energy jumped by %+.4g eV/atom between steps %d and %d (%.6g → %.6g eV, %d atoms; limit %.3g eV/atom "
                                    + "= max(%.3g eV, %.0f k_B T at %.4g K)) with temperature %.4g K: the potential is outside its domain "
                                    + "(for an MTP: check its extrapolation grade γ) or the time step is too large",
                            d, lastEStep, sys.step(), lastEPerAtom * n, e * n, n, limit, maxEnergyJump, JUMP_KT, scaleT, t));
                }
            }
            lastEPerAtom = e;
            lastEStep = sys.step();
        } else if (lastN != n) {
            lastEPerAtom = Double.NaN;
        }
        lastN = n;
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
