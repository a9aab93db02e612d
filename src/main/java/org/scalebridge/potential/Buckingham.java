package org.scalebridge.potential;

/** Buckingham: φ(r) = A·exp(−r/ρ) − C/r⁶ for r &lt; r_c (LAMMPS {@code buck}); optional energy shift at r_c. */
public final class Buckingham extends PairPotential {
    private final double[] a, rho, c, offset;
    private final boolean shift;
    private final double globalCut;

    /** Parameter table for A (eV), ρ (Å), C (eV·Å⁶). */
    public static PairTable table(double cutoff) { return new PairTable(cutoff, "A", "rho", "C"); }

    public Buckingham(PairTable table, boolean shift) { this(table, table.types(), shift); }

    private Buckingham(PairTable table, TypeMap types, boolean shift) {
        super(types, table.cutoffs(types));
        double[][] p = table.params(types);
        a = p[0]; rho = p[1]; c = p[2];
        this.shift = shift;
        this.globalCut = table.defaultCutoff();
        offset = new double[nt * nt];
        for (int k = 0; k < nt * nt; k++) {
            if (rc2[k] > 0 && !(rho[k] > 0) && a[k] != 0) throw new IllegalArgumentException("Buckingham rho must be > 0");
            if (shift && rc2[k] > 0) {
                double r = Math.sqrt(rc2[k]);
                offset[k] = (a[k] != 0 ? a[k] * Math.exp(-r / rho[k]) : 0) - c[k] / (rc2[k] * rc2[k] * rc2[k]);
            }
        }
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double r = Math.sqrt(r2);
        double ir2 = 1 / r2, ir6 = ir2 * ir2 * ir2;
        double rexp = a[pt] != 0 ? a[pt] * Math.exp(-r / rho[pt]) : 0;
        // F/r = [A/ρ e^{−r/ρ} r − 6C/r⁶] / r²
        f[0] = (rexp / rho[pt] * r - 6 * c[pt] * ir6) * ir2;
        return rexp - c[pt] * ir6 - offset[pt];
    }

    @Override
    public String name() { return "buck " + globalCut + (shift ? " shift" : ""); }
}
