package org.scalebridge.mc;

import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Test double with an exactly solvable grand-canonical distribution: an external field A·cos(2π f_a) along the
 * first lattice vector plus a uniform pair constant c for every pair, U = Σ_i A cos(2π f_a,i) + c·N(N−1)/2.
 * Then P(N) ∝ (z V I₀(βA))^N / N! · exp(−βcN(N−1)/2) and the one-particle density ∝ exp(−βA cos 2πf_a).
 * Forces are those of the field (the pair constant exerts none), so NCMC moves can drive it.
 */
final class FieldPotential implements Potential {
    final double a, c;

    FieldPotential(double a, double c) { this.a = a; this.c = c; }

    @Override public String name() { return "field"; }
    @Override public double cutoff() { return 0; }
    @Override public boolean isLocal() { return false; }

    double field(Structure s, double x, double y, double z) {
        return a * Math.cos(2 * Math.PI * s.cell().fracX(x, y, z));
    }

    @Override
    public void compute(Structure s, ForceResult out) {
        out.reset(s.size());
        double e = 0;
        double[] p = s.positions();
        for (int i = 0; i < s.size(); i++) e += field(s, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        if (out.wantsForces()) {
            // F = −∇[A cos(2π f_a)] = 2πA sin(2π f_a) ∇f_a, ∇f_a = the first row of H⁻¹ (f_a is linear in r)
            var c = s.cell();
            double gx = c.fracX(1, 0, 0) - c.fracX(0, 0, 0), gy = c.fracX(0, 1, 0) - c.fracX(0, 0, 0),
                    gz = c.fracX(0, 0, 1) - c.fracX(0, 0, 0);
            double[] f = out.forces();
            for (int i = 0; i < s.size(); i++) {
                double amp = 2 * Math.PI * a * Math.sin(2 * Math.PI * c.fracX(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
                f[3 * i] = amp * gx;
                f[3 * i + 1] = amp * gy;
                f[3 * i + 2] = amp * gz;
            }
        }
        int n = s.size();
        out.setEnergy(e + c * n * (n - 1) / 2.0);
    }

    @Override
    public LocalChange localChange() {
        return new LocalChange() {
            @Override public double deltaMove(Structure s, int i, double x, double y, double z) {
                double[] p = s.positions();
                return field(s, x, y, z) - field(s, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            }
            @Override public double deltaInsert(Structure s, int at, double q, double x, double y, double z) {
                return field(s, x, y, z) + c * s.size();
            }
            @Override public double deltaDelete(Structure s, int i) {
                double[] p = s.positions();
                return -field(s, p[3 * i], p[3 * i + 1], p[3 * i + 2]) - c * (s.size() - 1);
            }
        };
    }
}
