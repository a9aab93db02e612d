package org.scalebridge.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * Random access to the frames of a trajectory file without loading it: one pass records the byte offset where every
 * frame starts, then {@link #frame(int)} seeks there and parses that frame alone, keeping a few recently read frames
 * in a small LRU cache. Memory is 8 bytes per frame plus the cache, so a 10-GB dump costs kilobytes.
 * <p>
 * Extended XYZ and LAMMPS text dumps are indexed by byte offset (their frame boundaries are known from the atom count
 * lines). A file that grows while it is open (a live run appending frames) is followed by {@link #refresh()}, which
 * scans only the new bytes and indexes only complete frames. Other formats and gzip files cannot be seeked; they fall
 * back to sequential access: the frames are counted once by streaming, and reading frame k continues the open reader
 * when k lies ahead of it (so forward playback is a single pass) or restarts from the beginning otherwise.
 */
public final class FrameIndex implements AutoCloseable {
    private static final int BUF = 1 << 20;
    private final Path file;
    private final StructureFormat format;
    private final IoOptions options;
    private final boolean seekable;
    private final int cacheSize;
    private long[] starts = new long[64];
    private int frames;
    /** Offset just past the last complete frame (seekable formats). */
    private long indexedTo;
    private final Map<Integer, Structure> cache;
    // sequential fallback
    private TrajectoryReader seqReader;
    private int seqNext;

    private FrameIndex(Path file, StructureFormat format, IoOptions options, int cacheSize) {
        this.file = file;
        this.format = format;
        this.options = options == null ? IoOptions.defaults() : options;
        this.cacheSize = Math.max(1, cacheSize);
        this.seekable = !Formats.gzipped(file) && (format instanceof ExtXyzFormat || format instanceof LammpsDumpFormat);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Integer, Structure> e) { return size() > FrameIndex.this.cacheSize; }
        };
    }

    /** Indexes a trajectory file (format detected from its name and head) with an 8-frame cache. */
    public static FrameIndex open(Path file) { return open(file, IoOptions.defaults(), 8); }

    public static FrameIndex open(Path file, IoOptions options, int cacheSize) {
        if (!Files.isRegularFile(file)) throw InputException.at(file, -1, "no such file");
        FrameIndex ix = new FrameIndex(file, Formats.detect(file), options, cacheSize);
        ix.refresh();
        return ix;
    }

    public Path file() { return file; }

    /** True when frames are located by byte offset (extxyz, LAMMPS dump, uncompressed). */
    public boolean seekable() { return seekable; }

    /** Number of complete frames indexed so far. */
    public synchronized int size() { return frames; }

    /** Byte offset where frame k starts (seekable files). */
    public synchronized long offset(int k) {
        if (!seekable) throw new IllegalStateException("not a seekable trajectory: " + file);
        check(k);
        return starts[k];
    }

    /**
     * Indexes frames appended since the last call (only complete ones); returns the new frame count. A file that got
     * shorter (truncated and rewritten) is indexed again from its start.
     */
    public synchronized int refresh() {
        if (seekable) {
            long len;
            try { len = Files.size(file); } catch (IOException e) { throw InputException.at(file, -1, "cannot index: " + e.getMessage()); }
            if (len < indexedTo) { frames = 0; indexedTo = 0; cache.clear(); }   // rewritten from scratch (a restarted run)
            scanFrom(indexedTo);
        }
        else countSequential();
        return frames;
    }

    /** Frame k (0-based), read from disk unless cached. The returned structure is shared: copy it before changing it. */
    public synchronized Structure frame(int k) {
        check(k);
        Structure s = cache.get(k);
        if (s != null) return s;
        s = seekable ? readAt(k) : readSequential(k);
        cache.put(k, s);
        return s;
    }

    private void check(int k) {
        if (k < 0 || k >= frames) throw new IndexOutOfBoundsException("frame " + k + " of " + frames + " in " + file);
    }

    private Structure readAt(int k) {
        long from = starts[k], to = k + 1 < frames ? starts[k + 1] : indexedTo;
        String src = file + " (frame " + (k + 1) + ", byte " + from + ")";
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(from);
            InputStream in = new BoundedChannelStream(ch, to - from);
            try (TrajectoryReader r = format.open(src, in, options)) {
                Structure s = r.next();
                if (s == null) throw InputException.at(src, 1, "no frame at the indexed offset (was the file rewritten?)");
                return s;
            }
        } catch (IOException e) {
            throw InputException.at(src, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    private Structure readSequential(int k) {
        if (seqReader == null || k < seqNext) {
            closeSequential();
            seqReader = Formats.openTrajectory(file, options);
            seqNext = 0;
        }
        Structure s = null;
        while (seqNext <= k) {
            s = seqReader.next();
            if (s == null) throw InputException.at(file, -1, "frame " + (k + 1) + " vanished (the file shrank)");
            seqNext++;
        }
        return s;
    }

    private void countSequential() {
        int n = 0;
        try (TrajectoryReader r = Formats.openTrajectory(file, options)) {
            while (r.next() != null) n++;
        } catch (InputException e) {
            if (n == 0) throw e;   // a damaged tail of a growing file: keep the complete frames read so far
        }
        frames = n;
        cache.clear();
        closeSequential();
    }

    private void closeSequential() {
        if (seqReader != null) seqReader.close();
        seqReader = null;
    }

    @Override
    public synchronized void close() {
        closeSequential();
        cache.clear();
    }

    // ---------------------------------------------------------------- scanning

    /** Line scanner state: a frame is complete after its header says how many lines follow and they all arrived. */
    private void scanFrom(long pos) {
        boolean xyz = format instanceof ExtXyzFormat;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUF);
            byte[] line = new byte[256];
            int lineLen = 0;
            boolean lineOverflow = false;
            long lineStart = pos, frameStart = -1;
            long skip = 0;          // data lines to skip before the next parsed line
            int state = 0;          // xyz: 0 header; dump: 0 wait TIMESTEP, 1 in frame, 2 next line = atom count
            long atoms = -1;
            long p = pos;
            ch.position(pos);
            while (true) {
                buf.clear();
                int got = ch.read(buf);
                if (got <= 0) break;
                byte[] a = buf.array();
                for (int i = 0; i < got; i++, p++) {
                    byte b = a[i];
                    if (skip > 0) {
                        if (b == '\n') {
                            skip--;
                            lineStart = p + 1;
                            if (skip == 0) {   // the frame's last line has arrived
                                pushFrame(frameStart);
                                indexedTo = p + 1;
                                frameStart = -1;
                                state = 0;
                            }
                        }
                        continue;
                    }
                    if (b != '\n') {
                        if (lineLen < line.length) line[lineLen++] = b; else lineOverflow = true;
                        continue;
                    }
                    String text = lineOverflow ? "" : new String(line, 0, lineLen, StandardCharsets.UTF_8).trim();
                    long thisStart = lineStart;
                    lineLen = 0;
                    lineOverflow = false;
                    lineStart = p + 1;
                    if (xyz) {
                        if (text.isEmpty()) { indexedTo = p + 1; continue; }   // blank lines between frames
                        long n = parseCount(text, thisStart);
                        frameStart = thisStart;
                        skip = n + 1;   // comment line + n atom lines
                    } else {
                        if (state == 2) { atoms = parseCount(text, thisStart); state = 1; continue; }
                        if (!text.startsWith("ITEM:")) { if (state == 0 && text.isEmpty()) indexedTo = p + 1; continue; }
                        if (state == 0) { frameStart = thisStart; state = 1; atoms = -1; }   // UNITS/TIME/TIMESTEP open a frame
                        if (text.startsWith("ITEM: NUMBER OF ATOMS")) state = 2;
                        else if (text.startsWith("ITEM: ATOMS")) {
                            if (atoms < 0) throw InputException.at(file.toString(), -1, "ITEM: ATOMS before ITEM: NUMBER OF ATOMS (byte " + thisStart + ")");
                            if (atoms == 0) { pushFrame(frameStart); indexedTo = p + 1; frameStart = -1; state = 0; }
                            else skip = atoms;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw InputException.at(file, -1, "cannot index: " + e.getMessage());
        }
    }

    private long parseCount(String text, long at) {
        String t = text.split("\\s+")[0];
        try {
            long n = Long.parseLong(t);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw InputException.at(file.toString(), -1, "expected an atom count at byte " + at + ", found '" + Num.clip(text) + "'");
        }
    }

    private void pushFrame(long start) {
        if (frames == starts.length) starts = Arrays.copyOf(starts, 2 * frames);
        starts[frames++] = start;
    }

    /** An InputStream over {@code length} bytes of a channel from its current position; closes the channel. */
    private static final class BoundedChannelStream extends InputStream {
        private final FileChannel ch;
        private long left;

        BoundedChannelStream(FileChannel ch, long length) { this.ch = ch; this.left = length; }

        @Override public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)));
            if (n < 0) { left = 0; return -1; }
            left -= n;
            return n;
        }

        @Override public void close() throws IOException { ch.close(); }
    }
}
