package org.scalebridge.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.potential.ForceResult;
import org.scalebridge.potential.LennardJones;
import org.scalebridge.potential.LennardJonesForceShifted;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * NIST Standard Reference Simulation Website (SRSW) Lennard-Jones rows reproduced with our MD engine and production
 * LJ terms (reduced units as {@link LjSystems}: ε = 1 eV, σ = 1 Å, τ = 1 ps). Rows of
 * {@code ../shared/reference/lammps/C_nist_srsw/}:
 * <ul>
 *   <li>C4: the long-range (tail) correction U_LRC for N = 800, L = 10σ, r_c = 3σ (analytic check of our lj/cut tail
 *       term; the four NIST sample configurations themselves are not in the reference pack, so U_pair and W_pair of
 *       the table cannot be checked);</li>
 *   <li>the LFS ("linear force shifted") form: our {@link LennardJonesForceShifted} is NIST's definition exactly;</li>
 *   <li>C5: NVE MD at T* ≈ 0.85, ρ* = 0.776, N = 500, r_c = 3σ + LRC: U*, p* (and D* as a check);</li>
 *   <li>C1 liquid branch: NPT MD at the coexistence pressure p_sat of T* = 0.70 (LFS 3.0σ): ρ_liq, U_liq.</li>
 * </ul>
 * Pass criterion for averaged quantities: |ours − NIST| ≤ NIST's stated uncertainty + 3σ_ours.
 */
class NistSrswMdTest {
    static final Path DIR = LjSystems.reference().resolve("lammps/C_nist_srsw");

    /** First data row of a NIST CSV (after the # comment block and the header), as strings. */
    static String[] firstRow(String file) throws Exception {
        Path p = DIR.resolve(file);
        Assumptions.assumeTrue(Files.exists(p), "reference data not available: " + p);
        boolean header = false;
        for (String l : Files.readAllLines(p)) {
            if (l.startsWith("#") || l.isBlank()) continue;
            if (!header) { header = true; continue; }
            return l.split(",", -1);
        }
        throw new IllegalStateException("no data row in " + p);
    }

    /** "0.851(1)" → {0.851, 0.001}: value and the uncertainty of the last digit in parentheses. */
    static double[] parenthesised(String s) {
        s = s.trim();
        int k = s.indexOf('(');
        if (k < 0) return new double[] {Double.parseDouble(s), 0};
        String v = s.substring(0, k);
        int digits = v.contains(".") ? v.length() - v.indexOf('.') - 1 : 0;
        double u = Integer.parseInt(s.substring(k + 1, s.indexOf(')'))) * Math.pow(10, -digits);
        return new double[] {Double.parseDouble(v), u};
    }

    /** Prints the comparison; returns the failure line (or "" when within the bound), asserted by the caller. */
    static String within(String what, double ours, double seOurs, double ref, double errRef, StringBuilder rep) {
        double tol = errRef + 3 * seOurs;
        String line = String.format("%s: ours %.6g ± %.2g, NIST %.6g ± %.2g, diff %.3g (bound %.3g)", what, ours, seOurs,
                ref, errRef, ours - ref, tol);
        System.out.println(line);
        rep.append(line).append('\n');
        return Math.abs(ours - ref) <= tol ? "" : line + "\n";
    }

    static Structure grid800() {
        // 800 atoms on a 10×10×8 grid in a 10σ cube (no overlaps: the tail term depends only on N and V)
        Structure s = new Structure(Cell.orthorhombic(10, 10, 10), 800);
        for (int i = 0; i < 10; i++) for (int j = 0; j < 10; j++) for (int k = 0; k < 8; k++) s.addAtom(18, i + 0.5, j + 0.5, k * 1.25 + 0.3);
        return s;
    }

    @Test
    void c4LongRangeCorrectionOfOurLjTerm() throws Exception {
        String[] row = firstRow("C4_lj_reference_calcs_cuboid_SECONDARY.csv");
        int n = Integer.parseInt(row[1].trim());
        double l = Double.parseDouble(row[2]);
        double ulrc = Double.parseDouble(row[6]);
        assertEquals(800, n);
        assertEquals(10.0, l);
        Structure s = grid800();
        double rc = 3.0;
        Potential with = new LennardJones(LennardJones.table(rc).pair("Ar", "Ar", 1, 1), false, true);
        Potential without = new LennardJones(LennardJones.table(rc).pair("Ar", "Ar", 1, 1), false, false);
        double tail = with.energy(s) - without.energy(s);
        // U_LRC = (8/3)π N ρ ε σ³ [(1/3)(σ/r_c)⁹ − (σ/r_c)³] (Allen & Tildesley eq. 2.144)
        double rho = n / (l * l * l);
        double analytic = 8.0 / 3.0 * Math.PI * n * rho * (Math.pow(1 / rc, 9) / 3 - Math.pow(1 / rc, 3));
        System.out.printf("C4 U_LRC(N=800, L=10, rc=3): ours %.6f, analytic %.6f, NIST %s%n", tail, analytic, row[6]);
        assertEquals(analytic, tail, 1e-9 * Math.abs(analytic));
        // NIST prints 5 significant digits (−1.9849E+02): agree to half a unit of the last one
        assertEquals(ulrc, tail, 0.005);
    }

