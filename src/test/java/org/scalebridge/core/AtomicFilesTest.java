package org.scalebridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted write leaves the old file whole and no temporary file behind. */
class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("run.toml");
        AtomicFiles.writeString(f, "old = 1\n");
        assertThrows(RuntimeException.class, () -> AtomicFiles.writeText(f, w -> {
            w.write("new = half");
            throw new IOException("disk full");
        }));
        assertEquals("old = 1\n", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "temporary file left behind");
        }
    }

    @Test
    void newFilesAreReadableLikePlainWrites() throws IOException {
        Path f = dir.resolve("out.csv");
        AtomicFiles.writeString(f, "a,b\n");
        if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertTrue(Files.size(f) > 0);
    }
}
