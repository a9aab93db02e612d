package org.scalebridge.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/**
 * Extended XYZ (the ASE/QUIP convention): per frame a count line, a comment line of {@code key=value} pairs
 * ({@code Lattice="ax ay az bx by bz cx cy cz"}, {@code Properties=name:T:n:…} with T ∈ S/R/I/L, {@code pbc="T T T"},
 * {@code energy}, {@code stress} (eV/Å³, tensile positive, 9 or 6 Voigt components), {@code virial} (eV), free keys)
 * and one line per atom. Read streaming, one frame at a time.
 *
 * <p>Column mapping: species (or Z) → element, pos → positions, forces → forces, velocities → velocities (Å/ps),
 * momenta (ASE's units, amu·√(eV/amu)) → velocities = p/m,
 * charges/initial_charges → charges, masses → masses; every other column becomes a named {@link PerAtomArray}. Other
 * keys go to {@link Structure#info()} as Long, Double, Boolean, String, long[], double[] or boolean[]. A frame with no
 * Lattice is non-periodic: it gets a bounding cell with pbc = F F F and the info flag {@value #NO_LATTICE}, so that it
 * is written back without a Lattice. When both stress and virial are present the stress sets the virial and the
 * virial is kept in info.
 */
public final class ExtXyzFormat implements StructureFormat {
    /** One ASE velocity unit √(eV/amu) in Å/ps. */
    static final double ASE_VELOCITY = 0.01 * Math.sqrt(org.scalebridge.core.Units.ELEMENTARY_CHARGE / org.scalebridge.core.Units.AMU_KG);

    /** Info key marking a frame read without a Lattice (keys starting with "io." are never written). */
    public static final String NO_LATTICE = "io.noLattice";

    @Override public String name() { return "extxyz"; }

    @Override
    public int nameScore(String fn) {
        String f = Formats.lower(fn);
        if (f.endsWith(".extxyz") || f.endsWith(".exyz")) return 8;
        if (f.endsWith(".xyz")) return 6;
        return 0;
    }

    @Override
    public int contentScore(String head) {
        String[] lines = head.split("\r?\n", 3);
        if (lines.length < 2) return 0;
        String first = lines[0].trim();
        if (!Num.isInteger(first)) return 0;
        String c = lines[1];
        if (c.contains("Lattice=") || c.contains("Properties=")) return 9;
        return 3; // a plain XYZ: a count and a comment
    }

    @Override public boolean canWrite() { return true; }

    @Override
    public TrajectoryReader open(String source, java.io.InputStream stream, IoOptions options) { return new Reader(LineReader.of(source, stream)); }

    /** Streaming reader over any text source. */
    public static TrajectoryReader reader(LineReader in) { return new Reader(in); }

    /** Reads all frames of a text (tests, clipboard). */
    public static List<Structure> parse(String source, String text) {
        try (TrajectoryReader r = new Reader(LineReader.ofString(source, text))) {
            return r.readAll();
        }
    }

    // ------------------------------------------------------------------ reading

    private record Column(String name, PerAtomArray.Type type, int n, int first) {}

    private static final class Reader implements TrajectoryReader {
        private final LineReader in;
        private String[] buf = new String[64];

        Reader(LineReader in) { this.in = in; }

        @Override public String source() { return in.source(); }

        @Override public void close() { in.close(); }

        @Override
        public Structure next() {
            String countLine = in.nextNonBlank();
            if (countLine == null) return null;
            String ct = countLine.trim();
            if (!Num.isInteger(ct)) {
                throw in.error("expected the number of atoms of a frame, found '" + Num.clip(ct) + "'");
            }
            int n = Num.count(ct, in, "number of atoms");
            long commentLine = in.line() + 1;
            String comment = in.require("the comment line of the frame");
            Map<String, KeyValues.Raw> kv;
            try {
                kv = KeyValues.parse(comment);
            } catch (KeyValues.Malformed e) {
                String lc = comment.toLowerCase(Locale.ROOT);
                if (lc.contains("lattice=") || lc.contains("properties=") || lc.contains("pbc=")) {
                    throw in.error(commentLine, "malformed key=value line: " + e.getMessage());
                }
                kv = Map.of(); // plain XYZ with a free-text comment
            }
            return frame(n, comment, kv, commentLine);
        }

