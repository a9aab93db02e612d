package org.scalebridge.core;

/**
 * Every unit conversion of the project lives here.
 *
 * <p>The atomistic engine works in LAMMPS "metal" units: length Å, energy eV, time ps, mass amu (g/mol),
 * temperature K, pressure bar, charge e. Stress is reported in GPa at the API. The continuum solver works in SI.
 * Constants follow LAMMPS' metal-unit values where bit-level agreement with LAMMPS reference data matters
 * (Coulomb constant, pressure conversion), and CODATA 2018 otherwise.
 */
public final class Units {
    private Units() {}

    /** Boltzmann constant in eV/K as LAMMPS metal units define it (force->boltz; CODATA 2018 gives 8.617333262e-5). */
    public static final double KB_EV_PER_K = 8.617343e-5;
    /** Coulomb constant e²/(4πε0) in eV·Å used by LAMMPS metal units (qqr2e); not the CODATA 14.3996454784. */
    public static final double COULOMB_EV_A = 14.399645;
    /** LAMMPS metal nktv2p: pressure in bar per eV/Å³. */
    public static final double BAR_PER_EV_A3 = 1.6021765e6;
    /**
     * GPa per eV/Å³: the CODATA 2014 value that ASE's units use, so stresses read from VASP/extxyz files agree with ASE
     * to 1e-12. LAMMPS' metal nktv2p ({@link #BAR_PER_EV_A3} × {@link #GPA_PER_BAR} = 160.21765) is 7.6e-8 relative
     * lower: bar figures compared with LAMMPS go through {@link #BAR_PER_EV_A3}, never through this constant. (The exact
     * SI factor since 2019 is 160.2176634.)
     */
    public static final double GPA_PER_EV_A3 = 160.21766208;
    /** 1 bar = 1e-4 GPa exactly. */
    public static final double GPA_PER_BAR = 1e-4;
    /**
     * LAMMPS metal mvv2e: converts amu·Å²/ps² to eV. Kinetic energy (eV) = 0.5 · MVV2E · m[amu] · v²[Å²/ps²].
     */
    public static final double MVV2E = 1.0364269e-4;
    /** LAMMPS metal ftm2v: converts force/mass (eV/Å/amu) to Å/ps². a = FTM2V · F / m. */
    public static final double FTM2V = 1.0 / 1.0364269e-4;

    /** Avogadro constant (1/mol), exact SI. */
    public static final double AVOGADRO = 6.02214076e23;
    /** Elementary charge (C), exact SI. */
    public static final double ELEMENTARY_CHARGE = 1.602176634e-19;
    /** Faraday constant (C/mol), exact SI. */
    public static final double FARADAY = ELEMENTARY_CHARGE * AVOGADRO;
    /** Molar gas constant (J/(mol K)), exact SI. */
    public static final double GAS_CONSTANT = 8.314462618;
    /** Boltzmann constant in J/K (exact SI). */
    public static final double KB_J_PER_K = 1.380649e-23;
    /** Planck constant in eV·ps (h = 4.135667696e-15 eV s). */
    public static final double PLANCK_EV_PS = 4.135667696e-3;
    /** One atomic mass unit in kg. */
    public static final double AMU_KG = 1.66053906660e-27;

    public static final double ANGSTROM_M = 1e-10;
    public static final double PS_S = 1e-12;
    public static final double EV_J = ELEMENTARY_CHARGE;

