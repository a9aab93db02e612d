package org.scalebridge.mc;

import java.util.ArrayList;
import java.util.List;
import org.scalebridge.potential.BondedPotential;
import org.scalebridge.potential.FullRecomputeLocalChange;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.potential.SumPotential;
import org.scalebridge.structure.Structure;

/**
 * Energy changes for Monte Carlo on a sum of a local non-bonded part and a bonded framework (e.g. the MnFePBA
 * surrogate: Buckingham + DSF + bonds/angles). A bonded term is not local in general, but its energy depends only
 * on the atoms its topology references (indices below {@code atomsReferenced}); moving, inserting or deleting an
 * atom above that range — exchanged Na, which GCMC appends after the framework and removes with swap-last — leaves
 * it exactly unchanged. So: local terms use their own neighbourhood-only local change, bonded terms contribute 0
 * for such moves and fall back to the exact full recomputation otherwise, other non-local terms always fall back.
 */
public final class ExchangeLocalChange implements LocalChange {
    private final List<LocalChange> local = new ArrayList<>();
    private final List<Integer> bondedLimit = new ArrayList<>();
    private final List<LocalChange> bondedFull = new ArrayList<>();
    private final List<LocalChange> otherFull = new ArrayList<>();

    private ExchangeLocalChange(Potential p) {
        List<Potential> terms = p instanceof SumPotential sp ? sp.terms() : List.of(p);
        for (Potential t : terms) {
            if (t.isLocal()) local.add(t.localChange());
            else if (t instanceof BondedPotential b) {
                bondedLimit.add(b.topology().atomsReferenced());
                bondedFull.add(new FullRecomputeLocalChange(b));
            } else otherFull.add(t.localChange());
        }
    }

    /** The best exact local change for Monte Carlo on p. */
    public static LocalChange of(Potential p) {
        if (p.isLocal()) return p.localChange();
        if (p instanceof SumPotential || p instanceof BondedPotential) return new ExchangeLocalChange(p);
        return p.localChange();
    }

    private double bonded(Structure s, int i, int kind, double x, double y, double z, int zAtom, double q) {
        double d = 0;
        for (int k = 0; k < bondedLimit.size(); k++) {
            int lim = bondedLimit.get(k);
            boolean untouched = kind == 1 ? s.size() >= lim : i >= lim;  // insert appends at index size()
            if (untouched) continue;
            LocalChange f = bondedFull.get(k);
            d += kind == 0 ? f.deltaMove(s, i, x, y, z) : kind == 1 ? f.deltaInsert(s, zAtom, q, x, y, z) : f.deltaDelete(s, i);
        }
        return d;
    }

    @Override
    public double deltaMove(Structure s, int i, double x, double y, double z) {
        double d = bonded(s, i, 0, x, y, z, 0, 0);
        for (LocalChange c : local) d += c.deltaMove(s, i, x, y, z);
        for (LocalChange c : otherFull) d += c.deltaMove(s, i, x, y, z);
        return d;
    }

    @Override
    public double deltaInsert(Structure s, int atomicNumber, double q, double x, double y, double z) {
        double d = bonded(s, -1, 1, x, y, z, atomicNumber, q);
        for (LocalChange c : local) d += c.deltaInsert(s, atomicNumber, q, x, y, z);
        for (LocalChange c : otherFull) d += c.deltaInsert(s, atomicNumber, q, x, y, z);
        return d;
    }

    @Override
    public double deltaDelete(Structure s, int i) {
        double d = bonded(s, i, 2, 0, 0, 0, 0, 0);
        for (LocalChange c : local) d += c.deltaDelete(s, i);
        for (LocalChange c : otherFull) d += c.deltaDelete(s, i);
        return d;
    }

    @Override public void commitMove(Structure s, int i) { for (LocalChange c : local) c.commitMove(s, i); }
    @Override public void commitInsert(Structure s, int i) { for (LocalChange c : local) c.commitInsert(s, i); }
    @Override public void commitDelete(Structure s, int i, int m) { for (LocalChange c : local) c.commitDelete(s, i, m); }
    @Override public void sync(Structure s) { for (LocalChange c : local) c.sync(s); }
}
