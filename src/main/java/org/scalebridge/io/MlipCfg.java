package org.scalebridge.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * MLIP-2/MLIP-3 configuration files ({@code .cfg}): a sequence of {@code BEGIN_CFG … END_CFG} blocks with
 * {@code Size}, optional {@code Supercell} (rows = lattice vectors, Å), {@code AtomData} (columns {@code id type}
 * {@code cartes_x/y/z} or {@code direct_x/y/z}, optional {@code fx fy fz} and any further per-atom columns such as
 * {@code nbh_grades}), optional {@code Energy} (eV), {@code PlusStress} (virial in eV, order xx yy zz yz xz xy,
 * positive = compressive) and {@code Feature name value} lines. Types are 0-based integers.
 *
 * <p>Every malformed input raises an {@link InputException} naming the file and line; files are written atomically.
 */
public final class MlipCfg {
    private MlipCfg() {}

    /** One configuration of a .cfg file. Arrays hold the first {@link #size} atoms. */
    public static final class Configuration {
        /** Lattice vectors row-major (9 numbers), or null for a non-periodic configuration. */
        public double[] lattice;
        public int size;
        public int[] id;
        /** 0-based MLIP types. */
        public int[] type;
        /** Cartesian positions (Å), 3 per atom. */
        public double[] positions;
        /** Forces (eV/Å), 3 per atom, or null. */
        public double[] forces;
        /** Total energy (eV) or null. */
        public Double energy;
        /** PlusStress (eV): xx yy zz yz xz xy, or null. */
        public double[] plusStress;
        /** Further per-atom columns (e.g. nbh_grades), in file order. */
        public final Map<String, double[]> atomColumns = new LinkedHashMap<>();
        /** Feature lines, in file order (the value is the rest of the line). */
        public final Map<String, String> features = new LinkedHashMap<>();
        /** Line of BEGIN_CFG (for messages), 0 if built in memory. */
        public long line;

        public Configuration() {}

        /** A configuration with n atoms and zeroed positions/types. */
        public Configuration(int n, double[] lattice) {
            this.size = n;
            this.lattice = lattice == null ? null : lattice.clone();
            id = new int[n];
            for (int i = 0; i < n; i++) id[i] = i + 1;
            type = new int[n];
            positions = new double[3 * n];
        }

