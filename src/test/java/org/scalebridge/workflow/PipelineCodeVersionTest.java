package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Progress;

/**
 * The code version in the stage records: the application version is part of every input hash (a new version reruns),
 * another commit of the same version is recorded and warned about, and reruns only when asked.
 */
class PipelineCodeVersionTest {
    static final CodeVersion A = new CodeVersion("1.0", "aaaaaaaaaaaaaaaaaaaa", "false"), A2 = new CodeVersion("1.0", "bbbbbbbbbbbbbbbbbbbb", "false"),
            B = new CodeVersion("1.1", "aaaaaaaaaaaaaaaaaaaa", "false");

    static PipelineConfig config(Path dir) throws Exception {
        Path cfg = dir.resolve("p.toml");
        Files.writeString(cfg, "name = \"cv\"\npotential = \"surrogate\"\n[structures]\nx = [1.0]\n");
        PipelineConfig pc = PipelineConfig.read(cfg, false);
        pc.project = dir.resolve("project");
        return pc;
    }

    @Test
    void theBuildKnowsItsVersion() {
        CodeVersion c = CodeVersion.current();
        // Maven filters project.version into build.properties (the test classpath is Maven's target/classes)
        assertFalse(c.version().isBlank() || c.version().contains("${") || c.version().equals(CodeVersion.UNKNOWN), c.toString());
        assertNull(c.differenceFrom(c), "a build agrees with itself");
    }

    @Test
    void versionIsHashedCommitIsOnlyRecorded(@TempDir Path dir) throws Exception {
        PipelineConfig pc = config(dir);
        String ha = new Pipeline(pc, A).inputHash(Pipeline.Stage.STRUCTURES);
        assertNotEquals(ha, new Pipeline(pc, B).inputHash(Pipeline.Stage.STRUCTURES), "a new version changes every stage's input hash");
        assertEquals(ha, new Pipeline(pc, A2).inputHash(Pipeline.Stage.STRUCTURES), "another commit of the same version does not");
        assertNull(A.differenceFrom(A));
        assertTrue(A.differenceFrom(A2).contains("bbbbbbbbbbbb"), A.differenceFrom(A2));
        assertTrue(new CodeVersion("1.0", "aaaaaaaaaaaaaaaaaaaa", "0123abcd").differenceFrom(A).contains("local modifications"));
        assertTrue(new CodeVersion("1.0", "aaaaaaaaaaaaaaaaaaaa", "0123abcd").differenceFrom(new CodeVersion("1.0", "aaaaaaaaaaaaaaaaaaaa", "4567ef01")).contains("other local modifications"));
        assertNull(new CodeVersion("1.0", "aaaaaaaaaaaaaaaaaaaa", "0123abcd").differenceFrom(new CodeVersion("1.0", "aaaaaaaaaaaaaaaaaaaa", "0123abcd")));
        assertNull(new CodeVersion("1.0", CodeVersion.UNKNOWN, CodeVersion.UNKNOWN).differenceFrom(new CodeVersion("1.0", CodeVersion.UNKNOWN, CodeVersion.UNKNOWN)));
    }

    @Test
    void anotherCommitWarnsAndRerunsOnlyWhenAsked(@TempDir Path dir) throws Exception {
        PipelineConfig pc = config(dir);
        List<String> log = new ArrayList<>();
        // run the structures stage with build A, then stop (the next stage would start MD)
        new Pipeline(pc, A).run(stopAfter(Pipeline.Stage.STRUCTURES, log));
        String rec = Files.readString(pc.project.resolve("01-structures/stage.json"));
        assertTrue(rec.contains("\"commit\" : \"aaaaaaaaaaaaaaaaaaaa\"") && rec.contains("\"version\" : \"1.0\""), rec);
        // same version, another commit: kept, with a warning naming both
        log.clear();
        List<Pipeline.StageRun> r = new Pipeline(pc, A2).run(stopAfter(Pipeline.Stage.STRUCTURES, log));
        assertFalse(r.get(0).ran());
        assertTrue(log.stream().anyMatch(l -> l.contains("01-structures: up to date — WARNING: produced by commit aaaaaaaaaaaa")), log.toString());
        // asked: it reruns and records the new commit
        log.clear();
        r = new Pipeline(pc, A2).rerunOnCodeChange(true).run(stopAfter(Pipeline.Stage.STRUCTURES, log));
        assertTrue(r.get(0).ran(), log.toString());
        assertTrue(Files.readString(pc.project.resolve("01-structures/stage.json")).contains("bbbbbbbbbbbbbbbbbbbb"));
        // a new version: its hash differs, so the stage reruns without being asked
        r = new Pipeline(pc, B).run(stopAfter(Pipeline.Stage.STRUCTURES, log));
        assertTrue(r.get(0).ran());
    }

    /** Cancels the run once the given stage has finished (or was found up to date). */
    static Progress stopAfter(Pipeline.Stage s, List<String> log) {
        boolean[] stop = {false};
        return new Progress() {
            @Override public void update(long d, long t, String m) {}
            @Override public void log(String line) {
                log.add(line);
                if (line.contains(s.folder + ": done") || line.contains(s.folder + ": up to date")) stop[0] = true;
            }
            @Override public boolean isCancelled() { return stop[0]; }
        };
    }
}
