package org.scalebridge.md;

import org.scalebridge.core.Units;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * The dynamical state an integrator advances: a structure (positions, velocities, cell, image counters), its
 * potential and the forces/virial of the current positions, the time step, the step counter, frozen atoms and the
 * number of degrees of freedom. Metal units: Å, ps, amu, eV, K; velocities Å/ps.
 *
 * <p>Frozen atoms have zero velocity and zero force (they never move, except by the affine cell deformation of a
 * barostat). Degrees of freedom: N_f = 3·N_mobile − 3 when the total momentum is conserved (no frozen atoms and a
 * deterministic integrator, as LAMMPS' default {@code compute temp}), else 3·N_mobile.
 */
public final class MdSystem {
    private final Structure s;
    private Potential potential;
    private final ForceResult fr = new ForceResult();
    private final double[] pressureScratch = new double[9]; // pressure() is called every barostat step: no allocation
    private boolean[] frozen;          // null = none
    private int mobile;
    private boolean momentumConserved = true;
    private double dt;
    private long step;
    private boolean forcesValid;
    // energy/virial on demand (LAMMPS computes them only on thermo steps); see setEnergyOnDemand
    private boolean energyOnDemand, energyNext, virialEveryStep;
    private boolean energyValid, virialValid;

    public MdSystem(Structure s, Potential potential, double dtPs) {
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) throw new IllegalArgumentException("time step must be > 0 ps: " + dtPs);
        this.s = s;
        this.potential = potential;
        this.dt = dtPs;
        s.ensureVelocities();
        this.mobile = s.size();
    }

    public Structure structure() { return s; }
    public Potential potential() { return potential; }

    /**
     * Swaps in a freshly constructed, identically configured potential (used at checkpoints so that an
     * uninterrupted run and a resumed one evaluate forces from the same fresh state). Forces stay valid.
     */
    public void replacePotential(Potential fresh) { this.potential = fresh; }
    public ForceResult forceResult() { return fr; }
    public double dt() { return dt; }
    public void setDt(double dtPs) { this.dt = dtPs; }
    public long step() { return step; }
    public void setStep(long step) { this.step = step; }
    void advanceStepCounter() { step++; }
    public double time() { return step * dt; }

    /** Freezes atoms (mask length ≥ n, null = none): their velocities and forces are zeroed. */
    public void setFrozen(boolean[] mask) {
        frozen = mask == null ? null : mask.clone();
        mobile = 0;
        for (int i = 0; i < s.size(); i++) if (frozen == null || !frozen[i]) mobile++;
        double[] v = s.ensureVelocities();
        if (frozen != null) {
            for (int i = 0; i < s.size(); i++) if (frozen[i]) { v[3 * i] = 0; v[3 * i + 1] = 0; v[3 * i + 2] = 0; }
        }
    }

    /** Freezes the atoms of a group (replacing any previous frozen set). */
    public void freeze(Group g) { setFrozen(g.mask()); }

    public boolean[] frozen() { return frozen; }
    public boolean isFrozen(int i) { return frozen != null && frozen[i]; }
    public int mobileAtoms() { return mobile; }

    /** Integrators that do not conserve momentum (Langevin) call this with false. */
    public void setMomentumConserved(boolean conserved) { this.momentumConserved = conserved; }

    /** Number of degrees of freedom N_f used for the temperature and the thermostats. */
    public int degreesOfFreedom() {
        int d = 3 * mobile - ((momentumConserved && frozen == null && mobile > 1) ? 3 : 0);
        return Math.max(d, 1);
    }

    /**
     * Evaluates forces at the current positions (and the energy and virial, unless they are computed on demand and
     * not requested for this step); frozen atoms get zero force.
     */
    public void computeForces() {
        boolean full = !energyOnDemand || energyNext;
        evaluate(full, full || virialEveryStep);
        energyNext = false;
    }

    private void evaluate(boolean energy, boolean virial) {
        fr.request(true, virial, false).requestEnergy(energy);
        potential.compute(s, fr);
        if (frozen != null) {
            double[] f = fr.forces();
            for (int i = 0; i < s.size(); i++) if (frozen[i]) { f[3 * i] = 0; f[3 * i + 1] = 0; f[3 * i + 2] = 0; }
        }
        forcesValid = true;
        energyValid = energy;
        virialValid = virial;
    }

    /**
     * Energy and virial on demand (default off: every force evaluation computes them). When on, force evaluations
     * compute forces only, except the one after {@link #requestEnergyNextCompute()} (the drivers ask for it before
     * thermo, trajectory, checkpoint and divergence-check steps) and the virial when {@link #setVirialEveryStep}
     * (barostats). This is LAMMPS' {@code eflag}/{@code vflag} economy. Reading {@link #potentialEnergy()} or
     * {@link #virial()} when they were not computed recomputes them at the current positions, so every caller still
     * gets the right value; forces are the same bit for bit either way.
     */
    public void setEnergyOnDemand(boolean on) { energyOnDemand = on; }

    public boolean energyOnDemand() { return energyOnDemand; }

    /** The next {@link #computeForces()} also computes the energy and the virial. */
    public void requestEnergyNextCompute() { energyNext = true; }

    /** Whether every force evaluation also computes the virial (barostats need the pressure each step). */
    public void setVirialEveryStep(boolean on) { virialEveryStep = on; }

    /** True when the stored potential energy belongs to the current forces (no recomputation needed). */
    public boolean energyValid() { return energyValid; }

    private void ensureEnergyAndVirial() {
        if (!forcesValid) return;
        if (!energyValid || !virialValid) evaluate(true, true);
    }

    /** Computes forces unless they are already valid for the current positions (after a checkpoint load). */
    public void ensureForces() { if (!forcesValid) computeForces(); }

    /** Marks stored forces, energy and virial as valid (restored from a checkpoint). */
    void markForcesValid() { forcesValid = true; energyValid = true; virialValid = true; }

    public double[] forces() { return fr.forces(); }
    public double potentialEnergy() { ensureEnergyAndVirial(); return fr.energy(); }
    /** Virial W_ab = Σ r_a f_b (eV), row-major, positive = compressive. */
    public double[] virial() { ensureEnergyAndVirial(); return fr.virial(); }

    /** Kinetic energy (eV) = ½·MVV2E·Σ m v². */
    public double kineticEnergy() {
        double[] v = s.velocities(), m = s.masses();
        double k = 0;
        for (int i = 0, n = s.size(); i < n; i++) {
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2];
            k += m[i] * (vx * vx + vy * vy + vz * vz);
        }
        return 0.5 * Units.MVV2E * k;
    }

    /** Kinetic tensor Σ m v_a v_b (eV, i.e. ×MVV2E), row-major into out[9]. */
    public void kineticTensor(double[] out) {
        double xx = 0, yy = 0, zz = 0, xy = 0, xz = 0, yz = 0;
        double[] v = s.velocities(), m = s.masses();
        for (int i = 0, n = s.size(); i < n; i++) {
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2], mi = m[i];
            xx += mi * vx * vx; yy += mi * vy * vy; zz += mi * vz * vz;
            xy += mi * vx * vy; xz += mi * vx * vz; yz += mi * vy * vz;
        }
        double c = Units.MVV2E;
        out[0] = c * xx; out[1] = c * xy; out[2] = c * xz;
        out[3] = c * xy; out[4] = c * yy; out[5] = c * yz;
        out[6] = c * xz; out[7] = c * yz; out[8] = c * zz;
    }

    /** Instantaneous kinetic temperature (K): 2·KE / (N_f k_B). */
    public double temperature() { return 2 * kineticEnergy() / (degreesOfFreedom() * Units.KB_EV_PER_K); }

    /** Pressure tensor (eV/Å³, positive = compressive), including the kinetic part: (Σ m v⊗v + W)/V. */
    public void pressureTensor(double[] out) {
        kineticTensor(out);
        double[] w = virial();
        double vol = s.cell().volume();
        for (int k = 0; k < 9; k++) out[k] = (out[k] + w[k]) / vol;
    }

    /** Scalar pressure (eV/Å³) = trace of the pressure tensor / 3. */
    public double pressure() {
        double[] p = pressureScratch;
        pressureTensor(p);
        return (p[0] + p[4] + p[8]) / 3;
    }
}