        /** Cell volume (Å³) or NaN when non-periodic. */
        public double volume() {
            if (lattice == null) return Double.NaN;
            double[] h = lattice;
            return Math.abs(h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6])
                    + h[2] * (h[3] * h[7] - h[4] * h[6]));
        }

        /**
         * Converts to a {@link Structure}: type t becomes atomic number {@code typeToZ[t]}; energy, forces and the
         * virial (from PlusStress) are copied; features go to {@code info()}.
         */
        public Structure toStructure(int[] typeToZ) {
            Cell cell;
            if (lattice != null) {
                cell = Cell.ofRowMajor(lattice, null);
            } else {
                double lo = 0, hi = 1;
                for (double p : positions) { lo = Math.min(lo, p); hi = Math.max(hi, p); }
                double l = hi - lo + 100;
                cell = new Cell(new double[][] {{l, 0, 0}, {0, l, 0}, {0, 0, l}}, new boolean[] {false, false, false});
            }
            Structure s = new Structure(cell, size);
            for (int i = 0; i < size; i++) {
                int t = type[i];
                if (t < 0 || t >= typeToZ.length) {
                    throw InputException.at("cfg", line, "atom " + id[i] + " has type " + t + " but only "
                            + typeToZ.length + " species are mapped");
                }
                s.addAtom(typeToZ[t], positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
            }
            if (energy != null) s.setEnergy(energy);
            if (forces != null) s.setForces(Arrays.copyOf(forces, 3 * size));
            if (plusStress != null) s.setVirial(virialFromPlusStress(plusStress));
            s.info().putAll(features);
            return s;
        }

        /** Builds a configuration from a structure, with type = index of its atomic number in {@code typeToZ}. */
        public static Configuration fromStructure(Structure s, int[] typeToZ) {
            int n = s.size();
            Configuration c = new Configuration(n, s.cell().fullyPeriodic() ? s.cell().matrix() : null);
            for (int i = 0; i < n; i++) {
                int z = s.atomicNumber(i), t = -1;
                for (int k = 0; k < typeToZ.length; k++) if (typeToZ[k] == z) t = k;
                if (t < 0) throw InputException.field(null, "species", "atomic number " + z + " is not mapped to an MLIP type");
                c.type[i] = t;
                c.positions[3 * i] = s.x(i); c.positions[3 * i + 1] = s.y(i); c.positions[3 * i + 2] = s.z(i);
            }
            c.energy = s.energy();
            if (s.forces() != null) c.forces = Arrays.copyOf(s.forces(), 3 * n);
            if (s.virial() != null) c.plusStress = plusStressFromVirial(s.virial());
            return c;
        }
    }

    /** PlusStress (xx yy zz yz xz xy) → symmetric row-major 3×3 virial. */
    public static double[] virialFromPlusStress(double[] p) {
        return new double[] {p[0], p[5], p[4], p[5], p[1], p[3], p[4], p[3], p[2]};
    }

    /** Row-major 3×3 virial → PlusStress (xx yy zz yz xz xy), symmetrised. */
    public static double[] plusStressFromVirial(double[] w) {
        return new double[] {w[0], w[4], w[8], 0.5 * (w[5] + w[7]), 0.5 * (w[2] + w[6]), 0.5 * (w[1] + w[3])};
    }

    /** Reads every configuration of a file. */
    public static List<Configuration> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw InputException.at(file, 0, "not a UTF-8/ASCII text file");
        } catch (IOException e) {
            throw InputException.at(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses .cfg text; {@code source} names it in error messages. */
    public static List<Configuration> parse(String text, String source) {
        return new Parser(text, source).parseAll();
    }

    private static final class Parser {
        private final BufferedReader in;
        private final String src;
        private long ln;

        private final long totalLines;

        Parser(String text, String src) {
            long nl = 1;
            for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') nl++;
            this.totalLines = nl;
            this.in = new BufferedReader(new StringReader(text));
            this.src = src;
        }

        private String next() {
            try {
                String s = in.readLine();
                if (s != null) ln++;
                return s;
            } catch (IOException e) {
                throw InputException.at(src, ln, "read error: " + e.getMessage());
            }
        }

        private InputException err(String msg) { return InputException.at(src, ln, msg); }

        private String required(String what) {
            String s = next();
            if (s == null) throw InputException.at(src, ln + 1, "unexpected end of file: expected " + what);
            return s;
        }

        private double num(String tok, String what) {
            try {
                double v = Double.parseDouble(tok);
                if (!Double.isFinite(v)) throw err(what + " is not finite: '" + tok + "'");
                return v;
            } catch (NumberFormatException e) {
                throw err("expected a number for " + what + ", found '" + tok + "'");
            }
        }

        private int integer(String tok, String what) {
            try {
                return Integer.parseInt(tok);
            } catch (NumberFormatException e) {
                throw err("expected an integer for " + what + ", found '" + tok + "'");
            }
        }

        List<Configuration> parseAll() {
            List<Configuration> out = new ArrayList<>();
            String s;
            while ((s = next()) != null) {
                String t = s.trim();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (!t.equals("BEGIN_CFG")) throw err("expected BEGIN_CFG, found '" + abbreviate(t) + "'");
                out.add(parseOne());
            }
            return out;
        }

        private Configuration parseOne() {
            Configuration c = new Configuration();
            c.line = ln;
            c.size = -1;
            boolean atoms = false;
            while (true) {
                String s = next();
                if (s == null) throw err("unexpected end of file inside the configuration begun at line " + c.line
                        + ": expected END_CFG");
                String t = s.trim();
                if (t.isEmpty()) continue;
                String key = t.split("[\\s:]+", 2)[0];
                switch (key) {
                    case "END_CFG":
                        if (c.size < 0) throw err("configuration has no Size");
                        if (!atoms) throw err("configuration has no AtomData");
                        return c;
                    case "Size": {
                        if (c.size >= 0) throw err("second Size in one configuration");
                        String v = required("the atom count").trim();
                        int n = integer(v, "Size");
                        if (n < 0 || n > 50_000_000) throw err("Size must be between 0 and 5e7, found " + n);
                        c.size = n;
                        break;
                    }
                    case "Supercell": {
                        List<double[]> rows = new ArrayList<>();
                        // up to 3 rows; MLIP writes only the periodic directions
                        while (rows.size() < 3) {
                            try { in.mark(1 << 16); } catch (IOException e) { throw err(e.getMessage()); }
                            long save = ln;
                            String r = next();
                            if (r == null) break;
                            String[] f = r.trim().split("\\s+");
                            if (f.length != 3 || !looksNumeric(f[0])) {
                                try { in.reset(); } catch (IOException e) { throw err(e.getMessage()); }
                                ln = save;
                                break;
                            }
                            rows.add(new double[] {num(f[0], "lattice component"), num(f[1], "lattice component"),
                                    num(f[2], "lattice component")});
                        }
                        if (rows.size() != 3) throw err("Supercell needs 3 lattice vectors of 3 numbers, found " + rows.size());
                        double[] h = new double[9];
                        for (int i = 0; i < 3; i++) System.arraycopy(rows.get(i), 0, h, 3 * i, 3);
                        c.lattice = h;
                        double vol = c.volume();
                        if (!(vol > 1e-9)) throw err("Supercell vectors are linearly dependent (volume " + vol + " Å³)");
                        break;
                    }
                    case "AtomData": {
                        if (c.size < 0) throw err("AtomData before Size");
                        if (atoms) throw err("second AtomData in one configuration");
                        readAtoms(c, t.substring(t.indexOf(':') < 0 ? key.length() : t.indexOf(':') + 1).trim());
                        atoms = true;
                        break;
                    }
                    case "Energy": {
                        String v = required("the energy").trim();
                        c.energy = num(v, "Energy");
                        break;
                    }
                    case "PlusStress": {
                        String[] f = required("6 PlusStress components").trim().split("\\s+");
                        if (f.length != 6) throw err("PlusStress needs 6 numbers (xx yy zz yz xz xy), found " + f.length);
                        double[] p = new double[6];
                        for (int k = 0; k < 6; k++) p[k] = num(f[k], "PlusStress component");
                        c.plusStress = p;
                        break;
                    }
                    case "Feature": {
                        String rest = t.substring(7).trim();
                        if (rest.isEmpty()) throw err("Feature needs a name");
                        String[] f = rest.split("\\s+", 2);
                        c.features.put(f[0], f.length > 1 ? f[1] : "");
                        break;
                    }
                    case "BEGIN_CFG":
                        throw err("BEGIN_CFG inside the configuration begun at line " + c.line + " (missing END_CFG)");
                    default:
                        throw err("unknown keyword '" + abbreviate(key) + "' (expected Size, Supercell, AtomData, Energy, "
                                + "PlusStress, Feature or END_CFG)");
                }
            }
        }

        private void readAtoms(Configuration c, String header) {
            String[] cols = header.isEmpty() ? new String[0] : header.split("\\s+");
            int iId = -1, iType = -1, ix = -1, iy = -1, iz = -1, ifx = -1, ify = -1, ifz = -1;
            boolean direct = false;
            List<Integer> extra = new ArrayList<>();
            for (int k = 0; k < cols.length; k++) {
                switch (cols[k]) {
                    case "id": iId = k; break;
                    case "type": iType = k; break;
                    case "cartes_x": ix = k; break;
                    case "cartes_y": iy = k; break;
                    case "cartes_z": iz = k; break;
                    case "direct_x": ix = k; direct = true; break;
                    case "direct_y": iy = k; direct = true; break;
                    case "direct_z": iz = k; direct = true; break;
                    case "fx": ifx = k; break;
                    case "fy": ify = k; break;
                    case "fz": ifz = k; break;
                    default: extra.add(k);
                }
            }
            if (iType < 0 || ix < 0 || iy < 0 || iz < 0) {
                throw err("AtomData needs columns type and cartes_x/y/z (or direct_x/y/z)");
            }
            boolean hasF = ifx >= 0 || ify >= 0 || ifz >= 0;
            if (hasF && (ifx < 0 || ify < 0 || ifz < 0)) throw err("AtomData has only some of fx fy fz");
            if (direct && c.lattice == null) throw err("direct coordinates need a Supercell before AtomData");
            int n = c.size;
            if (n > totalLines - ln) {
                throw err("Size = " + n + " but only " + (totalLines - ln) + " lines follow the AtomData header");
            }
            c.id = new int[n];
            c.type = new int[n];
            c.positions = new double[3 * n];
            if (hasF) c.forces = new double[3 * n];
            double[][] ex = new double[extra.size()][n];
            for (int i = 0; i < n; i++) {
                String[] f = required("atom " + (i + 1) + " of " + n).trim().split("\\s+");
                if (f.length != cols.length) {
                    throw err("atom line has " + f.length + " fields, the AtomData header names " + cols.length);
                }
                c.id[i] = iId >= 0 ? integer(f[iId], "id") : i + 1;
                int ty = integer(f[iType], "type");
                if (ty < 0) throw err("type must be ≥ 0, found " + ty);
                c.type[i] = ty;
                double x = num(f[ix], "x"), y = num(f[iy], "y"), z = num(f[iz], "z");
                if (direct) {
                    double[] h = c.lattice;
                    double cx = x * h[0] + y * h[3] + z * h[6];
                    double cy = x * h[1] + y * h[4] + z * h[7];
                    double cz = x * h[2] + y * h[5] + z * h[8];
                    x = cx; y = cy; z = cz;
                }
                c.positions[3 * i] = x; c.positions[3 * i + 1] = y; c.positions[3 * i + 2] = z;
                if (hasF) {
                    c.forces[3 * i] = num(f[ifx], "fx");
                    c.forces[3 * i + 1] = num(f[ify], "fy");
                    c.forces[3 * i + 2] = num(f[ifz], "fz");
                }
                for (int e = 0; e < ex.length; e++) ex[e][i] = num(f[extra.get(e)], cols[extra.get(e)]);
            }
            for (int e = 0; e < ex.length; e++) c.atomColumns.put(cols[extra.get(e)], ex[e]);
        }
    }

    private static boolean looksNumeric(String s) {
        if (s.isEmpty()) return false;
        char ch = s.charAt(0);
        return Character.isDigit(ch) || ch == '-' || ch == '+' || ch == '.';
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Writes configurations atomically in MLIP's layout and precision. */
    public static void write(Path file, List<Configuration> cfgs) {
        AtomicFiles.writeText(file, w -> {
            for (Configuration c : cfgs) write(w, c);
        });
    }

    /** Formats one configuration (MLIP's fixed precision: positions/forces 6 decimals, energy 12, stress 5). */
    public static void write(Writer w, Configuration c) throws IOException {
        StringBuilder b = new StringBuilder(128 + 100 * c.size);
        b.append("BEGIN_CFG\n Size\n").append(String.format(Locale.ROOT, "%7d\n", c.size));
        if (c.lattice != null) {
            b.append(" Supercell\n");
            for (int r = 0; r < 3; r++) {
                b.append(String.format(Locale.ROOT, "    %13.6f %13.6f %13.6f\n", c.lattice[3 * r], c.lattice[3 * r + 1],
                        c.lattice[3 * r + 2]));
            }
        }
        b.append(" AtomData:  id type       cartes_x      cartes_y      cartes_z");
        if (c.forces != null) b.append("           fx          fy          fz");
        for (String k : c.atomColumns.keySet()) b.append("   ").append(k);
        b.append('\n');
        for (int i = 0; i < c.size; i++) {
            b.append(String.format(Locale.ROOT, "%14d %4d %14.6f %13.6f %13.6f", c.id[i], c.type[i], c.positions[3 * i],
                    c.positions[3 * i + 1], c.positions[3 * i + 2]));
            if (c.forces != null) {
                b.append(String.format(Locale.ROOT, " %11.6f %11.6f %11.6f", c.forces[3 * i], c.forces[3 * i + 1],
                        c.forces[3 * i + 2]));
            }
            for (double[] col : c.atomColumns.values()) b.append(String.format(Locale.ROOT, " %16.5f", col[i]));
            b.append('\n');
        }
        if (c.energy != null) b.append(" Energy\n").append(String.format(Locale.ROOT, "%24.12f\n", c.energy));
        if (c.plusStress != null) {
            b.append(" PlusStress:  xx          yy          zz          yz          xz          xy\n");
            for (int k = 0; k < 6; k++) b.append(String.format(Locale.ROOT, " %11.5f", c.plusStress[k]));
            b.append('\n');
        }
        for (Map.Entry<String, String> e : c.features.entrySet()) {
            b.append(" Feature   ").append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        b.append("END_CFG\n\n");
        w.write(b.toString());
    }
}
