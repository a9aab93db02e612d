package org.scalebridge.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.scalebridge.core.Units;

/**
 * NVT with a Nosé–Hoover chain (as LAMMPS fix nvt: chain of 3, one Trotter loop): half chain step, velocity-Verlet
 * step, half chain step. Conserved quantity: KE + PE + chain energy.
 */
public final class NoseHooverNvt implements Integrator {
    private final NoseHooverChain chain;
    private final double temperature;

    /**
     * @param temperatureK target temperature (K)
     * @param tauPs        damping time (ps), e.g. 100·dt
     * @param chainLength  number of thermostats in the chain (3 as LAMMPS)
     */
    public NoseHooverNvt(double temperatureK, double tauPs, int chainLength) {
        if (!(temperatureK > 0)) throw new IllegalArgumentException("temperature must be > 0 K");
        this.temperature = temperatureK;
        this.chain = new NoseHooverChain(chainLength, tauPs);
    }

    @Override
    public double targetTemperature() { return temperature; }

    @Override
    public String name() { return "nvt/nose-hoover"; }

    @Override
    public void setup(MdSystem sys) {
        sys.setMomentumConserved(true); // the NH equations conserve momentum (after a Langevin stage: 3N − 3 again)
        chain.setTarget(Units.kT(temperature), sys.degreesOfFreedom());
    }

    @Override
    public void step(MdSystem sys) {
        thermostatHalf(sys);
        VelocityVerlet.halfKick(sys, 0.5 * sys.dt());
        VelocityVerlet.drift(sys, sys.dt());
        sys.computeForces();
        VelocityVerlet.halfKick(sys, 0.5 * sys.dt());
        thermostatHalf(sys);
    }

    private void thermostatHalf(MdSystem sys) {
        double scale = chain.propagate(0.5 * sys.dt(), 2 * sys.kineticEnergy());
        double[] v = sys.structure().velocities();
        for (int k = 0, n3 = 3 * sys.structure().size(); k < n3; k++) v[k] *= scale;
    }

    @Override
    public double extendedEnergy(MdSystem sys) { return chain.energy(); }

    @Override
    public void writeState(DataOutput out) throws IOException { chain.write(out); }

    @Override
    public void readState(DataInput in) throws IOException { chain.read(in); }
}
