package org.scalebridge.continuum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExprTest {
    /** The exp-based tanh/sinh/cosh agree with the JDK's fdlibm ones to a few ulps (≤ 4e-15 relative) everywhere. */
    @Test
    void hyperbolicFunctionsMatchTheJdk() {
        double worst = 0;
        for (int i = -200000; i <= 200000; i++) {
            double x = i * 1.37e-4 + (i % 7) * 1e-9; // −27.4 … 27.4, including the series/closed-form switch at 1/16
            worst = Math.max(worst, Math.abs(Expr.tanh(x) - Math.tanh(x)) / Math.max(Math.abs(Math.tanh(x)), 1e-300));
            if (Math.abs(x) < 700) {
                worst = Math.max(worst, Math.abs(Expr.sinh(x) - Math.sinh(x)) / Math.max(Math.abs(Math.sinh(x)), 1e-300));
                worst = Math.max(worst, Math.abs(Expr.cosh(x) - Math.cosh(x)) / Math.cosh(x));
            }
        }
        for (double x : new double[]{1e-300, -1e-20, 1e-8, 0.0624999, 0.0625, 0.0625001})
            worst = Math.max(worst, Math.abs(Expr.tanh(x) - Math.tanh(x)) / Math.abs(Math.tanh(x)));
        assertEquals(0.0, worst, 4e-15);
        assertEquals(0.0, Expr.tanh(0.0));
        assertEquals(1.0, Expr.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Expr.tanh(-800));
        assertEquals(true, Double.isNaN(Expr.tanh(Double.NaN)));
    }

    @Test
    void compiledExpressionsEvaluate() {
        Expr e = Expr.compile("tanh(x) + x^3 - sinh(x)*cosh(x)", "test", "x");
        double x = 0.7;
        assertEquals(Math.tanh(x) + x * x * x - Math.sinh(x) * Math.cosh(x), e.eval(new double[]{x}), 1e-14);
    }
}
