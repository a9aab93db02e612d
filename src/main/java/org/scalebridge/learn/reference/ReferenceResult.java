package org.scalebridge.learn.reference;

import org.scalebridge.structure.Structure;

import java.util.Arrays;

/**
 * What a reference calculation returns, in engine units: total energy (eV), forces (eV/Å, 3 per atom, −∂E/∂r) and
 * the virial W (eV, row-major 3×3, positive = compressive, W = −σ·V with σ the tensile-positive Cauchy stress), or
 * null when the calculator gives no stress.
 */
public record ReferenceResult(double energy, double[] forces, double[] virial) {
    public ReferenceResult {
        forces = forces.clone();
        virial = virial == null ? null : virial.clone();
    }

    /** Number of atoms. */
    public int atoms() { return forces.length / 3; }

    /** Largest force norm (eV/Å). */
    public double maxForce() {
        double m = 0;
        for (int i = 0; i < forces.length; i += 3) {
            m = Math.max(m, Math.sqrt(forces[i] * forces[i] + forces[i + 1] * forces[i + 1] + forces[i + 2] * forces[i + 2]));
        }
        return m;
    }

    /** Virial from a tensile-positive stress in eV/Å³ and the cell volume: W = −σ V. */
    public static double[] virialFromStress(double[] stressEvPerA3, double volume) {
        double[] w = new double[9];
        for (int k = 0; k < 9; k++) w[k] = -stressEvPerA3[k] * volume;
        return w;
    }

    /** Virial from a compressive-positive pressure tensor in eV/Å³ (QE, CP2K, LAMMPS print this): W = P V. */
    public static double[] virialFromPressure(double[] pressureEvPerA3, double volume) {
        double[] w = new double[9];
        for (int k = 0; k < 9; k++) w[k] = pressureEvPerA3[k] * volume;
        return w;
    }

    /** A copy of the input structure carrying this result as its energy, forces and virial. */
    public Structure applyTo(Structure input) {
        if (input.size() != atoms()) {
            throw new IllegalArgumentException("result has " + atoms() + " atoms, structure " + input.size());
        }
        Structure s = input.copy();
        s.setEnergy(energy);
        s.setForces(forces.clone());
        s.setVirial(virial);
        return s;
    }

    @Override
    public String toString() {
        return "ReferenceResult[E=" + energy + " eV, atoms=" + atoms() + ", maxF=" + maxForce() + " eV/Å, virial="
                + (virial == null ? "none" : Arrays.toString(virial)) + "]";
    }
}
