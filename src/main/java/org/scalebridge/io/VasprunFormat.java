package org.scalebridge.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Element;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * VASP vasprun.xml, read streaming with StAX (no DTDs, no external entities): one frame per {@code <calculation>}
 * (ionic step) with its cell and fractional positions, forces (eV/Å), stress (kB, positive = compressive) and
 * energy. Species from {@code <atominfo>}.
 *
 * <p>Energy as ASE: the free energy e_fr_energy of the step plus (e_0_energy − e_fr_energy) of its last
 * electronic step (works around VASP versions that print a wrong e_0_energy at the step level); the free energy goes
 * to info "free_energy". A step without an energy (interrupted run) is reported as an error.
 */
public final class VasprunFormat implements StructureFormat {
    @Override public String name() { return "vasprun"; }

    @Override
    public int nameScore(String fn) {
        String f = Formats.lower(fn);
        return f.startsWith("vasprun") && f.endsWith(".xml") ? 10 : 0;
    }

    @Override
    public int contentScore(String head) {
        return head.contains("<modeling>") && head.contains("<generator>") ? 9 : 0;
    }

    @Override
    public TrajectoryReader open(Path file, IoOptions options) {
        try {
            return new Reader(file.toString(), Files.newInputStream(file));
        } catch (IOException e) {
            throw InputException.at(file.toString(), -1, "cannot open: " + e.getMessage(), e);
        }
    }

    private static final class Reader implements TrajectoryReader {
        private final String source;
        private final InputStream stream;
        private final XMLStreamReader x;
        private final List<String> stack = new ArrayList<>();
        private final List<String> symbols = new ArrayList<>();
        private int natoms = -1;
        private int[] z;
        private boolean done;

        // current calculation
        private boolean inCalc;
        private double[] basis, positions, forces, stress;
        private List<double[]> rows;
        private Double eFr, e0, scFr, sc0;
        private long calcLine;
        private int step;
        private String rcFirst;
        private boolean hadForces, hadStress;

        Reader(String source, InputStream in) {
            this.source = source;
            this.stream = in;
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_COALESCING, true);
            try {
                x = f.createXMLStreamReader(in);
            } catch (XMLStreamException e) {
                throw error(e);
            }
        }

        @Override public String source() { return source; }

        @Override
        public void close() {
            try {
                x.close();
                stream.close();
            } catch (XMLStreamException | IOException ignored) {
                // read-only input
            }
        }

