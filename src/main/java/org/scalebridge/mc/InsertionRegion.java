package org.scalebridge.mc;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;

/**
 * The part of the cell where exchange moves act: a box [lo, hi) in fractional coordinates (the whole cell is
 * [0,1)³). Insertions are uniform in it, deletions choose among the exchange atoms inside it, and N and V in the
 * acceptance rules are the count and volume of the region (as LAMMPS {@code fix gcmc ... region}). Translations of
 * atoms inside the region that would leave it are rejected, so the region's ensemble stays in detailed balance.
 */
public final class InsertionRegion {
    private final double[] lo, hi;

    public InsertionRegion(double[] lo, double[] hi) {
        if (lo.length != 3 || hi.length != 3) throw new IllegalArgumentException("region bounds need 3 components");
        for (int k = 0; k < 3; k++) {
            if (!(lo[k] >= 0 && hi[k] <= 1 && hi[k] > lo[k]))
                throw InputException.field(null, "region", "fractional bounds must satisfy 0 ≤ lo < hi ≤ 1, got lo="
                        + lo[k] + " hi=" + hi[k] + " along axis " + k);
        }
        this.lo = lo.clone();
        this.hi = hi.clone();
    }

    /** The whole cell. */
    public static InsertionRegion wholeCell() { return new InsertionRegion(new double[] {0, 0, 0}, new double[] {1, 1, 1}); }

    public boolean isWholeCell() {
        return lo[0] == 0 && lo[1] == 0 && lo[2] == 0 && hi[0] == 1 && hi[1] == 1 && hi[2] == 1;
    }

    /** Volume of the region in the given cell (Å³). */
    public double volume(Cell cell) { return cell.volume() * (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]); }

    /** True when the (periodically wrapped) point lies in the region. */
    public boolean contains(Cell cell, double x, double y, double z) {
        if (isWholeCell()) return true;
        double fa = cell.fracX(x, y, z), fb = cell.fracY(x, y, z), fc = cell.fracZ(x, y, z);
        fa -= Math.floor(fa); fb -= Math.floor(fb); fc -= Math.floor(fc);
        return fa >= lo[0] && fa < hi[0] && fb >= lo[1] && fb < hi[1] && fc >= lo[2] && fc < hi[2];
    }

    /** A uniformly distributed point of the region (Cartesian) into out. */
    public void sample(Cell cell, Rng rng, double[] out) {
        double fa = lo[0] + (hi[0] - lo[0]) * rng.nextDouble();
        double fb = lo[1] + (hi[1] - lo[1]) * rng.nextDouble();
        double fc = lo[2] + (hi[2] - lo[2]) * rng.nextDouble();
        for (int d = 0; d < 3; d++) out[d] = fa * cell.get(0, d) + fb * cell.get(1, d) + fc * cell.get(2, d);
    }

    public double[] lo() { return lo.clone(); }
    public double[] hi() { return hi.clone(); }
}
