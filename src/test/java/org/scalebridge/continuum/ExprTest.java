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

    /** The flattened copy (fast()) gives bit-identical values to the tree, including bound and folded forms. */
    @Test
    void flattenedCopyIsBitIdentical() {
        String[] texts = {
            "8.31446261815324*T*ln(sto/(1-sto)) + 9183.80503509*(1-2*sto) + 5728.69889752*((1-2*sto)^2 - 2*sto*(1-sto))",
            "exp(-30.42299655 + (-40.80467779 + 30.42299655)*0.5*(1 + tanh((sto - 0.4)/0.05)))",
            "0.7*(sto/1000)*exp(1 - sto/1000)*exp(17000/8.31446261815324*(1/298.15 - 1/T)) + 1e-4",
            "min(sto, 0.5) - max(T/400, sto)^1.5 + pow(sto, 3) + sqrt(sto)*sinh(sto)/cosh(-sto) - abs(0.3 - sto) + 2/sto - (-sto)",
            "sto^0.5 + T^2 - 1/(T - sto)"};
        for (String text : texts) {
            Expr tree = Expr.compile(text, "test", "sto", "T");
            Expr bound = tree.bind(1, 400.0), fastBound = tree.fast().bind(1, 400.0), fast = tree.fast();
            for (int i = 1; i < 2000; i++) {
                double x = i / 2000.0;
                double[] v = {x, 350 + 0.05 * i};
                assertEquals(Double.doubleToLongBits(tree.eval(v)), Double.doubleToLongBits(fast.eval(v)), text + " at " + x);
                v[1] = 400.0;
                assertEquals(Double.doubleToLongBits(bound.eval(v)), Double.doubleToLongBits(fastBound.eval(v)), text + " bound at " + x);
                assertEquals(Double.doubleToLongBits(bound.eval(v)), Double.doubleToLongBits(bound.fast().eval(v)), text + " bound at " + x);
            }
        }
        assertEquals(true, Expr.compile("3*2", "test", "x").fast().isConstant());
    }
}
