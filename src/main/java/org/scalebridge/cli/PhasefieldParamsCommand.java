package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;
import org.scalebridge.thermo.FreeEnergy;
import org.scalebridge.thermo.PhaseFieldParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalebridge phasefield-params}: gradient coefficient, interface width and mobilities for the continuum model. */
@Command(name = "phasefield-params", mixinStandardHelpOptions = true,
        description = "Cahn-Hilliard parameters: k from gamma (Eq. 26), interface width (Eq. 28), mobility M = D/(dmu/dc) per phase (Eq. 24), in atomistic and SI units, with a record of every input.")
public final class PhasefieldParamsCommand implements Callable<Integer> {
    @Option(names = "--mu", required = true, description = "CSV with x, mu (eV)[, sigma_mu] at one temperature") Path muFile;
    @Option(names = "--temperature", required = true, description = "K") double temperature;
    @Option(names = "--gamma", required = true, description = "interfacial energy") double gamma;
    @Option(names = "--gamma-unit", defaultValue = "J/m2", description = "J/m2 or eV/A2") String gammaUnit;
    @Option(names = "--site-volume", required = true, description = "volume per Na site (Å^3)") double siteVolume;
    @Option(names = "--d-poor", required = true, description = "D of the Na-poor phase (Å^2/ps)") double dPoor;
    @Option(names = "--d-rich", required = true, description = "D of the Na-rich phase (Å^2/ps)") double dRich;
    @Option(names = "--criterion", defaultValue = "cv") String criterion;
    @Option(names = "--degree", defaultValue = "8") int degree;
    @Option(names = "--no-ideal") boolean noIdeal;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        CliTables.Table t = CliTables.readCsv(muFile);
        double[] x = t.require("x", "x"), mu = t.require("mu", "mu"), s = t.column("sigma_mu", "sigma"), tc = t.column("t", "temperature");
        if (tc != null) { // several temperatures in one file: keep the rows at --temperature
            java.util.List<Integer> keep = new java.util.ArrayList<>();
            for (int i = 0; i < tc.length; i++) if (Math.abs(tc[i] - temperature) <= 1e-6 * temperature) keep.add(i);
            if (keep.isEmpty()) throw InputException.field(muFile.toString(), "T", "no rows at --temperature " + temperature + " K");
            double[] fx = x, fm = mu, fs = s;
            x = keep.stream().mapToDouble(i -> fx[i]).toArray();
            mu = keep.stream().mapToDouble(i -> fm[i]).toArray();
            s = fs == null ? null : keep.stream().mapToDouble(i -> fs[i]).toArray();
        }
        double g = switch (gammaUnit) {
            case "J/m2" -> Units.jPerM2ToEvPerA2(gamma);
            case "eV/A2" -> gamma;
            default -> throw InputException.field("phasefield-params", "--gamma-unit", "expected J/m2 or eV/A2, got " + gammaUnit);
        };
        FreeEnergy.Result fe = FreeEnergy.analyse(temperature, x, mu, s,
                new FreeEnergy.Options(FreeEnergy.Criterion.valueOf(criterion.toUpperCase(java.util.Locale.ROOT)), degree, !noIdeal, 20001, 0, 1));
        if (fe.binodal().isEmpty()) throw InputException.field(muFile.toString(), "mu", "no miscibility gap at " + temperature + " K: a two-phase interface does not exist");
        var gap = fe.binodal().get(0);
        PhaseFieldParameters.Result r = PhaseFieldParameters.fromModel(fe.model(), gap, siteVolume, g, dPoor, dRich,
                CliTables.map("mu_file", muFile.toString(), "temperature_K", temperature, "gamma_input", gamma + " " + gammaUnit, "fit_degree", fe.model().degree()));
        Path prefix = out != null ? out : Path.of("phasefield");
        int n = 201;
        double[] c = new double[n], m = new double[n], df = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = 0.001 + 0.998 * k / (n - 1);
            double dmu = fe.model().dmu(c[k]);
            m[k] = c[k] <= r.ca() || c[k] >= r.cb() ? (c[k] <= r.ca() ? dPoor : dRich) / dmu : r.mobility(c[k]);
            df[k] = c[k] > r.ca() && c[k] < r.cb() ? (fe.model().g(c[k]) - fe.model().g(r.ca()) - gap.muCoexistence() * (c[k] - r.ca())) / siteVolume : 0;
        }
        CliTables.writeCsv(CliTables.sibling(prefix, ".phasefield.csv"), List.of("c", "M_A2_per_ps_eV", "M_m2_per_s_J", "delta_f_eV_per_A3"),
                List.of(c, m, java.util.Arrays.stream(m).map(PhaseFieldParameters.Result::mobilitySI).toArray(), df));
        CliTables.writeJson(CliTables.sibling(prefix, ".phasefield.json"), CliTables.map(
                "formulas", CliTables.map("kappa", "gamma = integral sqrt(2 k delta_f(c)) dc (Eq. 26/27)", "width", "(c_b-c_a) sqrt(k/(2 delta_f_max)) (Eq. 28)",
                        "mobility", "M = D/(dmu/dc) (Eq. 24), log-linear across the gap"),
                "binodal", new double[] {r.ca(), r.cb()},
                "kappa_eV_per_A", r.kappa(), "kappa_J_per_m", r.kappaSI(),
                "interface_width_A", r.interfaceWidth(), "interface_width_m", r.interfaceWidthSI(),
                "gamma_eV_per_A2", r.gamma(), "gamma_J_per_m2", r.gammaSI(), "barrier_integral_sqrt_eV_per_A3", r.integral(), "delta_f_max_eV_per_A3", r.deltaFMax(),
                "mobility_poor_A2_per_ps_eV", r.mobilityA(), "mobility_rich_A2_per_ps_eV", r.mobilityB(),
                "mobility_poor_m2_per_s_J", PhaseFieldParameters.Result.mobilitySI(r.mobilityA()), "mobility_rich_m2_per_s_J", PhaseFieldParameters.Result.mobilitySI(r.mobilityB()),
                "mobility_poor_m2_mol_per_J_s", PhaseFieldParameters.Result.mobilityMolarSI(r.mobilityA()), "mobility_rich_m2_mol_per_J_s", PhaseFieldParameters.Result.mobilityMolarSI(r.mobilityB()),
                "D_poor_m2_per_s", Units.a2psToM2s(dPoor), "D_rich_m2_per_s", Units.a2psToM2s(dRich),
                "inputs", r.inputs()));
        System.out.printf("binodal %.5f–%.5f; k = %.5g eV/Å (%.5g J/m); width = %.4g Å; M_poor = %.4g, M_rich = %.4g Å²/(ps·eV) (%.4g, %.4g m²/(s·J))%n",
                r.ca(), r.cb(), r.kappa(), r.kappaSI(), r.interfaceWidth(), r.mobilityA(), r.mobilityB(),
                PhaseFieldParameters.Result.mobilitySI(r.mobilityA()), PhaseFieldParameters.Result.mobilitySI(r.mobilityB()));
        System.out.println("wrote " + CliTables.sibling(prefix, ".phasefield.csv") + ", " + CliTables.sibling(prefix, ".phasefield.json"));
        return 0;
    }
}
