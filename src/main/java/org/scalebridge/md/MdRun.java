package org.scalebridge.md;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.Progress;

/**
 * Drives an MD run: steps the integrator, samples thermo (CSV file and listeners) and trajectory frames at their
 * strides, writes checkpoints atomically at an interval, and stops cleanly on divergence (saving the last good
 * state as a checkpoint next to the normal one, or in memory when no checkpoint file is configured) or on
 * cancellation. Strides count absolute steps, so a resumed run samples the same steps as an uninterrupted one.
 *
 * <p>Bit-identical resume: at every checkpoint the potential's caches are reset ({@link
 * org.scalebridge.potential.Potential#resetCaches()}), so the uninterrupted run continues exactly as a run resumed
 * from that checkpoint with a fresh potential.
 */
public final class MdRun {
    private final MdSystem sys;
    private final Integrator integ;
    private int thermoEvery = 100;
    private Path thermoCsv;
    private final List<MdListener> listeners = new ArrayList<>();
    private final List<TrajectoryWriter> trajectories = new ArrayList<>();
    private int trajectoryEvery = 1000;
    private Path checkpointFile;
    private long checkpointEvery = 0;
    private DivergenceGuard guard = DivergenceGuard.defaults();
    private Progress progress = Progress.NONE;
    private boolean appendOutputs;
    private byte[] lastGood;
    private long lastGoodStep = -1;
    private boolean setupDone;
    private java.util.function.Supplier<org.scalebridge.potential.Potential> potentialFactory;

    public MdRun(MdSystem sys, Integrator integ) {
        this.sys = sys;
        this.integ = integ;
    }

    /** For a run resumed from a checkpoint: the integrator state was restored, skip {@link Integrator#setup}. */
    public MdRun resumed() { setupDone = true; appendOutputs = true; return this; }

    public MdRun thermoEvery(int n) { if (n < 1) throw new IllegalArgumentException("thermo stride must be ≥ 1"); thermoEvery = n; return this; }
    public MdRun thermoCsv(Path p) { thermoCsv = p; return this; }
    public MdRun listener(MdListener l) { listeners.add(l); return this; }
    public MdRun trajectoryEvery(int n) { if (n < 1) throw new IllegalArgumentException("trajectory stride must be ≥ 1"); trajectoryEvery = n; return this; }
    /** Adds a trajectory file (format from the extension); opened when the run starts. */
    public MdRun trajectory(Path p) { trajPaths.add(p); return this; }
    private final List<Path> trajPaths = new ArrayList<>();
    public MdRun checkpoint(Path file, long every) { checkpointFile = file; checkpointEvery = every; return this; }
    /**
     * Factory of fresh, identically configured potentials: at every checkpoint the run continues with a new
     * instance, exactly as a resumed run does, so resuming is bit-identical for any potential. Without a factory
     * the potential's {@link org.scalebridge.potential.Potential#resetCaches()} is called instead.
     */
    public MdRun potentialFactory(java.util.function.Supplier<org.scalebridge.potential.Potential> f) {
        potentialFactory = f;
        return this;
    }
    /** The divergence guard; unless its target is set, the run sets it to the integrator's thermostat target. */
    public MdRun guard(DivergenceGuard g) { guard = g; return this; }
    public DivergenceGuard guard() { return guard; }

    /** A check run every {@code every} steps after the divergence guard passed; it stops the run by throwing. */
    public interface StepMonitor { void check(MdSystem sys); }
    private StepMonitor monitor;
    private int monitorEvery;

    /**
     * Adds a monitor called every {@code every} steps (absolute step count) and at the start of {@link #runUntil}, e.g.
     * the extrapolation grade of a machine-learned potential. Steps with a monitor call compute the energy.
     */
    public MdRun monitor(int every, StepMonitor m) {
        if (every < 1) throw new IllegalArgumentException("monitor stride must be ≥ 1");
        monitorEvery = every;
        monitor = m;
        return this;
    }
    public MdRun progress(Progress p) { progress = p; return this; }

    public MdSystem system() { return sys; }

    /** The last state that passed the divergence checks (checkpoint bytes), or null. */
    public byte[] lastGoodState() { return lastGood; }
    public long lastGoodStep() { return lastGoodStep; }

    /** Path where the last good state is written when a run diverges. */
    public Path lastGoodFile() {
        if (checkpointFile == null) return null;
        return checkpointFile.resolveSibling(checkpointFile.getFileName() + ".lastgood");
    }

