package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Progress;

/**
 * End-to-end: the quick variant of samples/mnfepba-surrogate runs every stage of the chain and each stage produced
 * physically sane numbers (signs, ranges, orderings — never fixed values): the MTP fits the surrogate to tens of
 * meV/atom, MD holds its temperature, D is finite, the biased μ runs cover half-integer targets over the whole range
 * with φ from the stability condition and the stable ones give a binding energy of a few eV, the free-energy fit uses
 * exactly those points, the Cahn–Hilliard P2D cell delivers no more capacity and charges at a higher mean voltage at
 * the higher C-rate, within its voltage window and the stage's sanity checks. A second run finds every stage up to date.
 */
class PipelineQuickTest {
    static final Path SAMPLE = Path.of("samples", "mnfepba-surrogate", "pipeline.toml");

    @Test
    void quickPipelineRunsEveryStageWithSaneNumbers(@TempDir Path dir) {
        PipelineConfig pc = PipelineConfig.read(SAMPLE, true);
        pc.project = dir.resolve("project");
        Pipeline p = new Pipeline(pc);
        StringBuilder log = new StringBuilder();
        Progress pr = new Progress() {
            @Override public void update(long d, long t, String m) {}
            @Override public void log(String line) { log.append(line).append('\n'); System.out.println(line); }
        };
        List<Pipeline.StageRun> runs = p.run(pr);
        assertEquals(Pipeline.Stage.values().length, runs.size(), log.toString());
        for (var r : runs) {
            assertTrue(r.ran());
            System.out.printf(Locale.ROOT, "%-20s %8.1f s%n", r.stage().folder, r.seconds());
        }
        JsonNode al = runs.get(1).summary();
        // surrogate energies span ~0.2 eV/atom between x = 0 and 2; a fit worse than 0.15 eV/atom would be broken
        assertTrue(al.get("dataset").asInt() >= 12);
        assertTrue(al.get("energy_rmse_eV_per_atom").asDouble() < 0.15, al.toString());
        assertTrue(al.get("force_rmse_eV_per_A").asDouble() < 3.0, al.toString());

        for (JsonNode run : runs.get(2).summary().get("runs")) {
            // NVT sampling: the final instantaneous T of a 60-atom cell fluctuates by ~sqrt(2/3N) ≈ 10 %; allow 40 %
            double t = run.get("temperature_K").asDouble(), tf = run.get("final_temperature_K").asDouble();
            assertTrue(Math.abs(tf - t) < 0.4 * t, run.toString());
            assertTrue(run.get("mean_potential_eV").asDouble() < 0, run.toString());
        }
        for (JsonNode a : runs.get(3).summary().get("arrhenius"))
            for (JsonNode q : a.get("points")) assertTrue(Double.isFinite(q.get("D_A2_per_ps").asDouble()), a.toString());

        JsonNode itf = runs.get(4).summary();
        assertTrue(Double.isFinite(itf.get("gamma_eV_per_A2").asDouble()) && itf.get("area_A2").asDouble() > 50, itf.toString());
        assertTrue(itf.get("E_rich_eV_per_fu").asDouble() < 0 && itf.get("E_poor_eV_per_fu").asDouble() < 0, itf.toString());

        JsonNode muT = runs.get(5).summary().get("temperatures").get(0);
        JsonNode mu = muT.get("points");
        // default targets: the half-integers ½ … 7½ of the cell's 8 Na sites, each with φ from the pilot in [φ_min, φ_max]
        assertEquals(8, mu.size(), mu.toString());
        assertEquals(8, muT.get("pilot").size());
        int stable = 0;
        for (JsonNode q : mu) {
            double x = q.get("x").asDouble(), m = q.get("mu_eV").asDouble(), phi = q.get("phi_eV").asDouble();
            assertEquals(0.5, q.get("target").asDouble() % 1.0, 1e-12, q.toString());
            assertTrue(phi >= 0.05 - 1e-12 && phi <= 0.5 + 1e-12, q.toString());
            assertTrue(x >= 0 && x <= 1, q.toString());
            if (!q.get("stable").asBoolean()) continue;
            stable++;
            // a stable run sampled N around its target on the lattice and Na is bound in the framework, but not by more
            // than a few eV (a cohesive-energy scale)
            assertTrue(Math.abs(q.get("mean_N").asDouble() - q.get("target").asDouble()) <= 1.0, q.toString());
            assertTrue(m < 0 && m > -6, q.toString());
        }
        assertEquals(stable, muT.get("stable_points").asInt());

        JsonNode fe = runs.get(6).summary().get("temperatures").get(0);
        assertEquals(stable, fe.get("points").asInt(), "the free-energy stage fits exactly the stable μ points");
        if (stable >= 3) assertTrue(fe.get("rms_residual_eV").asDouble() < 0.5, fe.toString());
        else assertTrue(fe.has("note"), fe.toString());

        JsonNode p2d = runs.get(8).summary().get("runs");
        assertEquals(2, p2d.size());
        double q1 = p2d.get(0).get("capacity_Ah_per_m2").asDouble(), q2 = p2d.get(1).get("capacity_Ah_per_m2").asDouble();
        for (JsonNode r : p2d) {
            // the stage's own checks passed: capacity within the cathode's Na, no voltage fall beyond the nucleation overshoot
            assertTrue(r.get("sane").asBoolean(), r.toString());
            assertTrue(r.get("capacity_Ah_per_m2").asDouble() > 0 && r.get("capacity_Ah_per_m2").asDouble() <= r.get("cathode_capacity_Ah_per_m2").asDouble() * 1.001, r.toString());
            assertTrue(r.get("max_voltage_drop_V").asDouble() <= 0.1, r.toString());
        }
        assertTrue(q2 <= q1 * 1.001, "capacity must not grow with the C-rate: " + p2d);
        // the template's step is a charge: polarisation raises the mean charging voltage at the higher rate
        assertTrue(p2d.get(1).get("mean_voltage_V").asDouble() > p2d.get(0).get("mean_voltage_V").asDouble(), p2d.toString());
        for (JsonNode r : p2d) assertTrue(r.get("v_min_V").asDouble() > 1.0 && r.get("v_max_V").asDouble() < 4.6, r.toString());
        // every stage recorded the CPU time it used
        for (Pipeline.Stage st : Pipeline.Stage.values())
            assertTrue(StageRecord.read(pc.project.resolve(st.folder)).get("cpu_seconds").asDouble() >= 0, st.folder);
        assertTrue(Files.exists(pc.project.resolve("09-p2d/parameters.json")));

        // second run: nothing changed, nothing reruns
        List<Pipeline.StageRun> again = p.run(Progress.NONE);
        assertEquals(runs.size(), again.size());
        for (var r : again) assertFalse(r.ran(), r.stage() + " reran without an input change");
    }
}
