package org.scalebridge.structure.builders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.InputException;
import org.scalebridge.structure.NeighborList;
import org.scalebridge.structure.Structure;

/** The MnFePBA builder: composition, bonds and angles against the paper's per-phase numbers, box sizes, series. */
class PbaBuilderTest {

    /** Bond-length tolerance of the issue: 0.05 Å of the per-phase targets. */
    static final double BOND_TOL = 0.05;

    /** Neighbours j of atom i with atomic number zj within rc, as (index, distance), nearest first. */
    static List<double[]> near(Structure s, NeighborList nl, int i, int zj, double rc) {
        List<double[]> out = new ArrayList<>();
        double[] sv = nl.shiftVectors();
        for (int k = nl.offsets()[i]; k < nl.offsets()[i + 1]; k++) {
            int j = nl.neighbors()[k];
            if (s.atomicNumber(j) != zj) continue;
            int si = nl.shiftIndex()[k];
            double dx = s.x(j) - s.x(i) + sv[3 * si], dy = s.y(j) - s.y(i) + sv[3 * si + 1], dz = s.z(j) - s.z(i) + sv[3 * si + 2];
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (r < rc) out.add(new double[] {j, r, dx, dy, dz});
        }
        out.sort((a, b) -> Double.compare(a[1], b[1]));
        return out;
    }

    static double angle(double[] u, double[] v) {
        double c = (u[2] * v[2] + u[3] * v[3] + u[4] * v[4]) / (u[1] * v[1]);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    static double[] neg(double[] v) { return new double[] {v[0], v[1], -v[2], -v[3], -v[4]}; }

    /** Checks every bond and bridge angle of a built structure against the phase's targets. */
    static void checkFramework(Structure s, PbaPhase ph, double[] feCN, double[] mnNC) {
        NeighborList nl = new NeighborList(3.0, 0, false);
        nl.build(s);
        double minFeCN = 360, maxFeCN = 0, minMnNC = 360, maxMnNC = 0;
        for (int i = 0; i < s.size(); i++) {
            int z = s.atomicNumber(i);
            if (z == 26) {
                List<double[]> c = near(s, nl, i, 6, 2.4);
                assertEquals(6, c.size(), "Fe needs 6 C");
                for (double[] b : c) assertEquals(ph.feC, b[1], BOND_TOL, "Fe–C");
            } else if (z == 25) {
                List<double[]> n = near(s, nl, i, 7, 2.6);
                assertEquals(6, n.size(), "Mn needs 6 N");
                for (double[] b : n) assertEquals(ph.mnN, b[1], BOND_TOL, "Mn–N");
            } else if (z == 6) {
                double[] fe = near(s, nl, i, 26, 2.4).get(0), n = near(s, nl, i, 7, 1.6).get(0);
                assertEquals(ph.cn, n[1], BOND_TOL, "C≡N");
                double a = angle(fe, n);
                minFeCN = Math.min(minFeCN, a); maxFeCN = Math.max(maxFeCN, a);
            } else if (z == 7) {
                double[] mn = near(s, nl, i, 25, 2.6).get(0), c = near(s, nl, i, 6, 1.6).get(0);
                double a = angle(mn, c);
                minMnNC = Math.min(minMnNC, a); maxMnNC = Math.max(maxMnNC, a);
            }
        }
        assertTrue(minFeCN >= feCN[0] && maxFeCN <= feCN[1], "Fe–C–N " + minFeCN + "…" + maxFeCN);
        assertTrue(minMnNC >= mnNC[0] && maxMnNC <= mnNC[1], "Mn–N–C " + minMnNC + "…" + maxMnNC);
    }

    @Test
    void naRichRhombohedralGeometry() {
        Structure s = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(2).supercell(2, 2, 2).build();
        assertArrayEquals(new double[] {2 * 9.564, 2 * 9.564, 2 * 9.564, 82.6, 82.6, 82.6}, s.cell().parameters(), 1e-9);
        // the paper's ranges: Fe–C–N ≈ 170–175°, Mn–N–C ≈ 138–141°
        checkFramework(s, PbaPhase.RHOMBOHEDRAL, new double[] {170, 175}, new double[] {138, 141});
        // Na at the displaced sites: nearest N at 2.38 Å (paper), and no other atom closer than a Na–N contact
        NeighborList nl = new NeighborList(3.0, 0, false);
        nl.build(s);
        for (int i = 0; i < s.size(); i++) {
            if (s.atomicNumber(i) != 11) continue;
            assertEquals(2.38, near(s, nl, i, 7, 3.0).get(0)[1], BOND_TOL, "Na–N");
            for (int z : new int[] {6, 25, 26, 11}) {
                List<double[]> c = near(s, nl, i, z, 3.0);
                if (!c.isEmpty()) assertTrue(c.get(0)[1] > 2.3, "Na too close to Z=" + z + ": " + c.get(0)[1]);
                if (i == s.size() - 1) System.out.println("Na nearest Z=" + z + ": " + (c.isEmpty() ? "> 3 Å" : c.get(0)[1] + " Å"));
            }
        }
        System.out.println(PbaGeometry.of(PbaPhase.RHOMBOHEDRAL).report());
    }

    @Test
    void naPoorTetragonalGeometry() {
        Structure s = new PbaBuilder(PbaPhase.TETRAGONAL).x(0.2).supercell(2, 2, 2).seed(3).build();
        assertArrayEquals(new double[] {2 * 9.986, 2 * 9.986, 2 * 9.983, 90, 90, 90}, s.cell().parameters(), 1e-9);
        // no angle targets in the Na-poor phase: the bridges stay nearly straight (bent only as the cell requires)
        checkFramework(s, PbaPhase.TETRAGONAL, new double[] {165, 180}, new double[] {165, 180});
        System.out.println(PbaGeometry.of(PbaPhase.TETRAGONAL).report());
    }

    @Test
    void compositionForAnyX() {
        for (PbaPhase ph : PbaPhase.values()) {
            for (double x : new double[] {0, 0.25, 1, 1.8, 2}) {
                Structure s = new PbaBuilder(ph).x(x).supercell(2, 2, 2).seed(1).build();
                int fu = 4 * 8;
                Map<String, Integer> c = s.composition();
                assertEquals(fu, c.get("Fe"));
                assertEquals(fu, c.get("Mn"));
                assertEquals(6 * fu, c.get("C"));
                assertEquals(6 * fu, c.get("N"));
                assertEquals(Math.round(x * fu), s.count(11));
                assertEquals(Math.round(x * fu) / (double) fu, (Double) s.info().get("x"), 1e-12);
            }
        }
        // 2x2x2 at x = 1.8: 57.6 → 58 Na, recorded x = 1.8125
        assertEquals(58, new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.8).supercell(2, 2, 2).build().count(11));
    }

