package org.scalebridge.md;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Versioned binary MD checkpoint: the full dynamical state (cell, atoms, positions, image counters, velocities,
 * charges, frozen mask, forces/energy/virial of the current positions, step, dt) plus the integrator's own state
 * (thermostat/barostat variables and random streams), closed by a CRC-32. Written atomically (temp file + rename).
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): magic "SBMDCKPT", int version, UTF integrator name, long step,
 * double dt, int n, 9 doubles cell, 3 booleans pbc, n ints Z, n doubles mass, 3n doubles r, 3n ints image,
 * 3n doubles v, boolean hasCharges [+ n doubles], boolean hasFrozen [+ n booleans], double energy, 3n doubles
 * forces, 9 doubles virial, int length + integrator state bytes, long CRC-32 of everything before it.
 */
public final class Checkpoint {
    /** Current format version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "SBMDCKPT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Checkpoint() {}

    /** Serialises the state of a system and its integrator. */
    public static byte[] toBytes(MdSystem sys, Integrator integ) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(1024 + 100 * sys.structure().size());
            DataOutputStream out = new DataOutputStream(bos);
            Structure s = sys.structure();
            int n = s.size();
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(integ.name());
            out.writeLong(sys.step());
            out.writeDouble(sys.dt());
            out.writeInt(n);
            for (double x : s.cell().matrix()) out.writeDouble(x);
            for (boolean b : s.cell().pbc()) out.writeBoolean(b);
            int[] z = s.atomicNumbers(), im = s.images();
            double[] m = s.masses(), r = s.positions(), v = s.velocities();
            for (int i = 0; i < n; i++) out.writeInt(z[i]);
            for (int i = 0; i < n; i++) out.writeDouble(m[i]);
            for (int k = 0; k < 3 * n; k++) out.writeDouble(r[k]);
            for (int k = 0; k < 3 * n; k++) out.writeInt(im[k]);
            for (int k = 0; k < 3 * n; k++) out.writeDouble(v[k]);
            out.writeBoolean(s.hasCharges());
            if (s.hasCharges()) for (int i = 0; i < n; i++) out.writeDouble(s.charges()[i]);
            boolean[] fr = sys.frozen();
            out.writeBoolean(fr != null);
            if (fr != null) for (int i = 0; i < n; i++) out.writeBoolean(fr[i]);
            out.writeDouble(sys.potentialEnergy());
            double[] f = sys.forces();
            for (int k = 0; k < 3 * n; k++) out.writeDouble(f[k]);
            for (double w : sys.virial()) out.writeDouble(w);
            ByteArrayOutputStream ib = new ByteArrayOutputStream();
            DataOutputStream io = new DataOutputStream(ib);
            integ.writeState(io);
            io.flush();
            out.writeInt(ib.size());
            ib.writeTo(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bos.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a checkpoint atomically. */
    public static void write(Path file, MdSystem sys, Integrator integ) {
        byte[] b = toBytes(sys, integ);
        AtomicFiles.writeBytes(file, os -> os.write(b));
    }

    /** A checkpoint read back: the structure (with velocities) and what is needed to rebuild the run. */
    public static final class State {
        public final Structure structure;
        public final String integratorName;
        public final long step;
        public final double dt;
        final boolean[] frozen;
        final double energy;
        final double[] forces, virial;
        final byte[] integratorState;

        State(Structure s, String name, long step, double dt, boolean[] frozen, double energy, double[] forces,
              double[] virial, byte[] integ) {
            this.structure = s; this.integratorName = name; this.step = step; this.dt = dt; this.frozen = frozen;
            this.energy = energy; this.forces = forces; this.virial = virial; this.integratorState = integ;
        }

        /**
         * Rebuilds the system for a resumed run: restores forces, step, frozen atoms and the integrator state
         * (after {@link Integrator#setup}). The integrator must be configured as in the original run.
         */
        public MdSystem restore(org.scalebridge.potential.Potential potential, Integrator integ) {
            if (!integ.name().equals(integratorName)) {
                throw InputException.field("checkpoint", "integrator", "checkpoint was written by integrator '"
                        + integratorName + "' but the run configures '" + integ.name() + "'");
            }
            potential.resetCaches();
            MdSystem sys = new MdSystem(structure, potential, dt);
            sys.setFrozen(frozen);
            sys.setStep(step);
            ForceResult fr = sys.forceResult();
            fr.reset(structure.size());
            fr.setEnergy(energy);
            System.arraycopy(forces, 0, fr.forces(), 0, forces.length);
            System.arraycopy(virial, 0, fr.virial(), 0, 9);
            sys.markForcesValid();
            integ.setup(sys);
            try {
                integ.readState(new DataInputStream(new ByteArrayInputStream(integratorState)));
            } catch (IOException e) {
                throw InputException.field("checkpoint", "integrator state", e.getMessage());
            }
            return sys;
        }
    }

    /** Reads a checkpoint file, checking magic, version and CRC. */
    public static State read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + file + ": " + e.getMessage(), e);
        }
        return fromBytes(all, file.toString());
    }

    /** Parses checkpoint bytes (source names the origin in error messages). */
    public static State fromBytes(byte[] all, String source) {
        if (all.length < MAGIC.length + 12) throw InputException.at(source, 0, "not a ScaleBridge MD checkpoint (too short)");
        for (int k = 0; k < MAGIC.length; k++) {
            if (all[k] != MAGIC[k]) throw InputException.at(source, 0, "not a ScaleBridge MD checkpoint (bad magic)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) throw InputException.at(source, 0, "checkpoint is corrupt (CRC mismatch)");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - MAGIC.length - 8))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw InputException.at(source, 0, "checkpoint format version " + version + " is not supported (expected " + VERSION + ")");
            }
            String name = in.readUTF();
            long step = in.readLong();
            double dt = in.readDouble();
            int n = in.readInt();
            double[] h = new double[9];
            for (int k = 0; k < 9; k++) h[k] = in.readDouble();
            boolean[] pbc = {in.readBoolean(), in.readBoolean(), in.readBoolean()};
            Structure s = new Structure(Cell.ofRowMajor(h, pbc), Math.max(n, 1));
            int[] z = new int[n];
            double[] m = new double[n];
            for (int i = 0; i < n; i++) z[i] = in.readInt();
            for (int i = 0; i < n; i++) m[i] = in.readDouble();
            for (int i = 0; i < n; i++) s.addAtom(z[i], 0, 0, 0, m[i]);
            double[] r = s.positions(), v = s.ensureVelocities();
            int[] im = s.images();
            for (int k = 0; k < 3 * n; k++) r[k] = in.readDouble();
            for (int k = 0; k < 3 * n; k++) im[k] = in.readInt();
            for (int k = 0; k < 3 * n; k++) v[k] = in.readDouble();
            if (in.readBoolean()) {
                double[] q = s.ensureCharges();
                for (int i = 0; i < n; i++) q[i] = in.readDouble();
            }
            boolean[] frozen = null;
            if (in.readBoolean()) {
                frozen = new boolean[n];
                for (int i = 0; i < n; i++) frozen[i] = in.readBoolean();
            }
            double e = in.readDouble();
            double[] f = new double[3 * n];
            for (int k = 0; k < 3 * n; k++) f[k] = in.readDouble();
            double[] w = new double[9];
            for (int k = 0; k < 9; k++) w[k] = in.readDouble();
            byte[] is = new byte[in.readInt()];
            in.readFully(is);
            return new State(s, name, step, dt, frozen, e, f, w, is);
        } catch (IOException e) {
            throw InputException.at(source, 0, "checkpoint is truncated: " + e.getMessage());
        }
    }
}
