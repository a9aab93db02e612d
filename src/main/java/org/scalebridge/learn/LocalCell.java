package org.scalebridge.learn;

import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Local active learning (as in the argyrodite work of Gubaev et al.): instead of sending a whole large box to the
 * reference calculator, the neighbourhood of the atom with the highest extrapolation grade is cut into a small periodic
 * cubic cell of edge 2R centred on that atom. Atoms within the protected core radius keep their exact environment;
 * atoms that the new periodic boundary brings closer than the minimum distance to another atom are removed (the one
 * farther from the centre), never a core atom. The result carries {@code local_center}, {@code local_radius} and
 * {@code parent_atoms} in its info for provenance.
 */
public final class LocalCell {
    private LocalCell() {}

    /** True when the parent cell is wide enough (every perpendicular width ≥ 2R) for a cut without self-overlap. */
    public static boolean fits(Structure s, double radius) {
        Cell c = s.cell();
        double v = c.volume();
        for (int k = 0; k < 3; k++) {
            double[] a = row(c, (k + 1) % 3), b = row(c, (k + 2) % 3);
            double cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2], cz = a[0] * b[1] - a[1] * b[0];
            double width = v / Math.sqrt(cx * cx + cy * cy + cz * cz);
            if (width < 2 * radius) return false;
        }
        return true;
    }

    private static double[] row(Cell c, int i) { return new double[] {c.get(i, 0), c.get(i, 1), c.get(i, 2)}; }

    /**
     * Cuts the cube of half edge {@code radius} around atom {@code center} into a periodic cell.
     *
     * @param core        atoms within this distance of the centre are never removed (Å, &lt; radius)
     * @param minDistance atoms closer than this across the new boundary are removed (Å)
     */
    public static Structure cut(Structure s, int center, double radius, double core, double minDistance) {
        if (!(core < radius)) throw new IllegalArgumentException("core radius must be smaller than the cell radius");
        if (!fits(s, radius)) throw new IllegalArgumentException("parent cell narrower than 2 × radius = " + 2 * radius + " Å");
        int n = s.size();
        double edge = 2 * radius;
        Structure out = new Structure(Cell.orthorhombic(edge, edge, edge), n);
        double[] d = new double[3];
        int[] parent = new int[n];
        double[] r2 = new double[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            double dist = s.displacement(center, j, d); // minimum image: unique because widths ≥ 2R
            if (Math.abs(d[0]) >= radius || Math.abs(d[1]) >= radius || Math.abs(d[2]) >= radius) continue;
            out.addAtom(s.atomicNumber(j), d[0] + radius, d[1] + radius, d[2] + radius, s.mass(j));
            parent[m] = j;
            r2[m] = dist * dist;
            m++;
        }
        // remove boundary clashes: farther-from-centre atom of each too-close pair, core atoms protected
        boolean[] remove = new boolean[m];
        double core2 = core * core, min2 = minDistance * minDistance;
        Cell c = out.cell();
        for (int i = 0; i < m; i++) {
            if (remove[i]) continue;
            for (int j = i + 1; j < m && !remove[i]; j++) {
                if (remove[j]) continue;
                d[0] = out.x(j) - out.x(i); d[1] = out.y(j) - out.y(i); d[2] = out.z(j) - out.z(i);
                if (c.minimumImage(d) >= min2) continue;
                int far = r2[i] >= r2[j] ? i : j, near = far == i ? j : i;
                if (r2[far] < core2) far = r2[near] < core2 ? -1 : near;
                if (far >= 0) remove[far] = true;
            }
        }
        out.removeAtoms(remove);
        out.info().put("local_center", (long) center);
        out.info().put("local_radius", radius);
        out.info().put("parent_atoms", (long) n);
        return out;
    }
}
