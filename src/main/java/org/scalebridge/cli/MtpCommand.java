package org.scalebridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.mtp.MtpActiveSet;
import org.scalebridge.potential.mtp.MtpBasisGenerator;
import org.scalebridge.potential.mtp.MtpErrorReport;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpGrader;
import org.scalebridge.potential.mtp.MtpLammpsExport;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.potential.mtp.MtpTrainer;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scalebridge mtp …}: Moment Tensor Potentials from the command line, with MLIP's file formats (.mtp, .almtp,
 * .cfg) and MLIP's command names, so MLIP users can swap the binary: evaluate (calc-efs), grade (calc-grade),
 * select for active learning (select-add), train, report errors, export for LAMMPS, and write a basis template.
 *
 * <p>Species: a .cfg names atoms by MTP type 0, 1, …; {@code --species Mo} or {@code --species Na,Mn,Fe,C,N} gives
 * the element of each MTP type (needed for other structure formats such as extxyz, optional for .cfg).
 */
@Command(name = "mtp", mixinStandardHelpOptions = true,
        description = {"Moment Tensor Potentials (MLIP-2/3 compatible files): evaluate, grade, select, train, errors, "
                + "LAMMPS export, basis templates."},
        subcommands = {
            MtpCommand.CalcEfs.class,
            MtpCommand.CalcGrade.class,
            MtpCommand.SelectAdd.class,
            MtpCommand.Train.class,
            MtpCommand.Errors.class,
            MtpCommand.ExportLammps.class,
            MtpCommand.GenerateTemplate.class,
        })
