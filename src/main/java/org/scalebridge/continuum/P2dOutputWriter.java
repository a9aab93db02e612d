package org.scalebridge.continuum;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.scalebridge.core.AtomicFiles;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.scalebridge.core.InputException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link P2dResult}: {@code timeseries.csv} (t, V, I, throughput, SOC, mean stoichiometries and the nine
 * probes), {@code maps_ce.csv}/{@code maps_phie.csv}/{@code maps_j.csv} (long format t, x, value),
 * {@code result.json} (everything, maps included) and {@code maps.p2dbin} — a compact little-endian-free binary
 * (Java DataOutput, big-endian): magic "SBP2D001", int nCells, int nTimes, per cell: int domain, double x, int nNodes,
 * double[nNodes] r; then per time: double t, then float32 c_s for every electrode node in cell order, then float32
 * c_e, φ_e, j per cell. All files are written atomically.
 */
public final class P2dOutputWriter {
    private P2dOutputWriter() {}

    public static void writeAll(P2dResult r, Path dir, boolean csv, boolean json, boolean binary) {
        try { java.nio.file.Files.createDirectories(dir); }
        catch (IOException e) { throw new java.io.UncheckedIOException(e); }
        if (csv) { writeTimeseriesCsv(r, dir.resolve("timeseries.csv")); writeMapsCsv(r, dir); }
        if (json) writeJson(r, dir.resolve("result.json"));
        if (binary) writeBinary(r, dir.resolve("maps.p2dbin"));
    }

    static final String[] PROBE_NAMES = {
            "sep_surface", "sep_middle", "sep_centre", "mid_surface", "mid_middle", "mid_centre",
            "cc_surface", "cc_middle", "cc_centre"};

    public static void writeTimeseriesCsv(P2dResult r, Path f) {
        AtomicFiles.writeText(f, w -> {
            w.write("time_s,voltage_V,current_A_per_m2,throughput_Ah_per_m2,soc,x_negative,x_positive");
            for (String p : PROBE_NAMES) w.write(",c_pos_" + p + "_mol_per_m3");
            w.write('\n');
            double[] t = r.time(), v = r.voltage(), i = r.current(), q = r.throughput(), s = r.soc(),
                    xn = r.stoichiometryNegative(), xp = r.stoichiometryPositive();
            double[][] pr = r.probes();
            for (int k = 0; k < t.length; k++) {
                w.write(String.format(Locale.ROOT, "%.6f,%.9f,%.9g,%.9g,%.9g,%.9g,%.9g", t[k], v[k], i[k], q[k], s[k], xn[k], xp[k]));
                for (double p : pr[k]) w.write(String.format(Locale.ROOT, ",%.9g", p));
                w.write('\n');
            }
        });
    }

    public static void writeMapsCsv(P2dResult r, Path dir) {
        P2dModel m = r.model();
        String[] names = {"maps_ce.csv", "maps_phie.csv", "maps_j.csv"};
        String[] heads = {"c_e_mol_per_m3", "phi_e_V", "j_A_per_m2"};
        for (int q = 0; q < 3; q++) {
            final int qq = q;
            AtomicFiles.writeText(dir.resolve(names[q]), w -> {
                w.write("time_s,x_m," + heads[qq] + "\n");
                for (int k = 0; k < r.mapTimes.size(); k++) {
                    double[] a = qq == 0 ? r.ceMaps.get(k) : qq == 1 ? r.phieMaps.get(k) : r.jMaps.get(k);
                    for (int i = 0; i < m.cells(); i++) {
                        if (qq == 2 && !m.isElectrode(i)) continue;
                        w.write(String.format(Locale.ROOT, "%.6f,%.6e,%.9g%n", r.mapTimes.get(k), m.x(i), a[i]));
                    }
                }
            });
        }
        AtomicFiles.writeText(dir.resolve("maps_cs.csv"), w -> {
            w.write("time_s,x_m,r_m,c_s_mol_per_m3\n");
            for (int k = 0; k < r.mapTimes.size(); k++) {
                double[][] cs = r.solidMaps.get(k);
                for (int i = 0; i < m.cells(); i++) {
                    if (!m.isElectrode(i)) continue;
                    double[] rr = m.particle(i).radii();
                    for (int n = 0; n < rr.length; n++)
                        w.write(String.format(Locale.ROOT, "%.6f,%.6e,%.6e,%.9g%n", r.mapTimes.get(k), m.x(i), rr[n], cs[i][n]));
                }
            }
        });
    }