        private InputException error(XMLStreamException e) {
            long line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            String msg = e.getMessage() == null ? "malformed XML" : e.getMessage().replaceAll("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            return InputException.at(source, Math.max(line, 1), "malformed XML: " + msg, e);
        }

        private InputException error(String problem) {
            return InputException.at(source, Math.max(1, x.getLocation().getLineNumber()), problem);
        }

        private String top(int k) { return stack.size() > k ? stack.get(stack.size() - 1 - k) : ""; }

        private boolean within(String tag) { return stack.contains(tag); }

        @Override
        public Structure next() {
            if (done) return null;
            try {
                while (x.hasNext()) {
                    int ev = x.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        String tag = x.getLocalName();
                        String nm = x.getAttributeValue(null, "name");
                        String key = nm == null ? tag : tag + ":" + nm;
                        if (tag.equals("atoms") && top(0).equals("atominfo")) {
                            String t = x.getElementText().trim();
                            natoms = Num.integer(t, source, x.getLocation().getLineNumber(), "number of atoms");
                            if (natoms < 0 || natoms > 50_000_000) throw error("implausible number of atoms " + natoms);
                            continue;
                        }
                        if (tag.equals("c") && top(0).equals("rc") && within("array:atoms")) {
                            String t = x.getElementText().trim();
                            if (rcFirst == null) rcFirst = t;
                            continue;
                        }
                        if (tag.equals("v") && top(0).startsWith("varray:")) {
                            String t = x.getElementText();
                            if (rows != null) rows.add(vector(t));
                            continue;
                        }
                        if (tag.equals("i") && top(0).equals("energy") && inCalc && nm != null) {
                            String t = x.getElementText().trim();
                            boolean sc = top(1).equals("scstep");
                            boolean direct = top(1).equals("calculation");
                            if (sc || direct) {
                                if (nm.equals("e_fr_energy")) { double v = real(t); if (sc) scFr = v; else eFr = v; }
                                else if (nm.equals("e_0_energy")) { double v = real(t); if (sc) sc0 = v; else e0 = v; }
                            }
                            continue;
                        }
                        stack.add(key);
                        if (tag.equals("calculation")) {
                            inCalc = true;
                            calcLine = x.getLocation().getLineNumber();
                            basis = positions = forces = stress = null;
                            eFr = e0 = scFr = sc0 = null;
                        } else if (tag.equals("rc")) {
                            rcFirst = null;
                        } else if (tag.equals("varray")) {
                            boolean inStep = inCalc && top(1).equals("crystal") && top(2).equals("structure") && top(3).equals("calculation");
                            boolean inStepPos = inCalc && top(1).equals("structure") && top(2).equals("calculation");
                            boolean direct = inCalc && top(1).equals("calculation");
                            rows = null;
                            if ((inStep && "basis".equals(nm)) || (inStepPos && "positions".equals(nm))
                                    || (direct && ("forces".equals(nm) || "stress".equals(nm)))) {
                                rows = new ArrayList<>();
                            }
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        String key = stack.isEmpty() ? "" : stack.remove(stack.size() - 1);
                        if (key.equals("rc") && within("array:atoms")) {
                            if (rcFirst == null) throw error("an atom entry of <atominfo> has no element");
                            symbols.add(rcFirst.trim());
                        } else if (key.startsWith("varray:") && rows != null) {
                            String nm = key.substring(7);
                            double[] flat = flatten(rows, nm);
                            switch (nm) {
                                case "basis" -> basis = flat;
                                case "positions" -> positions = flat;
                                case "forces" -> forces = flat;
                                case "stress" -> stress = flat;
                                default -> { }
                            }
                            rows = null;
                        } else if (key.equals("calculation")) {
                            inCalc = false;
                            return frame();
                        }
                    }
                }
                done = true;
                if (inCalc) throw InputException.at(source, calcLine, "file ends inside a <calculation> (interrupted run)");
                if (natoms < 0) throw InputException.at(source, 1, "no <atominfo><atoms> element: not a complete vasprun.xml");
                return null;
            } catch (XMLStreamException e) {
                throw error(e);
            }
        }

        private double real(String t) {
            return Num.real(t, source, x.getLocation().getLineNumber(), "energy");
        }

        private double[] vector(String t) {
            String[] tok = Num.split(t);
            if (tok.length != 3) throw error("expected 3 numbers in <v>, found " + tok.length);
            double[] v = new double[3];
            for (int k = 0; k < 3; k++) v[k] = Num.real(tok[k], source, x.getLocation().getLineNumber(), "vector component");
            return v;
        }

        private double[] flatten(List<double[]> r, String nm) {
            int want = nm.equals("basis") || nm.equals("stress") ? 3 : natoms;
            if (want < 0) throw error("<varray name=\"" + nm + "\"> before <atominfo>");
            if (r.size() != want) throw error("<varray name=\"" + nm + "\"> has " + r.size() + " rows, expected " + want);
            double[] f = new double[3 * r.size()];
            for (int i = 0; i < r.size(); i++) System.arraycopy(r.get(i), 0, f, 3 * i, 3);
            return f;
        }

        private int[] species() {
            if (z != null) return z;
            if (natoms < 0 || symbols.size() != natoms) {
                throw error("<atominfo> lists " + symbols.size() + " atoms, expected " + natoms);
            }
            z = new int[natoms];
            for (int i = 0; i < natoms; i++) {
                Element e = Elements.bySymbolOrNull(PoscarFormat.strip(symbols.get(i)));
                if (e == null) throw error("unknown element '" + Num.clip(symbols.get(i)) + "' in <atominfo>");
                z[i] = e.z();
            }
            return z;
        }

        private Structure frame() {
            int[] zz = species();
            step++;
            if (basis == null || positions == null) throw InputException.at(source, calcLine, "ionic step " + step + " has no structure");
            if (eFr == null && e0 == null) throw InputException.at(source, calcLine, "ionic step " + step + " has no energy (interrupted run)");
            if ((hadForces && forces == null) || (hadStress && stress == null)) {
                throw InputException.at(source, calcLine, "ionic step " + step + " lacks the " + (forces == null ? "forces" : "stress")
                        + " that the earlier steps have");
            }
            hadForces |= forces != null;
            hadStress |= stress != null;
            Cell c;
            try {
                c = Cell.ofRowMajor(basis, null);
            } catch (InputException e) {
                throw InputException.at(source, calcLine, "ionic step " + step + ": " + e.getMessage());
            }
            Structure s = new Structure(c, Math.max(1, natoms));
            double[] r = new double[3], f = new double[3];
            for (int i = 0; i < natoms; i++) {
                f[0] = positions[3 * i]; f[1] = positions[3 * i + 1]; f[2] = positions[3 * i + 2];
                c.toCartesian(f, r);
                s.addAtom(zz[i], r[0], r[1], r[2]);
            }
            if (forces != null) System.arraycopy(forces, 0, s.ensureForces(), 0, 3 * natoms);
            double energy;
            if (eFr != null && scFr != null && sc0 != null) energy = eFr + (sc0 - scFr);
            else energy = e0 != null ? e0 : eFr;
            s.setEnergy(energy);
            if (eFr != null) s.info().put("free_energy", eFr);
            if (stress != null) {
                double[] sigma = new double[9];
                for (int q = 0; q < 9; q++) sigma[q] = -Units.gpaToEvPerA3(0.1 * stress[q]); // kB → GPa, compressive → tensile
                s.setStressEvPerA3(sigma);
            }
            s.info().put("ionic_step", (long) step);
            return s;
        }
    }

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
