package org.scalebridge.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/**
 * LAMMPS text dump ({@code dump atom/custom}), read streaming one snapshot at a time. Columns understood:
 * id, type, element, mol, x y z (with ix iy iz image flags), xs ys zs (scaled), xu yu zu (unwrapped), xsu ysu zsu,
 * vx vy vz (velocities), fx fy fz (forces), q (charge), mass; every other column (c_…, v_…, …) becomes a real
 * {@link PerAtomArray} with its name. Atoms are sorted by id. Boxes: orthogonal, restricted triclinic
 * ({@code BOX BOUNDS xy xz yz}, bounding-box convention of the LAMMPS dump documentation) and general triclinic
 * ({@code BOX BOUNDS abc origin}).
 *
 * <p>Elements: the element column if present, else the type → element map of {@link IoOptions}, else (as ASE does)
 * the type number is taken as the atomic number and info {@code lammps.typesAsZ} is set. The box origin goes to info
 * {@code lammps.origin} (positions are kept as LAMMPS wrote them); the timestep to info {@code timestep}.
 */
public final class LammpsDumpFormat implements StructureFormat {
    @Override public String name() { return "lammps-dump"; }

    @Override
    public int nameScore(String fn) {
        String f = Formats.lower(fn);
        if (f.endsWith(".lammpstrj") || f.endsWith(".dump") || f.endsWith(".lammpsdump")) return 8;
        if (f.startsWith("dump.") || f.contains(".dump.")) return 6;
        return 0;
    }

    @Override
    public int contentScore(String head) {
        String h = head.stripLeading();
        return h.startsWith("ITEM: TIMESTEP") || h.startsWith("ITEM: UNITS") || h.startsWith("ITEM: TIME") ? 10 : 0;
    }

    @Override public boolean canWrite() { return true; }

    @Override
    public TrajectoryReader open(String source, java.io.InputStream stream, IoOptions options) { return new Reader(LineReader.of(source, stream), options); }

    public static TrajectoryReader reader(LineReader in, IoOptions options) { return new Reader(in, options); }

    private static final class Reader implements TrajectoryReader {
        private final LineReader in;
        private final IoOptions opt;
        private String[] buf = new String[32];

        Reader(LineReader in, IoOptions opt) {
            this.in = in;
            this.opt = opt == null ? IoOptions.defaults() : opt;
        }

        @Override public String source() { return in.source(); }

        @Override public void close() { in.close(); }

        @Override
        public Structure next() {
            String line = in.nextNonBlank();
            if (line == null) return null;
            Long timestep = null;
            int n = -1;
            double[] h = null, origin = null;
            boolean[] pbc = null;
            while (true) {
                String t = line.trim();
                if (!t.startsWith("ITEM:")) throw in.error("expected an 'ITEM:' line, found '" + Num.clip(t) + "'");
                String item = t.substring(5).trim();
                if (item.equals("TIMESTEP")) {
                    String v = in.require("the timestep").trim();
                    timestep = Num.longInteger(v, in, "timestep");
                } else if (item.equals("NUMBER OF ATOMS")) {
                    n = Num.count(in.require("the number of atoms").trim(), in, "number of atoms");
                } else if (item.startsWith("BOX BOUNDS")) {
                    String[] flags = Num.split(item.substring(10));
                    long boxLine = in.line();
                    double[][] rows = new double[3][];
                    boolean abc = flags.length > 0 && flags[0].equals("abc");
                    boolean tilt = !abc && flags.length >= 3 && flags[0].equals("xy");
                    int want = abc || tilt ? (abc ? 4 : 3) : 2;
                    for (int d = 0; d < 3; d++) {
                        String[] tok = Num.split(in.require("box bounds line " + (d + 1)));
                        if (tok.length != want) throw in.error("box bounds line " + (d + 1) + " needs " + want + " numbers, found " + tok.length);
                        rows[d] = new double[want];
                        for (int k = 0; k < want; k++) rows[d][k] = Num.real(tok[k], in, "box bound");
                    }
                    int pbcStart = abc ? 2 : tilt ? 3 : 0;
                    pbc = new boolean[] {true, true, true};
                    if (flags.length >= pbcStart + 3) {
                        for (int d = 0; d < 3; d++) pbc[d] = flags[pbcStart + d].equals("pp");
                    } else if (flags.length != pbcStart) {
                        throw in.error(boxLine, "BOX BOUNDS flags '" + Num.clip(item) + "' not understood (expected e.g. 'pp pp pp' or 'xy xz yz pp pp pp')");
                    }
                    origin = new double[3];
                    h = box(rows, abc, tilt, origin, boxLine);
                } else if (item.startsWith("ATOMS")) {
                    if (n < 0) throw in.error("ITEM: ATOMS before ITEM: NUMBER OF ATOMS");
                    if (h == null) throw in.error("ITEM: ATOMS before ITEM: BOX BOUNDS");
                    return atoms(Num.split(item.substring(5)), n, h, origin, pbc, timestep);
                } else {
                    // ITEM: UNITS, ITEM: TIME and other scalar items: one value line, kept nowhere
                    in.require("the value of ITEM: " + Num.clip(item));
                }
                line = in.require("the next ITEM: line of the snapshot");
            }
        }

