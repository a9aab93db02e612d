package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.thermo.InsertionVoltage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge voltage}: average insertion voltages (Eq. 31) along the convex hull of E(x). */
@Command(name = "voltage", mixinStandardHelpOptions = true,
        description = "Average insertion voltage V = -[E(x2) - E(x1) - (x2-x1) E_Na]/((x2-x1) e) (Eq. 31) between consecutive stable compositions. CSV columns: x (Na per formula unit), E (eV per formula unit), optional sigma_E.")
public final class VoltageCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CSV") Path file;
    @Option(names = "--e-na", required = true, description = "Na reference energy (eV/atom, e.g. bcc Na metal)") double eNa;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        CliTables.Table t = CliTables.readCsv(file);
        double[] x = t.require("x", "x"), e = t.require("E", "e", "energy"), s = t.column("sigma_e", "sigma");
        List<InsertionVoltage.Step> steps = InsertionVoltage.profile(x, e, s, eNa);
        double[] above = InsertionVoltage.aboveHull(x, e);
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        int n = steps.size();
        double[] x1 = new double[n], x2 = new double[n], v = new double[n], sv = new double[n];
        List<Object> js = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            var st = steps.get(k);
            x1[k] = st.x1(); x2[k] = st.x2(); v[k] = st.volts(); sv[k] = st.sigma();
            js.add(CliTables.map("x1", st.x1(), "x2", st.x2(), "V_volt", st.volts(), "sigma_V", st.sigma()));
            System.out.printf("  x %.4f → %.4f: V = %.4f ± %.4f V%n", st.x1(), st.x2(), st.volts(), st.sigma());
        }
        double vAvg = steps.isEmpty() ? Double.NaN
                : InsertionVoltage.average(steps.get(0).x1(), eAt(x, e, steps.get(0).x1()), 0, steps.get(n - 1).x2(), eAt(x, e, steps.get(n - 1).x2()), 0, eNa, 0).volts();
        CliTables.writeCsv(CliTables.sibling(prefix, ".voltage.csv"), List.of("x1", "x2", "V_volt", "sigma_V_volt"), List.of(x1, x2, v, sv));
        CliTables.writeJson(CliTables.sibling(prefix, ".voltage.json"), CliTables.map("input", file.toString(), "E_Na_eV", eNa,
                "formula", "V = -[E(x2)-E(x1)-(x2-x1)E_Na]/((x2-x1)e) (Eq. 31)", "steps", js, "V_average_full_range", CliTables.num(vAvg),
                "x", x, "E_above_hull_eV_per_fu", above));
        System.out.printf("average over the full range: %.4f V; wrote %s, %s%n", vAvg, CliTables.sibling(prefix, ".voltage.csv"), CliTables.sibling(prefix, ".voltage.json"));
        return 0;
    }

    private static double eAt(double[] x, double[] e, double xv) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) if (x[i] == xv) best = Math.min(best, e[i]);
        return best;
    }
}
