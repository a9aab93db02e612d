package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.md.DivergenceException;
import org.scalebridge.md.Integrator;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.NoseHooverNvt;
import org.scalebridge.md.NptMtk;
import org.scalebridge.potential.Potential;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Hybrid GCMC–MD on the LJ fluid in reduced units mapped to metal units (ε = 1 eV, σ = 1 Å, m = 1/MVV2E amu so
 * τ = 1 ps, T = T* ε/k_B, Λ = 1): bit-identical resume from a checkpoint (NPT), degrees of freedom follow N, CSV trace,
 * and a clean stop with the last good state on divergence.
 */
class HybridGcmcMdTest {
    static final double MASS = 1.0 / Units.MVV2E, TSTAR = 2.0, T = TSTAR / Units.KB_EV_PER_K;

    static Structure fluid(double l, int n, long seed) {
        Structure s = LocalChangeConsistencyTest.randomStructure(Cell.orthorhombic(l, l, l), n, new Rng(seed), 1.05);
        for (int i = 0; i < s.size(); i++) { s.setAtomicNumber(i, 18); s.setMass(i, MASS); }
        double[] v = s.ensureVelocities();
        Rng r = new Rng(seed + 1);
        double sig = Math.sqrt(Units.kT(T) / (MASS * Units.MVV2E));
        for (int k = 0; k < 3 * s.size(); k++) v[k] = sig * r.nextGaussian();
        return s;
    }

    static Potential lj() { return ProductionPotentials.ljOrNull(1.0, 1.0, 3.0); }

    static ExchangeSpecies argon(double mu) {
        return ExchangeSpecies.ofMu(18, MASS, 0, mu).withThermalWavelength(1.0);
    }

    static HybridGcmcMd build(Structure s, Rng rng, Integrator integ, double dt) {
        Potential p = lj();
        Gcmc mc = new Gcmc(s, p, T, List.of(argon(-4.0)), null, 0.5, 0.7, rng);
        MdSystem sys = new MdSystem(s, p, dt);
        return new HybridGcmcMd(mc, sys, integ, 40, 30, 30);
    }

    static NptMtk npt() { return new NptMtk(T, 0.3 * Units.BAR_PER_EV_A3, 0.5, 5.0, NptMtk.Coupling.ISO, 3); }

    @Test
    void checkpointResumeIsBitIdenticalAndTraceIsWritten(@TempDir Path dir) throws Exception {
        HybridGcmcMd a = build(fluid(6.0, 35, 3), new Rng(8), npt(), 0.005);
        Path trace = dir.resolve("trace.csv"), ck = dir.resolve("run.ckpt");
        a.traceCsv(trace).checkpoint(ck, 4);
        a.runUntil(4);
        a.runUntil(8);
        // dof follow N: 3N − 3 for a momentum-conserving integrator
        MdSystem sys = a.md();
        assertEquals(3 * sys.structure().size() - 3, sys.degreesOfFreedom());

        GcmcCheckpoint.Loaded l = GcmcCheckpoint.read(ck); // written at cycle 8
        // continue the original and a resumed copy for 4 more cycles
        byte[] extra = l.extra();
        a.runUntil(12);
        Structure s2 = l.structure();
        Potential p2 = lj();
        Gcmc mc2 = new Gcmc(s2, p2, T, List.of(argon(-4.0)), null, 0.5, 0.7, Rng.fromState(l.state().rng()));
        mc2.restoreState(l.state());
        NptMtk integ2 = npt();
        HybridGcmcMd b = new HybridGcmcMd(mc2, new MdSystem(s2, p2, 0.005), integ2, 40, 30, 30);
        b.restoreMd(extra);
        b.runUntil(12);
        Structure sa = a.md().structure(), sb = b.md().structure();
        int n = sa.size();
        assertEquals(n, sb.size());
        assertArrayEquals(Arrays.copyOf(sa.positions(), 3 * n), Arrays.copyOf(sb.positions(), 3 * n));
        assertArrayEquals(Arrays.copyOf(sa.velocities(), 3 * n), Arrays.copyOf(sb.velocities(), 3 * n));
        assertArrayEquals(sa.cell().matrix(), sb.cell().matrix());
        assertEquals(Double.doubleToRawLongBits(a.gcmc().energy()), Double.doubleToRawLongBits(b.gcmc().energy()));
        List<String> lines = Files.readAllLines(trace);
        assertEquals(13, lines.size(), "header + one line per cycle");
        assertTrue(lines.get(0).startsWith("cycle,md_step,time_ps,N_Z18"));
        System.out.println("hybrid trace last line: " + lines.get(lines.size() - 1) + "  " + a.gcmc().stats());
        // energy bookkeeping through MD and MC
        assertEquals(0, a.gcmc().recomputeEnergy(), 1e-8);
    }

    @Test
    void temperatureStaysAtTargetWhileNChanges() {
        // NVT Nose–Hoover; inserted atoms get Maxwell–Boltzmann velocities, dof are recounted each cycle
        HybridGcmcMd h = build(fluid(7.0, 20, 5), new Rng(21), new NoseHooverNvt(T, 0.5, 3), 0.005);
        double sumT = 0;
        int m = 0;
        for (int c = 0; c < 60; c++) {
            h.cycle();
            if (c >= 20) { sumT += h.md().temperature(); m++; }
        }
        double meanT = sumT / m;
        System.out.printf("hybrid NVT: <T> = %.1f K (target %.1f K), N = %d, %s%n", meanT, T, h.md().structure().size(),
                h.gcmc().stats());
        // 40 samples of a ~60-atom system: relative std of T per sample ≈ sqrt(2/N_f) ≈ 0.1, so the mean is within
        // ~2 % (1σ); 8 % is 4σ
        assertEquals(T, meanT, 0.08 * T);
    }

    @Test
    void divergenceStopsCleanlyWithLastGoodState(@TempDir Path dir) {
        HybridGcmcMd h = build(fluid(6.0, 35, 9), new Rng(4), new NoseHooverNvt(T, 0.5, 3), 0.005);
        h.checkpoint(dir.resolve("c.ckpt"), 0);
        h.runUntil(2);
        Structure s = h.md().structure();
        double[] before = Arrays.copyOf(s.positions(), 3 * s.size());
        int n = s.size();
        h.md().setDt(2.0); // absurd time step: atoms fly into each other
        assertThrows(DivergenceException.class, h::cycle);
        assertEquals(n, s.size());
        assertArrayEquals(before, Arrays.copyOf(s.positions(), 3 * n), "last good state restored in memory");
        assertTrue(Files.exists(dir.resolve("c.ckpt.lastgood")));
        assertEquals(0, h.gcmc().recomputeEnergy(), 1e-9);
    }
}
