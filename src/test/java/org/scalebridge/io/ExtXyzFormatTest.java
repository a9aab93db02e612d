package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

class ExtXyzFormatTest {
    @TempDir Path tmp;

    static final String TWO_FRAMES = """
            2
            Lattice="5 0 0 1 6 0 0.5 -0.5 7" Properties=species:S:1:pos:R:3:forces:R:3:tag:I:1:fixed:L:1:label:S:1:m2:R:2 energy=-1.5 stress="1 2 3 2 4 5 3 5 6" pbc="T T F" name="two words" n=3 x=2.5 flag=T vec="1 2 3" bare
            Na 0.1 0.2 0.3 1 2 3 7 T a 0.5 0.25
            Cl 1.1 1.2 1.3 -1 -2 -3 8 F b 1e-3 -2E+2
            1
            Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3 energy=2
            H 0 0 0
            """;

    @Test
    void readsEveryKindOfColumnAndKey() {
        List<Structure> fr = ExtXyzFormat.parse("t.xyz", TWO_FRAMES);
        assertEquals(2, fr.size());
        Structure s = fr.get(0);
        assertEquals(2, s.size());
        assertEquals("Na", s.symbol(0));
        assertArrayEquals(new double[] {5, 0, 0, 1, 6, 0, 0.5, -0.5, 7}, s.cell().matrix(), 0);
        assertArrayEquals(new boolean[] {true, true, false}, s.cell().pbc());
        assertEquals(-1.5, s.energy(), 0);
        assertArrayEquals(new double[] {1.1, 1.2, 1.3}, new double[] {s.x(1), s.y(1), s.z(1)}, 0);
        assertArrayEquals(new double[] {1, 2, 3, -1, -2, -3}, java.util.Arrays.copyOf(s.forces(), 6), 0);
        // stress (tensile positive, eV/Å³) → virial W = −σ·V
        double v = s.cell().volume();
        assertEquals(-2 * v, s.virial()[1], 1e-12 * v);
        assertEquals(-6 * v, s.virial()[8], 1e-12 * v);
        assertEquals(7, s.array("tag").ints()[0]);
        assertFalse(s.array("fixed").logicals()[1]);
        assertEquals("b", s.array("label").strings()[1]);
        assertEquals(PerAtomArray.Type.REAL, s.array("m2").type());
        assertEquals(-200, s.array("m2").reals()[3], 0);
        assertEquals("two words", s.info().get("name"));
        assertEquals(3L, s.info().get("n"));
        assertEquals(2.5, s.info().get("x"));
        assertEquals(Boolean.TRUE, s.info().get("flag"));
        assertArrayEquals(new long[] {1, 2, 3}, (long[]) s.info().get("vec"));
        assertEquals(Boolean.TRUE, s.info().get("bare"));
        assertEquals(1, fr.get(1).size());
    }

    @Test
    void roundTripIsExact() throws Exception {
        List<Structure> fr = ExtXyzFormat.parse("t.xyz", TWO_FRAMES);
        Path p = tmp.resolve("out.extxyz");
        Formats.write(p, fr);
        List<Structure> back = Formats.read(p);
        assertEquals(2, back.size());
        Structure a = fr.get(0), b = back.get(0);
        assertArrayEquals(a.cell().matrix(), b.cell().matrix(), 0);
        assertArrayEquals(a.cell().pbc(), b.cell().pbc());
        assertArrayEquals(java.util.Arrays.copyOf(a.positions(), 6), java.util.Arrays.copyOf(b.positions(), 6), 0);
        assertArrayEquals(java.util.Arrays.copyOf(a.forces(), 6), java.util.Arrays.copyOf(b.forces(), 6), 0);
        assertArrayEquals(a.virial(), b.virial(), 1e-12 * Math.abs(a.virial()[8]));
        assertEquals(a.energy(), b.energy());
        assertEquals("two words", b.info().get("name"));
        assertArrayEquals(a.array("m2").reals(), b.array("m2").reals(), 0);
        assertEquals("a", b.array("label").strings()[0]);
        assertTrue(b.array("fixed").logicals()[0]);
    }

