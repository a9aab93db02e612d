package org.scalebridge.mc;

import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Structure;

/**
 * Test double: a truncated (not shifted) Lennard-Jones pair potential summed over ALL periodic images within the
 * cutoff (so it is right in cells thinner than 2·r_c), O(N²). Its local change sums the pairs of the changed atom
 * only (O(N)), including the atom's interaction with its own images. Independent of the production potentials.
 */
final class BrutePairLj implements Potential {
    final double eps, sigma, rc;
    private final double[] d = new double[3];

    BrutePairLj(double eps, double sigma, double rc) { this.eps = eps; this.sigma = sigma; this.rc = rc; }

    @Override public String name() { return "brute lj"; }
    @Override public double cutoff() { return rc; }
    @Override public boolean isLocal() { return true; }

    double pair(double r2) {
        if (r2 >= rc * rc) return 0;
        double s6 = Math.pow(sigma * sigma / r2, 3);
        return 4 * eps * (s6 * s6 - s6);
    }

    /** Energy of a point at (x,y,z) with atom j (all images; skipSelfZero skips the zero shift when j is the point). */
    double pointAtom(Structure s, double x, double y, double z, int j, boolean self) {
        double[] h = s.cell().matrix();
        double[] w = s.cell().perpendicularWidths();
        double[] p = s.positions();
        double[] d = this.d;
        d[0] = p[3 * j] - x; d[1] = p[3 * j + 1] - y; d[2] = p[3 * j + 2] - z;
        double r2 = s.cell().minimumImage(d);
        if (2 * rc <= Math.min(w[0], Math.min(w[1], w[2]))) {
            // only the minimum image can be within r_c, and no atom sees its own images
            return self ? 0 : pair(r2);
        }
        int na = (int) Math.ceil(rc / w[0]) + 1, nb = (int) Math.ceil(rc / w[1]) + 1, nc = (int) Math.ceil(rc / w[2]) + 1;
        double e = 0;
        for (int a = -na; a <= na; a++)
            for (int b = -nb; b <= nb; b++)
                for (int c = -nc; c <= nc; c++) {
                    if (self && a == 0 && b == 0 && c == 0) continue;
                    double dx = d[0] + a * h[0] + b * h[3] + c * h[6];
                    double dy = d[1] + a * h[1] + b * h[4] + c * h[7];
                    double dz = d[2] + a * h[2] + b * h[5] + c * h[8];
                    e += pair(dx * dx + dy * dy + dz * dz);
                }
        return e;
    }

    /** Interaction energy of a point with every atom except `exclude` (-1 none). */
    double pointEnergy(Structure s, double x, double y, double z, int exclude) {
        double e = 0;
        for (int j = 0; j < s.size(); j++) if (j != exclude) e += pointAtom(s, x, y, z, j, false);
        return e;
    }

    /** Self-image energy of one atom (half of the sum over its nonzero images). */
    double selfImage(Structure s, double x, double y, double z) {
        // put a virtual atom at (x,y,z): interaction with its images, each pair counted once → ½ Σ_{n≠0}
        Structure t = new Structure(s.cell(), 1);
        t.addAtom(1, x, y, z);
        return 0.5 * pointAtom(t, x, y, z, 0, true);
    }

    @Override
    public void compute(Structure s, ForceResult out) {
        out.reset(s.size());
        double e = 0;
        double[] p = s.positions();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) e += pointAtom(s, p[3 * i], p[3 * i + 1], p[3 * i + 2], j, false);
            e += selfImage(s, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        }
        out.setEnergy(e);
    }

    @Override
    public LocalChange localChange() {
        return new LocalChange() {
            @Override
            public double deltaMove(Structure s, int i, double x, double y, double z) {
                double[] p = s.positions();
                return pointEnergy(s, x, y, z, i) - pointEnergy(s, p[3 * i], p[3 * i + 1], p[3 * i + 2], i);
                // self-image energy is translation invariant
            }

            @Override
            public double deltaInsert(Structure s, int zAtom, double q, double x, double y, double z) {
                return pointEnergy(s, x, y, z, -1) + selfImage(s, x, y, z);
            }

            @Override
            public double deltaDelete(Structure s, int i) {
                double[] p = s.positions();
                return -pointEnergy(s, p[3 * i], p[3 * i + 1], p[3 * i + 2], i) - selfImage(s, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            }
        };
    }
}
