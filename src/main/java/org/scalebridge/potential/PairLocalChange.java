package org.scalebridge.potential;

import java.util.Arrays;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Elements;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/**
 * Monte Carlo energy changes of a {@link PairPotential} from the changed atom's neighbourhood only. Keeps a spatial
 * bin index (fractional-coordinate bins at least one cutoff wide, doubly linked per-bin lists, O(1) updates) of the
 * wrapped positions; neighbours are enumerated over the bin stencil with explicit periodic image shifts, so small
 * cells (thinner than the cutoff, where an atom sees several images of a neighbour or of itself) are exact too.
 * Tail corrections and per-atom self energies (DSF) are included in insertion/deletion changes.
 */
public final class PairLocalChange implements LocalChange {
    private final PairPotential pot;
    private Structure indexed;
    private Cell cell;
    private int n = -1;
    private double[] h = new double[9];
    private final int[] nb = new int[3], st = new int[3];
    private double[] pw = new double[0];
    private int[] type = new int[0];
    private double[] charge = new double[0];
    private int[] binOf = new int[0], next = new int[0], prev = new int[0];
    private int[] head = new int[0];
    private long[] counts;
    private final double[] sc = new double[4];
    private final double[] tmp = new double[3];
    private double rcMax2;

    public PairLocalChange(PairPotential pot) {
        this.pot = pot;
        this.counts = new long[pot.typeCount()];
    }

    private void ensure(Structure s) {
        if (s != indexed || s.cell() != cell || s.size() != n) sync(s);
    }

