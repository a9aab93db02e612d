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
 * CP2K (Quickstep, GPW) single-point energy, forces and analytic stress. Writes {@code cp2k.inp} with GTH
 * pseudopotentials and basis sets from the Debian {@code cp2k-data} folder ({@code /usr/share/cp2k}), runs the
 * configured command ({@code [cp2k.psmp] -i cp2k.inp -o cp2k.out}) and parses {@code cp2k.out}
 * (see {@link #parseOutput}). Periodic in all three directions, Γ point.
 */
public final class Cp2kCalculator implements ReferenceCalculator {
    /** Settings (mutable, chainable). Energies of the cutoffs in Ry, as CP2K's MGRID. */
    public static final class Options {
        public List<String> command = List.of(findExecutable());
        public Path dataDir = Path.of("/usr/share/cp2k");
        /**
         * Basis-set files, one BASIS_SET_FILE_NAME line each (CP2K searches them all, so kinds may mix e.g.
         * BASIS_MOLOPT and BASIS_MOLOPT_UZH); relative names are resolved against {@link #dataDir}.
         */
        public List<String> basisFiles = List.of("GTH_BASIS_SETS");
        /** The pseudopotential file (CP2K reads one), relative to {@link #dataDir} unless absolute. */
        public String potentialFile = "GTH_POTENTIALS";
        /** Basis name for every element unless overridden in {@link #basisByElement}. */
        public String basis = "DZVP-GTH";
        public String potential = "GTH-PBE";
        public Map<String, String> basisByElement = new LinkedHashMap<>();
        public Map<String, String> potentialByElement = new LinkedHashMap<>();
        public String xc = "PBE";
        public double cutoffRy = 300, relCutoffRy = 50;
        public double epsScf = 1e-7;
        /** QS EPS_DEFAULT (Gaussian screening/collocation accuracy; tighter = forces more consistent with the energy). */
        public double epsDefault = 1e-12;
        public int maxScf = 200;
        public int charge = 0, multiplicity = 1;
        public Duration timeout = Duration.ofHours(2);
        /** Extra environment of the process (default OMP_NUM_THREADS=1: the machine is shared). */
        public Map<String, String> environment = new LinkedHashMap<>(Map.of("OMP_NUM_THREADS", "1"));

        public Options command(List<String> c) { command = List.copyOf(c); return this; }
        public Options basis(String b) { basis = b; return this; }
        public Options potential(String p) { potential = p; return this; }
        public Options basisFiles(String... files) { basisFiles = List.of(files); return this; }
        public Options potentialFile(String file) { potentialFile = file; return this; }
        /** Basis and pseudopotential of one element (overrides {@link #basis} and {@link #potential} for it). */
        public Options kind(String element, String basisName, String potentialName) {
            basisByElement.put(element, basisName);
            potentialByElement.put(element, potentialName);
            return this;
        }
        public Options xc(String functional) { xc = functional; return this; }
        public Options cutoff(double cut, double rel) { cutoffRy = cut; relCutoffRy = rel; return this; }
        public Options epsScf(double e) { epsScf = e; return this; }
        public Options epsDefault(double e) { epsDefault = e; return this; }
        public Options timeout(Duration t) { timeout = t; return this; }
    }

    private final Options o;

    public Cp2kCalculator(Options options) { this.o = options; }

    /** The first of cp2k, cp2k.psmp, cp2k.popt, cp2k.ssmp found on the PATH, or "cp2k" when none is. */
    public static String findExecutable() {
        String path = System.getenv("PATH");
        for (String exe : List.of("cp2k", "cp2k.psmp", "cp2k.popt", "cp2k.ssmp", "cp2k.sopt")) {
            if (path == null) break;
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, exe);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        return "cp2k";
    }

    /** True when an executable named cp2k* is on the PATH. */
    public static boolean available() { return !findExecutable().equals("cp2k") || Files.isExecutable(Path.of("/usr/bin/cp2k")); }

    /** "cp2k PBE DZVP-GTH", with the per-element basis sets appended when some are overridden. */
    @Override public String name() {
        return "cp2k " + o.xc + " " + o.basis + (o.basisByElement.isEmpty() ? "" : " " + o.basisByElement);
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", String.join(" ", o.command));
        m.put("basis", o.basis + " " + o.basisByElement);
        m.put("potential", o.potential + " " + o.potentialByElement);
        m.put("basis_files", o.basisFiles.stream().map(f -> o.dataDir.resolve(f).toString()).toList().toString());
        m.put("potential_file", o.dataDir.resolve(o.potentialFile).toString());
        m.put("xc", o.xc);
        m.put("cutoff_Ry", o.cutoffRy + "");
        m.put("rel_cutoff_Ry", o.relCutoffRy + "");
        m.put("eps_scf", o.epsScf + "");
        m.put("eps_default", o.epsDefault + "");
        m.put("charge", o.charge + "");
        m.put("multiplicity", o.multiplicity + "");
        return m;
    }

    /** The CP2K input for {@code s} (Å, as CP2K's default input units). */
    public String input(Structure s) {
        StringBuilder b = new StringBuilder();
        b.append("&GLOBAL\n  PROJECT sb\n  RUN_TYPE ENERGY_FORCE\n  PRINT_LEVEL LOW\n&END GLOBAL\n");
        b.append("&FORCE_EVAL\n  METHOD Quickstep\n  STRESS_TENSOR ANALYTICAL\n  &DFT\n");
        for (String f : o.basisFiles) b.append("    BASIS_SET_FILE_NAME ").append(o.dataDir.resolve(f)).append('\n');
        b.append("    POTENTIAL_FILE_NAME ").append(o.dataDir.resolve(o.potentialFile)).append('\n');
        b.append("    CHARGE ").append(o.charge).append('\n');
        b.append("    MULTIPLICITY ").append(o.multiplicity).append('\n');
        if (o.multiplicity != 1) b.append("    UKS TRUE\n");
        b.append(String.format(Locale.ROOT, "    &QS\n      EPS_DEFAULT %.3E\n    &END QS\n", o.epsDefault));
        b.append(String.format(Locale.ROOT, "    &MGRID\n      CUTOFF %s\n      REL_CUTOFF %s\n    &END MGRID\n", o.cutoffRy, o.relCutoffRy));
        b.append(String.format(Locale.ROOT, "    &SCF\n      EPS_SCF %.3E\n      MAX_SCF %d\n      SCF_GUESS ATOMIC\n"
                + "      &OT\n        MINIMIZER DIIS\n        PRECONDITIONER FULL_SINGLE_INVERSE\n      &END OT\n    &END SCF\n", o.epsScf, o.maxScf));
        b.append("    &XC\n      &XC_FUNCTIONAL ").append(o.xc).append("\n      &END XC_FUNCTIONAL\n    &END XC\n  &END DFT\n");
        b.append("  &SUBSYS\n    &CELL\n");
        double[] h = s.cell().matrix();
        for (int i = 0; i < 3; i++) {
            b.append(String.format(Locale.ROOT, "      %s %.12f %.12f %.12f\n", "ABC".charAt(i), h[3 * i], h[3 * i + 1], h[3 * i + 2]));
        }
        b.append("      PERIODIC XYZ\n    &END CELL\n    &COORD\n");
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        for (int i = 0; i < s.size(); i++) {
            String el = Elements.symbol(s.atomicNumber(i));
            kinds.add(el);
            b.append(String.format(Locale.ROOT, "      %s %.12f %.12f %.12f\n", el, s.x(i), s.y(i), s.z(i)));
        }
        b.append("    &END COORD\n");
        for (String el : kinds) {
            b.append("    &KIND ").append(el).append("\n      BASIS_SET ").append(o.basisByElement.getOrDefault(el, o.basis))
                    .append("\n      POTENTIAL ").append(o.potentialByElement.getOrDefault(el, o.potential)).append("\n    &END KIND\n");
        }
        b.append("  &END SUBSYS\n  &PRINT\n    &FORCES ON\n    &END FORCES\n    &STRESS_TENSOR ON\n    &END STRESS_TENSOR\n  &END PRINT\n&END FORCE_EVAL\n");
        return b.toString();
    }

    @Override
    public ReferenceResult calculate(Structure s, JobContext job) throws IOException {
        AtomicFiles.writeString(job.dir().resolve("cp2k.inp"), input(s));
        List<String> cmd = new ArrayList<>(o.command);
        cmd.addAll(List.of("-i", "cp2k.inp", "-o", "cp2k.out"));
        int code = job.run(cmd, o.environment, o.timeout, "cp2k.stdout");
        Path out = job.dir().resolve("cp2k.out");
        if (code != 0) {
            throw new ReferenceException("cp2k exited with code " + code, job.dir(), JobContext.tail(out, 30), null);
        }
        return parseOutput(Files.readAllLines(out, StandardCharsets.UTF_8), s.size(), s.cell().volume());
    }

    /**
     * Parses a CP2K output (ENERGY_FORCE run with FORCES and STRESS_TENSOR printed): the last
     * "ENERGY| Total FORCE_EVAL ( QS ) energy [a.u.]:" line (Hartree), the last "ATOMIC FORCES in [a.u.]" block
     * (Hartree/Bohr) and the "STRESS| Analytical stress tensor [GPa]" block. CP2K prints the stress compressive
     * positive, P = −(1/V) ∂E/∂ε (a pressure tensor; ASE's CP2K calculator negates it for the same reason), measured
     * on 8-atom NaCl with CP2K 2023.1 (Cp2kIntegrationTest): printed σ_xx = +4.98 GPa, strain finite difference
     * −(1/V) ∂E/∂ε_xx = +4.83 GPa. Hence W = P·V. Refuses unconverged SCF runs.
     */
    public static ReferenceResult parseOutput(List<String> lines, int atoms, double volume) {
        Double e = null;
        double[] f = null;
        double[] p = null;
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k);
            if (l.contains("SCF run NOT converged")) throw new ReferenceException("CP2K: SCF run NOT converged");
            if (l.contains("ENERGY| Total FORCE_EVAL")) {
                String[] t = l.trim().split("\\s+");
                e = Units.hartreeToEv(Double.parseDouble(t[t.length - 1]));
            } else if (l.contains("ATOMIC FORCES in [a.u.]")) {
                f = new double[3 * atoms];
                int i = 0;
                for (int j = k + 1; j < lines.size() && i < atoms; j++) {
                    String[] t = lines.get(j).trim().split("\\s+");
                    if (t.length < 6 || !t[0].matches("\\d+")) continue;
                    int idx = Integer.parseInt(t[0]) - 1;
                    for (int c = 0; c < 3; c++) f[3 * idx + c] = Units.hartreePerBohrToEvPerA(Double.parseDouble(t[t.length - 3 + c]));
                    i++;
                }
                if (i != atoms) throw new ReferenceException("CP2K: force block has " + i + " atoms, expected " + atoms);
            } else if (l.contains("STRESS| Analytical stress tensor [GPa]") || l.contains("STRESS| Numerical stress tensor [GPa]")) {
                p = new double[9];
                int row = 0;
                for (int j = k + 2; j < lines.size() && row < 3; j++, row++) {
                    String[] t = lines.get(j).trim().split("\\s+");
                    for (int c = 0; c < 3; c++) p[3 * row + c] = Units.gpaToEvPerA3(Double.parseDouble(t[t.length - 3 + c]));
                }
            }
        }
        if (e == null) throw new ReferenceException("CP2K output has no total FORCE_EVAL energy");
        if (f == null) throw new ReferenceException("CP2K output has no ATOMIC FORCES block");
        return new ReferenceResult(e, f, p == null ? null : ReferenceResult.virialFromPressure(p, volume));
    }
}
