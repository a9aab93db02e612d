package org.scalebridge.analysis;

import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Phase identification of a Prussian-blue-analogue framework (e.g. Na_xMn[Fe(CN)6]) per frame: cubic (Fm-3m),
 * tetragonal (I4/mmm-like, Jahn–Teller-elongated Mn³⁺ frameworks) or rhombohedral (R-3, the tilted Na-rich phase),
 * from (1) the cell parameters of the pseudo-cubic cell and (2) the cooperative (staggered) octahedral tilt, see {@link #meanTilt}.
 *
 * <p>The cell is expected along the M–C≡N–M' chains (conventional cubic cell or any a×b×c repetition of it, given by
 * {@code repeat}). Pseudo-cubic lengths a_i/n_i and the angles α, β, γ are compared with tolerances; the tilt is the
 * staggered rotation order parameter of the M(CN)6 octahedra (bonds within {@code bondCutoff}). Rules, in order:
 * <ol>
 * <li>rhombohedral: cooperative tilt ≥ {@code tiltTol}, or all three lengths equal and all three angles equal but ≠ 90°
 *     (beyond {@code angleTol});</li>
 * <li>cubic: lengths equal (relative {@code lengthTol}) and angles 90°;</li>
 * <li>tetragonal: exactly two lengths equal and angles 90°;</li>
 * <li>otherwise "lower symmetry" (orthorhombic/monoclinic/triclinic).</li>
 * </ol>
 */
public final class PbaPhase {
    /** Classification of one frame. Lengths in Å (pseudo-cubic), angles and tilt in degrees. */
    public record Result(String phase, double a, double b, double c, double alpha, double beta, double gamma,
                         double tiltDeg, int octahedra, String reason) {}

    private final int[] metals, ligands;
    private final int[] repeat;
    private final double bondCutoff, lengthTol, angleTol, tiltTol;

    /**
     * @param metals  octahedral centres (e.g. 26 Fe, 25 Mn); @param ligands (6 C, 7 N)
     * @param repeat  pseudo-cubic cells along a, b, c (e.g. {1,1,1} for the conventional cell)
     */
    public PbaPhase(int[] metals, int[] ligands, int[] repeat, double bondCutoff, double lengthTol, double angleTol, double tiltTol) {
        if (repeat == null || repeat.length != 3 || repeat[0] < 1 || repeat[1] < 1 || repeat[2] < 1)
            throw InputException.field("pba-phase", "repeat", "three positive integers expected");
        this.metals = metals.clone(); this.ligands = ligands.clone(); this.repeat = repeat.clone();
        this.bondCutoff = bondCutoff; this.lengthTol = lengthTol; this.angleTol = angleTol; this.tiltTol = tiltTol;
    }

    /** Defaults: Cr–Zn centres (Mn, Fe, Co, Ni, Cu, …), C/N ligands, bond cutoff 2.6 Å, 0.5% lengths, 0.5° angles, 3° tilt. */
    public static PbaPhase defaults(int[] repeat) {
        return new PbaPhase(new int[] {24, 25, 26, 27, 28, 29, 30}, new int[] {6, 7}, repeat, 2.6, 0.005, 0.5, 3.0);
    }

