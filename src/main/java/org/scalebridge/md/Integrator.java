package org.scalebridge.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A time-stepping scheme. {@link #step} advances the system by one time step dt and leaves valid forces for the
 * new positions. Integrators with extended variables (thermostat chains, barostat momenta, random streams) expose
 * their energy for the conserved quantity and save/restore their full state for bit-identical checkpoints.
 */
public interface Integrator {
    /** Short name, e.g. "nve", "nvt/nose-hoover". Stored in checkpoints and checked on resume. */
    String name();

    /** Called once before the first step (forces are valid). */
    default void setup(MdSystem sys) {}

    /** One time step. */
    void step(MdSystem sys);

    /** The thermostat's target temperature (K), or NaN for a scheme without a thermostat (NVE). */
    default double targetTemperature() { return Double.NaN; }

    /** True when {@link #step} reads the pressure (virial) after every force evaluation (barostats). */
    default boolean needsVirialEveryStep() { return false; }

    /**
     * Energy of the extended variables (thermostat/barostat kinetic and potential terms, P·V, work of a stochastic
     * thermostat), so that PE + KE + this is the conserved quantity of the scheme (eV).
     */
    default double extendedEnergy(MdSystem sys) { return 0; }

    /** Writes the integrator's internal state (everything needed to continue bit-identically). */
    default void writeState(DataOutput out) throws IOException {}

    /** Restores a state written by {@link #writeState}. */
    default void readState(DataInput in) throws IOException {}
}
