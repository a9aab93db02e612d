package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gcmc and mu-scan subcommands: outputs, resume, and bad input named by field. */
class GcmcCommandTest {

    static String config(Path out, String extra) {
        return """
                temperature = 120.0
                seed = 5
                [structure]
                cell = [16.0, 16.0, 16.0]
                fill = { element = "Ar", count = 20, min_distance = 3.0 }
                [potential]
                type = "lj"
                cutoff = 7.5
                pairs = [ { a = "Ar", b = "Ar", epsilon = 0.010323, sigma = 3.405 } ]
                [[species]]
                element = "Ar"
                mu = -0.12
                [mc]
                cycles = 30
                equilibration_cycles = 10
                exchanges = 20
                translations = 20
                max_displacement = 0.8
                overlap_cutoff = 2.0
                [output]
                directory = "%s"
                checkpoint_every = 10
                """.formatted(out.toString().replace("\\", "/")) + extra;
    }

    @Test
    void gcmcWritesTraceJsonCheckpointAndResumes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path cfg = dir.resolve("run.toml");
        Files.writeString(cfg, config(out, ""));
        assertEquals(0, Main.run("gcmc", cfg.toString()));
        List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals(31, trace.size());
        assertTrue(trace.get(0).startsWith("cycle,N_Z18,energy_eV"));
        JsonNode r = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals(30, r.get("cycles").asInt());
        assertTrue(Files.exists(out.resolve("run.ckpt")));
        // extend the run by resuming with more cycles
        Files.writeString(cfg, config(out, "").replace("cycles = 30", "cycles = 40"));
        assertEquals(0, Main.run("gcmc", cfg.toString(), "--resume"));
        assertEquals(41, Files.readAllLines(out.resolve("trace.csv")).size());
    }

    @Test
    void hybridAndMuScanRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("hyb");
        Path cfg = dir.resolve("hyb.toml");
        String md = """
                [md]
                integrator = "npt"
                steps = 20
                timestep_fs = 5.0
                pressure_bar = 50.0
                tdamp_ps = 0.2
                pdamp_ps = 2.0
                coupling = "iso"
                [scan]
                phi = 0.002
                targets = { from = 10, to = 30, step = 10 }
                threads = 2
                chunk_cycles = 20
                max_cycles = 40
                min_production_samples = 20
                resamples = 20
                """;
        Files.writeString(cfg, config(out, md).replace("cycles = 30", "cycles = 12"));
        assertEquals(0, Main.run("gcmc", cfg.toString()));
        List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals(13, trace.size());
        assertTrue(trace.get(0).contains("pressure_bar"));
        Path scanOut = dir.resolve("scan");
        assertEquals(0, Main.run("mu-scan", cfg.toString(), "-o", scanOut.toString()));
        JsonNode r = new ObjectMapper().readTree(scanOut.resolve("result.json").toFile());
        assertEquals(3, r.get("runs").size());
        assertTrue(Files.exists(scanOut.resolve("mu_of_n.csv")));
        assertTrue(Files.exists(scanOut.resolve("run_002.csv")));
    }

    @Test
    void surrogateFromStructureFile(@TempDir Path dir) throws Exception {
        Path pba = dir.resolve("pba.extxyz");
        try (var in = GcmcCommandTest.class.getResourceAsStream("/org/scalebridge/mc/pba-tetragonal-x0.extxyz")) {
            Files.copy(in, pba);
        }
        Path cfg = dir.resolve("pba.toml");
        Files.writeString(cfg, """
                temperature = 300.0
                [structure]
                file = "pba.extxyz"
                [potential]
                type = "mnfepba-surrogate"
                [[species]]
                element = "Na"
                mu = -2.0
                [mc]
                cycles = 2
                exchanges = 4
                translations = 4
                overlap_cutoff = 1.8
                [output]
                directory = "%s"
                """.formatted(dir.resolve("out").toString().replace("\\", "/")));
        assertEquals(0, Main.run("gcmc", cfg.toString()));
        JsonNode r = new ObjectMapper().readTree(dir.resolve("out").resolve("result.json").toFile());
        assertEquals(0.8, r.get("species").get(0).get("charge_e").asDouble(), 1e-12, "Na charge from the surrogate");
        assertTrue(r.get("potential").asText().length() > 0);
    }

    @Test
    void badInputNamesTheField(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.toml");
        Files.writeString(cfg, config(dir.resolve("o"), "").replace("mu = -0.12", "mu = \"high\""));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = Main.run("gcmc", cfg.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        assertTrue(err.toString().contains("species[0].mu"), err.toString());
        Files.writeString(cfg, config(dir.resolve("o"), "").replace("cycles = 30", "cycles = -3"));
        try {
            org.scalebridge.mc.McConfig.read(cfg);
            throw new AssertionError("expected an InputException");
        } catch (org.scalebridge.core.InputException e) {
            assertTrue(e.getMessage().contains("mc.cycles"), e.getMessage());
        }
        Files.writeString(cfg, config(dir.resolve("o"), "").replace("type = \"lj\"", "type = \"eam\""));
        try {
            org.scalebridge.mc.McConfig.read(cfg);
            throw new AssertionError("expected an InputException");
        } catch (org.scalebridge.core.InputException e) {
            assertTrue(e.getMessage().contains("potential.type"), e.getMessage());
        }
    }
}
