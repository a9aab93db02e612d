package org.scalebridge.mc;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

/**
 * A species exchanged with the reservoir in grand-canonical Monte Carlo: atomic number, mass (amu), charge (e) and
 * chemical potential μ (eV).
 *
 * <p>The chemical potential can be given absolutely (as LAMMPS {@code fix gcmc} takes it) or relative to a
 * reference energy per atom E_ref (for Na: the energy per atom of Na metal with the same potential), with
 * μ = E_ref + Δμ. For an alkali-metal ion the electrode potential vs the metal/ion couple is then
 * U = −Δμ/e: μ_Na = E_ref − e·U (so U in volts maps to Δμ = −U eV). The thermal de Broglie wavelength Λ is the
 * physical one (Λ = h/√(2π m k_B T), {@link Units#deBroglieWavelength}) unless overridden (LAMMPS reduced units
 * use Λ = 1).
 */
public final class ExchangeSpecies {
    private final int atomicNumber;
    private final double mass;
    private final double charge;
    private final double mu;
    private final double lambdaOverride; // NaN = physical

    private ExchangeSpecies(int atomicNumber, double mass, double charge, double mu, double lambdaOverride) {
        if (atomicNumber < 0) throw InputException.unphysical("species.atomic_number", atomicNumber, "≥ 0");
        if (!(mass > 0)) throw InputException.unphysical("species.mass", mass, "> 0 amu");
        if (!Double.isFinite(mu)) throw InputException.unphysical("species.mu", mu, "a finite energy in eV");
        if (!Double.isNaN(lambdaOverride) && !(lambdaOverride > 0))
            throw InputException.unphysical("species.thermal_wavelength", lambdaOverride, "> 0 Å");
        this.atomicNumber = atomicNumber;
        this.mass = mass;
        this.charge = charge;
        this.mu = mu;
        this.lambdaOverride = lambdaOverride;
    }

    /** A species with absolute chemical potential μ (eV). */
    public static ExchangeSpecies ofMu(int atomicNumber, double mass, double charge, double mu) {
        return new ExchangeSpecies(atomicNumber, mass, charge, mu, Double.NaN);
    }

    /** μ = E_ref + Δμ: chemical potential relative to a reference energy per atom (e.g. Na metal), eV. */
    public static ExchangeSpecies relativeTo(int atomicNumber, double mass, double charge, double referenceEnergyPerAtom,
            double deltaMu) {
        return new ExchangeSpecies(atomicNumber, mass, charge, referenceEnergyPerAtom + deltaMu, Double.NaN);
    }

    /** μ = E_ref − e·U for an electrode potential U (V) vs the metal/ion couple of this species (e.g. Na/Na⁺). */
    public static ExchangeSpecies atVoltage(int atomicNumber, double mass, double charge, double referenceEnergyPerAtom,
            double voltage) {
        return relativeTo(atomicNumber, mass, charge, referenceEnergyPerAtom, muShiftForVoltage(voltage));
    }

    /** Δμ (eV) for an electrode potential U (V) vs M/M⁺: Δμ = −e·U (one electron per exchanged ion). */
    public static double muShiftForVoltage(double voltage) { return -voltage; }

    /** Electrode potential U (V) vs M/M⁺ for μ relative to the metal reference energy per atom: U = −(μ − E_ref)/e. */
    public static double voltageFor(double mu, double referenceEnergyPerAtom) { return -(mu - referenceEnergyPerAtom); }

    /** The same species with a fixed thermal wavelength (Å), e.g. Λ = 1 for LAMMPS reduced units. */
    public ExchangeSpecies withThermalWavelength(double lambda) {
        return new ExchangeSpecies(atomicNumber, mass, charge, mu, lambda);
    }

    /** The same species at another chemical potential. */
    public ExchangeSpecies withMu(double newMu) {
        return new ExchangeSpecies(atomicNumber, mass, charge, newMu, lambdaOverride);
    }

    public int atomicNumber() { return atomicNumber; }
    public double mass() { return mass; }
    public double charge() { return charge; }
    /** Chemical potential μ (eV). */
    public double mu() { return mu; }
    public boolean hasThermalWavelengthOverride() { return !Double.isNaN(lambdaOverride); }

    /** Thermal de Broglie wavelength Λ (Å) at temperature T (K). */
    public double thermalWavelength(double temperature) {
        return Double.isNaN(lambdaOverride) ? Units.deBroglieWavelength(mass, temperature) : lambdaOverride;
    }

    /** Activity z = exp(βμ)/Λ³ (Å⁻³), as LAMMPS fix gcmc (zz = exp(beta·chemical_potential)/Λ³). */
    public double activity(double temperature) {
        double lambda = thermalWavelength(temperature);
        return Math.exp(mu / Units.kT(temperature)) / (lambda * lambda * lambda);
    }

    @Override
    public String toString() {
        return "species Z=" + atomicNumber + " m=" + mass + " q=" + charge + " mu=" + mu + " eV";
    }
}
