package org.scalebridge.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.structure.Structure;
import org.scalebridge.structure.builders.PbaBuilder;
import org.scalebridge.structure.builders.PbaPhase;

/**
 * The local cell of local active learning: a cube of edge 2R around the chosen atom, periodic; every atom of the
 * protected core keeps its exact position relative to the centre, no two atoms are closer than the minimum distance
 * across the new boundary unless both are core atoms, and a parent narrower than 2R is refused.
 */
class LocalCellTest {
    @Test
    void cutKeepsCoreAndRemovesBoundaryClashes() {
        Structure big = new PbaBuilder(PbaPhase.TETRAGONAL).x(1.0).supercell(2, 2, 2).seed(3).build(); // ~20 Å cubic, 480 atoms
        double r = 6.0, core = 3.5, dmin = 1.2;
        assertTrue(LocalCell.fits(big, r));
        int center = 17;
        Structure cut = LocalCell.cut(big, center, r, core, dmin);
        assertEquals(2 * r, cut.cell().get(0, 0), 1e-12);
        assertTrue(cut.size() > 20 && cut.size() < big.size(), "cut has " + cut.size() + " atoms");
        // core atoms: same displacement from the centre as in the parent (to round-off)
        double[] d = new double[3];
        int coreParent = 0;
        for (int j = 0; j < big.size(); j++) if (big.displacement(center, j, d) < core) coreParent++;
        int coreCut = 0;
        for (int i = 0; i < cut.size(); i++) {
            double dx = cut.x(i) - r, dy = cut.y(i) - r, dz = cut.z(i) - r;
            double dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (dist < core) {
                coreCut++;
                boolean found = false;
                for (int j = 0; j < big.size() && !found; j++) {
                    big.displacement(center, j, d);
                    found = big.atomicNumber(j) == cut.atomicNumber(i) && Math.abs(d[0] - dx) < 1e-9 && Math.abs(d[1] - dy) < 1e-9 && Math.abs(d[2] - dz) < 1e-9;
                }
                assertTrue(found, "core atom " + i + " not at its parent position");
            }
        }
        assertEquals(coreParent, coreCut, "every core atom of the parent is kept");
        for (int i = 0; i < cut.size(); i++)
            for (int j = i + 1; j < cut.size(); j++)
                assertTrue(cut.distance(i, j) >= dmin - 1e-9 || bothCore(cut, i, j, r, core), "atoms " + i + "," + j + " too close");
        assertEquals((long) center, cut.info().get("local_center"));
    }

    private static boolean bothCore(Structure s, int i, int j, double r, double core) {
        return dist(s, i, r) < core && dist(s, j, r) < core;
    }

    private static double dist(Structure s, int i, double r) {
        double dx = s.x(i) - r, dy = s.y(i) - r, dz = s.z(i) - r;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    @Test
    void refusesNarrowParent() {
        Structure small = new PbaBuilder(PbaPhase.TETRAGONAL).x(1.0).build(); // 10 Å
        assertFalse(LocalCell.fits(small, 6.0));
        assertThrows(IllegalArgumentException.class, () -> LocalCell.cut(small, 0, 6.0, 3.0, 1.2));
    }
}
