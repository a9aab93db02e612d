package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalebridge.cli.MdCommandTest.argonFcc;
import static org.scalebridge.cli.MdCommandTest.runCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.mtp.MtpBasisGenerator;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;

/** {@code scalebridge md} with every potential style of the run configuration: surrogate, force-field TOML, MTP. */
class MdCommandForceFieldTest {
    static final String RUN = """
            [run]
            steps = 20
            dt_fs = 2.0
            seed = 3
            initial_temperature_K = 50

            [integrator]
            ensemble = "nve"

            [output]
            thermo_every = 10
            """;

    /** Potential energy of the first thermo row (step 0) of thermo.csv. */
    static double firstPe(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",");
        int col = -1;
        for (int k = 0; k < head.length; k++) if (head[k].trim().toLowerCase().startsWith("pe")) col = k;
        assertTrue(col >= 0, lines.get(0));
        return Double.parseDouble(lines.get(1).split(",")[col]);
    }

    @Test
    void shippedSurrogateSampleRuns(@TempDir Path dir) throws Exception {
        // the shipped sample configuration, shortened, on the 64-atom rhombohedral x = 2 cell
        String sample = Files.readString(Path.of("samples/md/mnfepba-surrogate-npt.toml"));
        assertTrue(sample.contains("steps = 20000"));
        Path cfg = dir.resolve("surrogate.toml");
        Files.writeString(cfg, sample.replace("steps = 20000", "steps = 40").replace("thermo_every = 200", "thermo_every = 20")
                .replace("every = 200", "every = 20"));
        Path xyz = Path.of("samples/structures/pba-rhombohedral-x2.extxyz").toAbsolutePath();
        String[] r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("(mnfepba-surrogate)") && r[1].contains("done: 40 steps of 64 atoms"), r[1]);
        assertEquals(1 + 3, Files.readAllLines(dir.resolve("mnfepba-npt-out/thermo.csv")).size());
    }

    @Test
    void forceFieldTomlGivesTheSameEnergyAsTheLjStyle(@TempDir Path dir) throws Exception {
        Path xyz = argonFcc(dir);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/md.toml"), RUN + """
                [potential]
                style = "lj"
                cutoff_A = 8.5
                pairs = [ { a = "Ar", b = "Ar", epsilon_eV = 0.010323, sigma_A = 3.405 } ]
                """);
        Files.writeString(dir.resolve("b/ar-ff.toml"), """
                [[terms]]
                style = "lj/cut"
                cutoff = 8.5
                pairs = [ { i = "Ar", j = "Ar", epsilon = 0.010323, sigma = 3.405 } ]
                """);
        Files.writeString(dir.resolve("b/md.toml"), RUN + """
                [potential]
                file = "ar-ff.toml"          # style inferred: forcefield
                """);
        String[] ra = runCli("md", xyz.toString(), dir.resolve("a/md.toml").toString());
        String[] rb = runCli("md", xyz.toString(), dir.resolve("b/md.toml").toString());
        assertEquals("0", ra[0], ra[1] + ra[2]);
        assertEquals("0", rb[0], rb[1] + rb[2]);
        assertTrue(rb[1].contains("(forcefield)"), rb[1]);
        double ea = firstPe(dir.resolve("a/thermo.csv")), eb = firstPe(dir.resolve("b/thermo.csv"));
        assertTrue(ea < 0);
        // same lj/cut term through two configuration paths: equal up to the CSV's printed digits
        assertEquals(ea, eb, 1e-9 * Math.abs(ea));
    }

    /** A small "trained" one-species MTP (level 4, tiny seeded coefficients) for argon, written as a .mtp file. */
    static MtpModel tinyMtp() {
        MtpModel m = MtpBasisGenerator.generate(4, 1);
        m.minDist = 2.5;
        m.maxDist = 6.0;
        m.radialCoeffs = new double[m.radialParameterCount()];
        for (int q = 0; q < m.radialCoeffs.length; q++) m.radialCoeffs[q] = 0.01 * Math.sin(1.3 * q + 0.4);
        m.speciesCoeffs = new double[] {-0.05};
        m.momentCoeffs = new double[m.alphaScalarMoments()];
        for (int q = 0; q < m.momentCoeffs.length; q++) m.momentCoeffs[q] = 1e-3 * Math.cos(0.7 * q);
        return m;
    }

    @Test
    void mtpFileRunsAndMatchesTheDirectEnergy(@TempDir Path dir) throws Exception {
        Path xyz = argonFcc(dir);
        MtpModel m = tinyMtp();
        MtpFormat.write(dir.resolve("ar.mtp"), m);
        Files.writeString(dir.resolve("md.toml"), RUN + """
                [potential]
                style = "mtp"
                file = "ar.mtp"
                species = ["Ar"]
                """);
        String[] r = runCli("md", xyz.toString(), dir.resolve("md.toml").toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("(mtp)") && r[1].contains("done: 20 steps"), r[1]);
        double direct;
        try (MtpPotential p = new MtpPotential(MtpFormat.read(dir.resolve("ar.mtp")), 18)) {
            direct = p.energy(Formats.readFirst(xyz));
        }
        assertEquals(direct, firstPe(dir.resolve("thermo.csv")), 1e-9 * Math.abs(direct) + 1e-9);
    }

    @Test
    void badPotentialSectionsNameTheField(@TempDir Path dir) throws Exception {
        Path xyz = argonFcc(dir);
        MtpFormat.write(dir.resolve("ar.mtp"), tinyMtp());
        Path cfg = dir.resolve("md.toml");
        String[][] cases = {
                {"style = \"mtp\"\nfile = \"ar.mtp\"", "potential.species"},
                {"style = \"mtp\"\nfile = \"ar.mtp\"\nspecies = [\"Ar\", \"Ne\"]", "has 1 species types but 2"},
                {"style = \"mtp\"\nfile = \"ar.mtp\"\nspecies = [\"Na\"]", "the structure has Ar"},
                {"style = \"mtp\"\nfile = \"missing.mtp\"\nspecies = [\"Ar\"]", "potential.file: file not found"},
                {"style = \"mnfepba-surrogate\"\ncutoff_A = 8", "potential.cutoff_A: unknown setting"},
                {"style = \"mnfepba-surrogate\"", "Ar is not part of the MnFePBA surrogate"},
                {"style = \"forcefield\"", "potential.file: give either file"},
                {"style = \"forcefield\"\nfile = \"nope.toml\"", "potential.file: file not found"},
                {"style = \"eam\"", "potential.style"},
                {"file = \"pot.xyz\"", "potential.style: is required"},
        };
        for (String[] c : cases) {
            Files.writeString(cfg, RUN + "[potential]\n" + c[0] + "\n");
            String[] r = runCli("md", xyz.toString(), cfg.toString());
            assertEquals("2", r[0], c[0] + " -> " + r[1] + r[2]);
            assertTrue(r[2].contains(c[1]), c[0] + " -> " + r[2]);
        }
    }
}
