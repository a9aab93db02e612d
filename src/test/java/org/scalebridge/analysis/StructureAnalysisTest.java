package org.scalebridge.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** RDF normalisation, exact crystal coordination numbers, bond angles, Na coordination and PBA phase rules. */
class StructureAnalysisTest {

    /** fcc (Cu, a = 4 Å) in its primitive rhombohedral (triclinic, 60°) cell, repeated 4×4×4. */
    static Structure fccPrimitive(double a) {
        Cell c = new Cell(new double[][] {{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}});
        Structure s = new Structure(c);
        s.addAtom(29, 0, 0, 0);
        return s.repeat(4, 4, 4);
    }

    static Structure rockSalt(double a) {
        Structure s = new Structure(Cell.orthorhombic(a, a, a));
        double[][] f = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        for (double[] p : f) {
            s.addAtom(11, p[0] * a, p[1] * a, p[2] * a);
            s.addAtom(17, ((p[0] + .5) % 1) * a, p[1] * a, p[2] * a);
        }
        return s.repeat(3, 3, 3);
    }

    @Test
    void perfectCrystalCoordinationNumbersAreExact() {
        double a = 4.0;
        Rdf rdf = Rdf.forSpeciesOf(fccPrimitive(a), 5.4, 540);
        rdf.accumulate(fccPrimitive(a));
        // shells at a/√2 (12), a (6), a√1.5 (24), a√2 (12): cumulative 12, 18, 42, 54
        assertEquals(12.0, rdf.coordinationAt(29, 29, 3.5), 0);
        assertEquals(18.0, rdf.coordinationAt(29, 29, 4.5), 0);
        assertEquals(42.0, rdf.coordinationAt(29, 29, 5.2), 0);
        assertEquals(0.0, rdf.coordinationAt(29, 29, 2.7), 0);

        Structure nacl = rockSalt(5.64);
        Rdf r2 = Rdf.forSpeciesOf(nacl, 5.0, 500);
        r2.accumulate(nacl);
        assertEquals(6.0, r2.coordinationAt(11, 17, 3.0), 0);   // Na–Cl at a/2
        assertEquals(12.0, r2.coordinationAt(11, 11, 4.2), 0);  // Na–Na at a/√2
        assertEquals(14.0, r2.coordinationAt(11, 17, 4.95), 0); // Na–Cl second shell at a√3/2 = 4.884 → 6 + 8 = 14
    }

    @Test
    void idealGasRdfIsOneInTriclinicCell() {
        Rng rng = new Rng(99);
        Cell cell = Cell.fromParameters(18, 20, 22, 75, 100, 65);
        Rdf rdf = new Rdf(6.0, 30, new int[] {1, 2});
        int frames = 20, n = 1500;
        for (int f = 0; f < frames; f++) {
            Structure s = new Structure(cell, n);
            double[] fr = new double[3], r = new double[3];
            for (int i = 0; i < n; i++) {
                fr[0] = rng.nextDouble(); fr[1] = rng.nextDouble(); fr[2] = rng.nextDouble();
                cell.toCartesian(fr, r);
                s.addAtom(i % 3 == 0 ? 2 : 1, r[0], r[1], r[2]);
            }
            rdf.accumulate(s);
        }
        double rho = n / cell.volume();
        for (int[] p : rdf.pairs()) {
            double[] g = rdf.g(p[0], p[1]);
            double[] r = rdf.r();
            double mean = 0, chi2 = 0;
            for (int k = 5; k < g.length; k++) {
                // Poisson counting error of a bin: σ_g = 1/sqrt(expected count)
                double nA = n * (p[0] == 2 ? 1.0 / 3 : 2.0 / 3), nB = n * (p[1] == 2 ? 1.0 / 3 : 2.0 / 3);
                double shell = 4 * Math.PI * r[k] * r[k] * 0.2;
                // independent (unordered) pairs: like-species ordered counts hold every pair twice
                double expected = frames * nA * nB / cell.volume() * shell / (p[0] == p[1] ? 2 : 1);
                chi2 += Math.pow((g[k] - 1) * Math.sqrt(expected), 2);
                mean += g[k] / (g.length - 5);
            }
            System.out.printf("ideal gas g_%d%d: mean over r>1 Å = %.5f, chi2/dof = %.3f%n", p[0], p[1], mean, chi2 / (g.length - 5));
            assertEquals(1.0, mean, 0.01);
            // pair counts of a fixed configuration are not independent Poisson variables across pairs, but the per-bin
            // variance stays ≈ expected count: χ²/dof within a loose factor of 2 of 1 detects a normalisation error of ≥ 1%
            assertTrue(chi2 / (g.length - 5) < 2.0, "chi2/dof " + chi2 / (g.length - 5));
        }
        assertTrue(rho > 0);
    }

    /** Fe–C≡N–Mn framework (Fm-3m, a = 10.2 Å): Fe on fcc sites, Mn on octahedral sites, CN along ±x,±y,±z. */
    static Structure pba(double a, double tiltDeg) { return pba(a, tiltDeg, 1); }

    static Structure pba(double a, double tiltDeg, int rep) {
        Structure s = new Structure(Cell.orthorhombic(rep * a, rep * a, rep * a));
        for (int ix = 0; ix < rep; ix++) for (int iy = 0; iy < rep; iy++) for (int iz = 0; iz < rep; iz++)
            addPbaCell(s, a, tiltDeg, ix * a, iy * a, iz * a);
        s.wrap();
        return s;
    }

