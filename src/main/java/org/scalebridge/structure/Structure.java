package org.scalebridge.structure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.scalebridge.core.Units;

/**
 * A periodic atomic structure (one frame). Structure-of-arrays storage for the hot loops: positions, velocities,
 * forces and image counters are flat {@code double[]}/{@code int[]} of length 3·capacity (x0,y0,z0,x1,…); atomic
 * numbers, masses and charges are per-atom arrays. Arrays may be longer than {@link #size()} (spare capacity for
 * Monte Carlo insertions); only the first n atoms are meaningful.
 *
 * <p>Conventions: Cartesian Å; velocities Å/ps; masses amu; charges e. Per-frame results: energy (eV), forces
 * (eV/Å, −∂E/∂r), virial W_ab = Σ r_a f_b (eV; positive = compressive, as LAMMPS and MLIP's PlusStress).
 * {@link #stressGPa()} derives the tensile-positive Cauchy stress σ = −W/V.
 *
 * <p>Image counters record how many cell vectors an atom was shifted by when wrapped, so that the unwrapped
 * position is r + n·H (needed for MSD).
 */
public final class Structure {
    private Cell cell;
    private int n;
    private int[] z;
    private double[] mass;
    private double[] pos;
    private int[] image;
    private double[] vel;       // nullable
    private double[] charge;    // nullable
    private final Map<String, PerAtomArray> arrays = new LinkedHashMap<>();

    // per-frame results and metadata
    private Double energy;
    private double[] forces;    // nullable, 3n
    private double[] virial;    // nullable, 9 (row-major)
    private final Map<String, Object> info = new LinkedHashMap<>();

    public Structure(Cell cell, int capacity) {
        this.cell = cell;
        int c = Math.max(capacity, 1);
        z = new int[c];
        mass = new double[c];
        pos = new double[3 * c];
        image = new int[3 * c];
    }

    public Structure(Cell cell) { this(cell, 16); }

    // ---------------------------------------------------------------- atoms

    public int size() { return n; }

    public Cell cell() { return cell; }

    public void setCell(Cell cell) { this.cell = cell; }

    /**
     * Changes the cell and maps every atom affinely with it (fractional coordinates kept), as a barostat or a
     * strain does.
     */
    public void setCellScaled(Cell newCell) {
        double[] f = new double[3], r = new double[3];
        for (int i = 0; i < n; i++) {
            r[0] = pos[3 * i]; r[1] = pos[3 * i + 1]; r[2] = pos[3 * i + 2];
            cell.toFractional(r, f);
            newCell.toCartesian(f, r);
            pos[3 * i] = r[0]; pos[3 * i + 1] = r[1]; pos[3 * i + 2] = r[2];
        }
        this.cell = newCell;
    }

    /** Appends an atom with the element's standard mass; returns its index. */
    public int addAtom(int atomicNumber, double x, double y, double zc) {
        return addAtom(atomicNumber, x, y, zc, Elements.mass(atomicNumber));
    }

    public int addAtom(int atomicNumber, double x, double y, double zc, double m) {
        ensureCapacity(n + 1);
        int i = n++;
        z[i] = atomicNumber;
        mass[i] = m;
        pos[3 * i] = x; pos[3 * i + 1] = y; pos[3 * i + 2] = zc;
        image[3 * i] = 0; image[3 * i + 1] = 0; image[3 * i + 2] = 0;
        if (vel != null) { vel[3 * i] = 0; vel[3 * i + 1] = 0; vel[3 * i + 2] = 0; }
        if (charge != null) charge[i] = 0;
        if (forces != null) { forces[3 * i] = 0; forces[3 * i + 1] = 0; forces[3 * i + 2] = 0; }
        for (PerAtomArray a : arrays.values()) a.clearAtom(i);
        return i;
    }

    public int addAtom(String symbol, double x, double y, double zc) {
        return addAtom(Elements.bySymbol(symbol).z(), x, y, zc);
    }

    /**
     * Removes atom i in O(1) by moving the last atom into its slot (indices of other atoms are kept except the
     * last one's, which becomes i). Returns the old index of the atom now at i (or -1 if i was last).
     */
    public int removeAtomSwapLast(int i) {
        checkIndex(i);
        int last = n - 1;
        if (i != last) {
            moveAtom(last, i);
        }
        n--;
        return i != last ? last : -1;
    }