    /**
     * Runs until the step counter reaches {@code untilStep} (absolute). Returns the last thermo sample. Throws
     * {@link DivergenceException} after saving the last good state.
     */
    public Thermo runUntil(long untilStep) {
        if (!setupDone) {
            sys.ensureForces();
            integ.setup(sys);
            setupDone = true;
        }
        // the thermostat's target is the guard's reference temperature (jump tests, collapse test)
        if (!(guard.targetTemperature() > 0)) guard.setTargetTemperature(integ.targetTemperature());
        for (Path p : trajPaths) trajectories.add(new TrajectoryWriter(p, TrajectoryWriter.formatOf(p), appendOutputs));
        trajPaths.clear();
        BufferedWriter csv = openCsv();
        Thermo last = Thermo.of(sys, integ);
        try {
            guard.check(sys, true);
            if (monitor != null) monitor.check(sys);
            saveGood();
            if (!appendOutputs) {
                emit(last, csv);
                for (TrajectoryWriter t : trajectories) t.write(sys, last);
            }
            long start = sys.step();
            // forces only on steps without output (LAMMPS' eflag/vflag economy); see MdSystem.setEnergyOnDemand
            sys.setEnergyOnDemand(true);
            sys.setVirialEveryStep(integ.needsVirialEveryStep());
            while (sys.step() < untilStep) {
                if (progress.isCancelled()) {
                    progress.log("MD cancelled at step " + sys.step());
                    break;
                }
                long nx = sys.step() + 1;
                if (nx % thermoEvery == 0 || nx % trajectoryEvery == 0 || nx == untilStep || nx % guard.every() == 0
                        || (monitor != null && nx % monitorEvery == 0) || (checkpointEvery > 0 && nx % checkpointEvery == 0)) sys.requestEnergyNextCompute();
                integ.step(sys);
                sys.advanceStepCounter();
                long st = sys.step();
                boolean full = st % guard.every() == 0;
                try {
                    guard.check(sys, full);
                } catch (DivergenceException e) {
                    onDivergence(e);
                    throw e;
                }
                if (full) saveGood();
                if (monitor != null && st % monitorEvery == 0) monitor.check(sys);
                boolean th = st % thermoEvery == 0, tr = st % trajectoryEvery == 0;
                if (th || tr || st == untilStep) last = Thermo.of(sys, integ);
                if (th) emit(last, csv);
                if (tr) for (TrajectoryWriter t : trajectories) t.write(sys, last);
                if (checkpointEvery > 0 && st % checkpointEvery == 0 && checkpointFile != null) {
                    Checkpoint.write(checkpointFile, sys, integ);
                    if (potentialFactory != null) {
                        sys.potential().setThreads(1); // releases the old instance's worker threads
                        sys.replacePotential(potentialFactory.get());
                    }
                    else sys.potential().resetCaches();
                }
                if ((st - start) % 100 == 0) progress.update(st - start, untilStep - start, "MD step " + st);
            }
            return last;
        } finally {
            sys.setEnergyOnDemand(false);
            for (TrajectoryWriter t : trajectories) t.close();
            trajectories.clear();
            appendOutputs = true;
            if (csv != null) {
                try { csv.close(); } catch (IOException e) { throw new UncheckedIOException(e); }
            }
        }
    }

    private void saveGood() {
        lastGood = Checkpoint.toBytes(sys, integ);
        lastGoodStep = sys.step();
    }

    private void onDivergence(DivergenceException e) {
        Path p = lastGoodFile();
        if (p != null && lastGood != null) {
            byte[] b = lastGood;
            org.scalebridge.core.AtomicFiles.writeBytes(p, os -> os.write(b));
            progress.log("MD diverged: " + e.getMessage() + "; last good state (step " + lastGoodStep + ") saved to " + p);
        } else {
            progress.log("MD diverged: " + e.getMessage() + "; last good state is step " + lastGoodStep);
        }
    }

    private BufferedWriter openCsv() {
        if (thermoCsv == null) return null;
        try {
            Path dir = thermoCsv.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            boolean exists = Files.exists(thermoCsv) && Files.size(thermoCsv) > 0;
            BufferedWriter w = Files.newBufferedWriter(thermoCsv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    appendOutputs ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!appendOutputs || !exists) { w.write(Thermo.csvHeader()); w.newLine(); }
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open thermo file " + thermoCsv + ": " + e.getMessage(), e);
        }
    }

    private void emit(Thermo t, BufferedWriter csv) {
        for (MdListener l : listeners) l.thermo(t);
        if (csv != null) {
            try {
                csv.write(t.csvLine());
                csv.newLine();
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not write thermo file " + thermoCsv + ": " + e.getMessage(), e);
            }
        }
    }
}
