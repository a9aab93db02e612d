package org.scalebridge.potential.mtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalebridge.core.Rng;

/**
 * The generated basis of every shipped level equals MLIP's template: the same basic moments in the same order, the
 * same number of radial functions and of scalar basis functions, and — group by group of functions built from the
 * same tensors — the same functions up to linear recombination (the generated and the template functions, evaluated
 * on random neighbourhoods, span the same space). The generated functions are also rotation invariant.
 */
class MtpBasisGeneratorTest {
    @ParameterizedTest
    @ValueSource(ints = {6, 8, 10, 12, 16, 20})
    void generatedBasisEqualsTemplate(int level) {
        MtpModel t = MtpFormat.read(MtpReferenceTest.ref().resolve(String.format("templates/%02d.mtp", level)));
        MtpModel g = MtpBasisGenerator.generate(level, 1);
        assertEquals(t.radialFuncsCount, g.radialFuncsCount);
        assertEquals(t.alphaIndexBasic.length, g.alphaIndexBasic.length);
        for (int b = 0; b < t.alphaIndexBasic.length; b++) assertArrayEquals(t.alphaIndexBasic[b], g.alphaIndexBasic[b]);
        assertEquals(t.alphaScalarMoments(), g.alphaScalarMoments());
        assertEquals(level, g.level());
        // signatures: multiset of basic tensors (μ, ν) of each scalar function
        Map<String, List<Integer>> st = groups(t), sg = groups(g);
        assertEquals(st.keySet(), sg.keySet());
        for (String key : st.keySet()) assertEquals(st.get(key).size(), sg.get(key).size(), key);
        // span test on random neighbourhoods
        Rng rng = new Rng(level);
        double[] radial = new double[t.radialParameterCount()];
        for (int q = 0; q < radial.length; q++) radial[q] = rng.nextDouble() - 0.5;
        MtpKernel kt = kernel(t, radial), kg = kernel(g, radial);
        int envs = 3 * t.alphaScalarMoments() + 20;
        double[][] bt = new double[envs][], bg = new double[envs][];
        MtpKernel.Workspace wt = kt.workspace(), wg = kg.workspace();
        double maxRot = 0;
        for (int e = 0; e < envs; e++) {
            int nn = 4 + (int) (rng.nextDouble() * 10);
            wt.nn = 0; wg.nn = 0;
            double[][] rot = randomRotation(rng);
            MtpKernel.Workspace wr = kg.workspace();
            for (int n = 0; n < nn; n++) {
                double x, y, z, d;
                do {
                    x = (rng.nextDouble() * 2 - 1) * 5; y = (rng.nextDouble() * 2 - 1) * 5; z = (rng.nextDouble() * 2 - 1) * 5;
                    d = Math.sqrt(x * x + y * y + z * z);
                } while (d < 1.8 || d > 4.9);
                wt.add(x, y, z, 0, n, 0);
                wg.add(x, y, z, 0, n, 0);
                wr.add(rot[0][0] * x + rot[0][1] * y + rot[0][2] * z, rot[1][0] * x + rot[1][1] * y + rot[1][2] * z,
                        rot[2][0] * x + rot[2][1] * y + rot[2][2] * z, 0, n, 0);
            }
            bt[e] = new double[t.alphaScalarMoments()];
            bg[e] = new double[g.alphaScalarMoments()];
            kt.basis(wt, 0, bt[e]);
            kg.basis(wg, 0, bg[e]);
            double[] br = new double[g.alphaScalarMoments()];
            kg.basis(wr, 0, br);
            for (int q = 0; q < br.length; q++) maxRot = Math.max(maxRot, Math.abs(br[q] - bg[e][q]) / (1 + Math.abs(bg[e][q])));
        }
        // invariance to rounding: products of ≤ 4 moments of ~10 terms each
        assertTrue(maxRot < 1e-10, "generated basis not rotation invariant: " + maxRot);
        for (String key : st.keySet()) {
            List<Integer> it = st.get(key), ig = sg.get(key);
            int n = it.size();
            double[][] both = new double[envs][2 * n];
            for (int e = 0; e < envs; e++) {
                for (int q = 0; q < n; q++) { both[e][q] = bt[e][it.get(q)]; both[e][n + q] = bg[e][ig.get(q)]; }
            }
            normalizeColumns(both);
            assertEquals(n, rank(both, 0, n), "template group " + key + " is rank deficient");
            assertEquals(n, rank(both, n, 2 * n), "generated group " + key + " is rank deficient");
            assertEquals(n, rank(both, 0, 2 * n), "group " + key + ": generated and template functions span different spaces");
        }
        System.out.printf("level %d: %d basic moments, %d scalar functions, %d contractions (template %d); rotation error %.1e%n",
                level, g.alphaIndexBasic.length, g.alphaScalarMoments(), g.alphaIndexTimes.length, t.alphaIndexTimes.length, maxRot);
    }

    static MtpKernel kernel(MtpModel m, double[] radial) {
        MtpModel c = m.copy();
        c.radialCoeffs = radial.clone();
        c.speciesCoeffs = new double[c.speciesCount];
        c.momentCoeffs = new double[c.alphaScalarMoments()];
        return new MtpKernel(c);
    }

    static Map<String, List<Integer>> groups(MtpModel m) {
        Map<Integer, int[]> def = new LinkedHashMap<>();
        for (int[] t : m.alphaIndexTimes) def.putIfAbsent(t[3], t);
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int q = 0; q < m.alphaMomentMapping.length; q++) {
            List<String> f = new ArrayList<>();
            factors(m, def, m.alphaMomentMapping[q], f);
            f.sort(null);
            out.computeIfAbsent(f.toString(), k -> new ArrayList<>()).add(q);
        }
        return out;
    }

    private static void factors(MtpModel m, Map<Integer, int[]> def, int k, List<String> out) {
        if (k < m.alphaIndexBasic.length) {
            int[] b = m.alphaIndexBasic[k];
            out.add(b[0] + ":" + (b[1] + b[2] + b[3]));
            return;
        }
        int[] t = def.get(k);
        factors(m, def, t[0], out);
        factors(m, def, t[1], out);
    }

    static void normalizeColumns(double[][] a) {
        for (int c = 0; c < a[0].length; c++) {
            double s = 0;
            for (double[] row : a) s += row[c] * row[c];
            s = Math.sqrt(s);
            if (s > 0) for (double[] row : a) row[c] /= s;
        }
    }

    static int rank(double[][] a, int from, int to) {
        double[][] sub = new double[a.length][];
        for (int r = 0; r < a.length; r++) sub[r] = Arrays.copyOfRange(a[r], from, to);
        double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(sub, false)).getSingularValues();
        int rank = 0;
        for (double v : sv) if (v > 1e-8 * sv[0]) rank++;
        return rank;
    }

    static double[][] randomRotation(Rng rng) {
        double a = rng.nextDouble() * 6.283, b = rng.nextDouble() * 3.1416, c = rng.nextDouble() * 6.283;
        double[][] rz1 = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] rz2 = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
        return mul(rz1, mul(ry, rz2));
    }

    static double[][] mul(double[][] x, double[][] y) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i][j] += x[i][k] * y[k][j];
        return r;
    }
}
