package org.scalebridge.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Structure;

/** MLIP .cfg reading/writing, including a seeded mutation fuzz test of the error handling. */
class MlipCfgTest {
    static Path ref() {
        return Path.of(System.getProperty("scalebridge.reference", "../shared/reference")).resolve("mtp");
    }

    @Test
    void readsReferenceFilesAndRoundTripsThem(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"mo/Mo_test_reference_efs.cfg", "multi/pba5_l10_reference_efs.cfg",
            "multi/binary_l16_reference_efs.cfg", "grades/Mo60_grades_mlip3_nbhmode.cfg"}) {
            Path f = ref().resolve(name);
            List<MlipCfg.Configuration> a = MlipCfg.read(f);
            Path g = dir.resolve("out.cfg");
            MlipCfg.write(g, a);
            List<MlipCfg.Configuration> b = MlipCfg.read(g);
            assertEquals(a.size(), b.size());
            for (int c = 0; c < a.size(); c++) {
                MlipCfg.Configuration x = a.get(c), y = b.get(c);
                assertEquals(x.size, y.size);
                assertArrayEquals(x.type, y.type);
                assertArrayEquals(x.positions, y.positions, 5e-7);
                assertArrayEquals(x.lattice, y.lattice, 5e-7);
                if (x.forces != null) assertArrayEquals(x.forces, y.forces, 5e-7);
                if (x.energy != null) assertEquals(x.energy, y.energy, 5e-12);
                if (x.plusStress != null) assertArrayEquals(x.plusStress, y.plusStress, 5e-6);
                assertEquals(x.features, y.features);
                assertEquals(x.atomColumns.keySet(), y.atomColumns.keySet());
            }
        }
        List<MlipCfg.Configuration> mo = MlipCfg.read(ref().resolve("mo/Mo_test.cfg"));
        assertEquals(23, mo.size());
        assertEquals("Vacancy", mo.get(0).features.get("mlearn_group"));
        List<MlipCfg.Configuration> g = MlipCfg.read(ref().resolve("grades/Mo60_grades_mlip3_nbhmode.cfg"));
        assertNotNull(g.get(0).atomColumns.get("nbh_grades"));
        List<MlipCfg.Configuration> in = MlipCfg.read(ref().resolve("multi/pba5_l10_input.cfg"));
        assertNull(in.get(0).forces);
        assertNull(in.get(0).energy);
    }

    @Test
    void toStructureCarriesEnergyForcesAndVirial() {
        MlipCfg.Configuration c = MlipCfg.read(ref().resolve("mo/Mo_test.cfg")).get(0);
        Structure s = c.toStructure(new int[] {42});
        assertEquals(c.size, s.size());
        assertEquals(42, s.atomicNumber(0));
        assertEquals(c.energy, s.energy(), 0);
        double[] w = s.virial();
        assertEquals(c.plusStress[5], w[1], 0);
        assertEquals(c.plusStress[3], w[5], 0);
        MlipCfg.Configuration back = MlipCfg.Configuration.fromStructure(s, new int[] {42});
        assertArrayEquals(c.plusStress, back.plusStress, 1e-12);
        assertThrows(InputException.class, () -> MlipCfg.read(ref().resolve("multi/pba5_l10_input.cfg")).get(0).toStructure(new int[] {42}));
    }

    @Test
    void directCoordinatesAndErrorsWithLocation(@TempDir Path dir) throws Exception {
        String ok = "BEGIN_CFG\n Size\n 1\n Supercell\n 2 0 0\n 0 2 0\n 0 0 2\n AtomData: id type direct_x direct_y direct_z\n 1 0 0.5 0.25 0\nEND_CFG\n";
        MlipCfg.Configuration c = MlipCfg.parse(ok, "t").get(0);
        assertArrayEquals(new double[] {1, 0.5, 0}, c.positions, 1e-15);
        Path f = dir.resolve("bad.cfg");
        Files.writeString(f, ok.replace("0.25", "abc"));
        InputException e = assertThrows(InputException.class, () -> MlipCfg.read(f));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().startsWith(f.toString() + ":9"), e.getMessage());
        e = assertThrows(InputException.class, () -> MlipCfg.parse(ok.replace("END_CFG\n", ""), "t"));
        assertTrue(e.line() > 0);
        e = assertThrows(InputException.class, () -> MlipCfg.parse(ok.replace(" 1\n Supercell", " 99999999\n Supercell"), "t"));
        assertEquals(3, e.line());
    }

    /**
     * Seeded mutation fuzzing: ≥ 2,000 corrupted variants of a real file; every failure must be an InputException
     * naming the source and a line. Time-bounded (stops after 20 s even if fewer cases ran, which would fail).
     */
    @Test
    void fuzzEveryFailureIsAnInputExceptionWithLocation() throws Exception {
        String base = Files.readString(ref().resolve("multi/binary_l16_reference_efs.cfg"), StandardCharsets.UTF_8);
        // keep the fuzz input small: the tiny 4-atom configuration, twice
        String tiny = base.substring(base.lastIndexOf("BEGIN_CFG"));
        String small = tiny + tiny;
        assertEquals(2, MlipCfg.parse(small, "fuzz.cfg").size());
        Rng rng = new Rng(20261122);
        String[] tokens = {"BEGIN_CFG", "END_CFG", "Size", "Supercell", "AtomData:", "Energy", "PlusStress:", "Feature",
            "nan", "inf", "-1", "1e999", "0", "99999999999", "\t", ":", "{", "id", "type", "fx", "cartes_x", "direct_x", "\n"};
        long t0 = System.nanoTime();
        int cases = 0, failures = 0;
        while (cases < 3000 && System.nanoTime() - t0 < 20e9) {
            StringBuilder b = new StringBuilder(small);
            int nm = 1 + (int) (rng.nextDouble() * 3);
            for (int m = 0; m < nm; m++) {
                int pos = (int) (rng.nextDouble() * b.length());
                switch ((int) (rng.nextDouble() * 6)) {
                    case 0 -> b.deleteCharAt(Math.min(pos, b.length() - 1));
                    case 1 -> b.insert(pos, (char) (32 + rng.nextDouble() * 95));
                    case 2 -> b.insert(pos, tokens[(int) (rng.nextDouble() * tokens.length)]);
                    case 3 -> b.setLength(pos);
                    case 4 -> { // delete a line
                        int s = b.lastIndexOf("\n", pos) + 1, e = b.indexOf("\n", pos);
                        if (e > s) b.delete(s, e + 1);
                    }
                    default -> { // duplicate a line
                        int s = b.lastIndexOf("\n", pos) + 1, e = b.indexOf("\n", pos);
                        if (e > s) b.insert(s, b.substring(s, e + 1));
                    }
                }
                if (b.length() == 0) b.append("x");
            }
            cases++;
            try {
                MlipCfg.parse(b.toString(), "fuzz.cfg");
            } catch (InputException e) {
                failures++;
                if (!"fuzz.cfg".equals(e.source()) || e.line() < 1 || !e.getMessage().startsWith("fuzz.cfg:")) {
                    fail("InputException without a location: " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                fail("case " + cases + " threw " + e + " instead of an InputException; input:\n" + b);
            }
        }
        System.out.printf("MlipCfg fuzz: %d cases, %d rejected with a located InputException%n", cases, failures);
        assertTrue(cases >= 2000, "only " + cases + " fuzz cases ran in the time bound");
        assertTrue(failures > cases / 4);
    }
}
