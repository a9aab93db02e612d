package org.scalebridge.learn.reference;

import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quantum ESPRESSO {@code pw.x} SCF with forces and stress: writes {@code pw.in} (ibrav = 0, cell and positions in
 * Å, pseudopotentials from the user's folder), runs {@code [pw.x] -in pw.in} with standard output to {@code pw.out},
 * and parses it ({@link #parseOutput}).
 */
public final class QeCalculator implements ReferenceCalculator {
    /** Settings (mutable). Cutoffs in Ry, as pw.x. */
    public static final class Options {
        public List<String> command = List.of("pw.x");
        public Path pseudoDir = Path.of("pseudo");
        /** Pseudopotential file name per element symbol (required for every element used). */
        public Map<String, String> pseudopotentials = new LinkedHashMap<>();
        public double ecutwfc = 40, ecutrho = 320;
        public double convThr = 1e-8;
        /** Monkhorst–Pack grid; {1,1,1} writes K_POINTS gamma. */
        public int[] kpoints = {1, 1, 1};
        /** Extra lines for &SYSTEM (e.g. "occupations = 'smearing'"). */
        public List<String> systemExtra = new ArrayList<>();
        public Map<String, String> environment = new LinkedHashMap<>(Map.of("OMP_NUM_THREADS", "1"));
        public Duration timeout = Duration.ofHours(2);
    }

    private final Options o;

    public QeCalculator(Options options) { this.o = options; }

    @Override public String name() { return "qe pw.x"; }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", String.join(" ", o.command));
        m.put("pseudopotentials", o.pseudopotentials.toString());
        m.put("ecutwfc_Ry", o.ecutwfc + "");
        m.put("ecutrho_Ry", o.ecutrho + "");
        m.put("conv_thr", o.convThr + "");
        m.put("kpoints", o.kpoints[0] + "x" + o.kpoints[1] + "x" + o.kpoints[2]);
        m.put("system_extra", o.systemExtra.toString());
        return m;
    }

    /** The pw.x input for {@code s}. */
    public String input(Structure s) {
        LinkedHashSet<String> species = new LinkedHashSet<>();
        for (int i = 0; i < s.size(); i++) species.add(Elements.symbol(s.atomicNumber(i)));
        StringBuilder b = new StringBuilder();
        b.append("&CONTROL\n  calculation = 'scf'\n  tprnfor = .true.\n  tstress = .true.\n  outdir = './tmp'\n")
                .append("  prefix = 'sb'\n  pseudo_dir = '").append(o.pseudoDir.toAbsolutePath()).append("'\n/\n");
        b.append(String.format(Locale.ROOT, "&SYSTEM\n  ibrav = 0\n  nat = %d\n  ntyp = %d\n  ecutwfc = %s\n  ecutrho = %s\n",
                s.size(), species.size(), o.ecutwfc, o.ecutrho));
        for (String l : o.systemExtra) b.append("  ").append(l).append('\n');
        b.append(String.format(Locale.ROOT, "/\n&ELECTRONS\n  conv_thr = %.3E\n/\nATOMIC_SPECIES\n", o.convThr));
        for (String el : species) {
            String pp = o.pseudopotentials.get(el);
            if (pp == null) throw new ReferenceException("no pseudopotential configured for " + el);
            b.append(String.format(Locale.ROOT, "  %s %.6f %s\n", el, Elements.bySymbol(el).mass(), pp));
        }
        b.append("CELL_PARAMETERS angstrom\n");
        double[] h = s.cell().matrix();
        for (int i = 0; i < 3; i++) b.append(String.format(Locale.ROOT, "  %.12f %.12f %.12f\n", h[3 * i], h[3 * i + 1], h[3 * i + 2]));
        b.append("ATOMIC_POSITIONS angstrom\n");
        for (int i = 0; i < s.size(); i++) {
            b.append(String.format(Locale.ROOT, "  %s %.12f %.12f %.12f\n", Elements.symbol(s.atomicNumber(i)), s.x(i), s.y(i), s.z(i)));
        }
        int[] k = o.kpoints;
        if (k[0] == 1 && k[1] == 1 && k[2] == 1) b.append("K_POINTS gamma\n");
        else b.append(String.format(Locale.ROOT, "K_POINTS automatic\n  %d %d %d 0 0 0\n", k[0], k[1], k[2]));
        return b.toString();
    }

    @Override
    public ReferenceResult calculate(Structure s, JobContext job) throws IOException {
        AtomicFiles.writeString(job.dir().resolve("pw.in"), input(s));
        List<String> cmd = new ArrayList<>(o.command);
        cmd.addAll(List.of("-in", "pw.in"));
        int code = job.run(cmd, o.environment, o.timeout, "pw.out");
        Path out = job.dir().resolve("pw.out");
        if (code != 0) throw new ReferenceException("pw.x exited with code " + code, job.dir(), JobContext.tail(out, 30), null);
        return parseOutput(Files.readAllLines(out, StandardCharsets.UTF_8), s.size(), s.cell().volume());
    }

    /**
     * Parses pw.x output: the last "!    total energy = … Ry" line, the first {@code atoms} "atom … force =" lines after
     * the last "Forces acting on atoms (cartesian axes, Ry/au):" (Ry/Bohr; the later non-local/ionic contribution
     * blocks are ignored), and the "total   stress  (Ry/bohr**3)" block. pw.x prints the stress with the sign
     * of a pressure (its trace/3 is "P="), so W = P·V; the Ry/Bohr³ columns are used (more digits than kbar).
     */
    public static ReferenceResult parseOutput(List<String> lines, int atoms, double volume) {
        Double e = null;
        double[] f = null;
        double[] p = null;
        boolean done = false;
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k);
            if (l.contains("convergence NOT achieved")) throw new ReferenceException("pw.x: SCF convergence NOT achieved");
            if (l.contains("JOB DONE")) done = true;
            if (l.startsWith("!") && l.contains("total energy")) {
                String[] t = l.substring(l.indexOf('=') + 1).trim().split("\\s+");
                e = Units.rydbergToEv(Double.parseDouble(t[0]));
            } else if (l.contains("Forces acting on atoms")) {
                f = new double[3 * atoms];
                int i = 0;
                for (int j = k + 1; j < lines.size() && i < atoms; j++) {
                    String m = lines.get(j);
                    if (!m.contains("force =")) continue;
                    String[] head = m.substring(0, m.indexOf("force =")).trim().split("\\s+");
                    int idx = Integer.parseInt(head[1]) - 1;
                    String[] t = m.substring(m.indexOf('=') + 1).trim().split("\\s+");
                    for (int c = 0; c < 3; c++) f[3 * idx + c] = Units.rydbergPerBohrToEvPerA(Double.parseDouble(t[c]));
                    i++;
                }
                if (i != atoms) throw new ReferenceException("pw.x: force block has " + i + " atoms, expected " + atoms);
            } else if (l.contains("total   stress") && l.contains("Ry/bohr**3")) {
                p = new double[9];
                for (int r = 0; r < 3; r++) {
                    String[] t = lines.get(k + 1 + r).trim().split("\\s+");
                    for (int c = 0; c < 3; c++) p[3 * r + c] = Units.rydbergPerBohr3ToEvPerA3(Double.parseDouble(t[c]));
                }
            }
        }
        if (e == null) throw new ReferenceException("pw.x output has no '!    total energy' line");
        if (f == null) throw new ReferenceException("pw.x output has no forces (tprnfor)");
        if (!done) throw new ReferenceException("pw.x output has no 'JOB DONE' (run interrupted?)");
        return new ReferenceResult(e, f, p == null ? null : ReferenceResult.virialFromPressure(p, volume));
    }
}
