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

class LammpsDumpFormatTest {
    @TempDir Path tmp;

    static List<Structure> parse(String text, IoOptions o) {
        try (TrajectoryReader r = LammpsDumpFormat.reader(LineReader.ofString("t.dump", text), o)) {
            return r.readAll();
        }
    }

    static final String TRIC = """
            ITEM: TIMESTEP
            100
            ITEM: NUMBER OF ATOMS
            3
            ITEM: BOX BOUNDS xy xz yz pp pp ff
            -1.5 12.0 1.0
            0.0 9.0 -1.5
            0.0 8.0 0.5
            ITEM: ATOMS id type xs ys zs ix iy iz vx vy vz fx fy fz q c_pe
            3 2 0.5 0.5 0.5 0 0 1 0.1 0.2 0.3 1 2 3 -1 -0.5
            1 1 0 0 0 -1 0 0 0 0 0 0 0 0 1 -0.25
            2 1 0.25 0 0 0 2 0 0 0 0 0 0 0 1 -0.125
            """;

    @Test
    void triclinicBoundingBoxScaledCoordinatesAndSortById() {
        Structure s = parse(TRIC, IoOptions.defaults().types("Na", "Cl")).get(0);
        // bounding box: xlo_b = xlo + min(0,xy,xz,xy+xz) = xlo − 1.5 → xlo = 0; xhi_b = xhi + max(...) = xhi + 1 → xhi = 11
        // ylo_b = ylo + min(0,yz) → ylo = 0; yhi_b = yhi + max(0,yz) = yhi + 0.5 → yhi = 8.5
        assertArrayEquals(new double[] {11, 0, 0, 1.0, 8.5, 0, -1.5, 0.5, 8.0}, s.cell().matrix(), 1e-15);
        assertArrayEquals(new boolean[] {true, true, false}, s.cell().pbc());
        assertEquals(3, s.size());
        assertEquals("Na", s.symbol(0));
        assertEquals("Cl", s.symbol(2));
        assertEquals(1, s.array("id").ints()[0]);
        assertEquals(3, s.array("id").ints()[2]);
        // atom id 3 at s = (½,½,½): r = origin + s·H
        assertEquals(0.5 * (11 + 1.0 - 1.5), s.x(2), 1e-14);
        assertEquals(0.5 * (8.5 + 0.5), s.y(2), 1e-14);
        assertEquals(4.0, s.z(2), 1e-14);
        assertEquals(2.75, s.x(1), 1e-14);
        assertArrayEquals(new int[] {-1, 0, 0, 0, 2, 0, 0, 0, 1}, java.util.Arrays.copyOf(s.images(), 9));
        assertEquals(0.3, s.velocities()[8], 0);
        assertEquals(3, s.forces()[8], 0);
        assertEquals(-1, s.charges()[2], 0);
        assertEquals(-0.5, s.array("c_pe").reals()[2], 0);
        assertEquals(100L, s.info().get("timestep"));
    }

    @Test
    void writeReadRoundTripRotatesGeneralCellsIntoLammpsFrame() throws Exception {
        Cell c = new Cell(new double[][] {{4, 1, 0.5}, {0.3, 5, 0.2}, {-0.4, 0.6, 6}});
        Structure s = new Structure(c);
        s.addAtom("Na", 0.1, 0.2, 0.3);
        s.addAtom("Cl", 2.1, 2.2, 2.9);
        s.ensureForces()[3] = 0.7;
        Path p = tmp.resolve("x.lammpstrj");
        Formats.write(p, List.of(s, s));
        List<Structure> back = Formats.read(p);
        assertEquals(2, back.size());
        Structure b = back.get(0);
        assertEquals("Cl", b.symbol(1));
        assertEquals(c.volume(), b.cell().volume(), 1e-12);
        // distances are invariant under the rotation
        assertEquals(s.distance(0, 1), b.distance(0, 1), 1e-12);
        double[] p1 = c.parameters(), p2 = b.cell().parameters();
        assertArrayEquals(p1, p2, 1e-12);
        // the force rotates with the frame: |f| kept
        double[] f = b.forces();
        assertEquals(0.7, Math.sqrt(f[3] * f[3] + f[4] * f[4] + f[5] * f[5]), 1e-14);
    }

    @Test
    void readsLammpsReferenceDumpAgreeingWithTheExtxyzOfTheSameRun() {
        Structure d = Formats.readFirst(RefFiles.lammps("A2_nacl_buck_ewald/tric/dump.A2_tric.forces"),
                IoOptions.defaults().types("Na", "Cl"));
        Structure x = Formats.readFirst(RefFiles.lammps("A2_nacl_buck_ewald/tric/results.A2_tric.extxyz"));
        assertEquals(x.size(), d.size());
        assertArrayEquals(x.cell().matrix(), d.cell().matrix(), 1e-12);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(x.atomicNumber(i), d.atomicNumber(i));
            // %.12e vs %.16e of the same doubles: 13 significant digits, |r| < 30 Å
            for (int k = 0; k < 3; k++) {
                assertEquals(x.positions()[3 * i + k], d.positions()[3 * i + k], 3e-11);
                assertEquals(x.forces()[3 * i + k], d.forces()[3 * i + k], 1e-11);
            }
            assertEquals(x.array("lammps_pe_atom").reals()[i], d.array("c_peatom").reals()[i], 1e-11);
        }
    }

    @Test
    void streamsTheUnwrappedLjTrajectory() {
        Path p = RefFiles.lammps("B3_lj_msd/traj_unwrapped.dump");
        int frames = 0;
        try (TrajectoryReader r = Formats.openTrajectory(p)) {
            Structure s;
            while ((s = r.next()) != null) {
                assertEquals(500, s.size());
                frames++;
            }
        }
        assertEquals(201, frames);
    }

    @Test
    void badInputNamesFileLineAndExpectation() {
        String trunc = TRIC.substring(0, TRIC.lastIndexOf("2 1 0.25"));
        InputException e = assertThrows(InputException.class, () -> parse(trunc, null));
        assertTrue(e.getMessage().startsWith("t.dump:12") && e.getMessage().contains("atom line 3 of 3"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TRIC.replace("0.25 0 0 0 2 0", "0.25 0 0 0 2.5 0"), null));
        assertTrue(e.getMessage().startsWith("t.dump:12") && e.getMessage().contains("integer"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TRIC.replace("3 2 0.5", "1 2 0.5"), null));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        e = assertThrows(InputException.class, () -> parse(TRIC.replace("0.0 9.0 -1.5", "0.0 9.0"), null));
        assertTrue(e.getMessage().startsWith("t.dump:7") && e.getMessage().contains("3 numbers"), e.getMessage());
    }

    @Test
    void detectionByContentIgnoresMisleadingNames() throws Exception {
        Path p = tmp.resolve("frames.txt");
        Files.writeString(p, TRIC);
        assertEquals("lammps-dump", Formats.detect(p).name());
        Path q = tmp.resolve("something.dump");
        Files.writeString(q, "1\nLattice=\"3 0 0 0 3 0 0 0 3\"\nAr 0 0 0\n");
        assertEquals("extxyz", Formats.detect(q).name());
    }
}
