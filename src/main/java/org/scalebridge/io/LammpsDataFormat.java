package org.scalebridge.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.PerAtomArray;
import org.scalebridge.structure.Structure;

/**
 * LAMMPS data file (the format of {@code read_data}/{@code write_data}). Read: header counts, the box
 * (xlo xhi / ylo yhi / zlo zhi and the tilt factors xy xz yz of a restricted-triclinic box), Masses, Atoms in the
 * atomic, charge, full, molecular, bond and angle styles (with optional image flags), Velocities, Bonds and Angles
 * (into a {@link Topology} in info), coefficient sections skipped. The style comes from the "Atoms # style" comment,
 * else {@link IoOptions#atomStyle()}, else the column count. Atoms are ordered by id.
 *
 * <p>Type → element: {@link IoOptions} map, else a "# Symbol" comment on the Masses line, else the element whose
 * standard mass is within 0.05 amu of the type's mass, else the type number is taken as Z (info
 * {@code lammps.typesAsZ}, as ASE does).
 *
 * <p>Write: atomic or charge or full style (default charge when the structure has charges), the cell rotated into
 * LAMMPS' lower-triangular frame (positions and velocities rotated with it; {@link LammpsBox}), Masses with element
 * comments, image flags, Velocities, and Bonds/Angles when a {@link Topology} is in info.
 */
public final class LammpsDataFormat implements StructureFormat {
    @Override public String name() { return "lammps-data"; }

    @Override
    public int nameScore(String fn) {
        String f = Formats.lower(fn);
        if (f.endsWith(".lammps-data") || f.endsWith(".lmpdat")) return 9;
        if (f.startsWith("data.") || f.endsWith(".data") || f.endsWith(".lmp")) return 5;
        return 0;
    }

    @Override
    public int contentScore(String head) {
        String[] lines = head.split("\r?\n");
        boolean atoms = false, box = false;
        for (int i = 1; i < Math.min(lines.length, 60); i++) {
            String l = stripComment(lines[i]).trim();
            if (l.matches("\\d+\\s+atoms")) atoms = true;
            if (l.endsWith("xlo xhi")) box = true;
        }
        return atoms && box ? 9 : 0;
    }

    @Override public boolean canWrite() { return true; }

    @Override
    public TrajectoryReader open(String source, java.io.InputStream stream, IoOptions options) {
        IoOptions o = options == null ? IoOptions.defaults() : options;
        LineReader in = LineReader.of(source, stream);
        return new SingleFrameReader(source, in, r -> read(r, o));
    }

    static String stripComment(String s) {
        int k = s.indexOf('#');
        return k >= 0 ? s.substring(0, k) : s;
    }

    private static final String[] SECTIONS = {"Atoms", "Velocities", "Masses", "Bonds", "Angles", "Dihedrals", "Impropers",
        "Pair Coeffs", "PairIJ Coeffs", "Bond Coeffs", "Angle Coeffs", "Dihedral Coeffs", "Improper Coeffs",
        "BondBond Coeffs", "BondAngle Coeffs", "MiddleBondTorsion Coeffs", "EndBondTorsion Coeffs", "AngleTorsion Coeffs",
        "AngleAngleTorsion Coeffs", "BondBond13 Coeffs", "AngleAngle Coeffs", "Ellipsoids", "Lines", "Triangles", "Bodies",
        "Atom Type Labels", "Bond Type Labels", "Angle Type Labels", "Dihedral Type Labels", "Improper Type Labels"};

    private static String section(String line) {
        String t = stripComment(line).trim();
        for (String s : SECTIONS) if (t.equals(s)) return s;
        return null;
    }