    /** Pressure: bar → eV/Å³. */
    public static double barToEvPerA3(double bar) { return bar / BAR_PER_EV_A3; }
    /** Pressure: eV/Å³ → bar. */
    public static double evPerA3ToBar(double p) { return p * BAR_PER_EV_A3; }
    /** Stress/pressure: eV/Å³ → GPa. */
    public static double evPerA3ToGPa(double p) { return p * GPA_PER_EV_A3; }
    /** Stress/pressure: GPa → eV/Å³. */
    public static double gpaToEvPerA3(double p) { return p / GPA_PER_EV_A3; }
    /** Energy: eV → J. */
    public static double evToJ(double e) { return e * EV_J; }
    /** Energy: J → eV. */
    public static double jToEv(double e) { return e / EV_J; }
    /** Diffusivity: Å²/ps → m²/s. */
    public static double a2psToM2s(double d) { return d * 1e-20 / 1e-12; }
    /** Diffusivity: m²/s → Å²/ps. */
    public static double m2sToA2ps(double d) { return d * 1e-12 / 1e-20; }
    /** Interfacial energy: eV/Å² → J/m². */
    public static double evPerA2ToJPerM2(double g) { return g * EV_J / 1e-20; }
    /** Interfacial energy: J/m² → eV/Å². */
    public static double jPerM2ToEvPerA2(double g) { return g * 1e-20 / EV_J; }
    /** Length: Å → m. */
    public static double aToM(double l) { return l * ANGSTROM_M; }
    /** Length: m → Å. */
    public static double mToA(double l) { return l / ANGSTROM_M; }
    /** Number density (1/Å³) → molar concentration (mol/m³). */
    public static double perA3ToMolPerM3(double n) { return n * 1e30 / AVOGADRO; }
    /** Mass density in g/cm³ from total mass (amu) and volume (Å³). */
    public static double densityGPerCm3(double massAmu, double volumeA3) {
        return massAmu / AVOGADRO / (volumeA3 * 1e-24);
    }
    /** Thermal energy k_B T in eV. */
    public static double kT(double temperatureK) { return KB_EV_PER_K * temperatureK; }

    /**
     * Thermal de Broglie wavelength Λ = h / sqrt(2π m k_B T) in Å, for a mass in amu and T in K
     * (as LAMMPS fix gcmc: lambda = sqrt(force->hplanck² / (2π m mvv2e k_B T))).
     */
    public static double deBroglieWavelength(double massAmu, double temperatureK) {
        double h = PLANCK_EV_PS; // eV ps
        return Math.sqrt(h * h / (2.0 * Math.PI * massAmu * MVV2E * KB_EV_PER_K * temperatureK));
    }

    // ---------------------------------------------------------------- electronic-structure units (CODATA 2018)

    /** Hartree energy in eV (CODATA 2018). */
    public static final double HARTREE_EV = 27.211386245988;
    /** Rydberg energy in eV: half a Hartree. */
    public static final double RYDBERG_EV = HARTREE_EV / 2.0;
    /** Bohr radius in Å (CODATA 2018). */
    public static final double BOHR_A = 0.529177210903;
    /** 1 kbar = 0.1 GPa exactly. */
    public static final double GPA_PER_KBAR = 0.1;

    /** Energy: Hartree → eV. */
    public static double hartreeToEv(double e) { return e * HARTREE_EV; }
    /** Energy: Rydberg → eV. */
    public static double rydbergToEv(double e) { return e * RYDBERG_EV; }
    /** Length: Bohr → Å. */
    public static double bohrToA(double l) { return l * BOHR_A; }
    /** Length: Å → Bohr. */
    public static double aToBohr(double l) { return l / BOHR_A; }
    /** Force: Hartree/Bohr → eV/Å. */
    public static double hartreePerBohrToEvPerA(double f) { return f * HARTREE_EV / BOHR_A; }
    /** Force: Ry/Bohr → eV/Å. */
    public static double rydbergPerBohrToEvPerA(double f) { return f * RYDBERG_EV / BOHR_A; }
    /** Stress: Hartree/Bohr³ → eV/Å³. */
    public static double hartreePerBohr3ToEvPerA3(double p) { return p * HARTREE_EV / (BOHR_A * BOHR_A * BOHR_A); }
    /** Stress: Ry/Bohr³ → eV/Å³. */
    public static double rydbergPerBohr3ToEvPerA3(double p) { return p * RYDBERG_EV / (BOHR_A * BOHR_A * BOHR_A); }
    /** Stress: kbar → GPa. */
    public static double kbarToGPa(double p) { return p * GPA_PER_KBAR; }
    /** Stress: kbar → eV/Å³. */
    public static double kbarToEvPerA3(double p) { return gpaToEvPerA3(kbarToGPa(p)); }
}
