package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

class MdCommandTest {
    static final String CONFIG = """
            [run]
            steps = 200
            dt_fs = 5.0
            seed = 7
            initial_temperature_K = 90

            [integrator]
            ensemble = "npt"
            barostat = "mtk"
            coupling = "tri"
            temperature_K = 90
            tau_T_ps = 0.5
            pressure_bar = 100
            tau_P_ps = 2.0

            [potential]
            style = "lj"
            cutoff_A = 8.5
            skin_A = 1.0
            shift = true
            pairs = [ { a = "Ar", b = "Ar", epsilon_eV = 0.010323, sigma_A = 3.405 } ]

            [output]
            thermo_every = 20
            trajectory = ["traj.extxyz", "traj.dump"]
            trajectory_every = 100
            checkpoint = "run.ckpt"
            checkpoint_every = 100
            """;

    static Path argonFcc(Path dir) {
        double a = 5.75;
        Structure s = new Structure(Cell.orthorhombic(4 * a, 4 * a, 4 * a), 256);
        double[][] b = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 4; k++)
            for (double[] q : b) s.addAtom("Ar", (i + q[0]) * a, (j + q[1]) * a, (k + q[2]) * a);
        Path p = dir.resolve("ar.extxyz");
        Formats.forWriting(p).write(p, List.of(s), IoOptions.defaults());
        return p;
    }

    static String[] runCli(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bo));
        System.setErr(new PrintStream(be));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {Integer.toString(code), bo.toString(), be.toString()};
    }

    @Test
    void runsNptFromStructureAndConfigAndResumes(@TempDir Path dir) throws Exception {
        Path xyz = argonFcc(dir);
        Path cfg = dir.resolve("md.toml");
        Files.writeString(cfg, CONFIG);
        String[] r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("done: 200 steps"), r[1]);
        List<String> csv = Files.readAllLines(dir.resolve("thermo.csv"));
        assertEquals(1 + 11, csv.size()); // header + steps 0,20,...,200
        assertTrue(Files.size(dir.resolve("traj.extxyz")) > 0 && Files.size(dir.resolve("traj.dump")) > 0);
        assertEquals(3, Formats.read(dir.resolve("traj.extxyz"), IoOptions.defaults()).size());
        assertEquals(3, Formats.read(dir.resolve("traj.dump"), IoOptions.defaults()).size());
        assertTrue(Files.exists(dir.resolve("final.extxyz")));
        // extend the run to 300 steps from the checkpoint
        Files.writeString(cfg, CONFIG.replace("steps = 200", "steps = 300"));
        r = runCli("md", xyz.toString(), cfg.toString(), "--resume");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("resuming npt/mtk-tri at step 200"), r[1]);
        assertEquals(1 + 16, Files.readAllLines(dir.resolve("thermo.csv")).size());
    }

    @Test
    void badConfigurationNamesTheField(@TempDir Path dir) throws Exception {
        Path xyz = argonFcc(dir);
        Path cfg = dir.resolve("bad.toml");
        Files.writeString(cfg, CONFIG.replace("coupling = \"tri\"", "coupling = \"triclinic\""));
        String[] r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("integrator.coupling") && r[2].contains("iso, aniso, tri"), r[2]);
        // the stochastic cell rescaling has an isotropic and a flexible-cell form, no diagonal-only one
        Files.writeString(cfg, CONFIG.replace("coupling = \"tri\"", "coupling = \"aniso\"").replace("barostat = \"mtk\"", "barostat = \"c-rescale\""));
        r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("integrator.coupling") && r[2].contains("needs barostat = \"mtk\""), r[2]);
        Files.writeString(cfg, CONFIG.replace("dt_fs = 5.0", "dt_fs = -1"));
        r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("run.dt_fs"), r[2]);
        Files.writeString(cfg, CONFIG.replace("sigma_A = 3.405", "sigma = 3.405"));
        r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("potential.pairs[0].sigma"), r[2]);
        Files.writeString(cfg, CONFIG.replace("[run]", "[runn]"));
        r = runCli("md", xyz.toString(), cfg.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("runn"), r[2]);
    }
}
