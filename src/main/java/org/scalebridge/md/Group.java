package org.scalebridge.md;

import java.util.Arrays;
import org.scalebridge.core.Units;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.Structure;

/**
 * A named selection of atoms (by index, element or a fractional-coordinate slab), used for frozen atoms and for
 * per-group diagnostics such as the group temperature.
 */
public final class Group {
    private final String name;
    private final boolean[] mask;

    private Group(String name, boolean[] mask) {
        this.name = name;
        this.mask = mask;
    }

    /** Every atom of s. */
    public static Group all(Structure s) {
        boolean[] m = new boolean[s.size()];
        Arrays.fill(m, true);
        return new Group("all", m);
    }

    /** Atoms with the given 0-based indices. */
    public static Group ofIndices(String name, Structure s, int... indices) {
        boolean[] m = new boolean[s.size()];
        for (int i : indices) {
            if (i < 0 || i >= s.size()) throw new IllegalArgumentException("atom index " + i + " outside 0.." + (s.size() - 1));
            m[i] = true;
        }
        return new Group(name, m);
    }

    /** Atoms of the given elements (symbols). */
    public static Group ofElements(String name, Structure s, String... symbols) {
        boolean[] m = new boolean[s.size()];
        for (String sym : symbols) {
            int z = Elements.bySymbol(sym).z();
            for (int i = 0; i < s.size(); i++) if (s.atomicNumbers()[i] == z) m[i] = true;
        }
        return new Group(name, m);
    }

    /** Atoms whose wrapped fractional coordinate along axis (0, 1, 2) lies in [lo, hi). */
    public static Group ofSlab(String name, Structure s, int axis, double lo, double hi) {
        boolean[] m = new boolean[s.size()];
        double[] r = s.positions();
        for (int i = 0; i < s.size(); i++) {
            double x = r[3 * i], y = r[3 * i + 1], z = r[3 * i + 2];
            double f = axis == 0 ? s.cell().fracX(x, y, z) : axis == 1 ? s.cell().fracY(x, y, z) : s.cell().fracZ(x, y, z);
            f -= Math.floor(f);
            m[i] = f >= lo && f < hi;
        }
        return new Group(name, m);
    }

    /** Union of two groups. */
    public Group or(Group other) {
        boolean[] m = mask.clone();
        for (int i = 0; i < m.length; i++) m[i] |= other.mask[i];
        return new Group(name + "|" + other.name, m);
    }

    public String name() { return name; }
    public boolean contains(int i) { return mask[i]; }
    public boolean[] mask() { return mask.clone(); }

    public int count() {
        int c = 0;
        for (boolean b : mask) if (b) c++;
        return c;
    }

    /** Kinetic temperature of the group's mobile atoms (K), with 3 degrees of freedom per mobile atom. */
    public double temperature(MdSystem sys) {
        double[] v = sys.structure().velocities(), m = sys.structure().masses();
        double k2 = 0;
        int dof = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i] || sys.isFrozen(i)) continue;
            k2 += m[i] * (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
            dof += 3;
        }
        return dof == 0 ? 0 : Units.MVV2E * k2 / (dof * Units.KB_EV_PER_K);
    }
}
