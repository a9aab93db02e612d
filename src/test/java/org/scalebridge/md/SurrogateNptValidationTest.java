package org.scalebridge.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's MnFePBA-surrogate requirements in our engine ({@link SurrogateNptStability}): over 100 ps of NPT at
 * 300, 500 and 700 K for x = 0, 1 and 2 no Fe–C, C≡N or Mn–N bond exceeds 1.3 r0 at any sampled frame (every
 * 50 fs); the mean cell volume changes with x; Na hops between cages occur within 200 ps at 500–700 K.
 * dt = 0.5 fs (the C≡N stretch, 2080 cm⁻¹, period 16 fs, gets 32 steps). Box: the pseudo-cubic cell repeated
 * {@code -Dsurrogate.reps} times per axis (default 1: 56–64 atoms, cheap enough for the validation profile; 2 gives
 * 448–512 atoms). Prints the results table.
 */
@Tag("validation")
class SurrogateNptValidationTest {
    @Test
    void frameworkIntactVolumeFollowsXAndNaHops() {
        int reps = Integer.getInteger("surrogate.reps", 1);
        double[] temps = {300, 500, 700}, xs = {0, 1, 2};
        List<SurrogateNptStability.Result> rs = new ArrayList<>();
        System.out.println(SurrogateNptStability.Result.header());
        for (double t : temps) {
            for (double x : xs) {
                double ps = t >= 500 && x > 0 ? 200 : 100;
                var r = SurrogateNptStability.run(t, x, ps, 0.5, 20, 100, 2026, 1, reps, null);
                System.out.println(r.csv());
                rs.add(r);
                assertEquals("ok", r.status());
                assertTrue(r.maxRatioFeC() < 1.3 && r.maxRatioCN() < 1.3 && r.maxRatioMnN() < 1.3, r.csv());
            }
        }
        for (int k = 0; k < 3; k++) {
            // volume changes with x at every T (mean over production; its SD is printed beside it)
            double v0 = rs.get(3 * k).meanVolume(), v2 = rs.get(3 * k + 2).meanVolume();
            assertTrue(Math.abs(v2 - v0) > 3 * Math.max(rs.get(3 * k).sdVolume(), rs.get(3 * k + 2).sdVolume()) / Math.sqrt(20),
                    "V(x=0) = " + v0 + ", V(x=2) = " + v2 + " at " + temps[k] + " K");
        }
        int hotHops = 0;
        for (var r : rs) if (r.temperature() >= 500 && r.xRequested() == 1) hotHops += r.hops();
        assertTrue(hotHops > 0, "Na hops at 500–700 K, x = 1");
    }
}
