package org.scalebridge.potential.mtp;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.core.Progress;
import org.scalebridge.structure.Structure;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full training on the mlearn Mo training set from the level-10 basis with default settings (weights 1/0.01/0.001,
 * weight_scaling 1, tolerance 1e-3); test-set RMSE compared with MLIP-3 trained the same way (8.8 meV/atom,
 * 0.455 eV/Å, reference pack README). Long: validation profile only.
 */
@Tag("validation")
class MtpTrainingValidationTest {
    @Test
    void moLevel10() {
        run(10, 8.8e-3, 0.455, Integer.getInteger("mtp.train.iterations", 1000));
    }

    /** Level 16 with MLIP-3's iteration limit of the pack's level-16 potential (100; MLIP-3: 8.1 meV/atom, 0.347 eV/Å). */
    @Test
    void moLevel16() {
        // bound: MLIP-3's level-10 figures (the level-16 run is iteration-limited like MLIP-3's, not converged)
        run(16, 8.8e-3, 0.455, Integer.getInteger("mtp.train.l16iterations", 100));
    }

    static void run(int level, double refE, double refF, int maxIt) {
        List<Structure> train = MtpTrainerTest.mo("mo/Mo_training.cfg", 1, Integer.MAX_VALUE);
        List<Structure> test = MtpTrainerTest.mo("mo/Mo_test.cfg", 1, Integer.MAX_VALUE);
        MtpModel m = MtpFormat.read(MtpReferenceTest.ref().resolve(String.format("templates/%02d.mtp", level)));
        MtpTrainer t = new MtpTrainer(m, new int[] {42}, train, null, 20261122);
        t.threads = Integer.getInteger("mtp.train.threads", 2);
        t.checkpoint = Path.of("target", "mo_l" + level + "_trained.mtp");
        t.maxSeconds = 60 * Double.parseDouble(System.getProperty("mtp.train.maxMinutes", "0"));
        long t0 = System.nanoTime();
        MtpTrainer.Result r = t.train(maxIt, 1e-3, new Progress() {
            @Override
            public void update(long done, long total, String message) {
                if (done % 10 == 0) System.out.println("[train l" + level + "] " + message + String.format(Locale.ROOT, " (%.0f s)", (System.nanoTime() - t0) * 1e-9));
            }
        });
        double minutes = (System.nanoTime() - t0) * 1e-9 / 60;
        MtpPotential p = new MtpPotential(m, 42);
        double[] eTest = MtpTrainer.errors(p, test), eTrain = MtpTrainer.errors(p, train);
        System.out.printf(Locale.ROOT, "Mo level %d training: %d iterations, %.1f min (%.2f s/iteration), loss %.5e%n", level,
                r.iterations, minutes, r.secondsPerIteration, r.loss);
        System.out.printf(Locale.ROOT, "  train: E RMSE %.2f meV/atom, F RMSE %.3f eV/A; test: E RMSE %.2f meV/atom (MAE %.2f), "
                + "F RMSE %.3f eV/A (MAE %.3f); MLIP-3: %.1f meV/atom, %.3f eV/A%n", 1e3 * eTrain[0], eTrain[1], 1e3 * eTest[0],
                1e3 * eTest[2], eTest[1], eTest[3], 1e3 * refE, refF);
        assertTrue(eTest[0] <= refE && eTest[1] <= refF, "test RMSE above MLIP-3's");
    }
}
