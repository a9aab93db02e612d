package org.scalebridge.mc;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.Progress;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.core.Units;
import org.scalebridge.md.DivergenceException;
import org.scalebridge.md.DivergenceGuard;
import org.scalebridge.md.Integrator;
import org.scalebridge.md.MdSystem;
import org.scalebridge.structure.Structure;

/**
 * Hybrid GCMC–MD (the paper's (de)sodiation protocol): cycles of K MD steps (NPT or NVT, any {@link Integrator}),
 * then X exchange and M translation attempts of the {@link Gcmc} engine on the same structure.
 *
 * <p>When N changes: the new atom gets a Maxwell–Boltzmann velocity at T (in {@link Gcmc}); the number of degrees of
 * freedom is recounted ({@link MdSystem#degreesOfFreedom()} over the current atoms) and the integrator's
 * {@link Integrator#setup} is re-run before the next MD segment, which resets the thermostat-chain masses
 * Q = N_f k_BT τ² and the MTK barostat mass W = (N+1)k_BT τ_P² for the new N while keeping the chain and barostat
 * positions and velocities (their dynamical state) — the LAMMPS {@code compute_modify dynamic/dof yes} behaviour.
 * Forces are recomputed once after each MC block. Within an MC block every accepted move updates the local-change
 * bin index and the overlap grid in O(1) (no rebuild per move); the MD Verlet list is rebuilt once per cycle.
 *
 * <p>Outputs: one CSV line per cycle streamed to disk (flushed) and every {@link GcmcListener}. Checkpoints
 * (atomic) at cycle boundaries hold the structure, the MC engine state and the integrator state; the potential's
 * caches are reset at every cycle start so that a resumed run continues bit-identically (same seed and thread
 * count). A diverging MD segment stops the run cleanly: the structure is restored in memory to the state at the
 * start of that cycle (the last good state), which is also written next to the checkpoint as {@code .lastgood}, and
 * a {@link DivergenceException} is thrown.
 */
public final class HybridGcmcMd {
    private final Gcmc mc;
    private final MdSystem sys;
    private final Integrator integ;
    private final int mdSteps, exchanges, translations;
    private DivergenceGuard guard = DivergenceGuard.defaults();
    private Path traceCsv, checkpointFile;
    private int checkpointEvery;
    private boolean append;
    private Progress progress = Progress.NONE;
    private final double[] ptens = new double[9];

    /**
     * @param mc           the GCMC engine (its structure must be the MD system's structure, with velocities)
     * @param sys          the MD system (same structure and potential)
     * @param integ        NPT or NVT integrator
     * @param mdSteps      K, MD steps per cycle
     * @param exchanges    X, exchange attempts per cycle
     * @param translations M, translation attempts per cycle
     */
    public HybridGcmcMd(Gcmc mc, MdSystem sys, Integrator integ, int mdSteps, int exchanges, int translations) {
        if (mc.structure() != sys.structure())
            throw new IllegalArgumentException("GCMC and MD must share one structure");
        if (mc.potential() != sys.potential())
            throw new IllegalArgumentException("GCMC and MD must share one potential");
        if (mdSteps < 0 || exchanges < 0 || translations < 0)
            throw new IllegalArgumentException("cycle sizes must be ≥ 0");
        if (sys.frozen() != null)
            throw new IllegalArgumentException("frozen atoms are not supported in hybrid GCMC–MD (indices change on exchange)");
        this.mc = mc;
        this.sys = sys;
        this.integ = integ;
        this.mdSteps = mdSteps;
        this.exchanges = exchanges;
        this.translations = translations;
        guard.setReferenceTemperature(mc.temperature());
    }