    public static void writeJson(P2dResult r, Path f) {
        AtomicFiles.writeBytes(f, out -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(nonClosing(out), JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                P2dModel m = r.model();
                g.writeStartObject();
                g.writeStringField("parameters", m.parameters().name);
                g.writeNumberField("one_C_A_per_m2", m.parameters().oneCCurrent());
                g.writeNumberField("temperature_K", m.parameters().temperature);
                g.writeArrayFieldStart("events"); for (String e : r.events) g.writeString(e); g.writeEndArray();
                g.writeArrayFieldStart("solver"); for (String e : r.solverStats) g.writeString(e); g.writeEndArray();
                arr(g, "time_s", r.time()); arr(g, "voltage_V", r.voltage()); arr(g, "current_A_per_m2", r.current());
                arr(g, "throughput_Ah_per_m2", r.throughput()); arr(g, "soc", r.soc());
                arr(g, "x_negative", r.stoichiometryNegative()); arr(g, "x_positive", r.stoichiometryPositive());
                g.writeObjectFieldStart("probes_positive_mol_per_m3");
                double[][] pr = r.probes();
                for (int p = 0; p < 9; p++) {
                    double[] col = new double[pr.length];
                    for (int k = 0; k < pr.length; k++) col[k] = pr[k][p];
                    arr(g, PROBE_NAMES[p], col);
                }
                g.writeEndObject();
                g.writeObjectFieldStart("probe_positions");
                for (int p = 0; p < 9; p++) {
                    g.writeObjectFieldStart(PROBE_NAMES[p]);
                    g.writeNumberField("cell", r.probeCells()[p]);
                    g.writeNumberField("x_m", r.probeX(p));
                    g.writeNumberField("r_m", r.probeR(p));
                    g.writeEndObject();
                }
                g.writeEndObject();
                double[] xs = new double[m.cells()];
                for (int i = 0; i < xs.length; i++) xs[i] = m.x(i);
                arr(g, "x_m", xs);
                g.writeArrayFieldStart("maps");
                for (int k = 0; k < r.mapTimes.size(); k++) {
                    g.writeStartObject();
                    g.writeNumberField("time_s", r.mapTimes.get(k));
                    arr(g, "c_e", r.ceMaps.get(k)); arr(g, "phi_e", r.phieMaps.get(k)); arr(g, "j", r.jMaps.get(k));
                    g.writeArrayFieldStart("c_s");
                    for (double[] c : r.solidMaps.get(k)) { if (c == null) g.writeNull(); else g.writeArray(c, 0, c.length); }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    private static OutputStream nonClosing(OutputStream o) {
        return new java.io.FilterOutputStream(o) {
            @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
            @Override public void close() throws IOException { flush(); }
        };
    }

    private static void arr(JsonGenerator g, String name, double[] a) throws IOException {
        g.writeFieldName(name);
        g.writeArray(a, 0, a.length);
    }

    /** The contents of a {@code maps.p2dbin} file (float32 maps widened to double). */
    public static final class BinaryMaps {
        public int[] domain;
        public double[] x;
        public double[][] radii;
        public double[] times;
        /** [time][cell][node] (null for separator cells), [time][cell] for c_e, φ_e, j. */
        public double[][][] cs;
        public double[][] ce, phie, j;
    }

    /** Reads {@code maps.p2dbin} (format in the class comment); a bad file raises an {@link InputException}. */
    public static BinaryMaps readBinary(Path f) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(f), 1 << 16))) {
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("SBP2D001"))
                throw InputException.at(f, 0, "not a P2D map file (magic \"SBP2D001\" expected)");
            BinaryMaps b = new BinaryMaps();
            int nc = in.readInt(), nt = in.readInt();
            if (nc < 1 || nt < 0 || nc > 1_000_000 || nt > 100_000_000) throw InputException.at(f, 0, "implausible header: " + nc + " cells, " + nt + " times");
            b.domain = new int[nc]; b.x = new double[nc]; b.radii = new double[nc][];
            for (int i = 0; i < nc; i++) {
                b.domain[i] = in.readInt(); b.x[i] = in.readDouble();
                b.radii[i] = new double[in.readInt()];
                for (int k = 0; k < b.radii[i].length; k++) b.radii[i][k] = in.readDouble();
            }
            b.times = new double[nt]; b.cs = new double[nt][nc][]; b.ce = new double[nt][nc]; b.phie = new double[nt][nc]; b.j = new double[nt][nc];
            for (int k = 0; k < nt; k++) {
                b.times[k] = in.readDouble();
                for (int i = 0; i < nc; i++) if (b.radii[i].length > 0) {
                    b.cs[k][i] = new double[b.radii[i].length];
                    for (int q = 0; q < b.cs[k][i].length; q++) b.cs[k][i][q] = in.readFloat();
                }
                for (int i = 0; i < nc; i++) b.ce[k][i] = in.readFloat();
                for (int i = 0; i < nc; i++) b.phie[k][i] = in.readFloat();
                for (int i = 0; i < nc; i++) b.j[k][i] = in.readFloat();
            }
            return b;
        } catch (java.io.EOFException e) {
            throw InputException.at(f, 0, "truncated P2D map file");
        } catch (IOException e) {
            throw InputException.at(f, 0, "cannot read: " + e.getMessage());
        }
    }

    public static void writeBinary(P2dResult r, Path f) {
        AtomicFiles.writeBytes(f, o -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(nonClosing(o), 1 << 16));
            P2dModel m = r.model();
            out.writeBytes("SBP2D001");
            out.writeInt(m.cells());
            out.writeInt(r.mapTimes.size());
            for (int i = 0; i < m.cells(); i++) {
                out.writeInt(m.domain(i));
                out.writeDouble(m.x(i));
                double[] rr = m.isElectrode(i) ? m.particle(i).radii() : new double[0];
                out.writeInt(rr.length);
                for (double x : rr) out.writeDouble(x);
            }
            for (int k = 0; k < r.mapTimes.size(); k++) {
                out.writeDouble(r.mapTimes.get(k));
                for (double[] c : r.solidMaps.get(k)) if (c != null) for (double x : c) out.writeFloat((float) x);
                for (double x : r.ceMaps.get(k)) out.writeFloat((float) x);
                for (double x : r.phieMaps.get(k)) out.writeFloat((float) x);
                for (double x : r.jMaps.get(k)) out.writeFloat((float) x);
            }
            out.flush();
        });
    }
}
