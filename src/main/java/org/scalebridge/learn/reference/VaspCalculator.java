package org.scalebridge.learn.reference;

import org.scalebridge.core.AtomicFiles;
import org.scalebridge.io.Formats;
import org.scalebridge.io.PoscarFormat;
import org.scalebridge.structure.Structure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VASP single point: writes POSCAR (atom order kept; species runs as they occur), INCAR and KPOINTS from the
 * configured templates, and POTCAR by concatenating the user's POTCAR files (one per element, never shipped with
 * the studio) in POSCAR species order. Runs the configured command (e.g. {@code [mpirun, -np, 2, vasp_std]}) with
 * standard output to {@code vasp.out}, then reads the last frame of {@code vasprun.xml}, or of {@code OUTCAR} when
 * vasprun.xml is missing or unreadable, with the io readers (energy, forces, stress → virial).
 */
public final class VaspCalculator implements ReferenceCalculator {
    /** Settings (mutable). */
    public static final class Options {
        public List<String> command = List.of("vasp_std");
        /** INCAR text (must request forces/stress, e.g. IBRION = -1, NSW = 0, ISIF = 2 or 3). */
        public String incarTemplate = "SYSTEM = scalebridge\nPREC = Accurate\nENCUT = 520\nEDIFF = 1E-6\n"
                + "ISMEAR = 0\nSIGMA = 0.05\nIBRION = -1\nNSW = 0\nISIF = 2\nLWAVE = .FALSE.\nLCHARG = .FALSE.\n";
        public String kpointsTemplate = "Gamma only\n0\nGamma\n1 1 1\n0 0 0\n";
        /** POTCAR file per element symbol (the user's licensed files). */
        public Map<String, Path> potcars = new LinkedHashMap<>();
        public Duration timeout = Duration.ofHours(4);
        public Map<String, String> environment = new LinkedHashMap<>(Map.of("OMP_NUM_THREADS", "1"));
    }

    private final Options o;

    public VaspCalculator(Options options) { this.o = options; }

    @Override public String name() { return "vasp"; }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", String.join(" ", o.command));
        m.put("incar", o.incarTemplate.replace('\n', ';'));
        m.put("kpoints", o.kpointsTemplate.replace('\n', ';'));
        m.put("potcars", o.potcars.toString());
        return m;
    }

    /** Writes POSCAR, INCAR, KPOINTS and POTCAR into {@code dir}. */
    public void writeInputs(Structure s, Path dir) throws IOException {
        AtomicFiles.writeText(dir.resolve("POSCAR"), w -> PoscarFormat.write(w, s));
        AtomicFiles.writeString(dir.resolve("INCAR"), o.incarTemplate);
        AtomicFiles.writeString(dir.resolve("KPOINTS"), o.kpointsTemplate);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            String e = s.symbol(i);
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(e)) runs.add(e);
        }
        List<Path> files = new ArrayList<>();
        for (String e : runs) {
            Path p = o.potcars.get(e);
            if (p == null) throw new ReferenceException("no POTCAR configured for " + e + " (POTCARs are the user's)");
            if (!Files.isReadable(p)) throw new ReferenceException("POTCAR for " + e + " not readable: " + p);
            files.add(p);
        }
        AtomicFiles.writeBytes(dir.resolve("POTCAR"), os -> { for (Path p : files) Files.copy(p, os); });
    }

    @Override
    public ReferenceResult calculate(Structure s, JobContext job) throws IOException {
        writeInputs(s, job.dir());
        int code = job.run(o.command, o.environment, o.timeout, "vasp.out");
        if (code != 0) throw new ReferenceException("vasp exited with code " + code, job.dir(), JobContext.tail(job.dir().resolve("vasp.out"), 30), null);
        return readOutput(job.dir(), s.size());
    }

    /** Reads the last frame of vasprun.xml (or OUTCAR) in {@code dir} through the io readers. */
    public static ReferenceResult readOutput(Path dir, int atoms) {
        RuntimeException first = null;
        for (String name : List.of("vasprun.xml", "OUTCAR")) {
            Path f = dir.resolve(name);
            if (!Files.exists(f)) continue;
            try {
                List<Structure> frames = Formats.read(f);
                if (frames.isEmpty()) throw new ReferenceException(name + " has no frame");
                Structure last = frames.get(frames.size() - 1);
                if (last.size() != atoms) throw new ReferenceException(name + " has " + last.size() + " atoms, expected " + atoms);
                if (last.energy() == null || last.forces() == null) throw new ReferenceException(name + " has no energy/forces");
                return new ReferenceResult(last.energy(), java.util.Arrays.copyOf(last.forces(), 3 * atoms), last.virial());
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        throw first != null ? first : new ReferenceException("neither vasprun.xml nor OUTCAR in " + dir);
    }
}
