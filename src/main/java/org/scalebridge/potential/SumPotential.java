package org.scalebridge.potential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.scalebridge.structure.Structure;

/**
 * A sum of terms (LAMMPS {@code pair_style hybrid/overlay} plus bonded styles): energy, forces, virial and per-atom
 * energies add. Local when every term is local. Its {@link LocalChange} sums the terms' own local changes.
 */
public final class SumPotential extends AbstractPotential {
    private final List<Potential> terms;
    private final ForceResult scratch = new ForceResult();
    private final String name;

    public SumPotential(List<? extends Potential> terms) {
        if (terms.isEmpty()) throw new IllegalArgumentException("a sum needs at least one term");
        this.terms = Collections.unmodifiableList(new ArrayList<>(terms));
        StringBuilder sb = new StringBuilder("hybrid/overlay(");
        for (int k = 0; k < terms.size(); k++) sb.append(k == 0 ? "" : " + ").append(terms.get(k).name());
        name = sb.append(')').toString();
    }

    public SumPotential(Potential... terms) { this(List.of(terms)); }

    public List<Potential> terms() { return terms; }

    @Override public String name() { return name; }

    @Override
    public double cutoff() {
        double c = 0;
        for (Potential p : terms) c = Math.max(c, p.cutoff());
        return c;
    }

    @Override
    public boolean isLocal() {
        for (Potential p : terms) if (!p.isLocal()) return false;
        return true;
    }

    @Override
    public void accumulate(Structure s, ForceResult out) {
        int n = s.size();
        for (Potential p : terms) {
            if (p instanceof AbstractPotential ap) {
                ap.accumulate(s, out);
            } else {
                scratch.request(out.wantsForces(), out.wantsVirial(), out.wantsPerAtom()).requestEnergy(out.wantsEnergy());
                p.compute(s, scratch);
                out.addEnergy(scratch.energy());
                if (out.wantsForces()) { double[] a = out.forces(), b = scratch.forces(); for (int k = 0; k < 3 * n; k++) a[k] += b[k]; }
                if (out.wantsVirial()) { double[] a = out.virial(), b = scratch.virial(); for (int k = 0; k < 9; k++) a[k] += b[k]; }
                if (out.wantsPerAtom()) { double[] a = out.perAtomEnergy(), b = scratch.perAtomEnergy(); for (int k = 0; k < n; k++) a[k] += b[k]; }
            }
        }
    }

    @Override
    public void setThreads(int threads) { for (Potential p : terms) p.setThreads(threads); }

    @Override
    public void resetCaches() { for (Potential p : terms) p.resetCaches(); }

    @Override
    public LocalChange localChange() {
        // each term supplies its own change (neighbourhood-only, structure-factor update, bonded incidence, or a
        // full recomputation of that term alone)
        List<LocalChange> parts = new ArrayList<>();
        for (Potential p : terms) parts.add(p.localChange());
        return new LocalChange() {
            @Override public double deltaMove(Structure s, int i, double x, double y, double z) {
                double d = 0; for (LocalChange c : parts) d += c.deltaMove(s, i, x, y, z); return d;
            }
            @Override public double deltaInsert(Structure s, int z, double q, double x, double y, double zc) {
                double d = 0; for (LocalChange c : parts) d += c.deltaInsert(s, z, q, x, y, zc); return d;
            }
            @Override public double deltaDelete(Structure s, int i) {
                double d = 0; for (LocalChange c : parts) d += c.deltaDelete(s, i); return d;
            }
            @Override public void commitMove(Structure s, int i) { for (LocalChange c : parts) c.commitMove(s, i); }
            @Override public void commitInsert(Structure s, int i) { for (LocalChange c : parts) c.commitInsert(s, i); }
            @Override public void commitDelete(Structure s, int i, int m) { for (LocalChange c : parts) c.commitDelete(s, i, m); }
            @Override public void sync(Structure s) { for (LocalChange c : parts) c.sync(s); }
        };
    }
}
