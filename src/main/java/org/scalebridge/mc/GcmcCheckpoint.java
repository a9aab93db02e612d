package org.scalebridge.mc;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Binary checkpoint of a GCMC run: the structure (cell, atomic numbers, masses, positions, image counters,
 * velocities and charges when present, all as raw IEEE bits) and the engine state (cycle, tracked energy, δ,
 * adaptation window, statistics, exchange-atom order, RNG state). Written atomically; restoring and continuing
 * with the same seed gives bit-identical numbers. Named per-atom arrays of the structure are not stored.
 */
public final class GcmcCheckpoint {
    private static final int MAGIC = 0x5342_4743; // "SBGC"
    private static final int VERSION = 1;

    /** The engine's state apart from the structure. */
    public record EngineState(long cycle, double energy, double maxDisplacement, boolean adapting, long windowAttempts,
            long windowAccepts, long[] stats, int[][] members, long[] rng) {}

    /** A loaded checkpoint. */
    public record Loaded(Structure structure, EngineState state, byte[] extra) {}

    private GcmcCheckpoint() {}

    /** Writes structure + engine state (+ optional opaque extra bytes, e.g. the MD integrator's state). */
    public static void write(Path file, Structure s, EngineState st, byte[] extra) {
        AtomicFiles.writeBytes(file, os -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeStructure(out, s);
            out.writeLong(st.cycle());
            out.writeDouble(st.energy());
            out.writeDouble(st.maxDisplacement());
            out.writeBoolean(st.adapting());
            out.writeLong(st.windowAttempts());
            out.writeLong(st.windowAccepts());
            writeLongs(out, st.stats());
            out.writeInt(st.members().length);
            for (int[] m : st.members()) writeInts(out, m);
            writeLongs(out, st.rng());
            byte[] e = extra == null ? new byte[0] : extra;
            out.writeInt(e.length);
            out.write(e);
            out.flush();
        });
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static Loaded read(Path file) {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream in = new DataInputStream(is);
            if (in.readInt() != MAGIC) throw InputException.at(file, 0, "not a ScaleBridge GCMC checkpoint");
            int v = in.readInt();
            if (v != VERSION) throw InputException.at(file, 0, "unsupported GCMC checkpoint version " + v);
            Structure s = readStructure(in);
            long cycle = in.readLong();
            double energy = in.readDouble();
            double delta = in.readDouble();
            boolean adapting = in.readBoolean();
            long wa = in.readLong(), wc = in.readLong();
            long[] stats = readLongs(in);
            int ns = in.readInt();
            int[][] members = new int[ns][];
            for (int k = 0; k < ns; k++) members[k] = readInts(in);
            long[] rng = readLongs(in);
            byte[] extra = new byte[in.readInt()];
            in.readFully(extra);
            return new Loaded(s, new EngineState(cycle, energy, delta, adapting, wa, wc, stats, members, rng), extra);
        } catch (java.io.EOFException e) {
            throw InputException.at(file, 0, "truncated GCMC checkpoint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeStructure(DataOutputStream out, Structure s) throws IOException {
        double[] h = s.cell().matrix();
        for (double x : h) out.writeDouble(x);
        for (int k = 0; k < 3; k++) out.writeBoolean(s.cell().periodic(k));
        int n = s.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) out.writeInt(s.atomicNumbers()[i]);
        for (int i = 0; i < n; i++) out.writeDouble(s.masses()[i]);
        for (int i = 0; i < 3 * n; i++) out.writeDouble(s.positions()[i]);
        for (int i = 0; i < 3 * n; i++) out.writeInt(s.images()[i]);
        out.writeBoolean(s.hasVelocities());
        if (s.hasVelocities()) for (int i = 0; i < 3 * n; i++) out.writeDouble(s.velocities()[i]);
        out.writeBoolean(s.hasCharges());
        if (s.hasCharges()) for (int i = 0; i < n; i++) out.writeDouble(s.charges()[i]);
    }

    static Structure readStructure(DataInputStream in) throws IOException {
        double[] h = new double[9];
        for (int k = 0; k < 9; k++) h[k] = in.readDouble();
        boolean[] pbc = {in.readBoolean(), in.readBoolean(), in.readBoolean()};
        int n = in.readInt();
        if (n < 0) throw new IOException("negative atom count");
        Structure s = new Structure(Cell.ofRowMajor(h, pbc), Math.max(n, 1));
        int[] z = new int[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) z[i] = in.readInt();
        for (int i = 0; i < n; i++) m[i] = in.readDouble();
        for (int i = 0; i < n; i++) s.addAtom(z[i], 0, 0, 0, m[i]);
        double[] p = s.positions();
        for (int i = 0; i < 3 * n; i++) p[i] = in.readDouble();
        int[] img = s.images();
        for (int i = 0; i < 3 * n; i++) img[i] = in.readInt();
        if (in.readBoolean()) {
            double[] v = s.ensureVelocities();
            for (int i = 0; i < 3 * n; i++) v[i] = in.readDouble();
        }
        if (in.readBoolean()) {
            double[] q = s.ensureCharges();
            for (int i = 0; i < n; i++) q[i] = in.readDouble();
        }
        return s;
    }

    private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long x : a) out.writeLong(x);
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] a = new long[in.readInt()];
        for (int i = 0; i < a.length; i++) a[i] = in.readLong();
        return a;
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int x : a) out.writeInt(x);
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[in.readInt()];
        for (int i = 0; i < a.length; i++) a[i] = in.readInt();
        return a;
    }
}
