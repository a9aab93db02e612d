package org.scalebridge.potential;

/**
 * Morse pair potential (LAMMPS {@code pair morse}): φ(r) = D₀[e^{−2α(r−r₀)} − 2e^{−α(r−r₀)}] for r &lt; r_c;
 * optional energy shift at r_c.
 */
public final class MorsePair extends PairPotential {
    private final double[] d0, alpha, r0, offset;
    private final boolean shift;
    private final double globalCut;

    /** Parameter table for D₀ (eV), α (1/Å), r₀ (Å). */
    public static PairTable table(double cutoff) { return new PairTable(cutoff, "D0", "alpha", "r0"); }

    public MorsePair(PairTable table, boolean shift) { this(table, table.types(), shift); }

    private MorsePair(PairTable table, TypeMap types, boolean shift) {
        super(types, table.cutoffs(types));
        double[][] p = table.params(types);
        d0 = p[0]; alpha = p[1]; r0 = p[2];
        this.shift = shift;
        this.globalCut = table.defaultCutoff();
        offset = new double[nt * nt];
        for (int k = 0; k < nt * nt; k++) {
            if (shift && rc2[k] > 0) {
                double e1 = Math.exp(-alpha[k] * (Math.sqrt(rc2[k]) - r0[k]));
                offset[k] = d0[k] * (e1 * e1 - 2 * e1);
            }
        }
    }

    @Override
    protected double pair(int pt, double r2, double qq, double[] f) {
        double r = Math.sqrt(r2);
        double e1 = Math.exp(-alpha[pt] * (r - r0[pt]));
        // F = 2αD₀(e^{−2α(r−r₀)} − e^{−α(r−r₀)})
        f[0] = 2 * alpha[pt] * d0[pt] * (e1 * e1 - e1) / r;
        return d0[pt] * (e1 * e1 - 2 * e1) - offset[pt];
    }

    @Override
    public String name() { return "morse " + globalCut + (shift ? " shift" : ""); }
}
