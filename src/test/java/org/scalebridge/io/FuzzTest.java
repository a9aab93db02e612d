package org.scalebridge.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One seeded fuzz run per format: at least 2,000 mutated files each, every failure a located InputException. */
class FuzzTest {
    @TempDir Path tmp;

    static final int CASES = 2000;

    static String resource(String name) throws IOException {
        try (var in = FuzzTest.class.getResourceAsStream("/io/" + name)) {
            if (in == null) throw new IOException("missing test resource /io/" + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void extxyz() {
        List<String> seeds = List.of(ExtXyzFormatTest.TWO_FRAMES,
                "3\nplain comment\nO 0 0 0\nH 0.96 0 0\nH -0.24 0.93 0\n",
                "2\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:3:velocities:R:3:charges:R:1:masses:R:1 virial=\"1 0 0 0 1 0 0 0 1\" pbc=\"T T T\"\n"
                        + "Na 0 0 0 1 2 3 1 22.9\nCl 2 2 2 0 0 0 -1 35.4\n");
        System.out.println(Fuzz.run(new ExtXyzFormat(), seeds, "f.extxyz", 11, CASES, tmp));
    }

    @Test
    void lammpsDump() {
        String ortho = """
                ITEM: TIMESTEP
                5
                ITEM: NUMBER OF ATOMS
                2
                ITEM: BOX BOUNDS pp pp pp
                0 5
                0 5
                0 5
                ITEM: ATOMS id type element xu yu zu
                2 1 Na 1 1 1
                1 2 Cl 0 0 0
                ITEM: TIMESTEP
                6
                ITEM: NUMBER OF ATOMS
                1
                ITEM: BOX BOUNDS abc origin pp pp pp
                5 0 0 0
                1 5 0 0
                0 1 5 0
                ITEM: ATOMS id type x y z
                1 1 0 0 0
                """;
        System.out.println(Fuzz.run(new LammpsDumpFormat(), List.of(LammpsDumpFormatTest.TRIC, ortho), "f.lammpstrj", 12, CASES, tmp));
    }

    @Test
    void lammpsData() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(LammpsDataFormatTest.SMALL, resource("lammps/full.data")));
        System.out.println(Fuzz.run(new LammpsDataFormat(), seeds, "f.data", 13, CASES, tmp));
    }

    static List<String> seedsFrom(String... names) throws IOException {
        List<String> out = new ArrayList<>();
        for (String n : names) out.add(resource(n));
        return out;
    }

    static void write(Path p, String s) throws IOException { Files.writeString(p, s); }
}
