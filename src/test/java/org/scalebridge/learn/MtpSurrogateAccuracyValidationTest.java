package org.scalebridge.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scalebridge.io.Formats;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.potential.mtp.MtpTrainer;
import org.scalebridge.structure.Structure;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Held-out accuracy of the MTP of a finished active-learning run on the MnFePBA surrogate ({@link SurrogateHeldOut}:
 * 60 MD snapshots at x = 0…2, 300–800 K, and 30 N/N+1 pairs). Point {@code -Dscalebridge.al.output} at the run's
 * output folder (holding {@code final.mtp} and {@code dataset.extxyz}; default
 * {@code samples/mnfepba-surrogate/al}, where {@code scalebridge learn samples/mnfepba-surrogate/active-learning.toml}
 * writes it); skipped when absent.
 */
@Tag("validation")
class MtpSurrogateAccuracyValidationTest {
    @Test
    void heldOutErrorsOfTheLearnedMtp() {
        Path out = Path.of(System.getProperty("scalebridge.al.output", "samples/mnfepba-surrogate/al"));
        Assumptions.assumeTrue(Files.exists(out.resolve("final.mtp")), "no active-learning output at " + out.toAbsolutePath());
        MtpPotential p = new MtpPotential(MtpFormat.read(out.resolve("final.mtp")), 11, 25, 26, 6, 7);
        List<Structure> train = Formats.read(out.resolve("dataset.extxyz"));
        double[] e = MtpTrainer.errors(p, train);
        SurrogateHeldOut h = SurrogateHeldOut.build(600, 4, 20261207);
        h.label(SurrogateHeldOut.surrogate());
        SurrogateHeldOut.Report r = h.evaluate(p);
        System.out.printf(Locale.ROOT, "training set (%d): E RMSE %.2f meV/atom, F RMSE %.3f eV/Å%n%s%n", train.size(), 1e3 * e[0], e[1], r);
        // generalisation: the held-out set (other seeds and temperatures, same compositions) is not much worse than the
        // training set (factor 1.5 + 2 meV/atom: the held-out set has 300 K and 550 K runs the loop never samples)
        assertTrue(r.energyRmse() <= 1.5 * e[0] + 2e-3, "held-out E RMSE " + r.energyRmse());
        // the insertion energies are predicted better than by their mean (their spread over the set)
        assertTrue(r.deltaRmse() < r.deltaRefSpread(), "ΔE RMSE " + r.deltaRmse() + " vs spread " + r.deltaRefSpread());
    }
}
