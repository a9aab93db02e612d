package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.potential.MnFePbaSurrogate;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Nonequilibrium candidate Monte Carlo exchanges ({@link NcmcExchange}): the ideal gas (W ≡ 0, ⟨N⟩ = zV), an LJ
 * fluid whose ⟨N⟩ with NCMC exchanges equals plain GCMC's at the same μ, and the bit-for-bit restore of a rejected
 * move (LJ, and the localised-redox surrogate whose evaluations write charges into the structure they see). The
 * exact-distribution check with a non-zero work lives in {@link DetailedBalanceTest#exactDistributionWithNcmcExchanges}.
 */
class NcmcExchangeTest {

    @Test
    void idealGasHasZeroWorkAndMeanActivityTimesVolume() {
        double T = 300, L = 12.0, V = L * L * L, target = 15.0;
        ExchangeSpecies na0 = ExchangeSpecies.ofMu(11, 22.98976928, 0, 0);
        double lam = na0.thermalWavelength(T);
        ExchangeSpecies na = na0.withMu(Units.kT(T) * Math.log(target * lam * lam * lam / V));
        Structure s = new Structure(Cell.orthorhombic(L, L, L));
        Gcmc mc = new Gcmc(s, new ZeroPotential(), T, na, 1.0, 0.0, new Rng(777));
        NcmcExchange ncmc = mc.setNcmc(new NcmcExchange.Settings(5, 2, 0.01, 1.0));
        for (int c = 0; c < 100; c++) { ncmc.refreshVelocities(); mc.cycle(50, 5); }
        int samples = 4000;
        double[] n = new double[samples];
        for (int c = 0; c < samples; c++) {
            ncmc.refreshVelocities();
            mc.cycle(50, 5);
            n[c] = mc.count(0);
        }
        double mean = SeriesStatistics.mean(n), se = SeriesStatistics.blockStandardError(n, 0, samples, 20);
        System.out.printf("NCMC ideal gas: <N> = %.4f ± %.4f (zV = %.1f); %s%n", mean, se, target, ncmc);
        // free flight: forces 0, velocities unchanged bit for bit, so the work is exactly 0 on every trajectory
        assertEquals(0.0, ncmc.meanWork(), 0.0);
        assertEquals(0.0, ncmc.meanAbsShadowWork(), 0.0);
        assertTrue(ncmc.trajectories() > 100_000);
        // with W ≡ 0 the NCMC rule is LAMMPS' instantaneous rule: ⟨N⟩ = zV within 3σ (blocked SE)
        assertEquals(target, mean, 3 * se, "<N> = zV within 3σ");
    }

    /** The production LJ (ε = 1 eV, σ = 1 Å, m = 1 amu, r_c = 3σ truncated), Λ = 1: reduced units. */
    static Potential lj() { return ProductionPotentials.ljOrNull(1.0, 1.0, 3.0); }

    static Gcmc ljFluid(long seed) {
        double T = 2.0 / Units.KB_EV_PER_K; // T* = 2
        ExchangeSpecies sp = ExchangeSpecies.ofMu(18, 1.0, 0, -3.0).withThermalWavelength(1.0); // μ* = −3
        Structure s = new Structure(Cell.orthorhombic(5.5, 5.5, 5.5), 128);
        return new Gcmc(s, lj(), T, List.of(sp), null, 0.3, 0.0, new Rng(seed));
    }

    /**
     * LJ fluid at T* = 2, μ* = −3 in a 5.5σ box (⟨ρ*⟩ ≈ 0.3, N ≈ 50): ⟨N⟩ with every exchange an NCMC move (4 λ
     * perturbations, 2 velocity-Verlet steps of 0.005 τ between them; truncated LJ, so the jumps at r_c enter W
     * as shadow work) equals plain GCMC's within 3 combined blocked standard errors. Both chains are seeded.
     * About 4–5 min on a loaded 2-core machine, hence validation (measured: plain 55.13 ± 0.88, NCMC 53.80 ± 0.97,
     * −1.0σ; NCMC acceptance 0.265).
     */
    @Test
    @Tag("validation")
    void ljFluidDensityAgreesWithPlainGcmc() {
        Gcmc plain = ljFluid(11);
        for (int c = 0; c < 300; c++) plain.cycle(20, 40);
        int m = 4000;
        double[] a = new double[m];
        for (int c = 0; c < m; c++) { plain.cycle(20, 40); a[c] = plain.count(0); }
        Gcmc nc = ljFluid(12);
        double tau = Math.sqrt(Units.MVV2E); // τ = σ √(m/ε) in ps for σ = 1 Å, m = 1 amu, ε = 1 eV (≈ 0.0102 ps)
        NcmcExchange ncmc = nc.setNcmc(new NcmcExchange.Settings(4, 2, 0.005 * tau, 1.0));
        for (int c = 0; c < 150; c++) { ncmc.refreshVelocities(); nc.cycle(10, 40); }
        int mn = 3000;
        double[] b = new double[mn];
        for (int c = 0; c < mn; c++) { ncmc.refreshVelocities(); nc.cycle(10, 40); b[c] = nc.count(0); }
        double ma = SeriesStatistics.mean(a), sa = SeriesStatistics.blockStandardError(a, 0, m, 20);
        double mb = SeriesStatistics.mean(b), sb = SeriesStatistics.blockStandardError(b, 0, mn, 20);
        double comb = Math.hypot(sa, sb);
        System.out.printf("LJ T*=2 mu*=-3: plain <N> = %.3f ± %.3f (acc ins %.3f), NCMC <N> = %.3f ± %.3f (acc %.3f), "
                + "diff %.2f sigma; %s%n", ma, sa, plain.stats().acceptance(MoveStats.Type.INSERTION), mb, sb,
                ncmc.acceptance(), (mb - ma) / comb, ncmc);
        assertTrue(ma > 20 && ma < 120, "a dense-ish fluid, not a gas: <N> = " + ma);
        assertTrue(ncmc.acceptance() > 0.01, "NCMC exchanges are accepted");
        assertEquals(ma, mb, 3 * comb, "NCMC <N> = plain GCMC <N> within 3 combined SE");
        assertEquals(0.0, nc.recomputeEnergy(), 1e-9, "tracked energy after NCMC moves = full evaluation");
    }

    /** Everything a move could touch, copied. */
    record Snapshot(int n, double[] pos, double[] vel, int[] img, double[] q, int[] z, double[] mass, double[] cell, double energy) {
        static Snapshot of(Gcmc mc) {
            Structure s = mc.structure();
            int n = s.size();
            return new Snapshot(n, Arrays.copyOf(s.positions(), 3 * n), Arrays.copyOf(s.velocities(), 3 * n),
                    Arrays.copyOf(s.images(), 3 * n), s.hasCharges() ? Arrays.copyOf(s.charges(), n) : null,
                    Arrays.copyOf(s.atomicNumbers(), n), Arrays.copyOf(s.masses(), n), s.cell().matrix().clone(), mc.energy());
        }

        void assertSame(Snapshot o) {
            assertEquals(n, o.n);
            assertArrayEquals(pos, o.pos, 0.0); // assertArrayEquals with delta 0 compares bit patterns via ==
            assertTrue(Arrays.equals(pos, o.pos) && Arrays.equals(vel, o.vel) && Arrays.equals(q, o.q)
                    && Arrays.equals(mass, o.mass) && Arrays.equals(cell, o.cell), "bit-identical doubles");
            assertArrayEquals(img, o.img);
            assertArrayEquals(z, o.z);
            assertEquals(Double.doubleToLongBits(energy), Double.doubleToLongBits(o.energy));
        }
    }

    @Test
    void rejectedMovesRestoreTheStateBitForBit() {
        Gcmc mc = ljFluid(3);
        for (int c = 0; c < 100; c++) mc.cycle(20, 40);
        double tau = Math.sqrt(Units.MVV2E);
        NcmcExchange ncmc = mc.setNcmc(new NcmcExchange.Settings(5, 3, 0.005 * tau, 1.0));
        checkRejections(mc, ncmc, 40.0);
    }

    /**
     * The localised-redox surrogate rewrites the Fe/Mn charges and Mn–N bond types of whatever structure it evaluates;
     * a rejected switching trajectory (which evaluated two work copies 2·(1 + 4·3) times) must leave the real
     * structure's charges as they were.
     */
    @Test
    void rejectedMovesRestoreTheRedoxSurrogateBitForBit() {
        MnFePbaSurrogate ff = MnFePbaSurrogate.loadLocalised();
        Structure s = LocalisedRedoxGcmcTest.start(3, 21);
        Potential pot = ff.build(s).potential();
        s.ensureVelocities();
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, 0.8, -3.5);
        Gcmc mc = new Gcmc(s, pot, 300, List.of(na), null, 0.3, 1.2, new Rng(5));
        mc.setInsertionProposal(new SiteProposal(SiteProposal.pbaCages(1, 1, 1, s.fractional(0)), 0.6, 0.1));
        NcmcExchange ncmc = mc.setNcmc(new NcmcExchange.Settings(5, 3, 0.0005, 1.0));
        checkRejections(mc, ncmc, 60.0);
        assertEquals(0.0, mc.recomputeEnergy(), 1e-9, "tracked energy unchanged and right");
    }

    /**
     * The accept path on the localised-redox surrogate (charges and redox state written by the evaluations): with μ
     * far above any insertion energy, NCMC insertions are accepted, and with μ far below, deletions; after each the
     * tracked energy equals a full evaluation of the real structure (1e-9 eV) and N changed by one.
     */
    @Test
    void acceptedMovesKeepTheRedoxSurrogateConsistent() {
        MnFePbaSurrogate ff = MnFePbaSurrogate.loadLocalised();
        Structure s = LocalisedRedoxGcmcTest.start(3, 22);
        s.ensureCapacity(s.size() + 8);
        Potential pot = ff.build(s).potential();
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.98976928, 0.8, 5.0);
        Gcmc mc = new Gcmc(s, pot, 300, List.of(na), null, 0.3, 1.2, new Rng(9));
        mc.setInsertionProposal(new SiteProposal(SiteProposal.pbaCages(1, 1, 1, s.fractional(0)), 0.6, 0.1));
        NcmcExchange ncmc = mc.setNcmc(new NcmcExchange.Settings(5, 2, 0.0005, 1.0), ff.build(s.copy()).potential());
        int accepted = 0;
        for (int k = 0; k < 20 && accepted < 2; k++) {
            int n = mc.count(0);
            if (ncmc.attemptInsertion(0)) {
                accepted++;
                assertEquals(n + 1, mc.count(0));
                assertEquals(0.0, mc.recomputeEnergy(), 1e-9, "tracked energy after an accepted NCMC insertion");
            }
        }
        assertEquals(2, accepted, "insertions at mu = +5 eV are accepted");
        mc.setMu(0, -15.0);
        accepted = 0;
        for (int k = 0; k < 20 && accepted < 2; k++) {
            int n = mc.count(0);
            if (ncmc.attemptDeletion(0)) {
                accepted++;
                assertEquals(n - 1, mc.count(0));
                assertEquals(0.0, mc.recomputeEnergy(), 1e-9, "tracked energy after an accepted NCMC deletion");
            }
        }
        assertEquals(2, accepted, "deletions at mu = -15 eV are accepted");
    }

    /** μ far below (insertions) and far above (deletions) any plausible value: every attempt runs and is rejected. */
    static void checkRejections(Gcmc mc, NcmcExchange ncmc, double muShift) {
        double mu0 = mc.species().get(0).mu();
        for (int trial = 0; trial < 3; trial++) {
            mc.setMu(0, mu0 - muShift);
            Snapshot before = Snapshot.of(mc);
            long traj = ncmc.trajectories();
            assertTrue(!ncmc.attemptInsertion(0), "insertion rejected");
            Snapshot.of(mc).assertSame(before);
            mc.setMu(0, mu0 + muShift);
            before = Snapshot.of(mc);
            assertTrue(!ncmc.attemptDeletion(0), "deletion rejected");
            Snapshot.of(mc).assertSame(before);
            assertTrue(ncmc.trajectories() > traj, "the switching trajectories actually ran");
        }
        mc.setMu(0, mu0);
        assertEquals(0, ncmc.insertionAccepts() + ncmc.deletionAccepts());
    }
}
