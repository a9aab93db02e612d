package org.scalebridge.continuum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalebridge.cli.Main;
import org.scalebridge.core.InputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `scalebridge p2d CONFIG` on a small Marquis2019 cell: progress lines on stdout, and the CSV, JSON and binary outputs
 * agree with each other — the nine probes (separator side / mid-electrode / collector side × surface / middle / centre
 * of the positive particles) sit where they claim and equal the map values, and the float32 binary maps equal the
 * JSON maps to float precision (relative 1e-7).
 */
class P2dOutputsTest {
    @Test
    void cliProgressAndConsistentOutputs(@TempDir Path dir) throws IOException {
        Path cfg = MarquisRunToml.write(dir, new int[]{6, 3, 7, 8, 9}, List.of("directory = \"out\"", "interval_s = 20", "map_every = 1"),
                "[[step]]", "type = \"cc\"", "c_rate = 2.0", "duration_s = 900");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try { System.setOut(new PrintStream(buf, true)); rc = Main.run("p2d", cfg.toString()); }
        finally { System.setOut(old); }
        assertEquals(0, rc);
        String log = buf.toString();
        assertTrue(log.contains("done in") && log.contains("throughput"), log);
        Path out = dir.resolve("out");

        JsonNode js = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        JsonNode pos = js.get("probe_positions");
        assertEquals(9, pos.size());
        JsonNode maps = js.get("maps");
        double[] xm = new ObjectMapper().convertValue(js.get("x_m"), double[].class);
        int first = 6 + 3, last = 6 + 3 + 7 - 1;
        assertEquals(first, pos.get("sep_surface").get("cell").asInt());
        assertEquals(first + 3, pos.get("mid_middle").get("cell").asInt());
        assertEquals(last, pos.get("cc_centre").get("cell").asInt());
        assertEquals(xm[last], pos.get("cc_centre").get("x_m").asDouble(), 1e-15);
        double radius = P2dParameters.bundled("marquis2019").positive.radius;
        assertEquals(radius, pos.get("sep_surface").get("r_m").asDouble(), 1e-18);
        assertEquals(0.5 * radius, pos.get("mid_middle").get("r_m").asDouble(), 0.5 * radius / 9, "middle probe near R/2");
        assertTrue(pos.get("sep_centre").get("r_m").asDouble() < radius / 9, "centre probe in the innermost volume");

        // timeseries.csv: header with the nine probe columns; the centre probe equals the map's innermost node
        List<String> ts = Files.readAllLines(out.resolve("timeseries.csv"));
        String[] head = ts.get(0).split(",");
        assertEquals(7 + 9, head.length);
        assertEquals("c_pos_sep_centre_mol_per_m3", head[9]);
        int k = ts.size() / 2;
        String[] row = ts.get(k).split(",");
        JsonNode map = maps.get(k - 1);
        assertEquals(Double.parseDouble(row[0]), map.get("time_s").asDouble(), 1e-6);
        assertEquals(map.get("c_s").get(first).get(0).asDouble(), Double.parseDouble(row[9]), 1e-3, "centre probe = innermost node");
        assertEquals(map.get("c_s").get(last).get(0).asDouble(), Double.parseDouble(row[15]), 1e-3);

        // binary maps equal the JSON maps to float precision
        P2dOutputWriter.BinaryMaps b = P2dOutputWriter.readBinary(out.resolve("maps.p2dbin"));
        assertEquals(maps.size(), b.times.length);
        assertEquals(6 + 3 + 7, b.x.length);
        for (int t = 0; t < b.times.length; t += 7) {
            JsonNode mj = maps.get(t);
            assertEquals(mj.get("time_s").asDouble(), b.times[t], 0);
            for (int c = 0; c < b.x.length; c++) {
                assertEquals(mj.get("c_e").get(c).asDouble(), b.ce[t][c], 1e-7 * Math.abs(b.ce[t][c]));
                if (b.cs[t][c] == null) { assertTrue(mj.get("c_s").get(c).isNull()); continue; }
                for (int q = 0; q < b.cs[t][c].length; q++)
                    assertEquals(mj.get("c_s").get(c).get(q).asDouble(), b.cs[t][c][q], 1e-7 * b.cs[t][c][q]);
            }
        }
        Path junk = dir.resolve("junk.p2dbin");
        Files.writeString(junk, "not a map file");
        assertThrows(InputException.class, () -> P2dOutputWriter.readBinary(junk));
    }
}