        private Structure frame(int n, String comment, Map<String, KeyValues.Raw> kv, long cl) {
            KeyValues.Raw lattice = null, props = null, pbcV = null;
            String latticeKey = null;
            for (var e : kv.entrySet()) {
                String k = e.getKey().toLowerCase(Locale.ROOT);
                if (k.equals("lattice")) { lattice = need(e.getValue(), e.getKey(), cl); latticeKey = e.getKey(); }
                else if (k.equals("properties")) props = need(e.getValue(), e.getKey(), cl);
                else if (k.equals("pbc")) pbcV = need(e.getValue(), e.getKey(), cl);
            }
            boolean[] pbc;
            if (pbcV != null) {
                String[] t = Num.split(pbcV.text());
                if (t.length != 3) throw in.error(cl, "pbc needs 3 logical values (e.g. pbc=\"T T T\"), found '" + Num.clip(pbcV.text()) + "'");
                pbc = new boolean[3];
                for (int d = 0; d < 3; d++) {
                    Boolean b = logical(t[d]);
                    if (b == null) throw in.error(cl, "pbc value '" + Num.clip(t[d]) + "' is not T/F/True/False");
                    pbc[d] = b;
                }
            } else {
                pbc = lattice != null ? new boolean[] {true, true, true} : new boolean[] {false, false, false};
            }
            double[] h = null;
            if (lattice != null) {
                String[] t = Num.split(lattice.text().replace(',', ' '));
                if (t.length != 9) throw in.error(cl, latticeKey + " needs 9 numbers (a, b, c vectors), found " + t.length);
                h = new double[9];
                for (int k = 0; k < 9; k++) h[k] = Num.real(t[k], in.source(), cl, "Lattice component " + (k + 1));
            }
            List<Column> cols = properties(props == null ? "species:S:1:pos:R:3" : props.text(), cl);
            int width = 0;
            for (Column c : cols) width += c.n;
            if (buf.length < width + 1) buf = new String[width + 1];

            // find the special columns
            int spCol = -1, zCol = -1, posCol = -1, fCol = -1, vCol = -1, qCol = -1, mCol = -1, pCol = -1;
            List<Column> extra = new ArrayList<>();
            for (Column c : cols) {
                String lname = c.name.toLowerCase(Locale.ROOT);
                if (lname.equals("species") && c.type == PerAtomArray.Type.STRING && c.n == 1) spCol = c.first;
                else if (c.name.equals("Z") && c.type == PerAtomArray.Type.INT && c.n == 1) zCol = c.first;
                else if ((lname.equals("pos") || lname.equals("positions")) && c.type == PerAtomArray.Type.REAL && c.n == 3) posCol = c.first;
                else if ((lname.equals("forces") || lname.equals("force")) && c.type == PerAtomArray.Type.REAL && c.n == 3) fCol = c.first;
                else if ((lname.equals("velocities")) && c.type == PerAtomArray.Type.REAL && c.n == 3) vCol = c.first;
                else if (lname.equals("momenta") && c.type == PerAtomArray.Type.REAL && c.n == 3) pCol = c.first;
                else if ((lname.equals("charges") || lname.equals("charge") || lname.equals("initial_charges"))
                        && c.type == PerAtomArray.Type.REAL && c.n == 1) qCol = c.first;
                else if ((lname.equals("masses") || lname.equals("mass")) && c.type == PerAtomArray.Type.REAL && c.n == 1) mCol = c.first;
                else extra.add(c);
            }
            if (posCol < 0) throw in.error(cl, "Properties has no pos:R:3 column");
            if (spCol < 0 && zCol < 0) throw in.error(cl, "Properties has neither species:S:1 nor Z:I:1");
            if (spCol >= 0 && zCol >= 0) {
                extra.add(new Column("Z", PerAtomArray.Type.INT, 1, zCol));
                zCol = -1;
            }

            int cap = Math.min(Math.max(n, 1), 1024);
            Structure s = new Structure(h != null ? cell(h, pbc, cl) : Cell.orthorhombic(1, 1, 1), cap);
            double[] f = null;
            if (vCol >= 0 && pCol >= 0) {
                extra.add(cols.stream().filter(c -> c.name.equalsIgnoreCase("momenta")).findFirst().orElseThrow());
                pCol = -1; // both given: velocities win, momenta kept as an array
            }
            if (vCol >= 0 || pCol >= 0) s.ensureVelocities();
            if (qCol >= 0) s.ensureCharges();
            List<PerAtomArray> arrays = new ArrayList<>();
            for (Column c : extra) {
                try {
                    arrays.add(s.addArray(c.name, c.type, c.n));
                } catch (IllegalArgumentException e) {
                    throw in.error(cl, "column '" + c.name + "' appears twice in Properties with different types");
                }
            }
            double[] fr = new double[3 * Math.min(Math.max(n, 1), 1024)];
            for (int i = 0; i < n; i++) {
                String line = in.require("atom line " + (i + 1) + " of " + n);
                int k = Num.split(line, buf);
                if (k != width) {
                    throw in.error("atom line " + (i + 1) + " has " + (k < 0 ? "more than " + width : String.valueOf(k))
                            + " columns, Properties declares " + width);
                }
                int z;
                if (spCol >= 0) {
                    Element e = Elements.bySymbolOrNull(buf[spCol]);
                    if (e == null) throw in.error("unknown element symbol '" + Num.clip(buf[spCol]) + "' in the species column");
                    z = e.z();
                } else {
                    z = Num.integer(buf[zCol], in, "atomic number Z");
                    if (z < 1 || z > Elements.MAX_Z) throw in.error("atomic number " + z + " outside 1–" + Elements.MAX_Z);
                }
                double x = Num.real(buf[posCol], in, "x"), y = Num.real(buf[posCol + 1], in, "y"), zc = Num.real(buf[posCol + 2], in, "z");
                int a = s.addAtom(z, x, y, zc);
                if (mCol >= 0) {
                    double m = Num.real(buf[mCol], in, "mass");
                    if (!(m > 0)) throw in.error("mass must be positive, found " + m);
                    s.setMass(a, m);
                }
                if (qCol >= 0) s.charges()[a] = Num.real(buf[qCol], in, "charge");
                if (vCol >= 0) {
                    double[] v = s.velocities();
                    for (int d = 0; d < 3; d++) v[3 * a + d] = Num.real(buf[vCol + d], in, "velocity");
                }
                if (pCol >= 0) {
                    // ASE momenta (amu·Å per ASE time unit Å·√(amu/eV)): v = p/m, 1 √(eV/amu) = 0.01·√(e/amu) Å/ps
                    double[] v = s.velocities();
                    double m = s.mass(a);
                    for (int d = 0; d < 3; d++) v[3 * a + d] = Num.real(buf[pCol + d], in, "momentum") / m * ASE_VELOCITY;
                }
                if (fCol >= 0) {
                    if (3 * a + 3 > fr.length) fr = java.util.Arrays.copyOf(fr, Math.max(3 * a + 3, fr.length * 2));
                    for (int d = 0; d < 3; d++) fr[3 * a + d] = Num.real(buf[fCol + d], in, "force");
                }
                for (int c = 0; c < extra.size(); c++) {
                    Column col = extra.get(c);
                    PerAtomArray arr = arrays.get(c);
                    for (int d = 0; d < col.n; d++) {
                        String t = buf[col.first + d];
                        int idx = a * col.n + d;
                        switch (col.type) {
                            case REAL -> arr.reals()[idx] = Num.real(t, in, col.name);
                            case INT -> arr.ints()[idx] = Num.integer(t, in, col.name);
                            case STRING -> arr.strings()[idx] = t;
                            case LOGICAL -> {
                                Boolean b = logical(t);
                                if (b == null) throw in.error("column " + col.name + ": expected T or F, found '" + Num.clip(t) + "'");
                                arr.logicals()[idx] = b;
                            }
                        }
                    }
                }
            }
            if (fCol >= 0) {
                f = s.ensureForces();
                System.arraycopy(fr, 0, f, 0, 3 * n);
            }
            if (h == null) {
                s.setCell(boundingCell(s));
                s.info().put(NO_LATTICE, Boolean.TRUE);
            }
            if (kv.isEmpty() && !comment.isBlank()) s.info().put("comment", comment);
            info(s, kv, cl);
            return s;
        }

