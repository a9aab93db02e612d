package org.scalebridge.potential.mtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Progress;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.structure.Structure;

/** Training: exact loss gradient, exact linear solve, decreasing loss, determinism, checkpoint and warm start. */
class MtpTrainerTest {
    static List<Structure> mo(String file, int every, int max) {
        List<MlipCfg.Configuration> c = MlipCfg.read(MtpReferenceTest.ref().resolve(file));
        List<Structure> s = new ArrayList<>();
        for (int k = 0; k < c.size() && s.size() < max; k += every) s.add(c.get(k).toStructure(new int[] {42}));
        return s;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        List<Structure> train = mo("mo/Mo_training.cfg", 40, 5);
        MtpModel m = MtpBasisGenerator.generate(8, 1);
        MtpTrainer t = new MtpTrainer(m, new int[] {42}, train, null, 11);
        double[] x = m.parameters();
        t.solveLinear(x);
        for (int q = 0; q < m.radialParameterCount(); q++) x[q] += 0.01 * Math.sin(q); // leave the linear optimum in radial space
        double[] g = new double[x.length];
        double f = t.lossAndGradient(x, g);
        double worst = 0;
        for (int q = 0; q < x.length; q++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[q]));
            double[] xp = x.clone(), xm = x.clone();
            xp[q] += h;
            xm[q] -= h;
            double fd = (t.lossAndGradient(xp, null) - t.lossAndGradient(xm, null)) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - g[q]) / (Math.abs(fd) + 1e-6 * Math.abs(f)));
        }
        System.out.printf("training loss gradient vs central FD: worst relative error %.2e (loss %.4e)%n", worst, f);
        // FD truncation (h² ~ 1e-10) and the O(t²) directional difference inside the gradient: 1e-4 is ample
        assertTrue(worst < 1e-4, "gradient error " + worst);
    }

    @Test
    void linearSolveIsTheExactMinimum() {
        List<Structure> train = mo("mo/Mo_training.cfg", 30, 6);
        MtpModel m = MtpBasisGenerator.generate(8, 1);
        MtpTrainer t = new MtpTrainer(m, new int[] {42}, train, null, 3);
        double[] x = m.parameters();
        t.solveLinear(x);
        double[] g = new double[x.length];
        double f = t.lossAndGradient(x, g);
        // at the least-squares solution the loss is stationary in the linear parameters
        double gl = 0, gr = 0;
        for (int q = m.radialParameterCount(); q < x.length; q++) gl = Math.max(gl, Math.abs(g[q]));
        for (int q = 0; q < m.radialParameterCount(); q++) gr = Math.max(gr, Math.abs(g[q]));
        System.out.printf("after the linear solve: max |dL/d linear| = %.2e, max |dL/d radial| = %.2e%n", gl, gr);
        assertTrue(gl < 1e-6 * Math.max(gr, f), "linear gradient " + gl);
    }

    @Test
    void trainingDecreasesLossDeterministicallyAndResumes(@TempDir Path dir) {
        List<Structure> train = mo("mo/Mo_training.cfg", 20, 8);
        double[] first = null;
        for (int run = 0; run < 2; run++) {
            MtpModel m = MtpBasisGenerator.generate(6, 1);
            MtpTrainer t = new MtpTrainer(m, new int[] {42}, train, null, 5);
            t.threads = run + 1; // deterministic sums: same numbers with 1 and 2 threads
            t.checkpoint = dir.resolve("ck.mtp");
            t.checkpointEvery = 5;
            double[] x0 = m.parameters();
            t.solveLinear(x0);
            double l0 = t.lossAndGradient(x0, null);
            MtpTrainer.Result r = t.train(15, 0, Progress.NONE);
            assertTrue(r.loss < l0, "loss must decrease: " + l0 + " -> " + r.loss);
            if (first == null) first = m.parameters();
            else assertArrayEquals(first, m.parameters(), 1e-9 * 0 + 1e-12);
            // resume: warm start from the checkpoint continues from where the run stopped
            MtpModel back = MtpFormat.read(t.checkpoint);
            assertArrayEquals(m.parameters(), back.parameters(), 1e-14 * 1e3);
            MtpTrainer t2 = new MtpTrainer(back, new int[] {42}, train, null, 999);
            double lr = t2.lossAndGradient(back.parameters(), null);
            assertEquals(r.loss, lr, 1e-9 * r.loss);
            System.out.printf("short training run (%d thread): loss %.4e -> %.4e in %d iterations%n", run + 1, l0, r.loss, r.iterations);
        }
    }
}
