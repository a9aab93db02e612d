package org.scalebridge.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that an interrupted write never leaves a half file: everything goes to a temporary file in the
 * target's folder, which is flushed, synced and then moved over the target in one rename.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Body that writes text. */
    @FunctionalInterface
    public interface TextBody { void write(Writer out) throws IOException; }

    /** Body that writes bytes. */
    @FunctionalInterface
    public interface ByteBody { void write(OutputStream out) throws IOException; }

    public static void writeText(Path target, TextBody body) {
        writeBytes(target, os -> {
            Writer w = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            body.write(w);
            w.flush();
        });
    }

    public static void writeString(Path target, String content) {
        writeText(target, w -> w.write(content));
    }

    /**
     * Temporary files are created owner-only (0600); give the result the permissions the replaced file had, or the
     * usual rw-r--r-- for a new file, so that a saved file looks like one written with a plain stream.
     */
    private static void keepPermissions(Path tmp, Path target) {
        try {
            var view = Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class);
            if (view == null) return;
            var perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // permissions are cosmetic here; the content is what must be safe
        }
    }

    public static void writeBytes(Path target, ByteBody body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try (var fc = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(fc), 1 << 16)) {
                body.write(os);
                os.flush();
                fc.force(true);
            }
            keepPermissions(tmp, abs);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort cleanup */ }
            }
        }
    }
}
