package org.scalebridge.mc;

import org.scalebridge.core.InputException;
import org.scalebridge.core.Rng;
import org.scalebridge.structure.Cell;

/**
 * A non-uniform insertion proposal for exchange moves in a host with known sites (e.g. the Na cages of a Prussian
 * blue framework): with probability w a uniform point of the cell, otherwise a Gaussian point (width σ, isotropic)
 * around one of M sites chosen uniformly. Its normalised density over the cell is
 * <pre>  p(r) = w/V + (1 − w)/M · Σ_k (2πσ²)^(−3/2) exp(−|r − s_k|²/(2σ²))      (minimum image)</pre>
 * and {@link Gcmc} uses it in Metropolis–Hastings acceptance rules that keep the grand-canonical distribution exact
 * (Frenkel–Smit §13.2, biased insertion with a known proposal density):
 * <pre>  insertion: min(1, z e^{−βΔW} / ((N+1) p(r_new)))      deletion: min(1, N p(r_old) e^{−βΔW} / z)</pre>
 * which reduce to LAMMPS fix gcmc's zV/(N+1) and N/(zV) for p = 1/V. Sites are fractional coordinates, so they
 * follow the cell when NPT MD changes it between Monte Carlo cycles. The uniform share w &gt; 0 keeps every point
 * reachable (ergodicity) and bounds the acceptance ratio. σ must stay well below the cell's perpendicular widths
 * (≤ 1/8 of the smallest) so that the omitted periodic images of the Gaussians are negligible (&lt; e⁻³²).
 */
public final class SiteProposal {
    private final double[][] sites;
    private final double sigma, uniform;
    private final double gaussNorm;
    private final double[] f = new double[3], d = new double[3];

    /**
     * @param fractionalSites site positions in fractional coordinates
     * @param sigma           Gaussian width (Å), &gt; 0
     * @param uniformFraction share w of uniform proposals, 0 &lt; w ≤ 1
     */
    public SiteProposal(double[][] fractionalSites, double sigma, double uniformFraction) {
        if (fractionalSites == null || fractionalSites.length == 0) throw InputException.field(null, "insertion.sites", "at least one site is needed");
        for (double[] s : fractionalSites) {
            if (s.length != 3) throw InputException.field(null, "insertion.sites", "each site needs 3 fractional coordinates");
        }
        if (!(sigma > 0)) throw InputException.unphysical("insertion.site_sigma", sigma, "> 0 Å");
        if (!(uniformFraction > 0 && uniformFraction <= 1)) {
            throw InputException.unphysical("insertion.uniform_fraction", uniformFraction, "in (0, 1]");
        }
        this.sites = new double[fractionalSites.length][];
        for (int k = 0; k < sites.length; k++) sites[k] = fractionalSites[k].clone();
        this.sigma = sigma;
        this.uniform = uniformFraction;
        this.gaussNorm = Math.pow(2 * Math.PI * sigma * sigma, -1.5);
    }

    /**
     * The 8 cage sites per pseudo-cubic cell of a Prussian-blue framework (centres of the sub-cubes of the Fe/Mn
     * simple-cubic lattice), for a cell holding {@code na × nb × nc} pseudo-cubic cells whose metal lattice starts at
     * fractional {@code origin} (e.g. an Fe atom).
     */
    public static double[][] pbaCages(int na, int nb, int nc, double[] origin) {
        int ma = 2 * na, mb = 2 * nb, mc = 2 * nc;
        double[][] out = new double[ma * mb * mc][];
        int k = 0;
        for (int i = 0; i < ma; i++) for (int j = 0; j < mb; j++) for (int l = 0; l < mc; l++) {
            out[k++] = new double[] {wrap(origin[0] + (i + 0.5) / ma), wrap(origin[1] + (j + 0.5) / mb), wrap(origin[2] + (l + 0.5) / mc)};
        }
        return out;
    }

    private static double wrap(double x) { return x - Math.floor(x); }

    /** Checks σ against the cell (see the class note). */
    public void check(Cell cell) {
        double[] w = cell.perpendicularWidths();
        double min = Math.min(w[0], Math.min(w[1], w[2]));
        if (sigma > min / 8) {
            throw InputException.field(null, "insertion.site_sigma", "σ = " + sigma + " Å is too wide for a cell of width "
                    + min + " Å (at most 1/8 of it)");
        }
    }

    public int siteCount() { return sites.length; }
    public double sigma() { return sigma; }
    public double uniformFraction() { return uniform; }

    /** Draws a proposal point (Cartesian, wrapped into the cell) into out. */
    public void sample(Cell cell, Rng rng, double[] out) {
        if (rng.nextDouble() < uniform) {
            f[0] = rng.nextDouble(); f[1] = rng.nextDouble(); f[2] = rng.nextDouble();
            cell.toCartesian(f, out);
            return;
        }
        double[] s = sites[rng.nextInt(sites.length)];
        cell.toCartesian(s, d);
        double x = d[0] + sigma * rng.nextGaussian(), y = d[1] + sigma * rng.nextGaussian(), z = d[2] + sigma * rng.nextGaussian();
        f[0] = wrap(cell.fracX(x, y, z)); f[1] = wrap(cell.fracY(x, y, z)); f[2] = wrap(cell.fracZ(x, y, z));
        cell.toCartesian(f, out);
    }

    /** The proposal density p(r) (Å⁻³) at a Cartesian point. */
    public double density(Cell cell, double x, double y, double z) {
        double g = 0, inv2s2 = 1 / (2 * sigma * sigma);
        for (double[] s : sites) {
            cell.toCartesian(s, d);
            d[0] = x - d[0]; d[1] = y - d[1]; d[2] = z - d[2];
            double r2 = cell.minimumImage(d);
            g += Math.exp(-r2 * inv2s2);
        }
        return uniform / cell.volume() + (1 - uniform) / sites.length * gaussNorm * g;
    }
}
