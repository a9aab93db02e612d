package org.scalebridge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every analysis/thermo subcommand runs on the shipped samples and writes JSON + CSV with units in the header. */
class AnalysisCommandsTest {
    static final Path SAMPLES = Path.of("samples/analysis");
    static final Path REF = Path.of(System.getProperty("scalebridge.reference", "../shared/reference"));
    @TempDir Path tmp;

    JsonNode json(String name) throws Exception { return new ObjectMapper().readTree(tmp.resolve(name).toFile()); }

    String header(String name) throws Exception { return Files.readAllLines(tmp.resolve(name)).get(0); }

    @Test
    void thermoCommands() throws Exception {
        assertEquals(0, Main.run("arrhenius", SAMPLES.resolve("arrhenius.csv").toString(), "--extrapolate", "300", "-o", tmp.resolve("a").toString()));
        JsonNode a = json("a.arrhenius.json");
        assertEquals(0.32, a.get("Ea_eV").asDouble(), 3 * a.get("sigma_Ea_eV").asDouble());
        assertTrue(header("a.arrhenius.csv").contains("T_K"));

        assertEquals(0, Main.run("voltage", SAMPLES.resolve("voltage.csv").toString(), "--e-na", "-1.3114", "-o", tmp.resolve("v").toString()));
        assertEquals(3.6, json("v.voltage.json").get("steps").get(0).get("V_volt").asDouble(), 1e-9);

        assertEquals(0, Main.run("interface-energy", SAMPLES.resolve("interface.csv").toString(), "--e-rich", "-62.0", "--e-poor", "-55.0",
                "--area", "108", "-o", tmp.resolve("i").toString()));
        JsonNode i = json("i.interface.json");
        assertEquals(0.010, i.get("gamma_eV_per_A2").asDouble(), 3 * i.get("sigma_gamma_eV_per_A2").asDouble());
        assertTrue(header("i.interface.csv").contains("E_excess_eV"));

        assertEquals(0, Main.run("free-energy", SAMPLES.resolve("mu_x.csv").toString(), "--bootstrap", "30", "-o", tmp.resolve("f").toString()));
        JsonNode f = json("f.free-energy.json");
        assertEquals(2, f.get("temperatures").size());
        assertTrue(Files.exists(tmp.resolve("f.T300K.free-energy.csv")));
        assertTrue(header("f.T300K.free-energy.csv").contains("G_eV_per_site"));
        // --x-max: the same μ(x) given in Na per formula unit (x doubled, x_max = 2) gives the same fit, binodals doubled
        List<String> rows = Files.readAllLines(SAMPLES.resolve("mu_x.csv")).stream().filter(r -> !r.isBlank() && !r.startsWith("#")).toList();
        int xc = java.util.Arrays.asList(rows.get(0).split(",")).indexOf("x");
        StringBuilder doubled = new StringBuilder(rows.get(0)).append('\n');
        for (String r : rows.subList(1, rows.size())) {
            if (r.isBlank() || r.startsWith("#")) continue;
            String[] c = r.split(",");
            c[xc] = Double.toString(2 * Double.parseDouble(c[xc]));
            doubled.append(String.join(",", c)).append('\n');
        }
        Files.writeString(tmp.resolve("mu_x_fu.csv"), doubled.toString());
        assertEquals(0, Main.run("free-energy", tmp.resolve("mu_x_fu.csv").toString(), "--x-max", "2", "--bootstrap", "0", "-o", tmp.resolve("f2").toString()));
        JsonNode f2 = json("f2.free-energy.json");
        for (int k = 0; k < 2; k++) {
            JsonNode g1 = f.get("temperatures").get(k).get("binodal"), g2 = f2.get("temperatures").get(k).get("binodal");
            assertEquals(g1.size(), g2.size());
            for (int j = 0; j < g1.size(); j++) { // same model on y = x/2: binodals scale by 2 up to the grid's round-off
                assertEquals(2 * g1.get(j).get("x_poor").asDouble(), g2.get(j).get("x_poor").asDouble(), 1e-9);
                assertEquals(2 * g1.get(j).get("x_rich").asDouble(), g2.get(j).get("x_rich").asDouble(), 1e-9);
                assertEquals(g1.get(j).get("mu_coexistence_eV").asDouble(), g2.get(j).get("mu_coexistence_eV").asDouble(), 1e-9);
            }
        }

        assertEquals(0, Main.run("phasefield-params", "--mu", SAMPLES.resolve("mu_x.csv").toString(), "--temperature", "300", "--gamma", "0.16",
                "--site-volume", "135", "--d-poor", "1e-4", "--d-rich", "3e-4", "-o", tmp.resolve("p").toString()));
        JsonNode p = json("p.phasefield.json");
        assertTrue(p.get("kappa_eV_per_A").asDouble() > 0);
        assertTrue(p.get("inputs").has("site_volume_A3"));
    }

    @Test
    void trajectoryCommands() throws Exception {
        Path dump = REF.resolve("lammps/B3_lj_msd/traj_unwrapped.dump");
        assertEquals(0, Main.run("msd", dump.toString(), "--dt", "0.005", "--units", "lj", "-o", tmp.resolve("m").toString()));
        JsonNode m = json("m.msd.json");
        assertEquals(0.079, m.get("D").asDouble(), 0.01);
        assertTrue(header("m.msd.csv").contains("msd_sigma2"));

        Path a4 = REF.resolve("lammps/A4_cyanide_framework/ortho/structure.extxyz");
        assertEquals(0, Main.run("rdf", a4.toString(), "--rmax", "6", "--bins", "120", "-o", tmp.resolve("r").toString()));
        assertTrue(header("r.rdf.csv").startsWith("r_A,g_"));
        assertEquals(0, Main.run("angles", a4.toString(), "--triplet", "Fe-C-N:2.3:1.7", "-o", tmp.resolve("g").toString()));
        assertEquals(192, json("g.angles.json").get("triplets").get(0).get("angles").asInt()); // 32 Fe × 6 C, one N each
        assertEquals(0, Main.run("pba-phase", a4.toString(), "--repeat", "2,2,2", "-o", tmp.resolve("ph").toString()));
        assertEquals("cubic", json("ph.phase.json").get("phase_last_frame").asText());
    }

    @Test
    void badInputNamesFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "T_K,D\n300,1e-5\n400,abc\n");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = Main.run("arrhenius", bad.toString(), "-o", tmp.resolve("x").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        assertTrue(err.toString().contains("bad.csv:3"), err.toString());
        assertFalse(Files.exists(tmp.resolve("x.arrhenius.json")));
    }
}
