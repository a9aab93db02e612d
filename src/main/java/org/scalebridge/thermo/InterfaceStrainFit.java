package org.scalebridge.thermo;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Units;

/**
 * Interfacial and coherency-strain energy from a series of two-phase supercells (paper Eqs. 4–5): per cell,
 * E_excess = E_two-phase − (N/2)(E_rich + E_poor), with N the number of formula units in the cell and E_rich, E_poor
 * the energies per formula unit of the single-phase end members. Cells share the interface area A (two interfaces
 * per periodic cell) and differ in length, so E_excess = 2Aγ + ε_strain·V: a straight-line fit against the volume
 * gives γ = intercept/(2A) and the strain-energy density ε_strain = slope. Uncertainties from the fit covariance:
 * absolute with user σ_E, otherwise scaled by the residual variance (needs ≥ 3 cells).
 */
public final class InterfaceStrainFit {
    private InterfaceStrainFit() {}

    /** γ in eV/Å² (and J/m²), ε in eV/Å³ (and GPa = GJ/m³), intercept/slope covariance, residuals. */
    public record Result(double gamma, double sigmaGamma, double strain, double sigmaStrain, double covGammaStrain,
                         double intercept, double slope, double[] excess, double[] residuals, double chi2, int dof,
                         boolean absoluteSigma, double area) {
        public double gammaJPerM2() { return Units.evPerA2ToJPerM2(gamma); }
        public double sigmaGammaJPerM2() { return Units.evPerA2ToJPerM2(sigmaGamma); }
        public double strainGPa() { return Units.evPerA3ToGPa(strain); }
        public double sigmaStrainGPa() { return Units.evPerA3ToGPa(sigmaStrain); }
    }

    /**
     * @param n       formula units per cell; @param e two-phase cell energies (eV); @param volume cell volumes (Å³)
     * @param eRich   energy per formula unit of the Na-rich phase (eV); @param ePoor of the Na-poor phase
     * @param area    interface area A (Å²); @param sigmaE σ of each cell energy (eV) or null
     */
    public static Result fit(double[] n, double[] e, double[] volume, double eRich, double ePoor, double area, double[] sigmaE) {
        int m = e.length;
        if (n.length != m || volume.length != m || (sigmaE != null && sigmaE.length != m))
            throw InputException.field("interface-energy", "data", "columns N, E, V must have equal lengths");
        if (m < 2) throw InputException.field("interface-energy", "data", "need at least 2 cells, got " + m);
        if (!(area > 0)) throw InputException.unphysical("interface area A (Å²)", area, "> 0");
        if (sigmaE == null && m < 3) throw InputException.field("interface-energy", "data", "without energy uncertainties at least 3 cells are needed to estimate the error");
        double[] ex = new double[m], w = new double[m];
        for (int i = 0; i < m; i++) {
            if (!(volume[i] > 0)) throw InputException.unphysical("V[" + i + "] (Å³)", volume[i], "> 0");
            ex[i] = e[i] - 0.5 * n[i] * (eRich + ePoor); // Eq. 4
            w[i] = sigmaE == null ? 1 : 1 / (sigmaE[i] * sigmaE[i]);
        }
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < m; i++) { sw += w[i]; sx += w[i] * volume[i]; sy += w[i] * ex[i]; }
        double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
        for (int i = 0; i < m; i++) { sxx += w[i] * (volume[i] - mx) * (volume[i] - mx); sxy += w[i] * (volume[i] - mx) * (ex[i] - my); }
        if (!(sxx > 0)) throw InputException.field("interface-energy", "V", "all cell volumes are equal: the slope is undetermined");
        double slope = sxy / sxx, icpt = my - slope * mx;
        double chi2 = 0;
        double[] res = new double[m];
        for (int i = 0; i < m; i++) { res[i] = ex[i] - icpt - slope * volume[i]; chi2 += w[i] * res[i] * res[i]; }
        int dof = m - 2;
        double scale = sigmaE == null ? chi2 / dof : 1;
        double varSlope = scale / sxx, varIcpt = scale * (1 / sw + mx * mx / sxx), cov = -scale * mx / sxx;
        double g = icpt / (2 * area); // Eq. 5: intercept = 2Aγ
        return new Result(g, Math.sqrt(varIcpt) / (2 * area), slope, Math.sqrt(varSlope), cov / (2 * area), icpt, slope, ex, res,
                chi2, dof, sigmaE != null, area);
    }
}
