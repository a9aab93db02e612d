package org.scalebridge.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/**
 * VASP POSCAR/CONTCAR (one structure). Read: comment, scale factor (a negative one is the cell volume in Å³; three
 * factors scale the axes), lattice, the species line (VASP 5; POTCAR suffixes such as Fe_pv or Fe/hash are
 * stripped) or, for VASP 4 files, species from the comment line or {@link IoOptions#speciesOrder()}, counts,
 * optional Selective dynamics (into the logical array {@value #SELECTIVE}, 3 flags per atom, T = free to move),
 * Direct or Cartesian coordinates, and the velocity block of a CONTCAR (Å/fs, stored as Å/ps). Write: VASP 5 with the species line
 * (consecutive runs of one element, order kept), Direct coordinates at full precision, selective dynamics when the
 * array is present.
 */
public final class PoscarFormat implements StructureFormat {
    /** Name of the per-atom logical array holding selective-dynamics flags. */
    public static final String SELECTIVE = "selective_dynamics";

    @Override public String name() { return "poscar"; }

    @Override
    public int nameScore(String fn) {
        String f = fn.toUpperCase(Locale.ROOT);
        if (f.startsWith("POSCAR") || f.startsWith("CONTCAR") || f.endsWith(".POSCAR") || f.endsWith(".VASP")) return 10;
        return 0;
    }

    @Override
    public int contentScore(String head) {
        String[] l = head.split("\r?\n");
        if (l.length < 8) return 0;
        if (Num.split(l[1]).length < 1 || !Num.isNumber(Num.split(l[1]).length > 0 ? Num.split(l[1])[0] : "")) return 0;
        for (int i = 2; i < 5; i++) {
            String[] t = Num.split(l[i]);
            if (t.length < 3 || !Num.isNumber(t[0]) || !Num.isNumber(t[1]) || !Num.isNumber(t[2])) return 0;
        }
        String[] t = Num.split(l[5]);
        if (t.length == 0) return 0;
        String next = l[6].trim();
        boolean v5 = Elements.bySymbolOrNull(strip(t[0])) != null && Num.split(next).length > 0 && Num.isInteger(Num.split(next)[0]);
        boolean v4 = Num.isInteger(t[0]);
        if (!v5 && !v4) return 0;
        // an XDATCAR has the same header followed by "Direct configuration="
        for (int i = 6; i < Math.min(l.length, 9); i++) if (l[i].toLowerCase(Locale.ROOT).contains("configuration")) return 0;
        return 6;
    }

    @Override public boolean canWrite() { return true; }

    @Override
    public TrajectoryReader open(String source, java.io.InputStream stream, IoOptions options) {
        LineReader in = LineReader.of(source, stream);
        return new SingleFrameReader(source, in, r -> read(r, options));
    }

    static String strip(String symbol) {
        int k = symbol.indexOf('_');
        if (k > 0) symbol = symbol.substring(0, k);
        k = symbol.indexOf('/');
        if (k > 0) symbol = symbol.substring(0, k);
        return symbol;
    }

    /** The header shared by POSCAR and XDATCAR: cell and species of each atom. */
    record Header(String comment, Cell cell, int[] z, String[] symbols, int[] counts, double[] scale) {
        int atoms() { return z.length; }
    }

