package org.scalebridge.potential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** Minimal test-local extended-XYZ reader for the LAMMPS reference pack (one frame; species, pos, charge, forces). */
final class RefXyz {
    final Structure structure;
    final Map<String, String> header;
    final double[] forces;   // null if absent
    final Double energy;
    final double[] virial;   // null if absent

    private RefXyz(Structure s, Map<String, String> header, double[] forces) {
        this.structure = s;
        this.header = header;
        this.forces = forces;
        this.energy = header.containsKey("energy") ? Double.parseDouble(header.get("energy")) : null;
        this.virial = header.containsKey("virial") ? nums(header.get("virial")) : null;
    }

    static Path reference() {
        String p = System.getProperty("scalebridge.reference");
        return Path.of(p == null ? "../shared/reference" : p);
    }

    static double[] nums(String s) {
        String[] t = s.trim().split("\\s+");
        double[] d = new double[t.length];
        for (int k = 0; k < t.length; k++) d[k] = Double.parseDouble(t[k]);
        return d;
    }

    static Map<String, String> parseHeader(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0, n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            int ks = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) i++;
            String key = line.substring(ks, i);
            if (i >= n || line.charAt(i) != '=') { if (!key.isEmpty()) m.put(key, "T"); continue; }
            i++;
            String val;
            if (i < n && line.charAt(i) == '"') {
                int e = line.indexOf('"', i + 1);
                val = line.substring(i + 1, e);
                i = e + 1;
            } else {
                int vs = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
                val = line.substring(vs, i);
            }
            m.put(key, val);
        }
        return m;
    }

    static RefXyz read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int n = Integer.parseInt(lines.get(0).trim());
        Map<String, String> h = parseHeader(lines.get(1));
        double[] lat = nums(h.get("Lattice"));
        Structure s = new Structure(Cell.ofRowMajor(lat, null), n);
        String[] props = h.get("Properties").split(":");
        int col = 0, posCol = -1, qCol = -1, fCol = -1, spCol = -1;
        for (int k = 0; k + 2 < props.length; k += 3) {
            int c = Integer.parseInt(props[k + 2]);
            switch (props[k]) {
                case "species" -> spCol = col;
                case "pos" -> posCol = col;
                case "charge" -> qCol = col;
                case "forces" -> fCol = col;
                default -> { }
            }
            col += c;
        }
        double[] f = fCol >= 0 ? new double[3 * n] : null;
        double[] q = qCol >= 0 ? s.ensureCharges() : null;
        for (int i = 0; i < n; i++) {
            String[] t = lines.get(2 + i).trim().split("\\s+");
            int a = s.addAtom(t[spCol], Double.parseDouble(t[posCol]), Double.parseDouble(t[posCol + 1]), Double.parseDouble(t[posCol + 2]));
            if (qCol >= 0) s.ensureCharges()[a] = Double.parseDouble(t[qCol]);
            if (f != null) for (int d = 0; d < 3; d++) f[3 * i + d] = Double.parseDouble(t[fCol + d]);
        }
        return new RefXyz(s, h, f);
    }
}
