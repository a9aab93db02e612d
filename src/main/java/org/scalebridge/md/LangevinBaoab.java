package org.scalebridge.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Structure;

/**
 * Langevin dynamics with the BAOAB splitting (Leimkuhler and Matthews, Appl. Math. Res. Express 2013, 34; J. Chem.
 * Phys. 138, 174102 (2013)): B half kick, A half drift, O exact Ornstein–Uhlenbeck step
 * v ← c₁v + √(1−c₁²)·√(k_BT/m)·ξ with c₁ = exp(−γ dt), A half drift, forces, B half kick. Configurational
 * averages are exact to O(dt²) with a small constant. The heat exchanged in the O steps is accumulated so that
 * KE + PE − heat is conserved up to the integration error (reported as the conserved quantity).
 */
public final class LangevinBaoab implements Integrator {
    private final double temperature;
    private final double gamma;
    private Rng rng;
    private double heat; // eV added to the system by the O steps

    /**
     * @param temperatureK target temperature (K)
     * @param dampingPs    damping time 1/γ (ps)
     * @param rng          the seeded random stream of this thermostat (its state is checkpointed)
     */
    public LangevinBaoab(double temperatureK, double dampingPs, Rng rng) {
        if (!(temperatureK > 0)) throw new IllegalArgumentException("temperature must be > 0 K");
        if (!(dampingPs > 0)) throw new IllegalArgumentException("damping time must be > 0 ps");
        this.temperature = temperatureK;
        this.gamma = 1.0 / dampingPs;
        this.rng = rng;
    }

    @Override
    public double targetTemperature() { return temperature; }

    @Override
    public String name() { return "nvt/langevin-baoab"; }

    @Override
    public void setup(MdSystem sys) { sys.setMomentumConserved(false); }

    @Override
    public void step(MdSystem sys) {
        double dt = sys.dt();
        VelocityVerlet.halfKick(sys, 0.5 * dt);
        VelocityVerlet.drift(sys, 0.5 * dt);
        ouStep(sys, dt);
        VelocityVerlet.drift(sys, 0.5 * dt);
        sys.computeForces();
        VelocityVerlet.halfKick(sys, 0.5 * dt);
    }

    private void ouStep(MdSystem sys, double dt) {
        Structure s = sys.structure();
        double[] v = s.velocities(), m = s.masses();
        double c1 = Math.exp(-gamma * dt), c2 = Math.sqrt(1 - c1 * c1);
        double kT = Units.kT(temperature);
        double dk = 0;
        for (int i = 0, n = s.size(); i < n; i++) {
            if (sys.isFrozen(i)) continue;
            double sig = c2 * Math.sqrt(kT / (m[i] * Units.MVV2E)); // Å/ps
            double before = 0, after = 0;
            for (int d = 0; d < 3; d++) {
                double vo = v[3 * i + d];
                double vn = c1 * vo + sig * rng.nextGaussian();
                before += vo * vo; after += vn * vn;
                v[3 * i + d] = vn;
            }
            dk += 0.5 * Units.MVV2E * m[i] * (after - before);
        }
        heat += dk;
    }

    @Override
    public double extendedEnergy(MdSystem sys) { return -heat; }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(heat);
        for (long x : rng.state()) out.writeLong(x);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        heat = in.readDouble();
        long[] st = new long[7];
        for (int k = 0; k < 7; k++) st[k] = in.readLong();
        rng = Rng.fromState(st);
    }
}
