package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.analysis.Arrhenius;
import org.scalebridge.core.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge arrhenius}: weighted Arrhenius fit of D(T), extrapolation with a confidence band, curvature test. */
@Command(name = "arrhenius", mixinStandardHelpOptions = true,
        description = "Arrhenius fit ln D = ln D0 − Ea/(kB T) of a CSV with columns T (K), D and optional sigma_D; extrapolation with a confidence band and a curvature (non-Arrhenius) test.")
public final class ArrheniusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CSV") Path file;
    @Option(names = "--extrapolate", split = ",", description = "temperatures (K) to extrapolate to") double[] extra;
    @Option(names = "--level", defaultValue = "0.95", description = "confidence level of the band") double level;
    @Option(names = "--alpha", defaultValue = "0.05", description = "significance level of the curvature test") double alpha;
    @Option(names = "--d-unit", defaultValue = "A2/ps", description = "unit label of D") String dUnit;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        CliTables.Table t = CliTables.readCsv(file);
        double[] tk = t.require("T (K)", "t", "temperature"), d = t.require("D", "d", "diffusivity");
        double[] s = t.column("sigma_d", "sigma", "d_err", "err");
        if (!(level > 0 && level < 1)) throw InputException.unphysical("--level", level, "in (0, 1)");
        Arrhenius.Fit f = Arrhenius.fit(tk, d, s, alpha);
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        double tmin = Double.MAX_VALUE, tmax = 0;
        for (double v : tk) { tmin = Math.min(tmin, v); tmax = Math.max(tmax, v); }
        if (extra != null) for (double v : extra) { if (!(v > 0)) throw InputException.unphysical("--extrapolate T (K)", v, "> 0"); tmin = Math.min(tmin, v); tmax = Math.max(tmax, v); }
        int n = 101;
        double[] tt = new double[n], dd = new double[n], lo = new double[n], hi = new double[n];
        for (int k = 0; k < n; k++) {
            // uniform in 1/T
            double inv = 1 / tmax + (1 / tmin - 1 / tmax) * k / (n - 1);
            tt[k] = 1 / inv; dd[k] = f.predict(tt[k]);
            double[] b = f.band(tt[k], level);
            lo[k] = b[0]; hi[k] = b[1];
        }
        CliTables.writeCsv(CliTables.sibling(prefix, ".arrhenius.csv"),
                List.of("T_K", "inv_T_1/K", "D_fit_" + dUnit, "D_low_" + dUnit, "D_high_" + dUnit),
                List.of(tt, inv(tt), dd, lo, hi));
        List<Object> ex = new ArrayList<>();
        if (extra != null) for (double v : extra) {
            double[] b = f.band(v, level);
            ex.add(CliTables.map("T_K", v, "D", f.predict(v), "low", b[0], "high", b[1], "sigma_lnD", f.sigmaLnD(v)));
        }
        CliTables.writeJson(CliTables.sibling(prefix, ".arrhenius.json"), CliTables.map(
                "input", file.toString(), "formula", "D = D0 exp(-Ea/(kB T)) (Eq. 3), weighted least squares in ln D vs 1/T",
                "Ea_eV", f.ea(), "sigma_Ea_eV", f.sigmaEa(), "D0", f.d0(), "D0_unit", dUnit, "ln_D0", f.lnD0(), "sigma_ln_D0", f.sigmaLnD0(),
                "covariance_lnD0_Ea", f.covariance(), "chi2", f.chi2(), "dof", f.dof(), "p_goodness_of_fit", CliTables.num(f.pGoodness()),
                "absolute_sigma", f.absoluteSigma(), "curvature_test", CliTables.map("test", f.curvatureTest(), "p_value", f.curvatureP(),
                        "quadratic_coefficient", f.curvature(), "sigma_quadratic_coefficient", f.sigmaCurvature(), "non_arrhenius", f.nonArrhenius()),
                "confidence_level", level, "extrapolation", ex));
        System.out.printf("Ea = %.4f ± %.4f eV, D0 = %.4g %s (ln D0 = %.3f ± %.3f), chi2/dof = %.3g/%d%s%n", f.ea(), f.sigmaEa(), f.d0(), dUnit,
                f.lnD0(), f.sigmaLnD0(), f.chi2(), f.dof(), f.curvatureP() == null ? "" : String.format(", curvature p = %.3g%s", f.curvatureP(), f.nonArrhenius() ? " → NON-ARRHENIUS" : ""));
        if (extra != null) for (double v : extra) {
            double[] b = f.band(v, level);
            System.out.printf("  D(%.1f K) = %.4g %s  [%.4g, %.4g] at %.0f%%%n", v, f.predict(v), dUnit, b[0], b[1], 100 * level);
        }
        System.out.println("wrote " + CliTables.sibling(prefix, ".arrhenius.csv") + ", " + CliTables.sibling(prefix, ".arrhenius.json"));
        return 0;
    }

    private static double[] inv(double[] t) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) r[i] = 1 / t[i];
        return r;
    }
}
