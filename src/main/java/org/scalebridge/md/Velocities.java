package org.scalebridge.md;

import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Structure;

/** Velocity initialisation and centre-of-mass drift removal. */
public final class Velocities {
    private Velocities() {}

    /**
     * Maxwell–Boltzmann velocities at temperature T from a seeded stream: each component ~ N(0, k_BT/m), then the
     * centre-of-mass momentum of the mobile atoms is removed and the velocities are rescaled so that the kinetic
     * temperature (with the system's degrees of freedom) is exactly T. Frozen atoms get zero velocity.
     */
    public static void maxwellBoltzmann(MdSystem sys, double temperatureK, Rng rng) {
        if (!(temperatureK >= 0)) throw new IllegalArgumentException("temperature must be ≥ 0 K");
        Structure s = sys.structure();
        double[] v = s.ensureVelocities(), m = s.masses();
        double kT = Units.kT(temperatureK);
        for (int i = 0, n = s.size(); i < n; i++) {
            double sig = Math.sqrt(kT / (m[i] * Units.MVV2E));
            for (int d = 0; d < 3; d++) v[3 * i + d] = sys.isFrozen(i) ? 0 : sig * rng.nextGaussian();
        }
        if (sys.frozen() == null) removeDrift(sys);
        double t = sys.temperature();
        if (t > 0) {
            double f = Math.sqrt(temperatureK / t);
            for (int k = 0, n3 = 3 * s.size(); k < n3; k++) v[k] *= f;
        }
    }

    /** Removes the centre-of-mass velocity of the mobile atoms (frozen atoms are left at rest). */
    public static void removeDrift(MdSystem sys) {
        Structure s = sys.structure();
        double[] v = s.velocities(), m = s.masses();
        double px = 0, py = 0, pz = 0, mt = 0;
        int n = s.size();
        for (int i = 0; i < n; i++) {
            if (sys.isFrozen(i)) continue;
            px += m[i] * v[3 * i]; py += m[i] * v[3 * i + 1]; pz += m[i] * v[3 * i + 2];
            mt += m[i];
        }
        if (mt == 0) return;
        px /= mt; py /= mt; pz /= mt;
        for (int i = 0; i < n; i++) {
            if (sys.isFrozen(i)) continue;
            v[3 * i] -= px; v[3 * i + 1] -= py; v[3 * i + 2] -= pz;
        }
    }

    /** Total momentum (amu·Å/ps) into out[3]. */
    public static void momentum(Structure s, double[] out) {
        double[] v = s.velocities(), m = s.masses();
        out[0] = out[1] = out[2] = 0;
        for (int i = 0; i < s.size(); i++) {
            out[0] += m[i] * v[3 * i]; out[1] += m[i] * v[3 * i + 1]; out[2] += m[i] * v[3 * i + 2];
        }
    }
}
