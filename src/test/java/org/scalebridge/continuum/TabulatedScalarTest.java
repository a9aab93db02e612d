package org.scalebridge.continuum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The residual's tabulated one-variable functions (Fickian OCPs, electrolyte properties) against their expressions. */
class TabulatedScalarTest {
    private static final double T = 298.15;

    private static double maxError(TabulatedScalar tab, Expr f, double lo, double hi, boolean relative) {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] a = {0, T};
        double worst = 0;
        for (int i = 0; i < 100_000; i++) {
            double x = lo + (hi - lo) * rnd.nextDouble();
            a[0] = x;
            double fx = f.eval(a), e = Math.abs(tab.at(x) - fx);
            worst = Math.max(worst, relative ? e / Math.abs(fx) : e);
        }
        return worst;
    }

    @Test
    void marquisOcpsAndConductivityMatchTheirExpressions() {
        P2dParameters p = P2dParameters.bundled("marquis2019");
        for (P2dParameters.Electrode e : new P2dParameters.Electrode[] {p.negative, p.positive}) {
            TabulatedScalar u = TabulatedScalar.of(e.ocp.bind(1, T), 2, 0, 1, 1e-9, 0);
            assertTrue(u.tabulated(), "a smooth OCP must be tabulated");
            // the table is built to 1e-9 V at three check points per interval; random points may see a little more
            assertTrue(maxError(u, e.ocp, 0, 1, false) < 2e-9, "OCP error " + maxError(u, e.ocp, 0, 1, false));
            // outside [0, 1] (Newton iterates) the expression itself is evaluated: bit-identical
            double[] a = {1.02, T};
            assertEquals(e.ocp.eval(a), u.at(1.02), 0.0);
        }
        double c0 = p.electrolyte.cInit;
        TabulatedScalar k = TabulatedScalar.of(p.electrolyte.conductivity.bind(1, T), 2, 0.01 * c0, 4 * c0, 0, 1e-9);
        assertTrue(k.tabulated());
        assertTrue(maxError(k, p.electrolyte.conductivity, 0.01 * c0, 4 * c0, true) < 2e-9);
        double[] a = {5 * c0, T};
        assertEquals(p.electrolyte.conductivity.eval(a), k.at(5 * c0), 0.0);
    }

    @Test
    void constantsAndDataTablesAreKeptAsTheyAre() {
        TabulatedScalar c = TabulatedScalar.of(Expr.constant(0.4), 2, 0, 1, 1e-9, 0);
        assertFalse(c.tabulated());
        assertEquals(0.4, c.at(0.3), 0.0);
        TableFunction t = new TableFunction(0, new double[] {0, 0.5, 1}, new double[] {4.0, 3.5, 3.0}, false, true, "test");
        TabulatedScalar tt = TabulatedScalar.of(t, 2, 0, 1, 1e-9, 0);
        assertFalse(tt.tabulated(), "a piecewise-linear data table stays a table");
        assertEquals(3.75, tt.at(0.25), 1e-15);
    }
}
