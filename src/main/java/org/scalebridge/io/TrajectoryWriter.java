package org.scalebridge.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.scalebridge.structure.Structure;

/**
 * Writes a trajectory frame by frame (for MD/MC output that never fits in memory). Frames go to a temporary file
 * beside the target; {@link #close()} syncs it and moves it over the target in one rename, so the target is never a
 * half-written file; {@link #abort()} (or a crash) leaves the target as it was.
 */
public final class TrajectoryWriter implements AutoCloseable {
    /** Writes one frame of a format. */
    @FunctionalInterface
    public interface FrameWriter { void write(Writer out, Structure frame, long index) throws IOException; }

    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final Writer out;
    private final FrameWriter frames;
    private long count;
    private boolean closed;

    TrajectoryWriter(Path target, FrameWriter frames) {
        this.target = target.toAbsolutePath();
        this.frames = frames;
        try {
            Path dir = this.target.getParent();
            if (dir != null) Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
            channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start writing " + target + ": " + e.getMessage(), e);
        }
    }

    /** Appends a frame. */
    public void write(Structure s) {
        if (closed) throw new IllegalStateException("trajectory writer for " + target + " is closed");
        try {
            frames.write(out, s, count++);
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Number of frames written so far. */
    public long frames() { return count; }

    /** Commits: the target now holds every frame written. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            out.flush();
            channel.force(true);
            out.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteTmp();
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Discards everything written; the target is left untouched. */
    public void abort() {
        if (closed) return;
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the temporary file is deleted below anyway
        }
        deleteTmp();
    }

    private void deleteTmp() {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: a stray temporary file never replaces the target
        }
    }
}
