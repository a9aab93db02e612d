package org.scalebridge.cli;

import java.util.Locale;
import java.util.Map;
import org.scalebridge.structure.Cell;
import org.scalebridge.structure.Structure;

/** The text of {@code scalebridge info}: composition, cell, lattice parameters, volume, density, formula units. */
final class StructureInfo {
    private StructureInfo() {}

    /** Greatest common divisor of the element counts: the number of formula units in the cell. */
    static int formulaUnits(Map<String, Integer> comp) {
        int g = 0;
        for (int c : comp.values()) g = gcd(g, c);
        return Math.max(g, 1);
    }

    private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

    /** Metadata values as text (arrays element by element). */
    static String show(Object v) {
        if (v instanceof double[] d) return java.util.Arrays.toString(d);
        if (v instanceof int[] i) return java.util.Arrays.toString(i);
        if (v instanceof long[] l) return java.util.Arrays.toString(l);
        if (v instanceof boolean[] b) return java.util.Arrays.toString(b);
        if (v instanceof Object[] o) return java.util.Arrays.deepToString(o);
        return String.valueOf(v);
    }

    static String describe(Structure s, String source, int frames) {
        StringBuilder sb = new StringBuilder();
        Map<String, Integer> comp = s.composition();
        int fu = formulaUnits(comp);
        sb.append(String.format(Locale.ROOT, "file:          %s%s%n", source, frames > 1 ? " (first of " + frames + " frames)" : ""));
        sb.append(String.format(Locale.ROOT, "atoms:         %d%n", s.size()));
        StringBuilder formula = new StringBuilder();
        StringBuilder comps = new StringBuilder();
        comp.forEach((el, c) -> {
            int per = c / fu;
            formula.append(el).append(per == 1 ? "" : Integer.toString(per));
            if (comps.length() > 0) comps.append(", ");
            comps.append(el).append(' ').append(c);
        });
        sb.append(String.format(Locale.ROOT, "composition:   %s%n", comps));
        sb.append(String.format(Locale.ROOT, "formula:       %s × %d formula units%n", formula, fu));
        Cell c = s.cell();
        double[] p = c.parameters();
        sb.append(String.format(Locale.ROOT, "lattice:       a=%.5f b=%.5f c=%.5f Å  α=%.4f β=%.4f γ=%.4f°%n", p[0], p[1], p[2], p[3], p[4], p[5]));
        for (int i = 0; i < 3; i++) {
            double[] v = c.vector(i);
            sb.append(String.format(Locale.ROOT, "cell vector %s: %12.6f %12.6f %12.6f%n", "abc".charAt(i), v[0], v[1], v[2]));
        }
        boolean[] pbc = c.pbc();
        sb.append(String.format(Locale.ROOT, "pbc:           %s %s %s%n", pbc[0] ? "T" : "F", pbc[1] ? "T" : "F", pbc[2] ? "T" : "F"));
        sb.append(String.format(Locale.ROOT, "volume:        %.4f Å³%n", c.volume()));
        sb.append(String.format(Locale.ROOT, "density:       %.5f g/cm³%n", s.density()));
        if (s.energy() != null) sb.append(String.format(Locale.ROOT, "energy:        %.8f eV%n", s.energy()));
        if (!s.info().isEmpty()) {
            StringBuilder kv = new StringBuilder();
            s.info().forEach((k, v) -> kv.append(kv.length() > 0 ? " " : "").append(k).append('=').append(show(v)));
            sb.append(String.format(Locale.ROOT, "info:          %s%n", kv));
        }
        return sb.toString();
    }
}
