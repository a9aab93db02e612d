package org.scalebridge.potential.mtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LocalChange;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** Physics checks of the MTP evaluator: finite differences, invariances, cutoff continuity, local changes, threads. */
class MtpPhysicsTest {
    static final int[] PBA_Z = {11, 25, 26, 6, 7};

    static MtpPotential pba() {
        return new MtpPotential(MtpFormat.read(MtpReferenceTest.ref().resolve("multi/pba5_l10.mtp")), PBA_Z);
    }

    static Structure pbaStructure(int index) {
        List<MlipCfg.Configuration> in = MlipCfg.read(MtpReferenceTest.ref().resolve("multi/pba5_l10_input.cfg"));
        return in.get(index).toStructure(PBA_Z);
    }

    static Structure moStructure(int index) {
        return MlipCfg.read(MtpReferenceTest.ref().resolve("mo/Mo_test.cfg")).get(index).toStructure(new int[] {42});
    }

    static MtpPotential mo16() {
        return new MtpPotential(MtpFormat.read(MtpReferenceTest.ref().resolve("mo/Mo_l16.mtp")), 42);
    }

    @Test
    void forcesAreMinusEnergyGradient() {
        // central differences with h = 1e-5 Å: truncation error ~ h²·E''' ~ 1e-8 eV/Å, rounding ~ 1e-13·|E|/h ~ 1e-6
        for (MtpPotential p : new MtpPotential[] {pba(), mo16()}) {
            Structure s = p.model().speciesCount == 5 ? pbaStructure(2) : moStructure(3);
            ForceResult r = new ForceResult();
            p.compute(s, r);
            double[] f = r.forcesCopy();
            double h = 1e-5, max = 0;
            for (int i = 0; i < s.size(); i += Math.max(1, s.size() / 8)) {
                for (int d = 0; d < 3; d++) {
                    double x0 = s.positions()[3 * i + d];
                    s.positions()[3 * i + d] = x0 + h;
                    double ep = p.energy(s);
                    s.positions()[3 * i + d] = x0 - h;
                    double em = p.energy(s);
                    s.positions()[3 * i + d] = x0;
                    max = Math.max(max, Math.abs(-(ep - em) / (2 * h) - f[3 * i + d]));
                }
            }
            System.out.printf("FD force check %s: max |F - FD| = %.2e eV/A%n", p.name(), max);
            assertTrue(max < 2e-5, "FD force mismatch " + max);
        }
    }

