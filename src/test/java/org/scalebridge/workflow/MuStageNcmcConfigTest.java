package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.learn.ConfigReader;
import org.scalebridge.mc.NcmcExchange;

/** [mu.ncmc] of the pipeline's μ stage: values, defaults, and bad input naming the field. */
class MuStageNcmcConfigTest {
    static NcmcExchange.Settings parse(Path dir, String body) throws Exception {
        Path p = dir.resolve("pipeline.toml");
        Files.writeString(p, "[mu]\nexchanges = 4\n[mu.ncmc]\n" + body);
        return MuStage.ncmcSettings(ConfigReader.parse(p).section("mu").section("ncmc"));
    }

    @Test
    void valuesAndDefaults(@TempDir Path dir) throws Exception {
        assertEquals(new NcmcExchange.Settings(200, 5, 0.001, 1.0, true), parse(dir, ""));
        assertEquals(new NcmcExchange.Settings(50, 4, 0.0005, 0.5, false),
                parse(dir, "fraction = 0.5\nswitches = 50\nsteps_per_switch = 4\ntimestep_fs = 0.5\nghost = \"held\""));
    }

    @Test
    void badInputNamesTheField(@TempDir Path dir) {
        String[][] cases = {
                {"fraction = 0.0", "mu.ncmc.fraction"},
                {"switches = 0", "mu.ncmc.switches"},
                {"steps_per_switch = 1.5", "mu.ncmc.steps_per_switch"},
                {"timestep_fs = 0.0", "mu.ncmc.timestep_fs"},
                {"timestep_fs = 20.0", "mu.ncmc.timestep_fs"},
                {"ghost = \"fixed\"", "mu.ncmc.ghost"},
                {"steps = 3", "mu.ncmc.steps"},
        };
        for (String[] c : cases) {
            InputException ex = assertThrows(InputException.class, () -> parse(dir, c[0]), c[0]);
            assertTrue(ex.getMessage().contains(c[1]) && ex.getMessage().contains("pipeline.toml"), c[0] + " -> " + ex.getMessage());
        }
    }
}
