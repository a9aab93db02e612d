package org.scalebridge.potential.mtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Progress;
import org.scalebridge.io.MlipCfg;
import org.scalebridge.structure.Structure;

/**
 * Training: exact loss gradient, exact linear solve, decreasing loss, determinism, checkpoint/resume (bit-identical to
 * an uninterrupted run), warm start, MLIP default weights, per-configuration weights and the radial regulariser.
 */
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

    @Test
    void resumeFromCheckpointIsBitIdenticalToAnUninterruptedRun(@TempDir Path dir) {
        List<Structure> train = mo("mo/Mo_training.cfg", 20, 8);
        int total = 14;
        // uninterrupted
        MtpModel m1 = MtpBasisGenerator.generate(8, 1);
        MtpTrainer t1 = new MtpTrainer(m1, new int[] {42}, train, null, 5);
        t1.threads = 2;
        t1.resolveEvery = 5; // a linear re-solve falls inside both halves
        t1.checkpoint = dir.resolve("a.mtp");
        t1.checkpointEvery = 4;
        MtpTrainer.Result r1 = t1.train(total, 0, Progress.NONE);
        // interrupted by a crash at iteration 10: the last checkpoint is iteration 8
        MtpModel m2 = MtpBasisGenerator.generate(8, 1);
        MtpTrainer t2 = new MtpTrainer(m2, new int[] {42}, train, null, 5);
        t2.threads = 2;
        t2.resolveEvery = 5;
        t2.checkpoint = dir.resolve("b.mtp");
        t2.checkpointEvery = 4;
        assertThrows(IllegalStateException.class, () -> t2.train(total, 0, new Progress() {
            @Override
            public void update(long done, long tot, String message) {
                if (done == 10) throw new IllegalStateException("simulated crash");
            }
        }));
        assertTrue(Files.exists(MtpTrainer.stateFile(t2.checkpoint)));
        // a new process: fresh template, same seed, resume
        MtpModel m3 = MtpBasisGenerator.generate(8, 1);
        MtpTrainer t3 = new MtpTrainer(m3, new int[] {42}, train, null, 5);
        t3.threads = 2;
        t3.resolveEvery = 5;
        t3.checkpoint = dir.resolve("b.mtp");
        t3.checkpointEvery = 4;
        t3.resume = true;
        List<String> msgs = new ArrayList<>();
        MtpTrainer.Result r3 = t3.train(total, 0, new Progress() {
            @Override
            public void update(long done, long tot, String message) { msgs.add(message); }
        });
        assertEquals(8, r3.resumedFrom);
        assertEquals(r1.iterations, r3.iterations);
        assertEquals(r1.loss, r3.loss, 0.0); // bit-identical
        assertArrayEquals(m1.parameters(), m3.parameters(), 0.0);
        assertEquals(total - 8, msgs.size());
        assertTrue(msgs.get(0).contains("RMSE"), msgs.get(0)); // progress reports the loss and training RMSEs
        System.out.printf("resume: uninterrupted loss %.12e, resumed from iteration %d loss %.12e%n", r1.loss, r3.resumedFrom, r3.loss);
    }

    @Test
    void mlipDefaultWeightsPerConfigurationWeightsAndRegulariser() {
        List<Structure> train = mo("mo/Mo_training.cfg", 40, 4);
        MtpModel m = MtpBasisGenerator.generate(6, 1);
        MtpTrainer t = new MtpTrainer(m, new int[] {42}, train, null, 7);
        // MLIP defaults: 1 (energy per atom), 0.01 (forces), 0.001 (stress per atom), weight_scaling 1
        assertEquals(1.0, t.energyWeight);
        assertEquals(0.01, t.forceWeight);
        assertEquals(0.001, t.stressWeight);
        assertEquals(1.0, t.weightScaling);
        double[] x = m.parameters();
        t.solveLinear(x);
        // a configuration weight of 2 is the same loss (and gradient) as listing the configuration twice
        List<Structure> dup = new ArrayList<>(train);
        dup.add(train.get(1));
        MtpTrainer td = new MtpTrainer(m.copy(), new int[] {42}, dup, null, 7);
        MtpTrainer tw = new MtpTrainer(m.copy(), new int[] {42}, train, new double[] {1, 2, 1, 1}, 7);
        double[] gd = new double[x.length], gw = new double[x.length];
        double ld = td.lossAndGradient(x, gd), lw = tw.lossAndGradient(x, gw);
        assertEquals(ld, lw, 1e-12 * ld); // only the summation order differs
        for (int q = 0; q < x.length; q++) assertEquals(gd[q], gw[q], 1e-10 * (Math.abs(gd[q]) + 1e-6));
        // weight 0 drops a configuration
        MtpTrainer t0 = new MtpTrainer(m.copy(), new int[] {42}, train, new double[] {1, 0, 1, 1}, 7);
        MtpTrainer tDrop = new MtpTrainer(m.copy(), new int[] {42}, List.of(train.get(0), train.get(2), train.get(3)), null, 7);
        assertEquals(tDrop.lossAndGradient(x, null), t0.lossAndGradient(x, null), 1e-12 * ld);
        // the regulariser adds λ Σ c_radial² (and nothing on the linear parameters)
        double sum = 0;
        for (int q = 0; q < m.radialParameterCount(); q++) sum += x[q] * x[q];
        t.radialRegularization = 0;
        double l0 = t.lossAndGradient(x, null);
        t.radialRegularization = 1e-3;
        assertEquals(l0 + 1e-3 * sum, t.lossAndGradient(x, null), 1e-12 * l0);
        assertThrows(IllegalArgumentException.class, () -> new MtpTrainer(m.copy(), new int[] {42}, train, new double[] {1, 2}, 7));
    }

    @Test
    void variableProjectionKeepsTheLinearPartOptimalAndDecreasesTheLoss() {
        List<Structure> train = mo("mo/Mo_training.cfg", 25, 6);
        MtpModel m = MtpBasisGenerator.generate(8, 1);
        MtpTrainer t = new MtpTrainer(m, new int[] {42}, train, null, 13);
        t.variableProjection = true;
        double[] x0 = m.parameters();
        t.solveLinear(x0);
        double l0 = t.lossAndGradient(x0, null);
        MtpTrainer.Result r = t.train(12, 0, Progress.NONE);
        assertTrue(r.loss < l0, "loss must decrease: " + l0 + " -> " + r.loss);
        double[] x = m.parameters(), g = new double[x.length];
        t.lossAndGradient(x, g);
        double gl = 0, gr = 0;
        for (int q = m.radialParameterCount(); q < x.length; q++) gl = Math.max(gl, Math.abs(g[q]));
        for (int q = 0; q < m.radialParameterCount(); q++) gr = Math.max(gr, Math.abs(g[q]));
        // the linear parameters are the exact least-squares solution at every accepted point
        assertTrue(gl < 1e-6 * Math.max(gr, r.loss), "linear gradient " + gl + " radial " + gr);
        System.out.printf("variable projection: loss %.4e -> %.4e in %d iterations%n", l0, r.loss, r.iterations);
    }
}
