package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Progress;
import org.scalebridge.core.ScaleBridgeException;
import org.scalebridge.io.Formats;
import org.scalebridge.structure.Structure;

/**
 * The production stage's γ watch with a deliberately poor MTP (level 2, trained on 4 pre-training snapshots at x = 0
 * and 2 and one sampling iteration at 400 K): run at x = 1.5 and 1,200 K, beyond anything it saw, its grade exceeds a
 * stop threshold set just above 1, so the run is stopped at its first grade (equilibration step 0), recorded in
 * {@code stopped_runs} with a message naming the stage, the run, the step and γ, its configuration is kept as a
 * candidate with provenance, the stage warns that production leaves the sampled conditions, and the diffusion stage
 * reports the run unusable. The candidate joins the project's pool, and the active-learning stage then continues from
 * its last iteration with it among the candidates (the pipeline's outer loop). With {@code on_extrapolation = "fail"} the stage itself fails.
 */
class ProductionGammaWatchTest {
    static final String AL = org.scalebridge.learn.SmallLearnConfig.IN_PIPELINE;

    static String pipeline(String onExtrapolation) {
        return """
                name = "gamma-watch"
                project = "project"
                seed = 2
                potential = "mtp"
                [structures]
                x = [1.5]
                [active_learning]
                config = "al.toml"
                [production]
                temperatures = [1200.0]
                x = [1.5]
                steps = 100
                equilibration = 200
                gamma_every = 50
                gamma_select = 1.0
                gamma_stop = 1.001
                on_extrapolation = "%s"
                [diffusion]
                blocks = 2
                """.formatted(onExtrapolation);
    }

