package org.scalebridge.ui.run;

import java.util.Locale;

/**
 * The run form's values, written as the GCMC/hybrid GCMC–MD TOML read by {@link org.scalebridge.mc.McConfig}
 * (the file {@code scalebridge gcmc run.toml} runs). Kind "md" is hybrid GCMC–MD with no exchange or translation
 * attempts, i.e. plain MD in cycles of {@link #mdSteps} steps with the same outputs and checkpoints.
 */
public final class RunSpec {
    public String kind = "gcmc-md";          // gcmc | gcmc-md | md
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
        boolean md = !kind.equals("gcmc");
        int ex = kind.equals("md") ? 0 : exchanges, tr = kind.equals("md") ? 0 : translations;
        b.append(String.format(Locale.ROOT, "[mc]\ncycles = %d\nequilibration_cycles = %d\nexchanges = %d\ntranslations = %d\noverlap_cutoff = %s\n\n",
                cycles, equilibrationCycles, ex, tr, num(overlap)));
        if (md) {
            b.append(String.format(Locale.ROOT, "[md]\nintegrator = \"%s\"\nsteps = %d\ntimestep_fs = %s\n", ensemble, mdSteps, num(timestepFs)));
            if (ensemble.equals("npt")) b.append(String.format(Locale.ROOT, "pressure_bar = %s\n", num(pressureBar)));
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "[output]\ndirectory = \"%s\"\ncheckpoint_every = %d\n", esc(outputDir), checkpointEvery));
        return b.toString();
    }

    private static String num(double d) {
        String s = Double.toString(d);
        return s.contains("E") ? String.format(Locale.ROOT, "%.10g", d) : s;
    }

    private static String esc(String s) { return s.replace("\\", "/").replace("\"", "\\\""); }
}