    @Test
    void lfsIsNistsLinearForceShiftedDefinition() {
        double rc = 2.5;
        LennardJonesForceShifted p = new LennardJonesForceShifted(LennardJones.table(rc).pair("Ar", "Ar", 1, 1));
        // NIST SRSW LFS: U(r) = u(r) − u(r_c) − (r − r_c)·du/dr|_{r_c}, u = 4[(1/r)¹² − (1/r)⁶]
        java.util.function.DoubleUnaryOperator u = r -> 4 * (Math.pow(r, -12) - Math.pow(r, -6));
        double du = -48 * Math.pow(rc, -13) + 24 * Math.pow(rc, -7);
        for (double r = 0.9; r < rc; r += 0.0371) {
            double want = u.applyAsDouble(r) - u.applyAsDouble(rc) - (r - rc) * du;
            assertEquals(want, p.pairEnergy(0, 0, r, 0), 1e-13 * Math.max(1, Math.abs(want)), "r = " + r);
        }
        assertEquals(0.0, p.pairEnergy(0, 0, rc + 1e-9, 0));
        assertEquals(0.0, p.pairEnergy(0, 0, rc - 1e-9, 0), 1e-12); // continuous at r_c
        // forces, virial: same as the independent test implementation on a random dense configuration
        Structure s = LjSystems.fcc(4, 0.8);
        Rng rng = new Rng(5);
        double[] x = s.positions();
        for (int k = 0; k < x.length; k++) x[k] += 0.1 * (rng.nextDouble() - 0.5);
        ForceResult a = new ForceResult(), b = new ForceResult();
        a.request(true, true, false);
        b.request(true, true, false);
        p.compute(s, a);
        TestLj.linearForceShifted(1, 1, rc, 0.3).compute(s, b);
        assertEquals(b.energy(), a.energy(), 1e-10 * Math.abs(b.energy()));
        for (int k = 0; k < x.length; k++) assertEquals(b.forces()[k], a.forces()[k], 1e-10);
        for (int k = 0; k < 9; k++) assertEquals(b.virial()[k], a.virial()[k], 1e-9 * Math.abs(b.virial()[0]));
    }

