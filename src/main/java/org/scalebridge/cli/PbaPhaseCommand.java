package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.analysis.Coordination;
import org.scalebridge.analysis.PbaPhase;
import org.scalebridge.analysis.TimeSeries;
import org.scalebridge.analysis.TrajectoryFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge pba-phase}: per-frame phase identification, octahedral tilt and Na coordination time series. */
@Command(name = "pba-phase", mixinStandardHelpOptions = true,
        description = "Per frame: PBA phase (cubic / tetragonal / rhombohedral) from pseudo-cubic cell parameters and octahedral tilt, and the Na coordination number within a radius; writes the time series and the Na coordination distribution.")
public final class PbaPhaseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--repeat", split = ",", defaultValue = "1,1,1", description = "pseudo-cubic cells along a,b,c") int[] repeat;
    @Option(names = "--centre", defaultValue = "Na", description = "coordination centre species") String centre;
    @Option(names = "--neighbours", split = ",", description = "neighbour species (default all)") String[] neighbours;
    @Option(names = "--radius", defaultValue = "3.5", description = "coordination radius (Å)") double radius;
    @Option(names = "--dt", defaultValue = "1", description = "time between frames (ps) for the series") double dt;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        PbaPhase id = PbaPhase.defaults(repeat);
        int[] nb = neighbours == null ? null : java.util.Arrays.stream(neighbours).mapToInt(AnglesCommand::z).toArray();
        Coordination cn = new Coordination(AnglesCommand.z(centre), nb, radius);
        List<PbaPhase.Result> res = new ArrayList<>();
        List<Double> cnm = new ArrayList<>();
        TrajectoryFiles.stream(file, (f, i) -> { res.add(id.classify(f.structure())); cnm.add(cn.accumulate(f.structure())); });
        int n = res.size();
        double[] t = new double[n], a = new double[n], b = new double[n], c = new double[n], al = new double[n], be = new double[n], ga = new double[n], tilt = new double[n], code = new double[n], cns = new double[n];
        for (int k = 0; k < n; k++) {
            PbaPhase.Result r = res.get(k);
            t[k] = k * dt; a[k] = r.a(); b[k] = r.b(); c[k] = r.c(); al[k] = r.alpha(); be[k] = r.beta(); ga[k] = r.gamma(); tilt[k] = r.tiltDeg();
            code[k] = switch (r.phase()) { case "cubic" -> 0; case "tetragonal" -> 1; case "rhombohedral" -> 2; default -> 3; };
            cns[k] = cnm.get(k);
        }
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        CliTables.writeCsv(CliTables.sibling(prefix, ".phase.csv"),
                List.of("t_ps", "phase_code(0=cubic,1=tetragonal,2=rhombohedral,3=lower)", "a_pc_A", "b_pc_A", "c_pc_A", "alpha_deg", "beta_deg", "gamma_deg", "tilt_deg", "cn_" + centre + "_mean"),
                List.of(t, code, a, b, c, al, be, ga, tilt, cns));
        double[] dist = cn.distribution();
        TimeSeries ts = TimeSeries.of("cn", t, cns, Math.min(10, n));
        CliTables.writeJson(CliTables.sibling(prefix, ".phase.json"), CliTables.map("input", file.toString(), "frames", n,
                "phase_last_frame", res.get(n - 1).phase(), "reason_last_frame", res.get(n - 1).reason(),
                "coordination", CliTables.map("centre", centre, "radius_A", radius, "mean", cn.mean(), "distribution", dist,
                        "time_average", CliTables.num(ts.mean()), "block_se", CliTables.num(ts.standardError())),
                "rules", "rhombohedral if mean tilt >= 3 deg or a=b=c, alpha=beta=gamma != 90; cubic if a=b=c and 90 deg; tetragonal if exactly two equal; tolerances 0.5% and 0.5 deg"));
        System.out.printf("%d frame(s); last: %s (%s); <CN %s> = %.3f within %.2f Å%n", n, res.get(n - 1).phase(), res.get(n - 1).reason(), centre, cn.mean(), radius);
        System.out.println("wrote " + CliTables.sibling(prefix, ".phase.csv") + ", " + CliTables.sibling(prefix, ".phase.json"));
        return 0;
    }
}
