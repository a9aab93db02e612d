package org.scalebridge.io;

import java.util.function.Function;
import org.scalebridge.structure.Structure;

/** The reader of a format that holds one structure (POSCAR, LAMMPS data): parses it on the first call, then ends. */
final class SingleFrameReader implements TrajectoryReader {
    private final String source;
    private final LineReader in;
    private final Function<LineReader, Structure> parse;
    private boolean done;

    SingleFrameReader(String source, LineReader in, Function<LineReader, Structure> parse) {
        this.source = source;
        this.in = in;
        this.parse = parse;
    }

    @Override
    public Structure next() {
        if (done) return null;
        done = true;
        try {
            return parse.apply(in);
        } finally {
            in.close();
        }
    }

    @Override public String source() { return source; }

    @Override public void close() { done = true; in.close(); }
}
