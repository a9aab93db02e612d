package org.scalebridge.mc;

import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Test double with an exactly solvable grand-canonical distribution AND a partner that must reorganise when a
 * particle is inserted: one mobile "framework" atom F (atomic number {@code zF}, never exchanged) and n exchangeable
 * particles that each sit in an attractive well around F, u(r) = −ε(1 − r²/r_c²)² for r < r_c (C¹, zero beyond),
 * plus a pair constant c for every pair of exchangeable particles: U = Σ_i u(|r_i − r_F|) + c·n(n−1)/2.
 * The particles do not see each other's positions, so for r_c < L/2 the configuration integral over the particles
 * is I_u^n with I_u = ∫_cell e^{−βu(|r − r_F|)} d³r = V + 4π∫₀^{r_c} r² (e^{−βu(r)} − 1) dr, independent of where F
 * is (translation invariance). Hence P(n) ∝ (z I_u)^n/n! · exp(−β c n(n−1)/2) exactly, and each particle's distance
 * to F has the density ∝ 4πr² e^{−βu(r)} inside r_c. F feels the reaction forces of all wells: an inserted particle
 * pulls F (and F pulls it), which is what a nonequilibrium switching move has to let relax.
 */
final class WellPotential implements Potential {
    final int zF;
    final double eps, rc, c;

    WellPotential(int zF, double eps, double rc, double c) { this.zF = zF; this.eps = eps; this.rc = rc; this.c = c; }

    @Override public String name() { return "well"; }
    @Override public double cutoff() { return rc; }
    @Override public boolean isLocal() { return false; }

    double u(double r2) {
        if (r2 >= rc * rc) return 0;
        double t = 1 - r2 / (rc * rc);
        return -eps * t * t;
    }

    /** I_u = V + 4π∫₀^{r_c} r² (e^{−βu} − 1) dr (Simpson, 4000 panels: the integrand is smooth, error ≪ 1e-10). */
    double configurationIntegral(double volume, double beta) {
        int m = 4000;
        double h = rc / m, s = 0;
        for (int i = 0; i <= m; i++) {
            double r = i * h;
            double w = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
            s += w * r * r * (Math.exp(-beta * u(r * r)) - 1);
        }
        return volume + 4 * Math.PI * s * h / 3;
    }

    @Override
    public void compute(Structure s, ForceResult out) {
        out.reset(s.size());
        int f = -1, n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.atomicNumber(i) == zF) f = i;
            else n++;
        }
        double e = c * n * (n - 1) / 2.0;
        if (f >= 0) {
            double[] d = new double[3];
            double[] fo = out.wantsForces() ? out.forces() : null;
            for (int i = 0; i < s.size(); i++) {
                if (i == f) continue;
                d[0] = s.x(i) - s.x(f); d[1] = s.y(i) - s.y(f); d[2] = s.z(i) - s.z(f);
                double r2 = s.cell().minimumImage(d);
                if (r2 >= rc * rc) continue;
                double t = 1 - r2 / (rc * rc);
                e += -eps * t * t;
                if (fo != null) {
                    // F_i = −du/dr r̂ = −(4ε/r_c²)(1 − r²/r_c²)(r_i − r_F); F gets the opposite
                    double k = -4 * eps / (rc * rc) * t;
                    for (int a = 0; a < 3; a++) {
                        fo[3 * i + a] += k * d[a];
                        fo[3 * f + a] -= k * d[a];
                    }
                }
            }
        }
        out.setEnergy(e);
    }
}
