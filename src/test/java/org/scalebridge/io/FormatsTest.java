package org.scalebridge.io;

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

class FormatsTest {
    @TempDir Path tmp;

    static Path res(String name) throws Exception {
        return Path.of(FormatsTest.class.getResource("/io/" + name).toURI());
    }

    /** Copies a fixture under a neutral name so only its content can identify it. */
    Path anonymous(String name) throws Exception {
        Path p = tmp.resolve("file" + Math.abs(name.hashCode()) + ".txt");
        Files.copy(res(name), p);
        return p;
    }

    @Test
    void detectsEveryFormatByNameAndByContent() throws Exception {
        String[][] cases = {
            {"ase/tric.extxyz", "extxyz"}, {"ase/tric.lammpstrj", "lammps-dump"}, {"ase/ase_charge.data", "lammps-data"},
            {"lammps/full.data", "lammps-data"}, {"ase/POSCAR_tric", "poscar"}, {"ase/XDATCAR_variable", "xdatcar"},
            {"ase/OUTCAR_tric", "outcar"}, {"ase/vasprun.xml", "vasprun"}, {"ase/mono_p21c.cif", "cif"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], Formats.detect(res(c[0])).name(), "by name: " + c[0]);
            assertEquals(c[1], Formats.detect(anonymous(c[0])).name(), "by content: " + c[0]);
        }
    }

    @Test
    void unknownFilesAndEmptyFilesAreReportedWithTheirName() throws Exception {
        Path p = tmp.resolve("notes.txt");
        Files.writeString(p, "hello world\n");
        InputException e = assertThrows(InputException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().startsWith(p + ":1: unrecognised"), e.getMessage());
        Path q = tmp.resolve("empty.xyz");
        Files.writeString(q, "\n\n");
        e = assertThrows(InputException.class, () -> Formats.read(q));
        assertTrue(e.getMessage().startsWith(q + ":1: file holds no structure"), e.getMessage());
        e = assertThrows(InputException.class, () -> Formats.read(tmp.resolve("missing.xyz")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = assertThrows(InputException.class, () -> Formats.write(tmp.resolve("out.unknown"), new Structure(Cell.orthorhombic(3, 3, 3))));
        assertTrue(e.getMessage().contains("extension"), e.getMessage());
    }

    @Test
    void convertsBetweenFormats() throws Exception {
        List<Structure> frames = Formats.read(res("ase/OUTCAR_tric"));
        for (String out : new String[] {"a.extxyz", "a.lammpstrj"}) {
            Path p = tmp.resolve(out);
            Formats.write(p, frames);
            List<Structure> back = Formats.read(p);
            assertEquals(frames.size(), back.size());
            for (int f = 0; f < frames.size(); f++) {
                assertEquals(frames.get(f).formula(), back.get(f).formula());
                assertEquals(frames.get(f).cell().volume(), back.get(f).cell().volume(), 1e-9);
                assertEquals(frames.get(f).distance(0, 3), back.get(f).distance(0, 3), 1e-12);
            }
        }
        for (String out : new String[] {"POSCAR", "a.cif", "data.a"}) {
            Path p = tmp.resolve(out);
            Formats.write(p, frames.get(0));
            Structure b = Formats.readFirst(p);
            assertEquals(frames.get(0).distance(1, 2), b.distance(1, 2), 1e-12, out);
        }
        // single-structure formats refuse several frames instead of dropping some
        assertThrows(InputException.class, () -> Formats.write(tmp.resolve("POSCAR"), frames));
    }

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileUntouched() throws Exception {
        Path p = tmp.resolve("keep.extxyz");
        Files.writeString(p, "precious\n");
        Structure s = new Structure(Cell.orthorhombic(3, 3, 3));
        for (int i = 0; i < 10; i++) s.addAtom("Ar", i * 0.3, 0, 0);
        s.info().put("boom", new Object() {
            @Override public String toString() { throw new IllegalStateException("failure in the middle of a write"); }
        });
        assertThrows(IllegalStateException.class, () -> Formats.write(p, List.of(s, s)));
        assertEquals("precious\n", Files.readString(p));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void trajectoryWriterStreamsFramesAndCommitsAtomically() throws Exception {
        Structure s = new Structure(Cell.orthorhombic(5, 5, 5));
        s.addAtom("Na", 0, 0, 0);
        s.addAtom("Cl", 2.5, 2.5, 2.5);
        for (String name : new String[] {"t.extxyz", "t.lammpstrj"}) {
            Path p = tmp.resolve(name);
            Files.writeString(p, "old\n");
            try (TrajectoryWriter w = Formats.openWriter(p)) {
                for (int k = 0; k < 100; k++) {
                    s.setPosition(0, 0.01 * k, 0, 0);
                    w.write(s);
                    if (k == 50) assertEquals("old\n", Files.readString(p), "target untouched until close");
                }
            }
            List<Structure> back = Formats.read(p);
            assertEquals(100, back.size(), name);
            assertEquals(0.99, back.get(99).x(0), 1e-15, name);
            // an aborted writer leaves the previous file
            TrajectoryWriter w = Formats.openWriter(p);
            w.write(s);
            w.abort();
            assertEquals(100, Formats.read(p).size());
        }
        assertThrows(InputException.class, () -> Formats.openWriter(tmp.resolve("POSCAR")));
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void gzippedFilesAreReadThroughAnyFormat() throws Exception {
        Path p = tmp.resolve("traj.lammpstrj.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(Files.readAllBytes(res("ase/tric.lammpstrj")));
        }
        assertEquals("lammps-dump", Formats.detect(p).name());
        assertEquals(2, Formats.read(p, IoOptions.defaults().types("Na", "Cl")).size());
        Path q = tmp.resolve("broken.xyz.gz");
        byte[] b = Files.readAllBytes(p);
        Files.write(q, java.util.Arrays.copyOf(b, b.length / 2));
        InputException e = assertThrows(InputException.class, () -> Formats.read(q));
        assertTrue(e.getMessage().startsWith(q.toString()), e.getMessage());
    }
}
