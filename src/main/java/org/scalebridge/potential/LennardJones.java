package org.scalebridge.potential;

/**
 * Lennard-Jones 12-6: φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶] for r &lt; r_c (LAMMPS {@code lj/cut}); optionally shifted so that
 * φ(r_c) = 0 ({@code pair_modify shift yes}, energy only) and/or with the homogeneous-fluid tail correction
 * ({@code pair_modify tail yes}: E_tail = (2π/V) Σ N_a N_b ∫_rc^∞ r²φ dr, and the matching pressure term).
 * Unlike pairs not given explicitly follow the Lorentz–Berthelot or geometric rule if one is chosen.
 */
public final class LennardJones extends PairPotential {
    private final double[] lj1, lj2, lj3, lj4, offset, tailE, tailW;
    private final boolean shift, tail;
    private final double globalCut;

    /** Mixing rules for unlike pairs (parameters ε, σ). */
    public static final PairTable.Mixing GEOMETRIC = (a, b) -> new double[] {Math.sqrt(a[0] * b[0]), Math.sqrt(a[1] * b[1])};
    public static final PairTable.Mixing LORENTZ_BERTHELOT = (a, b) -> new double[] {Math.sqrt(a[0] * b[0]), 0.5 * (a[1] + b[1])};

    /** A parameter table for ε (eV), σ (Å) with the given default cutoff. */
    public static PairTable table(double cutoff) { return new PairTable(cutoff, "epsilon", "sigma"); }

    public LennardJones(PairTable table, boolean shift, boolean tail) {
        this(table, table.types(), shift, tail);
    }

    private LennardJones(PairTable table, TypeMap types, boolean shift, boolean tail) {
        super(types, table.cutoffs(types));
        this.shift = shift;
        this.tail = tail;
        this.globalCut = table.defaultCutoff();
        double[][] p = table.params(types);
        int m = nt * nt;
        lj1 = new double[m]; lj2 = new double[m]; lj3 = new double[m]; lj4 = new double[m];
        offset = new double[m]; tailE = new double[m]; tailW = new double[m];
        for (int k = 0; k < m; k++) {
            double eps = p[0][k], sig = p[1][k];
            double s6 = Math.pow(sig, 6), s12 = s6 * s6;
            lj1[k] = 48 * eps * s12;  // F/r = (lj1/r¹² − lj2/r⁶)/r²
            lj2[k] = 24 * eps * s6;
            lj3[k] = 4 * eps * s12;   // φ = lj3/r¹² − lj4/r⁶
            lj4[k] = 4 * eps * s6;
            double rc = Math.sqrt(rc2[k]);
            if (rc > 0) {
                double rc3 = rc * rc * rc, rc9 = rc3 * rc3 * rc3;
                if (shift) offset[k] = lj3[k] / (rc9 * rc3) - lj4[k] / (rc3 * rc3);
                // ∫_rc^∞ r² φ dr = 4ε[σ¹²/(9rc⁹) − σ⁶/(3rc³)];  ∫_rc^∞ r³ φ' dr = 4ε[−(4/3)σ¹²/rc⁹ + 2σ⁶/rc³]
                tailE[k] = 2 * Math.PI * 4 * eps * (s12 / (9 * rc9) - s6 / (3 * rc3));
                tailW[k] = -(2 * Math.PI / 3) * 4 * eps * (-(4.0 / 3.0) * s12 / rc9 + 2 * s6 / rc3);
            }
        }
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double ir2 = 1.0 / r2;
        double ir6 = ir2 * ir2 * ir2;
        f[0] = ir6 * (lj1[pt] * ir6 - lj2[pt]) * ir2;
        return ir6 * (lj3[pt] * ir6 - lj4[pt]) - offset[pt];
    }

    @Override protected double tailEnergyCoefficient(int pt) { return tail ? tailE[pt] : 0; }
    @Override protected double tailVirialCoefficient(int pt) { return tail ? tailW[pt] : 0; }
    @Override public boolean hasTail() { return tail; }

    public boolean shifted() { return shift; }

    @Override
    public String name() {
        return "lj/cut " + globalCut + (shift ? " shift" : "") + (tail ? " tail" : "");
    }
}
