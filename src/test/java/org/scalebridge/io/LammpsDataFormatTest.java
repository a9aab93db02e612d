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

class LammpsDataFormatTest {
    @TempDir Path tmp;

    static Structure parse(String text, IoOptions o) {
        try (LineReader in = LineReader.ofString("t.data", text)) {
            return LammpsDataFormat.read(in, o);
        }
    }

    @Test
    void fullStyleWithTopologyAgreesWithTheExtxyzOfTheSameStructure() {
        Structure d = Formats.readFirst(RefFiles.lammps("A4_cyanide_framework/tric/data.lmp"), IoOptions.defaults().types("Fe", "Co", "C", "N"));
        Structure x = Formats.readFirst(RefFiles.lammps("A4_cyanide_framework/tric/structure.extxyz"));
        assertEquals(448, d.size());
        assertArrayEquals(x.cell().matrix(), d.cell().matrix(), 0);
        for (int i = 0; i < d.size(); i++) {
            assertEquals(x.symbol(i), d.symbol(i), "atom " + i);
            // identical decimal strings in both files (reference README): exact
            for (int k = 0; k < 3; k++) assertEquals(x.positions()[3 * i + k], d.positions()[3 * i + k], 0);
        }
        Topology t = (Topology) d.info().get(Topology.KEY);
        assertEquals(576, t.bondCount());
        assertEquals(1152, t.angleCount());
        assertEquals(0, t.bonds()[0]);   // "1 1 1 65": ids 1 and 65 → indices 0 and 64
        assertEquals(64, t.bonds()[1]);
        assertEquals("full", d.info().get("lammps.atomStyle"));
        assertEquals(0.9, d.charges()[0], 0);
    }

    @Test
    void chargeAndAtomicStylesFromTheReferenceRuns() {
        Structure a2 = Formats.readFirst(RefFiles.lammps("A2_nacl_buck_ewald/tric/data.lmp"), IoOptions.defaults().types("Na", "Cl"));
        Structure x = Formats.readFirst(RefFiles.lammps("A2_nacl_buck_ewald/tric/structure.extxyz"));
        assertEquals(512, a2.size());
        for (int i = 0; i < a2.size(); i++) {
            assertEquals(x.symbol(i), a2.symbol(i));
            assertEquals(x.positions()[3 * i], a2.positions()[3 * i], 0);
        }
        Structure lj = Formats.readFirst(RefFiles.lammps("B3_lj_msd/final.data"));
        assertEquals(500, lj.size());
        assertEquals(1.0, lj.mass(0), 0); // Masses section (LJ units)
        assertEquals(1, lj.array("id").ints()[0]);
        // atom 80 has image flags 1 0 0 in the file
        int i80 = -1;
        for (int i = 0; i < lj.size(); i++) if (lj.array("id").ints()[i] == 80) i80 = i;
        assertArrayEquals(new int[] {1, 0, 0}, new int[] {lj.images()[3 * i80], lj.images()[3 * i80 + 1], lj.images()[3 * i80 + 2]});
    }

    @Test
    void writesAGeneralCellInTheLowerTriangularFrameAndRotatesBack() {
        Cell c = new Cell(new double[][] {{3.9, 0.8, -0.4}, {0.5, 4.4, 0.9}, {-0.7, 0.3, 5.2}});
        Structure s = new Structure(c);
        s.addAtom("Na", 0.2, 0.3, 0.4);
        s.addAtom("Cl", 1.9, 2.1, 2.6);
        s.ensureCharges()[0] = 1;
        s.charges()[1] = -1;
        s.ensureVelocities()[0] = 0.5;
        Path p = tmp.resolve("data.nacl");
        Formats.write(p, s);
        Structure l = Formats.readFirst(p);
        assertTrue(LammpsBox.isLowerTriangular(l.cell()));
        assertEquals("Cl", l.symbol(1)); // from the "# Cl" comment on the Masses line
        assertArrayEquals(c.parameters(), l.cell().parameters(), 1e-12);
        assertEquals(s.distance(0, 1), l.distance(0, 1), 1e-12);
        assertEquals(-1, l.charges()[1], 0);
        LammpsBox.rotateBack(l, c);
        for (int k = 0; k < 6; k++) assertEquals(s.positions()[k], l.positions()[k], 1e-13);
        assertEquals(0.5, l.velocities()[0], 1e-14);
        assertEquals(0, l.velocities()[1], 1e-14);
    }

