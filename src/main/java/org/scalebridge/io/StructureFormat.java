package org.scalebridge.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * One file format: a name, the file names it usually has, a content sniffer for detection, a streaming reader and
 * (optionally) a writer. Writers must go through {@link org.scalebridge.core.AtomicFiles} so that an interrupted
 * write never leaves a half file. Register new formats with {@link Formats#register(StructureFormat)}.
 */
public interface StructureFormat {
    /** Short name used on the command line ("extxyz", "lammps-dump", "poscar"…). */
    String name();

    /**
     * How well a file name fits this format: 0 = not at all, higher = more specific (e.g. 10 for an exact name such
     * as OUTCAR, 5 for an extension such as .xyz, 2 for a weak hint such as .lmp).
     */
    int nameScore(String fileName);

    /**
     * How well the first lines of a file (at most a few kilobytes, decoded) fit this format: 0 = not at all,
     * up to 10 = certain.
     */
    int contentScore(String head);

    /** Opens a streaming reader over a byte stream, which the reader closes; {@code source} names it in messages. */
    TrajectoryReader open(String source, InputStream stream, IoOptions options);

    /** Opens a streaming reader over a file. */
    default TrajectoryReader open(Path file, IoOptions options) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw InputException.at(file.toString(), -1, "cannot open: " + e.getMessage(), e);
        }
        return open(file.toString(), in, options);
    }

    default boolean canWrite() { return false; }

    /** Frame-by-frame writer for trajectory formats; single-structure formats refuse. */
    default TrajectoryWriter openWriter(Path file, IoOptions options) {
        throw InputException.at(file, -1, "format " + name() + " holds one structure: it cannot be written frame by frame");
    }

    /** Writes the frames (atomically). Formats that hold one structure write only one frame and reject more. */
    default void write(Path file, List<Structure> frames, IoOptions options) {
        throw InputException.at(file, -1, "format " + name() + " can only be read");
    }
}
