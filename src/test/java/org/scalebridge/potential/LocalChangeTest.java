package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Neighbourhood-only Monte Carlo energy changes against full recomputation (issue bar: 1e-9 eV), for big and
 * small (thinner than the cutoff) triclinic cells, across periodic boundaries, with commits between moves.
 */
class LocalChangeTest {

    /**
     * Atoms are kept ≥ 2.2 Å apart: closer LJ/Buckingham pairs reach 1e4–1e6 eV, where double round-off of the
     * full-recomputation reference itself exceeds the 1e-9 eV bar (a Monte Carlo code rejects such moves anyway).
     */
    static final double MIN_SEPARATION = 2.2;

    static double minDistance(Structure s, double[] r, int skip) {
        double best = Double.POSITIVE_INFINITY;
        double[] d = new double[3];
        for (int j = 0; j < s.size(); j++) {
            if (j == skip) continue;
            d[0] = s.x(j) - r[0]; d[1] = s.y(j) - r[1]; d[2] = s.z(j) - r[2];
            best = Math.min(best, Math.sqrt(s.cell().minimumImage(d)));
        }
        return best;
    }

    static Structure randomStructure(Rng rng, Cell cell, int n, String[] species, boolean charges) {
        Structure s = new Structure(cell, n);
        for (int i = 0, tries = 0; i < n && tries < 100000; tries++) {
            double fa = rng.nextDouble(), fb = rng.nextDouble(), fc = rng.nextDouble();
            // put some atoms exactly near faces to exercise the periodic wrap
            if (i % 7 == 0) fa = 1e-9;
            if (i % 11 == 0) fb = 1 - 1e-9;
            double[] r = new double[3];
            cell.toCartesian(new double[] {fa, fb, fc}, r);
            if (minDistance(s, r, -1) < MIN_SEPARATION) continue;
            i++;
            int a = s.addAtom(species[i % species.length], r[0], r[1], r[2]);
            if (charges) s.ensureCharges()[a] = (a % 2 == 0 ? 1 : -1) * (0.5 + rng.nextDouble());
        }
        return s;
    }

    /** Runs a random sequence of moves/inserts/deletes, checking each ΔE against full recomputation, committing half. */
    static double exercise(Potential p, Structure s, Rng rng, String[] species, int steps) {
        LocalChange lc = p.localChange();
        double worst = 0;
        Cell c = s.cell();
        for (int step = 0; step < steps; step++) {
            double e0 = p.energy(s.copy());
            int kind = step % 3;
            double[] r = new double[3];
            do {
                c.toCartesian(new double[] {rng.nextDouble() * 1.4 - 0.2, rng.nextDouble(), rng.nextDouble() * 1.2 - 0.1}, r);
            } while (minDistance(s, r, -1) < MIN_SEPARATION);
            Structure t = s.copy();
            double delta;
            boolean accept = rng.nextDouble() < 0.5;
            if (kind == 0 && s.size() > 0) {
                int i = (int) (rng.nextDouble() * s.size());
                delta = lc.deltaMove(s, i, r[0], r[1], r[2]);
                t.setPosition(i, r[0], r[1], r[2]);
                if (accept) { s.setPosition(i, r[0], r[1], r[2]); lc.commitMove(s, i); }
            } else if (kind == 1 || s.size() < 3) {
                String sp = species[(int) (rng.nextDouble() * species.length)];
                double q = s.hasCharges() ? rng.nextDouble() * 2 - 1 : 0;
                int z = org.scalebridge.structure.Elements.bySymbol(sp).z();
                delta = lc.deltaInsert(s, z, q, r[0], r[1], r[2]);
                int k = t.addAtom(z, r[0], r[1], r[2]);
                if (t.hasCharges()) t.ensureCharges()[k] = q;
                if (accept) {
                    int a = s.addAtom(z, r[0], r[1], r[2]);
                    if (s.hasCharges()) s.ensureCharges()[a] = q;
                    lc.commitInsert(s, a);
                }
            } else {
                int i = (int) (rng.nextDouble() * s.size());
                delta = lc.deltaDelete(s, i);
                t.removeAtomSwapLast(i);
                if (accept) { int m = s.removeAtomSwapLast(i); lc.commitDelete(s, i, m); }
            }
            double e1 = p.energy(t);
            worst = Math.max(worst, Math.abs(delta - (e1 - e0)));
            assertEquals(e1 - e0, delta, 1e-9, "step " + step + " kind " + kind);
        }
        return worst;
    }

