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
 * exactly those points, every D is positive with a finite error or reported unusable with the reason, every Ea is
 * plausible or flagged, γ is positive or flagged, the phase-field stage decides the cathode (or names the stage and
 * number that make the atomistic one unusable), the P2D records that decision and the source of each input, and the
 * P2D cell delivers no more capacity than I·t and the cathode allow and charges at a higher mean voltage at the higher
 * C-rate, within its voltage window and the stage's sanity checks. A second run finds every stage up to date.
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
            // the mean over the production's thermo samples (200 of them): Nosé–Hoover holds it within a few % of T
            double tm = run.get("mean_temperature_K").asDouble();
            assertTrue(Math.abs(tm - t) < 0.1 * t, run.toString());
            assertTrue(run.get("mean_potential_eV").asDouble() < 0, run.toString());
        }
        // diffusion: every D is either a positive number with a finite block error, or reported unusable with the reason
        // (a slope ≤ 0 is no diffusivity); every Arrhenius fit has Ea in the plausible range or is flagged with the reason
        int usableD = 0;
        for (JsonNode a : runs.get(3).summary().get("arrhenius")) {
            for (JsonNode q : a.get("points")) {
                if (q.get("usable").asBoolean()) {
                    usableD++;
                    double d = q.get("D_A2_per_ps").asDouble(), sd = q.get("sigma_D").asDouble();
                    assertTrue(d > 0 && Double.isFinite(d) && sd > 0 && Double.isFinite(sd), q.toString());
                    // Na in a PBA framework at 1,000–1,300 K: far below a liquid's ~1 Å²/ps
                    assertTrue(d < 1.0, q.toString());
                } else {
                    assertTrue(q.get("D_A2_per_ps").isNull() && (q.get("reason").asText().contains("diffusive regime") || q.get("reason").asText().contains("error")), q.toString());
                }
            }
            if (a.get("usable").asBoolean()) {
                double ea = a.get("Ea_eV").asDouble();
                assertTrue(ea >= Stages.EA_MIN && ea <= Stages.EA_MAX && Double.isFinite(a.get("sigma_Ea_eV").asDouble()), a.toString());
            } else {
                assertFalse(a.get("reason").asText().isBlank(), a.toString());
            }
        }
        System.out.println("usable diffusivities: " + usableD + "; arrhenius " + runs.get(3).summary().get("arrhenius"));
        // Na hops in these 30-ps runs at the relaxed cell, but 4 Na give D to ±50–100 %: whether the fit resolves Ea
        // depends on the trajectory (round-off alone turned Ea = 1.01 ± 0.23 eV into an unresolved 0.3 eV), so the
        // fit's usability is reported, not asserted; the flags above must hold either way

        // interface: γ > 0, or flagged unusable with the stage and the number
        JsonNode itf = runs.get(4).summary();
        assertTrue(Double.isFinite(itf.get("gamma_eV_per_A2").asDouble()) && itf.get("area_A2").asDouble() > 50, itf.toString());
        assertTrue(itf.get("E_rich_eV_per_fu").asDouble() < 0 && itf.get("E_poor_eV_per_fu").asDouble() < 0, itf.toString());
        if (itf.get("usable").asBoolean()) assertTrue(itf.get("gamma_J_per_m2").asDouble() > 0, itf.toString());
        else assertTrue(itf.get("gamma_J_per_m2").asDouble() <= 0 && itf.get("reason").asText().startsWith("05-interface: γ = "), itf.toString());

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

        // phase field: a decided cathode; "unusable" names the upstream stage and number that made it so
        JsonNode pf = runs.get(7).summary();
        String cathode = pf.get("cathode").asText();
        assertTrue(List.of("cahn_hilliard", "homogeneous", "unusable").contains(cathode), pf.toString());
        if (cathode.equals("cahn_hilliard")) {
            assertTrue(pf.get("binodal_poor").asDouble() > 0 && pf.get("binodal_rich").asDouble() < 1
                    && pf.get("binodal_poor").asDouble() < pf.get("binodal_rich").asDouble() && pf.get("kappa_J_per_m").asDouble() > 0, pf.toString());
        } else if (cathode.equals("unusable")) {
            assertTrue(pf.get("unusable_reason").asText().matches("(?s)0[4-7]-.*"), pf.toString());
        }
        // every upstream problem is listed, also one the decision did not need
        assertEquals(!itf.get("usable").asBoolean(), pf.has("gamma_problem"), pf.toString());

        // P2D: the quick sample says use_atomistic = "if-usable" (see pipeline-quick.toml): the decision and its reason are
        // in the summary, and every input names its source
        JsonNode ps = runs.get(8).summary();
        assertEquals("if-usable", ps.get("use_atomistic").asText());
        String decision = ps.get("decision").get("cathode").asText();
        if (cathode.equals("unusable")) {
            assertTrue(decision.startsWith("TEMPLATE"), ps.toString());
            assertEquals(pf.get("unusable_reason").asText(), ps.get("decision").get("reason").asText());
            assertTrue(log.toString().contains("TEMPLATE CATHODE"), "the fallback is in the log");
        } else {
            assertTrue(decision.startsWith("ATOMISTIC"), ps.toString());
        }
        for (String in : new String[] {"ocp_mu", "kappa", "c_max", "diffusivity"})
            assertEquals(cathode.equals("unusable") ? "template" : (in.equals("kappa") && cathode.equals("homogeneous") ? "not used" : "atomistic"),
                    ps.get("inputs").get(in).get("from").asText(), in + ": " + ps.get("inputs"));
        JsonNode p2d = ps.get("runs");
        assertEquals(2, p2d.size());
        double q1 = p2d.get(0).get("capacity_Ah_per_m2").asDouble(), q2 = p2d.get(1).get("capacity_Ah_per_m2").asDouble();
        for (JsonNode r : p2d) {
            // the stage's own checks passed: capacity within the cathode's Na, no voltage fall beyond the nucleation overshoot
            assertTrue(r.get("sane").asBoolean(), r.toString());
            assertTrue(r.get("capacity_Ah_per_m2").asDouble() > 0 && r.get("capacity_Ah_per_m2").asDouble() <= r.get("cathode_capacity_Ah_per_m2").asDouble() * 1.001, r.toString());
            assertTrue(r.get("max_voltage_drop_V").asDouble() <= 0.1, r.toString());
        }
        assertTrue(q2 <= q1 * 1.001, "capacity must not grow with the C-rate: " + p2d);
        // a CC charge passes at most I·t: duration_fraction 0.6 of the template's 0.1C × 46,800 s step (1.3 nominal
        // capacities) → ≤ 0.78 × 10.8765 Ah/m²; well above a fifth of that unless the run stopped early
        double qMax = 0.6 * 46800 * 0.1 / 3600 * 10.8765;
        for (JsonNode r : p2d) assertTrue(r.get("capacity_Ah_per_m2").asDouble() <= 1.001 * qMax && r.get("capacity_Ah_per_m2").asDouble() > 0.2 * qMax, r.toString());
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
