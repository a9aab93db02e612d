package org.scalebridge.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalebridge.core.InputException;
import org.scalebridge.io.Formats;
import org.scalebridge.io.TrajectoryReader;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * Minimal streaming readers that turn trajectory files into frames for the analysis classes: LAMMPS text dumps
 * ({@code dump custom/atom}: columns id, type or element, and unwrapped xu yu zu, or wrapped x y z / scaled xs ys zs
 * with image flags ix iy iz; orthogonal or triclinic boxes) and extended XYZ (Lattice, Properties with species and
 * pos, optional {@code time=} and integer image columns) are parsed here with the analysis' own conventions (types
 * kept as labels, unwrapped columns preferred); every other format {@link Formats} knows (XDATCAR, POSCAR, CIF,
 * LAMMPS data, OUTCAR, vasprun.xml, MLIP .cfg) is streamed through {@code org.scalebridge.io}. Frames without image
 * counters are unwrapped by minimum-image continuity with the previous frame (valid when no atom moves more than half
 * a cell width between frames).
 */
public final class TrajectoryFiles {
    private TrajectoryFiles() {}

    /** One frame: structure (wrapped positions + images), step/time label, unwrapped positions. */
    public record Frame(long step, double time, Structure structure, double[] unwrapped) {}  // time NaN when the file has none

    /**
     * Reads a whole file into a FrameSeries. For LAMMPS dumps time = TIMESTEP × {@code timePerStep}; for extended XYZ
     * the {@code time=} key of the comment line when present, otherwise frame index × {@code timePerStep}.
     */
    public static FrameSeries readSeries(Path file, double timePerStep, int every) {
        FrameSeries[] out = new FrameSeries[1];
        int[] count = {0};
        stream(file, (f, idx) -> {
            if (idx % every != 0) return;
            if (out[0] == null) out[0] = FrameSeries.like(f.structure());
            out[0].add(Double.isNaN(f.time()) ? f.step() * timePerStep : f.time(), f.unwrapped(), f.structure().cell());
            count[0]++;
        });
        if (out[0] == null) throw InputException.at(file, 0, "no frames found");
        return out[0];
    }

    /** Reads all frames as structures. */
    public static List<Frame> readFrames(Path file) {
        List<Frame> out = new ArrayList<>();
        stream(file, (f, i) -> out.add(f));
        if (out.isEmpty()) throw InputException.at(file, 0, "no frames found");
        return out;
    }

    /** Streams frames to the consumer (frame, 0-based index). Format chosen by extension / first line. */
    public static void stream(Path file, BiConsumer<Frame, Integer> sink) {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            r.mark(4096);
            String first = r.readLine();
            r.reset();
            if (first == null) throw InputException.at(file, 0, "the file is empty");
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (first.startsWith("ITEM:")) readDump(file, r, sink);
            else if (name.endsWith(".xyz") || name.endsWith(".extxyz") || first.trim().matches("\\d+")) readXyz(file, r, sink);
            else readViaIo(file, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ other formats via org.scalebridge.io

    private static void readViaIo(Path file, BiConsumer<Frame, Integer> sink) {
        try (TrajectoryReader tr = Formats.openTrajectory(file)) {
            Structure s, prev = null;
            double[] prevUn = null;
            int index = 0;
            while ((s = tr.next()) != null) {
                int n = s.size();
                double[] un = new double[3 * n], r = new double[3];
                boolean hasImages = false;
                for (int k = 0; k < 3 * n; k++) if (s.images()[k] != 0) { hasImages = true; break; }
                for (int i = 0; i < n; i++) {
                    s.unwrapped(i, r);
                    un[3 * i] = r[0]; un[3 * i + 1] = r[1]; un[3 * i + 2] = r[2];
                }
                if (!hasImages && prevUn != null && prevUn.length == un.length) {
                    double[] d = new double[3];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < 3; k++) d[k] = un[3 * i + k] - prev.positions()[3 * i + k];
                        s.cell().minimumImage(d);
                        for (int k = 0; k < 3; k++) un[3 * i + k] = prevUn[3 * i + k] + d[k];
                    }
                }
                Object ts = s.info().get("timestep");
                long step = ts instanceof Number num ? num.longValue() : index;
                Object tm = s.info().get("time");
                double time = tm instanceof Number num ? num.doubleValue() : Double.NaN;
                prev = s;
                prevUn = un;
                sink.accept(new Frame(step, time, s, un), index++);
            }
        }
    }

    // ------------------------------------------------------------------ LAMMPS dump

