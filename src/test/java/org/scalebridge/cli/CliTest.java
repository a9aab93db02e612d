package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;

/** The headless CLI: build, info, convert, help, and bad input (exit code 2 with one line). */
class CliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, bo.toString(StandardCharsets.UTF_8), be.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test
    void buildInfoConvert() {
        Path out = dir.resolve("out.extxyz");
        Run b = run("build", "pba", "--x", "1.8", "--phase", "rhombohedral", "--supercell", "2x2x2", "--seed", "1", "-o", out.toString());
        assertEquals(0, b.code(), b.err());
        Structure s = Formats.readFirst(out);
        assertEquals(8 * 56 + 58, s.size());
        assertEquals(58, s.count(11));
        Run i = run("info", out.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("formula:"), i.out());
        assertTrue(i.out().contains("a=19.12800"), i.out());
        assertTrue(i.out().contains("α=82.6000"), i.out());
        assertTrue(i.out().contains("Na 58"), i.out());
        assertTrue(i.out().contains("density:"), i.out());
        // 2 formula-unit groups: gcd(32 Fe, 32 Mn, 192 C, 192 N, 58 Na) = 2
        assertTrue(i.out().contains("× 2 formula units"), i.out());
        Path data = dir.resolve("out.data");
        Run c = run("convert", out.toString(), data.toString());
        assertEquals(0, c.code(), c.err());
        Run back = run("convert", "--types", "C,N,Na,Mn,Fe", data.toString(), dir.resolve("back.extxyz").toString());
        assertEquals(0, back.code(), back.err());
        Structure r = Formats.readFirst(dir.resolve("back.extxyz"));
        assertEquals(s.size(), r.size());
        assertEquals(s.composition(), r.composition());
    }

    @Test
    void roundTripsThroughPoscarAndCif() {
        Path src = Path.of("samples/structures/pba-rhombohedral-x2.extxyz");
        Structure s = Formats.readFirst(src);
        for (String name : new String[] {"POSCAR", "p1.cif"}) {
            Path out = dir.resolve(name);
            assertEquals(0, run("convert", src.toString(), out.toString()).code());
            Run i = run("info", out.toString());
            assertEquals(0, i.code(), i.err());
            assertTrue(i.out().contains("composition:   C 24, N 24, Na 8, Mn 4, Fe 4"), i.out());
            Structure r = Formats.readFirst(out);
            assertEquals(s.size(), r.size());
            // same lattice (parameters to 1e-6 Å / degree: text formats carry ≥ 8 significant digits)
            double[] p = s.cell().parameters(), q = r.cell().parameters();
            for (int k = 0; k < 6; k++) assertEquals(p[k], q[k], 1e-6, name);
            assertEquals(s.density(), r.density(), 1e-6, name);
        }
    }

    @Test
    void interfaceSeriesFrames() {
        Path out = dir.resolve("if.extxyz");
        Run b = run("build", "interface", "--repeats", "4", "--series", "-o", out.toString());
        assertEquals(0, b.code(), b.err());
        List<Structure> frames = Formats.read(out);
        assertEquals(4, frames.size());
        for (int n = 1; n <= 4; n++) assertEquals(4 * n, frames.get(n - 1).count(11));
    }

    @Test
    void helpEverywhere() {
        for (String[] a : new String[][] {{"--help"}, {"info", "--help"}, {"convert", "--help"}, {"build", "--help"},
                {"build", "pba", "--help"}, {"build", "interface", "--help"}, {"studio", "--help"}}) {
            Run r = run(a);
            assertEquals(0, r.code(), String.join(" ", a));
            assertTrue(r.out().contains("Usage:"), String.join(" ", a) + ": " + r.out());
        }
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        Path garbage = dir.resolve("garbage.extxyz");
        Files.writeString(garbage, "3\nLattice=\"1 0 0 0 1 0\" Properties=species:S:1:pos:R:3\nNa 0 0 0\n");
        String[][] cases = {
            {"info", garbage.toString()},
            {"info", dir.resolve("missing.extxyz").toString()},
            {"build", "pba", "--x", "2.5", "-o", dir.resolve("a.extxyz").toString()},
            {"build", "pba", "--x", "abc", "-o", dir.resolve("a.extxyz").toString()},
            {"build", "pba", "--phase", "cubic", "-o", dir.resolve("a.extxyz").toString()},
            {"build", "pba", "--supercell", "2x2", "-o", dir.resolve("a.extxyz").toString()},
            {"build", "pba", "-o", dir.resolve("a.unknownext").toString()},
            {"build", "pba"},
            {"convert", garbage.toString()},
            {"nosuchcommand"},
        };
        for (String[] a : cases) {
            Run r = run(a);
            assertEquals(2, r.code(), String.join(" ", a) + " → " + r.err());
            String err = r.err().strip();
            assertTrue(err.startsWith("error:"), err);
            assertFalse(err.contains("\n"), "one line: " + err);
            assertFalse(err.contains("Exception"), "no stack trace: " + err);
        }
        assertFalse(Files.exists(dir.resolve("a.extxyz")), "nothing written on bad input");
    }
}