        private double[] box(double[][] r, boolean abc, boolean tilt, double[] origin, long boxLine) {
            double[] h;
            if (abc) {
                h = new double[] {r[0][0], r[0][1], r[0][2], r[1][0], r[1][1], r[1][2], r[2][0], r[2][1], r[2][2]};
                origin[0] = r[0][3]; origin[1] = r[1][3]; origin[2] = r[2][3];
            } else {
                double xy = tilt ? r[0][2] : 0, xz = tilt ? r[1][2] : 0, yz = tilt ? r[2][2] : 0;
                // bounding box → box (LAMMPS dump documentation, triclinic boxes)
                double xlo = r[0][0] - Math.min(0, Math.min(xy, Math.min(xz, xy + xz)));
                double xhi = r[0][1] - Math.max(0, Math.max(xy, Math.max(xz, xy + xz)));
                double ylo = r[1][0] - Math.min(0, yz);
                double yhi = r[1][1] - Math.max(0, yz);
                double zlo = r[2][0], zhi = r[2][1];
                h = new double[] {xhi - xlo, 0, 0, xy, yhi - ylo, 0, xz, yz, zhi - zlo};
                origin[0] = xlo; origin[1] = ylo; origin[2] = zlo;
                if (!(h[0] > 0 && h[4] > 0 && h[8] > 0)) {
                    throw in.error(boxLine, "box bounds give non-positive box lengths " + h[0] + ", " + h[4] + ", " + h[8]);
                }
            }
            return h;
        }

