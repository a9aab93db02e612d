package org.scalebridge.potential.mtp;

import java.util.Arrays;
import org.scalebridge.core.InputException;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * Monte Carlo energy changes of an MTP from the changed atom's neighbourhood: only the site energies of the changed
 * atom and of the atoms within the cutoff of its old or new position are recomputed (an MTP's energy is a sum of
 * site energies V_i, each depending only on the neighbours within max_dist). Finding the atoms near a new position
 * is a cheap distance scan; the neighbourhoods themselves come from the potential's Verlet list.
 * Not thread-safe; the structure is not modified (apart from wrapping by a neighbour-list rebuild).
 */
final class MtpLocalChange implements LocalChange {
    private final MtpPotential pot;
    private final MtpKernel kernel;
    private final MtpKernel.Workspace w;
    private final double rc, rc2;
    private int[] mark = new int[0];
    private int stamp;
    private int[] affected = new int[64];
    private int nAffected;
    private int[] types = new int[0];
    private final double[] h = new double[9], hinv = new double[9], width = new double[3];
    private final boolean[] pbc = new boolean[3];

    MtpLocalChange(MtpPotential pot) {
        this.pot = pot;
        this.kernel = pot.kernel();
        this.w = kernel.workspace();
        this.rc = pot.cutoff();
        this.rc2 = rc * rc;
    }

    private void prepare(Structure s) {
        NeighborList nl = pot.neighborList();
        synchronized (pot) {
            nl.update(s);
        }
        int n = s.size();
        if (types.length < n + 1) types = new int[n + 16];
        int[] z = s.atomicNumbers();
        for (int i = 0; i < n; i++) {
            int t = pot.typeOf(z[i]);
            if (t < 0) throw InputException.field(null, "structure", "atom " + i + " has atomic number " + z[i] + " unknown to this MTP");
            types[i] = t;
        }
        if (mark.length < n + 1) mark = new int[n + 16];
        Cell c = s.cell();
        System.arraycopy(c.matrix(), 0, h, 0, 9);
        System.arraycopy(c.inverse(), 0, hinv, 0, 9);
        double[] wd = c.perpendicularWidths();
        System.arraycopy(wd, 0, width, 0, 3);
        for (int d = 0; d < 3; d++) pbc[d] = c.periodic(d);
        stamp++;
        if (stamp == Integer.MAX_VALUE) { Arrays.fill(mark, 0); stamp = 1; }
        nAffected = 0;
    }

    private void markAffected(int k) {
        if (mark[k] == stamp) return;
        mark[k] = stamp;
        if (nAffected == affected.length) affected = Arrays.copyOf(affected, 2 * nAffected);
        affected[nAffected++] = k;
    }

