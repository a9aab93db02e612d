package org.scalebridge.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalebridge.learn.reference.Cp2kCalculator;
import org.scalebridge.learn.reference.LammpsCalculator;
import org.scalebridge.learn.reference.PotentialCalculator;
import org.scalebridge.learn.reference.QeCalculator;
import org.scalebridge.learn.reference.ReferenceCalculator;
import org.scalebridge.learn.reference.VaspCalculator;

/**
 * Builds the reference calculator of a {@code [reference]} table. Keys per calculator (all optional unless said):
 * <ul>
 * <li>{@code surrogate}: {@code parameters} (a surrogate parameter file; default the shipped one).</li>
 * <li>{@code cp2k}: {@code command} (argument array), {@code data_dir}, {@code basis}, {@code potential}, {@code xc},
 * {@code cutoff_ry}, {@code rel_cutoff_ry}, {@code eps_scf}, {@code eps_default}, {@code max_scf}, {@code charge},
 * {@code multiplicity}, {@code basis_files} (array of basis-set files under {@code data_dir}), {@code potential_file},
 * and {@code kinds} (table element → [basis, potential], e.g. {@code Na = ["DZVP-MOLOPT-PBE-GTH-q1", "GTH-PBE-q1"]}
 * with {@code potential_file = "POTENTIAL_UZH"}).</li>
 * <li>{@code qe}: {@code command}, {@code pseudo_dir}, {@code pseudopotentials} (table element → file, required),
 * {@code ecutwfc}, {@code ecutrho}, {@code kpoints}.</li>
 * <li>{@code vasp}: {@code command}, {@code incar} and {@code kpoints} (template files), {@code potcars} (table
 * element → POTCAR path, required).</li>
 * <li>{@code lammps}: {@code command}, {@code types} (element order), {@code atom_style}, {@code force_field}
 * (file with pair_style/pair_coeff lines, required).</li>
 * </ul>
 * External programs run as argument arrays, never through a shell.
 */
public final class ReferenceFactory {
    private ReferenceFactory() {}