    @Test
    void virialIsMinusStrainDerivative() {
        // W = −∂E/∂ε for x → (I+ε)x applied to atoms and cell (README of the pack); central differences, ε step 1e-6
        MtpPotential p = pba();
        Structure s0 = pbaStructure(1);
        ForceResult r = new ForceResult();
        p.compute(s0, r);
        double[] w = r.virial().clone();
        double h = 1e-6, max = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double[] e = new double[2];
                for (int sg = 0; sg < 2; sg++) {
                    double[] eps = new double[9];
                    eps[3 * a + b] += (sg == 0 ? 0.5 : -0.5) * h;
                    eps[3 * b + a] += (sg == 0 ? 0.5 : -0.5) * h;
                    Structure s = strained(s0, eps);
                    e[sg] = p.energy(s);
                }
                double fd = -(e[0] - e[1]) / (2 * h); // ε_ab + ε_ba = ±h on each side
                max = Math.max(max, Math.abs(fd - 0.5 * (w[3 * a + b] + w[3 * b + a])));
            }
        }
        System.out.printf("FD virial check: max |W - (-dE/deps)| = %.2e eV%n", max);
        assertTrue(max < 1e-4, "virial FD mismatch " + max);
        assertEquals(w[1], w[3], 1e-9);
    }

    static Structure strained(Structure s0, double[] eps) {
        Structure s = s0.copy();
        double[] hm = s0.cell().matrix(), nh = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double v = hm[3 * r + c];
                for (int k = 0; k < 3; k++) v += hm[3 * r + k] * eps[3 * c + k];
                nh[3 * r + c] = v;
            }
        }
        s.setCellScaled(Cell.ofRowMajor(nh, null));
        return s;
    }

    @Test
    void invariantUnderRotationTranslationPermutation() {
        MtpPotential p = pba();
        Structure s = pbaStructure(4);
        double e0 = p.energy(s);
        // rotation of atoms and cell together
        double th = 0.7, c = Math.cos(th), sn = Math.sin(th);
        double[][] rot = {{c, -sn, 0}, {sn * 0.6, c * 0.6, 0.8}, {-sn * 0.8, -c * 0.8, 0.6}};
        Structure r = s.copy();
        double[] hm = s.cell().matrix(), nh = new double[9];
        for (int row = 0; row < 3; row++) for (int a = 0; a < 3; a++) {
            double v = 0;
            for (int b = 0; b < 3; b++) v += rot[a][b] * hm[3 * row + b];
            nh[3 * row + a] = v;
        }
        r.setCell(Cell.ofRowMajor(nh, null));
        for (int i = 0; i < s.size(); i++) {
            double[] x = {s.x(i), s.y(i), s.z(i)}, y = new double[3];
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) y[a] += rot[a][b] * x[b];
            r.setPosition(i, y[0], y[1], y[2]);
        }
        double eRot = p.energy(r);
        Structure t = s.copy();
        for (int i = 0; i < t.size(); i++) t.setPosition(i, t.x(i) + 1.234, t.y(i) - 7.1, t.z(i) + 0.3);
        double eTr = p.energy(t);
        // permutation: reverse the atom order (like atoms exchange places)
        int[] idx = new int[s.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = idx.length - 1 - i;
        double ePerm = p.energy(s.select(idx));
        System.out.printf("invariance: dE rot %.2e trans %.2e perm %.2e eV%n", eRot - e0, eTr - e0, ePerm - e0);
        // summation-order rounding only: ~1e-13 relative of ~200 eV
        assertEquals(e0, eRot, 1e-9);
        assertEquals(e0, eTr, 1e-9);
        assertEquals(e0, ePerm, 1e-9);
    }

    @Test
    void energyAndForceContinuousAtCutoff() {
        // two atoms in a big box: E(r) and F(r) → species terms as r → max_dist, since f_μ ∝ (rc − r)²
        MtpModel m = MtpFormat.read(MtpReferenceTest.ref().resolve("mo/Mo_l16.mtp"));
        MtpPotential p = new MtpPotential(m, 42);
        double rc = m.maxDist;
        double base = 2 * m.speciesCoeffs[0];
        double prevE = Double.NaN;
        for (double d : new double[] {1e-3, 1e-4, 1e-5}) {
            Structure s = new Structure(Cell.orthorhombic(30, 30, 30));
            s.addAtom(42, 5, 5, 5);
            s.addAtom(42, 5 + rc - d, 5, 5);
            ForceResult r = new ForceResult();
            p.compute(s, r);
            double de = Math.abs(r.energy() - base);
            double f = Math.abs(r.forces()[0]);
            System.out.printf("cutoff: rc - r = %.0e  |E - E(rc)| = %.2e eV  |F| = %.2e eV/A%n", d, de, f);
            if (!Double.isNaN(prevE)) assertTrue(de < prevE * 0.02 + 1e-14, "energy must vanish ~ (rc-r)^2");
            prevE = de;
            assertTrue(f < 50 * d, "force must vanish ~ (rc-r)");
        }
        Structure s = new Structure(Cell.orthorhombic(30, 30, 30));
        s.addAtom(42, 5, 5, 5);
        s.addAtom(42, 5 + rc + 1e-9, 5, 5);
        assertEquals(base, p.energy(s), 1e-15);
    }

    @Test
    void localChangeEqualsFullRecomputation() {
        MtpPotential p = pba();
        Rng rng = new Rng(7);
        for (int which : new int[] {2, 3}) {
            Structure s = pbaStructure(which);
            LocalChange lc = p.localChange();
            double max = 0;
            for (int trial = 0; trial < 12; trial++) {
                int i = (int) (rng.nextDouble() * s.size());
                double x = s.x(i) + (rng.nextDouble() - 0.5) * 3, y = s.y(i) + (rng.nextDouble() - 0.5) * 3, z = s.z(i) + (rng.nextDouble() - 0.5) * 3;
                double e0 = p.energy(s);
                double d = lc.deltaMove(s, i, x, y, z);
                Structure t = s.copy();
                t.setPosition(i, x, y, z);
                max = Math.max(max, Math.abs(d - (p.energy(t) - e0)));
                // insertion of a Na at a random point
                double[] fr = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()}, cart = new double[3];
                s.cell().toCartesian(fr, cart);
                d = lc.deltaInsert(s, 11, 0, cart[0], cart[1], cart[2]);
                t = s.copy();
                t.addAtom(11, cart[0], cart[1], cart[2]);
                max = Math.max(max, Math.abs(d - (p.energy(t) - e0)));
                d = lc.deltaDelete(s, i);
                t = s.copy();
                t.removeAtomSwapLast(i);
                max = Math.max(max, Math.abs(d - (p.energy(t) - e0)));
            }
            System.out.printf("local change vs full (structure %d): max deviation %.2e eV%n", which, max);
            assertTrue(max < 1e-9, "local change deviates by " + max);
        }
    }

    @Test
    void errorReportAgainstMlipReferenceIsPrintRounding() {
        // the reference outputs are MLIP's own predictions: errors are print rounding only
        java.util.List<Structure> ref = new java.util.ArrayList<>();
        for (MlipCfg.Configuration c : MlipCfg.read(MtpReferenceTest.ref().resolve("mo/Mo_test_reference_efs.cfg"))) ref.add(c.toStructure(new int[] {42}));
        MtpErrorReport r = MtpErrorReport.of(mo16(), ref);
        assertTrue(r.energyRmse < 1e-10 && r.forceRmse < 1e-6 && r.stressRmse < 2e-5, r.toString());
        assertEquals(23, r.energyParity.length);
        assertEquals(3 * 1189, r.forceParity.length);
    }

    @Test
    void threadsGiveSameNumbers() {
        MtpPotential p = mo16();
        Structure s = moStructure(3).repeat(2, 2, 2);
        ForceResult a = new ForceResult(), b = new ForceResult();
        p.compute(s, a);
        p.setThreads(2);
        p.compute(s, b);
        p.setThreads(1);
        p.close();
        assertEquals(a.energy(), b.energy(), 1e-9 * Math.abs(a.energy()) * 1e-3);
        for (int q = 0; q < 3 * s.size(); q++) assertEquals(a.forces()[q], b.forces()[q], 1e-10);
        for (int q = 0; q < 9; q++) assertEquals(a.virial()[q], b.virial()[q], 1e-8);
    }
}
