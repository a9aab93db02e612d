package org.scalebridge.md;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * Streams MD frames to a trajectory file: extended XYZ ({@link Format#EXTXYZ}: species, wrapped positions, image
 * counters, velocities; header with Lattice, step, time, energy) or LAMMPS text dump ({@link Format#LAMMPS_DUMP}:
 * {@code id type xu yu zu ix iy iz vx vy vz} in LAMMPS' restricted-triclinic frame; types numbered by ascending
 * atomic number). Positions in the structure are not modified (wrapping is done on output).
 */
public final class TrajectoryWriter implements Closeable {
    /** Output format. */
    public enum Format { EXTXYZ, LAMMPS_DUMP }

    private final BufferedWriter out;
    private final Format format;
    private final Path path;
    private final double[] f = new double[3];

    /** Opens a trajectory (append = continue an existing file on resume). */
    public TrajectoryWriter(Path path, Format format, boolean append) {
        this.path = path;
        this.format = format;
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open trajectory " + path + ": " + e.getMessage(), e);
        }
    }

    /** Guesses the format from the file name (.xyz/.extxyz → EXTXYZ; .dump/.lammpstrj → LAMMPS_DUMP). */
    public static Format formatOf(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xyz") || n.endsWith(".extxyz")) return Format.EXTXYZ;
        if (n.endsWith(".dump") || n.endsWith(".lammpstrj") || n.contains("dump")) return Format.LAMMPS_DUMP;
        throw new IllegalArgumentException("cannot tell the trajectory format of " + p
                + " (use .extxyz/.xyz or .dump/.lammpstrj)");
    }

    public Path path() { return path; }

    /** Writes one frame. */
    public void write(MdSystem sys, Thermo t) {
        try {
            if (format == Format.EXTXYZ) writeExtxyz(sys.structure(), t);
            else writeDump(sys.structure(), t);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write trajectory " + path + ": " + e.getMessage(), e);
        }
    }

    /** Wraps r into the cell: fills f with the wrapped fractional coordinates and returns the image shift via img. */
    private void wrapped(Cell c, double x, double y, double z, int[] img) {
        f[0] = c.fracX(x, y, z); f[1] = c.fracY(x, y, z); f[2] = c.fracZ(x, y, z);
        for (int d = 0; d < 3; d++) {
            int sft = c.periodic(d) ? (int) Math.floor(f[d]) : 0;
            f[d] -= sft;
            img[d] = sft;
        }
    }

    private void writeExtxyz(Structure s, Thermo t) throws IOException {
        Cell c = s.cell();
        double[] h = c.matrix();
        int n = s.size();
        StringBuilder sb = new StringBuilder(64 + n * 120);
        sb.append(n).append('\n');
        sb.append("Lattice=\"");
        for (int k = 0; k < 9; k++) sb.append(k == 0 ? "" : " ").append(h[k]);
        sb.append("\" Properties=species:S:1:pos:R:3:image:I:3:vel:R:3");
        sb.append(" step=").append(t.step()).append(" time=").append(t.time())
                .append(" energy=").append(t.potential()).append(" temperature=").append(t.temperature())
                .append(" pbc=\"").append(c.periodic(0) ? 'T' : 'F').append(' ').append(c.periodic(1) ? 'T' : 'F')
                .append(' ').append(c.periodic(2) ? 'T' : 'F').append("\"\n");
        double[] r = s.positions(), v = s.velocities();
        int[] im = s.images(), sh = new int[3];
        for (int i = 0; i < n; i++) {
            wrapped(c, r[3 * i], r[3 * i + 1], r[3 * i + 2], sh);
            double x = f[0] * h[0] + f[1] * h[3] + f[2] * h[6];
            double y = f[0] * h[1] + f[1] * h[4] + f[2] * h[7];
            double z = f[0] * h[2] + f[1] * h[5] + f[2] * h[8];
            sb.append(Elements.symbol(s.atomicNumbers()[i])).append(' ').append(x).append(' ').append(y).append(' ')
                    .append(z).append(' ').append(im[3 * i] + sh[0]).append(' ').append(im[3 * i + 1] + sh[1])
                    .append(' ').append(im[3 * i + 2] + sh[2]).append(' ').append(v[3 * i]).append(' ')
                    .append(v[3 * i + 1]).append(' ').append(v[3 * i + 2]).append('\n');
        }
        out.append(sb);
        out.flush();
    }

    private void writeDump(Structure s, Thermo t) throws IOException {
        Cell c = s.cell();
        double[] h = c.matrix(), hinv = c.inverse();
        // LAMMPS restricted triclinic frame: a=(lx,0,0), b=(xy,ly,0), c=(xz,yz,lz)
        double[] a = c.vector(0), b = c.vector(1), cc = c.vector(2);
        double lx = norm(a);
        double xy = dot(b, a) / lx;
        double ly = Math.sqrt(Math.max(dot(b, b) - xy * xy, 0));
        double xz = dot(cc, a) / lx;
        double yz = (dot(b, cc) - xy * xz) / ly;
        double lz = Math.sqrt(Math.max(dot(cc, cc) - xz * xz - yz * yz, 0));
        double[] hl = {lx, 0, 0, xy, ly, 0, xz, yz, lz};
        double[] rot = new double[9]; // Hinv·Hl maps row vectors from our frame to LAMMPS'
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += hinv[3 * i + k] * hl[3 * k + j];
                rot[3 * i + j] = sum;
            }
        }
        boolean tric = xy != 0 || xz != 0 || yz != 0;
        int n = s.size();
        int[] zs = s.atomicNumbers();
        java.util.TreeSet<Integer> species = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) species.add(zs[i]);
        java.util.Map<Integer, Integer> type = new java.util.HashMap<>();
        for (int zz : species) type.put(zz, type.size() + 1);
        StringBuilder sb = new StringBuilder(256 + n * 140);
        sb.append("ITEM: TIMESTEP\n").append(t.step()).append('\n');
        sb.append("ITEM: NUMBER OF ATOMS\n").append(n).append('\n');
        String bc = (c.periodic(0) ? "pp" : "ff") + " " + (c.periodic(1) ? "pp" : "ff") + " " + (c.periodic(2) ? "pp" : "ff");
        if (tric) {
            double xlo = Math.min(Math.min(0, xy), Math.min(xz, xy + xz)), xhi = lx + Math.max(Math.max(0, xy), Math.max(xz, xy + xz));
            sb.append("ITEM: BOX BOUNDS xy xz yz ").append(bc).append('\n');
            sb.append(xlo).append(' ').append(xhi).append(' ').append(xy).append('\n');
            sb.append(Math.min(0, yz)).append(' ').append(ly + Math.max(0, yz)).append(' ').append(xz).append('\n');
            sb.append(0.0).append(' ').append(lz).append(' ').append(yz).append('\n');
        } else {
            sb.append("ITEM: BOX BOUNDS ").append(bc).append('\n');
            sb.append(0.0).append(' ').append(lx).append('\n').append(0.0).append(' ').append(ly).append('\n')
                    .append(0.0).append(' ').append(lz).append('\n');
        }
        sb.append("ITEM: ATOMS id type xu yu zu ix iy iz vx vy vz\n");
        double[] r = s.positions(), v = s.velocities();
        int[] im = s.images(), sh = new int[3];
        for (int i = 0; i < n; i++) {
            wrapped(c, r[3 * i], r[3 * i + 1], r[3 * i + 2], sh);
            int ia = im[3 * i] + sh[0], ib = im[3 * i + 1] + sh[1], ic = im[3 * i + 2] + sh[2];
            double fa = f[0] + ia, fb = f[1] + ib, fc = f[2] + ic;
            double x = fa * hl[0] + fb * hl[3] + fc * hl[6];
            double y = fb * hl[4] + fc * hl[7];
            double z = fc * hl[8];
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2];
            double wx = vx * rot[0] + vy * rot[3] + vz * rot[6];
            double wy = vx * rot[1] + vy * rot[4] + vz * rot[7];
            double wz = vx * rot[2] + vy * rot[5] + vz * rot[8];
            sb.append(i + 1).append(' ').append(type.get(zs[i])).append(' ').append(x).append(' ').append(y).append(' ')
                    .append(z).append(' ').append(ia).append(' ').append(ib).append(' ').append(ic).append(' ')
                    .append(wx).append(' ').append(wy).append(' ').append(wz).append('\n');
        }
        out.append(sb);
        out.flush();
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
    private static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    @Override
    public void close() {
        try { out.close(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
