package org.scalebridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.md.Checkpoint;
import org.scalebridge.md.DivergenceException;
import org.scalebridge.md.Integrator;
import org.scalebridge.md.MdConfig;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Thermo;
import org.scalebridge.md.Velocities;
import org.scalebridge.structure.Structure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scalebridge md STRUCTURE CONFIG.toml}: molecular dynamics from a structure file (any format the io package
 * reads; the last frame is used) and a TOML run configuration (see {@link MdConfig}). Writes thermo CSV,
 * trajectories, checkpoints and {@code final.extxyz} next to the configuration; {@code --resume} continues from the
 * configured checkpoint bit-identically. The [potential] section takes any force field of the engine: Lennard-Jones,
 * the MnFePBA surrogate, a force-field TOML ({@link org.scalebridge.potential.ForceFieldConfig}) or an MTP file.
 */
@Command(name = "md", mixinStandardHelpOptions = true,
        description = "Run molecular dynamics (NVE/NVT/NPT) from a structure and a TOML configuration.")
public final class MdCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STRUCTURE", description = "Structure file (extxyz, POSCAR, LAMMPS data, ...).")
    Path structure;

    @Parameters(index = "1", paramLabel = "CONFIG", description = "Run configuration (TOML).")
    Path config;

    @Option(names = "--resume", description = "Continue from the checkpoint named in the configuration.")
    boolean resume;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(config)) throw InputException.field(config.toString(), "CONFIG", "file not found");
        MdConfig cfg = MdConfig.read(config);
        Integrator integ = cfg.integrator();
        MdSystem sys;
        MdRun run;
        if (resume) {
            if (!Files.isRegularFile(cfg.checkpoint)) {
                throw InputException.field(config.toString(), "output.checkpoint", "no checkpoint to resume from at " + cfg.checkpoint);
            }
            Checkpoint.State st = Checkpoint.read(cfg.checkpoint);
            sys = st.restore(cfg.potential(st.structure), integ);
            run = new MdRun(sys, integ).resumed();
            System.out.printf("resuming %s at step %d%n", integ.name(), sys.step());
        } else {
            if (!Files.isRegularFile(structure)) throw InputException.field(structure.toString(), "STRUCTURE", "file not found");
            List<Structure> frames = Formats.read(structure, IoOptions.defaults());
            if (frames.isEmpty()) throw InputException.at(structure, 0, "no structure found");
            Structure s = frames.get(frames.size() - 1);
            if (s.size() == 0) throw InputException.at(structure, 0, "the structure has no atoms");
            sys = new MdSystem(s, cfg.potential(s), cfg.dtPs);
            sys.setFrozen(cfg.frozenMask(s));
            if (cfg.initialTemperature != null) {
                Velocities.maxwellBoltzmann(sys, cfg.initialTemperature, new Rng(cfg.seed).split(0));
            }
            run = new MdRun(sys, integ);
        }
        final MdSystem live = sys;
        // fresh potential at every checkpoint, built from the current structure exactly as a resumed run builds it
        run.potentialFactory(() -> cfg.potential(live.structure())).thermoEvery(cfg.thermoEvery).thermoCsv(cfg.thermoCsv)
                .trajectoryEvery(cfg.trajectoryEvery).guard(cfg.guard());
        if (cfg.checkpointEvery > 0) run.checkpoint(cfg.checkpoint, cfg.checkpointEvery);
        for (Path p : cfg.trajectories) run.trajectory(p);
        var g = cfg.guard();
        g.setReferenceTemperature(Math.max(cfg.temperature, cfg.initialTemperature == null ? 0 : cfg.initialTemperature));
        run.guard(g);
        run.listener(t -> System.out.printf("step %10d  T %9.3f K  PE %16.6f eV  P %12.3f bar  V %12.3f Å³  H %16.6f eV%n",
                t.step(), t.temperature(), t.potential(), t.pressure(), t.volume(), t.conserved()));
        run.progress(new Progress() {
            @Override public void update(long done, long total, String message) {}
            @Override public void log(String line) { System.err.println(line); }
        });
        System.out.printf("potential: %s (%s), %d atoms, dt %.4g fs, %s%n", sys.potential().name(), cfg.potentialStyle(),
                sys.structure().size(), cfg.dtPs * 1e3, integ.name());
        long t0 = System.nanoTime();
        Thermo last;
        try {
            last = run.runUntil(cfg.steps);
        } catch (DivergenceException e) {
            System.err.println("error: " + e.getMessage() + (run.lastGoodFile() != null
                    ? "; last good state (step " + run.lastGoodStep() + ") in " + run.lastGoodFile() : ""));
            return 4;
        }
        double sec = (System.nanoTime() - t0) * 1e-9;
        if (cfg.checkpointEvery > 0) Checkpoint.write(cfg.checkpoint, sys, integ);
        Path fin = cfg.thermoCsv.toAbsolutePath().getParent().resolve("final.extxyz");
        Formats.forWriting(fin).write(fin, List.of(sys.structure()), IoOptions.defaults());
        System.out.printf("done: %d steps of %d atoms in %.2f s; final T %.3f K, P %.3f bar (%.5f GPa), V %.4f Å³; wrote %s%n",
                last.step(), sys.structure().size(), sec, last.temperature(), last.pressure(),
                last.pressure() * Units.GPA_PER_BAR, last.volume(), fin);
        return 0;
    }
}