    /** Reads a data file from a line source. */
    public static Structure read(LineReader in, IoOptions o) {
        in.require("the title line");
        Map<String, Long> counts = new HashMap<>();
        double[] lo = {0, 0, 0}, hi = {Double.NaN, Double.NaN, Double.NaN};
        double xy = 0, xz = 0, yz = 0;
        String line;
        String sec = null;
        while ((line = in.next()) != null) {
            String t = stripComment(line).trim();
            if (t.isEmpty()) continue;
            sec = section(line);
            if (sec != null) break;
            String[] tok = Num.split(t);
            if (t.endsWith("xlo xhi") || t.endsWith("ylo yhi") || t.endsWith("zlo zhi")) {
                if (tok.length != 4) throw in.error("expected 'lo hi " + tok[tok.length - 2] + " " + tok[tok.length - 1] + "'");
                int d = t.endsWith("xlo xhi") ? 0 : t.endsWith("ylo yhi") ? 1 : 2;
                lo[d] = Num.real(tok[0], in, "box lower bound");
                hi[d] = Num.real(tok[1], in, "box upper bound");
                if (!(hi[d] > lo[d])) throw in.error("box upper bound " + hi[d] + " must exceed the lower bound " + lo[d]);
            } else if (t.endsWith("xy xz yz")) {
                if (tok.length != 6) throw in.error("expected 'xy xz yz xy xz yz' tilt factors");
                xy = Num.real(tok[0], in, "xy");
                xz = Num.real(tok[1], in, "xz");
                yz = Num.real(tok[2], in, "yz");
            } else if (tok.length >= 2 && Num.isInteger(tok[0])) {
                String key = String.join(" ", Arrays.copyOfRange(tok, 1, tok.length));
                long c = Num.longInteger(tok[0], in, key);
                if (c < 0) throw in.error("count of " + key + " must be non-negative, found " + c);
                counts.put(key, c);
            } else {
                throw in.error("unrecognised header line '" + Num.clip(t) + "' (expected counts, box bounds or a section name)");
            }
        }
        for (int d = 0; d < 3; d++) {
            if (Double.isNaN(hi[d])) throw in.error("header has no " + "xyz".charAt(d) + "lo " + "xyz".charAt(d) + "hi line");
        }
        long nAtomsL = counts.getOrDefault("atoms", -1L);
        if (nAtomsL < 0) throw in.error("header has no 'N atoms' line");
        if (nAtomsL > Integer.MAX_VALUE / 4) throw in.error("too many atoms: " + nAtomsL);
        int nAtoms = (int) nAtomsL;
        int nTypes = (int) Math.min(counts.getOrDefault("atom types", 0L), 1 << 20);
        Cell cell;
        try {
            cell = Num.sane(new Cell(new double[][] {{hi[0] - lo[0], 0, 0}, {xy, hi[1] - lo[1], 0}, {xz, yz, hi[2] - lo[2]}}));
        } catch (InputException e) {
            throw in.error("box: " + e.getMessage());
        }

        double[] typeMass = null;
        String[] typeSymbol = null;
        Map<String, Integer> typeOfLabel = new HashMap<>();
        String style = o.atomStyle();
        int[] ids = null, types = null, mols = null, imgs = null;
        double[] q = null, pos = null, vel = null;
        int[] velIds = null;
        int[] bondTypes = null, bondIds = null, angleTypes = null, angleIds = null;
        long atomsLine = -1;
        while (sec != null) {
            String header = line;
            long headerLine = in.line();
            switch (sec) {
                case "Atom Type Labels" -> {
                    if (typeSymbol == null) typeSymbol = new String[nTypes + 1];
                    for (int k = 0; k < nTypes; k++) {
                        String[] tok = Num.split(stripComment(dataLine(in, "Atom Type Labels line " + (k + 1) + " of " + nTypes)));
                        if (tok.length != 2) throw in.error("expected 'type label' in Atom Type Labels");
                        int ty = Num.integer(tok[0], in, "atom type");
                        if (ty < 1 || ty > nTypes) throw in.error("atom type " + ty + " outside 1–" + nTypes);
                        typeOfLabel.put(tok[1], ty);
                        if (Elements.bySymbolOrNull(tok[1]) != null) typeSymbol[ty] = tok[1];
                    }
                }
                case "Masses" -> {
                    typeMass = new double[nTypes + 1];
                    if (typeSymbol == null) typeSymbol = new String[nTypes + 1];
                    for (int k = 0; k < nTypes; k++) {
                        String l = dataLine(in, "Masses line " + (k + 1) + " of " + nTypes);
                        String[] tok = Num.split(stripComment(l));
                        if (tok.length < 2) throw in.error("expected 'type mass' in Masses");
                        int ty = typeOfLabel.containsKey(tok[0]) ? typeOfLabel.get(tok[0]) : Num.integer(tok[0], in, "atom type");
                        if (ty < 1 || ty > nTypes) throw in.error("atom type " + ty + " outside 1–" + nTypes);
                        typeMass[ty] = Num.real(tok[1], in, "mass");
                        if (!(typeMass[ty] > 0)) throw in.error("mass must be positive, found " + typeMass[ty]);
                        int h = l.indexOf('#');
                        if (h >= 0 && typeSymbol[ty] == null) {
                            String[] c = Num.split(l.substring(h + 1));
                            if (c.length > 0 && Elements.bySymbolOrNull(c[0]) != null) typeSymbol[ty] = c[0];
                        }
                    }
                }
                case "Atoms" -> {
                    atomsLine = headerLine;
                    int h = header.indexOf('#');
                    if (h >= 0) {
                        String[] c = Num.split(header.substring(h + 1));
                        if (c.length > 0) style = c[0];
                    }
                    ids = new int[Math.min(nAtoms, 1024)];
                    types = new int[ids.length];
                    mols = new int[ids.length];
                    imgs = new int[3 * ids.length];
                    q = new double[ids.length];
                    pos = new double[3 * ids.length];
                    for (int k = 0; k < nAtoms; k++) {
                        String l = dataLine(in, "Atoms line " + (k + 1) + " of " + nAtoms);
                        String[] tok = Num.split(stripComment(l));
                        if (style == null) style = guessStyle(tok.length, counts);
                        int base = switch (style) {
                            case "atomic" -> 5;
                            case "charge", "molecular", "bond", "angle" -> 6;
                            case "full" -> 7;
                            default -> throw in.error(headerLine, "atom style '" + Num.clip(style) + "' not supported (atomic, charge, molecular, bond, angle, full)");
                        };
                        if (tok.length != base && tok.length != base + 3) {
                            throw in.error("atom style " + style + " needs " + base + " or " + (base + 3) + " columns, found " + tok.length);
                        }
                        if (k >= ids.length) {
                            int c2 = Math.min(Math.max(2 * ids.length, 16), nAtoms);
                            ids = Arrays.copyOf(ids, c2); types = Arrays.copyOf(types, c2); mols = Arrays.copyOf(mols, c2);
                            q = Arrays.copyOf(q, c2); pos = Arrays.copyOf(pos, 3 * c2); imgs = Arrays.copyOf(imgs, 3 * c2);
                        }
                        ids[k] = Num.integer(tok[0], in, "atom id");
                        int c = 1;
                        if (!style.equals("atomic") && !style.equals("charge")) mols[k] = Num.integer(tok[c++], in, "molecule id");
                        String tt = tok[c++];
                        types[k] = typeOfLabel.containsKey(tt) ? typeOfLabel.get(tt) : Num.integer(tt, in, "atom type");
                        if (types[k] < 1 || types[k] > nTypes) throw in.error("atom type " + types[k] + " outside 1–" + nTypes + " (header 'atom types')");
                        if (style.equals("charge") || style.equals("full")) q[k] = Num.real(tok[c++], in, "charge");
                        for (int d = 0; d < 3; d++) pos[3 * k + d] = Num.real(tok[c++], in, "coordinate");
                        if (tok.length == base + 3) for (int d = 0; d < 3; d++) imgs[3 * k + d] = Num.integer(tok[c++], in, "image flag");
                    }
                }
                case "Velocities" -> {
                    vel = new double[3 * Math.min(nAtoms, 1024)];
                    velIds = new int[Math.min(nAtoms, 1024)];
                    for (int k = 0; k < nAtoms; k++) {
                        String[] tok = Num.split(stripComment(dataLine(in, "Velocities line " + (k + 1) + " of " + nAtoms)));
                        if (tok.length != 4) throw in.error("expected 'id vx vy vz' in Velocities, found " + tok.length + " columns");
                        if (k >= velIds.length) {
                            int c2 = Math.min(2 * velIds.length, nAtoms);
                            velIds = Arrays.copyOf(velIds, c2); vel = Arrays.copyOf(vel, 3 * c2);
                        }
                        velIds[k] = Num.integer(tok[0], in, "atom id");
                        for (int d = 0; d < 3; d++) vel[3 * k + d] = Num.real(tok[1 + d], in, "velocity");
                    }
                }
                case "Bonds", "Angles" -> {
                    boolean bond = sec.equals("Bonds");
                    int per = bond ? 2 : 3;
                    long nl = counts.getOrDefault(bond ? "bonds" : "angles", 0L);
                    if (nl > Integer.MAX_VALUE / 4) throw in.error("too many " + sec.toLowerCase(Locale.ROOT));
                    int n = (int) nl;
                    int[] ty = new int[Math.min(n, 1024)], at = new int[per * ty.length];
                    long nt = counts.getOrDefault(bond ? "bond types" : "angle types", 0L);
                    for (int k = 0; k < n; k++) {
                        String[] tok = Num.split(stripComment(dataLine(in, sec + " line " + (k + 1) + " of " + n)));
                        if (tok.length != 2 + per) throw in.error("expected " + (2 + per) + " columns in " + sec + ", found " + tok.length);
                        if (k >= ty.length) { ty = Arrays.copyOf(ty, Math.min(2 * ty.length, n)); at = Arrays.copyOf(at, per * ty.length); }
                        ty[k] = Num.integer(tok[1], in, sec + " type");
                        if (ty[k] < 1 || ty[k] > nt) throw in.error(sec + " type " + ty[k] + " outside 1–" + nt);
                        for (int d = 0; d < per; d++) at[per * k + d] = Num.integer(tok[2 + d], in, "atom id");
                    }
                    if (bond) { bondTypes = Arrays.copyOf(ty, n); bondIds = Arrays.copyOf(at, per * n); }
                    else { angleTypes = Arrays.copyOf(ty, n); angleIds = Arrays.copyOf(at, per * n); }
                }
                default -> {
                    long n = sectionLength(sec, counts, nTypes);
                    for (long k = 0; k < n; k++) dataLine(in, sec + " line " + (k + 1) + " of " + n);
                }
            }
            // next section header
            sec = null;
            while ((line = in.next()) != null) {
                if (stripComment(line).isBlank()) continue;
                sec = section(line);
                if (sec == null) throw in.error("expected a section name (Atoms, Masses, Velocities, Bonds, …) or the end of the file, found '" + Num.clip(line.trim()) + "'");
                break;
            }
        }
        if (ids == null) {
            if (nAtoms == 0) ids = new int[0];
            else throw in.error(in.line() + 1, "file ended without an Atoms section (" + nAtoms + " atoms declared)");
        }
        if (counts.getOrDefault("bonds", 0L) > 0 && bondIds == null) throw in.error(in.line() + 1, "file ended without the declared Bonds section");
        if (counts.getOrDefault("angles", 0L) > 0 && angleIds == null) throw in.error(in.line() + 1, "file ended without the declared Angles section");

        // order atoms by id
        Integer[] order = new Integer[nAtoms];
        for (int i = 0; i < nAtoms; i++) order[i] = i;
        final int[] idf = ids;
        Arrays.sort(order, (a, b) -> Integer.compare(idf[a], idf[b]));
        Map<Integer, Integer> indexOfId = new HashMap<>();
        for (int k = 0; k < nAtoms; k++) {
            if (indexOfId.put(ids[order[k]], k) != null) throw in.error(atomsLine, "atom id " + ids[order[k]] + " appears twice in Atoms");
        }
        // type → element
        int[] zOfType = new int[nTypes + 1];
        boolean typesAsZ = false;
        for (int ty = 1; ty <= nTypes; ty++) {
            Integer z = o.typeToZ().get(ty);
            if (z == null && typeSymbol != null && typeSymbol[ty] != null) z = Elements.bySymbolOrNull(typeSymbol[ty]).z();
            if (z == null && typeMass != null && typeMass[ty] > 0) z = byMass(typeMass[ty]);
            if (z == null) {
                if (ty > Elements.MAX_Z) throw in.error(atomsLine, "atom type " + ty + " has no element: give a type → element map or Masses comments");
                z = ty;
                typesAsZ = true;
            }
            zOfType[ty] = z;
        }
        Structure s = new Structure(cell, Math.max(nAtoms, 1));
        boolean hasQ = "charge".equals(style) || "full".equals(style);
        boolean hasMol = style != null && !style.equals("atomic") && !style.equals("charge");
        if (hasQ) s.ensureCharges();
        PerAtomArray aId = s.addArray("id", PerAtomArray.Type.INT, 1);
        PerAtomArray aType = s.addArray("type", PerAtomArray.Type.INT, 1);
        PerAtomArray aMol = hasMol ? s.addArray("mol", PerAtomArray.Type.INT, 1) : null;
        for (int k = 0; k < nAtoms; k++) {
            int i = order[k];
            int a = s.addAtom(zOfType[types[i]], pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
            if (typeMass != null && typeMass[types[i]] > 0) s.setMass(a, typeMass[types[i]]);
            if (hasQ) s.charges()[a] = q[i];
            System.arraycopy(imgs, 3 * i, s.images(), 3 * a, 3);
            aId.ints()[a] = ids[i];
            aType.ints()[a] = types[i];
            if (aMol != null) aMol.ints()[a] = mols[i];
        }
        if (vel != null) {
            double[] v = s.ensureVelocities();
            for (int k = 0; k < nAtoms; k++) {
                Integer a = indexOfId.get(velIds[k]);
                if (a == null) throw in.error("Velocities refer to atom id " + velIds[k] + ", which is not in Atoms");
                System.arraycopy(vel, 3 * k, v, 3 * a, 3);
            }
        }
        if (bondIds != null || angleIds != null) {
            int[] b = toIndices(bondIds, indexOfId, in, "Bonds");
            int[] an = toIndices(angleIds, indexOfId, in, "Angles");
            s.info().put(Topology.KEY, new Topology(bondTypes == null ? new int[0] : bondTypes, b,
                    angleTypes == null ? new int[0] : angleTypes, an));
        }
        s.info().put("lammps.origin", lo.clone());
        if (style != null) s.info().put("lammps.atomStyle", style);
        if (typesAsZ) s.info().put("lammps.typesAsZ", Boolean.TRUE);
        return s;
    }

    private static int[] toIndices(int[] ids, Map<Integer, Integer> idx, LineReader in, String sec) {
        if (ids == null) return new int[0];
        int[] out = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            Integer a = idx.get(ids[k]);
            if (a == null) throw in.error(sec + " refer to atom id " + ids[k] + ", which is not in Atoms");
            out[k] = a;
        }
        return out;
    }

