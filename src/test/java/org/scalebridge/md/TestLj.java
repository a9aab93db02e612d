package org.scalebridge.md;

import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * Test-local truncated (optionally shifted) Lennard-Jones pair potential for the MD tests, single species:
 * E = 4ε[(σ/r)¹² − (σ/r)⁶] − E(rc) for r² &lt; rc². Half neighbour list with a Verlet skin.
 * (Production LJ lives in org.scalebridge.potential on the pot branch.)
 */
public final class TestLj implements Potential {
    private final double eps, sigma, rc, skin;
    private final boolean shift;
    private boolean forceShift;
    private NeighborList list;

    /** Linear-force-shifted LJ (NIST "LFS"): E(r) − E(rc) − (r − rc)·E'(rc), force continuous at rc. */
    public static TestLj linearForceShifted(double eps, double sigma, double rc, double skin) {
        TestLj p = new TestLj(eps, sigma, rc, skin, true);
        p.forceShift = true;
        return p;
    }

    public TestLj(double eps, double sigma, double rc, double skin, boolean shift) {
        this.eps = eps; this.sigma = sigma; this.rc = rc; this.skin = skin; this.shift = shift;
        resetCaches();
    }

    @Override public String name() { return "test lj " + rc; }
    @Override public double cutoff() { return rc; }
    @Override public boolean isLocal() { return true; }
    @Override public void resetCaches() { list = new NeighborList(rc, skin, true); }

    public NeighborList list() { return list; }

    @Override
    public void compute(Structure s, ForceResult out) {
        list.update(s);
        int n = s.size();
        out.reset(n);
        double[] r = s.positions(), f = out.forces(), sv = list.shiftVectors();
        int[] off = list.offsets(), nb = list.neighbors(), si = list.shiftIndex();
        double rc2 = rc * rc, s2 = sigma * sigma;
        double sr6c = Math.pow(s2 / rc2, 3);
        double ecut = shift ? 4 * eps * (sr6c * sr6c - sr6c) : 0;
        double e = 0, wxx = 0, wyy = 0, wzz = 0, wxy = 0, wxz = 0, wyz = 0;
        double e4 = 4 * eps, e24 = 24 * eps;
        // LFS: dE/dr at rc, F_shift = −E'(rc) = 24ε(2 sr¹² − sr⁶)/rc
        double fcut = forceShift ? e24 * (2 * sr6c * sr6c - sr6c) / rc : 0;
        for (int i = 0; i < n; i++) {
            double xi = r[3 * i], yi = r[3 * i + 1], zi = r[3 * i + 2];
            double fxi = 0, fyi = 0, fzi = 0;
            for (int k = off[i], ke = off[i + 1]; k < ke; k++) {
                int j = nb[k], sh = 3 * si[k];
                double dx = r[3 * j] + sv[sh] - xi, dy = r[3 * j + 1] + sv[sh + 1] - yi, dz = r[3 * j + 2] + sv[sh + 2] - zi;
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 >= rc2) continue;
                double ir2 = 1.0 / d2;
                double sr2 = s2 * ir2;
                double sr6 = sr2 * sr2 * sr2;
                double fr = e24 * (2 * sr6 * sr6 - sr6) * ir2; // F_j = fr·d (repulsive pushes j away from i)
                if (forceShift) {
                    double rr = Math.sqrt(d2);
                    e += e4 * (sr6 * sr6 - sr6) - ecut + (rr - rc) * fcut;
                    fr -= fcut / rr;
                } else {
                    e += e4 * (sr6 * sr6 - sr6) - ecut;
                }
                double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                fxi -= fx; fyi -= fy; fzi -= fz;
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                wxx += dx * fx; wyy += dy * fy; wzz += dz * fz;
                wxy += dx * fy; wxz += dx * fz; wyz += dy * fz;
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
        out.setEnergy(e);
        double[] w = out.virial();
        w[0] = wxx; w[4] = wyy; w[8] = wzz;
        w[1] = w[3] = wxy; w[2] = w[6] = wxz; w[5] = w[7] = wyz;
    }
}
