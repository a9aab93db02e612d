package org.scalebridge.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

/** The binned list against a brute-force enumeration of every image within the cutoff. */
class NeighborListTest {

    /** Random cell with strong skew; some thinner than the cutoff. */
    static Cell randomCell(Rng rng, double minLen, double maxLen, double maxSkew) {
        double[][] rows = new double[3][3];
        for (int i = 0; i < 3; i++) rows[i][i] = minLen + (maxLen - minLen) * rng.nextDouble();
        rows[1][0] = maxSkew * (2 * rng.nextDouble() - 1) * rows[0][0];
        rows[2][0] = maxSkew * (2 * rng.nextDouble() - 1) * rows[0][0];
        rows[2][1] = maxSkew * (2 * rng.nextDouble() - 1) * rows[1][1];
        // a random rotation-free but non-lower-triangular perturbation too
        rows[0][1] = 0.3 * (2 * rng.nextDouble() - 1) * rows[0][0];
        return new Cell(rows);
    }

    /** All (i, j, image) within rc by brute force, as sorted strings "i j dist". */
    static List<String> brute(Structure s, double rc, boolean half) {
        Cell c = s.cell();
        double[] w = c.perpendicularWidths();
        int[] m = new int[3];
        for (int d = 0; d < 3; d++) m[d] = (int) Math.ceil(rc / w[d]) + 1;
        List<String> out = new ArrayList<>();
        double[] h = c.matrix();
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.size(); j++) {
                for (int a = -m[0]; a <= m[0]; a++) for (int b = -m[1]; b <= m[1]; b++) for (int cc = -m[2]; cc <= m[2]; cc++) {
                    if (i == j && a == 0 && b == 0 && cc == 0) continue;
                    boolean pos = a > 0 || (a == 0 && (b > 0 || (b == 0 && cc > 0)));
                    if (half && (j < i || (j == i && !pos))) continue;
                    double dx = s.x(j) - s.x(i) + a * h[0] + b * h[3] + cc * h[6];
                    double dy = s.y(j) - s.y(i) + a * h[1] + b * h[4] + cc * h[7];
                    double dz = s.z(j) - s.z(i) + a * h[2] + b * h[5] + cc * h[8];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 < rc * rc) out.add(i + " " + j + " " + a + " " + b + " " + cc);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    static List<String> listed(Structure s, NeighborList nl, double rc) {
        List<String> out = new ArrayList<>();
        double[] sv = nl.shiftVectors();
        for (int i = 0; i < s.size(); i++) {
            for (int k = nl.offsets()[i]; k < nl.offsets()[i + 1]; k++) {
                int j = nl.neighbors()[k];
                int si = nl.shiftIndex()[k];
                double dx = s.x(j) - s.x(i) + sv[3 * si], dy = s.y(j) - s.y(i) + sv[3 * si + 1], dz = s.z(j) - s.z(i) + sv[3 * si + 2];
                if (dx * dx + dy * dy + dz * dz < rc * rc) {
                    int[] t = nl.shiftOf(si);
                    out.add(i + " " + j + " " + t[0] + " " + t[1] + " " + t[2]);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void matchesBruteForceOnRandomSkewedCells() {
        Rng rng = new Rng(42);
        for (int trial = 0; trial < 120; trial++) {
            boolean small = trial % 3 == 0;
            Cell cell = small ? randomCell(rng, 1.5, 4.0, 0.9) : randomCell(rng, 5.0, 14.0, 0.9);
            int n = small ? 1 + rng.nextInt(6) : 10 + rng.nextInt(60);
            Structure s = new Structure(cell);
            for (int i = 0; i < n; i++) {
                s.addAtom(11, 0, 0, 0);
                // positions anywhere, including outside the cell (the list wraps them)
                s.setFractional(i, 3 * rng.nextDouble() - 1, 3 * rng.nextDouble() - 1, 3 * rng.nextDouble() - 1);
            }
            double rc = small ? 3.0 + 2 * rng.nextDouble() : 2.5 + 4 * rng.nextDouble();
            boolean half = trial % 2 == 0;
            NeighborList nl = new NeighborList(rc, 0.0, half);
            nl.build(s);
            assertEquals(brute(s, rc, half), listed(s, nl, rc), "trial " + trial + " " + cell);
        }
    }

    @Test
    void skinDefersRebuildUntilNeeded() {
        Rng rng = new Rng(7);
        Structure s = new Structure(Cell.fromParameters(12, 13, 11, 80, 100, 75));
        for (int i = 0; i < 80; i++) {
            s.addAtom(18, 0, 0, 0);
            s.setFractional(i, rng.nextDouble(), rng.nextDouble(), rng.nextDouble());
        }
        double rc = 4.0;
        NeighborList nl = new NeighborList(rc, 1.0, true);
        nl.build(s);
        for (int step = 0; step < 200; step++) {
            for (int i = 0; i < s.size(); i++) {
                s.positions()[3 * i] += 0.02 * rng.nextGaussian();
                s.positions()[3 * i + 1] += 0.02 * rng.nextGaussian();
                s.positions()[3 * i + 2] += 0.02 * rng.nextGaussian();
            }
            nl.update(s);
            // what the list holds within rc must be exactly the brute-force set, with or without a rebuild
            assertEquals(brute(s, rc, true), listed(s, nl, rc), "step " + step);
        }
        assertTrue(nl.buildCount() > 1 && nl.buildCount() < 100, "builds: " + nl.buildCount());
        assertFalse(nl.needsRebuild(s) && nl.buildCount() == 0);
    }
}