    static void check(Function<Cell, Potential> make, String[] species, boolean charges, String label) {
        Rng rng = new Rng(12345);
        Cell big = new Cell(new double[][] {{19.5, 0, 0}, {3.1, 18.2, 0}, {-2.4, 1.7, 20.3}});
        Cell small = new Cell(new double[][] {{6.2, 0, 0}, {2.9, 5.5, 0}, {-1.3, 2.2, 7.1}});
        double w1 = exercise(make.apply(big), randomStructure(rng, big, 120, species, charges), rng, species, 60);
        double w2 = exercise(make.apply(small), randomStructure(rng, small, 9, species, charges), rng, species, 60);
        System.out.printf("local change %s: max |ΔE_local − ΔE_full| = %.2e eV (large cell), %.2e eV (small cell)%n", label, w1, w2);
    }

    @Test
    void lennardJonesShiftedWithTail() {
        check(c -> new LennardJones(LennardJones.table(7.0).pair("Ar", "Ar", 0.0103, 3.4)
                        .pair("Kr", "Kr", 0.014, 3.6).mixing(LennardJones.LORENTZ_BERTHELOT), true, true),
                new String[] {"Ar", "Kr"}, false, "LJ shift+tail");
    }

    @Test
    void lennardJonesPlain() {
        check(c -> new LennardJones(LennardJones.table(5.0).pair("Ar", "Ar", 0.0103, 3.4), false, false),
                new String[] {"Ar"}, false, "LJ cut");
    }

    @Test
    void buckinghamBornMorse() {
        String[] sp = {"Na", "Cl"};
        check(c -> new Buckingham(Buckingham.table(6.0).pair("Na", "Na", 423.6, 0.317, 1.05).pair("Na", "Cl", 1254.9, 0.317, 6.99)
                .pair("Cl", "Cl", 3485.1, 0.317, 72.4), false), sp, false, "Buckingham");
        check(c -> new BornMayerHuggins(BornMayerHuggins.table(6.0).pair("Na", "Na", 0.2637, 0.317, 2.34, 1.0486, 0.4994)
                .pair("Na", "Cl", 0.2110, 0.317, 2.755, 6.9906, 8.6758).pair("Cl", "Cl", 0.1582, 0.317, 3.17, 72.4, 145.4), true), sp, false, "Born");
        check(c -> new MorsePair(MorsePair.table(6.0).pair("Na", "Na", 0.1, 1.3, 3.5).pair("Na", "Cl", 0.3, 1.5, 2.9)
                .pair("Cl", "Cl", 0.05, 1.1, 4.0), false), sp, false, "Morse");
    }

    @Test
    void dsfCoulombWithSelfTermAndSum() {
        String[] sp = {"Na", "Cl"};
        check(c -> new DsfCoulomb(TypeMap.of("Na", "Cl"), 0.2, 8.0, Erfc.Mode.ABRAMOWITZ_STEGUN, DsfCoulomb.ExclusionStyle.SUBTRACT_BARE),
                sp, true, "DSF");
        check(c -> new SumPotential(
                new Buckingham(Buckingham.table(6.0).pair("Na", "Na", 423.6, 0.317, 1.05).pair("Na", "Cl", 1254.9, 0.317, 6.99)
                        .pair("Cl", "Cl", 3485.1, 0.317, 72.4), false),
                new DsfCoulomb(TypeMap.of("Na", "Cl"), 0.2, 8.0, Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.OMIT)),
                sp, true, "Buckingham + DSF sum");
    }