    private static Integer byMass(double m) {
        Integer best = null;
        double bd = 0.05;
        for (int z = 1; z <= Elements.MAX_Z; z++) {
            double d = Math.abs(Elements.mass(z) - m);
            if (d < bd) { bd = d; best = z; }
        }
        return best;
    }

    private static String guessStyle(int cols, Map<String, Long> counts) {
        boolean topo = counts.getOrDefault("bonds", 0L) > 0;
        return switch (cols) {
            case 5, 8 -> "atomic";
            case 6, 9 -> topo ? "molecular" : "charge";
            case 7, 10 -> "full";
            default -> "atomic";
        };
    }

    private static long sectionLength(String sec, Map<String, Long> c, int nTypes) {
        return switch (sec) {
            case "Pair Coeffs" -> nTypes;
            case "PairIJ Coeffs" -> (long) nTypes * (nTypes + 1) / 2;
            case "Bond Coeffs" -> c.getOrDefault("bond types", 0L);
            case "Angle Coeffs", "BondBond Coeffs", "BondAngle Coeffs" -> c.getOrDefault("angle types", 0L);
            case "Dihedral Coeffs", "MiddleBondTorsion Coeffs", "EndBondTorsion Coeffs", "AngleTorsion Coeffs",
                 "AngleAngleTorsion Coeffs", "BondBond13 Coeffs" -> c.getOrDefault("dihedral types", 0L);
            case "Improper Coeffs", "AngleAngle Coeffs" -> c.getOrDefault("improper types", 0L);
            case "Dihedrals" -> c.getOrDefault("dihedrals", 0L);
            case "Impropers" -> c.getOrDefault("impropers", 0L);
            case "Ellipsoids" -> c.getOrDefault("ellipsoids", 0L);
            case "Lines" -> c.getOrDefault("lines", 0L);
            case "Triangles" -> c.getOrDefault("triangles", 0L);
            default -> 0L;
        };
    }

