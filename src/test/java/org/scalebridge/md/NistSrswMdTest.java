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
 *   <li>C5: NVE MD at T* ≈ 0.85, ρ* = 0.776, N = 500, r_c = 3σ + LRC: T*, p*, D* against the MD row; U* against
 *       NIST's own NVT-MC value at the same state, because the MD row's U* is inconsistent with it (see the C5
 *       section) and neither our engine nor LAMMPS reproduces it;</li>
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

    // ----------------------------------------------------------------------------------------------------------------
    // C5: NIST SRSW "MD" page, https://mmlapps.nist.gov/srs/LJ_PURE/md.htm (row 1 of its table). The page itself was
    // not retrievable; two independent secondary copies of it agree with our CSV digit for digit: NVE MD,
    // velocity-Verlet, dt = 0.005, N = 500, "3σ + standard long range corrections" (in U and p), equilibration > 50 τ,
    // production 100 τ, virial pressure, "standard uncertainty in the last digit ... from block averages of length
    // 2-4 time units (67% confidence)"; T* is the NVE average (0.851(1)), not a set point. D* has no uncertainty and
    // no finite-size correction stated, so it is compared as the raw N = 500 value (no Yeh–Hummer term).
    //
    // The same NIST site has an NVT Monte Carlo page for the same model and state (https://mmlapps.nist.gov/srs/
    // LJ_PURE/mc.htm: N = 500, r_c = 3σ + LRC, T* = 0.85 and 0.90, ρ* = 0.776). Its values, as quoted verbatim (with the URL) in
    // HOOMD-blue's LJ NVT validation tests and in other public codes' tests, are below. The
    // MD row's U* = −5.517(1) at T* = 0.851(1) is 4σ (all stated uncertainties) below NIST's own MC value at the same
    // state, while our NVE runs and LAMMPS's (same protocol, same analysis) agree with the MC value; see
    // c5MdRowDisagreesWithNistsOwnMcAtTheSameState and the C5 validation test.
    // ----------------------------------------------------------------------------------------------------------------

    /** NIST SRSW NVT-MC (mc.htm), ρ* = 0.776: {T*, U*, σ(U*), p*} at T* = 0.85 and 0.90. */
    static final double[] MC_085 = {0.85, -5.5121, 4.55e-4, 6.7714e-3};
    static final double[] MC_090 = {0.90, -5.4689, 4.20e-4, 2.4056e-1};

    /** Slope of U* in T* at ρ* = 0.776 from the two MC rows (finite difference over 0.05; curvature over ±0.002 is < 1e-5). */
    static double mcSlopeU() { return (MC_090[1] - MC_085[1]) / (MC_090[0] - MC_085[0]); }

    /** Slope of p* in T* at ρ* = 0.776 from the two MC rows. */
    static double mcSlopeP() { return (MC_090[3] - MC_085[3]) / (MC_090[0] - MC_085[0]); }

    /**
     * The reference data alone (no simulation): the MD row, moved from its T* = 0.851 to 0.850 along NIST's own MC
     * slope, against NIST's MC U* at T* = 0.850. The combined standard uncertainty is that of the MD U*, the MC U* and
     * the MD T* (times the slope). Recorded 2026-12-07: MD → −5.51786, MC −5.5121 ± 0.00046, difference −0.0058 = 4.1σ.
     * NVE vs NVT at the same mean kinetic T differs only at O(1/N) (≲ 0.002 in U* for N = 500), which cannot close
     * the gap; our C5 runs are NVE anyway, like NIST's.
     */
    @Test
    void c5MdRowDisagreesWithNistsOwnMcAtTheSameState() throws Exception {
        String[] row = firstRow("C5_md_nve_T0.85_SECONDARY.csv");
        double[] tRef = parenthesised(row[0]), uRef = parenthesised(row[2]);
        assertEquals(0.776, Double.parseDouble(row[1]));
        double s = mcSlopeU();
        double mdAt085 = uRef[0] - s * (tRef[0] - MC_085[0]);
        double sigma = Math.sqrt(uRef[1] * uRef[1] + MC_085[2] * MC_085[2] + s * s * tRef[1] * tRef[1]);
        double z = (mdAt085 - MC_085[1]) / sigma;
        System.out.printf("C5 reference check: MD row at T*=0.850 %.5f, NIST MC %.5f ± %.5f, diff %.4f = %.1f σ%n",
                mdAt085, MC_085[1], MC_085[2], mdAt085 - MC_085[1], z);
        assertTrue(Math.abs(z) > 3, "the C5 MD row is consistent with NIST's MC row after all: z = " + z);
    }

    /** NVE after a Langevin stage on the same system counts 3N − 3 degrees of freedom again (as a fresh system). */
    @Test
    void nveAfterLangevinCountsMomentumConservation() {
        MdSystem sys = new MdSystem(LjSystems.fcc(2, 0.8),
                new LennardJones(LennardJones.table(2.5).pair("Ar", "Ar", 1, 1), false, false), 0.005);
        int n = sys.structure().size();
        assertEquals(3 * n - 3, sys.degreesOfFreedom());
        Velocities.maxwellBoltzmann(sys, LjSystems.kelvin(1.0), new Rng(1));
        new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(1.0), 0.5, new Rng(2))).runUntil(20);
        assertEquals(3 * n, sys.degreesOfFreedom()); // Langevin does not conserve momentum
        Velocities.removeDrift(sys);
        new MdRun(sys, new VelocityVerlet()).runUntil(40);
        assertEquals(3 * n - 3, sys.degreesOfFreedom());
        double[] p = new double[3];
        Velocities.momentum(sys.structure(), p);
        for (double c : p) assertEquals(0.0, c, 1e-9);
    }

    /** One C5 run: samples every 10 steps of T*, U* per atom, p*, and unwrapped positions (3N) every 50 steps = 0.25 τ. */
    record C5Run(double[] t, double[] u, double[] p, List<double[]> frames) {}

    static final int C5_EQUIL_MELT = 4000, C5_EQUIL_NVT = 10000, C5_RESCALE = 2000, C5_PROD = 20000, C5_FRAME = 50;

    /**
     * The C5 protocol in our engine: fcc 5³ at ρ*, lj/cut 3σ + LRC, dt 0.005; Langevin melt at T* 1.5 (20 τ), Langevin
     * at T_set (50 τ), COM drift removed (Langevin kicks leave a random COM velocity ~√(kT/Nm) that NVE would carry
     * and that adds a ballistic term to the MSD), four 10 τ NVE segments each followed by a rescale v ← v·√(T_set/⟨T⟩),
     * then 100 τ NVE production.
     */
    static C5Run oursC5(double rho, double tSet, long seed) { return oursC5(rho, tSet, seed, true); }

    /** As {@link #oursC5(double, double, long)}; removeDrift = false keeps the COM velocity the Langevin stage left. */
    static C5Run oursC5(double rho, double tSet, long seed, boolean removeDrift) {
        MdSystem sys = new MdSystem(LjSystems.fcc(5, rho),
                new LennardJones(LennardJones.table(3.0).pair("Ar", "Ar", 1, 1), false, true).setSkin(0.3), 0.005);
        int n = sys.structure().size();
        Velocities.maxwellBoltzmann(sys, LjSystems.kelvin(1.5), new Rng(seed));
        new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(1.5), 0.5, new Rng(seed + 1))).runUntil(C5_EQUIL_MELT);
        new MdRun(sys, new LangevinBaoab(LjSystems.kelvin(tSet), 0.5, new Rng(seed + 2)))
                .runUntil(C5_EQUIL_MELT + C5_EQUIL_NVT);
        if (removeDrift) Velocities.removeDrift(sys);
        VelocityVerlet nve = new VelocityVerlet();
        for (int it = 0; it < 4; it++) {
            double[] tsum = {0, 0};
            long from = sys.step();
            MdRun r = new MdRun(sys, nve).thermoEvery(10);
            r.listener(t -> { if (t.step() > from) { tsum[0] += t.temperature(); tsum[1]++; } });
            r.runUntil(from + C5_RESCALE);
            double f = Math.sqrt(tSet / (tsum[0] / tsum[1] * Units.KB_EV_PER_K));
            double[] v = sys.structure().velocities();
            for (int k = 0; k < 3 * n; k++) v[k] *= f;
        }
        long start = sys.step();
        List<double[]> rows = new ArrayList<>();
        List<double[]> frames = new ArrayList<>();
        MdRun run = new MdRun(sys, nve).thermoEvery(10);
        double[] tmp = new double[3];
        run.listener(t -> {
            if (t.step() > start) {
                rows.add(new double[] {t.temperature() * Units.KB_EV_PER_K, t.potential() / n, LjSystems.pStar(t.pressure())});
            }
            if (t.step() >= start && (t.step() - start) % C5_FRAME == 0) {
                double[] u = new double[3 * n];
                for (int i = 0; i < n; i++) { sys.structure().unwrapped(i, tmp); System.arraycopy(tmp, 0, u, 3 * i, 3); }
                frames.add(u);
            }
        });
        run.runUntil(start + C5_PROD);
        return new C5Run(LjValidationTest.column(rows, 0), LjValidationTest.column(rows, 1),
                LjValidationTest.column(rows, 2), frames);
    }

    /** The same protocol as a LAMMPS deck (units lj; fix langevin ... zero yes keeps the momentum at zero). */
    static String lammpsC5Deck(double rho, double tSet, int seed) {
        String t = Double.toString(tSet);
        return String.join("\n",
                "units lj", "atom_style atomic", "lattice fcc " + rho, "region box block 0 5 0 5 0 5",
                "create_box 1 box", "create_atoms 1 box", "mass 1 1.0",
                "pair_style lj/cut 3.0", "pair_coeff 1 1 1.0 1.0 3.0", "pair_modify tail yes",
                "neighbor 0.3 bin", "neigh_modify every 1 delay 0 check yes", "timestep 0.005",
                "velocity all create 1.5 " + seed + " mom yes rot no dist gaussian",
                "fix 1 all nve", "fix 2 all langevin 1.5 1.5 0.5 " + seed + " zero yes", "thermo 1000",
                "run " + C5_EQUIL_MELT, "unfix 2",
                "fix 2 all langevin " + t + " " + t + " 0.5 " + (seed + 1) + " zero yes", "run " + C5_EQUIL_NVT, "unfix 2",
                "variable t equal temp", "fix ta all ave/time 10 " + C5_RESCALE / 10 + " " + C5_RESCALE + " v_t",
                "label loop", "variable k loop 4", "run " + C5_RESCALE,
                "variable tn equal temp*" + t + "/f_ta", "velocity all scale ${tn}", "next k", "jump SELF loop",
                "unfix ta", "reset_timestep 0",
                "thermo_style custom step temp pe press etotal", "thermo_modify format float %.12g", "thermo 10",
                "dump d all custom " + C5_FRAME + " dump.c5 id xu yu zu", "dump_modify d sort id format float %.12g",
                "run " + C5_PROD, "");
    }

    /** Runs {@link #lammpsC5Deck} with lmp in dir and reads its production thermo and dump. */
    static C5Run lammpsC5(Path dir, double rho, double tSet, int seed) throws Exception {
        Files.writeString(dir.resolve("in.c5.lmp"), lammpsC5Deck(rho, tSet, seed));
        Process pr = new ProcessBuilder("lmp", "-in", "in.c5.lmp", "-log", "log.c5", "-screen", "none", "-nocite")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes());
        assertEquals(0, pr.waitFor(), "lmp failed: " + out);
        List<String> log = Files.readAllLines(dir.resolve("log.c5"));
        int h = -1;
        for (int k = 0; k < log.size(); k++) if (log.get(k).trim().startsWith("Step Temp PotEng Press TotEng")) h = k;
        List<double[]> rows = new ArrayList<>();
        for (int k = h + 1; k < log.size() && !log.get(k).startsWith("Loop time"); k++) {
            String[] f = log.get(k).trim().split("\\s+");
            if (Long.parseLong(f[0]) == 0) continue;
            rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
        }
        List<String> dump = Files.readAllLines(dir.resolve("dump.c5"));
        List<double[]> frames = new ArrayList<>();
        for (int k = 0; k < dump.size(); k++) {
            if (!dump.get(k).startsWith("ITEM: NUMBER OF ATOMS")) continue;
            int n = Integer.parseInt(dump.get(k + 1).trim());
            double[] x = new double[3 * n];
            for (int i = 0; i < n; i++) { // sorted by id
                String[] f = dump.get(k + 7 + i).trim().split("\\s+");
                int id = Integer.parseInt(f[0]) - 1;
                for (int d = 0; d < 3; d++) x[3 * id + d] = Double.parseDouble(f[1 + d]);
            }
            frames.add(x);
        }
        return new C5Run(LjValidationTest.column(rows, 0), LjValidationTest.column(rows, 1),
                LjValidationTest.column(rows, 2), frames);
    }

    /**
     * Self-diffusion from the Einstein relation, D = [MSD(l2) − MSD(l1)] / (6 (l2 − l1) Δt), averaged over all time
     * origins, with each frame pair's centre-of-mass displacement removed (as LAMMPS compute msd com yes). Returns
     * {D, σ_D}, σ_D from the spread of the three Cartesian estimates D_x, D_y, D_z (standard error of their mean).
     */
    static double[] diffusion(List<double[]> frames, double frameDt, int l1, int l2) {
        int n = frames.get(0).length / 3;
        double[][] msd = new double[2][3];
        int[] lags = {l1, l2}, cnt = new int[2];
        for (int li = 0; li < 2; li++) {
            int lag = lags[li];
            for (int o = 0; o + lag < frames.size(); o++) {
                double[] a = frames.get(o), b = frames.get(o + lag);
                double[] com = new double[3];
                for (int i = 0; i < n; i++) for (int d = 0; d < 3; d++) com[d] += (b[3 * i + d] - a[3 * i + d]) / n;
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < 3; d++) {
                        double x = b[3 * i + d] - a[3 * i + d] - com[d];
                        msd[li][d] += x * x / n;
                    }
                }
                cnt[li]++;
            }
        }
        double[] dAxis = new double[3];
        double mean = 0;
        for (int d = 0; d < 3; d++) {
            dAxis[d] = (msd[1][d] / cnt[1] - msd[0][d] / cnt[0]) / (2 * (l2 - l1) * frameDt);
            mean += dAxis[d] / 3;
        }
        double var = 0;
        for (int d = 0; d < 3; d++) var += (dAxis[d] - mean) * (dAxis[d] - mean) / 2;
        return new double[] {mean, Math.sqrt(var / 3)};
    }

    /**
     * C5 validation, both engines on the NIST-MD protocol ({@link #oursC5}, {@link #lammpsC5Deck}; the LAMMPS half
     * runs when lmp is on the PATH), three independent runs each, analysed by the same code. U* and p* of each run
     * are moved from its own T* to 0.850 along NIST's MC slopes (0.864 and 4.68 per unit T*; runs end within ±0.004 of
     * the set point, so the move is ≤ 0.0035 in U* and carries σ_T·slope into σ). Asserted:
     * <ul>
     *   <li>T* against the MD row within its stated uncertainty + 3σ_ours;</li>
     *   <li>U* and p* at T* = 0.850 against NIST's own MC values at the same state (mc.htm), bound = σ_MC + 3σ_ours
     *       (σ_MC of p* is not in our sources and is counted as 0);</li>
     *   <li>ours against LAMMPS (U*, p* at 0.850, D*) within 3 combined σ; σ_D of one 100 τ run is taken as 0.003
     *       (measured spread of single-run D*: ours 0.0026 over 5 runs, LAMMPS 0.0007 over 6, 2026-12-07);</li>
     *   <li>D* against the row's 0.061 within 10 % (NIST gives no uncertainty and no finite-size correction; both
     *       codes use N = 500 like NIST, so no Yeh–Hummer term is added).</li>
     * </ul>
     * The MD row's U* = −5.517(1) and p* = 0.030(6) are NOT asserted: neither our engine nor LAMMPS reproduces them
     * under the row's own conditions (2026-12-07, at T* = 0.851: U* ours −5.5108 ± 0.0003 over 4 runs, LAMMPS
     * −5.5107 ± 0.0004 over 6; p* ours 0.005 ± 0.003, LAMMPS 0.007 ± 0.002), and the row is 4σ off NIST's own MC at the
     * same state ({@link #c5MdRowDisagreesWithNistsOwnMcAtTheSameState}). They are printed as a documented discrepancy
     * of the reference, not loosened into a pass.
     */
    @Test
    @Tag("validation")
    void c5NveMdAtT085() throws Exception {
        String[] row = firstRow("C5_md_nve_T0.85_SECONDARY.csv");
        double[] tRef = parenthesised(row[0]), uRef = parenthesised(row[2]), pRef = parenthesised(row[3]);
        double rho = Double.parseDouble(row[1]), dRef = Double.parseDouble(row[4]);
        List<double[]> ours = new ArrayList<>();
        for (long seed : new long[] {85, 286, 386}) ours.add(c5Summary(oursC5(rho, tRef[0], seed), "ours seed " + seed));
        double[] o = pooled(ours);
        StringBuilder rep = new StringBuilder();
        String fail = within("C5 T* (MD row)", o[0], o[1], tRef[0], tRef[1], rep)
                + within("C5 U* at T*=0.850 (NIST MC)", o[2], o[3], MC_085[1], MC_085[2], rep)
                + within("C5 p* at T*=0.850 (NIST MC)", o[4], o[5], MC_085[3], 0, rep);
        within("C5 U* (MD row, documented discrepancy, not asserted)", o[8], o[9], uRef[0], uRef[1], rep);
        within("C5 p* (MD row, documented discrepancy, not asserted)", o[10], o[11], pRef[0], pRef[1], rep);
        System.out.printf("C5 D*: ours %.4f ± %.4f, NIST MD row %.4f (%.1f %%)%n", o[6], o[7], dRef, 100 * (o[6] - dRef) / dRef);
        if (lmpAvailable()) {
            List<double[]> lmp = new ArrayList<>();
            for (int seed : new int[] {4711, 4712, 4713}) {
                Path dir = Files.createTempDirectory("c5lmp");
                lmp.add(c5Summary(lammpsC5(dir, rho, tRef[0], seed), "LAMMPS seed " + seed));
            }
            double[] l = pooled(lmp);
            System.out.printf("C5 LAMMPS vs MD row (not asserted): T* %.5f ± %.5f, U* %.5f ± %.5f vs %.3f, p* %.4f ± %.4f vs %.3f%n",
                    l[0], l[1], l[8], l[9], uRef[0], l[10], l[11], pRef[0]);
            fail += peer("C5 U* at T*=0.850, ours vs LAMMPS", o[2], o[3], l[2], l[3], rep)
                    + peer("C5 p* at T*=0.850, ours vs LAMMPS", o[4], o[5], l[4], l[5], rep)
                    + peer("C5 D*, ours vs LAMMPS (same analysis)", o[6], o[7], l[6], l[7], rep);
        } else {
            System.out.println("C5: lmp not on PATH, the LAMMPS half is skipped");
        }
        assertTrue(fail.isEmpty(), fail);
        assertEquals(dRef, o[6], 0.1 * dRef, "D* within 10 %");
    }

    /**
     * One run's {T*, σ, U*(0.850), σ, p*(0.850), σ, D*, σ_D = 0.003, U*, σ, p*, σ}; prints it with the short-time
     * MSD (0.25 τ and 1 τ, a check of the dynamics' time scale in the caged regime).
     */
    static double[] c5Summary(C5Run r, String label) {
        double[] t = LjValidationTest.conservative(r.t()), u = LjValidationTest.conservative(r.u());
        double[] p = LjValidationTest.conservative(r.p());
        double frameDt = 0.005 * C5_FRAME;
        double d = diffusion(r.frames(), frameDt, 20, 80)[0]; // lags 5 τ and 20 τ: past the cage (< 1 τ), 1/5 of the run
        double su = mcSlopeU(), sp = mcSlopeP(), dt = t[0] - MC_085[0];
        System.out.printf("C5 %s: T* %.5f ± %.5f, U* %.5f ± %.5f, p* %.4f ± %.4f, D* %.4f, MSD(0.25 τ) %.4f, MSD(1 τ) %.4f%n",
                label, t[0], t[1], u[0], u[1], p[0], p[1], d, msd(r.frames(), 1), msd(r.frames(), 4));
        return new double[] {t[0], t[1], u[0] - su * dt, u[1] + Math.abs(su) * t[1], p[0] - sp * dt,
            p[1] + Math.abs(sp) * t[1], d, 0.003, u[0], u[1], p[0], p[1]};
    }

    /** Mean over runs of each {value, σ} pair of {@link #c5Summary}; σ of the mean = √(Σσ²)/n. */
    static double[] pooled(List<double[]> runs) {
        int m = runs.get(0).length, n = runs.size();
        double[] out = new double[m];
        for (double[] r : runs) {
            for (int k = 0; k < m; k += 2) { out[k] += r[k] / n; out[k + 1] += r[k + 1] * r[k + 1]; }
        }
        for (int k = 1; k < m; k += 2) out[k] = Math.sqrt(out[k]) / n;
        return out;
    }

    /** All-origin MSD at a lag of {@code lag} frames, centre-of-mass displacement removed. */
    static double msd(List<double[]> frames, int lag) {
        int n = frames.get(0).length / 3, cnt = 0;
        double sum = 0;
        for (int o = 0; o + lag < frames.size(); o++) {
            double[] a = frames.get(o), b = frames.get(o + lag);
            double[] com = new double[3];
            for (int i = 0; i < n; i++) for (int d = 0; d < 3; d++) com[d] += (b[3 * i + d] - a[3 * i + d]) / n;
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 3; d++) { double x = b[3 * i + d] - a[3 * i + d] - com[d]; sum += x * x / n; }
            }
            cnt++;
        }
        return sum / cnt;
    }

    static boolean lmpAvailable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "lmp"))) return true;
        }
        return false;
    }

    /** Two independent estimates within 3 combined σ; returns the failure line or "". */
    static String peer(String what, double a, double sa, double b, double sb, StringBuilder rep) {
        double s = Math.hypot(sa, sb);
        String line = String.format("%s: %.6g ± %.2g vs %.6g ± %.2g, diff %.3g (%.2f σ, bound 3)", what, a, sa, b, sb,
                a - b, Math.abs(a - b) / s);
        System.out.println(line);
        rep.append(line).append('\n');
        return Math.abs(a - b) <= 3 * s ? "" : line + "\n";
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
