package org.scalebridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.io.IoOptions;
import org.scalebridge.io.TrajectoryReader;
import org.scalebridge.io.TrajectoryWriter;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * Streaming read/write throughput for the trajectory formats on a 32,000-atom box (the size of the paper's 80 Å
 * PBA supercell), 20 frames with forces. Prints MB/s and frames/s; no assertion on time (bench profile only).
 * Peer: ASE is not timed here (Python; it would need to run in the same build to give a fair ratio).
 */
@Tag("bench")
class IoReadBench {
    @TempDir Path tmp;

    @Test
    void trajectoryThroughput() throws Exception {
        Rng rng = new Rng(7);
        Structure s = new Structure(new Cell(new double[][] {{80, 0, 0}, {3, 80, 0}, {-2, 4, 80}}), 32000);
        String[] sp = {"Na", "Mn", "Fe", "C", "N"};
        for (int i = 0; i < 32000; i++) s.addAtom(sp[i % 5], 80 * rng.nextDouble(), 80 * rng.nextDouble(), 80 * rng.nextDouble());
        double[] f = s.ensureForces();
        for (int k = 0; k < 3 * 32000; k++) f[k] = rng.nextGaussian();
        for (String name : new String[] {"bench.extxyz", "bench.lammpstrj"}) {
            Path p = tmp.resolve(name);
            long t0 = System.nanoTime();
            try (TrajectoryWriter w = Formats.openWriter(p)) {
                for (int k = 0; k < 20; k++) w.write(s);
            }
            long t1 = System.nanoTime();
            long frames = 0;
            try (TrajectoryReader r = Formats.openTrajectory(p, IoOptions.defaults())) {
                while (r.next() != null) frames++;
            }
            long t2 = System.nanoTime();
            double mb = Files.size(p) / 1e6;
            System.out.printf("%s: %.1f MB, write %.1f MB/s, read %.1f MB/s (%.1f frames/s of 32,000 atoms)%n", name, mb,
                    mb / ((t1 - t0) * 1e-9), mb / ((t2 - t1) * 1e-9), frames / ((t2 - t1) * 1e-9));
        }
    }
}
