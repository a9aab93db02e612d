package org.scalebridge.potential.mtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalebridge.core.InputException;

/** .mtp / .almtp reading and writing: MLIP's own files survive a read-write round trip byte for byte. */
class MtpFormatTest {
    @ParameterizedTest
    @ValueSource(strings = {"templates/06.mtp", "templates/08.mtp", "templates/10.mtp", "templates/12.mtp",
        "templates/16.mtp", "templates/20.mtp", "mo/Mo_l10.mtp", "mo/Mo_l16.mtp", "multi/pba5_l10.mtp",
        "multi/binary_l16.mtp", "grades/Mo60_l10.mtp"})
    void roundTripIsByteIdentical(String name) throws Exception {
        Path f = MtpReferenceTest.ref().resolve(name);
        MtpModel m = MtpFormat.read(f);
        // the shipped templates use CRLF line ends; the trained files LF
        assertEquals(Files.readString(f, StandardCharsets.ISO_8859_1).replace("\r\n", "\n"), MtpFormat.format(m));
    }

    @Test
    void almtpTextPartEqualsPlainMtp() throws Exception {
        MtpModel a = MtpFormat.read(MtpReferenceTest.ref().resolve("grades/Mo60_l10_cfg.almtp"));
        String plain = Files.readString(MtpReferenceTest.ref().resolve("grades/Mo60_l10.mtp"), StandardCharsets.ISO_8859_1);
        assertEquals(plain, MtpFormat.format(a));
        assertEquals(41, a.parameterCount());
        assertEquals(10, a.level());
    }

    @Test
    void templateCountsMatchReadme(@TempDir Path dir) {
        int[][] expect = {{6, 22, 71, 410}, {8, 26, 75, 414}, {10, 41, 114, 621}, {12, 54, 127, 634},
            {16, 125, 222, 897}, {20, 329, 450, 1293}};
        for (int[] e : expect) {
            MtpModel m = MtpFormat.read(MtpReferenceTest.ref().resolve(String.format("templates/%02d.mtp", e[0])));
            assertFalse(m.isTrained());
            assertEquals(e[0], m.level());
            int[] cs = {1, 2, 5};
            for (int q = 0; q < 3; q++) {
                m.speciesCount = cs[q];
                assertEquals(e[q + 1], m.parameterCount());
            }
        }
    }

    @Test
    void lammpsExportWritesPotentialAndInputLines(@TempDir Path dir) throws Exception {
        MtpModel m = MtpFormat.read(MtpReferenceTest.ref().resolve("multi/pba5_l10.mtp"));
        MtpLammpsExport.export(m, new int[] {11, 25, 26, 6, 7}, dir, "pba");
        assertEquals(MtpFormat.format(m), Files.readString(dir.resolve("pba.mtp")));
        assertTrue(Files.readString(dir.resolve("mlip.ini")).contains("mtp-filename pba.mtp"));
        String in = Files.readString(dir.resolve("pba.lammps.in"));
        assertTrue(in.contains("pair_style mlip mlip.ini") && in.contains("1 = Na, 2 = Mn, 3 = Fe, 4 = C, 5 = N"), in);
    }

    @Test
    void lammpsMlMtpLayout(@TempDir Path dir) throws Exception {
        MtpModel m = MtpFormat.read(MtpReferenceTest.ref().resolve("multi/binary_l16.mtp"));
        assertEquals(java.util.List.of(), MtpLammpsExport.mlMtpProblems(MtpFormat.format(m)));
        // MLIP-3 labels (e.g. cfg types 3 and 7) are written back as 0..C-1: ML-MTP uses them as coefficient indices
        m.blockSpecies = new int[] {3, 7};
        assertTrue(MtpLammpsExport.mlMtpProblems(MtpFormat.format(m)).toString().contains("label 3-3"));
        MtpLammpsExport.export(m, new int[] {42, 41}, dir, "bin");
        assertEquals(java.util.List.of(), MtpLammpsExport.mlMtpProblems(Files.readString(dir.resolve("bin.mtp"))));
        assertArrayEquals(m.parameters(), MtpFormat.read(dir.resolve("bin.mtp")).parameters(), 0.0);
        assertTrue(Files.readString(dir.resolve("bin.lammps.in")).contains("pair_coeff * * bin.mtp 0 1\n"));
        // what the ML-MTP reader rejects: an untrained template, another version line
        MtpModel t = MtpFormat.read(MtpReferenceTest.ref().resolve("templates/10.mtp"));
        assertTrue(MtpLammpsExport.mlMtpProblems(MtpFormat.format(t)).toString().contains("radial_coeffs missing"));
        String v = MtpFormat.format(MtpFormat.read(MtpReferenceTest.ref().resolve("mo/Mo_l10.mtp"))).replace("version = 1.1.0", "version = 1.1");
        assertTrue(MtpLammpsExport.mlMtpProblems(v).toString().contains("version = 1.1.0"));
    }

    @Test
    void badInputNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.mtp");
        Files.writeString(f, "MTP\nversion = 1.1.0\nspecies_count = x\n");
        InputException e = assertThrows(InputException.class, () -> MtpFormat.read(f));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("bad.mtp"));
        Files.writeString(f, "MTQ\n");
        assertThrows(InputException.class, () -> MtpFormat.read(f));
        Files.writeString(f, "MTP\nradial_funcs_count = 2\nalpha_moments_count = 1\nalpha_index_basic = {{5, 0, 0, 0}}\nalpha_moment_mapping = {0}\n");
        assertThrows(InputException.class, () -> MtpFormat.read(f));
    }
}