    /** Removes the atoms flagged in {@code remove} (length ≥ size), keeping the order of the others. */
    public void removeAtoms(boolean[] remove) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (!remove[i]) {
                if (w != i) moveAtom(i, w);
                w++;
            }
        }
        n = w;
    }

    /** Keeps only atoms whose index is listed (in the given order). */
    public Structure select(int[] indices) {
        Structure s = new Structure(cell, indices.length);
        if (vel != null) s.ensureVelocities();
        if (charge != null) s.ensureCharges();
        for (PerAtomArray a : arrays.values()) s.arrays.put(a.name(), new PerAtomArray(a.name(), a.type(), a.components(), indices.length));
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            checkIndex(i);
            int j = s.addAtom(z[i], pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], mass[i]);
            System.arraycopy(image, 3 * i, s.image, 3 * j, 3);
            if (vel != null) System.arraycopy(vel, 3 * i, s.vel, 3 * j, 3);
            if (charge != null) s.charge[j] = charge[i];
            for (PerAtomArray a : arrays.values()) {
                PerAtomArray b = s.arrays.get(a.name());
                copyBetween(a, i, b, j);
            }
        }
        s.info.putAll(info);
        return s;
    }

    private static void copyBetween(PerAtomArray a, int i, PerAtomArray b, int j) {
        int c = a.components();
        switch (a.type()) {
            case REAL -> System.arraycopy(a.reals(), i * c, b.reals(), j * c, c);
            case INT -> System.arraycopy(a.ints(), i * c, b.ints(), j * c, c);
            case STRING -> System.arraycopy(a.strings(), i * c, b.strings(), j * c, c);
            case LOGICAL -> System.arraycopy(a.logicals(), i * c, b.logicals(), j * c, c);
        }
    }

    private void moveAtom(int from, int to) {
        z[to] = z[from];
        mass[to] = mass[from];
        System.arraycopy(pos, 3 * from, pos, 3 * to, 3);
        System.arraycopy(image, 3 * from, image, 3 * to, 3);
        if (vel != null) System.arraycopy(vel, 3 * from, vel, 3 * to, 3);
        if (charge != null) charge[to] = charge[from];
        if (forces != null) System.arraycopy(forces, 3 * from, forces, 3 * to, 3);
        for (PerAtomArray a : arrays.values()) a.copyAtom(from, to);
    }

    public void ensureCapacity(int atoms) {
        if (z.length >= atoms) return;
        int c = Math.max(atoms, z.length * 3 / 2 + 8);
        z = Arrays.copyOf(z, c);
        mass = Arrays.copyOf(mass, c);
        pos = Arrays.copyOf(pos, 3 * c);
        image = Arrays.copyOf(image, 3 * c);
        if (vel != null) vel = Arrays.copyOf(vel, 3 * c);
        if (charge != null) charge = Arrays.copyOf(charge, c);
        if (forces != null) forces = Arrays.copyOf(forces, 3 * c);
        for (PerAtomArray a : arrays.values()) a.ensureCapacity(c);
    }

    public int capacity() { return z.length; }

    private void checkIndex(int i) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException("atom " + i + " of " + n);
    }

    // ---------------------------------------------------------------- raw arrays (hot loops)

    /** Atomic numbers, length ≥ n. */
    public int[] atomicNumbers() { return z; }
    /** Masses (amu), length ≥ n. */
    public double[] masses() { return mass; }
    /** Positions x0,y0,z0,x1,… (Å), length ≥ 3n. */
    public double[] positions() { return pos; }
    /** Image counters, length ≥ 3n. */
    public int[] images() { return image; }
    /** Velocities (Å/ps) or null. */
    public double[] velocities() { return vel; }
    /** Charges (e) or null. */
    public double[] charges() { return charge; }

    /** Allocates velocities (zero) if absent and returns them. */
    public double[] ensureVelocities() {
        if (vel == null) vel = new double[3 * z.length];
        return vel;
    }

    public double[] ensureCharges() {
        if (charge == null) charge = new double[z.length];
        return charge;
    }

    public void clearVelocities() { vel = null; }

    public boolean hasVelocities() { return vel != null; }

    public boolean hasCharges() { return charge != null; }

    // ---------------------------------------------------------------- single-atom accessors

    public int atomicNumber(int i) { checkIndex(i); return z[i]; }
    public String symbol(int i) { return Elements.symbol(atomicNumber(i)); }
    public double mass(int i) { checkIndex(i); return mass[i]; }
    public double x(int i) { return pos[3 * i]; }
    public double y(int i) { return pos[3 * i + 1]; }
    public double z(int i) { return pos[3 * i + 2]; }

    public void setPosition(int i, double x, double y, double zc) {
        checkIndex(i);
        pos[3 * i] = x; pos[3 * i + 1] = y; pos[3 * i + 2] = zc;
    }

    public void setMass(int i, double m) { checkIndex(i); mass[i] = m; }

    public void setAtomicNumber(int i, int atomicNumber) { checkIndex(i); z[i] = atomicNumber; }

    // ---------------------------------------------------------------- named per-atom arrays

    public Map<String, PerAtomArray> arrays() { return Collections.unmodifiableMap(arrays); }

    public PerAtomArray array(String name) { return arrays.get(name); }

    /** Adds (or returns the existing compatible) named per-atom array. */
    public PerAtomArray addArray(String name, PerAtomArray.Type type, int components) {
        PerAtomArray a = arrays.get(name);
        if (a != null) {
            if (a.type() != type || a.components() != components) {
                throw new IllegalArgumentException("array " + name + " exists with another type/shape");
            }
            return a;
        }
        a = new PerAtomArray(name, type, components, z.length);
        arrays.put(name, a);
        return a;
    }

    public void removeArray(String name) { arrays.remove(name); }

    // ---------------------------------------------------------------- per-frame results

    /** Potential energy (eV) or null if not computed/read. */
    public Double energy() { return energy; }
    public void setEnergy(Double e) { energy = e; }

    /** Forces (eV/Å), 3n, or null. */
    public double[] forces() { return forces; }
    public void setForces(double[] f) { forces = f; }

    public double[] ensureForces() {
        if (forces == null || forces.length < 3 * z.length) {
            forces = forces == null ? new double[3 * z.length] : Arrays.copyOf(forces, 3 * z.length);
        }
        return forces;
    }

    /** Virial W (eV, 3×3 row-major, positive = compressive) or null. */
    public double[] virial() { return virial; }
    public void setVirial(double[] w) { virial = w == null ? null : w.clone(); }

    /** Cauchy stress in GPa (tensile positive), σ = −W/V, or null when no virial is known. */
    public double[] stressGPa() {
        if (virial == null) return null;
        double[] s = new double[9];
        double v = cell.volume();
        for (int k = 0; k < 9; k++) s[k] = -Units.evPerA3ToGPa(virial[k] / v);
        return s;
    }

    /** Sets the virial from a tensile-positive stress in eV/Å³ (ASE convention). */
    public void setStressEvPerA3(double[] stress) {
        double v = cell.volume();
        double[] w = new double[9];
        for (int k = 0; k < 9; k++) w[k] = -stress[k] * v;
        virial = w;
    }

    /** Free key=value metadata of the frame (strings, numbers, booleans, arrays). */
    public Map<String, Object> info() { return info; }

    // ---------------------------------------------------------------- geometry

    /** Wraps every atom into the cell along periodic directions, updating image counters. */
    public void wrap() {
        for (int i = 0; i < n; i++) wrapAtom(i);
    }

    /** Wraps atom i into [0,1) fractional along periodic directions and counts the shift in its image counter. */
    public void wrapAtom(int i) {
        double x = pos[3 * i], y = pos[3 * i + 1], zc = pos[3 * i + 2];
        double fa = cell.fracX(x, y, zc), fb = cell.fracY(x, y, zc), fc = cell.fracZ(x, y, zc);
        int sa = cell.periodic(0) ? (int) Math.floor(fa) : 0;
        int sb = cell.periodic(1) ? (int) Math.floor(fb) : 0;
        int sc = cell.periodic(2) ? (int) Math.floor(fc) : 0;
        if (sa == 0 && sb == 0 && sc == 0) return;
        fa -= sa; fb -= sb; fc -= sc;
        // guard the [0,1) interval against round-off at exactly 1
        // (only along periodic directions: a non-periodic coordinate is left as it is)
        if (cell.periodic(0) && fa >= 1.0) fa = 0.0;
        if (cell.periodic(1) && fb >= 1.0) fb = 0.0;
        if (cell.periodic(2) && fc >= 1.0) fc = 0.0;
        double[] h = cell.matrix();
        pos[3 * i] = fa * h[0] + fb * h[3] + fc * h[6];
        pos[3 * i + 1] = fa * h[1] + fb * h[4] + fc * h[7];
        pos[3 * i + 2] = fa * h[2] + fb * h[5] + fc * h[8];
        image[3 * i] += sa; image[3 * i + 1] += sb; image[3 * i + 2] += sc;
    }

    /** Unwrapped position r + n·H of atom i into out[0..2]. */
    public void unwrapped(int i, double[] out) {
        double na = image[3 * i], nb = image[3 * i + 1], nc = image[3 * i + 2];
        out[0] = pos[3 * i] + na * cell.get(0, 0) + nb * cell.get(1, 0) + nc * cell.get(2, 0);
        out[1] = pos[3 * i + 1] + na * cell.get(0, 1) + nb * cell.get(1, 1) + nc * cell.get(2, 1);
        out[2] = pos[3 * i + 2] + na * cell.get(0, 2) + nb * cell.get(1, 2) + nc * cell.get(2, 2);
    }

    /** Replaces positions by unwrapped ones and zeroes the image counters. */
    public void unwrap() {
        double[] r = new double[3];
        for (int i = 0; i < n; i++) {
            unwrapped(i, r);
            pos[3 * i] = r[0]; pos[3 * i + 1] = r[1]; pos[3 * i + 2] = r[2];
            image[3 * i] = image[3 * i + 1] = image[3 * i + 2] = 0;
        }
    }

    /** Minimum-image distance between atoms i and j (Å). */
    public double distance(int i, int j) {
        double[] d = {pos[3 * j] - pos[3 * i], pos[3 * j + 1] - pos[3 * i + 1], pos[3 * j + 2] - pos[3 * i + 2]};
        return Math.sqrt(cell.minimumImage(d));
    }

    /** Minimum-image displacement r_j − r_i into out; returns its length. */
    public double displacement(int i, int j, double[] out) {
        out[0] = pos[3 * j] - pos[3 * i];
        out[1] = pos[3 * j + 1] - pos[3 * i + 1];
        out[2] = pos[3 * j + 2] - pos[3 * i + 2];
        return Math.sqrt(cell.minimumImage(out));
    }

    /** Angle i–j–k at j in degrees, with minimum-image bond vectors. */
    public double angle(int i, int j, int k) {
        double[] a = new double[3], b = new double[3];
        displacement(j, i, a);
        displacement(j, k, b);
        double c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2])
                / Math.sqrt((a[0] * a[0] + a[1] * a[1] + a[2] * a[2]) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** Fractional coordinates of atom i. */
    public double[] fractional(int i) {
        double[] f = new double[3];
        cell.toFractional(new double[] {pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]}, f);
        return f;
    }

    public void setFractional(int i, double fa, double fb, double fc) {
        double[] r = new double[3];
        cell.toCartesian(new double[] {fa, fb, fc}, r);
        setPosition(i, r[0], r[1], r[2]);
    }

    // ---------------------------------------------------------------- composition

    /** Element symbol → count, ordered by atomic number. */
    public Map<String, Integer> composition() {
        TreeMap<Integer, Integer> byZ = new TreeMap<>();
        for (int i = 0; i < n; i++) byZ.merge(z[i], 1, Integer::sum);
        Map<String, Integer> out = new LinkedHashMap<>();
        byZ.forEach((k, v) -> out.put(Elements.symbol(k), v));
        return out;
    }

    public int count(int atomicNumber) {
        int c = 0;
        for (int i = 0; i < n; i++) if (z[i] == atomicNumber) c++;
        return c;
    }

    /** Chemical formula in Hill-like order (by atomic number here), e.g. "C24N24Na8Mn4Fe4". */
    public String formula() {
        StringBuilder sb = new StringBuilder();
        composition().forEach((s, c) -> sb.append(s).append(c == 1 ? "" : c.toString()));
        return sb.toString();
    }

    public double totalMass() {
        double m = 0;
        for (int i = 0; i < n; i++) m += mass[i];
        return m;
    }

    /** Mass density in g/cm³. */
    public double density() { return Units.densityGPerCm3(totalMass(), cell.volume()); }

    // ---------------------------------------------------------------- copies

    /** Deep copy, including velocities, charges, arrays, results and metadata. */
    public Structure copy() {
        Structure s = new Structure(cell, Math.max(n, 1));
        s.n = n;
        System.arraycopy(z, 0, s.z, 0, n);
        System.arraycopy(mass, 0, s.mass, 0, n);
        System.arraycopy(pos, 0, s.pos, 0, 3 * n);
        System.arraycopy(image, 0, s.image, 0, 3 * n);
        if (vel != null) { s.ensureVelocities(); System.arraycopy(vel, 0, s.vel, 0, 3 * n); }
        if (charge != null) { s.ensureCharges(); System.arraycopy(charge, 0, s.charge, 0, n); }
        for (PerAtomArray a : arrays.values()) s.arrays.put(a.name(), a.copy(Math.max(n, 1)));
        s.energy = energy;
        if (forces != null) s.forces = Arrays.copyOf(forces, 3 * Math.max(n, 1));
        s.virial = virial == null ? null : virial.clone();
        s.info.putAll(info);
        return s;
    }

    /**
     * Supercell H' = M·H (M integer, row-major, det ≠ 0). Atoms of the original are replicated over every lattice
     * point of the original lattice inside the new cell (works for non-diagonal M too). Per-frame results are
     * dropped; velocities, charges and arrays are replicated.
     */
    public Structure supercell(int[] m) {
        long det = (long) m[0] * ((long) m[4] * m[8] - (long) m[5] * m[7])
                - (long) m[1] * ((long) m[3] * m[8] - (long) m[5] * m[6])
                + (long) m[2] * ((long) m[3] * m[7] - (long) m[4] * m[6]);
        if (det == 0) throw new IllegalArgumentException("supercell matrix is singular");
        Cell nc = cell.supercell(m);
        int copies = (int) Math.abs(det);
        Structure s = new Structure(nc, Math.max(1, n * copies));
        if (vel != null) s.ensureVelocities();
        if (charge != null) s.ensureCharges();
        for (PerAtomArray a : arrays.values()) s.arrays.put(a.name(), new PerAtomArray(a.name(), a.type(), a.components(), n * copies));
        // range of lattice translations to scan: bounding box of the 8 corners of M in lattice coordinates
        int[] lo = {0, 0, 0}, hi = {0, 0, 0};
        for (int c = 0; c < 8; c++) {
            for (int d = 0; d < 3; d++) {
                int v = ((c & 1) != 0 ? m[d] : 0) + ((c & 2) != 0 ? m[3 + d] : 0) + ((c & 4) != 0 ? m[6 + d] : 0);
                lo[d] = Math.min(lo[d], v);
                hi[d] = Math.max(hi[d], v);
            }
        }
        double[] r = new double[3], f = new double[3], g = new double[3];
        double eps = 1e-9;
        // wrap the original atoms into their own cell first so that each lattice point gives exactly one copy
        double[] frac = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] fi = fractional(i);
            for (int d = 0; d < 3; d++) frac[3 * i + d] = fi[d] - Math.floor(fi[d]);
        }
        for (int ta = lo[0]; ta <= hi[0]; ta++) {
            for (int tb = lo[1]; tb <= hi[1]; tb++) {
                for (int tc = lo[2]; tc <= hi[2]; tc++) {
                    for (int i = 0; i < n; i++) {
                        g[0] = frac[3 * i] + ta; g[1] = frac[3 * i + 1] + tb; g[2] = frac[3 * i + 2] + tc;
                        cell.toCartesian(g, r);
                        nc.toFractional(r, f);
                        if (f[0] < -eps || f[0] >= 1 - eps || f[1] < -eps || f[1] >= 1 - eps || f[2] < -eps || f[2] >= 1 - eps) continue;
                        int j = s.addAtom(z[i], r[0], r[1], r[2], mass[i]);
                        if (vel != null) System.arraycopy(vel, 3 * i, s.vel, 3 * j, 3);
                        if (charge != null) s.charge[j] = charge[i];
                        for (PerAtomArray a : arrays.values()) copyBetween(a, i, s.arrays.get(a.name()), j);
                    }
                }
            }
        }
        if (s.n != n * copies) {
            throw new IllegalStateException("supercell produced " + s.n + " atoms, expected " + n * copies);
        }
        s.info.putAll(info);
        return s;
    }

    /** Diagonal supercell na×nb×nc. */
    public Structure repeat(int na, int nb, int nc) {
        return supercell(new int[] {na, 0, 0, 0, nb, 0, 0, 0, nc});
    }

    @Override
    public String toString() {
        return "Structure[" + formula() + ", " + n + " atoms, " + cell + "]";
    }
}
