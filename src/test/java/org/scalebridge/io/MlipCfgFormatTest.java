package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** The MLIP .cfg format through the registry: detection, species mapping and a lossless round trip. */
class MlipCfgFormatTest {
    @TempDir Path dir;

    private static Structure sample() {
        Structure s = new Structure(Cell.fromParameters(9.6, 9.6, 9.6, 82.6, 82.6, 82.6));
        s.addAtom("Na", 1.0, 2.0, 3.0);
        s.addAtom("Fe", 0.0, 0.0, 0.0);
        s.addAtom("N", 2.5, 0.1, 4.75);
        s.setEnergy(-12.345678901234);
        s.setForces(new double[] {0.1, -0.2, 0.3, 0.0, 0.5, -0.25, 1.5, 0, 0});
        s.setVirial(new double[] {1, 0.2, 0.3, 0.2, 2, 0.4, 0.3, 0.4, 3});
        return s;
    }

    @Test
    void roundTripKeepsSpeciesAndResultsAtPrintedPrecision() {
        Path f = dir.resolve("train.cfg");
        Formats.write(f, List.of(sample(), sample()));
        List<Structure> back = Formats.read(f);
        assertEquals(2, back.size());
        Structure b = back.get(0);
        assertEquals("Na", b.symbol(0));
        assertEquals("Fe", b.symbol(1));
        assertEquals("N", b.symbol(2));
        // MLIP prints energy with 12 decimals, forces 6, PlusStress 5, positions 6 (README of the reference pack)
        assertEquals(-12.345678901234, b.energy(), 5e-13);
        for (int k = 0; k < 9; k++) assertEquals(sample().forces()[k], b.forces()[k], 5e-7);
        for (int k = 0; k < 9; k++) assertEquals(sample().virial()[k], b.virial()[k], 5e-6);
        assertArrayEquals(sample().cell().matrix(), b.cell().matrix(), 5e-7);
    }

    @Test
    void referenceFilesNeedAnExplicitSpeciesOrder() throws Exception {
        Path ref = Path.of(System.getProperty("scalebridge.reference", "../shared/reference"), "mtp/mo/Mo_test.cfg");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(ref), "reference pack not present");
        InputException e = assertThrows(InputException.class, () -> Formats.read(ref));
        assertTrue(e.getMessage().contains("type"), e.getMessage());
        List<Structure> mo = Formats.read(ref, IoOptions.defaults().speciesOrder("Mo"));
        assertTrue(mo.size() > 1);
        assertEquals("Mo", mo.get(0).symbol(0));
    }
}
