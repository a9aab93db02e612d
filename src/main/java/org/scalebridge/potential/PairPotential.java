package org.scalebridge.potential;

import org.scalebridge.structure.Structure;

/**
 * Base class of the pair potentials E = Σ_{i<j, images} φ_{t_i t_j}(r_ij), each type pair with its own cutoff.
 *
 * <p>Evaluation uses a half Verlet list in bin order ({@link SortedHalfList}) split into contiguous atom ranges, one per thread,
 * each thread accumulating into its own force / per-atom buffers that are then summed in thread order: results are
 * deterministic for a fixed thread count. Buffers are kept between calls (no allocation per step).
 *
 * <p>Subclasses implement {@link #pair}: the pair energy and F/r (so that the force on j is (F/r)·(r_j − r_i)).
 * Excluded pairs ({@link Exclusions}) call {@link #excludedPair} instead (default: no interaction). The virial is
 * W = Σ_pairs (F/r) d⊗d, positive = compressive. Optional long-range tail corrections (homogeneous fluid beyond the
 * cutoff) and per-atom self energies (DSF Coulomb) are supported through hooks.
 */
public abstract class PairPotential extends AbstractPotential {
    protected final TypeMap types;
    protected final int nt;
    /** Squared cutoff per type pair, index ti·nt + tj. */
    protected final double[] rc2;
    private double cutoff;
    private double skin = 1.0;
    private SortedHalfList list;
    private SparsePairList sparseList;
    private int rebuildEvery = 1;
    private boolean rebuildCheck = true;
    /** Types that interact with themselves, when every interacting pair contains one of them (else null). */
    private final boolean[] activeType;
    private Exclusions exclusions;
    private final Workers workers = new Workers();
    private int[] typeOf = new int[0];

    // per-thread buffers
    private double[][] tForces = new double[0][];
    private double[][] tPerAtom = new double[0][];
    private double[] tEnergy = new double[0];
    private double[] tVirial = new double[0];
    private double[][] tScratch = new double[0][];
    private int[] rangeStart = new int[0];
    // sorted-order copies for the dense path
    private int[] tyS = new int[0];
    private double[] qS = new double[0];

    protected PairPotential(TypeMap types, double[] cutoffPerPair) {
        this.types = types;
        this.nt = types.size();
        if (cutoffPerPair.length != nt * nt) throw new IllegalArgumentException("cutoff table must have " + nt * nt + " entries");
        this.rc2 = new double[nt * nt];
        double max = 0;
        for (int k = 0; k < nt * nt; k++) {
            double rc = cutoffPerPair[k];
            if (!(rc >= 0) || !Double.isFinite(rc)) throw new IllegalArgumentException("cutoff must be finite and ≥ 0");
            rc2[k] = rc * rc;
            max = Math.max(max, rc);
        }
        if (!(max > 0)) throw new IllegalArgumentException("at least one type pair needs a positive cutoff");
        this.cutoff = max;
        this.tailCount = new long[nt];
        // sparse mode: if every interacting type pair contains a self-interacting ("active") type and some types
        // are inactive, only pairs with an active atom need listing (used when active atoms are the minority)
        boolean[] act = new boolean[nt];
        boolean allActive = true;
        for (int t = 0; t < nt; t++) { act[t] = rc2[t * nt + t] > 0; allActive &= act[t]; }
        boolean covered = true;
        for (int a = 0; a < nt; a++) for (int b = 0; b < nt; b++) if (rc2[a * nt + b] > 0 && !act[a] && !act[b]) covered = false;
        this.activeType = !allActive && covered ? act : null;
    }

    /**
     * Energy of a pair of types at squared distance r2 (inside the cutoff) with charge product qq (e²; 0 when the
     * structure has no charges); writes F/r (eV/Å²) to {@code f[0]}, positive = repulsive.
     */
    protected abstract double pair(int pt, double r2, double qq, double[] f);

    /** The same for a pair excluded by the topology; default: no interaction. */
    protected double excludedPair(int pt, double r2, double qq, double[] f) {
        f[0] = 0;
        return 0;
    }

    /** True if {@link #pair} needs charges. */
    protected boolean usesCharges() { return false; }

    /** Energy of atom of type t and charge q by itself (e.g. the DSF self term); default 0. */
    protected double selfEnergy(int t, double q) { return 0; }

    /** True when {@link #selfEnergy} can be non-zero. */
    protected boolean hasSelfEnergy() { return false; }

