package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** Frame index: byte offsets of frames, random access equal to a full read, growing files, sequential fallback. */
class FrameIndexTest {
    @TempDir Path dir;

    /** Frames with different atom counts and positions, so a wrong offset cannot go unnoticed. */
    private static List<Structure> frames(int n) {
        List<Structure> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            Structure s = new Structure(Cell.orthorhombic(10 + f, 11, 12));
            for (int i = 0; i < 3 + f % 4; i++) s.addAtom(i % 2 == 0 ? "Na" : "Fe", 0.5 + i + 0.01 * f, 1.25 * i, 2 + 0.1 * f);
            out.add(s);
        }
        return out;
    }

    private static void assertSame(Structure a, Structure b) {
        assertEquals(a.size(), b.size());
        assertArrayEquals(a.atomicNumbers(), java.util.Arrays.copyOf(b.atomicNumbers(), b.size()));
        for (int i = 0; i < 3 * a.size(); i++) assertEquals(a.positions()[i], b.positions()[i], 1e-9);   // text round trip
        assertArrayEquals(a.cell().matrix(), b.cell().matrix(), 1e-9);
    }

    @Test
    void extxyzRandomAccessMatchesFullRead() {
        Path f = dir.resolve("t.extxyz");
        List<Structure> fr = frames(9);
        Formats.write(f, fr);
        List<Structure> all = Formats.read(f);
        try (FrameIndex ix = FrameIndex.open(f, IoOptions.defaults(), 2)) {
            assertTrue(ix.seekable());
            assertEquals(9, ix.size());
            for (int k : new int[] {8, 0, 4, 3, 8, 1}) assertSame(all.get(k), ix.frame(k));
            assertThrows(IndexOutOfBoundsException.class, () -> ix.frame(9));
        }
    }

    @Test
    void lammpsDumpRandomAccessMatchesFullRead() {
        Path f = dir.resolve("t.lammpstrj");
        Formats.write(f, frames(6));
        List<Structure> all = Formats.read(f);
        try (FrameIndex ix = FrameIndex.open(f)) {
            assertTrue(ix.seekable());
            assertEquals(6, ix.size());
            for (int k = 5; k >= 0; k--) assertSame(all.get(k), ix.frame(k));
            assertTrue(ix.offset(1) > ix.offset(0));
        }
    }

    @Test
    void growingFileIndexesOnlyCompleteFrames() throws Exception {
        Path f = dir.resolve("live.extxyz");
        Formats.write(f, frames(2));
        String more = Files.readString(dir.resolve("live.extxyz"));
        try (FrameIndex ix = FrameIndex.open(f)) {
            assertEquals(2, ix.size());
            // a writer mid-way through a frame: header and two of its lines
            String[] lines = more.split("\n");
            int n0 = Integer.parseInt(lines[0].trim());
            StringBuilder part = new StringBuilder();
            for (int i = 0; i < 3; i++) part.append(lines[i]).append('\n');
            Files.writeString(f, part, StandardOpenOption.APPEND);
            assertEquals(2, ix.refresh(), "an incomplete frame is not indexed");
            StringBuilder rest = new StringBuilder();
            for (int i = 3; i < n0 + 2; i++) rest.append(lines[i]).append('\n');
            Files.writeString(f, rest, StandardOpenOption.APPEND);
            assertEquals(3, ix.refresh());
            assertSame(ix.frame(0), ix.frame(2));
        }
    }

    @Test
    void gzipFallsBackToSequentialAccess() throws Exception {
        Path plain = dir.resolve("p.extxyz"), gz = dir.resolve("p.extxyz.gz");
        Formats.write(plain, frames(5));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) { o.write(Files.readAllBytes(plain)); }
        List<Structure> all = Formats.read(plain);
        try (FrameIndex ix = FrameIndex.open(gz, IoOptions.defaults(), 1)) {
            assertFalse(ix.seekable());
            assertEquals(5, ix.size());
            for (int k : new int[] {1, 2, 4, 0, 3}) assertSame(all.get(k), ix.frame(k));
        }
    }

    @Test
    void badCountLineNamesTheByte() throws Exception {
        Path f = dir.resolve("bad.xyz");
        Files.writeString(f, "2\nc\nNa 0 0 0\nNa 1 1 1\nabc\n", StandardCharsets.UTF_8);
        var e = assertThrows(org.scalebridge.core.InputException.class, () -> FrameIndex.open(f));
        assertTrue(e.getMessage().contains("byte"), e.getMessage());
    }
}