    /**
     * C5: NVE MD, ρ* = 0.776, N = 500 (fcc 5³ melted), r_c = 3σ with the standard LRC in U and p, dt = 0.005.
     * The NVE temperature is brought to NIST's T* = 0.851 by velocity rescaling between short NVE segments (the
     * usual way an NVE state point is set), then 100 τ of NVE production as NIST. Our SE: 20-block / blocking
     * maximum. D* from the Einstein relation with many time origins, checked to 10 % (NIST gives no uncertainty;
     * 500 atoms × 100 τ gives about 2 %, and both runs have the same N, so the same finite-size correction).
     */
    @Test
    @Tag("validation")
    void c5NveMdAtT085() throws Exception {
        String[] row = firstRow("C5_md_nve_T0.85_SECONDARY.csv");
        double[] tRef = parenthesised(row[0]), uRef = parenthesised(row[2]), pRef = parenthesised(row[3]);
        double rho = Double.parseDouble(row[1]), dRef = Double.parseDouble(row[4]);
        MdSystem sys = new MdSystem(LjSystems.fcc(5, rho),
                new LennardJones(LennardJones.table(3.0).pair("Ar", "Ar", 1, 1), false, true).setSkin(0.3), 0.005);
        int n = sys.structure().size();
        Velocities.maxwellBoltzmann(sys, LjSystems.kelvin(1.5), new Rng(85));
        new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(1.5), 0.5, new Rng(86))).runUntil(4000);   // melt
        MdRun eq = new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(tRef[0]), 0.5, new Rng(87)));
        eq.runUntil(14000);                                                                          // 50 τ NVT
        VelocityVerlet nve = new VelocityVerlet();
        for (int it = 0; it < 4; it++) {                                                             // set T by rescaling
            double[] tsum = {0, 0};
            MdRun r = new MdRun(sys, nve).thermoEvery(10);
            r.listener(t -> { tsum[0] += t.temperature(); tsum[1]++; });
            r.runUntil(sys.step() + 2000);
            double tMean = tsum[0] / tsum[1] * Units.KB_EV_PER_K;
            double f = Math.sqrt(tRef[0] / tMean);
            double[] v = sys.structure().velocities();
            for (int k = 0; k < 3 * n; k++) v[k] *= f;
        }
        long start = sys.step(), prod = 20000; // 100 τ
        List<double[]> rows = new ArrayList<>();
        List<double[]> frames = new ArrayList<>();
        MdRun run = new MdRun(sys, nve).thermoEvery(10);
        double[] tmp = new double[3];
        run.listener(t -> {
            if (t.step() <= start) return;
            rows.add(new double[] {t.potential() / n, LjSystems.pStar(t.pressure()), t.temperature() * Units.KB_EV_PER_K});
            if ((t.step() - start) % 50 == 0) {
                double[] u = new double[3 * n];
                for (int i = 0; i < n; i++) { sys.structure().unwrapped(i, tmp); System.arraycopy(tmp, 0, u, 3 * i, 3); }
                frames.add(u);
            }
        });
        run.runUntil(start + prod);
        double[] u = LjValidationTest.conservative(LjValidationTest.column(rows, 0));
        double[] p = LjValidationTest.conservative(LjValidationTest.column(rows, 1));
        double[] t = LjValidationTest.conservative(LjValidationTest.column(rows, 2));
        // D from MSD(t2) − MSD(t1) over lags 5–20 τ, averaged over all time origins (frames every 0.25 τ)
        int l1 = 20, l2 = 80;
        double[] msd = new double[l2 + 1];
        int[] cnt = new int[l2 + 1];
        for (int o = 0; o < frames.size(); o++) {
            for (int lag : new int[] {l1, l2}) {
                if (o + lag >= frames.size()) continue;
                double[] a = frames.get(o), b = frames.get(o + lag);
                double sum = 0;
                for (int k = 0; k < 3 * n; k++) sum += (b[k] - a[k]) * (b[k] - a[k]);
                msd[lag] += sum / n;
                cnt[lag]++;
            }
        }
        double dt = 0.005 * 50;
        double d = (msd[l2] / cnt[l2] - msd[l1] / cnt[l1]) / (6 * (l2 - l1) * dt);
        StringBuilder rep = new StringBuilder();
        String fail = within("C5 T*", t[0], t[1], tRef[0], tRef[1], rep)
                + within("C5 U*", u[0], u[1], uRef[0], uRef[1], rep)
                + within("C5 p*", p[0], p[1], pRef[0], pRef[1], rep);
        System.out.printf("C5 D*: ours %.4f, NIST %.4f (%.1f %%)%n", d, dRef, 100 * (d - dRef) / dRef);
        // Measured 2026-12-07: T* 0.85199 ± 0.00054 (ok), p* 0.0172 ± 0.0047 vs 0.030 ± 0.006 (ok), U* −5.50891 ±
        // 0.00082 vs −5.517 ± 0.001 (0.0081 high, outside the bound) and D* 0.0727 vs 0.061 (+19 %): this test FAILS.
        // The C5 row is a SECONDARY transcription (see the CSV's warning); not resolved.
        assertTrue(fail.isEmpty(), fail);
        assertEquals(dRef, d, 0.1 * dRef, "D* within 10 %");
    }

    /**
     * C1 liquid branch at T* = 0.70 (LFS 3.0σ): NPT MD (MTK, isotropic, Tdamp 0.5, Pdamp 5) at NIST's p_sat with
     * N = 500; ⟨ρ⟩ and ⟨U⟩/N against ρ_liq and U_liq. NIST's liquid phase at V = 512σ³ holds about 400 particles; the
     * LFS potential has no tail, so N = 500 in a periodic box is the same bulk liquid (finite-size effects on ρ at
     * this size are below 1e-3, i.e. inside 3σ_ours).
     */
    @Test
    @Tag("validation")
    void c1LiquidBranchByNptAtSaturationPressure() throws Exception {
        String[] row = firstRow("C1_sat_tmmc_lfs_rc3.0.csv");
        double tStar = Double.parseDouble(row[0]);
        double rhoL = Double.parseDouble(row[3]), rhoLe = Double.parseDouble(row[4]);
        double psat = Double.parseDouble(row[5]);
        double uL = Double.parseDouble(row[9]), uLe = Double.parseDouble(row[10]);
        Potential lfs = new LennardJonesForceShifted(LennardJones.table(3.0).pair("Ar", "Ar", 1, 1)).setSkin(0.3);
        MdSystem sys = new MdSystem(LjSystems.fcc(5, rhoL), lfs, 0.005);
        int n = sys.structure().size();
        Velocities.maxwellBoltzmann(sys, LjSystems.kelvin(1.2), new Rng(70));
        new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(1.2), 0.5, new Rng(71))).runUntil(3000); // melt at ρ_liq
        new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(tStar), 0.5, new Rng(72))).runUntil(6000);
        NptMtk npt = new NptMtk(LjSystems.kelvin(tStar), LjSystems.bar(psat), 0.5, 5.0, NptMtk.Coupling.ISO, 3);
        long equil = sys.step() + 20000, prod = 60000;
        List<double[]> rows = new ArrayList<>();
        MdRun run = new MdRun(sys, npt).thermoEvery(10);
        run.listener(t -> { if (t.step() > equil) rows.add(new double[] {n / t.volume(), t.potential() / n}); });
        run.runUntil(equil + prod);
        double[] r = LjValidationTest.conservative(LjValidationTest.column(rows, 0));
        double[] u = LjValidationTest.conservative(LjValidationTest.column(rows, 1));
        StringBuilder rep = new StringBuilder();
        String fail = within("C1 T*=0.70 rho_liq (NPT at psat)", r[0], r[1], rhoL, rhoLe, rep)
                + within("C1 T*=0.70 U_liq (NPT at psat)", u[0], u[1], uL, uLe, rep);
        assertTrue(fail.isEmpty(), fail);
    }
}
