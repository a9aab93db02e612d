package org.scalebridge.potential.mtp;

import java.util.Arrays;

/**
 * A Moment Tensor Potential (Shapeev 2016; Gubaev et al. 2019; Novikov et al. 2021), as described by the MLIP
 * {@code .mtp} format: a Chebyshev radial basis on [min_dist, max_dist] times (max_dist − r)², K radial functions per
 * ordered species pair, basic moment tensors {@code alpha_index_basic} = {μ, a, b, c} (radial function μ times
 * x̂^a ŷ^b ẑ^c summed over neighbours), contractions {@code alpha_index_times} = {i, j, mult, k} (moment k +=
 * mult·m_i·m_j), the scalar basis {@code alpha_moment_mapping}, and the linear coefficients.
 *
 * <p>Parameter vector θ (used by training and the extrapolation grade), in MLIP's order: radial coefficients
 * [C·C·K·R] (block (z_i, z_j), function μ, Chebyshev index β), then species coefficients [C], then moment
 * coefficients [alpha_scalar_moments].
 */
public final class MtpModel {
    public String version = "1.1.0";
    public String potentialName = "MTP1m";
    /** Global factor of the radial functions; null when the file has no scaling line (then 1). */
    public Double scaling;
    public int speciesCount = 1;
    public String potentialTag = "";
    public String radialBasisType = "RBChebyshev";
    public double minDist = 2, maxDist = 5;
    public int radialBasisSize = 8;
    public int radialFuncsCount;
    /** Radial coefficients [((zi·C + zj)·K + μ)·R + β], or null for an untrained template. */
    public double[] radialCoeffs;
    /** Labels of the radial blocks' species (MLIP-3 type list); index = coefficient index. */
    public int[] blockSpecies;
    public int alphaMomentsCount;
    /** Leading whitespace of the alpha_moments_count line (MLIP's larger templates indent it); kept for round trips. */
    public String alphaCountIndent = "";
    public int[][] alphaIndexBasic = new int[0][];
    public int[][] alphaIndexTimes = new int[0][];
    public int[] alphaMomentMapping = new int[0];
    /** Constant site energy per species (eV), or null when untrained. */
    public double[] speciesCoeffs;
    /** Coefficients of the scalar basis functions (eV), or null when untrained. */
    public double[] momentCoeffs;

    public int alphaScalarMoments() { return alphaMomentMapping.length; }

    public double scalingOrOne() { return scaling == null ? 1.0 : scaling; }

    /** True when all coefficients are present. */
    public boolean isTrained() { return radialCoeffs != null && speciesCoeffs != null && momentCoeffs != null; }

    public int radialParameterCount() { return speciesCount * speciesCount * radialFuncsCount * radialBasisSize; }

    /** Total number of parameters C²·K·R + C + alpha_scalar_moments. */
    public int parameterCount() { return radialParameterCount() + speciesCount + alphaScalarMoments(); }

    /** Level of the basis: max over scalar basis functions of Σ (2 + 4μ + ν) over its basic factors. */
    public int level() {
        int[] lev = momentLevels();
        int l = 0;
        for (int k : alphaMomentMapping) l = Math.max(l, lev[k]);
        return l;
    }

    /** Level of every moment (basic: 2 + 4μ + ν; product: sum of the factors' levels). */
    public int[] momentLevels() {
        int[] lev = new int[alphaMomentsCount];
        for (int b = 0; b < alphaIndexBasic.length; b++) {
            int[] a = alphaIndexBasic[b];
            lev[b] = 2 + 4 * a[0] + a[1] + a[2] + a[3];
        }
        for (int[] t : alphaIndexTimes) lev[t[3]] = lev[t[0]] + lev[t[1]];
        return lev;
    }

    /** θ in MLIP order (radial, species, moment); requires a trained model. */
    public double[] parameters() {
        double[] p = new double[parameterCount()];
        int r = radialParameterCount(), c = speciesCount;
        System.arraycopy(radialCoeffs, 0, p, 0, r);
        System.arraycopy(speciesCoeffs, 0, p, r, c);
        System.arraycopy(momentCoeffs, 0, p, r + c, alphaScalarMoments());
        return p;
    }

