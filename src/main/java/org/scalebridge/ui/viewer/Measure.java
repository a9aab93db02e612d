package org.scalebridge.ui.viewer;

import java.util.Locale;
import org.scalebridge.structure.Structure;

/**
 * Distances and angles between picked atoms under periodic boundary conditions: every vector is reduced to its
 * minimum image first, so an atom pair on opposite faces of the cell measures through the boundary. No JavaFX.
 */
public final class Measure {
    private Measure() {}

    /** Minimum-image vector from atom i to atom j (Å), written into d; returns its squared length. */
    public static double vector(Structure s, int i, int j, double[] d) {
        double[] p = s.positions();
        for (int c = 0; c < 3; c++) d[c] = p[3 * j + c] - p[3 * i + c];
        return s.cell().minimumImage(d);
    }

    /** Distance |r_j − r_i| of the nearest periodic images (Å). */
    public static double distance(Structure s, int i, int j) {
        return Math.sqrt(vector(s, i, j, new double[3]));
    }

    /** Angle i–j–k at atom j (degrees), from the minimum-image vectors j→i and j→k. */
    public static double angle(Structure s, int i, int j, int k) {
        double[] a = new double[3], b = new double[3];
        double la = Math.sqrt(vector(s, j, i, a)), lb = Math.sqrt(vector(s, j, k, b));
        double cos = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }

    /** Dihedral i–j–k–l (degrees, −180..180) from minimum-image bond vectors. */
    public static double dihedral(Structure s, int i, int j, int k, int l) {
        double[] b1 = new double[3], b2 = new double[3], b3 = new double[3];
        vector(s, i, j, b1);
        vector(s, j, k, b2);
        vector(s, k, l, b3);
        double[] n1 = cross(b1, b2), n2 = cross(b2, b3), m = cross(n1, b2);
        double lb2 = Math.sqrt(dot(b2, b2));
        double x = dot(n1, n2), y = dot(m, n2) / lb2;
        return Math.toDegrees(Math.atan2(y, x));
    }

    /** One line describing the measurement of 2, 3 or 4 picked atoms (empty for fewer than 2). */
    public static String describe(Structure s, int[] picks) {
        switch (picks.length) {
            case 2: return String.format(Locale.ROOT, "d(%s%d–%s%d) = %.4f Å", s.symbol(picks[0]), picks[0], s.symbol(picks[1]), picks[1],
                    distance(s, picks[0], picks[1]));
            case 3: return String.format(Locale.ROOT, "d(%d–%d) = %.4f Å, d(%d–%d) = %.4f Å, ∠(%s%d–%s%d–%s%d) = %.2f°",
                    picks[0], picks[1], distance(s, picks[0], picks[1]), picks[1], picks[2], distance(s, picks[1], picks[2]),
                    s.symbol(picks[0]), picks[0], s.symbol(picks[1]), picks[1], s.symbol(picks[2]), picks[2], angle(s, picks[0], picks[1], picks[2]));
            case 4: return String.format(Locale.ROOT, "dihedral(%d–%d–%d–%d) = %.2f°", picks[0], picks[1], picks[2], picks[3],
                    dihedral(s, picks[0], picks[1], picks[2], picks[3]));
            default: return "";
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
}
