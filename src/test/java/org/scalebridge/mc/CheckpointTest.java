package org.scalebridge.mc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** A run checkpointed half-way and resumed gives bit-identical positions, energy, counts and statistics. */
class CheckpointTest {

    static Gcmc newRun(Structure s, Rng rng) {
        ExchangeSpecies na = ExchangeSpecies.ofMu(11, 22.99, 0, -0.30);
        Gcmc mc = new Gcmc(s, new BrutePairLj(0.010323, 3.405, 8.5), 300, List.of(na), null, 0.7, 1.5, rng);
        mc.setBias(new HarmonicBias(0, 0.002, 20));
        mc.setAdapting(true);
        return mc;
    }

    @Test
    void resumeIsBitIdentical(@TempDir Path dir) {
        Structure s0 = new Structure(Cell.orthorhombic(18, 18, 18));
        s0.ensureVelocities();
        Gcmc a = newRun(s0, new Rng(99));
        for (int c = 0; c < 30; c++) a.cycle(20, 20);
        Path ck = dir.resolve("run.ckpt");
        GcmcCheckpoint.write(ck, a.structure(), a.engineState(), null);
        for (int c = 0; c < 30; c++) a.cycle(20, 20);

        GcmcCheckpoint.Loaded l = GcmcCheckpoint.read(ck);
        Gcmc b = newRun(l.structure(), Rng.fromState(l.state().rng()));
        b.restoreState(l.state());
        for (int c = 0; c < 30; c++) b.cycle(20, 20);

        assertEquals(a.structure().size(), b.structure().size());
        int n = a.structure().size();
        assertArrayEquals(java.util.Arrays.copyOf(a.structure().positions(), 3 * n),
                java.util.Arrays.copyOf(b.structure().positions(), 3 * n));
        assertArrayEquals(java.util.Arrays.copyOf(a.structure().velocities(), 3 * n),
                java.util.Arrays.copyOf(b.structure().velocities(), 3 * n));
        assertEquals(Double.doubleToRawLongBits(a.energy()), Double.doubleToRawLongBits(b.energy()));
        assertEquals(a.maxDisplacement(), b.maxDisplacement());
        assertEquals(a.stats().toString(), b.stats().toString());
        assertEquals(a.cycle(), b.cycle());
    }
}
