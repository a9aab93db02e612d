package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;

/** The [scan] section of a μ-scan configuration: φ per target, the μ_bias pilots, their error messages and outputs. */
class McConfigScanTest {
    static McConfig read(Path dir, String scan) throws Exception {
        Path p = dir.resolve("scan.toml");
        Files.writeString(p, """
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
                exchanges = 20
                translations = 20
                max_displacement = 0.8
                overlap_cutoff = 2.0
                [output]
                directory = "%s"
                [scan]
                threads = 2
                chunk_cycles = 20
                max_cycles = 40
                min_production_samples = 20
                resamples = 20
                """.formatted(dir.resolve("out").toString().replace("\\", "/")) + scan);
        return McConfig.read(p);
    }

    static InputException bad(Path dir, String scan) {
        return assertThrows(InputException.class, () -> read(dir, scan));
    }

    @Test
    void onePhiOrOnePerTarget(@TempDir Path dir) throws Exception {
        McConfig.ScanSpec one = read(dir, "phi = 0.01\ntargets = [10, 20]").scan;
        assertNull(one.phiPerTarget());
        assertEquals(0.01, one.phi(1));
        assertEquals(0, one.pilotCycles());
        assertEquals(0, one.muBiasIterations());
        McConfig.ScanSpec per = read(dir, "phi = [0.01, 0.05, 0.2]\ntargets = { from = 10, to = 30, step = 10 }").scan;
        assertEquals(0.05, per.phi(1));
        assertEquals(0.2, per.phi(2));
        McConfig.ScanSpec pil = read(dir, "phi = 0.01\ntargets = [10]\npilot_cycles = 30").scan;
        assertEquals(30, pil.pilotCycles());
        assertEquals(1, pil.muBiasIterations(), "one pilot by default when pilot_cycles is given");
        assertEquals(3, read(dir, "phi = 0.01\ntargets = [10]\npilot_cycles = 30\nmu_bias_iterations = 3").scan.muBiasIterations());
    }

    @Test
    void badScanSettingsAreNamed(@TempDir Path dir) {
        InputException e = bad(dir, "phi = [0.01, 0.02]\ntargets = [10, 20, 30]");
        assertEquals("scan.phi", e.field());
        assertTrue(e.getMessage().contains("2 values but scan.targets has 3"), e.getMessage());
        e = bad(dir, "phi = [0.01, 0.0]\ntargets = [10, 20]");
        assertEquals("scan.phi[1]", e.field());
        assertTrue(e.getMessage().contains("> 0 eV"), e.getMessage());
        e = bad(dir, "phi = [0.01, \"x\"]\ntargets = [10, 20]");
        assertEquals("scan.phi[1]", e.field());
        e = bad(dir, "phi = []\ntargets = [10]");
        assertEquals("scan.phi", e.field());
        e = bad(dir, "phi = 0.01\ntargets = [10]\nmu_bias_iterations = 2");
        assertEquals("scan.mu_bias_iterations", e.field());
        assertTrue(e.getMessage().contains("pilot_cycles"), e.getMessage());
        e = bad(dir, "phi = 0.01\ntargets = [10]\npilot_cycles = 1");
        assertEquals("scan.pilot_cycles", e.field());
        e = bad(dir, "phi = 0.01\ntargets = [10]\npilot_cycles = 20\nmu_bias_iterations = 0");
        assertEquals("scan.pilot_cycles", e.field());
        e = bad(dir, "phi = 0.01\ntargets = [10]\npilot_cycles = -5");
        assertEquals("scan.pilot_cycles", e.field());
    }

    @Test
    void scanWritesPhiPilotAndConvergencePerRun(@TempDir Path dir) throws Exception {
        McConfig c = read(dir, "phi = [0.002, 0.02]\ntargets = [15, 25]\npilot_cycles = 10\nmu_bias_iterations = 2");
        JsonNode r = new ObjectMapper().readTree(McRunner.runMuScan(c, null).toString());
        assertEquals(10, r.get("pilot_cycles").asInt());
        assertEquals(2, r.get("mu_bias_iterations").asInt());
        JsonNode runs = r.get("runs");
        assertEquals(2, runs.size());
        assertEquals(0.002, runs.get(0).get("phi_eV").asDouble());
        assertEquals(0.02, runs.get(1).get("phi_eV").asDouble());
        for (JsonNode run : runs) {
            assertEquals(20, run.get("pilot_cycles").asInt());
            assertEquals(-0.12, run.get("mu_bias_start_eV").asDouble());
            assertTrue(run.get("mu_bias_eV").asDouble() != -0.12, "the pilots moved mu_bias");
            assertTrue(run.has("converged") && run.has("accepted_exchanges") && run.has("distinct_N"));
            // Eq. 17 with the run's own φ (P = 0 without MD)
            double mu = run.get("mu_bias_eV").asDouble() - 2 * run.get("phi_eV").asDouble()
                    * (run.get("mean_N").asDouble() - run.get("target").asDouble());
            assertEquals(mu, run.get("mu_eV").asDouble(), 1e-9);
        }
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve(McRunner.MU_CSV));
        assertTrue(csv.get(0).startsWith("target,phi_eV,") && csv.get(0).contains(",converged,"), csv.get(0));
        assertEquals(3, csv.size());
    }

    @Test
    void sampleConfigurationsAreValid() throws Exception {
        for (String f : List.of("lj-argon-gcmc.toml", "lj-argon-mu-scan.toml", "mnfepba-mu-scan.toml")) {
            McConfig c = McConfig.read(Path.of("samples/gcmc").resolve(f));
            assertTrue(c.temperature > 0, f);
        }
        McConfig.ScanSpec s = McConfig.read(Path.of("samples/gcmc/mnfepba-mu-scan.toml")).scan;
        assertEquals(0.15, s.phi(1));
        assertEquals(30, s.pilotCycles());
        assertEquals(4, s.muBiasIterations());
    }
}