    /**
     * Tail coefficient c_E of the type pair: E_tail = (1/V) Σ_{a,b} N_a N_b c_E(a,b), c_E = 2π ∫_rc^∞ r² φ dr
     * (summed over ordered type pairs); 0 when tail corrections are off.
     */
    protected double tailEnergyCoefficient(int pt) { return 0; }

    /** Tail virial coefficient c_W: W_aa,tail = (1/V) Σ N_a N_b c_W, c_W = −(2π/3) ∫_rc^∞ r³ φ'(r) dr. */
    protected double tailVirialCoefficient(int pt) { return 0; }

    /** True if a tail correction is applied. */
    public boolean hasTail() { return false; }

    @Override
    public double cutoff() { return cutoff; }

    @Override
    public boolean isLocal() { return true; }

    /** The type map (element → parameter-table index). */
    public TypeMap types() { return types; }

    /** Cutoff of a type pair (Å). */
    public double cutoff(int ti, int tj) { return Math.sqrt(rc2[ti * nt + tj]); }

    /** Verlet skin (Å) of the internal neighbour list; default 1 Å. */
    public PairPotential setSkin(double skin) {
        if (!(skin >= 0)) throw new IllegalArgumentException("skin must be ≥ 0");
        this.skin = skin;
        this.list = null;
        this.sparseList = null;
        return this;
    }

    /**
     * Neighbour-list rebuild policy, as LAMMPS' {@code neigh_modify every N check yes|no}. The default (1, true)
     * rebuilds exactly when the Verlet criterion requires it. {@code (N, false)} rebuilds unconditionally after
     * every N position changes and never otherwise, as the LAMMPS benchmark deck {@code in.lj} does: faster, but a
     * pair that moves into range between rebuilds is missed, so use it only where the skin covers N steps.
     */
    public PairPotential setRebuildPolicy(int every, boolean check) {
        if (every < 1) throw new IllegalArgumentException("rebuild interval must be ≥ 1, got " + every);
        this.rebuildEvery = every;
        this.rebuildCheck = check;
        if (list != null) list.setPolicy(every, check);
        return this;
    }

    /** Number of dense neighbour-list builds so far (0 before the first evaluation; statistics and tests). */
    public int listBuilds() { return list == null ? 0 : list.buildCount(); }

    @Override
    public void resetCaches() {
        list = null;
        sparseList = null;
    }

    /** Topology exclusions (special bonds) or null for none. */
    public PairPotential setExclusions(Exclusions ex) {
        this.exclusions = ex;
        return this;
    }

    public Exclusions exclusions() { return exclusions; }

    @Override
    public void setThreads(int threads) { workers.setThreads(threads); }

    /** Current thread count. */
    int threads() { return workers.threads(); }

    /** Runs work(0..threads−1) on this term's workers (shared with other parts of a composite term). */
    void run(java.util.function.IntConsumer work) { workers.run(work); }

    /** Per-atom types of s (validated). */
    int[] typesOf(Structure s) {
        typeOf = types.typesOf(s.atomicNumbers(), s.size(), typeOf, name());
        return typeOf;
    }

