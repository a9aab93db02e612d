package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.thermo.FreeEnergy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge free-energy}: μ(x) → fit → G(x) → common tangent, spinodal, mixing energy, bootstrap errors. */
@Command(name = "free-energy", mixinStandardHelpOptions = true,
        description = "Free energy from chemical potentials: CSV columns x (site fraction), mu (eV), optional sigma_mu (eV) and T (K) (several temperatures at once). Fits mu(x) = kT ln(x/(1-x)) + polynomial (degree by CV/AIC/BIC), integrates G(x) (Eq. 18), finds binodal (common tangent) and spinodal points with bootstrap errors.")
public final class FreeEnergyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CSV") Path file;
    @Option(names = "--temperature", description = "temperature (K) when the CSV has no T column") Double temperature;
    @Option(names = "--criterion", defaultValue = "cv", description = "cv | aic | bic | fixed (polynomial degree) | spline (GCV smoothing spline)") String criterion;
    @Option(names = "--degree", defaultValue = "8", description = "maximum (or fixed) polynomial degree") int degree;
    @Option(names = "--no-ideal", description = "fit a pure polynomial (no kT ln(x/(1-x)) term)") boolean noIdeal;
    @Option(names = "--x-max", defaultValue = "1", description = "x of the full lattice when x is not a site fraction (e.g. 2 for Na per formula unit of Na_xMn[Fe(CN)6]): the lattice-gas model is then mu0 + kT ln(x/(x_max - x)) + polynomial; results are reported in the same units as x") double xMax;
    @Option(names = "--bootstrap", defaultValue = "200") int bootstrap;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--grid", defaultValue = "20001") int grid;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        CliTables.Table t = CliTables.readCsv(file);
        double[] x = t.require("x", "x"), mu = t.require("mu (eV)", "mu"), s = t.column("sigma_mu", "sigma"), tc = t.column("t", "temperature");
        if (!(xMax > 0) || !Double.isFinite(xMax)) throw InputException.unphysical("--x-max", xMax, "> 0");
        for (int i = 0; i < x.length; i++) x[i] /= xMax; // site fraction: ln(x/(x_max − x)) = ln(y/(1 − y)) with y = x/x_max
        if (tc == null && temperature == null) throw InputException.field("free-energy", "--temperature", "give --temperature or a T column");
        FreeEnergy.Criterion c;
        try {
            c = FreeEnergy.Criterion.valueOf(criterion.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InputException.field("free-energy", "--criterion", "expected cv, aic, bic, fixed or spline, got " + criterion);
        }
        FreeEnergy.Options o = new FreeEnergy.Options(c, degree, !noIdeal, grid, bootstrap, seed);
        TreeMap<Double, List<Integer>> byT = new TreeMap<>();
        for (int i = 0; i < x.length; i++) byT.computeIfAbsent(tc == null ? temperature : tc[i], k -> new ArrayList<>()).add(i);
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        List<Object> all = new ArrayList<>();
        for (var en : byT.entrySet()) {
            List<Integer> idx = en.getValue();
            double[] xx = idx.stream().mapToDouble(i -> x[i]).toArray(), mm = idx.stream().mapToDouble(i -> mu[i]).toArray();
            double[] ss = s == null ? null : idx.stream().mapToDouble(i -> s[i]).toArray();
            FreeEnergy.Result r = FreeEnergy.analyse(en.getKey(), xx, mm, ss, o);
            List<Object> gaps = new ArrayList<>();
            for (int k = 0; k < r.binodal().size(); k++) {
                var g = r.binodal().get(k);
                gaps.add(CliTables.map("x_poor", xMax * g.a(), "sigma_x_poor", CliTables.num(xMax * r.sigmaBinodal()[2 * k]), "x_rich", xMax * g.b(),
                        "sigma_x_rich", CliTables.num(xMax * r.sigmaBinodal()[2 * k + 1]), "mu_coexistence_eV", g.muCoexistence()));
            }
            List<Object> sp = new ArrayList<>();
            for (int k = 0; k < r.spinodal().length; k++) sp.add(CliTables.map("x", xMax * r.spinodal()[k], "sigma_x", CliTables.num(xMax * r.sigmaSpinodal()[k])));
            List<Object> cands = new ArrayList<>();
            for (var cd : r.candidates()) cands.add(CliTables.map("degree", cd.degree(), "rss_eV2", cd.rss(), "score", cd.score()));
            all.add(CliTables.map("T_K", en.getKey(), "points", xx.length, "criterion", c.toString(), "model", r.model().describe(), "degree", r.model().degree(),
                    "candidates", cands, "ideal_kT_eV", r.model().idealKT(), "coefficients_eV", r.model().coefficients(),
                    "rms_residual_eV", r.rmsResidual(), "binodal", gaps, "spinodal", sp, "bootstrap_resamples_used", r.bootstrapUsed()));
            String tag = String.format(Locale.ROOT, ".T%.0fK", en.getKey());
            // thin the grid for the CSV (≤ 2001 rows)
            int step = Math.max(1, (r.gridX().length - 1) / 2000);
            int m = (r.gridX().length - 1) / step + 1;
            double[] gx = new double[m], gg = new double[m], gh = new double[m], gm = new double[m], gmu = new double[m], ga = new double[m];
            for (int k = 0; k < m; k++) {
                int j = k * step;
                gx[k] = xMax * r.gridX()[j]; gg[k] = r.g()[j]; gh[k] = r.hull()[j]; gm[k] = r.mixing()[j]; gmu[k] = r.mu()[j]; ga[k] = r.g()[j] - r.hull()[j];
            }
            CliTables.writeCsv(CliTables.sibling(prefix, tag + ".free-energy.csv"),
                    List.of("x", "mu_fit_eV", "G_eV_per_site", "hull_eV_per_site", "G_minus_hull_eV_per_site", "dG_mix_eV_per_site"), List.of(gx, gmu, gg, gh, ga, gm));
            System.out.printf(Locale.ROOT, "T = %.1f K: %s (%s), binodal %s, spinodal %s%n", en.getKey(), r.model().describe(), c,
                    r.binodal().isEmpty() ? "none" : r.binodal().stream().map(g -> String.format(Locale.ROOT, "%.5f–%.5f", xMax * g.a(), xMax * g.b())).toList(),
                    java.util.Arrays.toString(java.util.Arrays.stream(r.spinodal()).mapToObj(v -> String.format(Locale.ROOT, "%.5f", xMax * v)).toArray()));
        }
        CliTables.writeJson(CliTables.sibling(prefix, ".free-energy.json"), CliTables.map("input", file.toString(),
                "model", "mu(x) = kT ln(x/(1-x)) + sum_k c_k x^k; G(x) = integral_0^x mu (Eq. 18); binodal by common tangent, spinodal where dmu/dx = 0",
                "temperatures", all));
        System.out.println("wrote " + CliTables.sibling(prefix, ".free-energy.json") + " and one CSV per temperature");
        return 0;
    }
}