    public HybridGcmcMd guard(DivergenceGuard g) { guard = g; g.setReferenceTemperature(mc.temperature()); return this; }
    /** Streams one CSV line per cycle to this file (appends when resuming). */
    public HybridGcmcMd traceCsv(Path p) { traceCsv = p; return this; }
    /** Writes a checkpoint every {@code every} cycles (0: never). */
    public HybridGcmcMd checkpoint(Path file, int every) { checkpointFile = file; checkpointEvery = every; return this; }
    public HybridGcmcMd progress(Progress p) { progress = p == null ? Progress.NONE : p; return this; }
    /** Marks the run as resumed: trace lines are appended to the existing file. */
    public HybridGcmcMd resumed() { append = true; return this; }

    public Gcmc gcmc() { return mc; }
    public MdSystem md() { return sys; }

    /** CSV header of the trace. */
    public String csvHeader() {
        StringBuilder b = new StringBuilder("cycle,md_step,time_ps");
        for (ExchangeSpecies sp : mc.species()) b.append(",N_Z").append(sp.atomicNumber());
        b.append(",N_total,energy_eV,volume_A3,a_A,b_A,c_A,alpha_deg,beta_deg,gamma_deg,temperature_K,pressure_bar,"
                + "acc_insertion,acc_deletion,acc_translation,max_displacement_A");
        return b.toString();
    }

    /** Runs until the MC cycle counter reaches {@code untilCycle}. */
    public void runUntil(long untilCycle) {
        BufferedWriter csv = openCsv();
        try {
            long first = mc.cycle();
            while (mc.cycle() < untilCycle) {
                if (progress.isCancelled()) {
                    progress.log("hybrid GCMC–MD cancelled at cycle " + mc.cycle());
                    break;
                }
                cycle();
                writeLine(csv);
                if (checkpointEvery > 0 && checkpointFile != null && mc.cycle() % checkpointEvery == 0) writeCheckpoint(checkpointFile);
                progress.update(mc.cycle() - first, untilCycle - first, String.format(Locale.ROOT,
                        "cycle %d: N = %d, U = %.4f eV, V = %.2f Å³", mc.cycle(), mc.structure().size(), mc.energy(),
                        mc.structure().cell().volume()));
            }
        } finally {
            if (csv != null) {
                try { csv.close(); } catch (IOException e) { throw new UncheckedIOException(e); }
            }
        }
    }