        private Structure atoms(String[] cols, int n, double[] h, double[] origin, boolean[] pbc, Long timestep) {
            long headerLine = in.line();
            int nc = cols.length;
            if (nc == 0) throw in.error("ITEM: ATOMS lists no columns");
            int id = -1, type = -1, elem = -1, mol = -1;
            int[] x = idx(cols, "x", "y", "z"), xs = idx(cols, "xs", "ys", "zs"), xu = idx(cols, "xu", "yu", "zu"),
                    xsu = idx(cols, "xsu", "ysu", "zsu"), im = idx(cols, "ix", "iy", "iz"), v = idx(cols, "vx", "vy", "vz"),
                    f = idx(cols, "fx", "fy", "fz");
            int q = -1, mass = -1;
            boolean[] used = new boolean[nc];
            for (int c = 0; c < nc; c++) {
                for (int k = 0; k < c; k++) if (cols[k].equals(cols[c])) throw in.error("column '" + Num.clip(cols[c]) + "' appears twice");
                switch (cols[c]) {
                    case "id" -> id = c;
                    case "type" -> type = c;
                    case "element" -> elem = c;
                    case "mol" -> mol = c;
                    case "q" -> q = c;
                    case "mass" -> mass = c;
                    default -> { }
                }
            }
            int[] pos;
            int posKind; // 0 x, 1 xs, 2 xu, 3 xsu
            if (x != null) { pos = x; posKind = 0; }
            else if (xs != null) { pos = xs; posKind = 1; }
            else if (xu != null) { pos = xu; posKind = 2; }
            else if (xsu != null) { pos = xsu; posKind = 3; }
            else throw in.error("ITEM: ATOMS has no complete set of coordinates (x y z, xs ys zs, xu yu zu or xsu ysu zsu)");
            for (int c : new int[] {id, type, elem, mol, q, mass}) if (c >= 0) used[c] = true;
            for (int[] g : new int[][] {pos, im, v, f}) if (g != null) for (int c : g) used[c] = true;
            boolean scaled = posKind == 1 || posKind == 3;
            if (x != null && posKind != 0) throw new IllegalStateException();

            int cap = Math.min(Math.max(n, 1), 1024);
            int[] ids = new int[cap], types = new int[cap], mols = mol >= 0 ? new int[cap] : null;
            int[] zs = new int[cap];
            double[] num = new double[cap * nc];
            if (buf.length < nc + 1) buf = new String[nc + 1];
            Map<Integer, Integer> map = opt.typeToZ();
            boolean typesAsZ = false;
            for (int i = 0; i < n; i++) {
                String line = in.require("atom line " + (i + 1) + " of " + n);
                int k = Num.split(line, buf);
                if (k != nc) throw in.error("atom line has " + (k < 0 ? "more than " + nc : String.valueOf(k)) + " columns, ITEM: ATOMS declares " + nc);
                if (i >= ids.length) {
                    int c2 = Math.min(Math.max(2 * ids.length, 16), n);
                    ids = Arrays.copyOf(ids, c2); types = Arrays.copyOf(types, c2); zs = Arrays.copyOf(zs, c2);
                    if (mols != null) mols = Arrays.copyOf(mols, c2);
                    num = Arrays.copyOf(num, c2 * nc);
                }
                ids[i] = id >= 0 ? Num.integer(buf[id], in, "atom id") : i + 1;
                types[i] = type >= 0 ? Num.integer(buf[type], in, "atom type") : 1;
                if (types[i] < 1) throw in.error("atom type must be ≥ 1, found " + types[i]);
                if (mols != null) mols[i] = Num.integer(buf[mol], in, "molecule id");
                if (elem >= 0) {
                    Element e = Elements.bySymbolOrNull(buf[elem]);
                    if (e == null) throw in.error("unknown element '" + Num.clip(buf[elem]) + "' in the element column");
                    zs[i] = e.z();
                } else {
                    Integer z = map.get(types[i]);
                    if (z == null) {
                        if (types[i] > Elements.MAX_Z) {
                            throw in.error("atom type " + types[i] + " has no element: give a type → element map");
                        }
                        z = types[i];
                        typesAsZ = true;
                    }
                    zs[i] = z;
                }
                for (int c = 0; c < nc; c++) {
                    if (c == id || c == type || c == elem || c == mol) continue;
                    if (im != null && (c == im[0] || c == im[1] || c == im[2])) {
                        num[i * nc + c] = Num.integer(buf[c], in, cols[c]);
                    } else {
                        num[i * nc + c] = Num.real(buf[c], in, cols[c]);
                    }
                }
            }
            // sort by id, and reject duplicates
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            final int[] idsF = ids;
            Arrays.sort(order, (a, b) -> Integer.compare(idsF[a], idsF[b]));
            for (int k = 1; k < n; k++) {
                if (ids[order[k]] == ids[order[k - 1]]) {
                    throw in.error(headerLine + 1 + Math.max(order[k], order[k - 1]), "atom id " + ids[order[k]] + " appears twice in the snapshot");
                }
            }
            Cell cell;
            try {
                cell = Cell.ofRowMajor(h, pbc);
            } catch (InputException e) {
                throw in.error(headerLine, "box: " + e.getMessage());
            }
            Structure s = new Structure(cell, Math.max(n, 1));
            if (v != null) s.ensureVelocities();
            if (q >= 0) s.ensureCharges();
            PerAtomArray aId = s.addArray("id", PerAtomArray.Type.INT, 1);
            PerAtomArray aType = s.addArray("type", PerAtomArray.Type.INT, 1);
            PerAtomArray aMol = mols != null ? s.addArray("mol", PerAtomArray.Type.INT, 1) : null;
            List<Integer> extraCols = new ArrayList<>();
            List<PerAtomArray> extra = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                if (!used[c]) {
                    if (s.array(cols[c]) != null) throw in.error(headerLine, "column name '" + Num.clip(cols[c]) + "' clashes with a reserved array name");
                    extraCols.add(c);
                    extra.add(s.addArray(cols[c], PerAtomArray.Type.REAL, 1));
                }
            }
            double[] fr = f != null ? new double[3 * Math.max(n, 1)] : null;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                int o = i * nc;
                double r0 = num[o + pos[0]], r1 = num[o + pos[1]], r2 = num[o + pos[2]];
                double px, py, pz;
                if (scaled) {
                    px = origin[0] + r0 * h[0] + r1 * h[3] + r2 * h[6];
                    py = origin[1] + r0 * h[1] + r1 * h[4] + r2 * h[7];
                    pz = origin[2] + r0 * h[2] + r1 * h[5] + r2 * h[8];
                } else { px = r0; py = r1; pz = r2; }
                int a = s.addAtom(zs[i], px, py, pz);
                if (mass >= 0) {
                    double m = num[o + mass];
                    if (!(m > 0)) throw in.error(headerLine + 1 + i, "mass must be positive, found " + m);
                    s.setMass(a, m);
                }
                if (q >= 0) s.charges()[a] = num[o + q];
                if (v != null) for (int d = 0; d < 3; d++) s.velocities()[3 * a + d] = num[o + v[d]];
                if (fr != null) for (int d = 0; d < 3; d++) fr[3 * a + d] = num[o + f[d]];
                if (im != null && (posKind == 0 || posKind == 1)) {
                    for (int d = 0; d < 3; d++) s.images()[3 * a + d] = (int) num[o + im[d]];
                }
                aId.ints()[a] = ids[i];
                aType.ints()[a] = types[i];
                if (aMol != null) aMol.ints()[a] = mols[i];
                for (int e = 0; e < extra.size(); e++) extra.get(e).reals()[a] = num[o + extraCols.get(e)];
            }
            if (fr != null) {
                double[] ff = s.ensureForces();
                System.arraycopy(fr, 0, ff, 0, 3 * n);
            }
            if (timestep != null) s.info().put("timestep", timestep);
            s.info().put("lammps.origin", origin.clone());
            if (typesAsZ) s.info().put("lammps.typesAsZ", Boolean.TRUE);
            return s;
        }

        private static int[] idx(String[] cols, String a, String b, String c) {
            int ia = -1, ib = -1, ic = -1;
            for (int k = 0; k < cols.length; k++) {
                if (cols[k].equals(a)) ia = k;
                else if (cols[k].equals(b)) ib = k;
                else if (cols[k].equals(c)) ic = k;
            }
            return ia >= 0 && ib >= 0 && ic >= 0 ? new int[] {ia, ib, ic} : null;
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a custom dump with columns id type element x y z ix iy iz [vx vy vz] [q] [fx fy fz]. Cells that are not
     * lower triangular are rotated into LAMMPS' frame (positions, velocities and forces rotated with them).
     * Types come from the "type" array when present, else from {@link IoOptions#speciesOrder()}, else by increasing
     * atomic number.
     */
    @Override
    public TrajectoryWriter openWriter(Path file, IoOptions options) {
        IoOptions o = options == null ? IoOptions.defaults() : options;
        return new TrajectoryWriter(file, (w, s, k) -> writeFrame(w, s, LammpsTypes.types(s, o, file), k));
    }

    @Override
    public void write(Path file, List<Structure> frames, IoOptions options) {
        IoOptions o = options == null ? IoOptions.defaults() : options;
        List<int[]> typeLists = new ArrayList<>();
        for (Structure s : frames) typeLists.add(LammpsTypes.types(s, o, file));
        AtomicFiles.writeText(file, w -> {
            long step = 0;
            for (int k = 0; k < frames.size(); k++) writeFrame(w, frames.get(k), typeLists.get(k), step++);
        });
    }

    private static void writeFrame(Writer w, Structure s0, int[] types, long defaultStep) throws IOException {
        Structure s = s0;
        int n = s.size();
        double[] pos = Arrays.copyOf(s.positions(), 3 * n);
        double[] vel = s.velocities() == null ? null : Arrays.copyOf(s.velocities(), 3 * n);
        double[] frc = s.forces() == null ? null : Arrays.copyOf(s.forces(), 3 * n);
        double[] h = s.cell().matrix();
        if (!LammpsBox.isLowerTriangular(s.cell())) {
            double[] t = LammpsBox.toLammps(s.cell());
            LammpsBox.apply(pos, n, t);
            if (vel != null) LammpsBox.apply(vel, n, t);
            if (frc != null) LammpsBox.apply(frc, n, t);
            h = LammpsBox.lowerTriangular(s.cell());
        }
        double[] origin = s.info().get("lammps.origin") instanceof double[] d && d.length == 3 && LammpsBox.isLowerTriangular(s.cell())
                ? d : new double[3];
        Object ts = s.info().get("timestep");
        long step = ts instanceof Number num ? num.longValue() : defaultStep;
        StringBuilder sb = new StringBuilder();
        sb.append("ITEM: TIMESTEP\n").append(step).append('\n');
        sb.append("ITEM: NUMBER OF ATOMS\n").append(n).append('\n');
        double xy = h[3], xz = h[6], yz = h[7];
        boolean tric = xy != 0 || xz != 0 || yz != 0;
        boolean[] p = s.cell().pbc();
        String pf = (p[0] ? "pp" : "ff") + " " + (p[1] ? "pp" : "ff") + " " + (p[2] ? "pp" : "ff");
        double xlo = origin[0], ylo = origin[1], zlo = origin[2];
        double xhi = xlo + h[0], yhi = ylo + h[4], zhi = zlo + h[8];
        if (tric) {
            sb.append("ITEM: BOX BOUNDS xy xz yz ").append(pf).append('\n');
            sb.append(Num.fmt(xlo + Math.min(0, Math.min(xy, Math.min(xz, xy + xz))))).append(' ')
                    .append(Num.fmt(xhi + Math.max(0, Math.max(xy, Math.max(xz, xy + xz))))).append(' ').append(Num.fmt(xy)).append('\n');
            sb.append(Num.fmt(ylo + Math.min(0, yz))).append(' ').append(Num.fmt(yhi + Math.max(0, yz))).append(' ').append(Num.fmt(xz)).append('\n');
            sb.append(Num.fmt(zlo)).append(' ').append(Num.fmt(zhi)).append(' ').append(Num.fmt(yz)).append('\n');
        } else {
            sb.append("ITEM: BOX BOUNDS ").append(pf).append('\n');
            sb.append(Num.fmt(xlo)).append(' ').append(Num.fmt(xhi)).append('\n');
            sb.append(Num.fmt(ylo)).append(' ').append(Num.fmt(yhi)).append('\n');
            sb.append(Num.fmt(zlo)).append(' ').append(Num.fmt(zhi)).append('\n');
        }
        sb.append("ITEM: ATOMS id type element x y z ix iy iz");
        if (vel != null) sb.append(" vx vy vz");
        if (s.hasCharges()) sb.append(" q");
        if (frc != null) sb.append(" fx fy fz");
        sb.append('\n');
        w.write(sb.toString());
        PerAtomArray ids = s.array("id");
        boolean useIds = ids != null && ids.type() == PerAtomArray.Type.INT && ids.components() == 1 && distinct(ids.ints(), n);
        int[] img = s.images();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            sb.append(useIds ? ids.ints()[i] : i + 1).append(' ').append(types[i]).append(' ').append(s.symbol(i));
            for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(pos[3 * i + d]));
            for (int d = 0; d < 3; d++) sb.append(' ').append(img[3 * i + d]);
            if (vel != null) for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(vel[3 * i + d]));
            if (s.hasCharges()) sb.append(' ').append(Num.fmt(s.charges()[i]));
            if (frc != null) for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(frc[3 * i + d]));
            sb.append('\n');
            w.write(sb.toString());
        }
    }

    private static boolean distinct(int[] a, int n) {
        int[] c = Arrays.copyOf(a, n);
        Arrays.sort(c);
        for (int k = 1; k < n; k++) if (c[k] == c[k - 1]) return false;
        return n == 0 || c[0] >= 1;
    }

    /** Element symbol → type map used by a structure (for messages and data files). */
    static Map<Integer, Integer> zOfType(Structure s, int[] types) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < s.size(); i++) m.putIfAbsent(types[i], s.atomicNumber(i));
        return m;
    }

    static String lower(String x) { return x.toLowerCase(Locale.ROOT); }

    static InputException noType(Path file, String symbol) {
        return InputException.at(file, -1, "element " + symbol + " is not in the species order given for the LAMMPS types");
    }
}
