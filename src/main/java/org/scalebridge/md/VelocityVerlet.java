package org.scalebridge.md;

import org.scalebridge.core.Units;
import org.scalebridge.structure.Structure;

/**
 * Velocity Verlet (Swope, Andersen, Berens, Wilson, J. Chem. Phys. 76, 637 (1982)), NVE: symplectic and
 * time-reversible; the total energy fluctuates as O(dt²) without systematic drift.
 */
public final class VelocityVerlet implements Integrator {
    @Override
    public String name() { return "nve"; }

    /** NVE conserves the total momentum: 3N − 3 degrees of freedom again after a Langevin stage on the same system. */
    @Override
    public void setup(MdSystem sys) { sys.setMomentumConserved(true); }

    @Override
    public void step(MdSystem sys) {
        halfKick(sys, 0.5 * sys.dt());
        drift(sys, sys.dt());
        sys.computeForces();
        halfKick(sys, 0.5 * sys.dt());
    }

    /** v += h·FTM2V·F/m for mobile atoms (frozen atoms have zero force and zero velocity). */
    static void halfKick(MdSystem sys, double h) {
        Structure s = sys.structure();
        double[] v = s.velocities(), f = sys.forces(), m = s.masses();
        double c = h * Units.FTM2V;
        for (int i = 0, n = s.size(); i < n; i++) {
            double a = c / m[i];
            v[3 * i] += a * f[3 * i];
            v[3 * i + 1] += a * f[3 * i + 1];
            v[3 * i + 2] += a * f[3 * i + 2];
        }
    }

    /** r += h·v. */
    static void drift(MdSystem sys, double h) {
        Structure s = sys.structure();
        double[] r = s.positions(), v = s.velocities();
        for (int k = 0, n3 = 3 * s.size(); k < n3; k++) r[k] += h * v[k];
    }
}
