package org.scalebridge.structure.builders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Builds Na_xMn[Fe(CN)6] (MnFePBA) frameworks: Fe and Mn alternating on a rock-salt arrangement, C bonded to Fe and
 * N to Mn (geometry from {@link PbaGeometry}), Na on the 8 cage sites per pseudo-cubic cell (4 formula units), either
 * at the cage centres (8c) or at the displaced sites, with x from 0 to 2 and seeded random or ordered occupancy.
 *
 * <pre>
 *   Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.8).supercell(2, 2, 2).seed(1).build();
 * </pre>
 *
 * The number of Na is round(x · 4 · cells); the x actually built is recorded in {@code info("x")}. Atoms are
 * ordered Fe, Mn, C, N, Na within each replicated cell block; Na follow the framework.
 */
public final class PbaBuilder {

    /** How the Na sites are filled when x &lt; 2. */
    public enum Occupancy {
        /** Uniformly random subset of the sites, from the seed. */
        RANDOM,
        /**
         * Deterministic: the two Na sublattices (sites at +u and −u along [111]) are filled one after the other,
         * each with evenly spaced sites; x = 1 gives the fully ordered one-sublattice arrangement.
         */
        ORDERED
    }

    private final PbaPhase phase;
    private double x = 2.0;
    private int na = 1, nb = 1, nc = 1;
    private long seed = 1;
    private Occupancy occupancy = Occupancy.RANDOM;
    private Boolean displaced;

    public PbaBuilder(PbaPhase phase) {
        if (phase == null) throw InputException.field(null, "phase", "expected rhombohedral or tetragonal");
        this.phase = phase;
    }

    /** Na content per formula unit, 0 ≤ x ≤ 2. */
    public PbaBuilder x(double value) {
        if (!(value >= 0 && value <= 2)) {
            throw InputException.unphysical("x", value, "Na content per formula unit between 0 and 2");
        }
        this.x = value;
        return this;
    }

    /** Repetitions of the pseudo-cubic cell along a, b, c (each ≥ 1). */
    public PbaBuilder supercell(int a, int b, int c) {
        if (a < 1 || b < 1 || c < 1) {
            throw InputException.field(null, "supercell", "repetitions must be ≥ 1, got " + a + "x" + b + "x" + c);
        }
        if ((long) a * b * c > 1_000_000) {
            throw InputException.field(null, "supercell", a + "x" + b + "x" + c + " is more than 10⁶ cells (>56 million atoms)");
        }
        na = a; nb = b; nc = c;
        return this;
    }

    public PbaBuilder seed(long s) { seed = s; return this; }

    public PbaBuilder occupancy(Occupancy o) { occupancy = o; return this; }

    /** Na at the displaced sites (true) or at the cage centres 8c (false); default: the phase's own choice. */
    public PbaBuilder displacedSodium(boolean d) { displaced = d; return this; }

    /** The phase this builder makes. */
    public PbaPhase phase() { return phase; }

    /** Number of pseudo-cubic cells along a, b, c that fit in a box of edge {@code length} Å (at least 1). */
    public static int cellsFor(PbaPhase phase, double length) {
        return Math.max(1, (int) Math.floor(length / Math.min(phase.a, Math.min(phase.b, phase.c)) + 1e-9));
    }

