package org.scalebridge.potential;

/**
 * Linear-force-shifted Lennard-Jones, the "LFS" truncation of the NIST Standard Reference Simulation Website (and
 * Toxvaerd &amp; Dyre 2011): u_LFS(r) = u(r) − u(r_c) − (r − r_c)·u'(r_c) for r &lt; r_c, 0 beyond, with
 * u(r) = 4ε[(σ/r)¹² − (σ/r)⁶]. Energy and force both go to zero at r_c; no tail correction applies. Parameters ε
 * (eV), σ (Å) per type pair as {@link LennardJones#table}. Local, so the Monte Carlo local-change API works on it.
 */
public final class LennardJonesForceShifted extends PairPotential {
    private final double[] lj1, lj2, lj3, lj4, eCut, fCut, rcut;

    public LennardJonesForceShifted(PairTable table) {
        this(table, table.types());
    }

    private LennardJonesForceShifted(PairTable table, TypeMap types) {
        super(types, table.cutoffs(types));
        double[][] p = table.params(types);
        int m = nt * nt;
        lj1 = new double[m]; lj2 = new double[m]; lj3 = new double[m]; lj4 = new double[m];
        eCut = new double[m]; fCut = new double[m]; rcut = new double[m];
        for (int k = 0; k < m; k++) {
            double eps = p[0][k], sig = p[1][k];
            double s6 = Math.pow(sig, 6), s12 = s6 * s6;
            lj1[k] = 48 * eps * s12;
            lj2[k] = 24 * eps * s6;
            lj3[k] = 4 * eps * s12;
            lj4[k] = 4 * eps * s6;
            double rc = Math.sqrt(rc2[k]);
            rcut[k] = rc;
            if (rc > 0) {
                double ir6 = 1 / Math.pow(rc, 6);
                eCut[k] = ir6 * (lj3[k] * ir6 - lj4[k]);          // u(r_c)
                fCut[k] = ir6 * (lj1[k] * ir6 - lj2[k]) / rc;     // −u'(r_c)
            }
        }
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double ir2 = 1.0 / r2;
        double ir6 = ir2 * ir2 * ir2;
        double r = Math.sqrt(r2);
        // F/r of u_LFS: (−u'(r) + u'(r_c))/r
        f[0] = ir6 * (lj1[pt] * ir6 - lj2[pt]) * ir2 - fCut[pt] / r;
        // u(r) − u(r_c) − (r − r_c)·u'(r_c)
        return ir6 * (lj3[pt] * ir6 - lj4[pt]) - eCut[pt] + (r - rcut[pt]) * fCut[pt];
    }

    @Override
    public String name() { return "lj/lfs " + cutoff(); }
}
