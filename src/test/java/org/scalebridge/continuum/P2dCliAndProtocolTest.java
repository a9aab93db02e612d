package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.cli.Main;
import org.scalebridge.core.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** CLI round trip with a CC → cut-off → rest → CC–CV sequence, the output files, and bad-input messages. */
class P2dCliAndProtocolTest {
    @Test
    void sequenceThroughCli(@TempDir Path dir) throws IOException {
        Path cfg = MarquisRunToml.write(dir, new int[]{8, 4, 8, 8, 8}, List.of("directory = \"out\"", "interval_s = 30", "map_every = 10"),
                "[[step]]", "type = \"cc\"", "c_rate = 3.0", "duration_s = 3600", "v_min = 3.5",
                "[[step]]", "type = \"rest\"", "duration_s = 300",
                "[[step]]", "type = \"cccv\"", "c_rate = -2.0", "voltage = 4.0", "until_c = 0.2", "duration_s = 7200");
        assertEquals(0, Main.run("p2d", "-q", cfg.toString()));
        Path out = dir.resolve("out");
        for (String f : new String[]{"timeseries.csv", "result.json", "maps.p2dbin", "maps_cs.csv", "maps_ce.csv"})
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        List<String> ts = Files.readAllLines(out.resolve("timeseries.csv"));
        double vmin = 9, vmaxCv = 0, lastI = 0;
        for (String l : ts.subList(1, ts.size())) {
            String[] s = l.split(",");
            double v = Double.parseDouble(s[1]), i = Double.parseDouble(s[2]);
            vmin = Math.min(vmin, v);
            if (i < 0) vmaxCv = Math.max(vmaxCv, v);
            lastI = i;
        }
        assertEquals(3.5, vmin, 2e-3, "discharge stops at the 3.5 V cut-off (event located)");
        assertEquals(4.0, vmaxCv, 2e-3, "charge held at 4.0 V");
        assertEquals(-0.2 * 24, lastI, 0.05 * 24, "CV ends when |I| falls to 0.2C");
    }

    /**
     * A 1C discharge with its cut-off far below anything reachable runs on past the capacity until the cell cannot carry
     * the current (Marquis2019 10/5/10 × 10: at t ≈ 4050 s the iteration matrix turns singular). The run is not
     * lost: the outputs up to the last accepted step are written, the reason is in the result, and the CLI exits with 4.
     */
    @Test
    void aRunThatCannotGoOnKeepsItsOutputsAndSaysWhy(@TempDir Path dir) throws IOException {
        Path cfg = MarquisRunToml.write(dir, new int[]{10, 5, 10, 10, 10}, List.of("directory = \"out\"", "interval_s = 10"),
                "[[step]]", "type = \"cc\"", "c_rate = 1.0", "duration_s = 5400", "v_min = -50", "v_max = 50",
                "[[step]]", "type = \"rest\"", "duration_s = 600");
        assertEquals(4, Main.run("p2d", "-q", cfg.toString()), "exit code of a run that stopped early");
        Path out = dir.resolve("out");
        List<String> ts = Files.readAllLines(out.resolve("timeseries.csv"));
        double tLast = Double.parseDouble(ts.get(ts.size() - 1).split(",")[0]);
        assertTrue(ts.size() > 300 && tLast > 3600 && tLast < 5400, "outputs kept up to the stop: " + ts.size() + " rows, last t = " + tLast);
        String json = Files.readString(out.resolve("result.json"));
        assertTrue(json.contains("step 1 (CC 1.00C) stopped at t = ") && json.contains("The outputs up to there are kept"), json);
        assertFalse(json.contains("step 2"), "the rest step after the failed one is not run");

        P2dConfig c = P2dConfig.load(cfg);
        P2dResult r = c.buildSimulation().run(c.protocol, null);
        assertNotNull(r.failure());
        assertEquals(r.failure(), r.events.get(r.events.size() - 1));
        double[] t = r.time(), v = r.voltage();
        assertEquals(tLast, t[t.length - 1], 1e-6, "the result ends at the last accepted step, the same in the CLI and the API");
        for (double x : v) assertTrue(Double.isFinite(x));
    }

    /** Integrator messages name the variable in words a user recognises. */
    @Test
    void variablesAreDescribedByDomainVolumeAndNode() {
        P2dModel m = new P2dModel(P2dParameters.bundled("marquis2019"), 4, 3, 5, 6, 7, 1.0);
        assertEquals("c_e (salt concentration) in negative-electrode volume 1 of 4 (x = 12.5 µm)", m.describe(0)); // 100 µm / 4 / 2
        int pos = m.offset(4 + 3 + 4); // the last positive volume
        assertEquals("j (reaction rate) in positive-electrode volume 5 of 5 (x = " + String.format(java.util.Locale.ROOT, "%.1f", m.x(11) * 1e6)
                + " µm)", m.describe(pos + 3));
        assertTrue(m.describe(pos + 4 + 6).startsWith("c_s at radial node 7 of 7 (the surface) in positive-electrode volume 5 of 5"), m.describe(pos + 10));
        assertTrue(m.describe(m.offset(5) + 1).startsWith("φ_e (electrolyte potential) in separator volume 2 of 3"), m.describe(m.offset(5) + 1));
        assertEquals("the cell current I", m.describe(m.currentIndex()));
    }

    @Test
    void badParameterNamesField() {
        String bad = "{\"temperature_K\": 298, \"electrolyte\": {\"c_init\": 1000, \"diffusivity\": \"1e-10\", \"conductivity\": \"1\","
                + "\"transference_number\": 1.4}, \"separator\": {\"thickness\": 1e-5, \"porosity\": 0.5}}";
        InputException e = assertThrows(InputException.class,
                () -> P2dParameters.parse(new java.io.ByteArrayInputStream(bad.getBytes()), "bad.json"));
        assertTrue(e.getMessage().contains("electrolyte.transference_number"), e.getMessage());
        String bad2 = bad.replace("1.4", "0.4").replace("\"conductivity\": \"1\"", "\"conductivity\": \"1 + cc\"");
        e = assertThrows(InputException.class, () -> P2dParameters.parse(new java.io.ByteArrayInputStream(bad2.getBytes()), "bad.json"));
        assertTrue(e.getMessage().contains("electrolyte.conductivity") && e.getMessage().contains("unknown variable cc"), e.getMessage());
    }

    @Test
    void aNegativeStrainCoefficientIsRefusedNamingItsField(@TempDir Path dir) throws IOException {
        Path sample = Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json");
        String text = Files.readString(sample).replace("\"wetting_slope\": 0.0", "\"wetting_slope\": 0.0, \"strain_B\": -1e8");
        assertTrue(text.contains("strain_B"), "the sample's particle block has no wetting_slope to put strain_B beside");
        Path bad = dir.resolve("strained.json");
        Files.writeString(bad, text);
        InputException e = assertThrows(InputException.class, () -> P2dParameters.load(bad));
        assertTrue(e.getMessage().contains("positive.particle.strain_B") && e.getMessage().contains("≥ 0"), e.getMessage());
    }

    @Test
    void badConfigNamesField(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("bad.toml");
        Files.writeString(cfg, "parameters = \"marquis2019\"\n[[step]]\ntype = \"cx\"\nduration_s = 10\n");
        InputException e = assertThrows(InputException.class, () -> P2dConfig.load(cfg));
        assertTrue(e.getMessage().contains("step[1].type"), e.getMessage());
    }
}
