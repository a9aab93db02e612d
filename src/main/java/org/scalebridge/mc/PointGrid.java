package org.scalebridge.mc;

import java.util.Arrays;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * An incrementally maintained bin grid over the atoms of a periodic structure, used by Monte Carlo for the
 * insertion overlap test ("is any atom closer than r to this trial point?") in O(1) per query. Bins are
 * parallelepipeds in fractional coordinates, at least {@code radius} wide perpendicular to each face, so a query
 * needs the 27 neighbouring bins (all bins along a direction with fewer than three). Atoms are kept in doubly
 * linked lists per bin, so add, remove (with the structure's swap-last relabelling) and move are O(1).
 *
 * <p>Distances use the exact minimum image of {@link Cell#minimumImage}, so queries are exact for radii up to half
 * the smallest perpendicular cell width.
 */
public final class PointGrid {
    private final double radius;
    private Cell cell;
    private int na, nb, nc;
    private int[] head = new int[0];
    private int[] next = new int[0], prev = new int[0], binOf = new int[0];
    private int n;
    private final double[] d = new double[3];

    /** A grid for queries up to {@code radius} Å, built on the atoms of s. */
    public PointGrid(Structure s, double radius) {
        if (!(radius > 0)) throw new IllegalArgumentException("grid radius must be > 0, got " + radius);
        this.radius = radius;
        rebuild(s);
    }

    public double radius() { return radius; }

    /** Rebuilds from scratch (after MD steps or a cell change). */
    public void rebuild(Structure s) {
        cell = s.cell();
        double[] w = cell.perpendicularWidths();
        na = Math.max(1, (int) Math.floor(w[0] / radius));
        nb = Math.max(1, (int) Math.floor(w[1] / radius));
        nc = Math.max(1, (int) Math.floor(w[2] / radius));
        // cap the bin count so that sparse grids stay small
        while ((long) na * nb * nc > 4L * Math.max(s.size(), 1024)) {
            if (na >= nb && na >= nc) na = Math.max(1, na / 2);
            else if (nb >= nc) nb = Math.max(1, nb / 2);
            else nc = Math.max(1, nc / 2);
        }
        int bins = na * nb * nc;
        if (head.length < bins) head = new int[bins];
        Arrays.fill(head, 0, bins, -1);
        n = 0;
        ensure(s.capacity());
        double[] p = s.positions();
        for (int i = 0; i < s.size(); i++) add(i, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
    }

    private void ensure(int cap) {
        if (next.length >= cap) return;
        int c = Math.max(cap, next.length * 3 / 2 + 16);
        next = Arrays.copyOf(next, c);
        prev = Arrays.copyOf(prev, c);
        binOf = Arrays.copyOf(binOf, c);
    }

    private static int wrapIndex(double f, int m) {
        int k = (int) Math.floor((f - Math.floor(f)) * m);
        return k >= m ? m - 1 : (k < 0 ? 0 : k);
    }

    private int binFor(double x, double y, double z) {
        int a = wrapIndex(cell.fracX(x, y, z), na);
        int b = wrapIndex(cell.fracY(x, y, z), nb);
        int c = wrapIndex(cell.fracZ(x, y, z), nc);
        return (a * nb + b) * nc + c;
    }

    /** Registers atom i (which must be the next index, i == count) at (x, y, z). */
    public void add(int i, double x, double y, double z) {
        if (i != n) throw new IllegalStateException("atoms must be added at the end: " + i + " != " + n);
        ensure(i + 1);
        n++;
        link(i, binFor(x, y, z));
    }

    private void link(int i, int bin) {
        binOf[i] = bin;
        prev[i] = -1;
        next[i] = head[bin];
        if (head[bin] >= 0) prev[head[bin]] = i;
        head[bin] = i;
    }

    private void unlink(int i) {
        int b = binOf[i];
        if (prev[i] >= 0) next[prev[i]] = next[i];
        else head[b] = next[i];
        if (next[i] >= 0) prev[next[i]] = prev[i];
    }

    /** Atom i moved to (x, y, z). */
    public void move(int i, double x, double y, double z) {
        int b = binFor(x, y, z);
        if (b == binOf[i]) return;
        unlink(i);
        link(i, b);
    }

    /** Mirrors {@link Structure#removeAtomSwapLast(int)}: atom i leaves, the last atom takes index i. */
    public void removeSwapLast(int i) {
        unlink(i);
        int last = n - 1;
        if (i != last) {
            int b = binOf[last];
            unlink(last);
            link(i, b);
        }
        n--;
    }

    public int size() { return n; }

    /**
     * True when some atom other than {@code exclude} lies strictly closer than r (≤ radius) to (x, y, z).
     */
    public boolean anyWithin(double[] pos, double x, double y, double z, double r, int exclude) {
        double r2 = r * r;
        int a0 = wrapIndex(cell.fracX(x, y, z), na), b0 = wrapIndex(cell.fracY(x, y, z), nb),
                c0 = wrapIndex(cell.fracZ(x, y, z), nc);
        int ra = na < 3 ? -1 : 1, rb = nb < 3 ? -1 : 1, rc = nc < 3 ? -1 : 1;
        int aLo = ra < 0 ? 0 : -1, aHi = ra < 0 ? na - 1 : 1;
        int bLo = rb < 0 ? 0 : -1, bHi = rb < 0 ? nb - 1 : 1;
        int cLo = rc < 0 ? 0 : -1, cHi = rc < 0 ? nc - 1 : 1;
        for (int da = aLo; da <= aHi; da++) {
            int a = ra < 0 ? da : Math.floorMod(a0 + da, na);
            for (int db = bLo; db <= bHi; db++) {
                int b = rb < 0 ? db : Math.floorMod(b0 + db, nb);
                for (int dc = cLo; dc <= cHi; dc++) {
                    int c = rc < 0 ? dc : Math.floorMod(c0 + dc, nc);
                    for (int j = head[(a * nb + b) * nc + c]; j >= 0; j = next[j]) {
                        if (j == exclude) continue;
                        d[0] = pos[3 * j] - x;
                        d[1] = pos[3 * j + 1] - y;
                        d[2] = pos[3 * j + 2] - z;
                        if (cell.minimumImage(d) < r2) return true;
                    }
                }
            }
        }
        return false;
    }
}
