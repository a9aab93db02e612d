package org.scalebridge.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Rng;
import org.scalebridge.io.Formats;
import org.scalebridge.learn.reference.PotentialCalculator;
import org.scalebridge.md.LangevinBaoab;
import org.scalebridge.md.MdRun;
import org.scalebridge.md.MdSystem;
import org.scalebridge.md.Velocities;
import org.scalebridge.potential.mtp.MtpActiveSet;
import org.scalebridge.potential.mtp.MtpFormat;
import org.scalebridge.potential.mtp.MtpGrader;
import org.scalebridge.potential.mtp.MtpModel;
import org.scalebridge.potential.mtp.MtpPotential;
import org.scalebridge.structure.Structure;

/**
 * Fixed-N samplers of the loop, and the γ watch of an MD run ({@link GammaMonitor}) with a deliberately poor MTP (level
 * 2, trained on 4 configurations at x = 0 and 2 only): run at x = 1.5 and 1,200 K it extrapolates, so it is saved as
 * candidates and stopped at the first grade above the stop threshold, with a message that says so.
 */
class GammaMonitorTest {
    @Test
    void fixedNSamplersKeepTheirCompositionAndTheMonitorStopsAnExtrapolatingRun(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("al.toml");
        Files.writeString(f, ActiveLearningTest.CONFIG.replace("mu = [-2.5]", "mu = [-2.5]\ncanonical_x = [1.5]\ncanonical_temperatures = [1200.0]"));
        LearnConfig c = LearnConfig.read(f);
        assertEquals(1200.0, c.maxSamplingTemperature());
        assertEquals(2, c.grid().size());
        new ActiveLearning(c, PotentialCalculator.surrogate()).run(null);
        JsonNode samp = new ObjectMapper().readTree(c.output.resolve("iter-001/sampling.json").toFile());
        JsonNode fixed = samp.get("sampler_outcomes").get(1);
        assertTrue(fixed.path("fixed_N").asBoolean(), fixed.toString());
        assertEquals(1200.0, fixed.get("temperature_K").asDouble());
        // the fixed-N sampler's trace: the Na count of the x = 1.5 cell (6 of 8 sites) at every cycle
        List<String> rows = Files.readAllLines(c.output.resolve("iter-001/gamma.csv"));
        int fixedRows = 0;
        for (String r : rows.subList(1, rows.size())) {
            String[] p = r.split(",", -1);
            if (p[0].equals("1")) {
                fixedRows++;
                assertEquals("", p[2], "no μ for a fixed-N sampler");
                assertEquals(6, Integer.parseInt(p[5]), r);
            }
        }
        assertTrue(fixedRows > 0);

        // γ watch: the same poor MTP at x = 1.5, 1,200 K
        MtpModel model = MtpFormat.read(c.output.resolve("final.mtp"));
        List<Structure> data = Formats.read(c.output.resolve("dataset.extxyz"));
        MtpActiveSet set = ActiveLearning.activeSet(c, model, data);
        Structure s = StructureSpec.pba(1.5, new int[] {1, 1, 1}, 3).build();
        s.ensureVelocities();
        MtpGrader probe = new MtpGrader(new MtpPotential(model.copy(), c.typeToZ), set);
        double g0 = probe.grade(s.copy(), null);
        assertTrue(g0 > 1.05, "a 4-configuration level-2 MTP grades the x = 1.5 cell outside its set: γ = " + g0);
        // thresholds around the measured start grade: select below it (the start is a candidate), stop far above first
        GammaMonitor watch = new GammaMonitor(new MtpGrader(new MtpPotential(model.copy(), c.typeToZ), set), 1.0, 1e12, "test-run", 1200, 1.5, "final.mtp");
        MdSystem sys = new MdSystem(s, new MtpPotential(model.copy(), c.typeToZ), 0.5e-3);
        Velocities.maxwellBoltzmann(sys, 1200, new Rng(1));
        MdRun run = new MdRun(sys, new LangevinBaoab(1200, 0.1, new Rng(2))).monitor(5, watch.phase("production"));
        run.runUntil(20);
        assertEquals(5, watch.graded(), "steps 0, 5, 10, 15, 20");
        assertTrue(watch.candidates().size() >= 1 && watch.maxGamma() >= g0 * 0.999, watch.trace());
        Structure cand = watch.candidates().get(0);
        assertEquals("test-run", cand.info().get("prod_run"));
        assertEquals(0L, ((Number) cand.info().get("prod_step")).longValue());
        assertEquals(g0, ((Number) cand.info().get("prod_gamma")).doubleValue(), 1e-9 * g0);
        assertTrue(watch.trace().startsWith("production,0,"), watch.trace());
        // now a stop threshold below the grades seen: the run stops at its first check with the grade and what to do
        double stopAt = 1 + 0.5 * (g0 - 1);
        GammaMonitor strict = new GammaMonitor(new MtpGrader(new MtpPotential(model.copy(), c.typeToZ), set), 1.0, stopAt, "strict-run", 1200, 1.5, "final.mtp");
        MdRun run2 = new MdRun(sys, new LangevinBaoab(1200, 0.1, new Rng(3))).monitor(5, strict);
        GammaMonitor.ExtrapolationException e = assertThrows(GammaMonitor.ExtrapolationException.class, () -> run2.runUntil(40));
        assertEquals(20, e.step(), "the first check of this run (the step count continues)");
        assertTrue(e.gamma() > stopAt);
        assertTrue(e.getMessage().contains("strict-run") && e.getMessage().contains("exceeds gamma_stop")
                && e.getMessage().contains("canonical_x"), e.getMessage());
        assertEquals(1, strict.candidates().size(), "the configuration that stopped the run is kept");
        // candidates survive an extxyz round trip with their provenance
        Path out = dir.resolve("cand.extxyz");
        Formats.write(out, watch.candidates());
        Structure back = Formats.read(out).get(0);
        assertEquals("test-run", back.info().get("prod_run").toString());
        assertEquals(1200.0, ((Number) back.info().get("prod_temperature_K")).doubleValue());
    }
}
