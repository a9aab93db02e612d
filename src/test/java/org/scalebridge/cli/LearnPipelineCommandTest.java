package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to 'learn' and 'pipeline' exits with code 2 and one line naming the file and field. */
class LearnPipelineCommandTest {
    @TempDir Path dir;

    @Test
    void badInputNamesFileAndField() throws Exception {
        CliTest.Run r = CliTest.run("pipeline", "run", dir.resolve("missing.toml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing.toml") && r.err().contains("file not found"), r.err());

        Path p = dir.resolve("p.toml");
        Files.writeString(p, "name = \"x\"\n[production]\ntemperatures = [300.0, -5.0]\n");
        r = CliTest.run("pipeline", "run", p.toString(), "--quick");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("quick"), r.err());

        r = CliTest.run("pipeline", "explode", p.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("expected run or status"), r.err());

        Path l = dir.resolve("al.toml");
        Files.writeString(l, "[mtp]\nlevel = 40\n");
        r = CliTest.run("learn", l.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("mtp.level") && r.err().contains("[2, 28]"), r.err());
    }

    @Test
    void statusListsEveryStage() throws Exception {
        Path p = dir.resolve("p.toml");
        Files.writeString(p, "name = \"x\"\npotential = \"surrogate\"\n");
        CliTest.Run r = CliTest.run("pipeline", "status", p.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("01-structures") && r.out().contains("09-p2d") && r.out().contains("to run"), r.out());
    }
}