    /** Next non-blank line of a section body. */
    private static String dataLine(LineReader in, String expected) {
        String l = in.requireNonBlank(expected);
        if (section(l) != null) throw in.error("section ended early, expected " + expected);
        return l;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(Path file, List<Structure> frames, IoOptions options) {
        if (frames.size() != 1) throw InputException.at(file, -1, "a LAMMPS data file holds one structure, got " + frames.size());
        IoOptions o = options == null ? IoOptions.defaults() : options;
        Structure s = frames.get(0);
        int[] types = LammpsTypes.types(s, o, file);
        String style = o.atomStyle() != null ? o.atomStyle() : s.info().get("lammps.atomStyle") instanceof String st ? st
                : s.hasCharges() ? "charge" : "atomic";
        if (!style.equals("atomic") && !style.equals("charge") && !style.equals("full")) {
            throw InputException.field(file.toString(), "atom style", "can write atomic, charge or full, not " + style);
        }
        String st = style;
        AtomicFiles.writeText(file, w -> write(w, s, types, st));
    }

    /** Writes one structure as a data file. */
    public static void write(Writer w, Structure s, int[] types, String style) throws IOException {
        int n = s.size();
        double[] pos = Arrays.copyOf(s.positions(), 3 * n);
        double[] vel = s.velocities() == null ? null : Arrays.copyOf(s.velocities(), 3 * n);
        double[] h = s.cell().matrix();
        double[] origin = {0, 0, 0};
        if (!LammpsBox.isLowerTriangular(s.cell())) {
            double[] t = LammpsBox.toLammps(s.cell());
            LammpsBox.apply(pos, n, t);
            if (vel != null) LammpsBox.apply(vel, n, t);
            h = LammpsBox.lowerTriangular(s.cell());
        } else if (s.info().get("lammps.origin") instanceof double[] d && d.length == 3) {
            origin = d;
        }
        int[] img = java.util.Arrays.copyOf(s.images(), 3 * n);
        double[] hr = LammpsBox.reduceTilt(h);
        if (hr != null) {
            // same lattice, tilt factors within LAMMPS' limits: re-wrap each atom in the new box, keeping r + n·H
            Cell nc = new Cell(new double[][] {{hr[0], 0, 0}, {hr[3], hr[4], 0}, {hr[6], hr[7], hr[8]}}, s.cell().pbc());
            double[] u = new double[3], f = new double[3], r = new double[3];
            boolean[] pbc = s.cell().pbc();
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 3; d++) {
                    u[d] = pos[3 * i + d] + img[3 * i] * h[d] + img[3 * i + 1] * h[3 + d] + img[3 * i + 2] * h[6 + d];
                }
                nc.toFractional(u, f);
                for (int d = 0; d < 3; d++) {
                    int k = pbc[d] ? (int) Math.floor(f[d]) : 0;
                    img[3 * i + d] = k;
                    f[d] -= k;
                }
                nc.toCartesian(f, r);
                System.arraycopy(r, 0, pos, 3 * i, 3);
            }
            h = hr;
            origin = new double[3]; // atoms were wrapped into the box at the origin
        }
        Map<Integer, Integer> zOf = new TreeMap<>();
        Map<Integer, Double> mOf = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            zOf.putIfAbsent(types[i], s.atomicNumber(i));
            mOf.putIfAbsent(types[i], s.mass(i));
        }
        int nTypes = zOf.isEmpty() ? 0 : ((TreeMap<Integer, Integer>) zOf).lastKey();
        Topology topo = s.info().get(Topology.KEY) instanceof Topology t ? t : null;
        PerAtomArray ids = s.array("id");
        boolean useIds = ids != null && ids.type() == PerAtomArray.Type.INT && ids.components() == 1;
        if (useIds) {
            int[] c = Arrays.copyOf(ids.ints(), n);
            Arrays.sort(c);
            for (int k = 0; k < n && useIds; k++) useIds = c[k] >= 1 && (k == 0 || c[k] != c[k - 1]);
        }
        PerAtomArray mol = s.array("mol");
        StringBuilder sb = new StringBuilder();
        sb.append("LAMMPS data file written by ScaleBridge Studio (").append(s.formula()).append(")\n\n");
        sb.append(n).append(" atoms\n").append(nTypes).append(" atom types\n");
        if (topo != null && style.equals("full")) {
            sb.append(topo.bondCount()).append(" bonds\n").append(max(topo.bondTypes())).append(" bond types\n");
            sb.append(topo.angleCount()).append(" angles\n").append(max(topo.angleTypes())).append(" angle types\n");
        }
        sb.append('\n');
        sb.append(Num.fmt(origin[0])).append(' ').append(Num.fmt(origin[0] + h[0])).append(" xlo xhi\n");
        sb.append(Num.fmt(origin[1])).append(' ').append(Num.fmt(origin[1] + h[4])).append(" ylo yhi\n");
        sb.append(Num.fmt(origin[2])).append(' ').append(Num.fmt(origin[2] + h[8])).append(" zlo zhi\n");
        if (h[3] != 0 || h[6] != 0 || h[7] != 0) {
            sb.append(Num.fmt(h[3])).append(' ').append(Num.fmt(h[6])).append(' ').append(Num.fmt(h[7])).append(" xy xz yz\n");
        }
        sb.append("\nMasses\n\n");
        for (int ty = 1; ty <= nTypes; ty++) {
            Integer z = zOf.get(ty);
            double m = z == null ? 1.0 : mOf.get(ty);
            sb.append(ty).append(' ').append(Num.fmt(m));
            if (z != null) sb.append(" # ").append(Elements.symbol(z));
            sb.append('\n');
        }
        sb.append("\nAtoms # ").append(style).append("\n\n");
        w.write(sb.toString());
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            sb.append(useIds ? ids.ints()[i] : i + 1);
            if (style.equals("full")) sb.append(' ').append(mol != null && mol.type() == PerAtomArray.Type.INT ? mol.ints()[i] : 1);
            sb.append(' ').append(types[i]);
            if (!style.equals("atomic")) sb.append(' ').append(Num.fmt(s.hasCharges() ? s.charges()[i] : 0.0));
            for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(pos[3 * i + d]));
            for (int d = 0; d < 3; d++) sb.append(' ').append(img[3 * i + d]);
            sb.append('\n');
            w.write(sb.toString());
        }
        if (vel != null) {
            w.write("\nVelocities\n\n");
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                sb.append(useIds ? ids.ints()[i] : i + 1);
                for (int d = 0; d < 3; d++) sb.append(' ').append(Num.fmt(vel[3 * i + d]));
                w.write(sb.append('\n').toString());
            }
        }
        if (topo != null && style.equals("full")) {
            if (topo.bondCount() > 0) {
                w.write("\nBonds\n\n");
                for (int k = 0; k < topo.bondCount(); k++) {
                    int a = topo.bonds()[2 * k], b = topo.bonds()[2 * k + 1];
                    w.write((k + 1) + " " + topo.bondTypes()[k] + " " + id(useIds, ids, a) + " " + id(useIds, ids, b) + "\n");
                }
            }
            if (topo.angleCount() > 0) {
                w.write("\nAngles\n\n");
                for (int k = 0; k < topo.angleCount(); k++) {
                    int[] an = topo.angles();
                    w.write((k + 1) + " " + topo.angleTypes()[k] + " " + id(useIds, ids, an[3 * k]) + " "
                            + id(useIds, ids, an[3 * k + 1]) + " " + id(useIds, ids, an[3 * k + 2]) + "\n");
                }
            }
        }
    }

    private static int id(boolean useIds, PerAtomArray ids, int i) { return useIds ? ids.ints()[i] : i + 1; }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) m = Math.max(m, v);
        return m;
    }

}
