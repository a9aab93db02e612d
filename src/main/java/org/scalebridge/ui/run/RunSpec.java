package org.scalebridge.ui.run;

import java.util.Locale;

/**
 * The run form's values, written as the GCMC/hybrid GCMC–MD TOML read by {@link org.scalebridge.mc.McConfig}
 * (the file {@code scalebridge gcmc run.toml} runs). Kind "md" is hybrid GCMC–MD with no exchange or translation
 * attempts, i.e. plain MD in cycles of {@link #mdSteps} steps with the same outputs and checkpoints. Kind "mu-scan" is
 * a μ(N) scan ({@code scalebridge mu-scan run.toml}): one GCMC(–MD, when MD steps &gt; 0) run per target N_t with the
 * harmonic bias φ(N − N_t)² (paper Eq. 16), written as the [scan] section.
 */
public final class RunSpec {
    public String kind = "gcmc-md";          // gcmc | gcmc-md | md | mu-scan
    public String structureFile = "structures/pba-tetragonal-x0.extxyz";
    public String potential = "mnfepba-surrogate";
    public String ensemble = "npt";          // npt | nvt | langevin
    public double temperature = 300;
    public double pressureBar = 1.0;
    public String muMode = "mu";              // mu | voltage
    public double mu = -2.0;
    public double referenceEnergy = -1.3;     // eV/atom (voltage mode)
    public double voltage = 3.0;              // V vs Na/Na+
    public double timestepFs = 1.0;
    public int mdSteps = 20;
    public int exchanges = 4, translations = 4;
    public int cycles = 50, equilibrationCycles = 10;
    public double overlap = 1.8;
    public int checkpointEvery = 10;
    public long seed = 42;
    public String outputDir = "runs/out";
    /** Bias strength φ (eV) and the target list N_t ("10, 20, 30" or "from:to:step") of a μ-scan. */
    public double phi = 0.002;
    public String targets = "10, 20, 30";
    public int scanChunkCycles = 200, scanMaxCycles = 4000, scanThreads = 2;
    /** Studio only (the CLI ignores [studio]): seconds between live viewer frames written to the run's frames file. */
    public double viewerRefreshS = 1.0;

    /**
     * The target list parsed: comma/space separated numbers, or from:to:step. Throws IllegalArgumentException with
     * a message for the form.
     */
    public static double[] parseTargets(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("give at least one target N_t");
        if (t.contains(":")) {
            String[] a = t.split(":");
            if (a.length != 3) throw new IllegalArgumentException("range as from:to:step, e.g. 10:60:10");
            double from = Double.parseDouble(a[0].trim()), to = Double.parseDouble(a[1].trim()), step = Double.parseDouble(a[2].trim());
            if (!(step > 0) || to < from || from < 0) throw new IllegalArgumentException("need 0 ≤ from ≤ to and step > 0");
            int m = (int) Math.floor((to - from) / step + 1e-9) + 1;
            if (m > 10_000) throw new IllegalArgumentException("more than 10000 targets");
            double[] out = new double[m];
            for (int k = 0; k < m; k++) out[k] = from + k * step;
            return out;
        }
        String[] a = t.split("[,\\s]+");
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            try { out[k] = Double.parseDouble(a[k]); }
            catch (NumberFormatException e) { throw new IllegalArgumentException("'" + a[k] + "' is not a number"); }
            if (!(out[k] >= 0)) throw new IllegalArgumentException("targets must be ≥ 0");
        }
        return out;
    }

    /** The TOML text. */
    public String toToml() {
        StringBuilder b = new StringBuilder();
        b.append("# ScaleBridge run (written by the studio; run it with:  scalebridge gcmc <this file>)\n");
        b.append(String.format(Locale.ROOT, "temperature = %s\nseed = %d\n\n", num(temperature), seed));
        b.append("[structure]\nfile = \"").append(esc(structureFile)).append("\"\n\n");
        b.append("[potential]\ntype = \"").append(esc(potential)).append("\"\n\n");
        b.append("[[species]]\nelement = \"Na\"\n");
        if (muMode.equals("voltage"))
            b.append(String.format(Locale.ROOT, "reference_energy = %s\nvoltage = %s            # V vs Na/Na+\n\n", num(referenceEnergy), num(voltage)));
        else b.append(String.format(Locale.ROOT, "mu = %s                 # eV\n\n", num(mu)));
        boolean md = !kind.equals("gcmc") && !(kind.equals("mu-scan") && mdSteps == 0);
        int ex = kind.equals("md") ? 0 : exchanges, tr = kind.equals("md") ? 0 : translations;
        b.append(String.format(Locale.ROOT, "[mc]\ncycles = %d\nequilibration_cycles = %d\nexchanges = %d\ntranslations = %d\noverlap_cutoff = %s\n\n",
                cycles, equilibrationCycles, ex, tr, num(overlap)));
        if (md) {
            b.append(String.format(Locale.ROOT, "[md]\nintegrator = \"%s\"\nsteps = %d\ntimestep_fs = %s\n", ensemble, mdSteps, num(timestepFs)));
            if (ensemble.equals("npt")) b.append(String.format(Locale.ROOT, "pressure_bar = %s\n", num(pressureBar)));
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "[output]\ndirectory = \"%s\"\ncheckpoint_every = %d\n", esc(outputDir), checkpointEvery));
        if (kind.equals("mu-scan")) {
            String tl = targets.trim();
            String tv;
            if (tl.contains(":")) {
                String[] a = tl.split(":");
                tv = String.format(Locale.ROOT, "{ from = %s, to = %s, step = %s }", a[0].trim(), a[1].trim(), a[2].trim());
            } else {
                StringBuilder l = new StringBuilder("[");
                double[] v = parseTargets(tl);
                for (int k = 0; k < v.length; k++) l.append(k == 0 ? "" : ", ").append(num(v[k]));
                tv = l.append(']').toString();
            }
            b.append(String.format(Locale.ROOT, "\n[scan]                  # run it with: scalebridge mu-scan <this file>\nphi = %s                 # eV, bias phi (N - N_t)^2\n"
                    + "targets = %s\nchunk_cycles = %d\nmax_cycles = %d\nthreads = %d\n", num(phi), tv, scanChunkCycles, scanMaxCycles, scanThreads));
        }
        b.append(String.format(Locale.ROOT, "\n[studio]                # read by the studio only\nviewer_refresh_s = %s\n", num(viewerRefreshS)));
        return b.toString();
    }

    private static String num(double d) {
        String s = Double.toString(d);
        return s.contains("E") ? String.format(Locale.ROOT, "%.10g", d) : s;
    }

    private static String esc(String s) { return s.replace("\\", "/").replace("\"", "\\\""); }
}
