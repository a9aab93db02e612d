package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.continuum.P2dConfig;
import org.scalebridge.core.Progress;
import org.scalebridge.core.Units;

/**
 * The phase-field and P2D stages hand atomistic numbers to a Cahn–Hilliard cathode: μ(x) (a sub-regular solution
 * whose binodals are the paper-like 0.01/0.79 at 400 K, as a μ stage would record it), γ from an interface stage and
 * D(x) from Arrhenius fits. The P2D parameters must carry the fitted μ(x) − μ_coex table, c_max = 1/(Ω N_A) and the
 * binodals, so that the solver's κ from γ (Eq. 26) is the phase-field stage's κ; the runs at two C-rates must be
 * sane (capacity within the cathode's Na, a charging voltage that does not fall beyond the nucleation overshoot).
 */
class AtomisticCathodeStageTest {
    static final double T = 400, KT = Units.KB_EV_PER_K * T;
    static final double L0 = 9183.80503509 / 96485.33212, L1 = 5728.69889752 / 96485.33212, MU0 = -2.1;

    static double mu(double x) {
        double u = 1 - 2 * x;
        return MU0 + KT * Math.log(x / (1 - x)) + L0 * u + L1 * (u * u - 2 * x * (1 - x));
    }

    @Test
    void phaseFieldParametersReachTheCahnHilliardCathode(@TempDir Path dir) throws Exception {
        Path template = Path.of("samples", "mnfepba_p2d", "charge_01C.toml").toAbsolutePath();
        Path cfg = dir.resolve("pipeline.toml");
        Files.writeString(cfg, String.format(Locale.ROOT, """
                name = "atomistic-cathode-test"
                potential = "surrogate"
                [free_energy]
                max_degree = 5
                [phase_field]
                temperature = 400.0
                [p2d]
                template = "%s"
                c_rates = [1.0, 2.0]
                duration_fraction = 0.15
                """, template.toString().replace("\\", "/")));
        PipelineConfig pc = PipelineConfig.read(cfg, false);
        Path mu = dir.resolve("06-mu"), itf = dir.resolve("05-interface"), diff = dir.resolve("04-diffusion"), pf = dir.resolve("08-phase-field"), p2d = dir.resolve("09-p2d");
        for (Path p : List.of(mu, itf, diff, pf, p2d)) Files.createDirectories(p);
        // μ stage record: 8 half-integer targets of an 8-site cell (x = (N + ½)/8), σ = 2 meV
        ObjectNode ms = StageRecord.JSON.createObjectNode();
        ArrayNode pts = ms.putArray("temperatures").addObject().put("T_K", T).putArray("points");
        for (int n = 0; n < 8; n++) {
            double x = (n + 0.5) / 8;
            pts.addObject().put("x", x).put("mu_eV", mu(x)).put("sigma_mu_eV", 0.002).put("stable", true);
        }
        StageRecord.write(mu, "MU", "h", List.of(), 1, ms);
        ObjectNode is = StageRecord.JSON.createObjectNode().put("gamma_eV_per_A2", 0.5 / Units.evPerA2ToJPerM2(1.0)); // 0.5 J/m², as the template
        StageRecord.write(itf, "INTERFACE", "h", List.of(), 1, is);
        ObjectNode ds = StageRecord.JSON.createObjectNode();
        ArrayNode ar = ds.putArray("arrhenius");
        // D(400 K) ≈ 6e-14 and 2e-15 m²/s (Å²/ps ×1e-8): slow enough that the particles phase-separate at 1–2C
        ar.addObject().put("x", 0.0).put("Ea_eV", 0.5).put("D0_A2_per_ps", 6e-6 * Math.exp(0.5 / KT));
        ar.addObject().put("x", 2.0).put("Ea_eV", 0.6).put("D0_A2_per_ps", 2e-7 * Math.exp(0.6 / KT));
        StageRecord.write(diff, "DIFFUSION", "h", List.of(), 1, ds);

        List<String> out = new ArrayList<>();
        ObjectNode pfs = Stages.phaseField(pc, pf, mu, itf, diff, out);
        assertTrue(pfs.get("parameters").asBoolean(), pfs.toString());
        // the exact binodals are 0.0100/0.7900; the lattice-gas fit of 8 exact points recovers them
        assertEquals(0.01, pfs.get("binodal_poor").asDouble(), 1e-4, pfs.toString());
        assertEquals(0.79, pfs.get("binodal_rich").asDouble(), 1e-4, pfs.toString());
        StageRecord.write(pf, "PHASE_FIELD", "h", out, 1, pfs);

        List<String> o2 = new ArrayList<>();
        ObjectNode ps = Stages.p2d(pc, p2d, pf, diff, o2, Progress.NONE);
        System.out.println(ps.toPrettyString());
        assertTrue(ps.get("atomistic_inputs_applied").asBoolean());
        JsonNode params = StageRecord.JSON.readTree(p2d.resolve("parameters.json").toFile());
        JsonNode part = params.path("positive").path("particle");
        assertEquals("cahn_hilliard", part.path("model").asText());
        assertEquals("mu_table.csv", part.path("mu_homogeneous").path("table").asText());
        assertEquals(PhaseFieldToP2d.cMax(pfs.get("site_volume_A3").asDouble()), params.path("positive").path("c_max").asDouble(), 1e-9);
        // the solver's κ (from γ, the binodals and the tabulated μ_hom, Eq. 26) is the phase-field stage's κ; 1 %: the
        // solver integrates the interpolated table on its own 2000-point grid
        P2dConfig run = P2dConfig.load(p2d.resolve("C1p00.toml"));
        double kSolver = run.parameters.positive.kappa;
        System.out.printf(Locale.ROOT, "κ solver %.6g J/m, phase-field stage %.6g J/m%n", kSolver, pfs.get("kappa_J_per_m").asDouble());
        assertEquals(pfs.get("kappa_J_per_m").asDouble(), kSolver, 0.01 * kSolver);
        JsonNode runs = ps.get("runs");
        assertEquals(2, runs.size());
        for (JsonNode r : runs) {
            assertTrue(r.get("sane").asBoolean(), r.toString());
            assertTrue(r.get("capacity_Ah_per_m2").asDouble() > 0 && r.get("capacity_Ah_per_m2").asDouble() <= r.get("cathode_capacity_Ah_per_m2").asDouble(), r.toString());
        }
        // a charge at twice the rate for the same fraction of its nominal time passes the same charge (CC) at a higher mean voltage
        assertTrue(runs.get(1).get("mean_voltage_V").asDouble() > runs.get(0).get("mean_voltage_V").asDouble(), runs.toString());
    }
}
