package org.scalebridge.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/** The selection expression language: operators, precedence, properties, and messages for bad input. */
class SelectionTest {
    private static Structure s() {
        Structure s = new Structure(Cell.orthorhombic(20, 20, 20));
        s.addAtom("Na", 1, 1, 2);     // 0
        s.addAtom("Na", 1, 1, 12);    // 1
        s.addAtom("Fe", 1, 1, 15);    // 2
        s.addAtom("Mn", 1, 1, 5);     // 3
        s.addAtom("Na", 15, 1, 18);   // 4
        return s;
    }

    @Test
    void operatorsAndPrecedence() {
        Structure s = s();
        assertArrayEquals(new int[] {1, 4}, Selection.select("species == Na && z > 10", s));
        assertArrayEquals(new int[] {1, 4}, Selection.select("element == 'Na' and z > 10", s));
        assertArrayEquals(new int[] {2, 3}, Selection.select("species != Na", s));
        // && binds tighter than ||
        assertArrayEquals(new int[] {0, 2, 3}, Selection.select("species == Fe || species == Mn || z < 3 && species == Na", s));
        assertArrayEquals(new int[] {2, 3}, Selection.select("(species == Fe || species == Mn) && !(z > 100)", s));
        assertArrayEquals(new int[] {4}, Selection.select("fa >= 0.5", s));
        assertArrayEquals(new int[] {0, 1}, Selection.select("index < 2", s));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Selection.select("  ", s));
        assertArrayEquals(new int[] {3}, Selection.select("z == 5.0e0", s));
    }

    @Test
    void perAtomArrays() {
        Structure s = s();
        var a = s.addArray("gamma", PerAtomArray.Type.REAL, 1);
        double[] g = a.reals();
        for (int i = 0; i < 5; i++) g[i] = i * 1.5;
        assertArrayEquals(new int[] {3, 4}, Selection.select("gamma > 3", s));
    }

    @Test
    void badInputNamesTheColumn() {
        Structure s = s();
        var e = assertThrows(InputException.class, () -> Selection.select("species == Na && zz > 1", s));
        assertTrue(e.getMessage().contains("column 18") && e.getMessage().contains("zz"), e.getMessage());
        assertThrows(InputException.class, () -> Selection.select("species == Xx", s));
        assertThrows(InputException.class, () -> Selection.select("species < Na", s));
        assertThrows(InputException.class, () -> Selection.select("(z > 1", s));
        assertThrows(InputException.class, () -> Selection.select("z > 1 $", s));
    }
}