    private static void readDump(Path file, BufferedReader r, BiConsumer<Frame, Integer> sink) throws IOException {
        long ln = 0;
        int index = 0;
        String line;
        while ((line = r.readLine()) != null) {
            ln++;
            if (line.isBlank()) continue;
            if (!line.startsWith("ITEM: TIMESTEP")) throw InputException.at(file, ln, "expected 'ITEM: TIMESTEP', found '" + cut(line) + "'");
            long step = parseLong(file, ++ln, r.readLine());
            expect(file, ++ln, r.readLine(), "ITEM: NUMBER OF ATOMS");
            int n = (int) parseLong(file, ++ln, r.readLine());
            String boxHeader = r.readLine();
            expect(file, ++ln, boxHeader, "ITEM: BOX BOUNDS");
            boolean tric = boxHeader.contains("xy");
            double[][] b = new double[3][];
            for (int d = 0; d < 3; d++) b[d] = numbers(file, ++ln, r.readLine(), tric ? 3 : 2);
            double xy = tric ? b[0][2] : 0, xz = tric ? b[1][2] : 0, yz = tric ? b[2][2] : 0;
            // bounding box → box (LAMMPS triclinic convention)
            double xlo = b[0][0] - Math.min(Math.min(0, xy), Math.min(xz, xy + xz)), xhi = b[0][1] - Math.max(Math.max(0, xy), Math.max(xz, xy + xz));
            double ylo = b[1][0] - Math.min(0, yz), yhi = b[1][1] - Math.max(0, yz);
            double zlo = b[2][0], zhi = b[2][1];
            Cell cell = new Cell(new double[][] {{xhi - xlo, 0, 0}, {xy, yhi - ylo, 0}, {xz, yz, zhi - zlo}});
            String atomsHeader = r.readLine();
            expect(file, ++ln, atomsHeader, "ITEM: ATOMS");
            String[] cols = atomsHeader.substring("ITEM: ATOMS".length()).trim().split("\\s+");
            Map<String, Integer> c = new HashMap<>();
            for (int k = 0; k < cols.length; k++) c.put(cols[k], k);
            int cid = c.getOrDefault("id", -1), ctype = c.getOrDefault("type", -1), cel = c.getOrDefault("element", -1);
            String[] px = c.containsKey("xu") ? new String[] {"xu", "yu", "zu"} : c.containsKey("x") ? new String[] {"x", "y", "z"}
                    : c.containsKey("xs") ? new String[] {"xs", "ys", "zs"} : null;
            if (px == null) throw InputException.at(file, ln, "no position columns (xu yu zu, x y z or xs ys zs) in '" + cut(atomsHeader) + "'");
            boolean scaled = px[0].equals("xs"), unwrappedCols = px[0].equals("xu");
            int[] cp = {c.get(px[0]), c.get(px[1]), c.get(px[2])};
            boolean img = c.containsKey("ix") && c.containsKey("iy") && c.containsKey("iz");
            long[] ids = new long[n];
            double[][] rows = new double[n][];
            String[] els = new String[n];
            for (int i = 0; i < n; i++) {
                String l = r.readLine();
                ++ln;
                if (l == null) throw InputException.at(file, ln, "file ends inside a frame (" + i + " of " + n + " atoms read)");
                String[] t = l.trim().split("\\s+");
                if (t.length < cols.length) throw InputException.at(file, ln, "expected " + cols.length + " columns, found " + t.length);
                try {
                    ids[i] = cid >= 0 ? Long.parseLong(t[cid]) : i + 1;
                    els[i] = cel >= 0 ? t[cel] : ctype >= 0 ? t[ctype] : "1";
                    double[] v = new double[6];
                    for (int d = 0; d < 3; d++) v[d] = Double.parseDouble(t[cp[d]]);
                    if (img) for (int d = 0; d < 3; d++) v[3 + d] = Double.parseDouble(t[c.get(new String[] {"ix", "iy", "iz"}[d])]);
                    rows[i] = v;
                } catch (NumberFormatException e) {
                    throw InputException.at(file, ln, "not a number in '" + cut(l) + "'");
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            java.util.Arrays.sort(order, (p, q) -> Long.compare(ids[p], ids[q]));
            Structure s = new Structure(cell, n);
            double[] un = new double[3 * n], h = cell.matrix();
            for (int k = 0; k < n; k++) {
                double[] v = rows[order[k]];
                double x = v[0], y = v[1], z = v[2];
                if (scaled) {
                    double fx = x, fy = y, fz = z;
                    x = xlo + fx * h[0] + fy * h[3] + fz * h[6];
                    y = ylo + fx * h[1] + fy * h[4] + fz * h[7];
                    z = zlo + fx * h[2] + fy * h[5] + fz * h[8];
                }
                double ux = x, uy = y, uz = z;
                if (!unwrappedCols && img) {
                    ux += v[3] * h[0] + v[4] * h[3] + v[5] * h[6];
                    uy += v[3] * h[1] + v[4] * h[4] + v[5] * h[7];
                    uz += v[3] * h[2] + v[4] * h[5] + v[5] * h[8];
                }
                un[3 * k] = ux; un[3 * k + 1] = uy; un[3 * k + 2] = uz;
                s.addAtom(atomicNumberOf(els[order[k]]), x - xlo, y - ylo, z - zlo);
            }
            sink.accept(new Frame(step, Double.NaN, s, un), index++);
        }
    }

    /** Element symbol → Z; a bare integer (LAMMPS type) is kept as the label. */
    static int atomicNumberOf(String label) {
        try {
            return Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return Elements.bySymbol(label).z();
        }
    }

    // ------------------------------------------------------------------ extended XYZ

    private static final Pattern LATTICE = Pattern.compile("Lattice=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPS = Pattern.compile("Properties=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(?:^|\\s)time=([-+0-9.eE]+)", Pattern.CASE_INSENSITIVE);

    private static void readXyz(Path file, BufferedReader r, BiConsumer<Frame, Integer> sink) throws IOException {
        long ln = 0;
        int index = 0;
        String line;
        double[] prevUn = null;
        Structure prev = null;
        while ((line = r.readLine()) != null) {
            ln++;
            if (line.isBlank()) continue;
            int n = (int) parseLong(file, ln, line);
            String comment = r.readLine();
            ln++;
            if (comment == null) throw InputException.at(file, ln, "missing comment line");
            Matcher lm = LATTICE.matcher(comment);
            if (!lm.find()) throw InputException.at(file, ln, "no Lattice=\"...\" (a periodic cell is required for analysis)");
            double[] lat = numbers(file, ln, lm.group(1), 9);
            Cell cell = new Cell(new double[][] {{lat[0], lat[1], lat[2]}, {lat[3], lat[4], lat[5]}, {lat[6], lat[7], lat[8]}});
            Matcher pm = PROPS.matcher(comment);
            String props = pm.find() ? pm.group(1) : "species:S:1:pos:R:3";
            String[] p = props.split(":");
            int col = 0, cSpecies = -1, cPos = -1, cImg = -1;
            for (int k = 0; k + 2 < p.length; k += 3) {
                String name = p[k].toLowerCase(Locale.ROOT);
                int m = Integer.parseInt(p[k + 2]);
                if (name.equals("species")) cSpecies = col;
                else if (name.equals("pos")) cPos = col;
                else if (name.equals("image") || name.equals("images")) cImg = col;
                col += m;
            }
            if (cSpecies < 0 || cPos < 0) throw InputException.at(file, ln, "Properties must contain species and pos");
            Matcher tm = TIME.matcher(comment);
            double time = tm.find() ? Double.parseDouble(tm.group(1)) : Double.NaN;
            Structure s = new Structure(cell, n);
            double[] un = new double[3 * n], h = cell.matrix();
            for (int i = 0; i < n; i++) {
                String l = r.readLine();
                ln++;
                if (l == null) throw InputException.at(file, ln, "file ends inside a frame");
                String[] t = l.trim().split("\\s+");
                if (t.length < col) throw InputException.at(file, ln, "expected " + col + " columns, found " + t.length);
                try {
                    double x = Double.parseDouble(t[cPos]), y = Double.parseDouble(t[cPos + 1]), z = Double.parseDouble(t[cPos + 2]);
                    s.addAtom(atomicNumberOf(t[cSpecies]), x, y, z);
                    if (cImg >= 0) {
                        double a = Double.parseDouble(t[cImg]), b = Double.parseDouble(t[cImg + 1]), cc = Double.parseDouble(t[cImg + 2]);
                        x += a * h[0] + b * h[3] + cc * h[6];
                        y += a * h[1] + b * h[4] + cc * h[7];
                        z += a * h[2] + b * h[5] + cc * h[8];
                    }
                    un[3 * i] = x; un[3 * i + 1] = y; un[3 * i + 2] = z;
                } catch (NumberFormatException e) {
                    throw InputException.at(file, ln, "not a number in '" + cut(l) + "'");
                } catch (IllegalArgumentException e) {
                    throw InputException.at(file, ln, e.getMessage());
                }
            }
            if (cImg < 0 && prevUn != null && prevUn.length == un.length) {
                // no image flags: unwrap by the minimum-image displacement from the previous frame
                double[] d = new double[3];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 3; k++) d[k] = un[3 * i + k] - prev.positions()[3 * i + k];
                    cell.minimumImage(d);
                    for (int k = 0; k < 3; k++) un[3 * i + k] = prevUn[3 * i + k] + d[k];
                }
            }
            prevUn = un;
            prev = s;
            sink.accept(new Frame(index, time, s, un), index++);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void expect(Path f, long ln, String line, String prefix) {
        if (line == null || !line.startsWith(prefix)) throw InputException.at(f, ln, "expected '" + prefix + "', found '" + cut(line) + "'");
    }

    private static long parseLong(Path f, long ln, String s) {
        try {
            return Long.parseLong(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            throw InputException.at(f, ln, "expected an integer, found '" + cut(s) + "'");
        }
    }

    private static double[] numbers(Path f, long ln, String s, int min) {
        if (s == null) throw InputException.at(f, ln, "unexpected end of file");
        String[] t = s.trim().split("\\s+");
        if (t.length < min) throw InputException.at(f, ln, "expected " + min + " numbers, found '" + cut(s) + "'");
        double[] v = new double[t.length];
        try {
            for (int k = 0; k < t.length; k++) v[k] = Double.parseDouble(t[k]);
        } catch (NumberFormatException e) {
            throw InputException.at(f, ln, "not a number in '" + cut(s) + "'");
        }
        return v;
    }

    private static String cut(String s) {
        if (s == null) return "<end of file>";
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
