package org.scalebridge.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

/** The optimised build produces exactly the list of the original implementation (same pairs, same order). */
class NeighborListIdentityTest {
    @Test
    void optimisedBuildIsIdenticalToTheOriginal() {
        Rng rng = new Rng(5);
        double[][][] cells = {
            {{12, 0, 0}, {0, 13, 0}, {0, 0, 11}},
            {{10, 0, 0}, {3, 9, 0}, {-2, 2.5, 8}},
            {{4, 0, 0}, {1, 4.5, 0}, {0.5, -1, 3.8}},   // thinner than the cutoff
        };
        for (double[][] rows : cells) {
            for (boolean[] pbc : new boolean[][] {{true, true, true}, {true, false, true}}) {
                Cell c = new Cell(rows, pbc);
                Structure s = new Structure(c, 300);
                for (int i = 0; i < 300; i++) {
                    double fa = rng.nextDouble() * 1.2 - 0.1, fb = rng.nextDouble(), fc = rng.nextDouble();
                    double[] r = new double[3];
                    c.toCartesian(new double[] {fa, fb, fc}, r);
                    s.addAtom(18, r[0], r[1], r[2]);
                }
                for (boolean half : new boolean[] {true, false}) {
                    Structure a = s.copy(), b = s.copy();
                    NeighborList nl = new NeighborList(3.1, 0.4, half);
                    NeighborListOriginal ref = new NeighborListOriginal(3.1, 0.4, half);
                    nl.build(a);
                    ref.build(b);
                    int n = s.size();
                    assertEquals(ref.pairCount(), nl.pairCount());
                    assertArrayEquals(Arrays.copyOf(ref.offsets(), n + 1), Arrays.copyOf(nl.offsets(), n + 1));
                    assertArrayEquals(Arrays.copyOf(ref.neighbors(), ref.pairCount()), Arrays.copyOf(nl.neighbors(), nl.pairCount()));
                    assertArrayEquals(Arrays.copyOf(ref.shiftIndex(), ref.pairCount()), Arrays.copyOf(nl.shiftIndex(), nl.pairCount()));
                    assertArrayEquals(ref.shiftVectors(), nl.shiftVectors(), 0.0);
                }
            }
        }
    }
}
