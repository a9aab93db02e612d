package org.scalebridge.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A Nosé–Hoover chain of M thermostats acting on a set of momenta with kinetic energy K (Martyna, Klein, Tuckerman,
 * J. Chem. Phys. 97, 2635 (1992); integration after Martyna, Tuckerman, Tobias, Klein, Mol. Phys. 87, 1117 (1996),
 * Trotter factorisation with one inner step). Masses as LAMMPS fix nvt: Q₁ = N_f k_B T τ², Q_j = k_B T τ² (j ≥ 2).
 *
 * <p>Variables: positions ξ_j (dimensionless) and velocities v_j (1/ps). Energy of the chain:
 * Σ ½ Q_j v_j² + N_f k_B T ξ₁ + Σ_{j≥2} k_B T ξ_j (eV).
 */
public final class NoseHooverChain {
    private final int m;
    private final double[] xi, v, q, g;
    private double kT;
    private double dof;
    private final double tau;

    /**
     * @param length chain length M ≥ 1
     * @param tauPs  damping time (ps), the period of the thermostat oscillation
     */
    public NoseHooverChain(int length, double tauPs) {
        if (length < 1) throw new IllegalArgumentException("chain length must be ≥ 1");
        if (!(tauPs > 0)) throw new IllegalArgumentException("thermostat damping time must be > 0 ps");
        m = length;
        xi = new double[m]; v = new double[m]; q = new double[m]; g = new double[m];
        tau = tauPs;
    }

    /** Sets the target k_B T (eV) and the number of degrees of freedom coupled to the chain; updates the masses. */
    public void setTarget(double kTeV, double degreesOfFreedom) {
        kT = kTeV;
        dof = degreesOfFreedom;
        q[0] = dof * kT * tau * tau;
        for (int j = 1; j < m; j++) q[j] = kT * tau * tau;
    }

    /**
     * Propagates the chain over a time h (normally dt/2) given twice the kinetic energy of the coupled momenta
     * (Σ m v², eV) and returns the factor by which those momenta must be scaled.
     */
    public double propagate(double h, double twoKinetic) {
        double k2 = twoKinetic;
        double h2 = 0.5 * h, h4 = 0.25 * h;
        g[0] = (k2 - dof * kT) / q[0];
        for (int j = 1; j < m; j++) g[j] = (q[j - 1] * v[j - 1] * v[j - 1] - kT) / q[j];
        v[m - 1] += h2 * g[m - 1];
        for (int j = m - 2; j >= 0; j--) {
            double aa = Math.exp(-h4 * v[j + 1]);
            v[j] = v[j] * aa * aa + h2 * g[j] * aa;
        }
        double scale = Math.exp(-h * v[0]);
        k2 *= scale * scale;
        for (int j = 0; j < m; j++) xi[j] += h * v[j];
        g[0] = (k2 - dof * kT) / q[0];
        for (int j = 0; j < m - 1; j++) {
            double aa = Math.exp(-h4 * v[j + 1]);
            v[j] = v[j] * aa * aa + h2 * g[j] * aa;
            g[j + 1] = (q[j] * v[j] * v[j] - kT) / q[j + 1];
        }
        v[m - 1] += h2 * g[m - 1];
        return scale;
    }

    /** Energy of the chain variables (eV). */
    public double energy() {
        double e = dof * kT * xi[0];
        for (int j = 0; j < m; j++) e += 0.5 * q[j] * v[j] * v[j];
        for (int j = 1; j < m; j++) e += kT * xi[j];
        return e;
    }

    public int length() { return m; }

    void write(DataOutput out) throws IOException {
        out.writeInt(m);
        for (int j = 0; j < m; j++) { out.writeDouble(xi[j]); out.writeDouble(v[j]); }
    }

    void read(DataInput in) throws IOException {
        int len = in.readInt();
        if (len != m) throw new IOException("checkpoint chain length " + len + " differs from the configured " + m);
        for (int j = 0; j < m; j++) { xi[j] = in.readDouble(); v[j] = in.readDouble(); }
    }
}