public final class MtpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Shared options: the species of the MTP types. */
    static class SpeciesOption {
        @Option(names = "--species", split = ",", paramLabel = "EL",
                description = "Element of MTP type 0, 1, … (e.g. Mo or Na,Mn,Fe,C,N). Required unless all files are .cfg.")
        String[] species;

        /** Atomic number of each MTP type: from --species, or placeholders (types only; .cfg in and out). */
        int[] typeToZ(MtpModel m, boolean needed, String why) {
            if (species == null || species.length == 0) {
                if (needed) {
                    throw InputException.field(null, "--species", why + " names atoms by element: give the element of "
                            + "each of the " + m.speciesCount + " MTP type(s), e.g. --species Mo");
                }
                int[] z = new int[m.speciesCount];
                for (int t = 0; t < z.length; t++) z[t] = t + 1;
                return z;
            }
            if (species.length != m.speciesCount) {
                throw InputException.field(null, "--species", "the potential has " + m.speciesCount + " species but "
                        + species.length + " elements were given");
            }
            int[] z = new int[species.length];
            for (int t = 0; t < z.length; t++) {
                org.scalebridge.structure.Element el = Elements.bySymbolOrNull(species[t]);
                if (el == null) throw InputException.field(null, "--species", "unknown element '" + species[t] + "' (expected H…Lr)");
                int zz = el.z();
                for (int u = 0; u < t; u++) {
                    if (z[u] == zz) throw InputException.field(null, "--species", "element " + species[t] + " given twice");
                }
                z[t] = zz;
            }
            return z;
        }
    }

    static boolean isCfg(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cfg");
    }

    static MtpModel readPotential(Path p) {
        if (!Files.isRegularFile(p)) throw InputException.at(p, -1, "potential file not found");
        return MtpFormat.read(p);
    }

    static MtpModel readTrained(Path p) {
        MtpModel m = readPotential(p);
        if (!m.isTrained()) {
            throw InputException.at(p, -1, "this is an untrained template (no radial_coeffs/species_coeffs/moment_coeffs): "
                    + "train it first with 'scalebridge mtp train'");
        }
        return m;
    }

    /** A data set: the .cfg configurations (if .cfg) and the structures. */
    static final class Data {
        List<MlipCfg.Configuration> cfgs;
        final List<Structure> structures = new ArrayList<>();
    }

    static Data readData(Path file, int[] typeToZ, String[] species) {
        if (!Files.isRegularFile(file)) throw InputException.at(file, -1, "file not found");
        Data d = new Data();
        if (isCfg(file)) {
            d.cfgs = MlipCfg.read(file);
            for (MlipCfg.Configuration c : d.cfgs) d.structures.add(c.toStructure(typeToZ));
        } else {
            IoOptions o = IoOptions.defaults();
            if (species != null && species.length > 0) o.types(species);
            d.structures.addAll(Formats.read(file, o));
        }
        if (d.structures.isEmpty()) throw InputException.at(file, -1, "file holds no configuration");
        return d;
    }

    static int checkThreads(int threads) {
        if (threads < 1) throw InputException.field(null, "--threads", "must be ≥ 1, got " + threads);
        return threads;
    }

    static void checkOutput(Path in, Path out) {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw InputException.field(null, "OUT", "output would overwrite the input " + in);
        }
    }

    /** Writes structures (with their energies, forces, virials, info) as .cfg (keeping the input's ids and features) or any writable format. */
    static void writeData(Path out, Data d, int[] typeToZ, List<double[]> gradesPerAtom) {
        if (isCfg(out)) {
            List<MlipCfg.Configuration> cfgs = new ArrayList<>();
            for (int k = 0; k < d.structures.size(); k++) {
                Structure s = d.structures.get(k);
                MlipCfg.Configuration c = d.cfgs != null ? d.cfgs.get(k) : MlipCfg.Configuration.fromStructure(s, typeToZ);
                c.energy = s.energy();
                c.forces = s.forces() == null ? null : s.forces().clone();
                c.plusStress = s.virial() == null || c.lattice == null ? null : MlipCfg.plusStressFromVirial(s.virial());
                Object g = s.info().get("MV_grade");
                if (g instanceof Double) c.features.put("MV_grade", String.format(Locale.ROOT, "%.6g", (Double) g));
                if (gradesPerAtom != null && gradesPerAtom.get(k) != null) c.atomColumns.put("nbh_grades", gradesPerAtom.get(k));
                cfgs.add(c);
            }
            MlipCfg.write(out, cfgs);
        } else {
            Formats.write(out, d.structures);
        }
    }

    /** {@code mtp calc-efs POT IN OUT}: energies, forces and stresses (as MLIP calc-efs). */
    @Command(name = "calc-efs", mixinStandardHelpOptions = true,
            description = {"Energy, forces and stress of every configuration of IN with the potential POT (.mtp or .almtp), "
                    + "written to OUT (.cfg: Energy, fx fy fz and PlusStress as MLIP calc-efs; extxyz: energy, forces, stress)."})
    static final class CalcEfs implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POT", description = "Trained potential (.mtp or .almtp).") Path pot;
        @Parameters(index = "1", paramLabel = "IN", description = "Configurations (.cfg, extxyz or any readable format).") Path in;
        @Parameters(index = "2", paramLabel = "OUT", description = "Output file (.cfg or extxyz).") Path out;
        @CommandLine.Mixin SpeciesOption sp = new SpeciesOption();
        @Option(names = "--threads", defaultValue = "1", description = "Threads (default 1).") int threads;

        @Override
        public Integer call() {
            checkThreads(threads);
            checkOutput(in, out);
            MtpModel m = readTrained(pot);
            int[] z = sp.typeToZ(m, !isCfg(in) || !isCfg(out), "a non-.cfg file");
            Data d = readData(in, z, sp.species);
            long atoms = 0;
            long t0 = System.nanoTime();
            try (MtpPotential p = new MtpPotential(m, z)) {
                p.setThreads(threads);
                ForceResult r = new ForceResult();
                for (Structure s : d.structures) {
                    p.compute(s, r);
                    s.setEnergy(r.energy());
                    s.setForces(r.forcesCopy());
                    s.setVirial(r.virial().clone());
                    atoms += s.size();
                }
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            writeData(out, d, z, null);
            System.out.printf(Locale.ROOT, "calc-efs: %d configurations, %d atoms, %.3f s (%.2f us/atom) -> %s%n",
                    d.structures.size(), atoms, sec, 1e6 * sec / Math.max(1, atoms), out);
            return 0;
        }
    }

    /** {@code mtp calc-grade POT IN OUT}: extrapolation grades with the potential's active set. */
    @Command(name = "calc-grade", mixinStandardHelpOptions = true,
            description = {"MaxVol extrapolation grade γ of every configuration of IN with the active set stored in POT "
                    + "(.almtp with its selection state). OUT gets the feature MV_grade per configuration and, for an "
                    + "active set in neighbourhood mode, the per-atom column nbh_grades (as MLIP calc-grade)."})
    static final class CalcGrade implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POT", description = "Potential with an active set (.almtp).") Path pot;
        @Parameters(index = "1", paramLabel = "IN", description = "Configurations to grade.") Path in;
        @Parameters(index = "2", paramLabel = "OUT", description = "Output file (.cfg or extxyz).") Path out;
        @CommandLine.Mixin SpeciesOption sp = new SpeciesOption();

        @Override
        public Integer call() {
            checkOutput(in, out);
            MtpModel m = readTrained(pot);
            MtpActiveSet set = MtpActiveSet.readAlmtp(pot, m.parameterCount());
            int[] z = sp.typeToZ(m, !isCfg(in) || !isCfg(out), "a non-.cfg file");
            Data d = readData(in, z, sp.species);
            List<double[]> per = new ArrayList<>();
            double max = 0;
            try (MtpPotential p = new MtpPotential(m, z)) {
                MtpGrader g = new MtpGrader(p, set);
                for (Structure s : d.structures) {
                    double gamma = g.gradeAndStore(s);
                    max = Math.max(max, gamma);
                    var arr = s.array("nbh_grades");
                    per.add(arr == null ? null : java.util.Arrays.copyOf(arr.reals(), s.size()));
                }
            }
            writeData(out, d, z, per);
            System.out.printf(Locale.ROOT, "calc-grade (%s mode): %d configurations, max grade %.4g -> %s%n",
                    set.nbhMode() ? "nbh" : "cfg", d.structures.size(), max, out);
            return 0;
        }
    }

    /** {@code mtp select-add POT TRAIN POOL OUT}: MaxVol selection of new training configurations. */
    @Command(name = "select-add", mixinStandardHelpOptions = true,
            description = {"MaxVol selection (as MLIP select-add): the configurations of POOL that enlarge the volume of "
                    + "the active set by more than --threshold are written to OUT. The active set is the one stored in "
                    + "POT (.almtp), or, if POT has none (or with --rebuild), built from TRAIN by MaxVol."})
    static final class SelectAdd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POT", description = "Trained potential (.mtp or .almtp).") Path pot;
        @Parameters(index = "1", paramLabel = "TRAIN", description = "Training set the active set is built from.") Path train;
        @Parameters(index = "2", paramLabel = "POOL", description = "Candidate configurations.") Path pool;
        @Parameters(index = "3", paramLabel = "OUT", description = "Selected configurations (.cfg or extxyz).") Path out;
        @CommandLine.Mixin SpeciesOption sp = new SpeciesOption();
        @Option(names = "--threshold", defaultValue = "1.001", description = "MaxVol swap threshold > 1 (default 1.001, as MLIP).") double threshold;
        @Option(names = "--mode", defaultValue = "cfg", description = "Active-set mode when it is built here: cfg or nbh (default cfg).") String mode;
        @Option(names = "--rebuild", description = "Build the active set from TRAIN even if POT stores one.") boolean rebuild;
        @Option(names = "--save-potential", paramLabel = "FILE", description = "Also write the potential with the updated active set (.almtp).") Path save;

        @Override
        public Integer call() {
            if (!(threshold > 1)) throw InputException.field(null, "--threshold", "must be > 1, got " + threshold);
            String md = mode.toLowerCase(Locale.ROOT);
            if (!md.equals("cfg") && !md.equals("nbh")) throw InputException.field(null, "--mode", "expected cfg or nbh, got '" + mode + "'");
            checkOutput(pool, out);
            MtpModel m = readTrained(pot);
            boolean all = isCfg(train) && isCfg(pool) && isCfg(out);
            int[] z = sp.typeToZ(m, !all, "a non-.cfg file");
            MtpActiveSet set = null;
            if (!rebuild) {
                try {
                    set = MtpActiveSet.readAlmtp(pot, m.parameterCount());
                } catch (InputException e) {
                    set = null; // no stored selection state: build it from TRAIN
                }
            }
            Data pd = readData(pool, z, sp.species);
            List<Integer> sel;
            try (MtpPotential p = new MtpPotential(m, z)) {
                if (set == null) {
                    Data td = readData(train, z, sp.species);
                    set = MtpActiveSet.initial(m.parameterCount(), 1e-6, md.equals("nbh"));
                    List<MlipCfg.Configuration> tc = td.cfgs;
                    if (tc == null) {
                        tc = new ArrayList<>();
                        for (Structure s : td.structures) tc.add(MlipCfg.Configuration.fromStructure(s, z));
                    }
                    new MtpGrader(p, set).buildFrom(td.structures, tc, threshold);
                }
                sel = new MtpGrader(p, set).select(pd.structures, threshold);
            }
            Data o = new Data();
            if (pd.cfgs != null) o.cfgs = new ArrayList<>();
            for (int c : sel) {
                o.structures.add(pd.structures.get(c));
                if (o.cfgs != null) o.cfgs.add(pd.cfgs.get(c));
            }
            if (isCfg(out)) {
                List<MlipCfg.Configuration> cf = new ArrayList<>();
                for (int k = 0; k < sel.size(); k++) {
                    cf.add(o.cfgs != null ? o.cfgs.get(k) : MlipCfg.Configuration.fromStructure(o.structures.get(k), z));
                }
                MlipCfg.write(out, cf);
            } else {
                Formats.write(out, o.structures);
            }
            if (save != null) set.writeAlmtp(save, m);
            System.out.printf(Locale.ROOT, "select-add (%s mode): %d of %d candidate configurations selected -> %s%n",
                    set.nbhMode() ? "nbh" : "cfg", sel.size(), pd.structures.size(), out);
            return 0;
        }
    }

    /** {@code mtp train POT TRAIN OUT}: fit (the existing trainer). */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Fit the potential POT (an untrained template, e.g. from generate-template, or a trained "
                    + "potential as a warm start) to TRAIN and write OUT (.mtp). Loss weights as MLIP: energy 1 (per "
                    + "atom), forces 0.01, stress 0.001 (per atom)."})
    static final class Train implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POT", description = "Template or trained potential (.mtp/.almtp).") Path pot;
        @Parameters(index = "1", paramLabel = "TRAIN", description = "Training set with energies (and forces, stresses).") Path train;
        @Parameters(index = "2", paramLabel = "OUT", description = "Trained potential (.mtp).") Path out;
        @CommandLine.Mixin SpeciesOption sp = new SpeciesOption();
        @Option(names = "--max-iter", defaultValue = "1000", description = "Iteration limit (default 1000).") int maxIter;
        @Option(names = "--tolerance", defaultValue = "1e-3", description = "Stop when the relative loss decrease is below this (default 1e-3, as MLIP).") double tol;
        @Option(names = "--energy-weight", defaultValue = "1") double ew;
        @Option(names = "--force-weight", defaultValue = "0.01") double fw;
        @Option(names = "--stress-weight", defaultValue = "0.001") double sw;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the initialisation of an untrained template.") long seed;
        @Option(names = "--threads", defaultValue = "1") int threads;
        @Option(names = "--max-seconds", defaultValue = "0", description = "Wall-clock budget, 0 = none.") double maxSeconds;
        @Option(names = "--test", paramLabel = "FILE", description = "Test set: errors reported after training.") Path test;
        @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write the potential (FILE) and the whole "
                + "optimiser state (FILE.state) atomically every --checkpoint-every iterations.") Path checkpoint;
        @Option(names = "--checkpoint-every", defaultValue = "10", description = "Iterations between checkpoints (default 10).") int checkpointEvery;
        @Option(names = "--resume", description = "Continue from --checkpoint (bit-identical to an uninterrupted run with "
                + "the same threads); iteration and time limits count the whole run.") boolean resume;

        @Override
        public Integer call() {
            checkThreads(threads);
            if (resume && checkpoint == null) throw InputException.field(null, "--resume", "needs --checkpoint FILE (the checkpoint to continue from)");
            if (resume && !java.nio.file.Files.exists(MtpTrainer.stateFile(checkpoint))) {
                throw InputException.field(null, "--resume", "no optimiser state " + MtpTrainer.stateFile(checkpoint) + " beside the checkpoint " + checkpoint);
            }
            if (checkpointEvery < 1) throw InputException.field(null, "--checkpoint-every", "must be ≥ 1, got " + checkpointEvery);
            if (maxIter < 0) throw InputException.field(null, "--max-iter", "must be ≥ 0, got " + maxIter);
            if (!(tol >= 0)) throw InputException.field(null, "--tolerance", "must be ≥ 0, got " + tol);
            if (!(ew >= 0) || !(fw >= 0) || !(sw >= 0) || ew + fw + sw == 0) {
                throw InputException.field(null, "--energy-weight/--force-weight/--stress-weight", "weights must be ≥ 0 and not all 0");
            }
            if (!(maxSeconds >= 0)) throw InputException.field(null, "--max-seconds", "must be ≥ 0");
            checkOutput(train, out);
            MtpModel m = readPotential(pot);
            m.validate();
            boolean all = isCfg(train) && (test == null || isCfg(test));
            int[] z = sp.typeToZ(m, !all, "a non-.cfg data file");
            Data td = readData(train, z, sp.species);
            for (int k = 0; k < td.structures.size(); k++) {
                if (td.structures.get(k).energy() == null) {
                    throw InputException.at(train, td.cfgs != null ? td.cfgs.get(k).line : -1, "configuration " + k + " has no energy");
                }
            }
            MtpTrainer t = new MtpTrainer(m, z, td.structures, null, seed);
            t.energyWeight = ew; t.forceWeight = fw; t.stressWeight = sw; t.threads = threads; t.maxSeconds = maxSeconds;
            t.checkpoint = checkpoint; t.checkpointEvery = checkpointEvery; t.resume = resume;
            Progress pr = new Progress() {
                long last;
                @Override public void update(long done, long total, String message) {
                    long now = System.nanoTime();
                    if (now - last > 2_000_000_000L || done == total) {
                        last = now;
                        System.out.println("iteration " + done + (message == null ? "" : ": " + message));
                    }
                }
            };
            MtpTrainer.Result r = t.train(maxIter, tol, pr);
            if (r.resumedFrom > 0) System.out.println("resumed from iteration " + r.resumedFrom + " of " + checkpoint);
            MtpFormat.write(out, t.model());
            System.out.printf(Locale.ROOT, "train: %d iterations, loss %.6g, %.3f s/iteration -> %s%n", r.iterations, r.loss,
                    r.secondsPerIteration, out);
            try (MtpPotential p = new MtpPotential(t.model(), z)) {
                p.setThreads(threads);
                System.out.println("training set: " + MtpErrorReport.of(p, td.structures));
                if (test != null) System.out.println("test set:     " + MtpErrorReport.of(p, readData(test, z, sp.species).structures));
            }
            return 0;
        }
    }

    /** {@code mtp errors POT DATA}: RMSE/MAE report (as MLIP check-errors). */
    @Command(name = "errors", mixinStandardHelpOptions = true,
            description = {"Errors of POT against the reference energies, forces and stresses of DATA (as MLIP "
                    + "check-errors): energy per atom, force vectors, virial stress; RMSE and MAE."})
    static final class Errors implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POT", description = "Trained potential.") Path pot;
        @Parameters(index = "1", paramLabel = "DATA", description = "Reference data set.") Path data;
        @CommandLine.Mixin SpeciesOption sp = new SpeciesOption();
        @Option(names = "--threads", defaultValue = "1") int threads;
        @Option(names = "--parity", paramLabel = "CSV", description = "Also write energy parity data (reference, predicted eV/atom).") Path parity;

        @Override
        public Integer call() {
            checkThreads(threads);
            MtpModel m = readTrained(pot);
            int[] z = sp.typeToZ(m, !isCfg(data), "a non-.cfg data file");
            Data d = readData(data, z, sp.species);
            MtpErrorReport r;
            try (MtpPotential p = new MtpPotential(m, z)) {
                p.setThreads(threads);
                r = MtpErrorReport.of(p, d.structures);
            }
            System.out.printf(Locale.ROOT, "configurations %d, atoms with forces %d, configurations with stress %d%n",
                    r.configurations, r.atoms, r.stressConfigurations);
            System.out.printf(Locale.ROOT, "energy per atom  RMSE %.6f eV/atom  MAE %.6f eV/atom%n", r.energyRmse, r.energyMae);
            System.out.printf(Locale.ROOT, "forces           RMSE %.6f eV/A     MAE %.6f eV/A%n", r.forceRmse, r.forceMae);
            System.out.printf(Locale.ROOT, "virial stress    RMSE %.6f eV       MAE %.6f eV%n", r.stressRmse, r.stressMae);
            if (parity != null) {
                StringBuilder b = new StringBuilder("reference_eV_per_atom,predicted_eV_per_atom\n");
                for (double[] e : r.energyParity) b.append(String.format(Locale.ROOT, "%.10g,%.10g%n", e[0], e[1]));
                org.scalebridge.core.AtomicFiles.writeString(parity, b.toString());
            }
            return 0;
        }
    }

    /** {@code mtp export-lammps POT DIR}: files and input lines for LAMMPS. */
    @Command(name = "export-lammps", mixinStandardHelpOptions = true,
            description = {"Write POT for LAMMPS into DIR: NAME.mtp (MLIP-2 text, read by LAMMPS' ML-MTP package "
                    + "'pair_style mtp' and by the MLIP-LAMMPS interfaces 'pair_style mlip'), mlip.ini, and "
                    + "NAME.lammps.in with the pair_style/pair_coeff lines for each."})
    static final class ExportLammps implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POT", description = "Trained potential.") Path pot;
        @Parameters(index = "1", paramLabel = "DIR", description = "Output directory (created if needed).") Path dir;
        @Option(names = "--species", split = ",", required = true, paramLabel = "EL",
                description = "Element of MTP type 0, 1, … = LAMMPS atom types 1, 2, … (e.g. Mo).") String[] species;
        @Option(names = "--name", description = "Base name of the files (default: POT's name without extension).") String name;

        @Override
        public Integer call() throws IOException {
            MtpModel m = readTrained(pot);
            SpeciesOption so = new SpeciesOption();
            so.species = species;
            int[] z = so.typeToZ(m, true, "LAMMPS");
            String nm = name != null ? name : pot.getFileName().toString().replaceFirst("\\.(a?l?mtp)$", "");
            if (nm.isBlank() || nm.contains("/") || nm.contains("\\")) throw InputException.field(null, "--name", "bad base name '" + nm + "'");
            Files.createDirectories(dir);
            MtpLammpsExport.export(m, z, dir, nm);
            System.out.println("export-lammps: " + dir.resolve(nm + ".mtp") + ", " + dir.resolve("mlip.ini") + ", "
                    + dir.resolve(nm + ".lammps.in"));
            return 0;
        }
    }

    /** {@code mtp generate-template --level N --species K OUT}: our generated basis. */
    @Command(name = "generate-template", mixinStandardHelpOptions = true,
            description = {"Write an untrained MTP of the given level (the level rule of the MTP papers: basic moment "
                    + "level 2 + 4μ + ν, products summing) for K species, generated by ScaleBridge (not MLIP's templates)."})
    static final class GenerateTemplate implements Callable<Integer> {
        @Option(names = "--level", required = true, description = "Level (2 … 28; even levels as MLIP's templates).") int level;
        @Option(names = "--species", defaultValue = "1", description = "Number of species K (default 1).") int species;
        @Option(names = "--radial-basis-size", defaultValue = "8", description = "Chebyshev basis size (default 8).") int rbs;
        @Option(names = "--min-dist", defaultValue = "2", description = "Inner radius, Å (default 2).") double minDist;
        @Option(names = "--max-dist", defaultValue = "5", description = "Cutoff, Å (default 5).") double maxDist;
        @Parameters(index = "0", paramLabel = "OUT", description = "Output .mtp file.") Path out;

        @Override
        public Integer call() {
            if (level < 2 || level > 28) throw InputException.field(null, "--level", "must be 2 … 28, got " + level);
            if (species < 1 || species > 100) throw InputException.field(null, "--species", "must be 1 … 100, got " + species);
            if (rbs < 2 || rbs > 64) throw InputException.field(null, "--radial-basis-size", "must be 2 … 64, got " + rbs);
            if (!(minDist >= 0) || !(maxDist > minDist)) {
                throw InputException.field(null, "--min-dist/--max-dist", "need 0 ≤ min-dist < max-dist, got " + minDist + ", " + maxDist);
            }
            MtpModel m = MtpBasisGenerator.generate(level, species, rbs, minDist, maxDist);
            MtpFormat.write(out, m);
            System.out.printf(Locale.ROOT, "generate-template: level %d, %d species, %d radial functions, %d basic moments, "
                    + "%d contractions, %d basis functions, %d parameters -> %s%n", m.level(), species, m.radialFuncsCount,
                    m.alphaIndexBasic.length, m.alphaIndexTimes.length, m.alphaScalarMoments(), m.parameterCount(), out);
            return 0;
        }
    }
}
