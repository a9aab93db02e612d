package org.scalebridge.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.core.Rng;
import org.scalebridge.core.Units;
import org.scalebridge.io.ExtXyzFormat;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/**
 * The diffusion stage on synthetic trajectories of 4 Na: random walks with known D give usable points and a plausible
 * Ea; Na that only oscillates in its cage (MSD falling over the fit window, a negative Einstein slope) is reported
 * unusable with the reason and no number, and a composition with no usable D at two temperatures gets no Ea.
 */
class DiffusionStageFlagsTest {
    static final int FRAMES = 401;
    static final double DT_PS = 0.01; // 1 fs × every 10

    /** D (Å²/ps) > 0: Gaussian random walk; D = 0: oscillation of period 200 frames (the fallback window is its falling half). */
    static void trajectory(Path f, double d, long seed) throws Exception {
        Rng rng = new Rng(seed);
        double[][] r = new double[4][3];
        for (int a = 0; a < 4; a++) for (int k = 0; k < 3; k++) r[a][k] = 5 + 10 * ((a >> k) & 1);
        double[] phase = {0, 1.3, 2.1, 4.0};
        try (Writer w = Files.newBufferedWriter(f)) {
            for (int i = 0; i < FRAMES; i++) {
                Structure s = new Structure(Cell.orthorhombic(20, 20, 20));
                for (int a = 0; a < 4; a++) {
                    double[] p = new double[3];
                    for (int k = 0; k < 3; k++) {
                        if (d > 0) { r[a][k] += Math.sqrt(2 * d * DT_PS) * rng.nextGaussian(); p[k] = r[a][k]; }
                        else p[k] = r[a][k] + 0.8 * Math.sin(2 * Math.PI * i / 200.0 + phase[a] + k);
                    }
                    s.addAtom(11, p[0], p[1], p[2]);
                }
                ExtXyzFormat.writeFrame(w, s);
            }
        }
    }

    @Test
    void negativeSlopesAreUnusableAndEaIsChecked(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("p.toml");
        Files.writeString(cfg, "name = \"d\"\npotential = \"surrogate\"\n[diffusion]\nblocks = 4\n");
        PipelineConfig pc = PipelineConfig.read(cfg, false);
        Path prod = dir.resolve("03-production"), out = dir.resolve("04-diffusion");
        Files.createDirectories(prod);
        Files.createDirectories(out);
        ObjectNode ps = StageRecord.JSON.createObjectNode();
        ArrayNode runs = ps.putArray("runs");
        // x = 1: walks at 1000 and 1300 K (D = 0.01, 0.03 Å²/ps → Ea = kB ln 3 / (1/1000 − 1/1300) = 0.410 eV), caged at 700 K
        // x = 1.5: caged at both temperatures
        double[][] cases = {{1.0, 700, 0}, {1.0, 1000, 0.01}, {1.0, 1300, 0.03}, {1.5, 1000, 0}, {1.5, 1300, 0}};
        int k = 0;
        for (double[] c : cases) {
            trajectory(prod.resolve(String.format(Locale.ROOT, "md-x%.3f-T%.0f.extxyz", c[0], c[1])), c[2], 11 + k++);
            runs.addObject().put("x", c[0]).put("temperature_K", c[1]).put("timestep_fs", DT_PS * 1e3);
        }
        StageRecord.write(prod, "PRODUCTION", "h", List.of(), 1, ps);
        ObjectNode sum = Stages.diffusion(pc, out, prod, new ArrayList<>());
        System.out.println(sum.toPrettyString());
        JsonNode a1 = sum.get("arrhenius").get(0), a15 = sum.get("arrhenius").get(1);
        assertEquals(1.0, a1.get("x").asDouble());
        JsonNode caged = a1.get("points").get(0);
        assertEquals(700, caged.get("T_K").asDouble());
        assertFalse(caged.get("usable").asBoolean());
        assertTrue(caged.get("D_A2_per_ps").isNull(), "an unusable point carries no D");
        assertTrue(caged.get("reason").asText().contains("no diffusive regime"), caged.toString());
        for (int i = 1; i <= 2; i++) {
            JsonNode q = a1.get("points").get(i);
            double d = cases[i][2];
            assertTrue(q.get("usable").asBoolean(), q.toString());
            // 4 walkers × 3 dimensions over the fit window: the estimate scatters by tens of per cent; within a factor 2
            assertTrue(q.get("D_A2_per_ps").asDouble() > d / 2 && q.get("D_A2_per_ps").asDouble() < 2 * d, q.toString());
        }
        // Ea from the two usable points: plausible (0.41 eV exactly for the true D; the estimates scatter)
        assertTrue(a1.get("usable").asBoolean(), a1.toString());
        assertTrue(a1.get("Ea_eV").asDouble() > Stages.EA_MIN && a1.get("Ea_eV").asDouble() < Stages.EA_MAX, a1.toString());
        assertFalse(a15.get("usable").asBoolean());
        assertFalse(a15.has("Ea_eV"));
        assertTrue(a15.get("reason").asText().contains("≥ 2 temperatures"), a15.toString());
        // what the phase field reads: x = 1's fit only
        ObjectNode rec = StageRecord.JSON.createObjectNode();
        rec.set("summary", sum);
        double d400 = Stages.diffusivityAt(rec, 1.5, 400);
        assertEquals(a1.get("D0_A2_per_ps").asDouble() * Math.exp(-a1.get("Ea_eV").asDouble() / (Units.KB_EV_PER_K * 400)), d400, 1e-12 * d400);
        String csv = Files.readString(out.resolve("diffusion.csv"));
        assertTrue(csv.lines().filter(l -> l.startsWith("1.0000,700.00,,")).count() == 1, csv);
    }
}