    static void addPbaCell(Structure s, double a, double tiltDeg, double ox, double oy, double oz) {
        double[][] fcc = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        double dFeC = 1.92, dCN = 1.16;
        double t = Math.toRadians(tiltDeg);
        for (double[] p : fcc) {
            double x = ox + p[0] * a, y = oy + p[1] * a, z = oz + p[2] * a;
            s.addAtom(26, x, y, z);
            s.addAtom(25, x + a / 2, y, z);
            for (int ax = 0; ax < 3; ax++) for (int sg = -1; sg <= 1; sg += 2) {
                double[] u = new double[3];
                u[ax] = sg;
                // rotate the bond about the cell's z axis by the tilt (a simple rigid rotation of each Fe octahedron)
                double ux = u[0] * Math.cos(t) - u[1] * Math.sin(t), uy = u[0] * Math.sin(t) + u[1] * Math.cos(t);
                s.addAtom(6, x + dFeC * ux, y + dFeC * uy, z + dFeC * u[2]);
                s.addAtom(7, x + (dFeC + dCN) * ux, y + (dFeC + dCN) * uy, z + (dFeC + dCN) * u[2]);
            }
        }
    }

    @Test
    void bondAnglesOfFrameworkAndSimpleCubic() {
        BondAngles fecn = new BondAngles(26, 6, 7, 2.2, 1.5, 180);
        fecn.accumulate(pba(10.2, 0));
        assertEquals(24, fecn.total()); // 4 Fe × 6 C, one Fe–C–N angle per C
        assertEquals(180.0, fecn.mean(), 1e-6);
        // C–Fe–C at the Fe vertex: 15 pairs per octahedron, 12 at 90° and 3 at 180°
        BondAngles cfec = new BondAngles(6, 26, 6, 2.2, 2.2, 180);
        cfec.accumulate(pba(10.2, 0));
        assertEquals(60, cfec.total());
        double[] c = cfec.counts();
        assertEquals(48, c[89] + c[90], 0); // exactly 90° may round into either neighbouring bin
        assertEquals(12, c[179], 0);
    }

    @Test
    void sodiumCoordinationDistribution() {
        Structure nacl = rockSalt(5.64);
        Coordination cn = new Coordination(11, new int[] {17}, Coordination.DEFAULT_RADIUS);
        assertEquals(6.0, cn.accumulate(nacl), 0);
        double[] d = cn.distribution();
        assertEquals(1.0, d[6], 0);
        Coordination any = new Coordination(11, null, 4.2); // 6 Cl + 12 Na
        assertEquals(18.0, any.accumulate(nacl), 0);
    }

    @Test
    void pbaPhaseRules() {
        PbaPhase id = PbaPhase.defaults(new int[] {1, 1, 1});
        PbaPhase.Result cubic = id.classify(pba(10.2, 0));
        assertEquals("cubic", cubic.phase(), cubic.reason());
        assertEquals(8, cubic.octahedra(), 0); // 4 Fe + 4 Mn all six-coordinated (Mn by N)
        assertEquals(0.0, cubic.tiltDeg(), 1e-6);

        Structure tet = pba(10.2, 0);
        tet.setCellScaled(Cell.orthorhombic(10.2, 10.2, 10.9));
        assertEquals("tetragonal", id.classify(tet).phase());

        Structure rh = pba(10.2, 0);
        rh.setCellScaled(Cell.fromParameters(10.2, 10.2, 10.2, 93, 93, 93));
        PbaPhase.Result r = id.classify(rh);
        assertEquals("rhombohedral", r.phase(), r.reason());

        PbaPhase.Result tilted = id.classify(pba(10.2, 8));
        assertEquals("rhombohedral", tilted.phase(), tilted.reason());
        assertTrue(tilted.tiltDeg() > 3);

        // uncorrelated thermal noise (0.15 Å on every atom of a 2×2×2 cubic framework) is not a cooperative tilt
        Structure noisy = pba(10.2, 0, 2);
        Rng rng = new Rng(17);
        for (int i = 0; i < noisy.size(); i++)
            noisy.setPosition(i, noisy.x(i) + 0.15 * rng.nextGaussian(), noisy.y(i) + 0.15 * rng.nextGaussian(), noisy.z(i) + 0.15 * rng.nextGaussian());
        PbaPhase.Result n = PbaPhase.defaults(new int[] {2, 2, 2}).classify(noisy);
        System.out.printf("PBA phase: 8° tilt → %.2f°; 0.15 Å noise → %.2f° (%s)%n", tilted.tiltDeg(), n.tiltDeg(), n.phase());
        assertEquals("cubic", n.phase(), n.reason());
        assertTrue(n.octahedra() > 50, "octahedra " + n.octahedra()); // a few bonds stretch beyond 2.6 Å under the noise
    }

    @Test
    void timeSeriesBlockError() {
        double[] v = new double[1000], t = new double[1000];
        Rng rng = new Rng(3);
        for (int k = 0; k < v.length; k++) { t[k] = k; v[k] = 2 + rng.nextGaussian(); }
        TimeSeries ts = TimeSeries.of("x", t, v, 20);
        assertEquals(2, ts.mean(), 4 * ts.standardError());
        assertEquals(1 / Math.sqrt(1000), ts.standardError(), 0.4 / Math.sqrt(1000));
    }
}
