package org.scalebridge.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;

/** The periodic-structure model: lattice parameters, wrapping, minimum image, supercells, reduction, density. */
class StructureModelTest {

    /** A random rotation (uniform enough for tests: product of three axis rotations). */
    static double[] randomRotation(Rng rng) {
        double a = 2 * Math.PI * rng.nextDouble(), b = Math.PI * rng.nextDouble(), c = 2 * Math.PI * rng.nextDouble();
        double[] rz1 = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rz2 = {Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1};
        return mul(rz1, mul(ry, rz2));
    }

    static double[] mul(double[] p, double[] q) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[3 * i + j] += p[3 * i + k] * q[3 * k + j];
        return r;
    }

    /** Rows of H rotated: each lattice vector v → R v. */
    static Cell rotate(Cell c, double[] rot) {
        double[] h = c.matrix(), out = new double[9];
        for (int i = 0; i < 3; i++) for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) out[3 * i + a] += rot[3 * a + b] * h[3 * i + b];
        return Cell.ofRowMajor(out, null);
    }

    /** Random triclinic cell with strong tilts (tilt components up to {@code skew} times the diagonal). */
    static Cell skewedCell(Rng rng, double skew) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) r[i][i] = 3 + 9 * rng.nextDouble();
        r[1][0] = skew * (2 * rng.nextDouble() - 1) * r[0][0];
        r[2][0] = skew * (2 * rng.nextDouble() - 1) * r[0][0];
        r[2][1] = skew * (2 * rng.nextDouble() - 1) * r[1][1];
        return rotate(new Cell(r), randomRotation(rng));
    }

    @Test
    void latticeParametersRoundTrip() {
        Rng rng = new Rng(11);
        for (int t = 0; t < 500; t++) {
            double a = 2 + 20 * rng.nextDouble(), b = 2 + 20 * rng.nextDouble(), c = 2 + 20 * rng.nextDouble();
            double al = 50 + 80 * rng.nextDouble(), be = 50 + 80 * rng.nextDouble(), ga = 50 + 80 * rng.nextDouble();
            Cell cell;
            try {
                cell = Cell.fromParameters(a, b, c, al, be, ga);
            } catch (InputException impossible) {
                continue; // angle triples that do not close a cell are rejected, as they must be
            }
            // 1e-9 relative: a handful of floating-point operations on O(10) numbers
            assertArrayEquals(new double[] {a, b, c, al, be, ga}, cell.parameters(), 1e-9, "trial " + t);
            // vectors → parameters → vectors reproduces the metric of an arbitrarily oriented cell
            Cell rotated = rotate(cell, randomRotation(rng));
            double[] p = rotated.parameters();
            Cell back = Cell.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
            assertArrayEquals(CellReduction.metric(rotated.matrix()), CellReduction.metric(back.matrix()), 1e-8);
            assertEquals(rotated.volume(), back.volume(), 1e-9 * rotated.volume());
        }
        assertThrows(InputException.class, () -> Cell.fromParameters(5, 5, 5, 10, 10, 170));
        assertThrows(InputException.class, () -> Cell.fromParameters(-5, 5, 5, 90, 90, 90));
    }

    @Test
    void wrapAndUnwrapTrackImages() {
        Rng rng = new Rng(3);
        for (int t = 0; t < 50; t++) {
            Cell cell = skewedCell(rng, 1.5);
            Structure s = new Structure(cell);
            double[][] orig = new double[40][];
            for (int i = 0; i < 40; i++) {
                s.addAtom(1 + rng.nextInt(30), 0, 0, 0);
                s.setFractional(i, 20 * rng.nextDouble() - 10, 20 * rng.nextDouble() - 10, 20 * rng.nextDouble() - 10);
                orig[i] = new double[] {s.x(i), s.y(i), s.z(i)};
            }
            s.wrap();
            double[] r = new double[3];
            for (int i = 0; i < 40; i++) {
                double[] f = s.fractional(i);
                for (double v : f) assertTrue(v >= -1e-12 && v < 1 + 1e-12, "wrapped fraction " + v);
                s.unwrapped(i, r);
                // positions up to ~100 Å: round-off 1e-9 Å
                assertArrayEquals(orig[i], r, 1e-9);
            }
            // wrapping twice changes nothing; unwrap() restores the original coordinates and zeroes images
            s.wrap();
            s.unwrap();
            for (int i = 0; i < 40; i++) {
                assertArrayEquals(orig[i], new double[] {s.x(i), s.y(i), s.z(i)}, 1e-9);
                assertArrayEquals(new int[] {0, 0, 0}, Arrays.copyOfRange(s.images(), 3 * i, 3 * i + 3));
            }
        }
    }

    @Test
    void wrapRespectsNonPeriodicDirections() {
        Cell cell = new Cell(new double[][] {{5, 0, 0}, {1, 6, 0}, {0, 0, 7}}, new boolean[] {true, true, false});
        Structure s = new Structure(cell);
        s.addAtom(6, 12, -3, 30);
        s.wrap();
        assertEquals(30.0, s.z(0), 1e-12);
        assertEquals(0, s.images()[2]);
    }

    /** Shortest image by exhaustive search over a range of images large enough for the cell. */
    static double bruteMinImage2(Cell c, double[] d) {
        double[] h = c.matrix();
        double[] w = c.perpendicularWidths();
        double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double best = Double.MAX_VALUE;
        int[] m = new int[3];
        for (int k = 0; k < 3; k++) m[k] = (int) Math.ceil(len / w[k]) + 2;
        for (int a = -m[0]; a <= m[0]; a++) for (int b = -m[1]; b <= m[1]; b++) for (int cc = -m[2]; cc <= m[2]; cc++) {
            double x = d[0] + a * h[0] + b * h[3] + cc * h[6];
            double y = d[1] + a * h[1] + b * h[4] + cc * h[7];
            double z = d[2] + a * h[2] + b * h[5] + cc * h[8];
            best = Math.min(best, x * x + y * y + z * z);
        }
        return best;
    }

    @Test
    void minimumImageMatchesBruteForceOnStronglySkewedCells() {
        Rng rng = new Rng(5);
        int naiveWrong = 0;
        for (int t = 0; t < 300; t++) {
            Cell cell = skewedCell(rng, t < 150 ? 1.0 : 2.5);
            for (int k = 0; k < 40; k++) {
                double[] f = {4 * rng.nextDouble() - 2, 4 * rng.nextDouble() - 2, 4 * rng.nextDouble() - 2};
                double[] d = new double[3];
                cell.toCartesian(f, d);
                double[] orig = d.clone();
                double got = cell.minimumImage(d);
                double ref = bruteMinImage2(cell, orig);
                // squared lengths up to ~1e3 Å²: 1e-9 relative
                assertEquals(ref, got, 1e-9 * Math.max(1, ref), "trial " + t + " " + cell);
                // the returned vector is an image of the input (differs by a lattice vector) and has that length
                double[] df = new double[3];
                cell.toFractional(new double[] {d[0] - orig[0], d[1] - orig[1], d[2] - orig[2]}, df);
                for (double v : df) assertEquals(Math.rint(v), v, 1e-9);
                assertEquals(got, d[0] * d[0] + d[1] * d[1] + d[2] * d[2], 1e-9 * Math.max(1, got));
                // count how often plain rounding of fractional coordinates would have been wrong
                double[] fr = new double[3];
                cell.toFractional(orig, fr);
                for (int q = 0; q < 3; q++) fr[q] -= Math.rint(fr[q]);
                double[] nr = new double[3];
                cell.toCartesian(fr, nr);
                if (nr[0] * nr[0] + nr[1] * nr[1] + nr[2] * nr[2] > ref * (1 + 1e-9) + 1e-12) naiveWrong++;
            }
        }
        // the test cells are skewed enough that naive rounding fails often: otherwise the test would prove nothing
        assertTrue(naiveWrong > 500, "naive rounding wrong only " + naiveWrong + " times");
    }

    static Structure rockSalt(double a) {
        Structure s = new Structure(Cell.orthorhombic(a, a, a));
        double[][] fcc = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        for (double[] p : fcc) {
            s.addAtom("Na", 0, 0, 0);
            s.setFractional(s.size() - 1, p[0], p[1], p[2]);
            s.addAtom("Cl", 0, 0, 0);
            s.setFractional(s.size() - 1, p[0] + .5, p[1], p[2]);
        }
        return s;
    }

    /** Sorted distances from atom i to every neighbour image within rc (a fingerprint of its environment). */
    static List<Double> environment(Structure s, int i, double rc) {
        List<Double> out = new ArrayList<>();
        NeighborList nl = new NeighborList(rc, 0, false);
        nl.build(s);
        double[] sv = nl.shiftVectors();
        for (int k = nl.offsets()[i]; k < nl.offsets()[i + 1]; k++) {
            int j = nl.neighbors()[k], si = nl.shiftIndex()[k];
            double dx = s.x(j) - s.x(i) + sv[3 * si], dy = s.y(j) - s.y(i) + sv[3 * si + 1], dz = s.z(j) - s.z(i) + sv[3 * si + 2];
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (r < rc) out.add(Math.round(r * 1e6) / 1e6 + s.atomicNumber(j) * 1000.0);
        }
        out.sort(null);
        return out;
    }

    @Test
    void supercellsByIntegerMatricesIncludingNonDiagonal() {
        Structure prim = rockSalt(5.64);
        int[][] matrices = {
            {2, 0, 0, 0, 1, 0, 0, 0, 3},
            {1, 1, 0, -1, 1, 0, 0, 0, 1},      // 45° rotated square base, det 2
            {1, 1, 1, 0, 1, 1, 0, 0, 1},       // unimodular shear: same lattice, new basis
            {0, 1, 1, 1, 0, 1, 1, 1, 0},       // det 2
            {2, -1, 0, 1, 2, 1, 0, 1, 3},      // det 10
        };
        for (int[] m : matrices) {
            long det = CellReduction.det(m);
            Structure sc = prim.supercell(m);
            assertEquals(prim.size() * Math.abs(det), sc.size());
            assertEquals(prim.cell().volume() * Math.abs(det), sc.cell().volume(), 1e-9 * sc.cell().volume());
            // density and composition ratios are invariant
            assertEquals(prim.density(), sc.density(), 1e-12);
            assertEquals(prim.count(11) * Math.abs(det), sc.count(11));
            // every atom of the supercell sits on an original site shifted by a lattice vector of the original
            for (int i = 0; i < sc.size(); i++) {
                double[] f = new double[3];
                prim.cell().toFractional(new double[] {sc.x(i), sc.y(i), sc.z(i)}, f);
                boolean found = false;
                for (int j = 0; j < prim.size() && !found; j++) {
                    double[] g = prim.fractional(j);
                    boolean same = prim.atomicNumber(j) == sc.atomicNumber(i);
                    for (int q = 0; q < 3 && same; q++) same = Math.abs(f[q] - g[q] - Math.rint(f[q] - g[q])) < 1e-9;
                    found = same;
                }
                assertTrue(found, "supercell atom " + i + " is not a lattice translate of an original atom");
            }
            // and every atom has the same environment as in the original crystal (no duplicates, no holes)
            List<Double> na = environment(prim, 0, 6.0), cl = environment(prim, 1, 6.0);
            for (int i = 0; i < sc.size(); i++) {
                assertEquals(sc.atomicNumber(i) == 11 ? na : cl, environment(sc, i, 6.0), "matrix " + Arrays.toString(m));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> prim.supercell(new int[] {1, 0, 0, 2, 0, 0, 0, 0, 1}));
    }

    @Test
    void niggliReductionOfTheKrivyGruberExample() {
        // Křivý & Gruber (1976) example: metric (A,B,C,ξ,η,ζ) = (9, 27, 4, −5, −4, −22) reduces to (4, 9, 9, 9, 3, 4)
        Cell cell = cellFromMetric(9, 27, 4, -5, -4, -22);
        CellReduction.Result r = CellReduction.niggli(cell);
        assertArrayEquals(new double[] {4, 9, 9, 9, 3, 4}, r.metric(), 1e-9);
    }

    /** A cell with a given Niggli metric (Cholesky of the Gram matrix). */
    static Cell cellFromMetric(double A, double B, double C, double xi, double eta, double zeta) {
        double a = Math.sqrt(A), b = Math.sqrt(B), c = Math.sqrt(C);
        return Cell.fromParameters(a, b, c, Math.toDegrees(Math.acos(xi / (2 * b * c))),
                Math.toDegrees(Math.acos(eta / (2 * a * c))), Math.toDegrees(Math.acos(zeta / (2 * a * b))));
    }

    static int[] randomUnimodular(Rng rng) {
        int[] m = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        for (int s = 0; s < 6; s++) {
            int i = rng.nextInt(3), j = (i + 1 + rng.nextInt(2)) % 3;
            int f = rng.nextInt(5) - 2;
            for (int d = 0; d < 3; d++) m[3 * i + d] += f * m[3 * j + d];
        }
        return m;
    }

    @Test
    void reducedCellsDescribeTheSameLattice() {
        Rng rng = new Rng(17);
        for (int t = 0; t < 300; t++) {
            Cell cell = Cell.fromParameters(3 + 6 * rng.nextDouble(), 3 + 6 * rng.nextDouble(), 3 + 6 * rng.nextDouble(),
                    70 + 40 * rng.nextDouble(), 70 + 40 * rng.nextDouble(), 70 + 40 * rng.nextDouble());
            int[] u = randomUnimodular(rng);
            Cell sheared = rotate(cell.supercell(u), randomRotation(rng));
            CellReduction.Result r1 = CellReduction.niggli(cell), r2 = CellReduction.niggli(sheared);
            // same lattice ⇒ the same Niggli metric (unique reduced form); 1e-6 relative covers the ε-comparisons
            double scale = r1.metric()[2];
            double[] g1 = r1.metric(), g2 = r2.metric();
            for (int k = 0; k < 6; k++) assertEquals(g1[k], g2[k], 1e-6 * scale, "trial " + t + " component " + k);
            for (CellReduction.Result r : List.of(r1, r2)) {
                double[] g = r.metric();
                double eps = 1e-6 * scale;
                assertTrue(g[0] <= g[1] + eps && g[1] <= g[2] + eps, "A ≤ B ≤ C");
                assertTrue(Math.abs(g[3]) <= g[1] + eps && Math.abs(g[4]) <= g[0] + eps && Math.abs(g[5]) <= g[0] + eps);
                assertTrue(g[3] + g[4] + g[5] + g[0] + g[1] >= -eps);
                assertEquals(1, CellReduction.det(r.transform()), "unimodular, right-handed");
            }
            // the reduced vectors are integer combinations of the original ones (M·H), volume kept
            Cell viaM = sheared.supercell(r2.transform());
            assertArrayEquals(viaM.matrix(), r2.cell().matrix(), 1e-9 * scale);
            assertEquals(sheared.volume(), r2.cell().volume(), 1e-9 * sheared.volume());
            // and the original vectors are integer combinations of the reduced ones
            double[] f = new double[3];
            for (int i = 0; i < 3; i++) {
                r2.cell().toFractional(sheared.vector(i), f);
                for (double v : f) assertEquals(Math.rint(v), v, 1e-8);
            }
        }
    }

    @Test
    void reducedStructureIsTheSameCrystal() {
        Structure prim = rockSalt(5.64);
        Structure sheared = prim.supercell(new int[] {1, 3, 1, 0, 1, 2, 0, 0, 1}); // unimodular: needle-like cell
        Structure red = CellReduction.niggli(sheared);
        double[] p = red.cell().parameters();
        assertEquals(5.64, p[0], 1e-9);
        assertEquals(90, p[3], 1e-9);
        List<Double> na = environment(prim, 0, 6.0), cl = environment(prim, 1, 6.0);
        for (int i = 0; i < red.size(); i++) {
            assertEquals(red.atomicNumber(i) == 11 ? na : cl, environment(red, i, 6.0));
            for (double f : red.fractional(i)) assertTrue(f >= -1e-12 && f < 1 + 1e-12);
        }
    }

    @Test
    void densityAndComposition() {
        Structure nacl = rockSalt(5.64);
        // 4 NaCl (58.443 g/mol) in (5.64 Å)³: 2.1645 g/cm³ (textbook 2.165); 1e-3 covers the element-table masses
        assertEquals(4 * (Elements.mass(11) + Elements.mass(17)) / (Math.pow(5.64, 3) * 0.602214076), nacl.density(), 1e-9);
        assertEquals(2.165, nacl.density(), 2e-3);
        Map<String, Integer> comp = nacl.composition();
        assertEquals(Map.of("Na", 4, "Cl", 4), comp);
        assertEquals("Na4Cl4", nacl.formula());
    }
}