    /** One cycle: K MD steps, then X exchange and M translation attempts. */
    public void cycle() {
        byte[] good = checkpointBytes();
        Structure s = sys.structure();
        // fresh potential caches and forces for the current N; degrees of freedom and extended masses for the new N
        sys.potential().resetCaches();
        sys.setFrozen(null);
        sys.computeForces();
        integ.setup(sys);
        try {
            guard.check(sys, true);
            for (int k = 0; k < mdSteps; k++) {
                integ.step(sys);
                sys.setStep(sys.step() + 1);
                guard.check(sys, sys.step() % guard.every() == 0);
            }
        } catch (DivergenceException e) {
            restoreFromBytes(good);
            if (checkpointFile != null) {
                Path p = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".lastgood");
                AtomicFiles.writeBytes(p, os -> os.write(good));
                progress.log("MD diverged: " + e.getMessage() + "; last good state (cycle " + mc.cycle() + ") saved to " + p);
            }
            throw e;
        }
        mc.resync(mdSteps > 0 ? sys.potentialEnergy() : Double.NaN);
        if (!Double.isFinite(mc.energy()))
            throw new ScaleBridgeException("energy is " + mc.energy() + " after the MD segment of cycle " + (mc.cycle() + 1));
        mc.cycle(exchanges, translations);
        if (s.size() > 0) sys.setFrozen(null);
    }

    private void writeLine(BufferedWriter csv) {
        if (csv == null) return;
        Structure s = sys.structure();
        sys.setFrozen(null);
        sys.computeForces();
        sys.pressureTensor(ptens);
        double p = (ptens[0] + ptens[4] + ptens[8]) / 3 * Units.BAR_PER_EV_A3;
        double[] par = s.cell().parameters();
        MoveStats st = mc.stats();
        StringBuilder b = new StringBuilder();
        b.append(mc.cycle()).append(',').append(sys.step()).append(',').append(fmt(sys.time()));
        for (int c : mc.counts()) b.append(',').append(c);
        b.append(',').append(s.size()).append(',').append(fmt(mc.energy())).append(',').append(fmt(s.cell().volume()));
        for (double x : par) b.append(',').append(fmt(x));
        b.append(',').append(fmt(sys.temperature())).append(',').append(fmt(p));
        b.append(',').append(fmt(st.acceptance(MoveStats.Type.INSERTION)))
                .append(',').append(fmt(st.acceptance(MoveStats.Type.DELETION)))
                .append(',').append(fmt(st.acceptance(MoveStats.Type.TRANSLATION)))
                .append(',').append(fmt(mc.maxDisplacement()));
        try {
            csv.write(b.toString());
            csv.newLine();
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write trace " + traceCsv + ": " + e.getMessage(), e);
        }
    }

    private static String fmt(double x) { return String.format(Locale.ROOT, "%.10g", x); }

    private BufferedWriter openCsv() {
        if (traceCsv == null) return null;
        try {
            Path dir = traceCsv.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            boolean exists = Files.exists(traceCsv) && Files.size(traceCsv) > 0;
            BufferedWriter w = Files.newBufferedWriter(traceCsv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!append || !exists) { w.write(csvHeader()); w.newLine(); }
            append = true;
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open trace file " + traceCsv + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /** MD part of the checkpoint: step counter, time step and the integrator's state. */
    private byte[] mdExtra() {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            out.writeUTF(integ.name());
            out.writeLong(sys.step());
            out.writeDouble(sys.dt());
            integ.writeState(out);
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores the MD part written by a checkpoint (the integrator must be configured as in the original run). */
    public void restoreMd(byte[] extra) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(extra));
            String name = in.readUTF();
            if (!name.equals(integ.name()))
                throw new ScaleBridgeException("checkpoint was written with integrator " + name + ", not " + integ.name());
            sys.setStep(in.readLong());
            sys.setDt(in.readDouble());
            sys.setFrozen(null);
            sys.computeForces();
            integ.setup(sys);
            integ.readState(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a checkpoint (atomically). */
    public void writeCheckpoint(Path file) {
        GcmcCheckpoint.write(file, sys.structure(), mc.engineState(), mdExtra());
    }

    private byte[] checkpointBytes() {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            GcmcCheckpoint.writeStructure(out, sys.structure());
            byte[] md = mdExtra();
            out.writeInt(md.length);
            out.write(md);
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the structure and the MD state of {@code bytes} back into the live objects (after a divergence). */
    private void restoreFromBytes(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            Structure good = GcmcCheckpoint.readStructure(in);
            Structure s = sys.structure();
            while (s.size() > good.size()) s.removeAtomSwapLast(s.size() - 1);
            s.setCell(good.cell());
            int n = good.size();
            for (int i = 0; i < n; i++) {
                if (i < s.size()) {
                    s.setAtomicNumber(i, good.atomicNumbers()[i]);
                    s.setMass(i, good.masses()[i]);
                    s.setPosition(i, good.x(i), good.y(i), good.z(i));
                } else {
                    s.addAtom(good.atomicNumbers()[i], good.x(i), good.y(i), good.z(i), good.masses()[i]);
                }
            }
            System.arraycopy(good.images(), 0, s.images(), 0, 3 * n);
            if (good.hasVelocities()) System.arraycopy(good.velocities(), 0, s.ensureVelocities(), 0, 3 * n);
            if (good.hasCharges()) System.arraycopy(good.charges(), 0, s.ensureCharges(), 0, n);
            byte[] md = new byte[in.readInt()];
            in.readFully(md);
            sys.potential().resetCaches();
            restoreMd(md);
            mc.resync(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