    @Override
    public void sync(Structure s) {
        indexed = s;
        cell = s.cell();
        n = s.size();
        h = cell.matrix();
        double rc = pot.cutoff();
        rcMax2 = rc * rc;
        NeighborList.binGrid(cell, rc, 256, nb, st);
        int nbins = nb[0] * nb[1] * nb[2];
        if (head.length < nbins) head = new int[nbins];
        Arrays.fill(head, 0, nbins, -1);
        int cap = Math.max(s.capacity(), n + 16);
        if (pw.length < 3 * cap) {
            pw = new double[3 * cap];
            type = new int[cap];
            charge = new double[cap];
            binOf = new int[cap];
            next = new int[cap];
            prev = new int[cap];
        }
        int[] ty = pot.typesOf(s);
        double[] q = pot.usesCharges() ? s.charges() : null;
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            type[i] = ty[i];
            charge[i] = q == null ? 0 : q[i];
            counts[ty[i]]++;
            wrapInto(s.x(i), s.y(i), s.z(i), pw, 3 * i);
            link(i);
        }
    }

    private void grow(int atoms) {
        if (type.length >= atoms) return;
        int c = Math.max(atoms, type.length * 3 / 2 + 16);
        pw = Arrays.copyOf(pw, 3 * c);
        type = Arrays.copyOf(type, c);
        charge = Arrays.copyOf(charge, c);
        binOf = Arrays.copyOf(binOf, c);
        next = Arrays.copyOf(next, c);
        prev = Arrays.copyOf(prev, c);
    }

    /** Wraps a Cartesian point into the cell (periodic directions) and stores it at out[o..o+2]. */
    private void wrapInto(double x, double y, double z, double[] out, int o) {
        double fa = cell.fracX(x, y, z), fb = cell.fracY(x, y, z), fc = cell.fracZ(x, y, z);
        if (cell.periodic(0)) fa -= Math.floor(fa);
        if (cell.periodic(1)) fb -= Math.floor(fb);
        if (cell.periodic(2)) fc -= Math.floor(fc);
        out[o] = fa * h[0] + fb * h[3] + fc * h[6];
        out[o + 1] = fa * h[1] + fb * h[4] + fc * h[7];
        out[o + 2] = fa * h[2] + fb * h[5] + fc * h[8];
    }

    private int binOfPoint(double x, double y, double z) {
        double f0 = cell.fracX(x, y, z), f1 = cell.fracY(x, y, z), f2 = cell.fracZ(x, y, z);
        return (clampBin(f0, 0) * nb[1] + clampBin(f1, 1)) * nb[2] + clampBin(f2, 2);
    }

    private int clampBin(double f, int d) {
        if (nb[d] == 1) return 0;
        int k = (int) Math.floor(f * nb[d]);
        return k < 0 ? 0 : (k >= nb[d] ? nb[d] - 1 : k);
    }

    private void link(int i) {
        int b = binOfPoint(pw[3 * i], pw[3 * i + 1], pw[3 * i + 2]);
        binOf[i] = b;
        prev[i] = -1;
        next[i] = head[b];
        if (head[b] >= 0) prev[head[b]] = i;
        head[b] = i;
    }

    private void unlink(int i) {
        int b = binOf[i];
        if (prev[i] >= 0) next[prev[i]] = next[i]; else head[b] = next[i];
        if (next[i] >= 0) prev[next[i]] = prev[i];
    }

    /**
     * Interaction energy of a (wrapped) point of type t and charge qx with every indexed atom except {@code skip}
     * (all images), using the exclusions of atom {@code exAtom} (−1: none).
     */
    private double interaction(double x, double y, double z, int t, double qx, int skip, int exAtom) {
        final int b = binOfPoint(x, y, z);
        final int ba = b / (nb[1] * nb[2]), bb = (b / nb[2]) % nb[1], bc = b % nb[2];
        final int nt = pot.typeCount();
        final double[] rc2 = pot.rc2;
        final Exclusions ex = exAtom >= 0 ? pot.exclusions() : null;
        final boolean useEx = ex != null && ex.has(exAtom);
        final int row = t * nt;
        double e = 0;
        for (int da = -st[0]; da <= st[0]; da++) {
            int ja = ba + da;
            int ia = Math.floorDiv(ja, nb[0]);
            ja -= ia * nb[0];
            for (int db = -st[1]; db <= st[1]; db++) {
                int jb = bb + db;
                int ib = Math.floorDiv(jb, nb[1]);
                jb -= ib * nb[1];
                for (int dc = -st[2]; dc <= st[2]; dc++) {
                    int jc = bc + dc;
                    int ic = Math.floorDiv(jc, nb[2]);
                    jc -= ic * nb[2];
                    double sx = ia * h[0] + ib * h[3] + ic * h[6] - x;
                    double sy = ia * h[1] + ib * h[4] + ic * h[7] - y;
                    double sz = ia * h[2] + ib * h[5] + ic * h[8] - z;
                    for (int j = head[(ja * nb[1] + jb) * nb[2] + jc]; j >= 0; j = next[j]) {
                        if (j == skip) continue;
                        double dx = pw[3 * j] + sx, dy = pw[3 * j + 1] + sy, dz = pw[3 * j + 2] + sz;
                        double r2 = dx * dx + dy * dy + dz * dz;
                        int pt = row + type[j];
                        if (r2 >= rc2[pt]) continue;
                        double qq = qx * charge[j];
                        e += (useEx && ex.excluded(exAtom, j)) ? pot.excludedFor(pt, r2, qq, sc) : pot.pairFor(pt, r2, qq, sc);
                    }
                }
            }
        }
        return e;
    }

    /** Interaction of an atom with its own periodic images, Σ_{n>0} φ(|n·H|), plus its self energy. */
    private double selfTerms(int t, double q) {
        double e = pot.selfFor(t, q);
        int pt = t * pot.typeCount() + t;
        double rc2 = pot.rc2[pt];
        if (rc2 == 0) return e;
        double[] w = cell.perpendicularWidths();
        double rc = Math.sqrt(rc2);
        int[] m = new int[3];
        for (int d = 0; d < 3; d++) m[d] = cell.periodic(d) ? (int) Math.ceil(rc / w[d]) : 0;
        for (int a = 0; a <= m[0]; a++) {
            for (int b = -m[1]; b <= m[1]; b++) {
                for (int c = -m[2]; c <= m[2]; c++) {
                    boolean positive = a > 0 || (a == 0 && (b > 0 || (b == 0 && c > 0)));
                    if (!positive) continue;
                    double x = a * h[0] + b * h[3] + c * h[6];
                    double y = a * h[1] + b * h[4] + c * h[7];
                    double z = a * h[2] + b * h[5] + c * h[8];
                    double r2 = x * x + y * y + z * z;
                    if (r2 < rc2) e += pot.pairFor(pt, r2, q * q, sc);
                }
            }
        }
        return e;
    }

    private double tailDelta(int t, int dn) {
        if (!pot.hasTail()) return 0;
        double v = cell.volume();
        double before = pot.tailFromCounts(counts, v)[0];
        counts[t] += dn;
        double after = pot.tailFromCounts(counts, v)[0];
        counts[t] -= dn;
        return after - before;
    }

    private int typeOfZ(int z) {
        int t = pot.types().typeOrNegative(z);
        if (t < 0) {
            throw InputException.field(null, "species", Elements.symbol(z) + " has no parameters in potential " + pot.name());
        }
        return t;
    }

    @Override
    public double deltaMove(Structure s, int i, double x, double y, double z) {
        ensure(s);
        double eOld = interaction(pw[3 * i], pw[3 * i + 1], pw[3 * i + 2], type[i], charge[i], i, i);
        wrapInto(x, y, z, tmp, 0);
        double eNew = interaction(tmp[0], tmp[1], tmp[2], type[i], charge[i], i, i);
        return eNew - eOld;
    }

    @Override
    public double deltaInsert(Structure s, int atomicNumber, double q, double x, double y, double z) {
        ensure(s);
        int t = typeOfZ(atomicNumber);
        double qx = pot.usesCharges() ? q : 0;
        wrapInto(x, y, z, tmp, 0);
        return interaction(tmp[0], tmp[1], tmp[2], t, qx, -1, -1) + selfTerms(t, qx) + tailDelta(t, +1);
    }

    @Override
    public double deltaDelete(Structure s, int i) {
        ensure(s);
        double e = interaction(pw[3 * i], pw[3 * i + 1], pw[3 * i + 2], type[i], charge[i], i, i);
        return -(e + selfTerms(type[i], charge[i])) + tailDelta(type[i], -1);
    }

    /** The indexed (wrapped) position of atom i. */
    void positionOf(int i, double[] out) { out[0] = pw[3 * i]; out[1] = pw[3 * i + 1]; out[2] = pw[3 * i + 2]; }

    /** The indexed charge of atom i. */
    double chargeOf(int i) { return charge[i]; }

    @Override
    public void commitMove(Structure s, int i) {
        if (s != indexed || s.cell() != cell || s.size() != n) { sync(s); return; }
        unlink(i);
        wrapInto(s.x(i), s.y(i), s.z(i), pw, 3 * i);
        link(i);
    }

    @Override
    public void commitInsert(Structure s, int i) {
        if (s != indexed || s.cell() != cell || s.size() != n + 1 || i != n) { sync(s); return; }
        grow(n + 1);
        int t = typeOfZ(s.atomicNumber(i));
        type[i] = t;
        double[] q = s.charges();
        charge[i] = pot.usesCharges() && q != null ? q[i] : 0;
        counts[t]++;
        wrapInto(s.x(i), s.y(i), s.z(i), pw, 3 * i);
        link(i);
        n++;
    }

    @Override
    public void commitDelete(Structure s, int i, int movedFrom) {
        if (s != indexed || s.cell() != cell || s.size() != n - 1) { sync(s); return; }
        unlink(i);
        counts[type[i]]--;
        if (movedFrom >= 0) {
            unlink(movedFrom);
            type[i] = type[movedFrom];
            charge[i] = charge[movedFrom];
            System.arraycopy(pw, 3 * movedFrom, pw, 3 * i, 3);
            link(i);
        }
        n--;
    }
}
