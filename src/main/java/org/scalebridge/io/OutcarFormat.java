package org.scalebridge.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * VASP OUTCAR, read streaming: one frame per ionic step with the cell ("direct lattice vectors"), Cartesian
 * positions and forces ("POSITION … TOTAL-FORCE"), the stress ("in kB" line, VASP order XX YY ZZ XY YZ ZX,
 * positive = compressive) and the energy. Species from the TITEL (or POTCAR:) lines and "ions per type".
 *
 * <p>Energy convention (as ASE): {@link Structure#energy()} is energy(sigma→0); the force-consistent free energy
 * TOTEN is kept in info "free_energy" (use it when fitting forces). Stress: σ = −0.1·kB GPa (tensile positive),
 * stored as the virial W = −σV. An ionic step whose positions were written but whose energy was not (an interrupted
 * run) is reported as an error at the end of the file, never dropped silently.
 */
public final class OutcarFormat implements StructureFormat {
    @Override public String name() { return "outcar"; }

    @Override
    public int nameScore(String fn) {
        String f = fn.toUpperCase(Locale.ROOT);
        return f.startsWith("OUTCAR") || f.endsWith(".OUTCAR") ? 10 : 0;
    }

    @Override
    public int contentScore(String head) {
        String h = head.stripLeading();
        return h.startsWith("vasp.") && head.contains("POTCAR:") ? 9 : 0;
    }

    @Override
    public TrajectoryReader open(Path file, IoOptions options) { return reader(LineReader.open(file)); }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][-+]?\\d+)?");

    /** Numbers of a line, also when Fortran fixed-width output runs them together ("-12.345-678.901"). */
    static double[] numbers(String line, LineReader in, String what) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(line);
        while (m.find()) out.add(Num.real(m.group(), in, what));
        double[] d = new double[out.size()];
        for (int k = 0; k < d.length; k++) d[k] = out.get(k);
        return d;
    }

    public static TrajectoryReader reader(LineReader in) {
        return new TrajectoryReader() {
            private final List<String> titel = new ArrayList<>(), potcar = new ArrayList<>();
            private int[] ionsPerType;
            private int[] z;
            private double[] cell;
            private double[] stressKb;
            private double[] pos, frc;
            private long posLine;
            private int step;
            private boolean hadStress;

            @Override public String source() { return in.source(); }

            @Override public void close() { in.close(); }

            private int[] species() {
                if (z != null) return z;
                if (ionsPerType == null) throw in.error("found atom positions before the 'ions per type' line");
                List<String> sp = !titel.isEmpty() ? titel : potcar.subList(0, (potcar.size() + 1) / 2);
                if (sp.size() != ionsPerType.length) {
                    throw in.error("OUTCAR header names " + sp.size() + " POTCAR species but 'ions per type' has " + ionsPerType.length + " counts");
                }
                int n = 0;
                for (int c : ionsPerType) n += c;
                z = new int[n];
                int a = 0;
                for (int k = 0; k < ionsPerType.length; k++) {
                    Element e = Elements.bySymbolOrNull(sp.get(k));
                    if (e == null) throw in.error("unknown element '" + Num.clip(sp.get(k)) + "' in the POTCAR lines");
                    for (int c = 0; c < ionsPerType[k]; c++) z[a++] = e.z();
                }
                return z;
            }

            private String symbolOf(String potLine) {
                // "PAW_PBE Na_pv 19Sep2006" → Na; "H1.25" → H
                String[] t = Num.split(potLine);
                if (t.length < 2) return "?";
                String w = t[1].equals("1/r") ? t[0] : t[1];
                w = w.split("_")[0];
                StringBuilder sb = new StringBuilder();
                for (char c : w.toCharArray()) if (Character.isLetter(c)) sb.append(c);
                return sb.toString();
            }

            @Override
            public Structure next() {
                String line;
                while ((line = in.next()) != null) {
                    if (line.contains("TITEL  =")) {
                        titel.add(symbolOf(line.substring(line.indexOf('=') + 1)));
                    } else if (line.contains("POTCAR:")) {
                        potcar.add(symbolOf(line.substring(line.indexOf("POTCAR:") + 7)));
                    } else if (line.contains("ions per type")) {
                        String v = line.substring(line.indexOf('=') + 1);
                        String[] t = Num.split(v);
                        ionsPerType = new int[t.length];
                        for (int k = 0; k < t.length; k++) ionsPerType[k] = Num.count(t[k], in, "ions per type");
                        long total = 0;
                        for (int c : ionsPerType) total += c;
                        if (total > 50_000_000 || t.length == 0) throw in.error("implausible 'ions per type' line");
                    } else if (line.contains("direct lattice vectors")) {
                        double[] h = new double[9];
                        for (int r = 0; r < 3; r++) {
                            double[] v = numbers(in.require("lattice vector " + (r + 1)), in, "lattice vector");
                            if (v.length < 3) throw in.error("expected 3 lattice vector components, found " + v.length);
                            System.arraycopy(v, 0, h, 3 * r, 3);
                        }
                        cell = h;
                    } else if (line.contains("in kB ")) {
                        double[] v = numbers(line.substring(line.indexOf("in kB") + 5), in, "stress");
                        if (v.length != 6) throw in.error("expected 6 stress components (kB) after 'in kB', found " + v.length);
                        stressKb = v;
                    } else if (line.contains("POSITION") && line.contains("TOTAL-FORCE")) {
                        if (pos != null) throw in.error("a second POSITION block before the energy of ionic step " + (step + 1));
                        int[] zz = species();
                        int n = zz.length;
                        posLine = in.line();
                        in.require("the dashed line under POSITION");
                        pos = new double[3 * n];
                        frc = new double[3 * n];
                        for (int i = 0; i < n; i++) {
                            double[] v = numbers(in.require("position and force of atom " + (i + 1) + " of " + n), in, "position/force");
                            if (v.length != 6) throw in.error("expected 6 numbers (x y z fx fy fz) for atom " + (i + 1) + ", found " + v.length);
                            System.arraycopy(v, 0, pos, 3 * i, 3);
                            System.arraycopy(v, 3, frc, 3 * i, 3);
                        }
                    } else if (line.contains("free  energy   TOTEN")) {
                        if (pos == null) {
                            // every ionic step prints its POSITION block before this line: a missing block is a damaged file
                            throw in.error("energy of ionic step " + (step + 1) + " without a 'POSITION … TOTAL-FORCE' block before it");
                        }
                        double[] v = numbers(line.substring(line.indexOf('=') + 1), in, "TOTEN");
                        if (v.length < 1) throw in.error("expected the free energy after 'TOTEN ='");
                        double free = v[0];
                        String l2 = in.requireNonBlank("the 'energy  without entropy' line");
                        if (!l2.contains("energy(sigma->0)")) throw in.error("expected 'energy  without entropy= … energy(sigma->0) = …'");
                        double[] w = numbers(l2.substring(l2.indexOf("energy(sigma->0)") + 16), in, "energy(sigma->0)");
                        if (w.length < 1) throw in.error("expected a number after 'energy(sigma->0) ='");
                        return frame(free, w[w.length - 1]);
                    }
                }
                if (pos != null) {
                    throw in.error(posLine, "OUTCAR ends inside ionic step " + (step + 1) + ": positions and forces without an energy (interrupted run); "
                            + step + " complete steps precede it");
                }
                return null;
            }

            private Structure frame(double free, double e0) {
                if (cell == null) throw in.error("no 'direct lattice vectors' before ionic step " + (step + 1));
                Cell c;
                try {
                    c = Cell.ofRowMajor(cell, null);
                } catch (org.scalebridge.core.InputException ex) {
                    throw in.error("lattice: " + ex.getMessage());
                }
                int n = z.length;
                Structure s = new Structure(c, Math.max(n, 1));
                for (int i = 0; i < n; i++) s.addAtom(z[i], pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
                double[] f = s.ensureForces();
                System.arraycopy(frc, 0, f, 0, 3 * n);
                s.setEnergy(e0);
                s.info().put("free_energy", free);
                if (stressKb == null && hadStress) {
                    throw in.error("ionic step " + (step + 1) + " has no 'in kB' stress line although the earlier steps have one");
                }
                if (stressKb != null) {
                    hadStress = true;
                    // VASP order XX YY ZZ XY YZ ZX in kBar, positive = compressive: σ = −0.1·kB GPa
                    double[] k = stressKb;
                    double[] p = {k[0], k[3], k[5], k[3], k[1], k[4], k[5], k[4], k[2]};
                    double[] sigma = new double[9];
                    for (int q = 0; q < 9; q++) sigma[q] = -Units.gpaToEvPerA3(0.1 * p[q]);
                    s.setStressEvPerA3(sigma);
                }
                s.info().put("ionic_step", (long) (step + 1));
                step++;
                pos = null;
                frc = null;
                stressKb = null;
                return s;
            }
        };
    }
}