    public Result classify(Structure s) {
        double[] p = s.cell().parameters();
        double a = p[0] / repeat[0], b = p[1] / repeat[1], c = p[2] / repeat[2];
        double al = p[3], be = p[4], ga = p[5];
        double tilt = meanTilt(s);
        int oct = lastOctahedra;
        double mean = (a + b + c) / 3;
        boolean ab = Math.abs(a - b) <= lengthTol * mean, bc = Math.abs(b - c) <= lengthTol * mean, ac = Math.abs(a - c) <= lengthTol * mean;
        boolean right = Math.abs(al - 90) <= angleTol && Math.abs(be - 90) <= angleTol && Math.abs(ga - 90) <= angleTol;
        boolean anglesEqual = Math.abs(al - be) <= angleTol && Math.abs(be - ga) <= angleTol;
        String phase, why;
        if (oct > 0 && tilt >= tiltTol) {
            phase = "rhombohedral";
            why = String.format("cooperative octahedral tilt %.2f° ≥ %.2f°", tilt, tiltTol);
        } else if (ab && bc && anglesEqual && !right) {
            phase = "rhombohedral";
            why = String.format("a=b=c and α=β=γ=%.2f° ≠ 90°", al);
        } else if (ab && bc && right) {
            phase = "cubic";
            why = "a=b=c, all angles 90°" + (oct > 0 ? String.format(", tilt %.2f°", tilt) : ", no octahedra found (cell only)");
        } else if (right && (ab ^ bc ^ ac) && !(ab && bc)) {
            phase = "tetragonal";
            why = String.format("two equal lengths, c/a = %.4f, angles 90°", ab ? c / a : bc ? a / b : b / a);
        } else {
            phase = "lower symmetry";
            why = "no two of the pseudo-cubic lengths equal or angles not 90°";
        }
        return new Result(phase, a, b, c, al, be, ga, tilt, oct, why);
    }

    private int lastOctahedra;

    /**
     * Cooperative (staggered) octahedral tilt in degrees; NaN if no octahedron. Each octahedron's small rotation
     * vector is ω_i = ¼ Σ_j e_j × b_j (b_j its six unit bond vectors, e_j the nearest ± cell-axis direction; for a rigid
     * rotation by θ about n this is n sin θ, to first order for any axis). Corner-sharing octahedra alternate between
     * C-bound and N-bound metals and tilt in opposite senses (a⁻a⁻a⁻ in R-3), so the order parameter is
     * Ω = ⟨s_i ω_i⟩ with s = +1 for C-coordinated and −1 for N-coordinated centres; tilt = asin |Ω|. Uncorrelated thermal
     * rotations average out (∝ 1/√N_oct) instead of adding up.
     */
    double meanTilt(Structure s) {
        double[][] axes = new double[3][];
        for (int k = 0; k < 3; k++) {
            double[] v = s.cell().vector(k);
            double l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            axes[k] = new double[] {v[0] / l, v[1] / l, v[2] / l};
        }
        PairSearch ps = new PairSearch(s, bondCutoff);
        int[] z = s.atomicNumbers();
        double ox = 0, oy = 0, oz = 0;
        int oct = 0;
        for (int i = 0; i < s.size(); i++) {
            if (!in(z[i], metals)) continue;
            double[] w = new double[3];
            int[] nb = {0, 0}; // bonds, carbon ligands
            ps.forEach(i, (ii, j, dx, dy, dz, r) -> {
                if (!in(z[j], ligands)) return;
                double bx = dx / r, by = dy / r, bz = dz / r;
                int best = 0;
                double bestDot = 0;
                for (int k = 0; k < 3; k++) {
                    double d = bx * axes[k][0] + by * axes[k][1] + bz * axes[k][2];
                    if (Math.abs(d) > Math.abs(bestDot)) { bestDot = d; best = k; }
                }
                double sg = Math.signum(bestDot);
                double ex = sg * axes[best][0], ey = sg * axes[best][1], ez = sg * axes[best][2];
                w[0] += ey * bz - ez * by;
                w[1] += ez * bx - ex * bz;
                w[2] += ex * by - ey * bx;
                nb[0]++;
                if (z[j] == 6) nb[1]++;
            });
            if (nb[0] != 6) continue;
            double sgn = nb[1] * 2 >= nb[0] ? 1 : -1;
            ox += sgn * w[0] / 4; oy += sgn * w[1] / 4; oz += sgn * w[2] / 4;
            oct++;
        }
        lastOctahedra = oct;
        if (oct == 0) return Double.NaN;
        double m = Math.sqrt(ox * ox + oy * oy + oz * oz) / oct;
        return Math.toDegrees(Math.asin(Math.min(1, m)));
    }

    private static boolean in(int z, int[] set) {
        for (int v : set) if (v == z) return true;
        return false;
    }
}
