package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;

/** The [mc.ncmc] settings of a GCMC configuration: defaults, values, the errors naming the field, and a short run. */
class McConfigNcmcTest {
    static String cfg(String ncmc) {
        return """
                temperature = 150.0
                seed = 7
                [structure]
                cell = [14.0, 14.0, 14.0]
                [potential]
                type = "lj"
                cutoff = 8.0
                pairs = [ { a = "Ar", b = "Ar", epsilon = 0.010323, sigma = 3.405 } ]
                [[species]]
                element = "Ar"
                mu = -0.25
                [mc]
                cycles = 30
                equilibration_cycles = 5
                exchanges = 4
                translations = 20
                overlap_cutoff = 2.0
                %s
                [output]
                directory = "out"
                """.formatted(ncmc);
    }

    static McConfig read(Path dir, String ncmc) throws Exception {
        Path p = dir.resolve("g.toml");
        Files.writeString(p, cfg(ncmc));
        return McConfig.read(p);
    }

    @Test
    void settingsAndDefaults(@TempDir Path dir) throws Exception {
        assertNull(read(dir, "").ncmc);
        NcmcExchange.Settings d = read(dir, "[mc.ncmc]").ncmc;
        assertEquals(new NcmcExchange.Settings(200, 5, 0.001, 1.0, true), d);
        NcmcExchange.Settings s = read(dir, "[mc.ncmc]\nfraction = 0.25\nswitches = 20\nsteps_per_switch = 3\ntimestep_fs = 2.0\nghost = \"held\"").ncmc;
        assertEquals(0.25, s.fraction());
        assertEquals(20, s.switches());
        assertEquals(3, s.stepsPerSwitch());
        assertEquals(0.002, s.dt(), 1e-15);
        assertFalse(s.ghostMoves());
        assertEquals(19 * 3 * 0.002, s.switchingTime(), 1e-12);
    }

    @Test
    void badSettingsNameTheField(@TempDir Path dir) {
        String[][] cases = {
                {"[mc.ncmc]\nfraction = 0.0", "mc.ncmc.fraction"},
                {"[mc.ncmc]\nfraction = 1.5", "mc.ncmc.fraction"},
                {"[mc.ncmc]\nswitches = 0", "mc.ncmc.switches"},
                {"[mc.ncmc]\nswitches = 2.5", "mc.ncmc.switches"},
                {"[mc.ncmc]\nsteps_per_switch = -1", "mc.ncmc.steps_per_switch"},
                {"[mc.ncmc]\ntimestep_fs = 0.0", "mc.ncmc.timestep_fs"},
                {"[mc.ncmc]\ntimestep_fs = 50.0", "mc.ncmc.timestep_fs"},
                {"[mc.ncmc]\nghost = \"frozen\"", "mc.ncmc.ghost"},
                {"[mc.ncmc]\nswitchs = 10", "mc.ncmc.switchs"},
                {"region = { lo = [0.0, 0.0, 0.0], hi = [1.0, 1.0, 0.5] }\n[mc.ncmc]", "mc.ncmc"},
        };
        for (String[] c : cases) {
            InputException ex = assertThrows(InputException.class, () -> read(dir, c[0]), c[0]);
            assertTrue(ex.getMessage().contains(c[1]), c[0] + " -> " + ex.getMessage());
            assertTrue(ex.getMessage().contains("g.toml"), "names the file: " + ex.getMessage());
        }
        // the record itself rejects nonsense from code, naming the field
        InputException ex = assertThrows(InputException.class, () -> new NcmcExchange.Settings(5, 1, Double.NaN, 1.0));
        assertTrue(ex.getMessage().contains("ncmc.timestep"), ex.getMessage());
    }

    /** A short GCMC run with NCMC exchanges (LJ argon, 150 K): they run, some are accepted, the result reports them. */
    @Test
    void runnerUsesAndReportsNcmc(@TempDir Path dir) throws Exception {
        McConfig c = read(dir, "[mc.ncmc]\nswitches = 10\nsteps_per_switch = 2\ntimestep_fs = 5.0").withOutputDir(dir.resolve("out"));
        JsonNode r = McRunner.runGcmc(c, false, Progress.NONE);
        JsonNode n = r.get("ncmc");
        assertEquals(10, n.get("switches").asInt());
        assertEquals("moving", n.get("ghost").asText());
        long attempts = n.get("insertion_attempts").asLong() + n.get("deletion_attempts").asLong();
        assertEquals(30 * 4, attempts, "every exchange attempt is an NCMC one (fraction 1)");
        assertTrue(n.get("insertion_accepted").asLong() > 0, "some NCMC insertions accepted: " + n);
        assertTrue(n.get("force_evaluations").asLong() > 0);
        assertFalse(Double.isNaN(r.get("species").get(0).get("mean_N").asDouble()));
    }
}
