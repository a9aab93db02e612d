package org.scalebridge.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;

/** Resuming from a checkpoint continues bit-identically (positions, velocities, cell, extended variables, RNG). */
class CheckpointTest {

    void assertBitIdenticalResume(Path dir, Supplier<MdSystem> make, Supplier<Integrator> integ, String label) throws Exception {
        assertBitIdenticalResume(dir, make, integ, label, null);
    }

    void assertBitIdenticalResume(Path dir, Supplier<MdSystem> make, Supplier<Integrator> integ, String label,
                                  Supplier<org.scalebridge.potential.Potential> factory) throws Exception {
        Path ck = dir.resolve(label + ".ckpt");
        MdSystem a = make.get();
        Integrator ia = integ.get();
        MdRun ra = new MdRun(a, ia).checkpoint(ck, 100).thermoCsv(dir.resolve(label + "_a.csv")).thermoEvery(50);
        if (factory != null) ra.potentialFactory(factory);
        ra.runUntil(200);
        Path saved = dir.resolve(label + "_200.ckpt");
        Files.copy(ck, saved);
        Thermo ta = ra.runUntil(400);

        Checkpoint.State st = Checkpoint.read(saved);
        assertEquals(200, st.step);
        Integrator ib = integ.get();
        MdSystem b = st.restore(factory != null ? factory.get() : new TestLj(1, 1, 2.5, 0.3, true), ib);
        MdRun rb = new MdRun(b, ib).resumed().checkpoint(dir.resolve(label + "_b.ckpt"), 100);
        if (factory != null) rb.potentialFactory(factory);
        Thermo tb = rb.runUntil(400);

        int n = a.structure().size();
        assertArrayEquals(java.util.Arrays.copyOf(a.structure().positions(), 3 * n),
                java.util.Arrays.copyOf(b.structure().positions(), 3 * n), 0.0, label + " positions");
        assertArrayEquals(java.util.Arrays.copyOf(a.structure().velocities(), 3 * n),
                java.util.Arrays.copyOf(b.structure().velocities(), 3 * n), 0.0, label + " velocities");
        assertArrayEquals(a.structure().images(), b.structure().images(), label + " images");
        assertArrayEquals(a.structure().cell().matrix(), b.structure().cell().matrix(), 0.0, label + " cell");
        assertEquals(ta.conserved(), tb.conserved(), 0.0, label + " conserved quantity (extended variables)");
        assertEquals(ta.potential(), tb.potential(), 0.0, label + " energy");
    }

    @Test
    void resumeIsBitIdenticalForEveryIntegrator(@TempDir Path dir) throws Exception {
        double t = IntegratorTest.T;
        assertBitIdenticalResume(dir, () -> IntegratorTest.liquid(3, 0.8, 1), VelocityVerlet::new, "nve");
        assertBitIdenticalResume(dir, () -> IntegratorTest.liquid(3, 0.8, 2), () -> new NoseHooverNvt(t, 0.5, 3), "nhc");
        assertBitIdenticalResume(dir, () -> IntegratorTest.liquid(3, 0.8, 3),
                () -> new LangevinBaoab(t, 0.5, new Rng(17)), "langevin");
        assertBitIdenticalResume(dir, () -> IntegratorTest.triclinicLiquid(4),
                () -> new NptMtk(t, LjSystems.bar(1.0), 0.5, 2.0, NptMtk.Coupling.TRI, 3), "npt-tri");
        assertBitIdenticalResume(dir, () -> IntegratorTest.liquid(3, 0.8, 5),
                () -> new StochasticCellRescaling(new LangevinBaoab(t, 0.5, new Rng(8)), t, LjSystems.bar(1.0), 1.0,
                        1.0 / LjSystems.bar(5.0), 5, true, new Rng(9)), "c-rescale");
    }

    /** The production LJ (potential package) on two threads, renewed at checkpoints through a factory. */
    @Test
    void resumeIsBitIdenticalWithProductionPotentialOnTwoThreads(@TempDir Path dir) throws Exception {
        double t = IntegratorTest.T;
        Supplier<org.scalebridge.potential.Potential> lj = () -> {
            var p = new org.scalebridge.potential.LennardJones(
                    org.scalebridge.potential.LennardJones.table(2.5).pair("Ar", "Ar", 1.0, 1.0), true, false).setSkin(0.3);
            p.setThreads(2);
            return p;
        };
        assertBitIdenticalResume(dir, () -> {
            MdSystem s = IntegratorTest.triclinicLiquid(6);
            s.replacePotential(lj.get());
            return s;
        }, () -> new NptMtk(t, LjSystems.bar(1.0), 0.5, 2.0, NptMtk.Coupling.TRI, 3), "pot-lj-2threads", lj);
    }

    @Test
    void corruptOrForeignCheckpointsAreRejectedWithClearMessages(@TempDir Path dir) throws Exception {
        MdSystem a = IntegratorTest.liquid(2, 0.8, 1);
        a.computeForces();
        Path ck = dir.resolve("x.ckpt");
        Checkpoint.write(ck, a, new VelocityVerlet());
        byte[] b = Files.readAllBytes(ck);
        b[100] ^= 1;
        Files.write(ck, b);
        InputException e = assertThrows(InputException.class, () -> Checkpoint.read(ck));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
        Files.writeString(ck, "hello world, not a checkpoint");
        e = assertThrows(InputException.class, () -> Checkpoint.read(ck));
        assertTrue(e.getMessage().contains("not a ScaleBridge MD checkpoint"), e.getMessage());
        Checkpoint.write(ck, a, new VelocityVerlet());
        Checkpoint.State st = Checkpoint.read(ck);
        e = assertThrows(InputException.class, () -> st.restore(new TestLj(1, 1, 2.5, 0.3, true),
                new NoseHooverNvt(100, 0.5, 3)));
        assertTrue(e.getMessage().contains("nve"), e.getMessage());
    }
}
