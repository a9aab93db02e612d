package org.scalebridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalebridge.thermo.InterfaceStrainFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scalebridge interface-energy}: γ and ε_strain from a two-phase supercell series (Eqs. 4–5). */
@Command(name = "interface-energy", mixinStandardHelpOptions = true,
        description = "Interfacial energy and strain-energy density from two-phase cells: E_excess = E - (N/2)(E_rich + E_poor), fitted as 2*A*gamma + eps*V. CSV columns: N (formula units), E (eV), V (Å^3), optional sigma_E (eV).")
public final class InterfaceEnergyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CSV") Path file;
    @Option(names = "--e-rich", required = true, description = "energy per formula unit of the Na-rich phase (eV)") double eRich;
    @Option(names = "--e-poor", required = true, description = "energy per formula unit of the Na-poor phase (eV)") double ePoor;
    @Option(names = "--area", required = true, description = "interface area A (Å^2)") double area;
    @Option(names = {"-o", "--out"}) Path out;

    @Override
    public Integer call() {
        CliTables.Table t = CliTables.readCsv(file);
        double[] n = t.require("N", "n"), e = t.require("E", "e", "energy"), v = t.require("V", "v", "volume"), s = t.column("sigma_e", "sigma");
        InterfaceStrainFit.Result r = InterfaceStrainFit.fit(n, e, v, eRich, ePoor, area, s);
        Path prefix = out != null ? out : Path.of(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        CliTables.writeCsv(CliTables.sibling(prefix, ".interface.csv"), List.of("N_fu", "V_A3", "E_excess_eV", "residual_eV"), List.of(n, v, r.excess(), r.residuals()));
        CliTables.writeJson(CliTables.sibling(prefix, ".interface.json"), CliTables.map("input", file.toString(),
                "formula", "E_excess = E - (N/2)(E_rich+E_poor) = 2 A gamma + eps_strain V (Eqs. 4-5)",
                "gamma_eV_per_A2", r.gamma(), "sigma_gamma_eV_per_A2", r.sigmaGamma(), "gamma_J_per_m2", r.gammaJPerM2(), "sigma_gamma_J_per_m2", r.sigmaGammaJPerM2(),
                "strain_eV_per_A3", r.strain(), "sigma_strain_eV_per_A3", r.sigmaStrain(), "strain_GPa", r.strainGPa(), "sigma_strain_GPa", r.sigmaStrainGPa(),
                "cov_gamma_strain", r.covGammaStrain(), "chi2", r.chi2(), "dof", r.dof(), "absolute_sigma", r.absoluteSigma(),
                "E_rich_eV", eRich, "E_poor_eV", ePoor, "area_A2", area));
        System.out.printf("gamma = %.5g ± %.2g eV/Å² (%.4g ± %.2g J/m²), eps_strain = %.5g ± %.2g eV/Å³ (%.4g GPa)%n", r.gamma(), r.sigmaGamma(),
                r.gammaJPerM2(), r.sigmaGammaJPerM2(), r.strain(), r.sigmaStrain(), r.strainGPa());
        System.out.println("wrote " + CliTables.sibling(prefix, ".interface.csv") + ", " + CliTables.sibling(prefix, ".interface.json"));
        return 0;
    }
}
