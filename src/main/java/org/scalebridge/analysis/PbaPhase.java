package org.scalebridge.analysis;

import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Phase identification of a Prussian-blue-analogue framework (e.g. Na_xMn[Fe(CN)6]) per frame: cubic (Fm-3m),
 * tetragonal (I4/mmm-like, Jahn–Teller-elongated Mn³⁺ frameworks) or rhombohedral (R-3, the tilted Na-rich phase),
 * from (1) the cell parameters of the pseudo-cubic cell and (2) the cooperative octahedral tilt.
 *
 * <p>The cell is expected along the M–C≡N–M' chains (conventional cubic cell or any a×b×c repetition of it, given by
 * {@code repeat}). Pseudo-cubic lengths a_i/n_i and the angles α, β, γ are compared with tolerances; the tilt of an
 * octahedron is the mean angle between its six metal–ligand bonds (within {@code bondCutoff}) and the nearest of the
 * ± cell-vector directions, averaged over all octahedra. Rules, in order:
 * <ol>
 * <li>rhombohedral: mean tilt ≥ {@code tiltTol}, or all three lengths equal and all three angles equal but ≠ 90°
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

    /** Defaults: Fe/Mn centres, C/N ligands, conventional cell, bond cutoff 2.6 Å, 0.5% lengths, 0.5° angles, 3° tilt. */
    public static PbaPhase defaults(int[] repeat) {
        return new PbaPhase(new int[] {25, 26}, new int[] {6, 7}, repeat, 2.6, 0.005, 0.5, 3.0);
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
            why = String.format("mean octahedral tilt %.2f° ≥ %.2f°", tilt, tiltTol);
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

    /** Mean angle (degrees) between metal–ligand bonds and the nearest ± cell-vector direction; NaN if none. */
    double meanTilt(Structure s) {
        double[][] axes = new double[3][];
        for (int k = 0; k < 3; k++) {
            double[] v = s.cell().vector(k);
            double l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            axes[k] = new double[] {v[0] / l, v[1] / l, v[2] / l};
        }
        PairSearch ps = new PairSearch(s, bondCutoff);
        int[] z = s.atomicNumbers();
        double sum = 0;
        long bonds = 0;
        int oct = 0;
        for (int i = 0; i < s.size(); i++) {
            if (!in(z[i], metals)) continue;
            double[] acc = {0};
            int[] nb = {0};
            ps.forEach(i, (ii, j, dx, dy, dz, r) -> {
                if (!in(z[j], ligands)) return;
                double best = 0;
                for (double[] ax : axes) best = Math.max(best, Math.abs(dx * ax[0] + dy * ax[1] + dz * ax[2]) / r);
                acc[0] += Math.toDegrees(Math.acos(Math.min(1, best)));
                nb[0]++;
            });
            if (nb[0] == 6) { sum += acc[0]; bonds += 6; oct++; }
        }
        lastOctahedra = oct;
        return bonds == 0 ? Double.NaN : sum / bonds;
    }

    private static boolean in(int z, int[] set) {
        for (int v : set) if (v == z) return true;
        return false;
    }
}