    @Test
    void exclusionsAreHonouredInMoves() {
        // a framework atom with excluded partners moved locally: excluded pairs use the modified interaction
        Rng rng = new Rng(99);
        Cell cell = new Cell(new double[][] {{14, 0, 0}, {1.5, 13, 0}, {-1, 0.5, 15}});
        Structure s = randomStructure(rng, cell, 40, new String[] {"Na", "Cl"}, true);
        int[][] partners = new int[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            int j = (i + 1) % s.size(), k = (i + s.size() - 1) % s.size();
            partners[i] = new int[] {j, k};
        }
        Exclusions ex = new Exclusions(partners);
        DsfCoulomb d = new DsfCoulomb(TypeMap.of("Na", "Cl"), 0.2, 6.0, Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.SUBTRACT_BARE);
        d.setExclusions(ex);
        LocalChange lc = d.localChange();
        for (int step = 0; step < 30; step++) {
            int i = (int) (rng.nextDouble() * s.size());
            double[] r = {s.x(i) + rng.nextDouble() - 0.5, s.y(i) + rng.nextDouble() - 0.5, s.z(i) + rng.nextDouble() - 0.5};
            if (minDistance(s, r, i) < MIN_SEPARATION) continue;
            double e0 = d.energy(s.copy());
            double delta = lc.deltaMove(s, i, r[0], r[1], r[2]);
            s.setPosition(i, r[0], r[1], r[2]);
            lc.commitMove(s, i);
            assertEquals(d.energy(s.copy()) - e0, delta, 1e-9);
        }
    }

    @Test
    void ewaldStructureFactorUpdates() {
        String[] sp = {"Na", "Cl"};
        check(c -> new SumPotential(
                new Buckingham(Buckingham.table(6.0).pair("Na", "Na", 423.6, 0.317, 1.05).pair("Na", "Cl", 1254.9, 0.317, 6.99)
                        .pair("Cl", "Cl", 3485.1, 0.317, 72.4), false),
                new EwaldCoulomb(TypeMap.of("Na", "Cl"), 6.0, 1e-8, Double.NaN, Erfc.Mode.EXACT)), sp, true, "Buckingham + Ewald");
    }

    @Test
    void surrogateSodiumExchangeAndFrameworkMoves() {
        Structure s = PbaTestStructures.build(10.4, 1, 1.0, 0.02, 0.05, 8);
        Potential p = MnFePbaSurrogate.load().build(s).potential();
        LocalChange lc = p.localChange();
        Rng rng = new Rng(4);
        double worst = 0;
        for (int step = 0; step < 40; step++) {
            double e0 = p.energy(s.copy());
            double delta;
            Structure t = s.copy();
            int kind = step % 4;
            double[] r = new double[3];
            s.cell().toCartesian(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()}, r);
            if (kind == 0) {           // insert Na
                if (minDistance(s, r, -1) < 1.8) continue;
                delta = lc.deltaInsert(s, 11, 0.8, r[0], r[1], r[2]);
                int k = t.addAtom(11, r[0], r[1], r[2]);
                t.ensureCharges()[k] = 0.8;
                if (rng.nextDouble() < 0.5) { int a = s.addAtom(11, r[0], r[1], r[2]); s.ensureCharges()[a] = 0.8; lc.commitInsert(s, a); }
            } else if (kind == 1) {    // delete the last Na
                int i = s.size() - 1;
                if (s.atomicNumber(i) != 11) continue;
                delta = lc.deltaDelete(s, i);
                t.removeAtomSwapLast(i);
                if (rng.nextDouble() < 0.5) { int m = s.removeAtomSwapLast(i); lc.commitDelete(s, i, m); }
            } else {                   // move a framework atom or a Na slightly
                int i = (int) (rng.nextDouble() * s.size());
                double x = s.x(i) + 0.2 * (rng.nextDouble() - 0.5), y = s.y(i) + 0.2 * (rng.nextDouble() - 0.5), z = s.z(i) + 0.2 * (rng.nextDouble() - 0.5);
                delta = lc.deltaMove(s, i, x, y, z);
                t.setPosition(i, x, y, z);
                if (rng.nextDouble() < 0.5) { s.setPosition(i, x, y, z); lc.commitMove(s, i); }
            }
            double exact = p.energy(t) - e0;
            worst = Math.max(worst, Math.abs(delta - exact));
            assertEquals(exact, delta, 1e-9, "step " + step);
        }
        System.out.printf("local change MnFePBA surrogate (Na exchange, framework moves): max |ΔE_local − ΔE_full| = %.2e eV%n", worst);
    }
}
