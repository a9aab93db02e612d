package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalebridge.core.Rng;
import org.scalebridge.potential.FullRecomputeLocalChange;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * ΔU of every move type from the potential's local change equals a full recomputation to 1e-9 eV, in large,
 * small (thinner than 2·r_c, atoms see their own images) and skewed cells, with moves that cross the periodic
 * boundary; and the energy GCMC tracks by summing ΔU equals the recomputed energy after many moves.
 */
class LocalChangeConsistencyTest {

    static List<Supplier<Potential>> potentials() {
        List<Supplier<Potential>> l = new ArrayList<>();
        // Ar-like LJ in metal units (ε = 0.0103 eV, σ = 3.405 Å, r_c = 8.5 Å)
        l.add(() -> new BrutePairLj(0.010323, 3.405, 8.5));
        l.addAll(ProductionPotentials.localPotentials());
        return l;
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        Cell big = Cell.orthorhombic(20, 21, 22);
        Cell small = Cell.orthorhombic(9, 10, 11);          // thinner than 2 r_c: own images within the cutoff
        Cell skew = new Cell(new double[][] {{12, 0, 0}, {5, 11, 0}, {-4, 3.5, 10}});
        for (Supplier<Potential> p : potentials()) {
            a.add(Arguments.of(p, big, 60, "large cell"));
            a.add(Arguments.of(p, small, 12, "small cell"));
            a.add(Arguments.of(p, skew, 15, "small skewed cell"));
        }
        return a.stream();
    }

    static Structure randomStructure(Cell cell, int n, Rng rng, double minDist) {
        Structure s = new Structure(cell, n + 4);
        double[] f = new double[3], r = new double[3];
        int guard = 0;
        while (s.size() < n && guard++ < 100000) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            cell.toCartesian(f, r);
            boolean ok = true;
            for (int j = 0; j < s.size() && ok; j++) {
                double[] d = {s.x(j) - r[0], s.y(j) - r[1], s.z(j) - r[2]};
                ok = cell.minimumImage(d) >= minDist * minDist;
            }
            if (ok) s.addAtom(s.size() % 3 == 0 ? 18 : 11, r[0], r[1], r[2]);
        }
        return s;
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("cases")
    void localEqualsFullRecompute(Supplier<Potential> ps, Cell cell, int n, String label) {
        Potential pot = ps.get();
        Rng rng = new Rng(77);
        Structure s = randomStructure(cell, n, rng, 2.6);
        LocalChange local = pot.localChange();
        LocalChange full = new FullRecomputeLocalChange(pot);
        double[] f = new double[3], r = new double[3];
        double maxErr = 0;
        for (int t = 0; t < 20; t++) {
            int i = rng.nextInt(s.size());
            // translation, half of them pushed across a cell face
            double x = s.x(i) + 1.5 * (2 * rng.nextDouble() - 1), y = s.y(i) + 1.5 * (2 * rng.nextDouble() - 1),
                    z = s.z(i) + 1.5 * (2 * rng.nextDouble() - 1);
            if (t % 2 == 0) { double[] h = cell.matrix(); x -= h[0] * 0.999; y -= h[1] * 0.999; z -= h[2] * 0.999; }
            double dl = local.deltaMove(s, i, x, y, z), df = full.deltaMove(s, i, x, y, z);
            assertEquals(df, dl, 1e-9, label + " move");
            maxErr = Math.max(maxErr, Math.abs(df - dl));
            // insertion at a random point (outside the cell for odd t: the potential must wrap it)
            f[0] = rng.nextDouble() + (t % 2); f[1] = rng.nextDouble(); f[2] = rng.nextDouble() - (t % 2);
            cell.toCartesian(f, r);
            dl = local.deltaInsert(s, 11, 0, r[0], r[1], r[2]);
            df = full.deltaInsert(s, 11, 0, r[0], r[1], r[2]);
            // points overlapping an atom give ΔU ~ 1e7 eV where double round-off alone exceeds 1e-9 eV: those are
            // checked to 1e-12 relative, all physical insertions (|ΔU| < 1000 eV) to 1e-9 eV absolute
            if (Math.abs(df) < 1e3) {
                assertEquals(df, dl, 1e-9, label + " insert");
                maxErr = Math.max(maxErr, Math.abs(df - dl));
            } else {
                assertEquals(df, dl, 1e-12 * Math.abs(df), label + " insert (overlap)");
            }
            // deletion
            int j = rng.nextInt(s.size());
            dl = local.deltaDelete(s, j);
            df = full.deltaDelete(s, j);
            assertEquals(df, dl, 1e-9, label + " delete");
            maxErr = Math.max(maxErr, Math.abs(df - dl));
        }
        System.out.printf("local change %s %s: max |dU_local - dU_full| = %.2e eV%n", pot.name(), label, maxErr);
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("cases")
    void trackedEnergyAfterManyMoves(Supplier<Potential> ps, Cell cell, int n, String label) {
        Potential pot = ps.get();
        Rng rng = new Rng(5);
        Structure s = randomStructure(cell, n, rng, 2.8);
        // species Na exchangeable, Ar (Z = 18) fixed; μ chosen to keep N near its start
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.99, 0, -0.35);
        Gcmc mc = new Gcmc(s, pot, 300, List.of(na), null, 0.8, 1.8, rng);
        for (int c = 0; c < 40; c++) mc.cycle(10, 10);
        double drift = mc.recomputeEnergy();
        System.out.printf("tracked energy %s %s: |drift| = %.2e eV after %s%n", pot.name(), label, Math.abs(drift), mc.stats());
        assertEquals(0, drift, 1e-8, "accumulated ΔU over 800 moves equals recomputation");
    }
}
