package org.scalebridge.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Forces against central differences of the energy, and the virial against the strain derivative
 * W_ba = −∂E/∂ε_ab (positions and cell deformed together by I + ε), for every term, in triclinic cells.
 *
 * <p>Step h = 1e-5 Å (strain 1e-6): the central-difference truncation error is ~h²·E''' ≈ 1e-9 of the force
 * scale and round-off ~1e-16·|E|/h; tolerances are 1e-6 relative to the largest force / virial component
 * (plus a small absolute floor), far above both and far below any real error (a wrong term is O(1) off).
 */
class FiniteDifferenceTest {
    static final Cell TRIC = new Cell(new double[][] {{11.3, 0, 0}, {2.7, 10.6, 0}, {-1.9, 1.4, 12.2}});

    static void check(Potential p, Structure s, String label) {
        ForceResult r = new ForceResult().request(true, true, true);
        p.compute(s, r);
        double[] f = r.forcesCopy();
        double[] w = r.virial().clone();
        double fscale = 0;
        for (double v : f) fscale = Math.max(fscale, Math.abs(v));
        double h = 1e-5;
        double worstF = 0;
        int n = s.size();
        for (int i = 0; i < n; i += Math.max(1, n / 7)) {
            for (int d = 0; d < 3; d++) {
                Structure a = s.copy(), b = s.copy();
                a.positions()[3 * i + d] += h;
                b.positions()[3 * i + d] -= h;
                double fd = -(p.energy(a) - p.energy(b)) / (2 * h);
                worstF = Math.max(worstF, Math.abs(fd - f[3 * i + d]));
                assertEquals(fd, f[3 * i + d], 1e-6 * fscale + 1e-8, label + " force atom " + i + " dim " + d);
            }
        }
        double eps = 1e-6, wscale = 1e-3;
        for (double v : w) wscale = Math.max(wscale, Math.abs(v));
        double worstW = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double[] e = new double[9];
                e[3 * a + b] = eps;
                double ep = p.energy(strained(s, e));
                e[3 * a + b] = -eps;
                double em = p.energy(strained(s, e));
                double fd = -(ep - em) / (2 * eps);
                worstW = Math.max(worstW, Math.abs(fd - w[3 * b + a]));
                assertEquals(fd, w[3 * b + a], 1e-6 * wscale + 1e-8, label + " virial " + b + a);
            }
        }
        System.out.printf("FD %s: max |F − F_fd| = %.2e eV/Å (max |F| %.2e), max |W − W_fd| = %.2e eV (max |W| %.2e)%n",
                label, worstF, fscale, worstW, wscale);
    }

    static Structure strained(Structure s, double[] eps) {
        Structure t = s.copy();
        Cell c = s.cell().deformed(eps);
        double[] p = t.positions();
        for (int i = 0; i < t.size(); i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            p[3 * i] = x + eps[0] * x + eps[1] * y + eps[2] * z;
            p[3 * i + 1] = y + eps[3] * x + eps[4] * y + eps[5] * z;
            p[3 * i + 2] = z + eps[6] * x + eps[7] * y + eps[8] * z;
        }
        t.setCell(c);
        return t;
    }

    static Structure random(int n, String[] sp, boolean charges, long seed) {
        Rng rng = new Rng(seed);
        Structure s = LocalChangeTest.randomStructure(rng, TRIC, n, sp, charges);
        if (charges) { // make it neutral
            double q = 0;
            for (int i = 0; i < s.size(); i++) q += s.charges()[i];
            for (int i = 0; i < s.size(); i++) s.charges()[i] -= q / s.size();
        }
        return s;
    }

    @Test
    void lennardJonesWithTail() {
        // the tail virial is the standard homogeneous-fluid pressure term, not a strain derivative of E_tail
        // (scaling also moves pairs across r_c), so the FD check uses the truncated-and-shifted form
        check(new LennardJones(LennardJones.table(6.0).pair("Ar", "Ar", 0.0103, 3.4).pair("Kr", "Kr", 0.014, 3.6)
                .mixing(LennardJones.LORENTZ_BERTHELOT), true, false), random(60, new String[] {"Ar", "Kr"}, false, 1), "LJ");
    }

    @Test
    void buckinghamBornMorse() {
        Structure s = random(60, new String[] {"Na", "Cl"}, false, 2);
        check(new Buckingham(Buckingham.table(6.0).pair("Na", "Na", 423.6, 0.317, 1.05).pair("Na", "Cl", 1254.9, 0.317, 6.99)
                .pair("Cl", "Cl", 3485.1, 0.317, 72.4), true), s, "Buckingham");
        check(new BornMayerHuggins(BornMayerHuggins.table(6.0).pair("Na", "Na", 0.2637, 0.317, 2.34, 1.0486, 0.4994)
                .pair("Na", "Cl", 0.2110, 0.317, 2.755, 6.9906, 8.6758).pair("Cl", "Cl", 0.1582, 0.317, 3.17, 72.4, 145.4), true), s, "Born");
        check(new MorsePair(MorsePair.table(6.0).pair("Na", "Na", 0.1, 1.3, 3.5).pair("Na", "Cl", 0.3, 1.5, 2.9)
                .pair("Cl", "Cl", 0.05, 1.1, 4.0), true), s, "Morse");
    }

    @Test
    void coulombDsfAndEwald() {
        Structure s = random(50, new String[] {"Na", "Cl"}, true, 3);
        check(new DsfCoulomb(TypeMap.of("Na", "Cl"), 0.25, 7.0, Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.OMIT), s, "DSF");
        check(new EwaldCoulomb(TypeMap.of("Na", "Cl"), 6.0, 1e-10, Double.NaN, Erfc.Mode.EXACT), s, "Ewald");
        // a net charge exercises the neutralising-background energy and virial
        Structure charged = s.copy();
        charged.charges()[0] += 0.7;
        check(new EwaldCoulomb(TypeMap.of("Na", "Cl"), 6.0, 1e-10, Double.NaN, Erfc.Mode.EXACT), charged, "Ewald charged");
    }

    @Test
    void bondedFrameworkWithExclusions() throws Exception {
        Path dir = RefXyz.reference().resolve("lammps/A4_cyanide_framework/tric");
        Structure s = RefXyz.read(dir.resolve("structure.extxyz")).structure;
        Topology topo = FrameworkReferenceTest.topology(dir.resolve("topology.json"));
        check(FrameworkReferenceTest.a4(topo, s.size(), Erfc.Mode.EXACT, DsfCoulomb.ExclusionStyle.SUBTRACT_BARE), s, "A4 LJ+DSF(excl)+bonds+angles");
        check(new BondedPotential(topo), s, "A4 bonded only");
    }

    @Test
    void nearLinearAngle() {
        // Fe–C≡N bridge bent by 0.6° (sin θ ≈ 0.01, above LAMMPS' 0.001 clamp) and a bent 170° one
        for (double bend : new double[] {0.6, 10}) {
            Structure s = new Structure(TRIC);
            double t = Math.toRadians(bend);
            s.addAtom("Fe", 3, 3, 3);
            s.addAtom("C", 3 + 1.92, 3, 3);
            s.addAtom("N", 3 + 1.92 + 1.16 * Math.cos(t), 3 + 1.16 * Math.sin(t), 3.01);
            Topology topo = new Topology();
            topo.addAngleType(new Topology.AngleType(1.0, 180, "Fe-C-N"));
            topo.addBondType(Topology.BondType.morse(7.8, 2.6, 1.16, "CN"));
            topo.addAngle(0, 0, 1, 2);
            topo.addBond(0, 1, 2);
            check(new BondedPotential(topo), s, "angle bent " + bend + "°");
        }
    }

    @Test
    void threadsGiveSameResultAsSerial() throws Exception {
        Path dir = RefXyz.reference().resolve("lammps/A1_lj_argon/tric");
        Structure s = RefXyz.read(dir.resolve("structure.extxyz")).structure;
        LennardJones one = LennardJonesTest.argon(false, false), two = LennardJonesTest.argon(false, false);
        two.setThreads(2);
        ForceResult a = new ForceResult(), b = new ForceResult(), c = new ForceResult();
        one.compute(s, a);
        two.compute(s, b);
        two.compute(s, c);
        assertEquals(a.energy(), b.energy(), 1e-12 * Math.abs(a.energy()));
        // deterministic for a fixed thread count: bit-identical repeat
        assertEquals(b.energy(), c.energy(), 0.0);
        for (int k = 0; k < 3 * s.size(); k++) {
            assertEquals(b.forces()[k], c.forces()[k], 0.0);
            assertEquals(a.forces()[k], b.forces()[k], 1e-14);
        }
        assertTrue(b.virial()[0] == c.virial()[0]);
    }
}