    /**
     * Adds to w every periodic image d + n·H of the raw displacement d with |d + n·H| &lt; rc (the zero image skipped
     * when excludeZero); returns how many. Exact: the fractional coordinate a of any vector shorter than rc is below
     * rc / width_a in magnitude.
     */
    private int addImages(double dx, double dy, double dz, int type, int idx, boolean excludeZero, boolean add) {
        double fa = dx * hinv[0] + dy * hinv[3] + dz * hinv[6];
        double fb = dx * hinv[1] + dy * hinv[4] + dz * hinv[7];
        double fc = dx * hinv[2] + dy * hinv[5] + dz * hinv[8];
        int la = 0, ua = 0, lb = 0, ub = 0, lc = 0, uc = 0;
        if (pbc[0]) { double q = rc / width[0]; la = (int) Math.ceil(-q - fa); ua = (int) Math.floor(q - fa); }
        if (pbc[1]) { double q = rc / width[1]; lb = (int) Math.ceil(-q - fb); ub = (int) Math.floor(q - fb); }
        if (pbc[2]) { double q = rc / width[2]; lc = (int) Math.ceil(-q - fc); uc = (int) Math.floor(q - fc); }
        int count = 0;
        for (int a = la; a <= ua; a++) {
            for (int b = lb; b <= ub; b++) {
                for (int c = lc; c <= uc; c++) {
                    if (excludeZero && a == 0 && b == 0 && c == 0) continue;
                    double x = dx + a * h[0] + b * h[3] + c * h[6];
                    double y = dy + a * h[1] + b * h[4] + c * h[7];
                    double z = dz + a * h[2] + b * h[5] + c * h[8];
                    if (x * x + y * y + z * z < rc2) {
                        if (add) w.add(x, y, z, type, idx, -1);
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Site energy of an atom of type t at (x, y, z) surrounded by all atoms except {@code skip} (and its own images if selfImages). */
    private double siteAt(Structure s, int t, double x, double y, double z, int skip, boolean selfImages, boolean markThem) {
        int n = s.size();
        double[] p = s.positions();
        w.nn = 0;
        for (int j = 0; j < n; j++) {
            if (j == skip) continue;
            int c = addImages(p[3 * j] - x, p[3 * j + 1] - y, p[3 * j + 2] - z, types[j], j, false, true);
            if (c > 0 && markThem) markAffected(j);
        }
        if (selfImages) addImages(0, 0, 0, t, -1, true, true);
        return kernel.energy(w, t);
    }

    private double siteFromList(Structure s, int k, int skip) {
        gatherExcept(s, k, skip);
        return kernel.energy(w, types[k]);
    }

    private void gatherExcept(Structure s, int k, int skip) {
        pot.gather(w, s, k, types);
        if (skip >= 0) {
            int m = 0;
            for (int q = 0; q < w.nn; q++) {
                if (w.idx[q] == skip) continue;
                w.rx[m] = w.rx[q]; w.ry[m] = w.ry[q]; w.rz[m] = w.rz[q]; w.tj[m] = w.tj[q]; w.idx[m] = w.idx[q];
                m++;
            }
            w.nn = m;
        }
    }

    @Override
    public double deltaMove(Structure s, int i, double x, double y, double z) {
        prepare(s);
        double[] p = s.positions();
        pot.gather(w, s, i, types);
        for (int q = 0; q < w.nn; q++) if (w.idx[q] != i) markAffected(w.idx[q]);
        double eOld = kernel.energy(w, types[i]);
        double eNew = siteAt(s, types[i], x, y, z, i, true, true);
        double de = eNew - eOld;
        for (int a = 0; a < nAffected; a++) {
            int k = affected[a];
            double vOld = siteFromList(s, k, -1);
            gatherExcept(s, k, i);
            addImages(x - p[3 * k], y - p[3 * k + 1], z - p[3 * k + 2], types[i], i, false, true);
            de += kernel.energy(w, types[k]) - vOld;
        }
        return de;
    }

    @Override
    public double deltaInsert(Structure s, int atomicNumber, double charge, double x, double y, double z) {
        prepare(s);
        int t = pot.typeOf(atomicNumber);
        if (t < 0) throw InputException.field(null, "insert", "atomic number " + atomicNumber + " is unknown to this MTP");
        double[] p = s.positions();
        double de = siteAt(s, t, x, y, z, -1, true, true);
        for (int a = 0; a < nAffected; a++) {
            int k = affected[a];
            double vOld = siteFromList(s, k, -1);
            addImages(x - p[3 * k], y - p[3 * k + 1], z - p[3 * k + 2], t, -1, false, true);
            de += kernel.energy(w, types[k]) - vOld;
        }
        return de;
    }

    @Override
    public double deltaDelete(Structure s, int i) {
        prepare(s);
        pot.gather(w, s, i, types);
        for (int q = 0; q < w.nn; q++) if (w.idx[q] != i) markAffected(w.idx[q]);
        double de = -kernel.energy(w, types[i]);
        for (int a = 0; a < nAffected; a++) {
            int k = affected[a];
            double vOld = siteFromList(s, k, -1);
            de += siteFromList(s, k, i) - vOld;
        }
        return de;
    }
}