    @Override
    public void accumulate(Structure s, ForceResult out) {
        int n = s.size();
        if (n == 0) return;
        final int[] ty = typesOf(s);
        int activeAtoms = 0;
        if (activeType != null) for (int i = 0; i < n; i++) if (activeType[ty[i]]) activeAtoms++;
        final boolean sparse = activeType != null && 2 * activeAtoms < n;
        final double[] q = usesCharges() ? s.charges() : null;
        final int threads = workers.threads();
        ensureBuffers(threads, n, out.wantsPerAtom());
        final boolean wantF = out.wantsForces(), wantV = out.wantsVirial(), wantPA = out.wantsPerAtom();
        final boolean wantEV = out.wantsEnergy() || wantV || wantPA;
        final int rows;
        final int[] off;
        if (sparse) {
            if (sparseList == null) sparseList = new SparsePairList(cutoff, skin, activeType);
            sparseList.update(s, ty);
            rows = sparseList.rows;
            off = sparseList.offsets;
        } else {
            if (list == null) {
                list = new SortedHalfList(cutoff, skin);
                list.setPolicy(rebuildEvery, rebuildCheck);
            }
            list.update(s);
            rows = n;
            off = list.offsets;
            if (tyS.length < n) tyS = new int[Math.max(n, 16)];
            final int[] pm = list.perm;
            for (int k = 0; k < n; k++) tyS[k] = ty[pm[k]];
            if (q != null) {
                if (qS.length < n) qS = new double[Math.max(n, 16)];
                for (int k = 0; k < n; k++) qS[k] = q[pm[k]];
            }
        }
        // balanced contiguous ranges by pair count
        int total = off[rows];
        rangeStart[0] = 0;
        for (int t = 1; t < threads; t++) rangeStart[t] = lowerBound(off, rows, (long) total * t / threads);
        rangeStart[threads] = rows;
        if (sparse) {
            final SparsePairList sl = sparseList;
            final double[] pos = s.positions();
            workers.run(t -> pairLoop(t, rangeStart[t], rangeStart[t + 1], n, pos, ty, q, wantF, wantV, wantPA, wantEV,
                    sl.rowAtom, sl.offsets, sl.nbr, sl.shiftIdx, sl.shiftVec));
        } else {
            final SortedHalfList sl = list;
            final double[] qs = q == null ? null : qS;
            workers.run(t -> sortedLoop(t, rangeStart[t], rangeStart[t + 1], n, sl, tyS, qs, wantEV, wantPA));
        }
        // ordered reduction
        double e = 0;
        double[] f = out.forces();
        double[] pa = out.perAtomEnergy();
        double vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int t = 0; t < threads; t++) {
            e += tEnergy[t];
            vxx += tVirial[6 * t]; vyy += tVirial[6 * t + 1]; vzz += tVirial[6 * t + 2];
            vxy += tVirial[6 * t + 3]; vxz += tVirial[6 * t + 4]; vyz += tVirial[6 * t + 5];
        }
        if (sparse) {
            for (int t = 0; t < threads; t++) {
                if (wantF) { double[] tf = tForces[t]; for (int k = 0; k < 3 * n; k++) f[k] += tf[k]; }
                if (wantPA) { double[] tp = tPerAtom[t]; for (int k = 0; k < n; k++) pa[k] += tp[k]; }
            }
        } else {
            // sorted → atom order; per atom the threads are summed in thread order (deterministic)
            final int[] pm = list.perm;
            if (wantF) {
                for (int k = 0; k < n; k++) {
                    double fx = 0, fy = 0, fz = 0;
                    for (int t = 0; t < threads; t++) {
                        double[] tf = tForces[t];
                        fx += tf[3 * k]; fy += tf[3 * k + 1]; fz += tf[3 * k + 2];
                    }
                    int a = 3 * pm[k];
                    f[a] += fx; f[a + 1] += fy; f[a + 2] += fz;
                }
            }
            if (wantPA) {
                for (int k = 0; k < n; k++) {
                    double v = 0;
                    for (int t = 0; t < threads; t++) v += tPerAtom[t][k];
                    pa[pm[k]] += v;
                }
            }
        }
        if (hasSelfEnergy()) {
            for (int i = 0; i < n; i++) {
                double es = selfEnergy(ty[i], q == null ? 0 : q[i]);
                e += es;
                if (wantPA) pa[i] += es;
            }
        }
        if (hasTail()) {
            double[] tail = tail(ty, n, s.cell().volume());
            e += tail[0];
            vxx += tail[1]; vyy += tail[1]; vzz += tail[1];
            if (wantPA) for (int i = 0; i < n; i++) pa[i] += tail[0] / n;
        }
        out.addEnergy(e);
        if (wantV) addVirial6(out.virial(), vxx, vyy, vzz, vxy, vxz, vyz);
    }

    /**
     * Dense force loop over sorted atoms [i0, i1) of the {@link SortedHalfList}: first the shift-free neighbours,
     * then the image-shifted ones. Runs the subclass kernel ({@link #kernel}) when there are no
     * exclusions or per-atom energies, else the generic loop through {@link #pair}.
     */
    private void sortedLoop(int t, int i0, int i1, int n, SortedHalfList l, int[] ty, double[] q, boolean wantEV,
                            boolean wantPA) {
        final double[] f = tForces[t];
        java.util.Arrays.fill(f, 0, 3 * n, 0.0);
        final double[] pa = wantPA ? tPerAtom[t] : null;
        if (wantPA) java.util.Arrays.fill(pa, 0, n, 0.0);
        final double[] x = l.x, sv = l.shiftVec;
        final int[] off = l.offsets, mid = l.mid, nb = l.nbr, si = l.shiftIdx;
        final Exclusions ex = exclusions;
        if (ex == null && !wantPA) {
            double[] acc = tScratch[t];
            if (kernel(i0, i1, null, x, ty, q, off, mid, nb, si, sv, f, wantEV, acc)) {
                tEnergy[t] = acc[0];
                System.arraycopy(acc, 1, tVirial, 6 * t, 6);
                return;
            }
        }
        final double[] sc = tScratch[t];
        final int[] perm = l.perm;
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int i = i0; i < i1; i++) {
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            final int rowBase = ty[i] * nt;
            final double qi = q == null ? 0 : q[i];
            final int ai = perm[i];
            final boolean iHasEx = ex != null && ex.has(ai);
            double fxi = 0, fyi = 0, fzi = 0;
            final int km = mid[i];
            for (int k = off[i], ke = off[i + 1]; k < ke; k++) {
                final int j = nb[k];
                double dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
                if (k >= km) {
                    final int s3 = 3 * si[k];
                    dx += sv[s3]; dy += sv[s3 + 1]; dz += sv[s3 + 2];
                }
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = rowBase + ty[j];
                if (r2 >= rc2[pt]) continue;
                final double qq = q == null ? 0 : qi * q[j];
                final double ep = (iHasEx && ex.excluded(ai, perm[j])) ? excludedPair(pt, r2, qq, sc) : pair(pt, r2, qq, sc);
                final double fr = sc[0];
                if (wantEV) {
                    e += ep;
                    if (wantPA) { pa[i] += 0.5 * ep; pa[j] += 0.5 * ep; }
                }
                final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                fxi -= fx; fyi -= fy; fzi -= fz;
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                if (wantEV) {
                    vxx += fx * dx; vyy += fy * dy; vzz += fz * dz;
                    vxy += fx * dy; vxz += fx * dz; vyz += fy * dz;
                }
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
        tEnergy[t] = e;
        tVirial[6 * t] = vxx; tVirial[6 * t + 1] = vyy; tVirial[6 * t + 2] = vzz;
        tVirial[6 * t + 3] = vxy; tVirial[6 * t + 4] = vxz; tVirial[6 * t + 5] = vyz;
    }

    /** {E_tail, W_aa,tail} for the type counts of the structure. */
    double[] tail(int[] ty, int n, double volume) {
        java.util.Arrays.fill(tailCount, 0);
        for (int i = 0; i < n; i++) tailCount[ty[i]]++;
        return tailFromCounts(tailCount, volume);
    }

    private final long[] tailCount;
    private final double[] tailOut = new double[2];

    double[] tailFromCounts(long[] count, double volume) {
        double e = 0, w = 0;
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                double nn = (double) count[a] * count[b];
                e += nn * tailEnergyCoefficient(a * nt + b);
                w += nn * tailVirialCoefficient(a * nt + b);
            }
        }
        double[] out = tailOut;  // shared result: callers read it immediately
        out[0] = e / volume;
        out[1] = w / volume;
        return out;
    }

    private static int lowerBound(int[] off, int n, long target) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (off[mid] < target) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void ensureBuffers(int threads, int n, boolean perAtom) {
        if (tForces.length != threads) {
            tForces = new double[threads][0];
            tPerAtom = new double[threads][0];
            tEnergy = new double[threads];
            tVirial = new double[6 * threads];
            tScratch = new double[threads][8];
            rangeStart = new int[threads + 1];
        }
        for (int t = 0; t < threads; t++) {
            if (tForces[t].length < 3 * n) tForces[t] = new double[3 * n + 48];
            if (perAtom && tPerAtom[t].length < n) tPerAtom[t] = new double[n + 16];
        }
    }

    private void pairLoop(int t, int i0, int i1, int n, double[] p, int[] ty, double[] q,
                          boolean wantF, boolean wantV, boolean wantPA, boolean wantEV,
                          int[] rowAtom, int[] off, int[] nb, int[] si, double[] sv) {
        final double[] f = tForces[t];
        java.util.Arrays.fill(f, 0, 3 * n, 0.0);
        final double[] pa = wantPA ? tPerAtom[t] : null;
        if (wantPA) java.util.Arrays.fill(pa, 0, n, 0.0);
        final double[] sc = tScratch[t];
        final Exclusions ex = exclusions;
        if (ex == null && !wantPA) {
            double[] acc = tScratch[t];
            if (kernel(i0, i1, rowAtom, p, ty, q, off, null, nb, si, sv, f, wantEV, acc)) {
                tEnergy[t] = acc[0];
                System.arraycopy(acc, 1, tVirial, 6 * t, 6);
                return;
            }
        }
        double e = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int r = i0; r < i1; r++) {
            final int i = rowAtom == null ? r : rowAtom[r];
            final double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            final int rowBase = ty[i] * nt;
            final double qi = q == null ? 0 : q[i];
            final boolean iHasEx = ex != null && ex.has(i);
            double fxi = 0, fyi = 0, fzi = 0;
            for (int k = off[r], ke = off[r + 1]; k < ke; k++) {
                final int j = nb[k];
                final int s3 = 3 * si[k];
                final double dx = p[3 * j] + sv[s3] - xi;
                final double dy = p[3 * j + 1] + sv[s3 + 1] - yi;
                final double dz = p[3 * j + 2] + sv[s3 + 2] - zi;
                final double r2 = dx * dx + dy * dy + dz * dz;
                final int pt = rowBase + ty[j];
                if (r2 >= rc2[pt]) continue;
                final double qq = q == null ? 0 : qi * q[j];
                final double ep = (iHasEx && ex.excluded(i, j)) ? excludedPair(pt, r2, qq, sc) : pair(pt, r2, qq, sc);
                final double fr = sc[0];
                e += ep;
                if (wantPA) { pa[i] += 0.5 * ep; pa[j] += 0.5 * ep; }
                final double fx = fr * dx, fy = fr * dy, fz = fr * dz;
                fxi -= fx; fyi -= fy; fzi -= fz;
                f[3 * j] += fx; f[3 * j + 1] += fy; f[3 * j + 2] += fz;
                if (wantV) {
                    vxx += fx * dx; vyy += fy * dy; vzz += fz * dz;
                    vxy += fx * dy; vxz += fx * dz; vyz += fy * dz;
                }
            }
            f[3 * i] += fxi; f[3 * i + 1] += fyi; f[3 * i + 2] += fzi;
        }
        tEnergy[t] = e;
        tVirial[6 * t] = vxx; tVirial[6 * t + 1] = vyy; tVirial[6 * t + 2] = vzz;
        tVirial[6 * t + 3] = vxy; tVirial[6 * t + 4] = vxz; tVirial[6 * t + 5] = vyz;
    }

    /**
     * Optional specialised force loop for terms without exclusions or per-atom energies, over rows [r0, r1): row r
     * is atom {@code rowAtom[r]} (or r itself when rowAtom is null: the dense list in bin order). Neighbours k of row
     * r in [off[r], km) are at x_j − x_i, those in [km, off[r+1]) at x_j − x_i + sv[3·si[k]], with km = mid[r], or
     * km = off[r] (every entry shifted) when mid is null. q: charges in the same indexing as x, or null. Forces go
     * into f; when {@code energyVirial} the energy goes to acc[0] and the virial xx yy zz xy xz yz to acc[1..6]
     * (else acc[0..6] = 0). Forces must not depend on {@code energyVirial} (bit for bit). Returns false if not
     * implemented for these arguments. Subclasses implement it so that the JIT sees a monomorphic, inlined pair
     * function in the hottest loop (the generic loop's call of {@link #pair} is megamorphic).
     */
    protected boolean kernel(int r0, int r1, int[] rowAtom, double[] x, int[] ty, double[] q, int[] off, int[] mid,
                             int[] nb, int[] si, double[] sv, double[] f, boolean energyVirial, double[] acc) {
        return false;
    }

    /** Pair energy of types (ti, tj) at distance r with charges qi, qj, or 0 beyond the cutoff (for tests, plots). */
    public double pairEnergy(int ti, int tj, double r, double qq) {
        int pt = ti * nt + tj;
        if (r * r >= rc2[pt]) return 0;
        return pair(pt, r * r, qq, new double[4]);
    }

    @Override
    public LocalChange localChange() { return new PairLocalChange(this); }

    // package access for PairLocalChange
    double pairFor(int pt, double r2, double qq, double[] sc) { return pair(pt, r2, qq, sc); }
    double excludedFor(int pt, double r2, double qq, double[] sc) { return excludedPair(pt, r2, qq, sc); }
    double selfFor(int t, double q) { return selfEnergy(t, q); }
    int typeCount() { return nt; }
}
