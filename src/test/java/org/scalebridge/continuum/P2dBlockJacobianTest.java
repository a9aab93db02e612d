package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The analytic particle-block Jacobian ({@link P2dModel#blockJacobian}) against central finite differences of the full
 * residual, entry by entry, on states with steep particle fronts: Cahn–Hilliard (tabulated μ with ideal-mixing ends,
 * phase-dependent D, uniform and stretched meshes, lattice and dilute mobility, strain) and Fickian (constant and
 * concentration-dependent D) particles.
 */
class P2dBlockJacobianTest {
    /** Front-like particle profiles and a perturbed electrolyte, so every term of the Jacobian is exercised. */
    private static double[] frontState(P2dModel m) {
        double[] y = m.initialState(5.0);
        P2dParameters p = m.parameters();
        for (int i = 0; i < m.cells(); i++) {
            int o = m.offset(i);
            y[o] *= 1 + 0.1 * Math.sin(0.7 * i);
            if (!m.isElectrode(i)) continue;
            Particle pt = m.particle(i);
            double[] r = pt.radii();
            double rr = r[r.length - 1];
            boolean pos = m.domain(i) == 2;
            P2dParameters.Electrode e = pos ? p.positive : p.negative;
            for (int k = 0; k < r.length; k++) {
                double s = r[k] / rr, x;
                if (pos) { double r0 = 0.3 + 0.5 * ((i * 0.37) % 1.0); x = 0.02 + 0.85 / (1 + Math.exp((s - r0) / 0.05)); }
                else x = 0.05 + 0.3 * s * s + 0.01 * i;
                y[o + 4 + k] = x * e.cMax;
            }
        }
        return y;
    }

    private static void check(P2dModel m, String what) {
        double[] y = frontState(m);
        int n = m.size();
        double[][] ana = new double[n][];
        boolean[][] set = new boolean[n][];
        for (int b = 0; b < m.blockCount(); b++) {
            m.blockJacobian(b, 0, y, (r, c, v) -> {
                if (ana[r] == null) { ana[r] = new double[n]; set[r] = new boolean[n]; }
                ana[r][c] = v; set[r][c] = true;
            });
        }
        double[] fp = new double[n], fm = new double[n], y0 = y.clone();
        double[] scale = new double[n];
        m.typicalScale(scale);
        int checked = 0;
        for (int b = 0; b < m.blockCount(); b++) {
            int s0 = m.blockStart(b), sz = m.blockSize(b), hinge = m.blockHinge(b);
            // local index 0 = the hinge j, 1..sz = the block's nodes; fd[row][col] by central differences of the residual
            double[][] fd = new double[sz + 1][sz + 1];
            int[] g = new int[sz + 1];
            g[0] = hinge;
            for (int k = 0; k < sz; k++) g[k + 1] = s0 + k;
            for (int lc = 0; lc <= sz; lc++) {
                int col = g[lc];
                double h = 1e-6 * Math.max(Math.abs(y[col]), scale[col]);
                y[col] = y0[col] + h; m.rhs(0, y, fp);
                y[col] = y0[col] - h; m.rhs(0, y, fm);
                y[col] = y0[col];
                for (int lr = 0; lr <= sz; lr++) fd[lr][lc] = (fp[g[lr]] - fm[g[lr]]) / (2 * h);
            }
            for (int lr = 0; lr <= sz; lr++) {
                int row = g[lr];
                // the row's scale: its largest entry times the typical size of that variable, max_c |∂f_r/∂y_c| s_c;
                // an entry is right if its error moves f_r by < 1e-6 of that for a typical change s_c of y_c
                // (central differences with h = 1e-6 s are good to ~1e-9 of it; the hinge row's own central
                // differences in the model to ~1e-9 too)
                double rowScale = 0;
                for (int lc = 0; lc <= sz; lc++) rowScale = Math.max(rowScale, Math.abs(fd[lr][lc]) * scale[g[lc]]);
                for (int lc = 0; lc <= sz; lc++) {
                    int col = g[lc];
                    if (lr == 0 && lc == 0) continue; // ∂f_j/∂j: outer entry, differenced by the integrator
                    double a = ana[row] != null && set[row][col] ? ana[row][col] : 0.0;
                    double tol = 1e-6 * rowScale / scale[col] + 1e-300;
                    assertEquals(fd[lr][lc], a, tol, what + ": ∂f[" + row + "]/∂y[" + col + "] (block " + b + ")");
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, what);
    }

    private static P2dParameters sample() {
        return P2dParameters.load(Path.of("samples", "mnfepba_p2d", "mnfepba_hardcarbon.json"));
    }

    @Test
    void cahnHilliardAndFickianBlocksOfTheMnFePbaSample() {
        check(new P2dModel(sample(), 4, 2, 4, 8, 30, 1.0), "MnFePBA uniform");
        check(new P2dModel(sample(), 3, 2, 3, 8, 30, 1.04), "MnFePBA stretched");
    }

    @Test
    void diluteMobilityStrainAndConcentrationDependentFickianD() {
        P2dParameters p = sample();
        p.positive.latticeMobility = false;
        p.positive.strainB = 1.916e8; // MPET's LiFePO4 coherency strain [J/m³]: B/c_max ≈ 1.7e4 J/mol here
        p.negative.diffusivity = Expr.compile("5e-14*(1 + 3*sto^2)*exp(-0.5*sto)", "D", "sto", "c", "T");
        check(new P2dModel(p, 3, 2, 3, 10, 25, 1.0), "dilute + strain + D(c)");
    }

    /**
     * With coherency strain μ_i has a mean part the same at every node; it cancels in the fluxes, and must do so to
     * the last bit, or the probed pattern of every particle block fills up and each is factorised as a full band.
     */
    @Test
    void aStrainedCahnHilliardBlockKeepsItsFiveDiagonalPattern() {
        P2dParameters p = sample();
        p.positive.strainB = 1.916e8;
        P2dModel m = new P2dModel(p, 3, 2, 3, 10, 25, 1.0);
        double[] y = frontState(m), scale = new double[m.size()];
        m.typicalScale(scale);
        SparseJacobian jac = SparseJacobian.probe(m, scale, 0, y);
        int blocks = 0;
        for (int b = 0; b < m.blockCount(); b++) {
            int s0 = m.blockStart(b), sz = m.blockSize(b), hinge = m.blockHinge(b), hingeRowEntries = 0;
            for (int c = s0; c < s0 + sz; c++) for (int k = jac.colPtr[c]; k < jac.colPtr[c + 1]; k++) {
                int r = jac.colRows[k];
                if (r >= s0 && r < s0 + sz) assertTrue(Math.abs(r - c) <= 2, "block " + b + ": entry (" + r + ", " + c + ")");
                if (r == hinge) hingeRowEntries++;
            }
            if (m.domain(m.cells() - 1) == 2 && b >= m.blockCount() / 2) {
                assertEquals(sz, hingeRowEntries, "the kinetics row reads every node through the mean (block " + b + ")");
                blocks++;
            }
        }
        assertEquals(3, blocks);
    }

    @Test
    void marquisFickianBlocks() {
        check(new P2dModel(P2dParameters.bundled("marquis2019"), 3, 2, 3, 10, 10, 1.0), "Marquis2019");
    }
}