        private KeyValues.Raw need(KeyValues.Raw v, String key, long cl) {
            if (v == null) throw in.error(cl, key + " needs a value");
            return v;
        }

        private Cell cell(double[] h, boolean[] pbc, long cl) {
            try {
                return Cell.ofRowMajor(h, pbc);
            } catch (InputException e) {
                throw in.error(cl, "Lattice: " + e.getMessage());
            }
        }

        private List<Column> properties(String p, long cl) {
            String[] t = p.split(":", -1);
            if (t.length % 3 != 0 || t.length == 0) {
                throw in.error(cl, "Properties must be name:type:count triples, found '" + Num.clip(p) + "'");
            }
            List<Column> out = new ArrayList<>();
            int first = 0;
            for (int k = 0; k < t.length; k += 3) {
                String name = t[k];
                if (name.isEmpty()) throw in.error(cl, "Properties: empty column name in triple " + (k / 3 + 1));
                PerAtomArray.Type type = t[k + 1].length() == 1 ? PerAtomArray.Type.of(t[k + 1].charAt(0)) : null;
                if (type == null) throw in.error(cl, "Properties: column " + name + " has type '" + Num.clip(t[k + 1]) + "', expected S, R, I or L");
                int n;
                if (!Num.isInteger(t[k + 2]) || (n = Integer.parseInt(t[k + 2].replace("+", ""))) < 1 || n > 4096) {
                    throw in.error(cl, "Properties: column " + name + " has count '" + Num.clip(t[k + 2]) + "', expected a positive integer");
                }
                for (Column c : out) {
                    if (c.name.equals(name)) throw in.error(cl, "Properties: column " + name + " appears twice");
                }
                out.add(new Column(name, type, n, first));
                first += n;
            }
            return out;
        }

