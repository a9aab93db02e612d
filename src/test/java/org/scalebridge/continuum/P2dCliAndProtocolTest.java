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
        Path cfg = dir.resolve("run.toml");
        Files.writeString(cfg, String.join("\n",
                "parameters = \"marquis2019\"",
                "[mesh]", "negative = 8", "separator = 4", "positive = 8", "radial_negative = 8", "radial_positive = 8",
                "[output]", "directory = \"out\"", "interval_s = 30", "map_every = 10",
                "[[step]]", "type = \"cc\"", "c_rate = 3.0", "duration_s = 3600", "v_min = 3.5",
                "[[step]]", "type = \"rest\"", "duration_s = 300",
                "[[step]]", "type = \"cccv\"", "c_rate = -2.0", "voltage = 4.0", "until_c = 0.2", "duration_s = 7200", ""));
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
    void badConfigNamesField(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("bad.toml");
        Files.writeString(cfg, "parameters = \"marquis2019\"\n[[step]]\ntype = \"cx\"\nduration_s = 10\n");
        InputException e = assertThrows(InputException.class, () -> P2dConfig.load(cfg));
        assertTrue(e.getMessage().contains("step[1].type"), e.getMessage());
    }
}