    @Test
    void plainXyzWithoutLatticeIsNonPeriodicAndWritesBackWithoutLattice() throws Exception {
        String text = "3\nwater molecule, from a textbook's table\nO 0 0 0\nH 0.96 0 0\nH -0.24 0.93 0\n";
        Structure s = ExtXyzFormat.parse("w.xyz", text).get(0);
        assertEquals(3, s.size());
        assertArrayEquals(new boolean[] {false, false, false}, s.cell().pbc());
        Path p = tmp.resolve("w.xyz");
        Formats.write(p, s);
        assertFalse(Files.readString(p).contains("Lattice"));
        assertEquals(3, Formats.readFirst(p).size());
    }

    @Test
    void streamsFramesOneAtATime() throws Exception {
        Path p = tmp.resolve("big.extxyz");
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < 50; f++) sb.append("1\nLattice=\"3 0 0 0 3 0 0 0 3\" step=").append(f).append("\nAr 0 0 ").append(f * 0.01).append('\n');
        Files.writeString(p, sb.toString());
        try (TrajectoryReader r = Formats.openTrajectory(p)) {
            int k = 0;
            Structure s;
            while ((s = r.next()) != null) {
                assertEquals((long) k, s.info().get("step"));
                k++;
            }
            assertEquals(50, k);
            assertNull(r.next());
        }
    }

    @Test
    void badInputNamesFileLineAndExpectation() {
        InputException e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "2\nLattice=\"1 0 0 0 1 0 0 0 1\"\nNa 0 0 0\n"));
        assertTrue(e.getMessage().startsWith("bad.xyz:4"), e.getMessage());
        assertTrue(e.getMessage().contains("expected atom line 2 of 2"), e.getMessage());
        e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0 1\"\nNa 0 x 0\n"));
        assertTrue(e.getMessage().startsWith("bad.xyz:3") && e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0\"\nNa 0 0 0\n"));
        assertTrue(e.getMessage().startsWith("bad.xyz:2") && e.getMessage().contains("9 numbers"), e.getMessage());
        e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0 1\nNa 0 0 0\n"));
        assertTrue(e.getMessage().startsWith("bad.xyz:2") && e.getMessage().contains("unterminated"), e.getMessage());
        e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0 1\"\nQq 0 0 0\n"));
        assertTrue(e.getMessage().contains("unknown element"), e.getMessage());
        e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "1\nLattice=\"1 0 0 2 0 0 0 0 1\"\nNa 0 0 0\n"));
        assertTrue(e.getMessage().startsWith("bad.xyz:2"), e.getMessage());
        e = assertThrows(InputException.class, () -> ExtXyzFormat.parse("bad.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0 1\"\nNa 0 0 NaN\n"));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void readsLammpsReferenceResultsConsistently() {
        Path p = RefFiles.lammps("A2_nacl_buck_ewald/tric/results.A2_tric.extxyz");
        Structure s = Formats.readFirst(p);
        assertEquals(512, s.size());
        assertEquals(-2.039567066285e+03, s.energy(), 0);
        // the file's own virial (kept in info because stress took precedence) equals −σV to the 13 printed digits
        double[] w = (double[]) s.info().get("virial");
        for (int k = 0; k < 9; k++) assertEquals(w[k], s.virial()[k], 1e-11 * 40);
        assertEquals(-1.0, s.charges()[0], 0);
        assertEquals(1.148199321600e+04, s.cell().volume(), 1e-8);
        Cell c = s.cell();
        assertEquals(5.64, c.get(1, 0), 0);
    }

    @Test
    void aseMomentaBecomeVelocities() {
        // 1 ASE velocity unit = √(eV/amu) = 98.2269 Å/ps (ase.units: fs = 1e-15·1e10·√(e/amu))
        String t = "1\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:masses:R:1:momenta:R:3\nAr 0 0 0 2.0 0.2 0 0\n";
        Structure s = ExtXyzFormat.parse("m.xyz", t).get(0);
        assertEquals(0.1 * 98.22694788, s.velocities()[0], 1e-6);
    }
}
