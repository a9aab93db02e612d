package org.scalebridge.potential;

import java.util.Arrays;

/**
 * Reusable output buffers of a potential evaluation. Callers choose what to compute with {@link #request} and
 * keep the object across MD steps (buffers grow only when the atom count does).
 */
public final class ForceResult {
    private boolean wantForces = true, wantVirial = true, wantPerAtom = false, wantEnergy = true;
    private double energy;
    private double[] forces = new double[0];
    private final double[] virial = new double[9];
    private double[] perAtom = new double[0];
    private int n;

    /** Chooses the outputs; the energy is computed too (see {@link #requestEnergy}). */
    public ForceResult request(boolean forces, boolean virial, boolean perAtomEnergy) {
        this.wantForces = forces;
        this.wantVirial = virial;
        this.wantPerAtom = perAtomEnergy;
        this.wantEnergy = true;
        return this;
    }

    /**
     * Whether the total energy is needed (default true). MD between thermo steps asks for forces only, as LAMMPS
     * does ({@code eflag} only on thermo steps): terms may then skip the energy and {@link #energy()} is
     * unspecified. Forces are the same bit for bit either way.
     */
    public ForceResult requestEnergy(boolean energy) {
        this.wantEnergy = energy;
        return this;
    }

    public boolean wantsEnergy() { return wantEnergy; }

    public boolean wantsForces() { return wantForces; }
    public boolean wantsVirial() { return wantVirial; }
    public boolean wantsPerAtom() { return wantPerAtom; }

    /** Zeroes the outputs for n atoms (called by potentials at the start of compute; terms then accumulate). */
    public void reset(int atoms) {
        this.n = atoms;
        energy = 0;
        if (forces.length < 3 * atoms) forces = new double[3 * Math.max(atoms, 1)];
        else Arrays.fill(forces, 0, 3 * atoms, 0.0);
        Arrays.fill(virial, 0.0);
        if (wantPerAtom) {
            if (perAtom.length < atoms) perAtom = new double[Math.max(atoms, 1)];
            else Arrays.fill(perAtom, 0, atoms, 0.0);
        }
    }

    public int atoms() { return n; }
    public double energy() { return energy; }
    public void setEnergy(double e) { energy = e; }
    public void addEnergy(double e) { energy += e; }
    /** Forces (eV/Å), 3 per atom, length ≥ 3n. */
    public double[] forces() { return forces; }
    /** Virial W (eV), row-major 3×3, positive = compressive. */
    public double[] virial() { return virial; }
    /** Per-atom energies (eV), length ≥ n, when requested. */
    public double[] perAtomEnergy() { return perAtom; }

    /**
     * Cauchy stress (GPa, tensile positive, row-major 3×3) of a cell of the given volume: σ = −W/V, converted through
     * bar with LAMMPS' metal constant (1 bar = 1e-4 GPa), so that it equals −(LAMMPS pressure)·1e-4 exactly.
     */
    public double[] stressGPa(double volume) {
        double[] st = new double[9];
        for (int k = 0; k < 9; k++) st[k] = -org.scalebridge.core.Units.evPerA3ToBar(virial[k] / volume) * org.scalebridge.core.Units.GPA_PER_BAR;
        return st;
    }

    /** Pressure tensor (bar, compressive positive, LAMMPS convention) of a cell of the given volume: P = W/V. */
    public double[] pressureBar(double volume) {
        double[] pb = new double[9];
        for (int k = 0; k < 9; k++) pb[k] = org.scalebridge.core.Units.evPerA3ToBar(virial[k] / volume);
        return pb;
    }

    /** Copy of the forces of the first n atoms. */
    public double[] forcesCopy() { return Arrays.copyOf(forces, 3 * n); }
}