    @Test
    void fullStyleRoundTripKeepsTopology() throws Exception {
        Structure d = Formats.readFirst(RefFiles.lammps("A4_cyanide_framework/tric/data.lmp"), IoOptions.defaults().types("Fe", "Co", "C", "N"));
        Path p = tmp.resolve("a4.data");
        Formats.write(p, List.of(d), IoOptions.defaults().atomStyle("full"));
        Structure b = Formats.readFirst(p);
        assertEquals(d.info().get(Topology.KEY), b.info().get(Topology.KEY));
        assertEquals("N", b.symbol(b.size() - 1));
        assertArrayEquals(java.util.Arrays.copyOf(d.positions(), 3 * d.size()), java.util.Arrays.copyOf(b.positions(), 3 * b.size()), 0);
        assertTrue(Files.readString(p).contains("Atoms # full"));
    }

    static final String SMALL = """
            test

            2 atoms
            1 atom types

            0 4 xlo xhi
            0 4 ylo yhi
            0 4 zlo zhi

            Masses

            1 39.948

            Atoms # atomic

            1 1 0 0 0
            2 1 1 1 1
            """;

    @Test
    void badInputNamesFileLineAndExpectation() {
        assertEquals("Ar", parse(SMALL, IoOptions.defaults()).symbol(0)); // mass 39.948 → Ar
        InputException e = assertThrows(InputException.class, () -> parse(SMALL.replace("2 1 1 1 1\n", ""), IoOptions.defaults()));
        assertTrue(e.getMessage().contains("Atoms line 2 of 2"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(SMALL.replace("2 1 1 1 1", "2 3 1 1 1"), IoOptions.defaults()));
        assertTrue(e.getMessage().startsWith("t.data:17") && e.getMessage().contains("outside 1–1"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(SMALL.replace("0 4 ylo", "4 0 ylo"), IoOptions.defaults()));
        assertTrue(e.getMessage().startsWith("t.data:7"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(SMALL.replace("2 1 1 1 1", "1 1 1 1 1"), IoOptions.defaults()));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void typeLabelsNameTheElements() {
        String labelled = SMALL.replace("1 atom types\n", "2 atom types\n").replace("Masses\n\n1 39.948\n", "Atom Type Labels\n\n1 Na\n2 Cl\n\nMasses\n\nNa 22.99\nCl 35.45\n")
                .replace("2 1 1 1 1", "2 Cl 1 1 1");
        Structure s = parse(labelled, IoOptions.defaults());
        assertEquals("Na", s.symbol(0));
        assertEquals("Cl", s.symbol(1));
        assertEquals(35.45, s.mass(1), 0);
    }

    @Test
    void largeTiltsAreReducedKeepingTheLatticeAndUnwrappedPositions() {
        Cell c = new Cell(new double[][] {{5, 0, 0}, {4.2, 5, 0}, {-3.1, 3.9, 6}});
        Structure s = new Structure(c);
        s.addAtom("Na", 1, 1, 1);
        s.addAtom("Cl", 4.5, 4.0, 5.5);
        s.images()[3] = 2; // atom 1 has crossed the a boundary twice
        s.images()[5] = -1;
        Path p = tmp.resolve("tilt.data");
        Formats.write(p, s);
        Structure b = Formats.readFirst(p);
        double[] h = b.cell().matrix();
        assertTrue(Math.abs(h[3]) <= 2.5 && Math.abs(h[6]) <= 2.5 && Math.abs(h[7]) <= 2.5, java.util.Arrays.toString(h));
        assertEquals(c.volume(), b.cell().volume(), 1e-12);
        double[] u0 = new double[3], u1 = new double[3];
        for (int i = 0; i < 2; i++) {
            s.unwrapped(i, u0);
            b.unwrapped(i, u1);
            assertArrayEquals(u0, u1, 1e-12);
        }
        assertEquals(s.distance(0, 1), b.distance(0, 1), 1e-12);
    }
}