    /** Reads comment, scale, lattice, species and counts. {@code first} is the comment line already read (or null). */
    static Header header(LineReader in, String first, IoOptions o) {
        String comment = first != null ? first : in.require("the comment line");
        String sl = in.require("the scale factor");
        String[] st = Num.split(sl);
        if (st.length != 1 && st.length != 3) throw in.error("expected one scale factor (or three), found '" + Num.clip(sl.trim()) + "'");
        double[] scale = new double[st.length];
        for (int k = 0; k < st.length; k++) scale[k] = Num.real(st[k], in, "scale factor");
        double[] h = new double[9];
        for (int r = 0; r < 3; r++) {
            String[] t = Num.split(in.require("lattice vector " + (r + 1)));
            if (t.length < 3) throw in.error("lattice vector " + (r + 1) + " needs 3 numbers, found " + t.length);
            for (int d = 0; d < 3; d++) h[3 * r + d] = Num.real(t[d], in, "lattice vector component");
        }
        long cellLine = in.line();
        if (st.length == 1) {
            double s = scale[0];
            if (s == 0) throw in.error(cellLine - 3, "scale factor must not be zero");
            if (s < 0) {
                // negative scale = target volume (VASP manual, POSCAR)
                double v0 = Math.abs(det(h));
                if (!(v0 > 0)) throw in.error(cellLine, "lattice vectors are linearly dependent");
                s = Math.cbrt(-s / v0);
            }
            for (int k = 0; k < 9; k++) h[k] *= s;
            scale = new double[] {s, s, s};
        } else {
            for (int d = 0; d < 3; d++) {
                if (!(scale[d] > 0)) throw in.error(cellLine - 3, "the three scale factors must be positive");
                for (int r = 0; r < 3; r++) h[3 * r + d] *= scale[d];
            }
        }
        Cell cell;
        try {
            cell = Num.sane(Cell.ofRowMajor(h, null));
        } catch (InputException e) {
            throw in.error(cellLine, e.getMessage());
        }
        String line = in.require("the species or counts line");
        String[] t = Num.split(line);
        if (t.length == 0) throw in.error("expected the species line (e.g. 'Na Mn Fe C N') or the atom counts");
        String[] symbols;
        String[] countTok;
        if (Num.isInteger(t[0])) {
            countTok = t;
            String[] order = o == null ? null : o.speciesOrder();
            if (order == null) {
                // VASP 4: the species are, by convention, the first words of the comment line
                String[] c = Num.split(comment);
                List<String> sy = new ArrayList<>();
                for (String w : c) {
                    if (sy.size() == t.length) break;
                    if (Elements.bySymbolOrNull(strip(w)) == null) break;
                    sy.add(strip(w));
                }
                if (sy.size() != t.length) {
                    throw in.error("VASP 4 file without a species line: give the species order (or add the symbols as line 6)");
                }
                order = sy.toArray(new String[0]);
            }
            if (order.length < t.length) throw in.error("species order has " + order.length + " elements, the file has " + t.length + " counts");
            symbols = java.util.Arrays.copyOf(order, t.length);
        } else {
            symbols = new String[t.length];
            for (int k = 0; k < t.length; k++) {
                symbols[k] = strip(t[k]);
                if (Elements.bySymbolOrNull(symbols[k]) == null) throw in.error("unknown element '" + Num.clip(t[k]) + "' on the species line");
            }
            countTok = Num.split(in.require("the atom counts line"));
            if (countTok.length != symbols.length) {
                throw in.error("counts line has " + countTok.length + " numbers for " + symbols.length + " species");
            }
        }
        int[] counts = new int[symbols.length];
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            counts[k] = Num.count(countTok[k], in, "atom count");
            total += counts[k];
        }
        if (total > 50_000_000) throw in.error("implausible atom count " + total);
        int[] z = new int[(int) total];
        int a = 0;
        for (int k = 0; k < counts.length; k++) {
            Element e = Elements.bySymbolOrNull(symbols[k]);
            if (e == null) throw in.error("unknown element '" + Num.clip(symbols[k]) + "' in the species order");
            for (int c = 0; c < counts[k]; c++) z[a++] = e.z();
        }
        return new Header(comment, cell, z, symbols, counts, scale);
    }

    static Structure read(LineReader in, IoOptions o) {
        Header hd = header(in, null, o);
        String line = in.require("'Direct', 'Cartesian' or 'Selective dynamics'");
        boolean selective = false;
        String lt = line.trim();
        if (!lt.isEmpty() && (lt.charAt(0) == 'S' || lt.charAt(0) == 's')) {
            selective = true;
            line = in.require("'Direct' or 'Cartesian'");
            lt = line.trim();
        }
        if (lt.isEmpty()) throw in.error("expected 'Direct' or 'Cartesian', found an empty line");
        char c0 = Character.toLowerCase(lt.charAt(0));
        boolean cart = c0 == 'c' || c0 == 'k';
        if (!cart && c0 != 'd') throw in.error("expected 'Direct' or 'Cartesian', found '" + Num.clip(lt) + "'");
        int n = hd.atoms();
        Structure s = new Structure(hd.cell(), Math.max(n, 1));
        PerAtomArray sd = selective ? s.addArray(SELECTIVE, PerAtomArray.Type.LOGICAL, 3) : null;
        double[] f = new double[3], r = new double[3];
        // Cartesian coordinates are scaled by the same factor(s) as the lattice
        double sx = hd.scale()[0], sy = hd.scale()[1], sz = hd.scale()[2];
        for (int i = 0; i < n; i++) {
            String[] t = Num.split(in.require("coordinates of atom " + (i + 1) + " of " + n));
            if (t.length < 3) throw in.error("atom " + (i + 1) + " needs 3 coordinates, found " + t.length);
            for (int d = 0; d < 3; d++) f[d] = Num.real(t[d], in, "coordinate");
            if (cart) {
                r[0] = f[0] * sx; r[1] = f[1] * sy; r[2] = f[2] * sz;
            } else {
                hd.cell().toCartesian(f, r);
            }
            s.addAtom(hd.z()[i], r[0], r[1], r[2]);
            if (sd != null) {
                if (t.length < 6) throw in.error("selective dynamics needs three T/F flags after the coordinates of atom " + (i + 1));
                for (int d = 0; d < 3; d++) {
                    String fl = t[3 + d];
                    if (fl.equals("T") || fl.equals("t")) sd.logicals()[3 * i + d] = true;
                    else if (fl.equals("F") || fl.equals("f")) sd.logicals()[3 * i + d] = false;
                    else throw in.error("selective dynamics flag must be T or F, found '" + Num.clip(fl) + "'");
                }
            }
        }
        velocities(in, s, hd);
        if (!hd.comment().isBlank()) s.info().put("comment", hd.comment().trim());
        return s;
    }

    /**
     * The optional velocity block of a CONTCAR (VASP manual, POSCAR): after the positions, an optional mode line
     * (Cartesian, the default, or Direct) and one line per atom in Å/fs (Cartesian) or lattice vectors per fs
     * (Direct); stored as Å/ps. A lattice-velocity block (MD with a variable cell) and the predictor-corrector data
     * that may follow are integrator state, not structure, and are not read.
     */
    private static void velocities(LineReader in, Structure s, Header hd) {
        String l = in.nextNonBlank();
        if (l == null) return;
        String t = l.trim();
        char c0 = Character.toLowerCase(t.charAt(0));
        if (c0 == 'l') return; // "Lattice velocities and vectors": integrator state of a variable-cell MD
        boolean direct = false;
        if (Character.isLetter(c0)) {
            if (c0 == 'd') direct = true;
            else if (c0 != 'c' && c0 != 'k') throw in.error("expected the velocity block (or the end of the file), found '" + Num.clip(t) + "'");
            l = in.require("velocity of atom 1");
        }
        int n = s.size();
        double[] v = s.ensureVelocities(), f = new double[3], r = new double[3];
        for (int i = 0; i < n; i++) {
            if (i > 0) l = in.require("velocity of atom " + (i + 1) + " of " + n);
            String[] tok = Num.split(l);
            if (tok.length < 3) throw in.error("velocity of atom " + (i + 1) + " needs 3 numbers, found " + tok.length);
            for (int d = 0; d < 3; d++) f[d] = Num.real(tok[d], in, "velocity");
            if (direct) hd.cell().toCartesian(f, r);
            else System.arraycopy(f, 0, r, 0, 3);
            for (int d = 0; d < 3; d++) v[3 * i + d] = r[d] * 1000.0; // Å/fs → Å/ps
        }
    }

    static double det(double[] h) {
        return h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6]) + h[2] * (h[3] * h[7] - h[4] * h[6]);
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(Path file, List<Structure> frames, IoOptions options) {
        if (frames.size() != 1) throw InputException.at(file, -1, "a POSCAR holds one structure, got " + frames.size());
        Structure s = frames.get(0);
        AtomicFiles.writeText(file, w -> write(w, s));
    }

    public static void write(Writer w, Structure s) throws IOException {
        int n = s.size();
        List<String> sym = new ArrayList<>();
        List<Integer> cnt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String e = s.symbol(i);
            if (sym.isEmpty() || !sym.get(sym.size() - 1).equals(e)) { sym.add(e); cnt.add(1); }
            else cnt.set(cnt.size() - 1, cnt.get(cnt.size() - 1) + 1);
        }
        StringBuilder sb = new StringBuilder();
        Object c = s.info().get("comment");
        String comment = c instanceof String cs && !cs.isBlank() ? cs.replace('\n', ' ') : s.formula();
        sb.append(comment).append('\n').append("1.0\n");
        double[] h = s.cell().matrix();
        for (int r = 0; r < 3; r++) {
            sb.append(' ').append(Num.fmt(h[3 * r])).append(' ').append(Num.fmt(h[3 * r + 1])).append(' ').append(Num.fmt(h[3 * r + 2])).append('\n');
        }
        sb.append(String.join(" ", sym)).append('\n');
        for (int k = 0; k < cnt.size(); k++) sb.append(k == 0 ? "" : " ").append(cnt.get(k));
        sb.append('\n');
        PerAtomArray sd = s.array(SELECTIVE);
        boolean sel = sd != null && sd.type() == PerAtomArray.Type.LOGICAL && sd.components() == 3;
        if (sel) sb.append("Selective dynamics\n");
        sb.append("Direct\n");
        w.write(sb.toString());
        for (int i = 0; i < n; i++) {
            double[] f = s.fractional(i);
            sb.setLength(0);
            sb.append(' ').append(Num.fmt(f[0])).append(' ').append(Num.fmt(f[1])).append(' ').append(Num.fmt(f[2]));
            if (sel) for (int d = 0; d < 3; d++) sb.append(' ').append(sd.logicals()[3 * i + d] ? 'T' : 'F');
            sb.append('\n');
            w.write(sb.toString());
        }
    }
}
