package org.scalebridge.learn.reference;

import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Units;
import org.scalebridge.io.LammpsBox;
import org.scalebridge.io.LammpsDataFormat;
import org.scalebridge.structure.Structure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LAMMPS single point ({@code run 0}, metal units): writes {@code data.lmp} with the io data writer (types numbered
 * in the order of {@link Options#types}) and {@code in.lmp} (the user's force-field lines between a fixed header and
 * a fixed footer that prints pe and the pressure tensor to the log and the forces to {@code forces.dump}); runs
 * {@code [lmp] -in in.lmp -log log.lammps}. The cell must already be in LAMMPS orientation (lower triangular), so
 * that forces and stress come back in the structure's frame.
 */
public final class LammpsCalculator implements ReferenceCalculator {
    /** Settings (mutable). */
    public static final class Options {
        public List<String> command = List.of("lmp");
        /** Element symbols in LAMMPS type order (type 1 = first). */
        public List<String> types = new ArrayList<>();
        /** atom_style of the data file ("atomic" or "charge"). */
        public String atomStyle = "atomic";
        /** Force-field lines (pair_style, pair_coeff, kspace_style, …). */
        public String forceField = "";
        public Duration timeout = Duration.ofHours(1);
        public Map<String, String> environment = new LinkedHashMap<>(Map.of("OMP_NUM_THREADS", "1"));
    }

    private final Options o;

    public LammpsCalculator(Options options) { this.o = options; }

    @Override public String name() { return "lammps"; }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", String.join(" ", o.command));
        m.put("types", o.types.toString());
        m.put("atom_style", o.atomStyle);
        m.put("force_field", o.forceField.replace('\n', ';'));
        return m;
    }

    /** The input deck. */
    public String deck() {
        return "units metal\natom_style " + o.atomStyle + "\nboundary p p p\nread_data data.lmp\n"
                + o.forceField + (o.forceField.endsWith("\n") ? "" : "\n")
                + "thermo_style custom step pe pxx pyy pzz pxy pxz pyz\nthermo_modify format float %.15g\n"
                + "dump sbf all custom 1 forces.dump id fx fy fz\ndump_modify sbf sort id format float %.15g\nrun 0\n";
    }

    /** Writes data.lmp and in.lmp into {@code dir}. */
    public void writeInputs(Structure s, Path dir) {
        if (!LammpsBox.isLowerTriangular(s.cell())) {
            throw new ReferenceException("LAMMPS reference needs a cell with a along x and b in the xy plane (lower triangular)");
        }
        int[] t = new int[s.size()];
        for (int i = 0; i < s.size(); i++) {
            int k = o.types.indexOf(s.symbol(i));
            if (k < 0) throw new ReferenceException("element " + s.symbol(i) + " has no LAMMPS type in " + o.types);
            t[i] = k + 1;
        }
        AtomicFiles.writeText(dir.resolve("data.lmp"), w -> LammpsDataFormat.write(w, s, t, o.atomStyle));
        AtomicFiles.writeString(dir.resolve("in.lmp"), deck());
    }

    @Override
    public ReferenceResult calculate(Structure s, JobContext job) throws IOException {
        writeInputs(s, job.dir());
        List<String> cmd = new ArrayList<>(o.command);
        cmd.addAll(List.of("-in", "in.lmp", "-log", "log.lammps"));
        int code = job.run(cmd, o.environment, o.timeout, "lammps.out");
        if (code != 0) throw new ReferenceException("lammps exited with code " + code, job.dir(), JobContext.tail(job.dir().resolve("log.lammps"), 30), null);
        return parse(Files.readAllLines(job.dir().resolve("log.lammps"), StandardCharsets.UTF_8),
                Files.readAllLines(job.dir().resolve("forces.dump"), StandardCharsets.UTF_8), s.size(), s.cell().volume());
    }

    /**
     * Parses the thermo line after the last "Step PotEng Pxx Pyy Pzz Pxy Pxz Pyz" header of the log (eV, bar) and the
     * "ITEM: ATOMS id fx fy fz" section of the dump (eV/Å). The pressure tensor (compressive positive, bar; no
     * kinetic part since the data file has no velocities) gives W = P·V.
     */
    public static ReferenceResult parse(List<String> log, List<String> dump, int atoms, double volume) {
        double[] thermo = null;
        for (int k = 0; k < log.size() - 1; k++) {
            String[] h = log.get(k).trim().split("\\s+");
            if (h.length >= 8 && h[0].equals("Step") && h[1].equals("PotEng")) {
                String[] t = log.get(k + 1).trim().split("\\s+");
                thermo = new double[7];
                for (int c = 0; c < 7; c++) thermo[c] = Double.parseDouble(t[c + 1]);
            }
        }
        if (thermo == null) throw new ReferenceException("LAMMPS log has no 'Step PotEng Pxx …' thermo header");
        double[] p = new double[9];
        int[][] idx = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        for (int c = 0; c < 6; c++) {
            double v = Units.barToEvPerA3(thermo[1 + c]);
            p[3 * idx[c][0] + idx[c][1]] = v;
            p[3 * idx[c][1] + idx[c][0]] = v;
        }
        double[] f = new double[3 * atoms];
        int start = -1;
        for (int k = 0; k < dump.size(); k++) if (dump.get(k).startsWith("ITEM: ATOMS")) start = k;
        if (start < 0) throw new ReferenceException("LAMMPS dump has no ITEM: ATOMS section");
        String[] cols = dump.get(start).trim().split("\\s+");
        int cid = -1, cfx = -1;
        for (int c = 2; c < cols.length; c++) {
            if (cols[c].equals("id")) cid = c - 2;
            if (cols[c].equals("fx")) cfx = c - 2;
        }
        if (cid < 0 || cfx < 0) throw new ReferenceException("LAMMPS dump needs columns id fx fy fz");
        int seen = 0;
        for (int k = start + 1; k < dump.size() && seen < atoms; k++, seen++) {
            String[] t = dump.get(k).trim().split("\\s+");
            int id = Integer.parseInt(t[cid]) - 1;
            for (int c = 0; c < 3; c++) f[3 * id + c] = Double.parseDouble(t[cfx + c]);
        }
        if (seen != atoms) throw new ReferenceException("LAMMPS dump has " + seen + " atoms, expected " + atoms);
        return new ReferenceResult(thermo[0], f, ReferenceResult.virialFromPressure(p, volume));
    }
}
