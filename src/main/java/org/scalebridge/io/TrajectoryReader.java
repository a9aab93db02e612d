package org.scalebridge.io;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.structure.Structure;

/**
 * Streaming access to the frames of a file: {@link #next()} reads one frame at a time, so files larger than memory
 * can be processed. Every malformed frame is reported as an {@link org.scalebridge.core.InputException} naming the
 * file and line; a truncated last frame is an error, never silently dropped.
 */
public interface TrajectoryReader extends AutoCloseable {
    /** The next frame, or null at the end of the file. */
    Structure next();

    /** Name of the file or stream being read (for messages). */
    String source();

    @Override
    void close();

    /** Reads every remaining frame. */
    default List<Structure> readAll() {
        List<Structure> out = new ArrayList<>();
        Structure s;
        while ((s = next()) != null) out.add(s);
        return out;
    }
}
