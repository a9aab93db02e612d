package org.scalebridge.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Structure;

/**
 * The registry of structure file formats, with detection by file name and by content. Entry points:
 * {@link #read(Path)} (all frames), {@link #readFirst(Path)}, {@link #openTrajectory(Path)} (streaming) and
 * {@link #write(Path, List)} (format from the file name).
 */
public final class Formats {
    private static final List<StructureFormat> FORMATS = new CopyOnWriteArrayList<>();

    static {
        register(new ExtXyzFormat());
        register(new LammpsDumpFormat());
        register(new LammpsDataFormat());
        register(new PoscarFormat());
        register(new XdatcarFormat());
        register(new OutcarFormat());
        register(new VasprunFormat());
        register(new CifFormat());
    }

    private Formats() {}

    /** Adds a format (later registrations win ties in detection). */
    public static void register(StructureFormat f) {
        FORMATS.removeIf(g -> g.name().equals(f.name()));
        FORMATS.add(f);
    }

    public static List<StructureFormat> all() { return Collections.unmodifiableList(FORMATS); }

    /** Format by name (case-insensitive), or an error listing the known names. */
    public static StructureFormat byName(String name) {
        for (StructureFormat f : FORMATS) if (f.name().equalsIgnoreCase(name)) return f;
        List<String> names = new ArrayList<>();
        for (StructureFormat f : FORMATS) names.add(f.name());
        throw InputException.field(null, "format", "unknown format '" + name + "', expected one of " + names);
    }

    /** Format for writing a file, chosen from its name alone. */
    public static StructureFormat forWriting(Path file) {
        String fn = fileName(file);
        StructureFormat best = null;
        int bestScore = 0;
        for (StructureFormat f : FORMATS) {
            if (!f.canWrite()) continue;
            int s = f.nameScore(fn);
            if (s > bestScore) { best = f; bestScore = s; }
        }
        if (best == null) {
            throw InputException.at(file, -1, "cannot tell which format to write from the file name; use an extension of "
                    + writableNames());
        }
        return best;
    }

    /** Detects the format of an existing file from its name and its first 8 KB (of the content, for .gz files). */
    public static StructureFormat detect(Path file) {
        String head = head(file, 8192);
        String fn = fileName(file);
        if (gzipped(file)) fn = fn.substring(0, fn.length() - 3);
        StructureFormat best = null;
        int bestScore = 0;
        for (StructureFormat f : FORMATS) {
            int c = f.contentScore(head);
            int n = f.nameScore(fn);
            // content decides; the name breaks ties and rescues files whose head is ambiguous
            int s = c > 0 ? 100 * c + n : (n >= 5 ? n : 0);
            if (s > bestScore) { best = f; bestScore = s; }
        }
        if (best == null) {
            throw InputException.at(file, 1, "unrecognised structure file: neither its name nor its first lines match "
                    + "any known format " + names());
        }
        return best;
    }

    public static TrajectoryReader openTrajectory(Path file) { return openTrajectory(file, IoOptions.defaults()); }

    public static TrajectoryReader openTrajectory(Path file, IoOptions options) {
        if (!Files.isRegularFile(file)) throw InputException.at(file, -1, "no such file");
        StructureFormat f = detect(file);
        if (!gzipped(file)) return f.open(file, options);
        try {
            return f.open(file.toString(), new GZIPInputStream(Files.newInputStream(file), 1 << 16), options);
        } catch (IOException e) {
            throw InputException.at(file.toString(), 1, "not a readable gzip file: " + e.getMessage(), e);
        }
    }

    public static List<Structure> read(Path file) { return read(file, IoOptions.defaults()); }

    /** Reads every frame; an empty file is an error. */
    public static List<Structure> read(Path file, IoOptions options) {
        try (TrajectoryReader r = openTrajectory(file, options)) {
            List<Structure> all = r.readAll();
            if (all.isEmpty()) throw InputException.at(file, 1, "file holds no structure (expected at least one frame of " + detect(file).name() + ")");
            return all;
        }
    }

    /** Reads the first frame. */
    public static Structure readFirst(Path file) { return readFirst(file, IoOptions.defaults()); }

    public static Structure readFirst(Path file, IoOptions options) {
        try (TrajectoryReader r = openTrajectory(file, options)) {
            Structure s = r.next();
            if (s == null) throw InputException.at(file, 1, "file holds no structure");
            return s;
        }
    }

    public static void write(Path file, List<Structure> frames) { write(file, frames, IoOptions.defaults()); }

    public static void write(Path file, List<Structure> frames, IoOptions options) {
        forWriting(file).write(file, frames, options);
    }

    public static void write(Path file, Structure s) { write(file, List.of(s)); }

    /** Frame-by-frame writer (extended XYZ or LAMMPS dump, chosen from the file name); commit with close(). */
    public static TrajectoryWriter openWriter(Path file) { return openWriter(file, IoOptions.defaults()); }

    public static TrajectoryWriter openWriter(Path file, IoOptions options) {
        return forWriting(file).openWriter(file, options);
    }

    /** Files named *.gz are read through gunzip (any format). */
    static boolean gzipped(Path file) { return lower(fileName(file)).endsWith(".gz"); }

    static String fileName(Path file) {
        Path f = file.getFileName();
        return f == null ? "" : f.toString();
    }

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }

    private static String head(Path file, int bytes) {
        try (InputStream raw = Files.newInputStream(file); InputStream in = gzipped(file) ? new GZIPInputStream(raw) : raw) {
            byte[] b = in.readNBytes(bytes);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InputException.at(file.toString(), -1, "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (StructureFormat f : FORMATS) n.add(f.name());
        return n;
    }

    private static List<String> writableNames() {
        List<String> n = new ArrayList<>();
        for (StructureFormat f : FORMATS) if (f.canWrite()) n.add(f.name());
        return n;
    }
}