    @Test
    void occupancyIsSeededOrOrdered() {
        PbaBuilder b = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.0).supercell(2, 2, 2);
        Structure a1 = b.seed(7).build(), a2 = b.seed(7).build(), a3 = b.seed(8).build();
        assertArrayEquals(a1.positions(), a2.positions(), "same seed, same structure");
        assertNotEquals(java.util.Arrays.toString(a1.positions()), java.util.Arrays.toString(a3.positions()));
        // ordered x = 1: exactly one Na sublattice, i.e. every occupied site is (u,u,u)+t, none (−u,−u,−u)+t
        Structure o = new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(1.0).supercell(2, 2, 2)
                .occupancy(PbaBuilder.Occupancy.ORDERED).build();
        double u = PbaGeometry.of(PbaPhase.RHOMBOHEDRAL).naOffset();
        for (int i = 0; i < o.size(); i++) {
            if (o.atomicNumber(i) != 11) continue;
            double[] f = o.fractional(i);
            double[] g = {2 * f[0] - u, 2 * f[1] - u, 2 * f[2] - u}; // in unit-cell fractions, minus the offset
            for (double v : g) {
                double r = v * 2 - Math.rint(v * 2);   // (u,u,u)+t: each coordinate offset is a multiple of ½
                assertEquals(0, r, 1e-9, "site not on sublattice 0");
            }
        }
        assertEquals(32, o.count(11));
    }

    @Test
    void eightyAngstromBox() {
        for (PbaPhase ph : PbaPhase.values()) {
            int n = PbaBuilder.cellsFor(ph, 80);
            assertEquals(8, n);
            Structure empty = new PbaBuilder(ph).x(0).supercell(n, n, n).build();
            Structure full = new PbaBuilder(ph).x(2).supercell(n, n, n).build();
            assertEquals(28672, empty.size());        // 512 cells × 56 framework atoms
            assertEquals(32768, full.size());         // + 4096 Na
            assertEquals(4096, full.count(11));
            double[] p = full.cell().parameters();
            assertTrue(p[0] <= 80 && p[0] > 76, "edge " + p[0]);
        }
    }

    @Test
    void interfaceSeries() {
        PbaBuilder b = new PbaBuilder(PbaPhase.RHOMBOHEDRAL);
        List<Structure> series = b.interfaceSeries(32);
        assertEquals(32, series.size());
        for (int n = 1; n <= 32; n++) {
            Structure s = series.get(n - 1);
            assertEquals(56 * n + 4 * n, s.size(), "n=" + n);   // framework + half of the 8n Na sites
            assertEquals(4 * n, s.count(11));
            assertEquals(n, s.info().get("interface_repeats"));
            assertEquals(n * 9.564, s.cell().parameters()[0], 1e-9);
            for (int i = 0; i < s.size(); i++) {
                if (s.atomicNumber(i) != 11) continue;
                double fa = s.fractional(i)[0];
                fa -= Math.floor(fa);
                assertTrue(fa < 0.5, "Na left in the upper half at fa=" + fa);
            }
        }
    }

    @Test
    void badInput() {
        assertThrows(InputException.class, () -> new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(2.5));
        assertThrows(InputException.class, () -> new PbaBuilder(PbaPhase.RHOMBOHEDRAL).x(Double.NaN));
        assertThrows(InputException.class, () -> new PbaBuilder(PbaPhase.RHOMBOHEDRAL).supercell(0, 1, 1));
        assertThrows(InputException.class, () -> new PbaBuilder(null));
        assertEquals(PbaPhase.TETRAGONAL, PbaPhase.parse("Tetragonal"));
        assertEquals(PbaPhase.RHOMBOHEDRAL, PbaPhase.parse("r"));
        assertEquals(null, PbaPhase.parse("cubic"));
    }
}
