package org.scalebridge.potential;

/**
 * Born–Mayer–Huggins (LAMMPS {@code born}): φ(r) = A·exp((σ − r)/ρ) − C/r⁶ + D/r⁸ for r &lt; r_c; optional energy
 * shift at r_c.
 */
public final class BornMayerHuggins extends PairPotential {
    private final double[] a, rho, sigma, c, d, offset;
    private final boolean shift;
    private final double globalCut;

    /** Parameter table for A (eV), ρ (Å), σ (Å), C (eV·Å⁶), D (eV·Å⁸). */
    public static PairTable table(double cutoff) { return new PairTable(cutoff, "A", "rho", "sigma", "C", "D"); }

    public BornMayerHuggins(PairTable table, boolean shift) { this(table, table.types(), shift); }

    private BornMayerHuggins(PairTable table, TypeMap types, boolean shift) {
        super(types, table.cutoffs(types));
        double[][] p = table.params(types);
        a = p[0]; rho = p[1]; sigma = p[2]; c = p[3]; d = p[4];
        this.shift = shift;
        this.globalCut = table.defaultCutoff();
        offset = new double[nt * nt];
        double[] scratch = new double[4];
        for (int k = 0; k < nt * nt; k++) {
            if (rc2[k] > 0 && a[k] != 0 && !(rho[k] > 0)) throw new IllegalArgumentException("Born rho must be > 0");
            if (shift && rc2[k] > 0) offset[k] = pair(k, rc2[k], 0, scratch);
        }
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double r = Math.sqrt(r2);
        double ir2 = 1 / r2, ir6 = ir2 * ir2 * ir2, ir8 = ir6 * ir2;
        double rexp = a[pt] != 0 ? a[pt] * Math.exp((sigma[pt] - r) / rho[pt]) : 0;
        // F = A/ρ e^{(σ−r)/ρ} − 6C/r⁷ + 8D/r⁹
        f[0] = (rexp / rho[pt] * r - 6 * c[pt] * ir6 + 8 * d[pt] * ir8) * ir2;
        return rexp - c[pt] * ir6 + d[pt] * ir8 - (offset == null ? 0 : offset[pt]);
    }

    @Override
    public String name() { return "born " + globalCut + (shift ? " shift" : ""); }
}
