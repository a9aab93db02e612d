package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.analysis.Einstein;
import org.scalebridge.analysis.FrameSeries;
import org.scalebridge.analysis.Msd;
import org.scalebridge.analysis.MsdResult;
import org.scalebridge.analysis.TrajectoryFiles;
import org.scalebridge.core.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge msd}: MSD of a trajectory (all origins by FFT by default) and D from the Einstein relation. */
@Command(name = "msd", mixinStandardHelpOptions = true,
        description = "Mean-squared displacement (all time origins via FFT) and the diffusion coefficient (Einstein fit with an automatic diffusive window and block uncertainty). Input: LAMMPS dump (xu yu zu, or x y z + ix iy iz) or extended XYZ.")
public final class MsdCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRAJECTORY") Path file;
    @Option(names = "--dt", required = true, description = "time per dump TIMESTEP unit (LAMMPS: the MD timestep) or per XYZ frame when it has no time= key, in the time unit (ps for metal)") double dt;
    @Option(names = "--units", defaultValue = "metal", description = "metal (Å, ps) or lj (σ, τ) — labels only") String units;
    @Option(names = "--types", split = ",", description = "atom types/atomic numbers to include (default all)") int[] types;
    @Option(names = "--method", defaultValue = "fft", description = "fft | direct | single | stride:N") String method;
    @Option(names = "--com", description = "subtract the centre-of-mass drift of all atoms") boolean com;
    @Option(names = "--max-lag", defaultValue = "0", description = "largest lag in frames (0 = all)") int maxLag;
    @Option(names = "--blocks", defaultValue = "10", description = "independent blocks for the uncertainty of D") int blocks;
    @Option(names = "--uncertainty", defaultValue = "atoms", description = "atoms (blocks of atoms) | time (contiguous time segments)") String uncertainty;
    @Option(names = "--window", description = "fit window t1:t2 in time units (default automatic)") String window;
    @Option(names = "--tolerance", defaultValue = "0.1", description = "automatic window: |d ln MSD/d ln t − 1| ≤ tolerance") double tol;
    @Option(names = "--tail", defaultValue = "0.5", description = "automatic window: never use lags beyond this fraction of the run") double tail;
    @Option(names = "--every", defaultValue = "1", description = "use every n-th frame") int every;
    @Option(names = {"-o", "--out"}, description = "output prefix (default: input name)") Path out;

    @Override
    public Integer call() {
        if (!(dt > 0)) throw InputException.unphysical("--dt", dt, "> 0");
        if (every < 1) throw InputException.unphysical("--every", every, "≥ 1");
        String len = units.equals("lj") ? "sigma" : "A", tim = units.equals("lj") ? "tau" : "ps";
        FrameSeries fs = TrajectoryFiles.readSeries(file, dt, every);
        Msd.Options o = new Msd.Options(types == null ? null : fs.select(types), com, maxLag, blocks);
        MsdResult m;
        if (method.equals("fft")) m = Msd.allOriginsFft(fs, o, null);
        else if (method.equals("direct")) m = Msd.bruteForce(fs, o);
        else if (method.equals("single")) m = Msd.singleOrigin(fs, o);
        else if (method.startsWith("stride:")) m = Msd.strided(fs, o, Integer.parseInt(method.substring(7)));
        else throw InputException.field("msd", "--method", "expected fft, direct, single or stride:N, got " + method);
        Einstein.Window w = null;
        if (window != null) {
            String[] p = window.split(":");
            if (p.length != 2) throw InputException.field("msd", "--window", "expected t1:t2, got " + window);
            w = new Einstein.Window(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
        }
        Einstein.Fit fit;
        if (uncertainty.equals("time")) fit = Einstein.fitWithTimeSegments(fs, o, blocks, w, tol, tail);
        else if (uncertainty.equals("atoms")) fit = Einstein.fit(m, 3, w, tol, tail);
        else throw InputException.field("msd", "--uncertainty", "expected atoms or time, got " + uncertainty);
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        CliTables.writeCsv(CliTables.sibling(prefix, ".msd.csv"),
                List.of("lag_frames", "t_" + tim, "msd_x_" + len + "2", "msd_y_" + len + "2", "msd_z_" + len + "2", "msd_" + len + "2", "origins"),
                List.of(toD(m.lag()), m.time(), m.x(), m.y(), m.z(), m.total(), toD(m.origins())));
        var json = CliTables.map(
                "input", file.toString(), "frames", fs.frames(), "atoms_selected", m.atoms(), "method", m.method(),
                "com_correction", com, "units", CliTables.map("length", len, "time", tim, "D", len + "^2/" + tim),
                "D", fit.d(), "sigma_D", CliTables.num(fit.sigmaD()), "uncertainty", fit.blockD() == null ? "none" : fit.blockD().length + " independent " + fit.blockKind() + " (SE of block estimates)",
                "D_cm2_per_s", units.equals("metal") ? fit.d() * 1e-4 : null,
                "window", CliTables.map("t_start", fit.tStart(), "t_end", fit.tEnd(), "choice", fit.windowChoice(), "diffusive", fit.diffusive(), "loglog_slope", fit.alphaMean()),
                "block_D", fit.blockD(), "warnings", fit.warnings(), "formula", "D = slope(MSD vs t)/(2d), d = 3 (Einstein, Eq. 1)");
        CliTables.writeJson(CliTables.sibling(prefix, ".msd.json"), json);
        System.out.printf("D = %.6g ± %.2g %s^2/%s  (window %.4g–%.4g %s, %s; %d atoms, %d frames, %s)%n",
                fit.d(), fit.sigmaD(), len, tim, fit.tStart(), fit.tEnd(), tim, fit.windowChoice(), m.atoms(), fs.frames(), m.method());
        for (String s : fit.warnings()) System.out.println("warning: " + s);
        System.out.println("wrote " + CliTables.sibling(prefix, ".msd.csv") + ", " + CliTables.sibling(prefix, ".msd.json"));
        return 0;
    }

    static double[] toD(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
