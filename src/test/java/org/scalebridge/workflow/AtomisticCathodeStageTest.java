package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.scalebridge.core.ScaleBridgeException;
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
        ObjectNode ps = P2dStage.p2d(pc, p2d, pf, o2, Progress.NONE);
        System.out.println(ps.toPrettyString());
        assertTrue(ps.get("atomistic_inputs_applied").asBoolean());
        assertEquals("cahn_hilliard", pfs.get("cathode").asText());
        assertTrue(ps.get("decision").get("cathode").asText().startsWith("ATOMISTIC Cahn"), ps.toString());
        for (String in : new String[] {"ocp_mu", "kappa", "c_max", "diffusivity"}) assertEquals("atomistic", ps.get("inputs").get(in).get("from").asText(), in);
        assertEquals("08-phase-field/mu_table.csv", ps.get("inputs").get("ocp_mu").get("file").asText());
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

    // ------------------------------------------------------------------ the other branches, on synthetic upstream records

    /** Stage folders of a synthetic chain: the μ, interface and diffusion records the phase-field and P2D stages read. */
    record Chain(PipelineConfig pc, Path mu, Path itf, Path diff, Path pf, Path p2d) {
        ObjectNode phaseField() {
            List<String> out = new ArrayList<>();
            ObjectNode s = Stages.phaseField(pc, pf, mu, itf, diff, out);
            StageRecord.write(pf, "PHASE_FIELD", "h", out, 1, s);
            return s;
        }

        ObjectNode p2d(List<String> log) {
            Progress pr = new Progress() {
                @Override public void update(long d, long t, String m) {}
                @Override public void log(String line) { log.add(line); }
            };
            return P2dStage.p2d(pc, p2d, pf, new ArrayList<>(), pr);
        }
    }

    /** Writes the upstream records: μ(x) at the 8 half-integer targets, γ (J/m²) and Arrhenius entries {x, Ea, D(400 K) Å²/ps, usable}. */
    static Chain chain(Path dir, String p2dExtra, java.util.function.DoubleUnaryOperator muOf, double gammaJ, double[][] fits) throws Exception {
        Path template = Path.of("samples", "mnfepba_p2d", "charge_01C.toml").toAbsolutePath();
        Files.createDirectories(dir);
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
                c_rates = [1.0]
                duration_fraction = 0.15
                %s
                """, template.toString().replace("\\", "/"), p2dExtra));
        PipelineConfig pc = PipelineConfig.read(cfg, false);
        Chain c = new Chain(pc, dir.resolve("06-mu"), dir.resolve("05-interface"), dir.resolve("04-diffusion"), dir.resolve("08-phase-field"), dir.resolve("09-p2d"));
        for (Path p : List.of(c.mu, c.itf, c.diff, c.pf, c.p2d)) Files.createDirectories(p);
        ObjectNode ms = StageRecord.JSON.createObjectNode();
        ArrayNode pts = ms.putArray("temperatures").addObject().put("T_K", T).putArray("points");
        for (int n = 0; n < 8; n++) {
            double x = (n + 0.5) / 8;
            pts.addObject().put("x", x).put("mu_eV", muOf.applyAsDouble(x)).put("sigma_mu_eV", 0.002).put("stable", true);
        }
        StageRecord.write(c.mu, "MU", "h", List.of(), 1, ms);
        StageRecord.write(c.itf, "INTERFACE", "h", List.of(), 1, StageRecord.JSON.createObjectNode()
                .put("gamma_eV_per_A2", gammaJ / Units.evPerA2ToJPerM2(1.0)).put("gamma_J_per_m2", gammaJ).put("strain_GPa", 2.0));
        ObjectNode ds = StageRecord.JSON.createObjectNode();
        ArrayNode ar = ds.putArray("arrhenius");
        for (double[] f : fits) {
            ObjectNode o = ar.addObject().put("x", f[0]).put("Ea_eV", f[1]).put("D0_A2_per_ps", f[2] * Math.exp(f[1] / KT)).put("usable", f[3] > 0);
            if (f[3] <= 0) o.put("reason", "Ea = " + f[1] + " eV outside the plausible range");
        }
        StageRecord.write(c.diff, "DIFFUSION", "h", List.of(), 1, ds);
        return c;
    }

    static final double[][] GOOD_D = {{0.5, 0.5, 6e-6, 1}, {1.5, 0.6, 2e-6, 1}};
    static final double MU0_HOM = -4.4, L_HOM = 0.05, E_NA = -1.1;

    /** A μ(x) without a gap: lattice gas with a weak regular excess (L = 0.05 eV &lt; 2kT = 0.069 eV keeps it rising). */
    static double muHomogeneous(double x) { return MU0_HOM + KT * Math.log(x / (1 - x)) + L_HOM * (1 - 2 * x); }

    /**
     * No gap, rising μ(x), usable D: a Fickian cathode whose OCP is −(μ − E_Na)/e of the fitted μ(x), D(x) from the
     * Arrhenius fits at 400 K (log-interpolated between the two compositions), c_max from the site volume.
     */
    @Test
    void risingMuWithoutGapGivesAHomogeneousAtomisticCathode(@TempDir Path dir) throws Exception {
        Chain c = chain(dir, "na_reference_eV = " + E_NA, AtomisticCathodeStageTest::muHomogeneous, -0.2, GOOD_D); // γ unused without a gap
        ObjectNode pfs = c.phaseField();
        assertEquals("homogeneous", pfs.get("cathode").asText(), pfs.toString());
        assertTrue(pfs.get("min_dmu_dx_eV").asDouble() > 0, pfs.toString());
        List<String> log = new ArrayList<>();
        ObjectNode ps = c.p2d(log);
        System.out.println(ps.toPrettyString());
        assertTrue(ps.get("decision").get("cathode").asText().startsWith("ATOMISTIC homogeneous"), ps.toString());
        assertEquals("atomistic", ps.get("inputs").get("ocp_mu").get("from").asText());
        assertEquals("atomistic", ps.get("inputs").get("c_max").get("from").asText());
        assertEquals("atomistic", ps.get("inputs").get("diffusivity").get("from").asText());
        assertEquals("not used", ps.get("inputs").get("kappa").get("from").asText());
        JsonNode params = StageRecord.JSON.readTree(c.p2d.resolve("parameters.json").toFile());
        assertEquals("fickian", params.path("positive").path("particle").path("model").asText());
        assertEquals(PhaseFieldToP2d.cMax(pfs.get("site_volume_A3").asDouble()), params.path("positive").path("c_max").asDouble(), 1e-9);
        // the solver's OCP is −(μ − E_Na)/e of the fitted μ: the lattice-gas fit of 8 exact points reproduces μ to < 1 mV
        // (the monotone table interpolation on 401 points adds < 0.1 mV away from the ends)
        P2dConfig run = P2dConfig.load(c.p2d.resolve("C1p00.toml"));
        var pos = run.parameters.positive;
        for (double x : new double[] {0.1, 0.3, 0.5, 0.7, 0.9})
            assertEquals(-(muHomogeneous(x) - E_NA), pos.ocp.eval(new double[] {x, T}), 1e-3, "OCP at x = " + x);
        // D(x): ln D linear between the fits' site fractions 0.25 and 0.75 (6e-14 and 2e-14 m²/s at 400 K)
        assertEquals(6e-14, pos.diffusivity.eval(new double[] {0.25, 0, T}), 6e-14 * 1e-6);
        assertEquals(Math.sqrt(6e-14 * 2e-14), pos.diffusivity.eval(new double[] {0.5, 0, T}), 6e-14 * 0.05);
        JsonNode r = ps.get("runs").get(0);
        assertTrue(r.get("sane").asBoolean(), r.toString());
        // cell voltage = cathode OCP (3.26–3.34 V over the charge) minus the hard-carbon anode (≤ 1 V) plus polarisation
        assertTrue(r.get("mean_voltage_V").asDouble() > 2.2 && r.get("mean_voltage_V").asDouble() < 3.8, r.toString());
    }

    /** The same chain without the Na reference: the homogeneous OCP has no absolute scale, and use_atomistic = true fails. */
    @Test
    void homogeneousCathodeWithoutNaReferenceFails(@TempDir Path dir) throws Exception {
        Chain c = chain(dir, "", AtomisticCathodeStageTest::muHomogeneous, 0.5, GOOD_D);
        c.phaseField();
        var e = assertThrows(ScaleBridgeException.class, () -> c.p2d(new ArrayList<>()));
        assertTrue(e.getMessage().contains("na_reference_eV"), e.getMessage());
    }

    /** μ falling without a bounded gap: the P2D stage fails naming the μ stage and the slope, unless "if-usable". */
    @Test
    void fallingMuFailsOrFallsBackToTheTemplateOnlyWhenAsked(@TempDir Path dir) throws Exception {
        java.util.function.DoubleUnaryOperator falling = x -> -2.0 - 0.8 * x; // the surrogate's μ(x) falls ~0.8 eV over the range
        Chain c = chain(dir.resolve("a"), "", falling, 0.5, GOOD_D);
        ObjectNode pfs = c.phaseField();
        assertEquals("unusable", pfs.get("cathode").asText(), pfs.toString());
        String reason = pfs.get("unusable_reason").asText();
        assertTrue(reason.contains("06-mu") && reason.contains("falls"), reason);
        var e = assertThrows(ScaleBridgeException.class, () -> c.p2d(new ArrayList<>()));
        assertTrue(e.getMessage().contains("use_atomistic = true") && e.getMessage().contains(reason), e.getMessage());
        assertFalse(Files.exists(c.p2d.resolve("parameters.json")), "no template run when the atomistic cathode is required");

        Chain c2 = chain(dir.resolve("b"), "use_atomistic = \"if-usable\"", falling, 0.5, GOOD_D);
        c2.phaseField();
        List<String> log = new ArrayList<>();
        ObjectNode ps = c2.p2d(log);
        assertTrue(ps.get("decision").get("cathode").asText().startsWith("TEMPLATE"), ps.toString());
        assertEquals(reason, ps.get("decision").get("reason").asText());
        assertFalse(ps.get("atomistic_inputs_applied").asBoolean());
        for (String in : new String[] {"ocp_mu", "kappa", "c_max", "diffusivity"}) assertEquals("template", ps.get("inputs").get(in).get("from").asText(), in);
        assertTrue(log.stream().anyMatch(l -> l.contains("TEMPLATE CATHODE") && l.contains(reason)), log.toString());
        assertTrue(ps.get("runs").get(0).get("sane").asBoolean());
    }

    /** A bounded gap with γ ≤ 0, or with no usable diffusivity: unusable, the reason names the stage and the number. */
    @Test
    void gapWithUnusableGammaOrDiffusivityFails(@TempDir Path dir) throws Exception {
        Chain c = chain(dir.resolve("g"), "", AtomisticCathodeStageTest::mu, -0.29, GOOD_D);
        ObjectNode pfs = c.phaseField();
        assertTrue(pfs.get("gap").asBoolean());
        assertEquals("unusable", pfs.get("cathode").asText());
        assertTrue(pfs.get("unusable_reason").asText().contains("05-interface") && pfs.get("unusable_reason").asText().contains("-0.29"), pfs.toString());
        var e = assertThrows(ScaleBridgeException.class, () -> c.p2d(new ArrayList<>()));
        assertTrue(e.getMessage().contains("05-interface"), e.getMessage());

        Chain c2 = chain(dir.resolve("d"), "", AtomisticCathodeStageTest::mu, 0.5, new double[][] {{1.0, -0.9, 1e-3, 0}});
        ObjectNode p2 = c2.phaseField();
        assertEquals("unusable", p2.get("cathode").asText());
        assertTrue(p2.get("unusable_reason").asText().contains("04-diffusion") && p2.get("unusable_reason").asText().contains("-0.9"), p2.toString());
        var e2 = assertThrows(ScaleBridgeException.class, () -> c2.p2d(new ArrayList<>()));
        assertTrue(e2.getMessage().contains("04-diffusion"), e2.getMessage());
    }
}
