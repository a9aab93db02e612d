package org.scalebridge.analysis;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * An in-memory trajectory for analysis: a fixed set of atoms with a species/type label each, and per frame the time,
 * the <b>unwrapped</b> Cartesian positions (flat x0,y0,z0,x1,…) and optionally the cell. Any reader (extended XYZ,
 * LAMMPS dump, XDATCAR) or a live run feeds it with {@link #add}; nothing here depends on a file format.
 */
public final class FrameSeries {
    private final int atoms;
    private final int[] types;
    private final double[] masses;
    private final List<double[]> positions = new ArrayList<>();
    private final List<Cell> cells = new ArrayList<>();
    private double[] times = new double[16];

    /**
     * @param types  per-atom type label (atomic number, LAMMPS type, …); length = number of atoms
     * @param masses per-atom masses (amu) for centre-of-mass drift correction, or null for equal weights
     */
    public FrameSeries(int[] types, double[] masses) {
        if (types == null || types.length == 0) throw new IllegalArgumentException("a trajectory needs at least one atom");
        if (masses != null && masses.length != types.length) throw new IllegalArgumentException("masses length ≠ atom count");
        this.atoms = types.length;
        this.types = types.clone();
        this.masses = masses == null ? null : masses.clone();
    }

    /** Appends a frame (positions are copied). Times must increase. */
    public void add(double time, double[] unwrapped, Cell cell) {
        if (unwrapped.length != 3 * atoms)
            throw InputException.field("trajectory", "frame " + positions.size(),
                    "has " + unwrapped.length / 3 + " atoms, expected " + atoms + " (the atom set must not change)");
        int f = positions.size();
        if (f > 0 && !(time > times[f - 1]))
            throw InputException.field("trajectory", "frame " + f, "time " + time + " does not increase (previous " + times[f - 1] + ")");
        if (f == times.length) times = java.util.Arrays.copyOf(times, 2 * f);
        times[f] = time;
        positions.add(unwrapped.clone());
        cells.add(cell);
    }

    /** Appends the unwrapped positions of a structure (image counters applied). */
    public void add(double time, Structure s) {
        double[] buf = new double[3 * s.size()], r = new double[3];
        for (int i = 0; i < s.size(); i++) {
            s.unwrapped(i, r);
            buf[3 * i] = r[0]; buf[3 * i + 1] = r[1]; buf[3 * i + 2] = r[2];
        }
        add(time, buf, s.cell());
    }

    /** A series of the atomic numbers and masses of a structure (no frames yet). */
    public static FrameSeries like(Structure s) {
        return new FrameSeries(java.util.Arrays.copyOf(s.atomicNumbers(), s.size()), java.util.Arrays.copyOf(s.masses(), s.size()));
    }

    public int atoms() { return atoms; }
    public int frames() { return positions.size(); }
    public int[] types() { return types.clone(); }
    public int type(int i) { return types[i]; }
    public double[] masses() { return masses == null ? null : masses.clone(); }
    public double time(int f) { return times[f]; }
    public double[] frame(int f) { return positions.get(f); }
    public Cell cell(int f) { return cells.get(f); }

    /** Indices of the atoms with the given type label, or all atoms when types is empty/null. */
    public int[] select(int... wanted) {
        if (wanted == null || wanted.length == 0) {
            int[] all = new int[atoms];
            for (int i = 0; i < atoms; i++) all[i] = i;
            return all;
        }
        int c = 0;
        int[] out = new int[atoms];
        for (int i = 0; i < atoms; i++) for (int w : wanted) if (types[i] == w) { out[c++] = i; break; }
        return java.util.Arrays.copyOf(out, c);
    }

    /** The constant time step between frames; throws when frames are not evenly spaced (relative 1e-6). */
    public double uniformTimestep() {
        int n = frames();
        if (n < 2) throw InputException.field("trajectory", "frames", "at least two frames are needed, got " + n);
        double dt = (times[n - 1] - times[0]) / (n - 1);
        for (int f = 1; f < n; f++)
            if (Math.abs(times[f] - times[f - 1] - dt) > 1e-6 * Math.abs(dt))
                throw InputException.field("trajectory", "frame " + f,
                        "frames are not evenly spaced in time (Δt = " + (times[f] - times[f - 1]) + ", mean " + dt + "); all-origin averages need a uniform spacing");
        return dt;
    }
}