    public Structure build() {
        PbaGeometry g = PbaGeometry.of(phase);
        boolean disp = displaced != null ? displaced : phase.displacedNaByDefault;
        Cell unit = g.cell();
        int cells = na * nb * nc;
        Cell big = unit.supercell(new int[] {na, 0, 0, 0, nb, 0, 0, 0, nc});
        List<double[]> fe = g.iron(), mn = g.manganese(), cc = g.carbon(), nn = g.nitrogen();
        double u = disp ? g.naOffset() : 0.25;
        int nNa = (int) Math.round(x * 4 * cells);
        Structure s = new Structure(big, cells * (fe.size() + mn.size() + cc.size() + nn.size()) + nNa);
        double[] f = new double[3], r = new double[3];
        for (int ia = 0; ia < na; ia++) {
            for (int ib = 0; ib < nb; ib++) {
                for (int ic = 0; ic < nc; ic++) {
                    add(s, unit, 26, fe, ia, ib, ic, f, r);
                    add(s, unit, 25, mn, ia, ib, ic, f, r);
                    add(s, unit, 6, cc, ia, ib, ic, f, r);
                    add(s, unit, 7, nn, ia, ib, ic, f, r);
                }
            }
        }
        // Na sites of the whole supercell: sublattice (+u / −u) × cells × centring
        // sublattice 0: (u,u,u) + centring; sublattice 1: its inversion image (−u,−u,−u) + centring
        List<double[]> all = new ArrayList<>(8 * cells);
        for (int sub = 0; sub < 2; sub++) {
            double v = sub == 0 ? u : 1 - u;
            for (int ia = 0; ia < na; ia++) {
                for (int ib = 0; ib < nb; ib++) {
                    for (int ic = 0; ic < nc; ic++) {
                        for (double[] t : PbaGeometry.CENTRING) {
                            all.add(new double[] {PbaGeometry.wrap(v + t[0]) + ia, PbaGeometry.wrap(v + t[1]) + ib,
                                    PbaGeometry.wrap(v + t[2]) + ic});
                        }
                    }
                }
            }
        }
        int[] chosen = choose(all.size(), nNa);
        for (int k : chosen) {
            double[] st = all.get(k);
            unit.toCartesian(st, r);
            s.addAtom(11, r[0], r[1], r[2]);
        }
        s.info().put("phase", phase.label);
        s.info().put("x", nNa / (4.0 * cells));
        s.info().put("x_requested", x);
        s.info().put("supercell", na + "x" + nb + "x" + nc);
        s.info().put("na_sites", disp ? "displaced" : "8c");
        s.info().put("occupancy", occupancy.name().toLowerCase(Locale.ROOT));
        s.info().put("seed", seed);
        s.info().put("builder", "scalebridge PbaBuilder");
        return s;
    }

    private static void add(Structure s, Cell unit, int z, List<double[]> sites, int ia, int ib, int ic, double[] f, double[] r) {
        for (double[] st : sites) {
            f[0] = st[0] + ia; f[1] = st[1] + ib; f[2] = st[2] + ic;
            unit.toCartesian(f, r);
            s.addAtom(z, r[0], r[1], r[2]);
        }
    }

    /** Indices of the occupied sites among n (k of them), sorted. */
    private int[] choose(int n, int k) {
        int[] out = new int[k];
        if (k == 0) return out;
        if (occupancy == Occupancy.RANDOM) {
            // partial Fisher–Yates from the seeded generator
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Rng rng = new Rng(seed);
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
                out[i] = idx[i];
            }
        } else {
            // sublattice 0 occupies indices [0, n/2), sublattice 1 [n/2, n); fill 0 first, evenly spaced
            int half = n / 2;
            int k0 = Math.min(k, half), k1 = k - k0;
            for (int i = 0; i < k0; i++) out[i] = (int) Math.floor((i + 0.5) * half / k0);
            for (int i = 0; i < k1; i++) out[k0 + i] = half + (int) Math.floor((i + 0.5) * (n - half) / k1);
        }
        java.util.Arrays.sort(out);
        return out;
    }

    /**
     * One member of the two-phase interface series: a Na-rich cell (this builder's phase, x = 2 by default)
     * replicated {@code repeats} times along a, with every Na whose fractional coordinate along the supercell's a
     * is ≥ ½ removed (the upper half becomes the Na-free framework). Used for interfacial and strain energies.
     */
    public Structure interfaceCell(int repeats) {
        if (repeats < 1 || repeats > 10_000) {
            throw InputException.field(null, "repeats", "expected 1 … 10000 repetitions along x, got " + repeats);
        }
        Structure s = new PbaBuilder(phase).x(x).seed(seed).occupancy(occupancy)
                .displacedSodium(displaced != null ? displaced : phase.displacedNaByDefault)
                .supercell(repeats * na, nb, nc).build();
        boolean[] remove = new boolean[s.size()];
        int removed = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.atomicNumber(i) != 11) continue;
            double fa = s.fractional(i)[0];
            fa -= Math.floor(fa);
            if (fa >= 0.5 - 1e-9) { remove[i] = true; removed++; }
        }
        s.removeAtoms(remove);
        int cells = repeats * na * nb * nc;
        s.info().put("x", s.count(11) / (4.0 * cells));
        s.info().put("interface_repeats", repeats);
        s.info().put("na_removed", removed);
        return s;
    }

    /** The whole series 1 … maxRepeats (inclusive). */
    public List<Structure> interfaceSeries(int maxRepeats) {
        List<Structure> out = new ArrayList<>();
        for (int n = 1; n <= maxRepeats; n++) out.add(interfaceCell(n));
        return out;
    }
}