    /** Sets θ (radial, species, moment). */
    public void setParameters(double[] p) {
        int r = radialParameterCount(), c = speciesCount;
        if (p.length != parameterCount()) throw new IllegalArgumentException("expected " + parameterCount() + " parameters");
        radialCoeffs = Arrays.copyOfRange(p, 0, r);
        speciesCoeffs = Arrays.copyOfRange(p, r, r + c);
        momentCoeffs = Arrays.copyOfRange(p, r + c, p.length);
    }

    /** Deep copy. */
    public MtpModel copy() {
        MtpModel m = new MtpModel();
        m.version = version; m.potentialName = potentialName; m.scaling = scaling; m.speciesCount = speciesCount;
        m.potentialTag = potentialTag; m.radialBasisType = radialBasisType; m.minDist = minDist; m.maxDist = maxDist;
        m.radialBasisSize = radialBasisSize; m.radialFuncsCount = radialFuncsCount;
        m.radialCoeffs = radialCoeffs == null ? null : radialCoeffs.clone();
        m.blockSpecies = blockSpecies == null ? null : blockSpecies.clone();
        m.alphaMomentsCount = alphaMomentsCount;
        m.alphaCountIndent = alphaCountIndent;
        m.alphaIndexBasic = deep(alphaIndexBasic);
        m.alphaIndexTimes = deep(alphaIndexTimes);
        m.alphaMomentMapping = alphaMomentMapping.clone();
        m.speciesCoeffs = speciesCoeffs == null ? null : speciesCoeffs.clone();
        m.momentCoeffs = momentCoeffs == null ? null : momentCoeffs.clone();
        return m;
    }

    private static int[][] deep(int[][] a) {
        int[][] r = new int[a.length][];
        for (int i = 0; i < a.length; i++) r[i] = a[i].clone();
        return r;
    }

    /** Checks the internal consistency of the basis definition; throws IllegalStateException naming the problem. */
    public void validate() {
        if (speciesCount < 1) throw new IllegalStateException("species_count must be ≥ 1");
        if (!(maxDist > minDist) || !(minDist >= 0)) throw new IllegalStateException("need 0 ≤ min_dist < max_dist");
        if (radialBasisSize < 1 || radialFuncsCount < 1) throw new IllegalStateException("radial sizes must be ≥ 1");
        if (alphaMomentsCount < alphaIndexBasic.length) throw new IllegalStateException("alpha_moments_count too small");
        for (int[] b : alphaIndexBasic) {
            if (b.length != 4 || b[0] < 0 || b[0] >= radialFuncsCount || b[1] < 0 || b[2] < 0 || b[3] < 0) {
                throw new IllegalStateException("bad alpha_index_basic entry " + Arrays.toString(b));
            }
        }
        for (int[] t : alphaIndexTimes) {
            if (t.length != 4 || t[0] < 0 || t[1] < 0 || t[0] >= alphaMomentsCount || t[1] >= alphaMomentsCount
                    || t[3] < alphaIndexBasic.length || t[3] >= alphaMomentsCount || t[0] >= t[3] || t[1] >= t[3]) {
                throw new IllegalStateException("bad alpha_index_times entry " + Arrays.toString(t));
            }
        }
        for (int k : alphaMomentMapping) {
            if (k < 0 || k >= alphaMomentsCount) throw new IllegalStateException("bad alpha_moment_mapping entry " + k);
        }
        if (radialCoeffs != null && radialCoeffs.length != radialParameterCount()) {
            throw new IllegalStateException("radial_coeffs has " + radialCoeffs.length + " numbers, expected " + radialParameterCount());
        }
        if (speciesCoeffs != null && speciesCoeffs.length != speciesCount) {
            throw new IllegalStateException("species_coeffs has " + speciesCoeffs.length + " values, expected " + speciesCount);
        }
        if (momentCoeffs != null && momentCoeffs.length != alphaScalarMoments()) {
            throw new IllegalStateException("moment_coeffs has " + momentCoeffs.length + " values, expected " + alphaScalarMoments());
        }
    }
}
