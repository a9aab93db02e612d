package org.scalebridge.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;

/** Supercells keep every atom exactly once, also for atoms on cell faces and non-diagonal matrices. */
class SupercellTest {

    @Test
    void atomsOnFacesAreNeitherLostNorDoubled() {
        Cell c = Cell.fromParameters(10.2, 10.2, 10.2, 82.6, 82.6, 82.6);
        Structure s = new Structure(c);
        // distinct sites, several of them on (or within round-off of) a cell face
        double[][] sites = {{0, 0, 0}, {1 - 1e-15, 0.5, 0.5}, {0.5, 1 - 1e-13, 0}, {0.5, 0.5, 1 - 1e-16},
            {0.25, 0, 0.999999999999}, {0.75, 0.25, 1e-14}, {0.5, 0, 0.5}};
        for (double[] f : sites) {
            int k = s.addAtom(26, 0, 0, 0);
            s.setFractional(k, f[0], f[1], f[2]);
        }
        for (int[] m : new int[][] {{2, 0, 0, 0, 2, 0, 0, 0, 2}, {1, 1, 0, -1, 1, 0, 0, 0, 1}, {3, 0, 0, 0, 1, 0, 0, 0, 1},
                {1, 1, 1, -1, 1, 0, 0, -1, 1}}) {
            Structure sc = s.supercell(m);
            long det = (long) m[0] * (m[4] * m[8] - m[5] * m[7]) - (long) m[1] * (m[3] * m[8] - m[5] * m[6]) + (long) m[2] * (m[3] * m[7] - m[4] * m[6]);
            assertEquals(s.size() * Math.abs(det), sc.size());
            // no two atoms closer than the smallest separation in the original (they would be duplicates)
            for (int i = 0; i < sc.size(); i++) {
                for (int j = i + 1; j < sc.size(); j++) assertTrue(sc.distance(i, j) > 1e-6, "duplicate " + i + " " + j);
            }
        }
    }

    @Test
    void randomStructuresReplicateWithTheSameDensity() {
        Rng rng = new Rng(3);
        Structure s = new Structure(Cell.fromParameters(5, 6, 7, 80, 95, 110));
        for (int i = 0; i < 7; i++) {
            s.addAtom(11, 0, 0, 0);
            s.setFractional(i, rng.nextDouble() * 3 - 1, rng.nextDouble(), rng.nextDouble());
        }
        Structure sc = s.supercell(new int[] {2, 1, 0, 0, 1, 1, 1, 0, 2});
        assertEquals(s.density(), sc.density(), 1e-12);
        assertEquals(7 * 5, sc.size());
    }
}
