package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Pair terms where only a minority type interacts (sparse lists, as the surrogate's Na terms) against brute-force
 * image sums, in a cell thinner than the cutoff and a larger one, and after moves and cell deformation (list reuse).
 */
class SparsePairListTest {

    static Potential naOnly() {
        // Cl–Cl has no interaction: only pairs with a Na are listed
        return new SumPotential(
                new Buckingham(Buckingham.table(6.0).pair("Na", "Na", 423.6, 0.317, 1.05).pair("Na", "Cl", 1254.9, 0.317, 6.99), true),
                new DsfCoulomb(TypeMap.of("Na", "Cl"), 0.25, 7.0, Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.OMIT,
                        new double[] {7.0, 7.0, 7.0, 0}));
    }

    static double brute(Structure s) {
        Buckingham b = (Buckingham) ((SumPotential) naOnly()).terms().get(0);
        DsfCoulomb d = (DsfCoulomb) ((SumPotential) naOnly()).terms().get(1);
        Cell c = s.cell();
        double[] w = c.perpendicularWidths(), h = c.matrix();
        int[] m = new int[3];
        for (int k = 0; k < 3; k++) m[k] = (int) Math.ceil(8.0 / w[k]) + 1;
        double e = 0;
        for (int i = 0; i < s.size(); i++) {
            int ti = s.atomicNumber(i) == 11 ? 0 : 1;
            e += d.selfEnergy(ti, s.charges()[i]);
            for (int j = 0; j < s.size(); j++) {
                int tj = s.atomicNumber(j) == 11 ? 0 : 1;
                for (int a = -m[0]; a <= m[0]; a++) for (int bb = -m[1]; bb <= m[1]; bb++) for (int cc = -m[2]; cc <= m[2]; cc++) {
                    if (i == j && a == 0 && bb == 0 && cc == 0) continue;
                    double dx = s.x(j) - s.x(i) + a * h[0] + bb * h[3] + cc * h[6];
                    double dy = s.y(j) - s.y(i) + a * h[1] + bb * h[4] + cc * h[7];
                    double dz = s.z(j) - s.z(i) + a * h[2] + bb * h[5] + cc * h[8];
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    e += 0.5 * (b.pairEnergy(ti, tj, r, 0) + d.pairEnergy(ti, tj, r, s.charges()[i] * s.charges()[j]));
                }
            }
        }
        return e;
    }

    static Structure make(Cell cell, int n, long seed) {
        Rng rng = new Rng(seed);
        Structure s = LocalChangeTest.randomStructure(rng, cell, n, new String[] {"Na", "Cl", "Cl", "Cl"}, true);
        return s;
    }

    @Test
    void matchesBruteForceInSmallAndLargeCells() {
        Cell small = new Cell(new double[][] {{6.5, 0, 0}, {2.0, 6.1, 0}, {-1.5, 1.2, 7.0}});
        Cell large = new Cell(new double[][] {{16.5, 0, 0}, {3.0, 15.1, 0}, {-2.5, 1.2, 17.0}});
        for (Structure s : new Structure[] {make(small, 12, 1), make(large, 90, 2)}) {
            Potential p = naOnly();
            double e = p.energy(s);
            assertEquals(brute(s), e, 1e-10 * Math.max(1, Math.abs(e)));
            FiniteDifferenceTest.check(p, s, "sparse Na-only terms");
            // moves and a cell deformation with the same potential object (list reuse) vs a fresh potential
            Rng rng = new Rng(3);
            ForceResult r = new ForceResult();
            for (int step = 0; step < 5; step++) {
                for (int i = 0; i < s.size(); i++) {
                    s.setPosition(i, s.x(i) + 0.05 * (rng.nextDouble() - 0.5), s.y(i) + 0.05 * (rng.nextDouble() - 0.5), s.z(i));
                }
                double[] eps = {0.003, 0.001, 0, 0.001, -0.002, 0.0005, 0, 0.0005, 0.002};
                s.setCellScaled(s.cell().deformed(eps));
                p.compute(s, r);
                assertEquals(naOnly().energy(s.copy()), r.energy(), 1e-10 * Math.max(1, Math.abs(r.energy())));
            }
        }
    }
}