    @Test
    void extrapolatingRunIsStoppedRecordedAndReportedUnusable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("al.toml"), AL);
        Path cfg = dir.resolve("p.toml");
        Files.writeString(cfg, pipeline("stop-run"));
        PipelineConfig pc = PipelineConfig.read(cfg, false);
        Path proj = dir.resolve("project");
        Path sd = Files.createDirectories(proj.resolve("01-structures")), ad = Files.createDirectories(proj.resolve("02-active-learning"));
        Path pd = Files.createDirectories(proj.resolve("03-production")), dd = Files.createDirectories(proj.resolve("04-diffusion"));
        Stages.structures(pc, sd, new ArrayList<>());
        Stages.activeLearning(pc, ad, new ArrayList<>(), Progress.NONE);
        List<String> logs = new ArrayList<>();
        Progress pr = new Progress() {
            @Override public void update(long d, long t, String m) {}
            @Override public boolean isCancelled() { return false; }
            @Override public void log(String line) { logs.add(line); }
        };
        List<String> outputs = new ArrayList<>();
        ObjectNode sum = ProductionStage.production(pc, pd, sd, Stages.potential(pc, ad), outputs, pr);
        System.out.println(sum.toPrettyString());
        // the AL sampled 400 K at x = 1 (GCMC) only: production at 1,200 K and x = 1.5 is named as unsampled
        String warn = sum.get("warnings").get(0).asText();
        assertTrue(warn.contains("T = 1200 K") && warn.contains("x = 1.5"), warn);
        assertEquals(1.001, sum.get("gamma_stop").asDouble());
        assertEquals(1, sum.get("stopped").asInt());
        JsonNode st = sum.get("stopped_runs").get(0);
        assertEquals("gamma", st.get("reason").asText());
        assertEquals(0, st.get("step").asLong(), "the first grade (equilibration step 0) is already above the stop threshold");
        String msg = st.get("message").asText();
        assertTrue(msg.contains("03-production/md-x1.500-T1200") && msg.contains("equilibration step 0") && msg.contains("γ = ")
                && msg.contains("exceeds gamma_stop = 1"), msg);
        assertTrue(logs.stream().anyMatch(l -> l.startsWith("PRODUCTION RUN STOPPED: ") && l.contains("md-x1.500-T1200")), logs.toString());
        JsonNode run = sum.get("runs").get(0);
        assertEquals("equilibration", run.get("stop_phase").asText());
        assertTrue(run.get("gamma_max").asDouble() > 1.001);
        // the configuration is kept as a candidate with its provenance (for the training set)
        assertTrue(outputs.contains("candidates.extxyz"), outputs.toString());
        List<Structure> cand = Formats.read(pd.resolve("candidates.extxyz"));
        assertEquals(1, cand.size());
        assertEquals("03-production/md-x1.500-T1200", cand.get(0).info().get("prod_run").toString());
        assertEquals(62, cand.get(0).size(), "the x = 1.5 cell: 60 framework atoms + 6 Na − 4");
        assertFalse(Files.exists(pd.resolve("md-x1.500-T1200.extxyz")), "no trajectory of a run stopped in equilibration");

        // ... and added to the project's pool (outside the stage folders), once even when the stage's candidates are read again
        assertEquals(1, sum.get("candidates_added_to_project").asInt());
        Path pool = proj.resolve(ProductionStage.PRODUCTION_CANDIDATES);
        assertEquals(1, Formats.read(pool).size());
        assertEquals(0, ProductionStage.addProductionCandidates(pool, cand));
        assertTrue(logs.stream().anyMatch(l -> l.contains("are added to the project's pool")), logs.toString());
        StageRecord.write(pd, "PRODUCTION", "h", outputs, 1, sum);

        // diffusion: the stopped run is a point without D, with the reason
        ObjectNode dif = Stages.diffusion(pc, dd, pd, new ArrayList<>());
        JsonNode p = dif.get("arrhenius").get(0).get("points").get(0);
        assertFalse(p.get("usable").asBoolean());
        assertTrue(p.get("D_A2_per_ps").isNull());
        assertTrue(p.get("reason").asText().contains("03-production stopped this run (gamma at step 0)"), p.toString());

        // the pipeline's outer loop: a stopped run left a configuration the AL has not taken, so the AL stage goes on from
        // its last iteration (its folder kept) with it among the next iteration's candidates, graded by its MTP
        StageRecord.write(pd, "PRODUCTION", "h", outputs, 1, sum);
        assertEquals(1, ProductionStage.pendingProductionCandidates(pc, ad, pd));
        int iterBefore = (int) Files.list(ad).filter(f -> f.getFileName().toString().startsWith("iter-")).count();
        ObjectNode al2 = Stages.activeLearning(pc, ad, new ArrayList<>(), Progress.NONE);
        assertEquals(1, al2.get("production_candidates").asInt());
        assertEquals(iterBefore + 1, al2.get("iterations").asInt(), "one more iteration (the budget max_iterations = 1 starts afresh)");
        Path next = ad.resolve(String.format(java.util.Locale.ROOT, "iter-%03d", iterBefore));
        JsonNode samp = StageRecord.JSON.readTree(next.resolve("sampling.json").toFile());
        assertEquals(1, samp.get("external_candidates").asInt(), samp.toString());
        assertTrue(Formats.read(next.resolve("candidates.extxyz")).stream()
                .anyMatch(s -> "external".equals(s.info().get("al_source")) && "03-production/md-x1.500-T1200".equals(String.valueOf(s.info().get("prod_run")))));
        assertEquals(0, ProductionStage.pendingProductionCandidates(pc, ad, pd), "taken");

        // "fail": the stage fails with the same message
        Files.writeString(cfg, pipeline("fail"));
        PipelineConfig strict = PipelineConfig.read(cfg, false);
        Path pd2 = Files.createDirectories(proj.resolve("03-production-strict"));
        ScaleBridgeException e = assertThrows(ScaleBridgeException.class,
                () -> ProductionStage.production(strict, pd2, sd, Stages.potential(strict, ad), new ArrayList<>(), Progress.NONE));
        assertTrue(e.getMessage().contains("md-x1.500-T1200") && e.getMessage().contains("on_extrapolation = \"fail\""), e.getMessage());
    }
}