        private void info(Structure s, Map<String, KeyValues.Raw> kv, long cl) {
            double[] stress = null, virial = null;
            for (var e : kv.entrySet()) {
                String key = e.getKey();
                String lk = key.toLowerCase(Locale.ROOT);
                if (lk.equals("lattice") || lk.equals("properties") || lk.equals("pbc")) continue;
                KeyValues.Raw raw = e.getValue();
                if (raw == null) { s.info().put(key, Boolean.TRUE); continue; }
                if (key.equals("energy")) {
                    s.setEnergy(Num.real(raw.text().trim(), in.source(), cl, "energy"));
                    continue;
                }
                if (key.equals("stress") || key.equals("virial")) {
                    double[] m = tensor(raw.text(), key, cl);
                    if (key.equals("stress")) stress = m; else virial = m;
                    continue;
                }
                if (key.startsWith("io.")) continue;
                s.info().put(key, value(raw));
            }
            if (stress != null) {
                s.setStressEvPerA3(stress);
                if (virial != null) s.info().put("virial", virial);
            } else if (virial != null) {
                s.setVirial(virial);
            }
        }

        private double[] tensor(String text, String key, long cl) {
            String[] t = Num.split(text.replace(',', ' '));
            if (t.length != 9 && t.length != 6) throw in.error(cl, key + " needs 9 (3×3) or 6 (Voigt) numbers, found " + t.length);
            double[] v = new double[t.length];
            for (int k = 0; k < t.length; k++) v[k] = Num.real(t[k], in.source(), cl, key + " component " + (k + 1));
            if (t.length == 9) return v;
            // Voigt order xx yy zz yz xz xy
            return new double[] {v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]};
        }
    }

    static Boolean logical(String t) {
        switch (t) {
            case "T", "True", "true", "TRUE", "1" -> { return Boolean.TRUE; }
            case "F", "False", "false", "FALSE", "0" -> { return Boolean.FALSE; }
            default -> { return null; }
        }
    }

    /** Typed info value: Long, Double, Boolean, String or arrays of them. */
    static Object value(KeyValues.Raw raw) {
        String text = raw.text();
        if (!raw.grouped()) return scalar(text);
        String[] t = Num.split(text.replace(',', ' '));
        if (t.length == 0) return text;
        if (t.length == 1 && text.indexOf(',') < 0 && !text.isBlank() && t[0].equals(text.trim())) {
            Object v = scalar(t[0]);
            return v instanceof String ? text : v;
        }
        boolean allInt = true, allNum = true, allBool = true;
        for (String x : t) {
            allInt &= Num.isInteger(x);
            allNum &= Num.isNumber(x);
            allBool &= x.equals("T") || x.equals("F") || x.equals("True") || x.equals("False");
        }
        if (allInt) {
            long[] v = new long[t.length];
            try {
                for (int k = 0; k < t.length; k++) v[k] = Long.parseLong(t[k].replace("+", ""));
                return v;
            } catch (NumberFormatException overflow) {
                allInt = false;
            }
        }
        if (allNum) {
            double[] v = new double[t.length];
            for (int k = 0; k < t.length; k++) v[k] = Num.tryDouble(t[k]);
            return v;
        }
        if (allBool) {
            boolean[] v = new boolean[t.length];
            for (int k = 0; k < t.length; k++) v[k] = t[k].startsWith("T");
            return v;
        }
        return text;
    }

    private static Object scalar(String t) {
        if (Num.isInteger(t)) {
            try {
                return Long.parseLong(t.replace("+", ""));
            } catch (NumberFormatException overflow) {
                // too long for a long: keep as a double below
            }
        }
        if (Num.isNumber(t)) return Num.tryDouble(t);
        if (t.equals("T") || t.equals("True")) return Boolean.TRUE;
        if (t.equals("F") || t.equals("False")) return Boolean.FALSE;
        return t;
    }

    /** A non-periodic cell around the atoms (10 Å of vacuum on each side), used when a frame has no Lattice. */
    static Cell boundingCell(Structure s) {
        double[] lo = {0, 0, 0}, hi = {0, 0, 0};
        double[] p = s.positions();
        for (int i = 0; i < s.size(); i++) {
            for (int d = 0; d < 3; d++) {
                double v = p[3 * i + d];
                if (i == 0 || v < lo[d]) lo[d] = v;
                if (i == 0 || v > hi[d]) hi[d] = v;
            }
        }
        double[][] rows = new double[3][3];
        for (int d = 0; d < 3; d++) rows[d][d] = Math.max(hi[d] - lo[d], 0) + 20.0;
        return new Cell(rows, new boolean[] {false, false, false});
    }

    // ------------------------------------------------------------------ writing

    @Override
    public TrajectoryWriter openWriter(Path file, IoOptions options) {
        return new TrajectoryWriter(file, (w, s, k) -> {
            check(s, file);
            writeFrame(w, s);
        });
    }

    @Override
    public void write(Path file, List<Structure> frames, IoOptions options) {
        for (Structure s : frames) check(s, file);
        AtomicFiles.writeText(file, w -> {
            for (Structure s : frames) writeFrame(w, s);
        });
    }

    private static void check(Structure s, Path file) {
        for (PerAtomArray a : s.arrays().values()) {
            if (a.type() != PerAtomArray.Type.STRING) continue;
            for (int k = 0; k < s.size() * a.components(); k++) {
                String v = a.strings()[k];
                if (v == null || v.isEmpty() || Num.split(v).length != 1 || !v.equals(v.trim())) {
                    throw InputException.at(file, -1, "cannot write per-atom string array '" + a.name()
                            + "': value '" + v + "' of atom " + (k / a.components()) + " is empty or contains whitespace");
                }
            }
        }
    }

    /** Writes one frame in extended XYZ. */
    public static void writeFrame(Writer w, Structure s) throws IOException {
        int n = s.size();
        StringBuilder sb = new StringBuilder(256);
        sb.append(n).append('\n');
        boolean noLattice = Boolean.TRUE.equals(s.info().get(NO_LATTICE));
        if (!noLattice) {
            double[] h = s.cell().matrix();
            sb.append("Lattice=\"");
            for (int k = 0; k < 9; k++) sb.append(k == 0 ? "" : " ").append(Num.fmt(h[k]));
            sb.append("\" ");
        }
        boolean masses = false;
        for (int i = 0; i < n; i++) if (s.mass(i) != Elements.mass(s.atomicNumber(i))) masses = true;
        sb.append("Properties=species:S:1:pos:R:3");
        if (s.hasVelocities()) sb.append(":velocities:R:3");
        if (s.hasCharges()) sb.append(":charges:R:1");
        if (masses) sb.append(":masses:R:1");
        if (s.forces() != null) sb.append(":forces:R:3");
        for (PerAtomArray a : s.arrays().values()) {
            sb.append(':').append(a.name()).append(':').append(a.type().letter).append(':').append(a.components());
        }
        if (s.energy() != null) sb.append(" energy=").append(Num.fmt(s.energy()));
        if (s.virial() != null && !noLattice) {
            double[] w9 = s.virial();
            double v = s.cell().volume();
            sb.append(" stress=\"");
            for (int k = 0; k < 9; k++) sb.append(k == 0 ? "" : " ").append(Num.fmt(-w9[k] / v));
            sb.append('"');
        }
        for (Map.Entry<String, Object> e : s.info().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("io.")) continue;
            String lk = k.toLowerCase(Locale.ROOT);
            if (lk.equals("lattice") || lk.equals("properties") || lk.equals("pbc") || k.equals("energy") || k.equals("stress")) continue;
            if (k.equals("comment") && s.info().size() == 1) continue;
            String val = format(e.getValue());
            if (val == null) continue;
            sb.append(' ').append(KeyValues.quote(k)).append('=').append(val);
        }
        boolean[] pbc = s.cell().pbc();
        sb.append(" pbc=\"").append(pbc[0] ? 'T' : 'F').append(' ').append(pbc[1] ? 'T' : 'F').append(' ')
                .append(pbc[2] ? 'T' : 'F').append("\"\n");
        w.write(sb.toString());
        double[] p = s.positions(), v = s.velocities(), q = s.charges(), f = s.forces();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            sb.append(s.symbol(i));
            for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(p[3 * i + d]));
            if (v != null) for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(v[3 * i + d]));
            if (q != null) sb.append(' ').append(Num.fmt(q[i]));
            if (masses) sb.append(' ').append(Num.fmt(s.mass(i)));
            if (f != null) for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(f[3 * i + d]));
            for (PerAtomArray a : s.arrays().values()) {
                int c = a.components();
                for (int d = 0; d < c; d++) {
                    sb.append(' ');
                    switch (a.type()) {
                        case REAL -> sb.append(Num.fmt(a.reals()[i * c + d]));
                        case INT -> sb.append(a.ints()[i * c + d]);
                        case STRING -> sb.append(a.strings()[i * c + d]);
                        case LOGICAL -> sb.append(a.logicals()[i * c + d] ? 'T' : 'F');
                    }
                }
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }

    private static String format(Object o) {
        if (o == null) return null;
        if (o instanceof Double d) return Num.fmt(d);
        if (o instanceof Float d) return Num.fmt(d);
        if (o instanceof Number num) return num.toString();
        if (o instanceof Boolean b) return b ? "T" : "F";
        if (o instanceof double[] a) {
            StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < a.length; k++) sb.append(k == 0 ? "" : " ").append(Num.fmt(a[k]));
            return sb.append('"').toString();
        }
        if (o instanceof long[] a) {
            StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < a.length; k++) sb.append(k == 0 ? "" : " ").append(a[k]);
            return sb.append('"').toString();
        }
        if (o instanceof int[] a) {
            StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < a.length; k++) sb.append(k == 0 ? "" : " ").append(a[k]);
            return sb.append('"').toString();
        }
        if (o instanceof boolean[] a) {
            StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < a.length; k++) sb.append(k == 0 ? "" : " ").append(a[k] ? 'T' : 'F');
            return sb.append('"').toString();
        }
        String str = o.toString();
        // a string that would read back as a number or logical keeps its type only if quoted
        return KeyValues.quote(str);
    }
}
