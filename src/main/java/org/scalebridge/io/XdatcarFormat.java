package org.scalebridge.io;

import java.nio.file.Path;
import java.util.Locale;
import org.scalebridge.structure.Structure;

/**
 * VASP XDATCAR trajectory (VASP 5 layout), read streaming. A fixed-cell file has one POSCAR-like header followed
 * by "Direct configuration= k" blocks; a variable-cell run (ISIF ≥ 3) repeats the header before every block. The
 * configuration number goes to info "configuration".
 */
public final class XdatcarFormat implements StructureFormat {
    @Override public String name() { return "xdatcar"; }

    @Override
    public int nameScore(String fn) {
        return fn.toUpperCase(Locale.ROOT).startsWith("XDATCAR") ? 10 : 0;
    }

    @Override
    public int contentScore(String head) {
        String[] l = head.split("\r?\n");
        for (int i = 5; i < Math.min(l.length, 9); i++) {
            String t = l[i].trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("direct configuration=") || t.startsWith("cartesian configuration=")) return 9;
        }
        return 0;
    }

    @Override
    public TrajectoryReader open(Path file, IoOptions options) { return reader(LineReader.open(file), options); }

    public static TrajectoryReader reader(LineReader in, IoOptions options) {
        return new TrajectoryReader() {
            private PoscarFormat.Header hd;

            @Override
            public Structure next() {
                String line = in.nextNonBlank();
                if (line == null) {
                    if (hd == null) throw in.error(1, "empty XDATCAR");
                    return null;
                }
                if (hd == null || !isConfig(line)) {
                    hd = PoscarFormat.header(in, line, options);
                    line = in.require("a 'Direct configuration=' line");
                    if (!isConfig(line)) throw in.error("expected 'Direct configuration= k', found '" + Num.clip(line.trim()) + "'");
                }
                String t = line.trim();
                boolean cart = t.toLowerCase(Locale.ROOT).startsWith("c") || t.toLowerCase(Locale.ROOT).startsWith("k");
                Long config = null;
                int eq = t.indexOf('=');
                if (eq >= 0) {
                    String v = t.substring(eq + 1).trim();
                    if (!v.isEmpty()) config = Num.longInteger(Num.split(v)[0], in, "configuration number");
                }
                int n = hd.atoms();
                Structure s = new Structure(hd.cell(), Math.max(n, 1));
                double[] f = new double[3], r = new double[3];
                for (int i = 0; i < n; i++) {
                    String[] tok = Num.split(in.require("coordinates of atom " + (i + 1) + " of " + n));
                    if (tok.length < 3) throw in.error("atom " + (i + 1) + " needs 3 coordinates, found " + tok.length);
                    for (int d = 0; d < 3; d++) f[d] = Num.real(tok[d], in, "coordinate");
                    if (cart) {
                        r[0] = f[0] * hd.scale()[0]; r[1] = f[1] * hd.scale()[1]; r[2] = f[2] * hd.scale()[2];
                    } else {
                        hd.cell().toCartesian(f, r);
                    }
                    s.addAtom(hd.z()[i], r[0], r[1], r[2]);
                }
                if (config != null) s.info().put("configuration", config);
                return s;
            }

            @Override public String source() { return in.source(); }

            @Override public void close() { in.close(); }
        };
    }

    private static boolean isConfig(String line) {
        String t = line.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("direct configuration") || t.startsWith("cartesian configuration");
    }
}