    public static ReferenceCalculator build(ConfigReader r) {
        String kind = r.choice("calculator", "surrogate", "surrogate", "cp2k", "qe", "vasp", "lammps");
        switch (kind) {
            case "surrogate": {
                r.rejectUnknown("calculator", "threads", "max_force", "max_energy", "parameters");
                Path p = r.path("parameters", true);
                if (p == null) return PotentialCalculator.surrogate();
                try {
                    var ff = org.scalebridge.potential.MnFePbaSurrogate.load(p);
                    return new SurrogateFile(ff, p);
                } catch (IOException e) {
                    throw r.error("parameters", "cannot read " + p + ": " + e.getMessage());
                }
            }
            case "cp2k": {
                r.rejectUnknown("calculator", "threads", "max_force", "max_energy", "command", "data_dir", "basis", "potential", "xc",
                        "cutoff_ry", "rel_cutoff_ry", "eps_scf", "eps_default", "max_scf", "charge", "multiplicity",
                        "basis_files", "potential_file", "kinds");
                Cp2kCalculator.Options o = new Cp2kCalculator.Options();
                if (r.has("command")) o.command = command(r);
                if (r.has("data_dir")) o.dataDir = r.path("data_dir", true);
                o.basis = r.string("basis", o.basis);
                o.potential = r.string("potential", o.potential);
                o.xc = r.string("xc", o.xc);
                o.cutoffRy = r.positive("cutoff_ry", o.cutoffRy);
                o.relCutoffRy = r.positive("rel_cutoff_ry", o.relCutoffRy);
                o.epsScf = r.positive("eps_scf", o.epsScf);
                o.epsDefault = r.positive("eps_default", o.epsDefault);
                if (r.has("basis_files")) {
                    List<String> files = r.strings("basis_files", null);
                    if (files == null || files.isEmpty()) throw r.error("basis_files", "expected a non-empty array of basis-set file names");
                    o.basisFiles = List.copyOf(files);
                }
                o.potentialFile = r.string("potential_file", o.potentialFile);
                if (r.has("kinds")) {
                    ConfigReader kinds = r.section("kinds");
                    for (String el : kinds.keys()) {
                        List<String> bp = kinds.strings(el, null);
                        if (bp == null || bp.size() != 2)
                            throw kinds.error(el, "expected [\"basis name\", \"potential name\"], e.g. [\"DZVP-MOLOPT-PBE-GTH-q1\", \"GTH-PBE-q1\"]");
                        o.kind(el, bp.get(0), bp.get(1));
                    }
                }
                o.maxScf = r.integer("max_scf", o.maxScf, 1, 100000);
                o.charge = r.integer("charge", o.charge, -1000, 1000);
                o.multiplicity = r.integer("multiplicity", o.multiplicity, 1, 100);
                return new Cp2kCalculator(o);
            }
            case "qe": {
                r.rejectUnknown("calculator", "threads", "max_force", "max_energy", "command", "pseudo_dir", "pseudopotentials", "ecutwfc", "ecutrho", "kpoints");
                QeCalculator.Options o = new QeCalculator.Options();
                if (r.has("command")) o.command = command(r);
                if (r.has("pseudo_dir")) o.pseudoDir = r.path("pseudo_dir", true);
                if (!r.has("pseudopotentials")) throw r.error("pseudopotentials", "required: a table element = \"file.UPF\"");
                o.pseudopotentials.putAll(stringTable(r.section("pseudopotentials")));
                o.ecutwfc = r.positive("ecutwfc", o.ecutwfc);
                o.ecutrho = r.positive("ecutrho", o.ecutrho);
                o.kpoints = r.integers("kpoints", o.kpoints);
                if (o.kpoints.length != 3) throw r.error("kpoints", "expected three integers");
                return new QeCalculator(o);
            }
            case "vasp": {
                r.rejectUnknown("calculator", "threads", "max_force", "max_energy", "command", "incar", "kpoints", "potcars");
                VaspCalculator.Options o = new VaspCalculator.Options();
                if (r.has("command")) o.command = command(r);
                if (r.has("incar")) o.incarTemplate = read(r, "incar");
                if (r.has("kpoints")) o.kpointsTemplate = read(r, "kpoints");
                if (!r.has("potcars")) throw r.error("potcars", "required: a table element = \"path/POTCAR\" (your licensed files)");
                for (var e : stringTable(r.section("potcars")).entrySet()) {
                    Path p = Path.of(e.getValue());
                    if (!p.isAbsolute()) p = r.dir().resolve(p);
                    if (!Files.exists(p)) throw r.error("potcars." + e.getKey(), p + " does not exist");
                    o.potcars.put(e.getKey(), p);
                }
                return new VaspCalculator(o);
            }
            default: {
                r.rejectUnknown("calculator", "threads", "max_force", "max_energy", "command", "types", "atom_style", "force_field");
                LammpsCalculator.Options o = new LammpsCalculator.Options();
                if (r.has("command")) o.command = command(r);
                o.types = r.strings("types", o.types);
                if (o.types.isEmpty()) throw r.error("types", "required: element symbols in LAMMPS type order");
                o.atomStyle = r.choice("atom_style", "atomic", "atomic", "charge");
                if (!r.has("force_field")) throw r.error("force_field", "required: a file with the pair_style/pair_coeff lines");
                o.forceField = read(r, "force_field");
                return new LammpsCalculator(o);
            }
        }
    }

    private static List<String> command(ConfigReader r) {
        List<String> c = r.strings("command", null);
        if (c == null || c.isEmpty()) throw r.error("command", "expected a non-empty argument array, e.g. [\"cp2k.psmp\"]");
        return c;
    }

    private static String read(ConfigReader r, String key) {
        Path p = r.path(key, true);
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw r.error(key, "cannot read " + p + ": " + e.getMessage());
        }
    }

    private static Map<String, String> stringTable(ConfigReader t) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : t.keys()) m.put(k, t.string(k, null));
        return m;
    }

    /** The surrogate with a user parameter file (recorded in the provenance). */
    private static final class SurrogateFile implements ReferenceCalculator {
        private final org.scalebridge.potential.MnFePbaSurrogate ff;
        private final Path file;

        SurrogateFile(org.scalebridge.potential.MnFePbaSurrogate ff, Path file) { this.ff = ff; this.file = file; }

        @Override public String name() { return "mnfepba-surrogate"; }

        @Override public Map<String, String> settings() { return Map.of("potential", "mnfepba-surrogate", "parameters", file.toString()); }

        @Override
        public org.scalebridge.learn.reference.ReferenceResult calculate(org.scalebridge.structure.Structure s,
                org.scalebridge.learn.reference.JobContext job) {
            org.scalebridge.structure.Structure w = s.copy();
            var p = ff.build(w).potential();
            var r = new org.scalebridge.potential.ForceResult().request(true, true, false);
            p.compute(w, r);
            return new org.scalebridge.learn.reference.ReferenceResult(r.energy(), r.forcesCopy(), r.virial().clone());
        }
    }
}
