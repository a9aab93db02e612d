package org.scalebridge.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.scalebridge.core.AtomicFiles;
import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;
import org.scalebridge.thermo.MuFunction;

/**
 * Maps atomistic phase-field inputs onto a P2D cathode particle (the continuum's Cahn–Hilliard particle), shared by
 * the studio's free-energy pane ("Send to P2D") and the pipeline's P2D stage:
 * <ul>
 * <li>μ_hom is the fitted μ(x) − μ_coex tabulated over the site fraction (so the template's E0 stays the plateau
 *     potential, U = E0 − μ/F);</li>
 * <li>c_max = 1/(Ω N_A): one Na per site volume Ω, so the solver's κ from γ and the binodals (Eq. 26) equals the
 *     atomistic κ = γ²/(∫ sqrt(2Δf) dc)² with Δf per volume Ω;</li>
 * <li>the interfacial energy γ and the binodal filling fractions (the solver derives κ from them);</li>
 * <li>D(x): ln D switched by tanh between the Na-poor and Na-rich phase diffusivities at the binodal midpoint; with the
 *     solver's lattice mobility M = D c(1−c)/RT this is Eq. 24, M = D/(∂μ/∂c), for the ideal lattice-gas part.</li>
 * </ul>
 */
public final class PhaseFieldToP2d {
    private PhaseFieldToP2d() {}

    /** Grid of the μ table: 401 points over [1e-4, 1 − 1e-4]. */
    public static final int TABLE_POINTS = 401;

    /** Writes μ(x) − μ_coex of the fit (eV) on the table grid as CSV with columns x, mu_fit_eV. */
    public static void writeMuTable(Path csv, MuFunction m, double muCoexistence, double t, String origin) {
        StringBuilder sb = new StringBuilder("# fitted mu(x) at " + t + " K minus mu at coexistence (" + muCoexistence + " eV), from " + origin + ": "
                + m.describe() + "\nx,mu_fit_eV\n");
        int n = TABLE_POINTS - 1;
        for (int k = 0; k <= n; k++) {
            double x = 1e-4 + (1 - 2e-4) * k / n;
            sb.append(String.format(Locale.ROOT, "%.8f,%.10f%n", x, m.mu(x) - muCoexistence));
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /** c_max (mol/m³) of one Na per site volume Ω (Å³). */
    public static double cMax(double siteVolumeA3) { return 1.0 / (siteVolumeA3 * 1e-30 * Units.AVOGADRO); }

    /**
     * Sets the cathode particle of a P2D parameter tree (the JSON root) to the atomistic phase field.
     *
     * @param root        parameter JSON (its {@code positive.particle.model} must be {@code cahn_hilliard})
     * @param source      name of the parameter file, for errors
     * @param muTable     the μ table file name, relative to the parameter file (see {@link #writeMuTable})
     * @param ca, cb      binodal filling fractions; @param gammaSI interfacial energy (J/m²)
     * @param siteVolumeA3 volume per Na site Ω (Å³); @param dPoorSI, dRichSI phase diffusivities (m²/s)
     * @param t           cell temperature (K)
     */
    public static void applyCathode(ObjectNode root, String source, String muTable, double ca, double cb, double gammaSI, double siteVolumeA3,
                                    double dPoorSI, double dRichSI, double t) {
        ObjectNode pos = root.with("positive");
        ObjectNode part = pos.with("particle");
        if (!"cahn_hilliard".equals(part.path("model").asText()))
            throw InputException.field(source, "positive.particle.model", "cahn_hilliard (the template's cathode is not phase-separating)");
        if (!(ca > 0 && cb > ca && cb < 1)) throw InputException.field(source, "binodals", "need 0 < x1 < x2 < 1, got " + ca + ", " + cb);
        if (!(gammaSI > 0)) throw InputException.unphysical("interfacial energy (J/m²)", gammaSI, "> 0");
        if (!(dPoorSI > 0) || !(dRichSI > 0)) throw InputException.unphysical("phase diffusivity (m²/s)", Math.min(dPoorSI, dRichSI), "> 0");
        part.remove("kappa");
        part.put("interfacial_energy_J_per_m2", gammaSI);
        part.putArray("binodals").add(ca).add(cb);
        ObjectNode table = part.putObject("mu_homogeneous");
        table.put("table", muTable);
        table.put("x", "x");
        table.put("y", "mu_fit_eV");
        table.put("y_unit", "eV");
        table.put("interpolation", "monotone");
        pos.put("c_max", cMax(siteVolumeA3));
        double mid = 0.5 * (ca + cb), width = Math.max(0.01, 0.1 * (cb - ca));
        part.put("diffusivity", String.format(Locale.ROOT, "exp(%.8f + (%.8f - %.8f)*0.5*(1 + tanh((sto - %.6f)/%.6f)))",
                Math.log(dPoorSI), Math.log(dRichSI), Math.log(dPoorSI), mid, width));
        root.put("temperature_K", t);
    }
}
