package org.scalebridge.ui.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reads a run TOML (as written by {@link RunSpec#toToml()} or by hand) back into the form's values; missing keys keep defaults. */
public final class RunSpecIo {
    private RunSpecIo() {}

    public static RunSpec read(Path file) {
        RunSpec s = new RunSpec();
        if (!Files.exists(file)) return s;
        TomlParseResult t;
        try { t = Toml.parse(file); } catch (IOException e) { throw new UncheckedIOException(e); }
        s.temperature = d(t, "temperature", s.temperature);
        s.seed = t.getLong("seed") != null ? t.getLong("seed") : s.seed;
        if (t.getString("structure.file") != null) s.structureFile = t.getString("structure.file");
        if (t.getString("potential.type") != null) s.potential = t.getString("potential.type");
        TomlArray sp = t.getArray("species");
        if (sp != null && sp.size() > 0) {
            TomlTable x = sp.getTable(0);
            if (x.contains("voltage")) {
                s.muMode = "voltage";
                s.voltage = d(x, "voltage", s.voltage);
                s.referenceEnergy = d(x, "reference_energy", s.referenceEnergy);
            } else s.mu = d(x, "mu", s.mu);
        }
        s.cycles = (int) l(t, "mc.cycles", s.cycles);
        s.equilibrationCycles = (int) l(t, "mc.equilibration_cycles", s.equilibrationCycles);
        s.exchanges = (int) l(t, "mc.exchanges", s.exchanges);
        s.translations = (int) l(t, "mc.translations", s.translations);
        s.overlap = d(t, "mc.overlap_cutoff", s.overlap);
        if (t.contains("md")) {
            s.kind = s.exchanges == 0 && s.translations == 0 ? "md" : "gcmc-md";
            if (t.getString("md.integrator") != null) s.ensemble = t.getString("md.integrator");
            s.mdSteps = (int) l(t, "md.steps", s.mdSteps);
            s.timestepFs = d(t, "md.timestep_fs", s.timestepFs);
            s.pressureBar = d(t, "md.pressure_bar", s.pressureBar);
        } else s.kind = "gcmc";
        if (t.contains("scan")) {
            s.kind = "mu-scan";
            s.phi = d(t, "scan.phi", s.phi);
            TomlArray ta = t.getArray("scan.targets");
            if (ta != null) {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < ta.size(); k++) {
                    Object o = ta.get(k);
                    double v = o instanceof Number n ? n.doubleValue() : Double.NaN;
                    b.append(k == 0 ? "" : ", ").append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
                }
                s.targets = b.toString();
            } else if (t.getTable("scan.targets") != null) {
                TomlTable r = t.getTable("scan.targets");
                s.targets = r.get("from") + ":" + r.get("to") + ":" + r.get("step");
            }
            s.scanChunkCycles = (int) l(t, "scan.chunk_cycles", s.scanChunkCycles);
            s.scanMaxCycles = (int) l(t, "scan.max_cycles", s.scanMaxCycles);
            s.scanThreads = (int) l(t, "scan.threads", s.scanThreads);
            if (!t.contains("md")) s.mdSteps = 0;
        }
        s.viewerRefreshS = d(t, "studio.viewer_refresh_s", s.viewerRefreshS);
        if (t.getString("output.directory") != null) s.outputDir = t.getString("output.directory");
        s.checkpointEvery = (int) l(t, "output.checkpoint_every", s.checkpointEvery);
        return s;
    }

    private static double d(TomlTable t, String k, double def) {
        Object v = t.get(k);
        return v instanceof Number n ? n.doubleValue() : def;
    }

    private static long l(TomlTable t, String k, long def) {
        Object v = t.get(k);
        return v instanceof Number n ? n.longValue() : def;
    }
}
